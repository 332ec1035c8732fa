#include "releasesigner.h"

#include "release/keylist.h"
#include "release/manifest.h"
#include "release/signedenvelope.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>

namespace portico::test {

namespace {

QJsonObject objectOf(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

ReleaseSigner::ReleaseSigner()
    : m_root(release::generateKeyPair(release::KeyRole::Root))
    , m_release(release::generateKeyPair(release::KeyRole::Release))
    , m_stranger(release::generateKeyPair(release::KeyRole::Release))
{ }

bool ReleaseSigner::writeRootPublicKey(const QString &path) const
{
    return !release::writePublicKeyFile(path, m_root.publicKey).has_value();
}

QJsonObject ReleaseSigner::keyList(const QStringList &revoked) const
{
    release::KeyList list;
    list.serial = 1;
    list.issuedAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    list.keys
        = {{m_release.publicKey.keyId(), m_release.publicKey.bytes, QStringLiteral("test release key")}};
    list.revoked = revoked;
    const auto signed_ = release::signKeyList(list, m_root.secretKey);
    return signed_ ? objectOf(signed_.value()) : QJsonObject();
}

QJsonObject ReleaseSigner::manifestPayload(const QString &version, const QString &channel,
                                           const QString &platform, const QByteArray &installer,
                                           const QString &minSupported)
{
    return QJsonObject {
        {QStringLiteral("type"), QStringLiteral("portico-release-manifest")},
        {QStringLiteral("version"), version},
        {QStringLiteral("channel"), channel},
        {QStringLiteral("platform"), platform},
        {QStringLiteral("file_name"), QStringLiteral("portico_%1_amd64.deb").arg(version)},
        {QStringLiteral("size"), installer.size()},
        {QStringLiteral("sha256"),
         QString::fromLatin1(QCryptographicHash::hash(installer, QCryptographicHash::Sha256).toHex())},
        {QStringLiteral("min_supported_version"), minSupported},
        {QStringLiteral("notes"),
         QJsonObject {{QStringLiteral("en"), QStringLiteral("Faster sync")},
                      {QStringLiteral("ru"), QStringLiteral("Быстрее синхронизация")}}},
        {QStringLiteral("released_at"), QStringLiteral("2026-01-02T00:00:00Z")},
        {QStringLiteral("expires_at"), QStringLiteral("2030-01-01T00:00:00Z")},
    };
}

QJsonObject ReleaseSigner::manifest(const QJsonObject &payload, bool byStranger) const
{
    // Any payload, well-formed or not, so that tests can sign what a careless tool would.
    return objectOf(release::signEnvelope(release::PayloadType::Manifest,
                                          QJsonDocument(payload).toJson(QJsonDocument::Compact),
                                          byStranger ? m_stranger.secretKey : m_release.secretKey));
}

} // namespace portico::test
