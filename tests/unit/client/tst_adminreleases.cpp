#include "fakehttpserver.h"
#include "testclient.h"
#include "update/releaseadmin.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace portico;
using namespace portico::client;
using namespace portico::test;

// The admin API client: a release published in chunks that resumes from what the server holds
// (after a failed chunk, and when the server says it holds another amount), and the channel and
// device reports read and written in the API's form.
class TestAdminReleases final : public QObject
{
    Q_OBJECT

    QByteArray m_installer = QByteArray(2500, 'i') + QByteArray(2500, 'j');
    QByteArray m_stored; // what the fake server holds of the installer
    int m_failChunkAt = -1; // answer 500 to the PUT that starts here, once
    QList<QByteArray> m_ranges;
    QJsonObject m_savedChannel;
    std::unique_ptr<FakeHttpServer> m_server;

    QJsonObject release() const
    {
        return {
            {QStringLiteral("id"), QStringLiteral("rel-1")},
            {QStringLiteral("version"), QStringLiteral("2.0.0")},
            {QStringLiteral("channel"), QStringLiteral("stable")},
            {QStringLiteral("platform"), QStringLiteral("linux-amd64-deb")},
            {QStringLiteral("file_name"), QStringLiteral("portico_2.0.0_amd64.deb")},
            {QStringLiteral("size"), qint64(m_installer.size())},
            {QStringLiteral("sha256"), QStringLiteral("ab")},
            {QStringLiteral("state"),
             m_stored.size() == m_installer.size() ? QStringLiteral("ready") : QStringLiteral("uploading")},
            {QStringLiteral("received"), qint64(m_stored.size())},
            {QStringLiteral("created_at"), QStringLiteral("2026-11-30T03:00:00Z")},
            {QStringLiteral("notes"), QJsonObject {{QStringLiteral("en"), QStringLiteral("Notes")}}}};
    }

    FakeResponse answer(const FakeRequest &request)
    {
        const QByteArray path = request.path();
        if (path == "/api/v1/auth/login")
            return FakeResponse::json(200, tokenReply());
        if (path == "/api/v1/admin/releases" && request.method == "POST") {
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            if (!body.value(QStringLiteral("manifest")).isObject()
                || !body.value(QStringLiteral("keys")).isObject())
                return FakeResponse::json(400, R"({"error":{"code":"bad_request","message":"no manifest"}})");
            return FakeResponse::json(
                201, QJsonDocument(QJsonObject {{QStringLiteral("release"), release()}}).toJson());
        }
        if (path == "/api/v1/admin/releases/rel-1/installer" && request.method == "PUT") {
            const QByteArray range = request.header("Content-Range");
            m_ranges.append(range);
            const qint64 start = range.mid(6, range.indexOf('-') - 6).toLongLong();
            if (start != m_stored.size())
                return FakeResponse::json(
                    409,
                    QJsonDocument(
                        QJsonObject {{QStringLiteral("error"),
                                      QJsonObject {{QStringLiteral("code"), QStringLiteral("conflict")},
                                                   {QStringLiteral("message"), QStringLiteral("offset")}}},
                                     {QStringLiteral("received"), qint64(m_stored.size())}})
                        .toJson());
            if (start == m_failChunkAt) {
                m_failChunkAt = -1;
                return FakeResponse::json(500, R"({"error":{"code":"internal","message":"disk full"}})");
            }
            m_stored += request.body;
            return FakeResponse::json(
                200, QJsonDocument(QJsonObject {{QStringLiteral("release"), release()}}).toJson());
        }
        if (path == "/api/v1/admin/channels" && request.method == "GET")
            return FakeResponse::json(
                200,
                R"({"channels":[{"channel":"stable","release_id":"rel-1","rollout_percent":25,"paused":false,"min_version":"1.0.0"},)"
                R"({"channel":"beta","release_id":null,"rollout_percent":0,"paused":true,"min_version":null}]})");
        if (path.startsWith("/api/v1/admin/channels/") && request.method == "PUT") {
            m_savedChannel = QJsonDocument::fromJson(request.body).object();
            return FakeResponse::json(200, request.body);
        }
        if (path == "/api/v1/admin/devices")
            return FakeResponse::json(
                200,
                R"({"versions":[{"version":"1.0.0","platform":"linux-amd64-deb","channel":"stable","devices":12}],)"
                R"("failures":[{"device_id":"d1","version":"2.0.0","message":"dpkg failed","at":"2026-11-30T03:01:00Z"}]})");
        return FakeResponse::json(404, R"({"error":{"code":"not_found","message":"no"}})");
    }

