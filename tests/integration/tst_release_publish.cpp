#include "releasefixture.h"

#include <QProcess>
#include <QTest>

using namespace portico::test;

namespace {

QJsonObject releaseOf(const ApiReply &reply)
{
    return reply.json.value(QStringLiteral("release")).toObject();
}

CliResult runReleaseCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(PORTICO_SERVER_BINARY), QStringList {QStringLiteral("release")} + arguments);
    CliResult result;
    if (!process.waitForFinished(60000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace

// Publishing a release against a real server: the signed upload, the resumable chunked
// installer (across a server restart), what is refused, who may do it, and the command line.
class TestReleasePublish final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        QVERIFY(m_fx.start());
    }

    void cleanupTestCase() { QCOMPARE(m_fx.api().server().terminate(), 0); }

    void uploadResumesAcrossARestart()
    {
        const qsizetype chunk = 4 * 1024 * 1024;
        const QByteArray installer = installerBytes(3 * chunk + 12345, 7);
        const QString id = m_fx.create(QStringLiteral("1.1.0"), installer);
        QVERIFY(!id.isEmpty());
        const ApiReply created
            = m_fx.request("GET", "/api/v1/admin/releases/" + id.toLatin1(), {}, m_fx.admin());
        QCOMPARE(created.status, 200);
        QCOMPARE(releaseOf(created).value(QStringLiteral("state")).toString(), QStringLiteral("uploading"));
        QCOMPARE(releaseOf(created).value(QStringLiteral("received")).toInteger(), qint64 {0});

        QCOMPARE(m_fx.putChunk(id, installer, 0, chunk).status, 200);
        const ApiReply second = m_fx.putChunk(id, installer, chunk, chunk);
        QCOMPARE(second.status, 200);
        QCOMPARE(releaseOf(second).value(QStringLiteral("received")).toInteger(), qint64 {2 * chunk});

        // Killed mid-upload: what was acknowledged is still there afterwards.
        m_fx.api().server().kill();
        QVERIFY2(m_fx.api().server().start(), qPrintable(m_fx.api().server().errorString()));
        const ApiReply after
            = m_fx.request("GET", "/api/v1/admin/releases/" + id.toLatin1(), {}, m_fx.admin());
        QCOMPARE(releaseOf(after).value(QStringLiteral("received")).toInteger(), qint64 {2 * chunk});

        // A client that lost track sends from the start: 409 says where to go on.
        const ApiReply wrong = m_fx.putChunk(id, installer, 0, chunk);
        QCOMPARE(wrong.status, 409);
        QCOMPARE(wrong.errorCode(), QStringLiteral("conflict"));
        QCOMPARE(releaseOf(wrong).value(QStringLiteral("received")).toInteger(), qint64 {2 * chunk});
        const qint64 resumeAt = releaseOf(wrong).value(QStringLiteral("received")).toInteger();
        QCOMPARE(m_fx.putChunk(id, installer, resumeAt, chunk).status, 200);
        const ApiReply last
            = m_fx.putChunk(id, installer, resumeAt + chunk, installer.size() - resumeAt - chunk);
        QCOMPARE(last.status, 200);
        QCOMPARE(releaseOf(last).value(QStringLiteral("state")).toString(), QStringLiteral("ready"));
        QCOMPARE(releaseOf(last).value(QStringLiteral("received")).toInteger(), qint64 {installer.size()});
        QCOMPARE(releaseOf(last).value(QStringLiteral("sha256")).toString(), sha256Of(installer));

        // Complete: no more chunks.
        QCOMPARE(m_fx.putChunk(id, installer, 0, 10).status, 409);
    }

    void aMismatchedInstallerIsRefusedAndStartsAgain()
    {
        const QByteArray installer = installerBytes(300000, 11);
        QByteArray tampered = installer;
        tampered[150000] = static_cast<char>(tampered[150000] ^ 0x5a);
        const QString id = m_fx.create(QStringLiteral("1.2.0"), installer);
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_fx.putChunk(id, tampered, 0, 200000).status, 200);
        const ApiReply refused = m_fx.putChunk(id, tampered, 200000, 100000);
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.errorCode(), QStringLiteral("sha256_mismatch"));
        QCOMPARE(releaseOf(refused).value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(releaseOf(refused).value(QStringLiteral("received")).toInteger(), qint64 {0});
        // Nothing of it can be downloaded.
        QCOMPARE(
            m_fx.request("GET", "/api/v1/updates/" + id.toLatin1() + "/installer", {}, m_fx.admin()).status,
            404);
        const ApiReply again = m_fx.upload(id, installer, 100000);
        QCOMPARE(again.status, 200);
        QCOMPARE(releaseOf(again).value(QStringLiteral("state")).toString(), QStringLiteral("ready"));
    }

    void badChunksAreRefused_data()
    {
        QTest::addColumn<QByteArray>("range");
        QTest::addColumn<int>("bodySize");
        QTest::addColumn<int>("status");
        QTest::newRow("no Content-Range") << QByteArray() << 10 << 400;
        QTest::newRow("not bytes") << QByteArray("items 0-9/1000") << 10 << 400;
        QTest::newRow("end before start") << QByteArray("bytes 9-0/1000") << 10 << 400;
        QTest::newRow("length differs from the body") << QByteArray("bytes 0-19/1000") << 10 << 400;
        QTest::newRow("total is not the manifest's") << QByteArray("bytes 0-9/999") << 10 << 422;
        QTest::newRow("past the end") << QByteArray("bytes 995-1004/1000") << 10 << 400;
        QTest::newRow("ahead of what was received") << QByteArray("bytes 10-19/1000") << 10 << 409;
    }

    void badChunksAreRefused()
    {
        QFETCH(QByteArray, range);
        QFETCH(int, bodySize);
        QFETCH(int, status);
        if (m_badChunkRelease.isEmpty())
            m_badChunkRelease = m_fx.create(QStringLiteral("1.3.0"), installerBytes(1000, 3));
        const QByteArray header = range.isEmpty() ? QByteArray() : "Content-Range: " + range + "\r\n";
        const ApiReply reply
            = m_fx.request("PUT", "/api/v1/admin/releases/" + m_badChunkRelease.toLatin1() + "/installer",
                           QByteArray(bodySize, 'x'), m_fx.admin(), header);
        QCOMPARE(reply.status, status);
        const ApiReply stored
            = m_fx.request("GET", "/api/v1/admin/releases/" + m_badChunkRelease.toLatin1(), {}, m_fx.admin());
        QCOMPARE(releaseOf(stored).value(QStringLiteral("received")).toInteger(), qint64 {0});
    }

    void chunksOverEightMebibytesAre413()
    {
        const qsizetype size = 9 * 1024 * 1024;
        const QString id = m_fx.create(QStringLiteral("1.3.1"), installerBytes(size, 5));
        // Refused from the declared length, before the body is read.
        const RawHttpReply reply = rawHttp(
            m_fx.api().server().port(),
            "PUT /api/v1/admin/releases/" + id.toLatin1()
                + "/installer HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_fx.admin().toLatin1()
                + "\r\nContent-Range: bytes 0-" + QByteArray::number(size - 1) + '/'
                + QByteArray::number(size) + "\r\nContent-Length: " + QByteArray::number(size) + "\r\n\r\n");
        QCOMPARE(reply.status, 413);
        // Eight MiB is fine.
        const QByteArray installer = installerBytes(size, 5);
        QCOMPARE(m_fx.putChunk(id, installer, 0, 8 * 1024 * 1024).status, 200);
    }

    void unsignedOrForgedReleasesAreRefused_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<QString>("code");
        QTest::newRow("unsigned manifest") << "unsigned"
                                           << "malformed";
        QTest::newRow("tampered manifest") << "tampered"
                                           << "bad_signature";
        QTest::newRow("signed by an unknown key") << "stranger"
                                                  << "unknown_key";
        QTest::newRow("signed by a revoked key") << "revoked"
                                                 << "revoked_key";
        QTest::newRow("key list signed by another root") << "other root"
                                                         << "unknown_key";
        QTest::newRow("not an envelope") << "plain"
                                         << "malformed";
    }

    // A server holding only its own credentials cannot publish a build nobody signed.
    void unsignedOrForgedReleasesAreRefused()
    {
        QFETCH(QString, attack);
        QFETCH(QString, code);
        const QByteArray installer = installerBytes(5000, 13);
        QJsonObject payload = ReleaseSigner::manifestPayload(
            QStringLiteral("6.6.6"), QStringLiteral("stable"), QStringLiteral("linux-amd64-deb"), installer);
        QJsonObject manifest = m_fx.signer().manifest(payload, attack == QLatin1String("stranger"));
        QJsonObject keys = m_fx.signer().keyList();
        if (attack == QLatin1String("unsigned"))
            manifest.insert(QStringLiteral("signature"), QString());
        if (attack == QLatin1String("tampered")) {
            payload.insert(QStringLiteral("sha256"), QString(64, QLatin1Char('0')));
            manifest.insert(QStringLiteral("payload"),
                            QString::fromLatin1(ReleaseFixture::json(payload).toBase64()));
        }
        if (attack == QLatin1String("revoked"))
            keys = m_fx.signer().keyList({m_fx.signer().releaseKeyId()});
        if (attack == QLatin1String("other root"))
            keys = ReleaseSigner().keyList();
        if (attack == QLatin1String("plain"))
            manifest = payload;
        const int before = releaseCount();
        const ApiReply reply = m_fx.request(
            "POST", "/api/v1/admin/releases",
            ReleaseFixture::json({{QStringLiteral("manifest"), manifest}, {QStringLiteral("keys"), keys}}),
            m_fx.admin());
        QCOMPARE(reply.status, 422);
        QCOMPARE(reply.errorCode(), code);
        QCOMPARE(releaseCount(), before);
    }

    void aVersionIsUploadedOnce()
    {
        const QByteArray installer = installerBytes(100, 1);
        QVERIFY(!m_fx.create(QStringLiteral("1.4.0"), installer).isEmpty());
        const ApiReply again
            = m_fx.request("POST", "/api/v1/admin/releases",
                           m_fx.uploadBody(QStringLiteral("1.4.0"), installerBytes(120, 2)), m_fx.admin());
        QCOMPARE(again.status, 409);
        // The same version on another channel is another release.
        QVERIFY(!m_fx.create(QStringLiteral("1.4.0"), installer, QStringLiteral("beta")).isEmpty());
    }

    void onlyAdminsPublish()
    {
        const QString rep = m_fx.api().tokenOf(QStringLiteral("rep1"));
        const QString buyer = m_fx.api().tokenOf(QStringLiteral("buyer1"));
        const int before = releaseCount();
        QCOMPARE(
            m_fx.request("POST", "/api/v1/admin/releases", m_fx.uploadBody(QStringLiteral("7.0.0"), "x"), rep)
                .status,
            403);
        QCOMPARE(
            m_fx.request("POST", "/api/v1/admin/releases", m_fx.uploadBody(QStringLiteral("7.0.0"), "x"), {})
                .status,
            401);
        QCOMPARE(m_fx.request("GET", "/api/v1/admin/releases", {}, buyer).status, 403);
        QCOMPARE(m_fx.request("GET", "/api/v1/admin/channels", {}, rep).status, 403);
        QCOMPARE(m_fx.request("PUT", "/api/v1/admin/channels/stable", "{\"paused\":true}", rep).status, 403);
        QCOMPARE(m_fx.request("GET", "/api/v1/admin/devices", {}, buyer).status, 403);
        QCOMPARE(releaseCount(), before);
    }

    void channelsAndRemoval()
    {
        const QByteArray installer = installerBytes(2000, 21);
        const QString id = m_fx.publish(QStringLiteral("1.5.0"), installer, 40);
        QVERIFY(!id.isEmpty());
        const ApiReply channels = m_fx.request("GET", "/api/v1/admin/channels", {}, m_fx.admin());
        QCOMPARE(channels.status, 200);
        QJsonObject stable;
        for (const QJsonValue c : channels.json.value(QStringLiteral("channels")).toArray()) {
            if (c.toObject().value(QStringLiteral("channel")).toString() == QLatin1String("stable"))
                stable = c.toObject();
        }
        QCOMPARE(stable.value(QStringLiteral("release_id")).toString(), id);
        QCOMPARE(stable.value(QStringLiteral("version")).toString(), QStringLiteral("1.5.0"));
        QCOMPARE(stable.value(QStringLiteral("rollout_percent")).toInt(), 40);
        QCOMPARE(stable.value(QStringLiteral("paused")).toBool(), false);
        QVERIFY(stable.value(QStringLiteral("min_version")).isNull());

        QCOMPARE(m_fx.setChannel(QStringLiteral("stable"), {{QStringLiteral("rollout_percent"), 101}}).status,
                 422);
        QCOMPARE(m_fx.setChannel(QStringLiteral("stable"),
                                 {{QStringLiteral("rollout_percent"), QStringLiteral("50")}})
                     .status,
                 400);
        QCOMPARE(m_fx.setChannel(QStringLiteral("stable"),
                                 {{QStringLiteral("min_version"), QStringLiteral("latest")}})
                     .status,
                 422);
        QCOMPARE(m_fx.setChannel(QStringLiteral("Not_A_Channel"), {{QStringLiteral("paused"), true}}).status,
                 404);
        // A release that is not ready, or of another channel, cannot be made current.
        const QString uploading = m_fx.create(QStringLiteral("1.6.0"), installer);
        QCOMPARE(
            m_fx.setChannel(QStringLiteral("stable"), {{QStringLiteral("release_id"), uploading}}).status,
            422);
        QCOMPARE(m_fx.setChannel(QStringLiteral("beta"), {{QStringLiteral("release_id"), id}}).status, 422);

        // The current release stays; another goes, with its installer.
        QCOMPARE(m_fx.request("DELETE", "/api/v1/admin/releases/" + id.toLatin1(), {}, m_fx.admin()).status,
                 409);
        QCOMPARE(
            m_fx.request("DELETE", "/api/v1/admin/releases/" + uploading.toLatin1(), {}, m_fx.admin()).status,
            204);
        QCOMPARE(
            m_fx.request("GET", "/api/v1/admin/releases/" + uploading.toLatin1(), {}, m_fx.admin()).status,
            404);
        QCOMPARE(
            m_fx.request("DELETE", "/api/v1/admin/releases/" + uploading.toLatin1(), {}, m_fx.admin()).status,
            404);
    }

    void theCommandLinePublishesAndSteers()
    {
        const QByteArray installer = installerBytes(70000, 31);
        const QString manifestFile = m_fx.tempPath(QStringLiteral("manifest.json"));
        const QString keysFile = m_fx.tempPath(QStringLiteral("keys.json"));
        const QString installerFile = m_fx.tempPath(QStringLiteral("portico_1.9.0_amd64.deb"));
        const auto write = [](const QString &path, const QByteArray &content) {
            QFile file(path);
            return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
        };
        QVERIFY(write(manifestFile,
                      ReleaseFixture::json(m_fx.signer().manifest(
                          ReleaseSigner::manifestPayload(QStringLiteral("1.9.0"), QStringLiteral("beta"),
                                                         QStringLiteral("linux-amd64-deb"), installer)))));
        QVERIFY(write(keysFile, ReleaseFixture::json(m_fx.signer().keyList())));
        QVERIFY(write(installerFile, installer));
        const QStringList where
            = m_fx.api().where() + QStringList {QStringLiteral("--release-root-key"), m_fx.rootKeyFile()};

        // Another file than the manifest's is refused before anything is stored.
        QVERIFY(write(m_fx.tempPath(QStringLiteral("other.deb")), installerBytes(70000, 32)));
        const CliResult wrong = runReleaseCli(
            QStringList {QStringLiteral("publish"), QStringLiteral("--manifest"), manifestFile,
                         QStringLiteral("--keys"), keysFile, QStringLiteral("--installer"),
                         m_fx.tempPath(QStringLiteral("other.deb"))}
            + where);
        QCOMPARE(wrong.exitCode, 1);

        const CliResult published = runReleaseCli(
            QStringList {QStringLiteral("publish"), QStringLiteral("--manifest"), manifestFile,
                         QStringLiteral("--keys"), keysFile, QStringLiteral("--installer"), installerFile}
            + where);
        QVERIFY2(published.exitCode == 0, published.err.constData());
        const QString id = QString::fromUtf8(published.out.split('\t').value(0));
        QVERIFY(!QUuid::fromString(id).isNull());

        const CliResult steered = runReleaseCli(
            QStringList {QStringLiteral("channel"), QStringLiteral("beta"), QStringLiteral("--release"), id,
                         QStringLiteral("--rollout"), QStringLiteral("25"), QStringLiteral("--pause"),
                         QStringLiteral("--min-version"), QStringLiteral("1.0.0")}
            + where);
        QVERIFY2(steered.exitCode == 0, steered.err.constData());
        const CliResult listed = runReleaseCli(QStringList {QStringLiteral("list")} + where);
        QCOMPARE(listed.exitCode, 0);
        QVERIFY(listed.out.contains(QByteArray(id.toLatin1() + "\t1.9.0\tbeta\tlinux-amd64-deb\tready")));

        const ApiReply channels = m_fx.request("GET", "/api/v1/admin/channels", {}, m_fx.admin());
        bool found = false;
        for (const QJsonValue c : channels.json.value(QStringLiteral("channels")).toArray()) {
            const QJsonObject channel = c.toObject();
            if (channel.value(QStringLiteral("channel")).toString() != QLatin1String("beta"))
                continue;
            found = true;
            QCOMPARE(channel.value(QStringLiteral("release_id")).toString(), id);
            QCOMPARE(channel.value(QStringLiteral("rollout_percent")).toInt(), 25);
            QCOMPARE(channel.value(QStringLiteral("paused")).toBool(), true);
            QCOMPARE(channel.value(QStringLiteral("min_version")).toString(), QStringLiteral("1.0.0"));
        }
        QVERIFY(found);
        const RawHttpReply download = rawHttp(m_fx.api().server().port(),
                                              "GET /api/v1/updates/" + id.toLatin1()
                                                  + "/installer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                                    "Authorization: Bearer "
                                                  + m_fx.admin().toLatin1() + "\r\n\r\n");
        QCOMPARE(download.status, 200);
        QCOMPARE(download.body, installer);
    }

private:
    int releaseCount()
    {
        return static_cast<int>(m_fx.request("GET", "/api/v1/admin/releases", {}, m_fx.admin())
                                    .json.value(QStringLiteral("releases"))
                                    .toArray()
                                    .size());
    }

    ReleaseFixture m_fx;
    QString m_badChunkRelease;
};

QTEST_GUILESS_MAIN(TestReleasePublish)
#include "tst_release_publish.moc"
