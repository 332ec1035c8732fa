#include "fakehttpserver.h"
#include "testclient.h"
#include "update/installer.h"
#include "update/updater.h"
#include "updatekeys.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace portico;
using namespace portico::client;
using namespace portico::test;
using namespace std::chrono_literals;

namespace {

// Records what it was asked to install and answers as told.
class RecordingInstaller final : public Installer
{
public:
    void install(const QString &file, const QString &version, QObject *context, Done done) override
    {
        QFile installer(file);
        installer.open(QIODevice::ReadOnly);
        calls.append({file, version, installer.readAll()});
        const InstallResult result = answer;
        QTimer::singleShot(0, context, [done, result] { done(result); });
    }

    struct Call
    {
        QString file;
        QString version;
        QByteArray content;
    };
    QList<Call> calls;
    InstallResult answer {true, {}, false};
};

} // namespace

// The updater as the program runs it, against a server that offers a release: check, verify,
// download, install hook, report, and what it refuses to go near.
class TestUpdater final : public QObject
{
    Q_OBJECT

    UpdateKeys m_keys;
    QByteArray m_installer = fakeInstaller(512 * 1024);
    QByteArray m_served; // what the server hands out as the installer
    QJsonObject m_offer;
    QList<QJsonObject> m_reports;
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;

    FakeResponse answer(const FakeRequest &request)
    {
        if (request.path() == "/api/v1/auth/login")
            return FakeResponse::json(200, tokenReply());
        if (request.path() == "/api/v1/updates") {
            if (m_offer.isEmpty())
                return FakeResponse::json(204, {});
            if (request.header("If-None-Match") == "\"e1\"")
                return FakeResponse::json(304, {});
            FakeResponse response = FakeResponse::json(200, QJsonDocument(m_offer).toJson());
            response.headers.append(std::pair<QByteArray, QByteArray>("ETag", "\"e1\""));
            return response;
        }
        if (request.path() == "/api/v1/updates/report") {
            m_reports.append(QJsonDocument::fromJson(request.body).object());
            return FakeResponse::json(200, R"({"ok":true})");
        }
        if (request.path().endsWith("/installer")) {
            FakeResponse response;
            response.contentType = "application/octet-stream";
            response.body = m_served;
            return response;
        }
        return FakeResponse::json(404, R"({"error":{"code":"not_found","message":"no"}})");
    }

    struct Run
    {
        std::unique_ptr<TestClient> client;
        std::unique_ptr<ReleaseVerifier> verifier;
        std::unique_ptr<Updater> updater;
        RecordingInstaller installer;
    };

    std::unique_ptr<Run> start()
    {
        auto run = std::make_unique<Run>();
        run->client = std::make_unique<TestClient>(m_server->url());
        if (!run->client->open() || !run->client->login(QStringLiteral("rep1"), QStringLiteral("demo")))
            return nullptr;
        run->verifier = std::make_unique<ReleaseVerifier>(m_keys.root.publicKey.bytes,
                                                          m_dir->filePath(QStringLiteral("trust.json")));
        run->updater = std::make_unique<Updater>(run->client->network(), run->client->session(),
                                                 *run->verifier, m_dir->path());
        run->updater->setInstaller(&run->installer);
        run->updater->setRunningVersion(QStringLiteral("1.0.0"));
        run->updater->setLowSpeedLimit(1024, 500ms);
        return run;
    }

    static bool check(Updater &updater)
    {
        QSignalSpy checked(&updater, &Updater::checked);
        updater.check();
        return checked.wait(10000);
    }

    int installerRequests() const
    {
        int count = 0;
        for (const FakeRequest &request : m_server->requests())
            count += request.path().endsWith("/installer") ? 1 : 0;
        return count;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_served = m_installer;
        m_reports.clear();
        m_offer
            = UpdateKeys::offer(m_keys.signedManifest(UpdateKeys::manifest(m_installer)), m_keys.keyList());
        m_server = std::make_unique<FakeHttpServer>([this](const FakeRequest &r) { return answer(r); });
    }

