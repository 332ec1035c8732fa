#include "releasekeys.h"

#include "base64strict.h"
#include "keyfiles.h"
#include "sodiuminit.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

namespace portico::release {

using namespace keyfiles;

QString keyIdOf(const QByteArray &publicKey)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).left(8).toHex());
}

bool isWellFormedKeyId(const QString &keyId)
{
    if (keyId.size() != 16)
        return false;
    for (const QChar c : keyId) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

bool verifyDetached(const QByteArray &message, const QByteArray &signature, const PublicKey &key)
{
    if (signature.size() != kSignatureSize || key.bytes.size() != kPublicKeySize)
        return false;
    ensureSodium();
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.constData()),
                                       reinterpret_cast<const unsigned char *>(message.constData()),
                                       static_cast<unsigned long long>(message.size()),
                                       reinterpret_cast<const unsigned char *>(key.bytes.constData()))
        == 0;
}

QByteArray publicKeyJson(const PublicKey &key)
{
    const QJsonObject object {{QStringLiteral("kind"), kindName(key.role, false)},
                              {QStringLiteral("key_id"), key.keyId()},
                              {QStringLiteral("public_key"), QString::fromLatin1(key.bytes.toBase64())}};
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

Result<PublicKey> parsePublicKeyJson(const QByteArray &json)
{
    bool ok = false;
    const QJsonObject object = parseObject(json, &ok);
    if (!ok)
        return malformed(QStringLiteral("a public key file is a JSON object"));
    const auto role = roleOfKind(object.value(QStringLiteral("kind")).toString(), false);
    if (!role)
        return malformed(QStringLiteral("\"kind\" is not portico-root-public or portico-release-public"));
    const auto bytes = decodeBase64Value(object.value(QStringLiteral("public_key")), kPublicKeySize);
    if (!bytes || bytes->size() != kPublicKeySize)
        return malformed(QStringLiteral("\"public_key\" is not base64 of 32 bytes"));
    PublicKey key {*role, *bytes};
    if (object.value(QStringLiteral("key_id")).toString() != key.keyId())
        return malformed(QStringLiteral("\"key_id\" does not match the public key"));
    return key;
}

std::optional<QByteArray> decodePublicKeyBase64(const QString &base64)
{
    const auto bytes = decodeBase64Value(QJsonValue(base64), kPublicKeySize);
    if (!bytes || bytes->size() != kPublicKeySize)
        return std::nullopt;
    return bytes;
}

std::optional<Error> writePublicKeyFile(const QString &path, const PublicKey &key)
{
    return writeNewFile(path, publicKeyJson(key),
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                            | QFileDevice::ReadOther);
}

Result<PublicKey> readPublicKeyFile(const QString &path)
{
    auto content = readSmallFile(path);
    if (!content)
        return content.error();
    auto key = parsePublicKeyJson(content.value());
    if (!key)
        return Error {key.error().code, path + QStringLiteral(": ") + key.error().message};
    return key;
}

} // namespace portico::release
