#include "releases/signedrelease.h"

#include "auth/sodiumruntime.h"
#include "releases/releaseversion.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <sodium.h>

namespace portico::server {

namespace {

constexpr auto EnvelopeFormat = "portico-signed-v1";

ReleaseRejected rejected(const char *code, const QString &message)
{
    return ReleaseRejected(QString::fromLatin1(code), message);
}

QByteArray base64(const QJsonObject &object, const char *key)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        object.value(QLatin1String(key)).toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? *decoded : QByteArray();
}

// The envelope's payload once its signature by `publicKey` checks out.
QByteArray signedPayload(const QJsonObject &envelope, const QByteArray &publicKey, const char *what)
{
    const QByteArray payload = base64(envelope, "payload");
    const QByteArray signature = base64(envelope, "signature");
    if (payload.isEmpty() || signature.size() != crypto_sign_BYTES
        || publicKey.size() != crypto_sign_PUBLICKEYBYTES)
        throw rejected("bad_signature",
                       QStringLiteral("The %1 carries no valid signature").arg(QLatin1String(what)));
    initializeSodium();
    if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.constData()),
                                    reinterpret_cast<const unsigned char *>(payload.constData()),
                                    static_cast<unsigned long long>(payload.size()),
                                    reinterpret_cast<const unsigned char *>(publicKey.constData()))
        != 0)
        throw rejected("bad_signature",
                       QStringLiteral("The %1's signature does not match").arg(QLatin1String(what)));
    return payload;
}

void requireEnvelope(const QJsonObject &envelope, const char *type, const char *what)
{
    if (envelope.value(QStringLiteral("format")).toString() != QLatin1String(EnvelopeFormat)
        || envelope.value(QStringLiteral("type")).toString() != QLatin1String(type))
        throw rejected("bad_manifest",
                       QStringLiteral("The %1 is not a signed %2 envelope (%3)")
                           .arg(QLatin1String(what), QLatin1String(type), QLatin1String(EnvelopeFormat)));
}

QJsonObject payloadObject(const QByteArray &payload, const char *type, const char *what)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()
        || document.object().value(QStringLiteral("type")).toString() != QLatin1String(type))
        throw rejected(
            "bad_manifest",
            QStringLiteral("The %1's payload is not a %2").arg(QLatin1String(what), QLatin1String(type)));
    return document.object();
}

QDateTime timeField(const QJsonObject &object, const char *key)
{
    return QDateTime::fromString(object.value(QLatin1String(key)).toString(), Qt::ISODateWithMs);
}

// The release keys the root key vouches for, minus the revoked ones: key id -> public key.
QHash<QString, QByteArray> releaseKeys(const QJsonObject &keysEnvelope, const QByteArray &rootPublicKey,
                                       QSet<QString> &revoked)
{
    requireEnvelope(keysEnvelope, "keylist", "key list");
    const QJsonObject list = payloadObject(signedPayload(keysEnvelope, rootPublicKey, "key list"),
                                           "portico-release-keys", "key list");
    for (const QJsonValue id : list.value(QStringLiteral("revoked")).toArray())
        revoked.insert(id.isObject() ? id.toObject().value(QStringLiteral("key_id")).toString()
                                     : id.toString());
    QHash<QString, QByteArray> keys;
    for (const QJsonValue value : list.value(QStringLiteral("keys")).toArray()) {
        const QJsonObject key = value.toObject();
        const QString id = key.value(QStringLiteral("key_id")).toString();
        const QByteArray publicKey = base64(key, "public_key");
        if (!id.isEmpty() && publicKey.size() == crypto_sign_PUBLICKEYBYTES && !revoked.contains(id))
            keys.insert(id, publicKey);
    }
    return keys;
}

} // namespace

ReleaseRejected::ReleaseRejected(QString code, const QString &message)
    : std::runtime_error(message.toStdString())
    , m_code(std::move(code))
    , m_message(message)
{ }

