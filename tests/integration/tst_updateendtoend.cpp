#include "appinfo.h"
#include "faultproxy.h"
#include "releases/rollout.h"
#include "releasesigner.h"
#include "sync/outbox.h"
#include "sync/session.h"
#include "sync/syncengine.h"
#include "testclient.h"
#include "testserver.h"
#include "update/installer.h"
#include "update/releaseadmin.h"
#include "update/releaseverifier.h"
#include "update/updater.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace portico;
using namespace portico::client;
using namespace portico::test;

namespace {

const QString DemoPassword = QStringLiteral("demo");

QByteArray installerContent(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 state = 0x9e3779b9U;
    for (qsizetype i = 0; i < size; ++i) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        bytes[i] = static_cast<char>(state & 0xffU);
    }
    return bytes;
}

class RecordingInstaller final : public Installer
{
public:
    void install(const QString &file, const QString &version, QObject *context, Done done) override
    {
        QFile installer(file);
        if (installer.open(QIODevice::ReadOnly))
            installed.append({version, installer.readAll()});
        QTimer::singleShot(0, context, [done] { done({true, {}, false}); });
    }
    QList<std::pair<QString, QByteArray>> installed;
};

// One simulated desktop: its own cache (so its own device id), session and updater.
struct Device
{
    std::unique_ptr<TestClient> client;
    std::unique_ptr<ReleaseVerifier> verifier;
    std::unique_ptr<Updater> updater;
    RecordingInstaller installer;
};

} // namespace

