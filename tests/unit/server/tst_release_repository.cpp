#include "http/apierror.h"
#include "releases/clientrelease.h"
#include "releases/installerstore.h"
#include "releases/releaserepository.h"
#include "releases/rollout.h"
#include "releases/signedrelease.h"
#include "releasesigner.h"
#include "storage/database.h"
#include "testservices.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUuid>

using namespace portico::server;
using portico::test::ReleaseSigner;
using portico::test::TestDatabase;
using portico::test::TestServices;

namespace {

QByteArray installerOf(int size, char seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        bytes[i] = static_cast<char>(seed + i * 7 + (i >> 9));
    return bytes;
}

std::string_view view(const QByteArray &bytes, qsizetype from, qsizetype length)
{
    return std::string_view(bytes.constData() + from, static_cast<std::size_t>(length));
}

} // namespace

// Releases on SQLite and PostgreSQL: verification of what is uploaded, the staged installer,
// channels, rollout, the version gate and the devices' versions.
class TestReleaseRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void init()
    {
        m_env = std::make_unique<TestServices>();
        QVERIFY2(m_env->create(), qPrintable(m_env->errorString()));
        m_releases = std::make_unique<ReleaseRepository>(m_env->database());
    }

    void cleanup()
    {
        m_releases.reset();
        m_env.reset();
    }

    void verifiesTheSignedChain()
    {
        const QByteArray installer = installerOf(1000, 3);
        const auto manifest = m_signer.manifest(ReleaseSigner::manifestPayload(
            QStringLiteral("1.5.0"), QStringLiteral("stable"), QStringLiteral("linux-amd64-deb"), installer));
        const ReleaseManifest verified
            = verifyRelease(manifest, m_signer.keyList(), m_signer.rootPublicKey(), m_env->clock);
        QCOMPARE(verified.version, QStringLiteral("1.5.0"));
        QCOMPARE(verified.size, qint64 {1000});
        QCOMPARE(verified.keyId, m_signer.releaseKeyId());
        QCOMPARE(verified.notes.value(QStringLiteral("ru")).toString(),
                 QStringLiteral("Быстрее синхронизация"));
    }

    void refusesWhatTheKeysDidNotSign_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<QString>("code");
        QTest::newRow("unsigned manifest") << "unsigned"
                                           << "malformed";
        QTest::newRow("tampered manifest") << "tampered"
                                           << "bad_signature";
        QTest::newRow("unknown key") << "stranger"
                                     << "unknown_key";
        QTest::newRow("key id not in the list") << "unlisted"
                                                << "unknown_key";
        QTest::newRow("revoked key") << "revoked"
                                     << "revoked_key";
        QTest::newRow("key list not by the root") << "forged list"
                                                  << "unknown_key";
        QTest::newRow("key list as the manifest") << "swapped"
                                                  << "wrong_type";
        QTest::newRow("expired") << "expired"
                                 << "expired";
        QTest::newRow("malformed hash") << "bad hash"
                                        << "malformed";
        QTest::newRow("no root key") << "no root"
                                     << "no_root_key";
    }

    void refusesWhatTheKeysDidNotSign()
    {
        QFETCH(QString, attack);
        QFETCH(QString, code);
        QJsonObject payload
            = ReleaseSigner::manifestPayload(QStringLiteral("1.5.0"), QStringLiteral("stable"),
                                             QStringLiteral("linux-amd64-deb"), installerOf(10, 1));
        QJsonObject keys = m_signer.keyList();
        QByteArray root = m_signer.rootPublicKey();
        if (attack == QLatin1String("expired")) {
            payload.insert(QStringLiteral("released_at"), QStringLiteral("2019-01-01T00:00:00Z"));
            payload.insert(QStringLiteral("expires_at"), QStringLiteral("2020-01-01T00:00:00Z"));
        }
        if (attack == QLatin1String("bad hash"))
            payload.insert(QStringLiteral("sha256"), QStringLiteral("not-a-hash"));
        QJsonObject manifest = m_signer.manifest(payload, attack == QLatin1String("stranger"));
        if (attack == QLatin1String("unsigned"))
            manifest.remove(QStringLiteral("signature"));
        if (attack == QLatin1String("tampered")) {
            payload.insert(QStringLiteral("version"), QStringLiteral("9.9.9"));
            manifest.insert(
                QStringLiteral("payload"),
                QString::fromLatin1(QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64()));
        }
        if (attack == QLatin1String("unlisted"))
            manifest.insert(QStringLiteral("key_id"), QStringLiteral("0123456789abcdef"));
        if (attack == QLatin1String("swapped"))
            manifest = keys;
        if (attack == QLatin1String("revoked"))
            keys = m_signer.keyList({m_signer.releaseKeyId()});
        if (attack == QLatin1String("forged list"))
            root = ReleaseSigner().rootPublicKey();
        if (attack == QLatin1String("no root"))
            root.clear();
        try {
            verifyRelease(manifest, keys, root, m_env->clock);
            QFAIL("accepted");
        } catch (const ReleaseRejected &rejected) {
            QCOMPARE(rejected.code(), code);
        }
    }

    void secondUploadOfAVersionConflicts()
    {
        publish(QStringLiteral("1.5.0"), installerOf(10, 1));
        try {
            publish(QStringLiteral("1.5.0"), installerOf(12, 2));
            QFAIL("stored twice");
        } catch (const ApiError &error) {
            QCOMPARE(error.code(), ApiErrorCode::Conflict);
        }
        QCOMPARE(m_releases->list().size(), 1);
    }

    void chunksGoInOrderAndTheWholeIsChecked()
    {
        const QByteArray installer = installerOf(3 * 1024 * 1024 + 17, 5);
        const Release release = publish(QStringLiteral("1.5.0"), installer);
        const qsizetype piece = 1024 * 1024;
        QCOMPARE(m_releases->appendChunk(release.id, 0, view(installer, 0, piece)),
                 ReleaseRepository::Append::Stored);
        QCOMPARE(m_releases->appendChunk(release.id, 0, view(installer, 0, piece)),
                 ReleaseRepository::Append::WrongOffset);
        QCOMPARE(m_releases->appendChunk(release.id, 2 * piece, view(installer, 2 * piece, piece)),
                 ReleaseRepository::Append::WrongOffset);
        for (qsizetype at = piece; at < installer.size(); at += piece)
            QCOMPARE(m_releases->appendChunk(release.id, at,
                                             view(installer, at, std::min(piece, installer.size() - at))),
                     ReleaseRepository::Append::Stored);
        QCOMPARE(m_releases->find(release.id)->received, installer.size());
        QVERIFY(completeInstaller(*m_releases, m_env->blobs(), *m_releases->find(release.id)));
        const Release ready = *m_releases->find(release.id);
        QCOMPARE(ready.state, QStringLiteral("ready"));
        QCOMPARE(m_env->blobs().read(ready.sha256), std::optional<QByteArray>(installer));
        QCOMPARE(m_releases->appendChunk(release.id, 0, view(installer, 0, 10)),
                 ReleaseRepository::Append::NotUploading);
        QCOMPARE(stagedChunks(), 0);
    }

    void aMismatchFailsAndStartsAgain()
    {
        const QByteArray installer = installerOf(4000, 9);
        const Release release = publish(QStringLiteral("1.5.0"), installer);
        QByteArray wrong = installer;
        wrong[100] = static_cast<char>(wrong[100] + 1);
        QCOMPARE(m_releases->appendChunk(release.id, 0, view(wrong, 0, wrong.size())),
                 ReleaseRepository::Append::Stored);
        QVERIFY(!completeInstaller(*m_releases, m_env->blobs(), *m_releases->find(release.id)));
        QCOMPARE(m_releases->find(release.id)->state, QStringLiteral("failed"));
        QCOMPARE(m_releases->find(release.id)->received, qint64 {0});
        QCOMPARE(stagedChunks(), 0);
        QVERIFY(!m_env->blobs().exists(
            QString::fromLatin1(QCryptographicHash::hash(wrong, QCryptographicHash::Sha256).toHex())));
        QCOMPARE(m_releases->appendChunk(release.id, 4000, view(installer, 0, 10)),
                 ReleaseRepository::Append::WrongOffset);
        QCOMPARE(m_releases->appendChunk(release.id, 0, view(installer, 0, installer.size())),
                 ReleaseRepository::Append::Stored);
        QVERIFY(completeInstaller(*m_releases, m_env->blobs(), *m_releases->find(release.id)));
        QVERIFY(m_releases->find(release.id)->isReady());
    }

    void channelsTakeOnlyReadyReleasesOfTheirOwn()
    {
        const Release uploading = publish(QStringLiteral("1.5.0"), installerOf(10, 1));
        ChannelChange change;
        change.releaseId = uploading.id;
        expectError([&] { m_releases->updateChannel(QStringLiteral("stable"), change, 1); },
                    ApiErrorCode::Unprocessable);
        const Release ready = publishReady(QStringLiteral("1.6.0"), installerOf(10, 2));
        expectError(
            [&] {
                ChannelChange other;
                other.releaseId = ready.id;
                m_releases->updateChannel(QStringLiteral("beta"), other, 1);
            },
            ApiErrorCode::Unprocessable);
        expectError(
            [&] {
                ChannelChange bad;
                bad.rolloutPercent = 101;
                m_releases->updateChannel(QStringLiteral("stable"), bad, 1);
            },
            ApiErrorCode::Unprocessable);
        expectError(
            [&] {
                ChannelChange bad;
                bad.minVersion = QStringLiteral("one");
                m_releases->updateChannel(QStringLiteral("stable"), bad, 1);
            },
            ApiErrorCode::Unprocessable);
        QCOMPARE(m_releases->channel(QStringLiteral("stable")).releaseId, QString());

        change.releaseId = ready.id;
        change.rolloutPercent = 30;
        change.minVersion = QStringLiteral("1.2.0");
        const ReleaseChannel stable = m_releases->updateChannel(QStringLiteral("stable"), change, 5);
        QCOMPARE(stable.version, QStringLiteral("1.6.0"));
        QCOMPARE(m_releases->channel(QStringLiteral("stable")).rolloutPercent, 30);
        QCOMPARE(m_releases->channel(QStringLiteral("stable")).minVersion, QStringLiteral("1.2.0"));
        ChannelChange clear;
        clear.minVersion = QString();
        QCOMPARE(m_releases->updateChannel(QStringLiteral("stable"), clear, 6).minVersion, QString());
        QCOMPARE(m_releases->channel(QStringLiteral("stable")).releaseId, ready.id);
        const QList<ReleaseChannel> all = m_releases->channels();
        QCOMPARE(all.size(), 2); // stable and beta
        // The current release stays.
        expectError([&] { m_releases->remove(ready.id); }, ApiErrorCode::Conflict);
        QCOMPARE(m_releases->remove(uploading.id).id, uploading.id);
        QVERIFY(!m_releases->find(uploading.id));
    }

    // 1000 simulated devices: a 30 % rollout reaches 30 % of them, give or take 5.
    void rolloutReachesItsShare()
    {
        const Release release = publishReady(QStringLiteral("1.6.0"), installerOf(100, 4));
        ChannelChange change;
        change.releaseId = release.id;
        change.rolloutPercent = 30;
        m_releases->updateChannel(QStringLiteral("stable"), change, 1);
        const ClientRelease client {QStringLiteral("1.5.0"), QStringLiteral("linux-amd64-deb"),
                                    QStringLiteral("stable")};
        int offered = 0;
        for (int i = 0; i < 1000; ++i) {
            const QString device = QStringLiteral("device-%1").arg(i);
            const auto offer = updateOfferFor(*m_releases, client, device);
            QCOMPARE(offer.has_value(), rolloutBucket(release.id, device) < 30);
            offered += offer ? 1 : 0;
        }
        qInfo("30%% rollout: %d of 1000 devices offered the release", offered);
        QVERIFY2(offered >= 250 && offered <= 350, qPrintable(QString::number(offered)));

        // Raising the share keeps everyone who had it.
        change.rolloutPercent = 60;
        change.releaseId.reset();
        m_releases->updateChannel(QStringLiteral("stable"), change, 2);
        int kept = 0;
        for (int i = 0; i < 1000; ++i) {
            const QString device = QStringLiteral("device-%1").arg(i);
            if (rolloutBucket(release.id, device) < 30)
                kept += updateOfferFor(*m_releases, client, device) ? 1 : 0;
        }
        QCOMPARE(kept, offered);
    }

    void offersOnlyNewerReleasesForThePlatform()
    {
        const Release release = publishReady(QStringLiteral("1.6.0"), installerOf(100, 4));
        ChannelChange change;
        change.releaseId = release.id;
        m_releases->updateChannel(QStringLiteral("stable"), change, 1);
        const QString device = QStringLiteral("d");
        QVERIFY(updateOfferFor(
            *m_releases,
            {QStringLiteral("1.5.9"), QStringLiteral("linux-amd64-deb"), QStringLiteral("stable")}, device));
        QVERIFY(!updateOfferFor(
            *m_releases,
            {QStringLiteral("1.6.0"), QStringLiteral("linux-amd64-deb"), QStringLiteral("stable")}, device));
        QVERIFY(!updateOfferFor(
            *m_releases,
            {QStringLiteral("2.0.0"), QStringLiteral("linux-amd64-deb"), QStringLiteral("stable")}, device));
        QVERIFY(!updateOfferFor(
            *m_releases,
            {QStringLiteral("1.5.0"), QStringLiteral("windows-x64-nsis"), QStringLiteral("stable")}, device));
        QVERIFY(!updateOfferFor(
            *m_releases, {QStringLiteral("1.5.0"), QStringLiteral("linux-amd64-deb"), QStringLiteral("beta")},
            device));
        QVERIFY(!updateOfferFor(
            *m_releases, {QString(), QStringLiteral("linux-amd64-deb"), QStringLiteral("stable")}, device));
        const QJsonObject offer = *updateOfferFor(
            *m_releases,
            {QStringLiteral("1.5.0"), QStringLiteral("linux-amd64-deb"), QStringLiteral("stable")}, device);
        QCOMPARE(offer.value(QStringLiteral("release_id")).toString(), release.id);
        QCOMPARE(offer.value(QStringLiteral("manifest")).toObject(), release.manifest);
        QCOMPARE(offer.value(QStringLiteral("keys")).toObject(), release.keys);
        QCOMPARE(offer.value(QStringLiteral("download")).toObject().value(QStringLiteral("url")).toString(),
                 QStringLiteral("/api/v1/updates/%1/installer").arg(release.id));
    }

    void pauseStopsAllButThoseBelowTheMinimum()
    {
        const Release release = publishReady(QStringLiteral("1.6.0"), installerOf(100, 4));
        ChannelChange change;
        change.releaseId = release.id;
        change.paused = true;
        change.rolloutPercent = 0;
        m_releases->updateChannel(QStringLiteral("stable"), change, 1);
        const ClientRelease current {QStringLiteral("1.5.0"), QStringLiteral("linux-amd64-deb"),
                                     QStringLiteral("stable")};
        const ClientRelease old {QStringLiteral("1.0.0"), QStringLiteral("linux-amd64-deb"),
                                 QStringLiteral("stable")};
        QVERIFY(!updateOfferFor(*m_releases, current, QStringLiteral("d")));
        QVERIFY(!updateOfferFor(*m_releases, old, QStringLiteral("d")));
        ChannelChange minimum;
        minimum.minVersion = QStringLiteral("1.2.0");
        m_releases->updateChannel(QStringLiteral("stable"), minimum, 2);
        QVERIFY(!updateOfferFor(*m_releases, current, QStringLiteral("d")));
        const auto offer = updateOfferFor(*m_releases, old, QStringLiteral("d"));
        QVERIFY(offer);
        QCOMPARE(offer->value(QStringLiteral("required")).toBool(), true);
        QCOMPARE(offer->value(QStringLiteral("min_version")).toString(), QStringLiteral("1.2.0"));
    }

    void countsDevicesByVersionAndKeepsFailures()
    {
        m_releases->recordDevice({QStringLiteral("d1"), QStringLiteral("u1"), QStringLiteral("1.5.0"),
                                  QStringLiteral("linux-amd64-deb"), QStringLiteral("stable"), 1000});
        m_releases->recordDevice({QStringLiteral("d2"), QStringLiteral("u1"), QStringLiteral("1.5.0"),
                                  QStringLiteral("linux-amd64-deb"), QStringLiteral("stable"), 1000});
        m_releases->recordDevice({QStringLiteral("d1"), QStringLiteral("u1"), QStringLiteral("1.6.0"),
                                  QStringLiteral("linux-amd64-deb"), QStringLiteral("stable"), 2000});
        const QJsonArray versions = m_releases->versionCounts();
        QCOMPARE(versions.size(), 2);
        QCOMPARE(versions.at(0).toObject().value(QStringLiteral("version")).toString(),
                 QStringLiteral("1.5.0"));
        QCOMPARE(versions.at(0).toObject().value(QStringLiteral("devices")).toInt(), 1);
        QCOMPARE(versions.at(1).toObject().value(QStringLiteral("devices")).toInt(), 1);
        const QString releaseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_releases->addReport({QStringLiteral("d1"), QStringLiteral("u1"), QStringLiteral("rep1"), releaseId,
                               QStringLiteral("1.6.0"), false, QStringLiteral("dpkg: error"), 3000});
        m_releases->addReport({QStringLiteral("d2"), QStringLiteral("u1"), QStringLiteral("rep1"), releaseId,
                               QStringLiteral("1.6.0"), true, QString(), 4000});
        const QJsonArray failures = m_releases->recentFailures(10);
        QCOMPARE(failures.size(), 1);
        QCOMPARE(failures.at(0).toObject().value(QStringLiteral("message")).toString(),
                 QStringLiteral("dpkg: error"));
        QCOMPARE(failures.at(0).toObject().value(QStringLiteral("user")).toString(), QStringLiteral("rep1"));
    }

