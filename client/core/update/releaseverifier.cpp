#include "update/releaseverifier.h"

#include "release/keylist.h"
#include "release/manifest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace portico::client {

namespace {

const QString SerialKey = QStringLiteral("key_list_serial");

QString userMessage(release::ErrorCode code)
{
    using release::ErrorCode;
    switch (code) {
    case ErrorCode::NotNewer:
        return ReleaseVerifier::tr("The offered release is not newer than this version.");
    case ErrorCode::WrongChannel:
        return ReleaseVerifier::tr("The offered release belongs to another channel.");
    case ErrorCode::WrongPlatform:
        return ReleaseVerifier::tr("The offered release is for another platform.");
    case ErrorCode::Expired:
        return ReleaseVerifier::tr("The offered release has expired.");
    case ErrorCode::NotYetValid:
        return ReleaseVerifier::tr("The offered release is dated in the future.");
    case ErrorCode::StaleKeyList:
        return ReleaseVerifier::tr("The offered release comes with an outdated list of release keys.");
    default:
        return ReleaseVerifier::tr("The offered release is not signed by the company's release keys.");
    }
}

ReleaseVerifier::Result refuse(const release::Error &error)
{
    return {std::nullopt, release::errorCodeName(error.code),
            userMessage(error.code) + QLatin1Char(' ') + error.message};
}

} // namespace

ReleaseVerifier::ReleaseVerifier(QByteArray rootPublicKey, QString trustFile)
    : m_rootPublicKey(std::move(rootPublicKey))
    , m_trustFile(std::move(trustFile))
{ }

qint64 ReleaseVerifier::highestKeySerial() const
{
    QFile file(m_trustFile);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return QJsonDocument::fromJson(file.readAll()).object().value(SerialKey).toInteger(0);
}

void ReleaseVerifier::rememberSerial(qint64 serial)
{
    if (serial <= highestKeySerial())
        return;
    QDir().mkpath(QFileInfo(m_trustFile).absolutePath());
    QSaveFile file(m_trustFile);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(QJsonObject {{SerialKey, serial}}).toJson(QJsonDocument::Compact));
    file.commit();
}

ReleaseVerifier::Result ReleaseVerifier::verify(const UpdateOffer &offer, const Running &running,
                                                const QDateTime &now)
{
    const release::PublicKey root {release::KeyRole::Root, m_rootPublicKey};
    const release::Result<release::KeyList> keys = release::verifyKeyList(
        QJsonDocument(offer.keys).toJson(QJsonDocument::Compact), root, highestKeySerial());
    if (!keys)
        return refuse(keys.error());
    // The list is the root's own word: a newer one raises the bar for every later offer.
    rememberSerial(keys.value().serial);
    const release::Expectations expected {running.version, running.channel, running.platform, now.toUTC()};
    const release::Result<release::Manifest> manifest = release::verifyManifest(
        QJsonDocument(offer.manifest).toJson(QJsonDocument::Compact), keys.value(), expected);
    if (!manifest)
        return refuse(manifest.error());
    const release::Manifest &signedManifest = manifest.value();
    VerifiedRelease verified;
    verified.releaseId = offer.releaseId;
    verified.version = signedManifest.version;
    verified.channel = signedManifest.channel;
    verified.platform = signedManifest.platform;
    verified.fileName = signedManifest.fileName;
    verified.size = signedManifest.size;
    verified.sha256 = signedManifest.sha256.toLatin1().toLower();
    verified.minSupportedVersion = signedManifest.minSupportedVersion;
    verified.notesEn = signedManifest.notesEn;
    verified.notesRu = signedManifest.notesRu;
    verified.releasedAt = signedManifest.releasedAt;
    verified.expiresAt = signedManifest.expiresAt;
    verified.downloadUrl = offer.downloadUrl;
    return {std::move(verified), {}, {}};
}

} // namespace portico::client