ReleaseManifest verifyRelease(const QJsonObject &manifestEnvelope, const QJsonObject &keysEnvelope,
                              const QByteArray &rootPublicKey, qint64 nowMs)
{
    if (rootPublicKey.size() != crypto_sign_PUBLICKEYBYTES)
        throw rejected("no_root_key",
                       QStringLiteral("The server has no release root public key to check uploads with"));
    QSet<QString> revoked;
    const QHash<QString, QByteArray> keys = releaseKeys(keysEnvelope, rootPublicKey, revoked);

    requireEnvelope(manifestEnvelope, "manifest", "manifest");
    const QString keyId = manifestEnvelope.value(QStringLiteral("key_id")).toString();
    if (revoked.contains(keyId))
        throw rejected("revoked_key",
                       QStringLiteral("The manifest is signed by the revoked key %1").arg(keyId));
    if (!keys.contains(keyId))
        throw rejected("unknown_key",
                       QStringLiteral("The manifest is signed by a key the key list does not name"));
    const QJsonObject payload = payloadObject(signedPayload(manifestEnvelope, keys.value(keyId), "manifest"),
                                              "portico-release-manifest", "manifest");

    ReleaseManifest manifest;
    manifest.keyId = keyId;
    manifest.version = payload.value(QStringLiteral("version")).toString();
    manifest.channel = payload.value(QStringLiteral("channel")).toString();
    manifest.platform = payload.value(QStringLiteral("platform")).toString();
    manifest.fileName = payload.value(QStringLiteral("file_name")).toString();
    manifest.size = payload.value(QStringLiteral("size")).toInteger(-1);
    manifest.sha256 = payload.value(QStringLiteral("sha256")).toString();
    manifest.minSupportedVersion = payload.value(QStringLiteral("min_supported_version")).toString();
    manifest.notes = payload.value(QStringLiteral("notes")).toObject();
    manifest.releasedAt = payload.value(QStringLiteral("released_at")).toString();
    manifest.expiresAt = payload.value(QStringLiteral("expires_at")).toString();

    static const QRegularExpression name(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,31}$"));
    static const QRegularExpression hash(QStringLiteral("^[0-9a-f]{64}$"));
    static const QRegularExpression fileName(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._+~-]{0,199}$"));
    QString problem;
    if (!ReleaseVersion::isValid(manifest.version))
        problem = QStringLiteral("version");
    else if (!name.match(manifest.channel).hasMatch())
        problem = QStringLiteral("channel");
    else if (!name.match(manifest.platform).hasMatch())
        problem = QStringLiteral("platform");
    else if (!fileName.match(manifest.fileName).hasMatch())
        problem = QStringLiteral("file_name");
    else if (manifest.size <= 0)
        problem = QStringLiteral("size");
    else if (!hash.match(manifest.sha256).hasMatch())
        problem = QStringLiteral("sha256");
    else if (!manifest.minSupportedVersion.isEmpty()
             && !ReleaseVersion::isValid(manifest.minSupportedVersion))
        problem = QStringLiteral("min_supported_version");
    if (!problem.isEmpty())
        throw rejected("bad_manifest",
                       QStringLiteral("The manifest's %1 is missing or malformed").arg(problem));
    const QDateTime expires = timeField(payload, "expires_at");
    if (expires.isValid() && expires.toMSecsSinceEpoch() <= nowMs)
        throw rejected("expired", QStringLiteral("The manifest expired at %1").arg(manifest.expiresAt));
    return manifest;
}

QByteArray readRootPublicKey(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray content = file.read(4096);
    if (content.size() == crypto_sign_PUBLICKEYBYTES)
        return content;
    const auto decoded
        = QByteArray::fromBase64Encoding(content.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded && (*decoded).size() == crypto_sign_PUBLICKEYBYTES ? *decoded : QByteArray();
}

} // namespace portico::server