private:
    Release publish(const QString &version, const QByteArray &installer)
    {
        const auto manifest = m_signer.manifest(ReleaseSigner::manifestPayload(
            version, QStringLiteral("stable"), QStringLiteral("linux-amd64-deb"), installer));
        const QJsonObject keys = m_signer.keyList();
        const ReleaseManifest verified
            = verifyRelease(manifest, keys, m_signer.rootPublicKey(), m_env->clock);
        return m_releases->create(verified, manifest, keys, QStringLiteral("admin"), m_env->clock);
    }

    Release publishReady(const QString &version, const QByteArray &installer)
    {
        const Release release = publish(version, installer);
        m_releases->appendChunk(release.id, 0, view(installer, 0, installer.size()));
        if (!completeInstaller(*m_releases, m_env->blobs(), *m_releases->find(release.id)))
            qFatal("the installer did not check out");
        return *m_releases->find(release.id);
    }

    int stagedChunks()
    {
        return m_env->database().read([](QSqlDatabase &tx) {
            Sql q(tx, QStringLiteral("SELECT COUNT(*) FROM release_chunks"));
            q.exec();
            return q.next() ? q.value(0).toInt() : -1;
        });
    }

    template<typename Fn>
    void expectError(Fn &&fn, ApiErrorCode code)
    {
        try {
            fn();
            QFAIL("no error");
        } catch (const ApiError &error) {
            QCOMPARE(error.code(), code);
        }
    }

    ReleaseSigner m_signer;
    std::unique_ptr<TestServices> m_env;
    std::unique_ptr<ReleaseRepository> m_releases;
};

QTEST_GUILESS_MAIN(TestReleaseRepository)
#include "tst_release_repository.moc"
