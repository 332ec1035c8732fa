#include "releases/signedrelease.h"

#include "release/builtinrootkey.h"
#include "release/keylist.h"
#include "release/manifest.h"
#include "release/signedenvelope.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>

namespace portico::server {

namespace {

ReleaseRejected rejected(const release::Error &error)
{
    return ReleaseRejected(release::errorCodeName(error.code), error.message);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
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
    if (rootPublicKey.size() != release::kPublicKeySize)
        throw ReleaseRejected(
            QStringLiteral("no_root_key"),
            QStringLiteral("The server has no release root public key to check uploads with"));
    const release::PublicKey root {release::KeyRole::Root, rootPublicKey};
    // The server keeps no highest serial of its own: desktops refuse stale key lists.
    const auto keys = release::verifyKeyList(compact(keysEnvelope), root, 0);
    if (!keys)
        throw rejected(keys.error());
    const auto verified = release::verifyManifestSignature(compact(manifestEnvelope), keys.value());
    if (!verified)
        throw rejected(verified.error());
    const release::Manifest &m = verified.value();
    if (m.expiresAt.toMSecsSinceEpoch() <= nowMs)
        throw ReleaseRejected(
            release::errorCodeName(release::ErrorCode::Expired),
            QStringLiteral("The manifest expired at %1").arg(m.expiresAt.toString(Qt::ISODate)));
    ReleaseManifest manifest;
    manifest.version = m.version;
    manifest.channel = m.channel;
    manifest.platform = m.platform;
    manifest.fileName = m.fileName;
    manifest.size = m.size;
    manifest.sha256 = m.sha256;
    manifest.minSupportedVersion = m.minSupportedVersion;
    manifest.notes = QJsonObject {{QStringLiteral("en"), m.notesEn}, {QStringLiteral("ru"), m.notesRu}};
    manifest.releasedAt = m.releasedAt.toUTC().toString(Qt::ISODate);
    manifest.expiresAt = m.expiresAt.toUTC().toString(Qt::ISODate);
    manifest.keyId = manifestEnvelope.value(QStringLiteral("key_id")).toString();
    return manifest;
}

QByteArray builtInRootPublicKey()
{
    return release::builtInRootPublicKey().bytes;
}

QByteArray readRootPublicKey(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray content = file.read(64 * 1024).trimmed();
    if (content.startsWith('{')) {
        const auto key = release::parsePublicKeyJson(content);
        return key && key.value().role == release::KeyRole::Root ? key.value().bytes : QByteArray();
    }
    return release::decodePublicKeyBase64(QString::fromLatin1(content)).value_or(QByteArray());
}

} // namespace portico::server