    std::unique_ptr<TestClient> signedIn()
    {
        auto client = std::make_unique<TestClient>(m_server->url());
        if (!client->open() || !client->login(QStringLiteral("admin"), QStringLiteral("demo")))
            return nullptr;
        return client;
    }

    QString writeInstaller(QTemporaryDir &dir) const
    {
        const QString path = dir.filePath(QStringLiteral("portico_2.0.0_amd64.deb"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(m_installer);
        return path;
    }

    static const QJsonObject &envelope()
    {
        static const QJsonObject signedFile {{QStringLiteral("format"), QStringLiteral("portico-signed-v1")},
                                             {QStringLiteral("signature"), QStringLiteral("c2ln")}};
        return signedFile;
    }

private Q_SLOTS:
    void init()
    {
        m_stored.clear();
        m_ranges.clear();
        m_failChunkAt = -1;
        m_server = std::make_unique<FakeHttpServer>([this](const FakeRequest &r) { return answer(r); });
    }

    void uploadGoesInChunksAndResumesAfterAFailure()
    {
        auto client = signedIn();
        QVERIFY(client);
        QTemporaryDir dir;
        m_failChunkAt = 2000;
        ReleaseUpload upload(client->network(), client->session(), writeInstaller(dir), envelope(),
                             envelope());
        upload.setChunkSize(1000);
        QSignalSpy failed(&upload, &ReleaseUpload::failed);
        QSignalSpy finished(&upload, &ReleaseUpload::finished);
        upload.start();
        QVERIFY(failed.wait(10000));
        QCOMPARE(m_stored.size(), 2000);
        upload.resume(); // from where the server stopped, not from the start
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_stored, m_installer);
        QCOMPARE(m_ranges.first(), QByteArray("bytes 0-999/5000"));
        QCOMPARE(m_ranges.count(QByteArray("bytes 2000-2999/5000")), 2); // failed once, sent again
        QCOMPARE(m_ranges.count(QByteArray("bytes 0-999/5000")), 1);
        QCOMPARE(finished.first().first().value<ReleaseRow>().state, QStringLiteral("ready"));
    }

    void uploadFollowsWhatTheServerHolds()
    {
        // The server already holds 3000 bytes (an upload from another run): the first chunk is
        // answered 409 with "received", and the upload goes on from there.
        m_stored = m_installer.left(3000);
        auto client = signedIn();
        QVERIFY(client);
        QTemporaryDir dir;
        ReleaseUpload upload(client->network(), client->session(), writeInstaller(dir), envelope(),
                             envelope());
        upload.setChunkSize(1000);
        QSignalSpy finished(&upload, &ReleaseUpload::finished);
        upload.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_stored, m_installer);
        QCOMPARE(m_ranges.first(), QByteArray("bytes 3000-3999/5000")); // "received" of the created release
    }

    void channelsAndDevicesInTheApiForm()
    {
        auto client = signedIn();
        QVERIFY(client);
        ReleaseAdmin admin(client->network(), client->session());
        QSignalSpy channels(&admin, &ReleaseAdmin::channelsLoaded);
        admin.loadChannels();
        QVERIFY(channels.wait(10000));
        const auto rows = channels.first().first().value<QList<ChannelRow>>();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.first().rolloutPercent, 25);
        QCOMPARE(rows.first().minVersion, QStringLiteral("1.0.0"));
        QVERIFY(rows.last().paused);
        QVERIFY(rows.last().releaseId.isEmpty());

        ChannelRow changed = rows.first();
        changed.rolloutPercent = 60;
        changed.paused = true;
        QSignalSpy saved(&admin, &ReleaseAdmin::channelSaved);
        admin.saveChannel(changed);
        QVERIFY(saved.wait(10000));
        QCOMPARE(m_savedChannel.value(QStringLiteral("rollout_percent")).toInt(), 60);
        QCOMPARE(m_savedChannel.value(QStringLiteral("paused")).toBool(), true);
        QCOMPARE(m_savedChannel.value(QStringLiteral("release_id")).toString(), QStringLiteral("rel-1"));
        QCOMPARE(m_savedChannel.value(QStringLiteral("min_version")).toString(), QStringLiteral("1.0.0"));

        QSignalSpy devices(&admin, &ReleaseAdmin::devicesLoaded);
        admin.loadDevices();
        QVERIFY(devices.wait(10000));
        const auto report = devices.first().first().value<DeviceReport>();
        QCOMPARE(report.versions.size(), 1);
        QCOMPARE(report.versions.first().devices, 12);
        QCOMPARE(report.failures.first().message, QStringLiteral("dpkg failed"));
    }
};

QTEST_GUILESS_MAIN(TestAdminReleases)
#include "tst_adminreleases.moc"