    void signedReleaseIsDownloadedVerifiedAndInstalled()
    {
        auto run = start();
        QVERIFY(run);
        QVERIFY(check(*run->updater));
        QCOMPARE(run->updater->state(), Updater::State::Available);
        QCOMPARE(run->updater->release()->version, QStringLiteral("99.0.0"));
        run->updater->install();
        QTRY_COMPARE_WITH_TIMEOUT(run->updater->state(), Updater::State::Installed, 20000);
        QCOMPARE(run->installer.calls.size(), 1);
        QCOMPARE(run->installer.calls.first().content, m_installer);
        QCOMPARE(run->installer.calls.first().version, QStringLiteral("99.0.0"));
        QTRY_COMPARE(m_reports.size(), 1);
        QCOMPARE(m_reports.first().value(QStringLiteral("outcome")), QStringLiteral("installed"));
        QCOMPARE(m_reports.first().value(QStringLiteral("release_id")), QStringLiteral("r1"));
        // The next check sends the ETag and is told nothing changed.
        QVERIFY(check(*run->updater));
        QCOMPARE(m_server->requests().last().header("If-None-Match"), QByteArray("\"e1\""));
    }

    void tamperedInstallerIsNeverInstalled()
    {
        m_served = fakeInstaller(m_installer.size(), 'q'); // same size, other bytes
        auto run = start();
        QVERIFY(run);
        QVERIFY(check(*run->updater));
        run->updater->install();
        QTRY_COMPARE_WITH_TIMEOUT(run->updater->state(), Updater::State::Failed, 20000);
        QVERIFY(run->installer.calls.isEmpty());
        QTRY_COMPARE(m_reports.size(), 1);
        QCOMPARE(m_reports.first().value(QStringLiteral("outcome")), QStringLiteral("failed"));
    }

    void refusedOfferIsNeverDownloaded()
    {
        release::Manifest beta = UpdateKeys::manifest(m_installer);
        beta.channel = QStringLiteral("beta");
        m_offer = UpdateKeys::offer(m_keys.signedManifest(beta), m_keys.keyList());
        auto run = start();
        QVERIFY(run);
        QSignalSpy refused(run->updater.get(), &Updater::refused);
        QVERIFY(check(*run->updater));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(run->updater->lastRefusal(), release::errorCodeName(release::ErrorCode::WrongChannel));
        QCOMPARE(run->updater->state(), Updater::State::Idle);
        run->updater->install(); // nothing to install
        QTest::qWait(200);
        QCOMPARE(installerRequests(), 0);
        QVERIFY(run->installer.calls.isEmpty());
    }

    void failedInstallationIsReportedAndOfferedAgain()
    {
        auto run = start();
        QVERIFY(run);
        run->installer.answer = {false, QStringLiteral("dpkg: dependency problems"), false};
        QVERIFY(check(*run->updater));
        run->updater->install();
        QTRY_COMPARE_WITH_TIMEOUT(run->updater->state(), Updater::State::Failed, 20000);
        QCOMPARE(run->updater->errorString(), QStringLiteral("dpkg: dependency problems"));
        QTRY_COMPARE(m_reports.size(), 1);
        QCOMPARE(m_reports.first().value(QStringLiteral("outcome")), QStringLiteral("failed"));
        QCOMPARE(m_reports.first().value(QStringLiteral("message")),
                 QStringLiteral("dpkg: dependency problems"));
        // Try again: the verified file on disk is checked again, not downloaded again.
        run->installer.answer = {true, {}, false};
        run->updater->install();
        QTRY_COMPARE_WITH_TIMEOUT(run->updater->state(), Updater::State::Installed, 20000);
        QCOMPARE(installerRequests(), 1);
        QCOMPARE(run->installer.calls.size(), 2);
    }

    void offerOfA426GoesThroughTheSameChecks()
    {
        auto run = start();
        QVERIFY(run);
        QJsonObject unsignedOffer = m_offer;
        QJsonObject manifest = unsignedOffer.value(QStringLiteral("manifest")).toObject();
        manifest.remove(QStringLiteral("signature"));
        unsignedOffer.insert(QStringLiteral("manifest"), manifest);
        run->updater->consider(unsignedOffer);
        QCOMPARE(run->updater->state(), Updater::State::Idle);
        run->updater->consider(m_offer);
        QCOMPARE(run->updater->state(), Updater::State::Available);
    }

    void nothingOfferedIsIdle()
    {
        m_offer = {};
        auto run = start();
        QVERIFY(run);
        QVERIFY(check(*run->updater));
        QCOMPARE(run->updater->state(), Updater::State::Idle);
        QVERIFY(!run->updater->release());
    }
};

QTEST_GUILESS_MAIN(TestUpdater)
#include "tst_updater.moc"
