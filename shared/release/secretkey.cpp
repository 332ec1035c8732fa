// The secret half of the release keys: generation, signing and secret key files. Kept in an
// object file of its own so that a program that only verifies (the server, the client) does
// not link any of it; tests/package/check-no-signing.cmake checks their binaries.
#include "base64strict.h"
#include "keyfiles.h"
#include "releasekeys.h"
#include "sodiuminit.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace portico::release {

using namespace keyfiles;

SecretKey::SecretKey(KeyRole role, QByteArray bytes)
    : m_role(role)
    , m_bytes(std::move(bytes))
{
    m_bytes.detach();
}

SecretKey::SecretKey(const SecretKey &other)
    : m_role(other.m_role)
    , m_bytes(other.m_bytes.constData(), other.m_bytes.size())
{ }

SecretKey &SecretKey::operator=(const SecretKey &other)
{
    if (this != &other) {
        sodium_memzero(m_bytes.data(), static_cast<std::size_t>(m_bytes.size()));
        m_role = other.m_role;
        m_bytes = QByteArray(other.m_bytes.constData(), other.m_bytes.size());
    }
    return *this;
}

SecretKey::~SecretKey()
{
    sodium_memzero(m_bytes.data(), static_cast<std::size_t>(m_bytes.size()));
}

PublicKey SecretKey::publicKey() const
{
    return PublicKey {m_role, m_bytes.right(kPublicKeySize)};
}

KeyPair generateKeyPair(KeyRole role)
{
    ensureSodium();
    QByteArray publicBytes(kPublicKeySize, Qt::Uninitialized);
    QByteArray secretBytes(kSecretKeySize, Qt::Uninitialized);
    crypto_sign_keypair(reinterpret_cast<unsigned char *>(publicBytes.data()),
                        reinterpret_cast<unsigned char *>(secretBytes.data()));
    KeyPair pair {PublicKey {role, publicBytes}, SecretKey(role, secretBytes)};
    sodium_memzero(secretBytes.data(), static_cast<std::size_t>(secretBytes.size()));
    return pair;
}

QByteArray signDetached(const QByteArray &message, const SecretKey &key)
{
    ensureSodium();
    QByteArray signature(kSignatureSize, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(message.constData()),
                         static_cast<unsigned long long>(message.size()),
                         reinterpret_cast<const unsigned char *>(key.bytes().constData()));
    return signature;
}

std::optional<Error> writeSecretKeyFile(const QString &path, const SecretKey &key)
{
    QByteArray encoded = key.bytes().toBase64();
    const QJsonObject object {{QStringLiteral("kind"), kindName(key.role(), true)},
                              {QStringLiteral("key_id"), key.keyId()},
                              {QStringLiteral("secret_key"), QString::fromLatin1(encoded)}};
    QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Indented);
    auto error = writeNewFile(path, json, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    sodium_memzero(encoded.data(), static_cast<std::size_t>(encoded.size()));
    sodium_memzero(json.data(), static_cast<std::size_t>(json.size()));
    return error;
}

Result<SecretKey> readSecretKeyFile(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat status
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return fileError(QStringLiteral("cannot read %1").arg(path));
    if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return fileError(
            QStringLiteral("%1 is accessible by group or others; a secret key file must have mode 0600 "
                           "(chmod 600 %1)")
                .arg(path));
#endif
    auto content = readSmallFile(path);
    if (!content)
        return content.error();
    bool ok = false;
    const QJsonObject object = parseObject(content.value(), &ok);
    sodium_memzero(content.value().data(), static_cast<std::size_t>(content.value().size()));
    if (!ok)
        return malformed(QStringLiteral("%1 is not a JSON object").arg(path));
    const auto role = roleOfKind(object.value(QStringLiteral("kind")).toString(), true);
    if (!role)
        return malformed(
            QStringLiteral("%1: \"kind\" is not portico-root-secret or portico-release-secret").arg(path));
    auto bytes = decodeBase64Value(object.value(QStringLiteral("secret_key")), kSecretKeySize);
    if (!bytes || bytes->size() != kSecretKeySize)
        return malformed(QStringLiteral("%1: \"secret_key\" is not base64 of 64 bytes").arg(path));
    SecretKey key(*role, *bytes);
    sodium_memzero(bytes->data(), static_cast<std::size_t>(bytes->size()));
    // The public half stored in the secret key must belong to its seed.
    ensureSodium();
    QByteArray derived(kPublicKeySize, Qt::Uninitialized);
    crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char *>(derived.data()),
                                 reinterpret_cast<const unsigned char *>(key.bytes().constData()));
    QByteArray seedPublic(kPublicKeySize, Qt::Uninitialized);
    QByteArray scratch(kSecretKeySize, Qt::Uninitialized);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char *>(seedPublic.data()),
                             reinterpret_cast<unsigned char *>(scratch.data()),
                             reinterpret_cast<const unsigned char *>(key.bytes().constData()));
    sodium_memzero(scratch.data(), static_cast<std::size_t>(scratch.size()));
    if (seedPublic != derived)
        return malformed(QStringLiteral("%1: the secret key is inconsistent").arg(path));
    if (object.value(QStringLiteral("key_id")).toString() != key.keyId())
        return malformed(QStringLiteral("%1: \"key_id\" does not match the key").arg(path));
    return key;
}

} // namespace portico::release
