#pragma once

#include "appinfo.h"
#include "release/keylist.h"
#include "release/manifest.h"
#include "release/releasekeys.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace portico::test {

// Release material made the way the portico-release tool makes it: a root key of the test's own
// (standing in for the one built into the program), release keys, signed key lists, signed
// manifests, and the offer a server would relay.
struct UpdateKeys
{
    release::KeyPair root = release::generateKeyPair(release::KeyRole::Root);
    release::KeyPair releaseKey = release::generateKeyPair(release::KeyRole::Release);

    static QJsonObject json(const QByteArray &bytes) { return QJsonDocument::fromJson(bytes).object(); }

    QJsonObject keyList(qint64 serial = 5, QStringList revoked = {},
                        const release::SecretKey *signer = nullptr, QList<release::PublicKey> keys = {}) const
    {
        release::KeyList list;
        list.serial = serial;
        list.issuedAt = QDateTime::currentDateTimeUtc().addDays(-1);
        if (keys.isEmpty())
            keys.append(releaseKey.publicKey);
        for (const release::PublicKey &key : keys)
            list.keys.append({key.keyId(), key.bytes, QStringLiteral("test key")});
        list.revoked = std::move(revoked);
        const auto signedList = release::signKeyList(list, signer ? *signer : root.secretKey);
        Q_ASSERT(signedList.ok());
        return json(signedList.value());
    }

    static release::Manifest manifest(const QByteArray &installer,
                                      const QString &version = QStringLiteral("99.0.0"))
    {
        release::Manifest manifest;
        manifest.version = version;
        manifest.channel = QStringLiteral("stable");
        manifest.platform = client::AppInfo::platform();
        manifest.fileName = QStringLiteral("portico_%1_amd64.deb").arg(version);
        manifest.size = installer.size();
        manifest.sha256
            = QString::fromLatin1(QCryptographicHash::hash(installer, QCryptographicHash::Sha256).toHex());
        manifest.minSupportedVersion = QStringLiteral("0.0.1");
        manifest.notesEn = QStringLiteral("Faster search.");
        manifest.notesRu = QStringLiteral("Быстрее поиск.");
        manifest.releasedAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
        manifest.releasedAt.setTime(QTime(manifest.releasedAt.time().hour(), 0));
        manifest.expiresAt = manifest.releasedAt.addDays(30);
        return manifest;
    }

    QJsonObject signedManifest(const release::Manifest &manifest,
                               const release::SecretKey *signer = nullptr) const
    {
        const auto envelope = release::signManifest(manifest, signer ? *signer : releaseKey.secretKey);
        Q_ASSERT(envelope.ok());
        return json(envelope.value());
    }

    static QJsonObject offer(const QJsonObject &manifest, const QJsonObject &keys,
                             const QString &releaseId = QStringLiteral("r1"))
    {
        return {
            {QStringLiteral("release_id"), releaseId},
            {QStringLiteral("version"), QStringLiteral("99.0.0")},
            {QStringLiteral("manifest"), manifest},
            {QStringLiteral("keys"), keys},
            {QStringLiteral("download"),
             QJsonObject {
                 {QStringLiteral("url"), QStringLiteral("/api/v1/updates/%1/installer").arg(releaseId)}}},
            {QStringLiteral("min_version"), QStringLiteral("0.0.1")},
        };
    }
};

// Bytes that stand for an installer.
inline QByteArray fakeInstaller(qsizetype size, char seed = 'p')
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(seed + (i * 131 + i / 7) % 61);
    return bytes;
}

} // namespace portico::test