// The happy path across the real server: an administrator publishes a signed release through the
// API (chunked upload), stages it to a share of the stable channel; exactly the devices whose
// rollout bucket is inside the share are offered it; one of them downloads it (cut off once
// mid-way and resumed), verifies it and hands it to the install hook; pausing withdraws it.
class TestUpdateEndToEnd final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ReleaseSigner m_signer;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FaultProxy> m_proxy;

    std::unique_ptr<TestClient> signIn(const QString &login)
    {
        auto client = std::make_unique<TestClient>(m_proxy->url());
        if (!client->open() || !client->login(login, DemoPassword))
            return nullptr;
        return client;
    }

    std::unique_ptr<Device> device(int index)
    {
        auto device = std::make_unique<Device>();
        device->client = signIn(QStringLiteral("rep1"));
        if (!device->client)
            return nullptr;
        const QString folder = m_dir.filePath(QStringLiteral("device-%1").arg(index));
        device->verifier = std::make_unique<ReleaseVerifier>(m_signer.rootPublicKey(),
                                                             folder + QStringLiteral("/trust.json"));
        device->updater = std::make_unique<Updater>(device->client->network(), device->client->session(),
                                                    *device->verifier, folder);
        device->updater->setInstaller(&device->installer);
        return device;
    }

    static bool check(Updater &updater)
    {
        QSignalSpy checked(&updater, &Updater::checked);
        updater.check();
        return checked.wait(20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString rootKey = m_dir.filePath(QStringLiteral("root.pub"));
        QVERIFY(m_signer.writeRootPublicKey(rootKey));
        m_server
            = std::make_unique<TestServer>(QStringList {QStringLiteral("--products"), QStringLiteral("20"),
                                                        QStringLiteral("--release-root-key"), rootKey},
                                           QStringLiteral("demo"));
        QVERIFY2(m_server->start(120000), qPrintable(m_server->errorString()));
        m_proxy = std::make_unique<FaultProxy>(m_server->port());
        QVERIFY(m_proxy->start());
    }

    void cleanupTestCase()
    {
        m_proxy.reset();
        if (m_server)
            m_server->terminate();
    }

    void publishStageDownloadInstall()
    {
        // The administrator publishes 0.9.0 through the API, in chunks.
        const QByteArray installer = installerContent(700 * 1024);
        const QString installerPath = m_dir.filePath(QStringLiteral("portico_0.9.0_amd64.deb"));
        {
            QFile file(installerPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(installer);
        }
        const QJsonObject manifest = m_signer.manifest(
            ReleaseSigner::manifestPayload(QStringLiteral("0.9.0"), QStringLiteral("stable"),
                                           AppInfo::platform(), installer, AppInfo::version()));
        auto admin = signIn(QStringLiteral("admin"));
        QVERIFY(admin);
        ReleaseUpload upload(admin->network(), admin->session(), installerPath, manifest, m_signer.keyList());
        upload.setChunkSize(256 * 1024);
        QSignalSpy uploaded(&upload, &ReleaseUpload::finished);
        QSignalSpy uploadFailed(&upload, &ReleaseUpload::failed);
        upload.start();
        QVERIFY(uploaded.wait(60000) || !uploadFailed.isEmpty());
        QVERIFY2(uploadFailed.isEmpty(), qPrintable(uploadFailed.value(0).value(0).toString()));
        const QString releaseId = upload.releaseId();
        QCOMPARE(upload.release().received, installer.size());

        // Staged to 30 % of the stable channel.
        ReleaseAdmin releases(admin->network(), admin->session());
        ChannelRow stable;
        stable.channel = QStringLiteral("stable");
        stable.releaseId = releaseId;
        stable.rolloutPercent = 30;
        QSignalSpy saved(&releases, &ReleaseAdmin::channelSaved);
        releases.saveChannel(stable);
        QVERIFY(saved.wait(20000));

        // Simulated desktops ask; exactly those in the first 30 buckets are offered the release.
        const int devices = 40;
        int expected = 0;
        int offered = 0;
        std::unique_ptr<Device> chosen;
        for (int i = 0; i < devices; ++i) {
            auto desktop = device(i);
            QVERIFY(desktop);
            QVERIFY(check(*desktop->updater));
            const bool inShare = server::rolloutBucket(releaseId, desktop->client->session().deviceId()) < 30;
            const bool isOffered = desktop->updater->state() == Updater::State::Available;
            QCOMPARE(isOffered, inShare);
            expected += inShare ? 1 : 0;
            offered += isOffered ? 1 : 0;
            if (isOffered && !chosen)
                chosen = std::move(desktop);
        }
        qInfo("rollout 30%%: %d of %d simulated devices offered the release", offered, devices);
        QCOMPARE(offered, expected);
        QVERIFY(offered > 0 && offered < devices);
        QVERIFY(chosen);

        // The download is cut once mid-way, then resumes from the partial file.
        Updater &updater = *chosen->updater;
        QCOMPARE(updater.release()->version, QStringLiteral("0.9.0"));
        m_proxy->setCutResponseAfterBytes(300 * 1024, 1, QStringLiteral("/api/v1/updates/"));
        updater.install();
        QTRY_COMPARE_WITH_TIMEOUT(updater.state(), Updater::State::Failed, 30000);
        QVERIFY(chosen->installer.installed.isEmpty());
        updater.install();
        QTRY_COMPARE_WITH_TIMEOUT(updater.state(), Updater::State::Installed, 30000);
        QCOMPARE(chosen->installer.installed.size(), 1);
        QCOMPARE(chosen->installer.installed.first().first, QStringLiteral("0.9.0"));
        QCOMPARE(chosen->installer.installed.first().second, installer);

        // Paused: a device that was offered it no longer is.
        stable.paused = true;
        releases.saveChannel(stable);
        QVERIFY(saved.wait(20000));
        std::unique_ptr<Device> again;
        for (int i = devices; i < 3 * devices && !again; ++i) {
            auto desktop = device(i);
            QVERIFY(desktop);
            if (server::rolloutBucket(releaseId, desktop->client->session().deviceId()) < 30)
                again = std::move(desktop);
        }
        QVERIFY(again); // in the share, were the channel not paused
        QVERIFY(check(*again->updater));
        QCOMPARE(again->updater->state(), Updater::State::Idle);
    }

    void belowTheMinimumVersionNothingUploads()
    {
        auto admin = signIn(QStringLiteral("admin"));
        QVERIFY(admin);
        ReleaseAdmin releases(admin->network(), admin->session());
        QSignalSpy saved(&releases, &ReleaseAdmin::channelSaved);
        ChannelRow stable;
        stable.channel = QStringLiteral("stable");
        stable.paused = true;
        stable.minVersion = QStringLiteral("9.0.0");
        releases.saveChannel(stable);
        QVERIFY(saved.wait(20000));

        auto rep = signIn(QStringLiteral("rep1"));
        QVERIFY(rep);
        const QString item = rep->cache().run([](QSqlDatabase &db) {
            return Outbox::enqueue(db, OutboxItem::Kind::CancelOrder,
                                   QUuid::createUuid().toString(QUuid::WithoutBraces), R"({"reason":"test"})",
                                   QDateTime::currentDateTimeUtc())
                .id;
        });
        const auto refused = rep->sync();
        QVERIFY(refused);
        QCOMPARE(refused->error.httpStatus, 426);
        QCOMPARE(rep->engine().state(), SyncEngine::State::UpdateRequired);
        QCOMPARE(rep->engine().updateRequirement().value(QStringLiteral("min_version")).toString(),
                 QStringLiteral("9.0.0"));
        const auto kept = rep->cache().run([item](QSqlDatabase &db) { return Outbox::find(db, item); });
        QVERIFY(kept);
        QCOMPARE(kept->attempts, 0);

        stable.minVersion.clear();
        releases.saveChannel(stable);
        QVERIFY(saved.wait(20000));
        const auto accepted = rep->sync();
        QVERIFY(accepted);
        QVERIFY2(accepted->ok, qPrintable(accepted->error.toString()));
        QTRY_VERIFY_WITH_TIMEOUT(rep->engine().state() != SyncEngine::State::UpdateRequired, 20000);
    }
};

QTEST_GUILESS_MAIN(TestUpdateEndToEnd)
#include "tst_updateendtoend.moc"
