#include "releasefixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

#include <cstring>

using namespace portico::test;

namespace {

const QByteArray Platform = "linux-amd64-deb";

QByteArray clientHeaders(const QByteArray &version, const QByteArray &channel = "stable")
{
    return "X-Portico-Version: " + version + "\r\nX-Portico-Platform: " + Platform
        + "\r\nX-Portico-Channel: " + channel + "\r\n";
}

// kB of a /proc/<pid>/status field (VmRSS, VmHWM).
qint64 statusKb(qint64 pid, const QByteArray &field)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

// What a desktop meets: the update check with its rollout, pause and ETag, 426 below the
// minimum version with the update to install, the installer by HTTP Range, the version counts
// and install reports, and a 200 MB download that the server streams without holding it.
class TestUpdatesDelivery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        QVERIFY(m_fx.start());
        m_installer = installerBytes(3 * 1024 * 1024 + 321, 41);
        m_release = m_fx.publish(QStringLiteral("1.5.0"), m_installer);
        QVERIFY(!m_release.isEmpty());
        m_rep = m_fx.api().tokenOf(QStringLiteral("rep1"), {}, QStringLiteral("rep-device"));
        QVERIFY(!m_rep.isEmpty());
    }

    void cleanupTestCase() { QCOMPARE(m_fx.api().server().terminate(), 0); }

    void cleanup()
    {
        QCOMPARE(m_fx.setChannel(QStringLiteral("stable"),
                                 {{QStringLiteral("rollout_percent"), 100},
                                  {QStringLiteral("paused"), false},
                                  {QStringLiteral("min_version"), QJsonValue()}})
                     .status,
                 200);
    }

    void offersANewerReleaseWithAnETag()
    {
        const ApiReply offer = m_fx.request("GET", "/api/v1/updates", {}, m_rep, clientHeaders("1.4.2"));
        QCOMPARE(offer.status, 200);
        QCOMPARE(offer.string("release_id"), m_release);
        QCOMPARE(offer.string("version"), QStringLiteral("1.5.0"));
        const QJsonObject download = offer.json.value(QStringLiteral("download")).toObject();
        QCOMPARE(download.value(QStringLiteral("url")).toString(),
                 QStringLiteral("/api/v1/updates/%1/installer").arg(m_release));
        QCOMPARE(download.value(QStringLiteral("size")).toInteger(), qint64 {m_installer.size()});
        QCOMPARE(download.value(QStringLiteral("sha256")).toString(), sha256Of(m_installer));
        QCOMPARE(offer.json.value(QStringLiteral("manifest"))
                     .toObject()
                     .value(QStringLiteral("format"))
                     .toString(),
                 QStringLiteral("portico-signed-v1"));
        QCOMPARE(offer.json.value(QStringLiteral("keys")).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("keylist"));
        const QByteArray etag = headerOf(offer.headers, "ETag");
        QVERIFY(etag.startsWith('"') && !etag.startsWith("W/"));

        const ApiReply same = m_fx.request("GET", "/api/v1/updates", {}, m_rep,
                                           clientHeaders("1.4.2") + "If-None-Match: " + etag + "\r\n");
        QCOMPARE(same.status, 304);
        QVERIFY(m_fx.lastBody().isEmpty());
        // The query parameters say the same as the headers.
        QCOMPARE(m_fx.request("GET", "/api/v1/updates?version=1.4.2&platform=linux-amd64-deb&channel=stable",
                              {}, m_rep)
                     .status,
                 200);

        QCOMPARE(m_fx.request("GET", "/api/v1/updates", {}, m_rep, clientHeaders("1.5.0")).status, 204);
        QCOMPARE(m_fx.request("GET", "/api/v1/updates", {}, m_rep, clientHeaders("1.6.0")).status, 204);
        QCOMPARE(m_fx.request("GET", "/api/v1/updates", {}, m_rep, clientHeaders("1.4.2", "beta")).status,
                 204);
        QCOMPARE(
            m_fx.request("GET", "/api/v1/updates?version=1.4.2&platform=windows-x64-nsis", {}, m_rep).status,
            204);
        QCOMPARE(m_fx.request("GET", "/api/v1/updates", {}, m_rep).status, 400);
        QCOMPARE(m_fx.request("GET", "/api/v1/updates", {}, {}, clientHeaders("1.4.2")).status, 401);
    }

    void pauseAndRolloutHoldItBack()
    {
        QCOMPARE(m_fx.setChannel(QStringLiteral("stable"), {{QStringLiteral("paused"), true}}).status, 200);
        QCOMPARE(m_fx.request("GET", "/api/v1/updates", {}, m_rep, clientHeaders("1.4.2")).status, 204);
        QCOMPARE(m_fx.setChannel(QStringLiteral("stable"),
                                 {{QStringLiteral("paused"), false}, {QStringLiteral("rollout_percent"), 0}})
                     .status,
                 200);
        QCOMPARE(m_fx.request("GET", "/api/v1/updates", {}, m_rep, clientHeaders("1.4.2")).status, 204);
    }

    void belowTheMinimumSyncAndOrdersAre426()
    {
        // Paused and rolled out to nobody: a client below the minimum still gets the update.
        QCOMPARE(m_fx.setChannel(QStringLiteral("stable"),
                                 {{QStringLiteral("min_version"), QStringLiteral("1.5.0")},
                                  {QStringLiteral("paused"), true},
                                  {QStringLiteral("rollout_percent"), 0}})
                     .status,
                 200);
        const ApiReply sync = m_fx.request("GET", "/api/v1/sync?cursor=0", {}, m_rep, clientHeaders("1.4.2"));
        QCOMPARE(sync.status, 426);
        QCOMPARE(sync.errorCode(), QStringLiteral("upgrade_required"));
        QCOMPARE(sync.string("min_version"), QStringLiteral("1.5.0"));
        const QJsonObject update = sync.json.value(QStringLiteral("update")).toObject();
        QCOMPARE(update.value(QStringLiteral("release_id")).toString(), m_release);
        QCOMPARE(update.value(QStringLiteral("required")).toBool(), true);

        const QByteArray order = ReleaseFixture::json(
            {{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)}});
        const ApiReply submit = m_fx.request("POST", "/api/v1/orders", order, m_rep,
                                             clientHeaders("1.4.2") + "Content-Type: application/json\r\n");
        QCOMPARE(submit.status, 426);
        QCOMPARE(submit.json.value(QStringLiteral("update"))
                     .toObject()
                     .value(QStringLiteral("release_id"))
                     .toString(),
                 m_release);
        const QByteArray orderPath
            = "/api/v1/orders/" + QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
        QCOMPARE(m_fx.request("POST", orderPath + "/cancel", "{}", m_rep, clientHeaders("1.4.2")).status,
                 426);
        QCOMPARE(m_fx.request("POST", orderPath + "/confirm", "{}", m_rep, clientHeaders("1.4.2")).status,
                 426);

        // What a blocked client needs to update stays open.
        QCOMPARE(m_fx.request("POST", "/api/v1/auth/login",
                              AuthFixture::loginBody(QStringLiteral("rep1"), RepPassword,
                                                     QStringLiteral("rep-device")),
                              {}, clientHeaders("1.4.2") + "Content-Type: application/json\r\n")
                     .status,
                 200);
        QCOMPARE(m_fx.request("GET", "/api/v1/auth/me", {}, m_rep, clientHeaders("1.4.2")).status, 200);
        QCOMPARE(m_fx.request("GET", "/api/v1/updates", {}, m_rep, clientHeaders("1.4.2")).status, 200);
        QCOMPARE(m_fx.request("GET", "/api/v1/updates/" + m_release.toLatin1() + "/installer", {}, m_rep,
                              clientHeaders("1.4.2") + "Range: bytes=0-9\r\n")
                     .status,
                 206);
        // At the minimum, on another channel, or without a version (tools, integrations): not blocked.
        QCOMPARE(m_fx.request("GET", "/api/v1/sync?cursor=0", {}, m_rep, clientHeaders("1.5.0")).status, 200);
        QCOMPARE(
            m_fx.request("GET", "/api/v1/sync?cursor=0", {}, m_rep, clientHeaders("1.4.2", "beta")).status,
            200);
        QCOMPARE(m_fx.request("GET", "/api/v1/sync?cursor=0", {}, m_rep).status, 200);
    }

    void devicesAndReportsReachTheAdmin()
    {
        const QString other
            = m_fx.api().tokenOf(QStringLiteral("buyer1"), {}, QStringLiteral("buyer-device"));
        QCOMPARE(m_fx.request("GET", "/api/v1/sync?cursor=0", {}, other, clientHeaders("1.4.2")).status, 200);
        QCOMPARE(m_fx.request("GET", "/api/v1/sync?cursor=0", {}, m_rep, clientHeaders("1.5.0")).status, 200);
        const QByteArray report
            = ReleaseFixture::json({{QStringLiteral("release_id"), m_release},
                                    {QStringLiteral("version"), QStringLiteral("1.5.0")},
                                    {QStringLiteral("outcome"), QStringLiteral("failed")},
                                    {QStringLiteral("message"), QStringLiteral("pkexec: dismissed")}});
        QCOMPARE(m_fx.request("POST", "/api/v1/updates/report", report, other).status, 204);
        QCOMPARE(m_fx.request("POST", "/api/v1/updates/report", "{\"release_id\":\"x\"}", other).status, 400);

        const ApiReply devices = m_fx.request("GET", "/api/v1/admin/devices", {}, m_fx.admin());
        QCOMPARE(devices.status, 200);
        QMap<QString, int> counts;
        for (const QJsonValue v : devices.json.value(QStringLiteral("versions")).toArray())
            counts[v.toObject().value(QStringLiteral("version")).toString()]
                += v.toObject().value(QStringLiteral("devices")).toInt();
        QCOMPARE(counts.value(QStringLiteral("1.4.2")), 1); // buyer-device
        QCOMPARE(counts.value(QStringLiteral("1.5.0")), 1); // rep-device, which ran 1.4.2 before
        const QJsonArray failures = devices.json.value(QStringLiteral("failures")).toArray();
        QCOMPARE(failures.size(), 1);
        QCOMPARE(failures.at(0).toObject().value(QStringLiteral("device_id")).toString(),
                 QStringLiteral("buyer-device"));
        QCOMPARE(failures.at(0).toObject().value(QStringLiteral("user")).toString(),
                 QStringLiteral("buyer1"));
        QCOMPARE(failures.at(0).toObject().value(QStringLiteral("message")).toString(),
                 QStringLiteral("pkexec: dismissed"));
    }

    void rangesOfTheInstaller_data()
    {
        const qint64 size = 3 * 1024 * 1024 + 321;
        QTest::addColumn<QByteArray>("range");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("length");
        QTest::newRow("whole") << QByteArray() << 200 << qint64 {0} << size;
        QTest::newRow("first bytes") << QByteArray("bytes=0-99") << 206 << qint64 {0} << qint64 {100};
        QTest::newRow("middle") << QByteArray("bytes=1000000-1999999") << 206 << qint64 {1000000}
                                << qint64 {1000000};
        QTest::newRow("open end") << QByteArray("bytes=3000000-") << 206 << qint64 {3000000}
                                  << size - 3000000;
        QTest::newRow("suffix") << QByteArray("bytes=-500") << 206 << size - 500 << qint64 {500};
        QTest::newRow("end past the size")
            << QByteArray("bytes=10-99999999") << 206 << qint64 {10} << size - 10;
        QTest::newRow("start past the end")
            << QByteArray("bytes=99999999-") << 416 << qint64 {0} << qint64 {0};
        QTest::newRow("empty suffix") << QByteArray("bytes=-0") << 416 << qint64 {0} << qint64 {0};
        QTest::newRow("several ranges: the whole")
            << QByteArray("bytes=0-1,5-6") << 200 << qint64 {0} << size;
        QTest::newRow("another unit: the whole") << QByteArray("items=0-1") << 200 << qint64 {0} << size;
    }

    void rangesOfTheInstaller()
    {
        QFETCH(QByteArray, range);
        QFETCH(int, status);
        QFETCH(qint64, start);
        QFETCH(qint64, length);
        const QByteArray header = range.isEmpty() ? QByteArray() : "Range: " + range + "\r\n";
        const ApiReply reply = m_fx.request("GET", "/api/v1/updates/" + m_release.toLatin1() + "/installer",
                                            {}, m_rep, header);
        QCOMPARE(reply.status, status);
        QCOMPARE(headerOf(reply.headers, "Accept-Ranges"), QByteArray("bytes"));
        if (status == 416) {
            QCOMPARE(headerOf(reply.headers, "Content-Range"),
                     "bytes */" + QByteArray::number(m_installer.size()));
            return;
        }
        QCOMPARE(headerOf(reply.headers, "ETag"), '"' + sha256Of(m_installer).toLatin1() + '"');
        QCOMPARE(headerOf(reply.headers, "Content-Length"), QByteArray::number(length));
        QCOMPARE(m_fx.lastBody().size(), length);
        QVERIFY(m_fx.lastBody() == m_installer.mid(start, length));
        if (status == 206)
            QCOMPARE(headerOf(reply.headers, "Content-Range"),
                     "bytes " + QByteArray::number(start) + '-' + QByteArray::number(start + length - 1) + '/'
                         + QByteArray::number(m_installer.size()));
    }

    void aResumedDownloadMatchesTheManifest()
    {
        const QByteArray path = "/api/v1/updates/" + m_release.toLatin1() + "/installer";
        // The first part, then the connection drops; the rest by Range, checked by If-Range.
        m_fx.request("GET", path, {}, m_rep, "Range: bytes=0-1234566\r\n");
        QByteArray downloaded = m_fx.lastBody();
        const QByteArray etag = '"' + sha256Of(m_installer).toLatin1() + '"';
        const ApiReply rest = m_fx.request("GET", path, {}, m_rep,
                                           "Range: bytes=" + QByteArray::number(downloaded.size())
                                               + "-\r\nIf-Range: " + etag + "\r\n");
        QCOMPARE(rest.status, 206);
        downloaded += m_fx.lastBody();
        QCOMPARE(sha256Of(downloaded), sha256Of(m_installer));
        // An If-Range naming another file gets the whole one.
        QCOMPARE(m_fx.request("GET", path, {}, m_rep, "Range: bytes=10-\r\nIf-Range: \"other\"\r\n").status,
                 200);
        QCOMPARE(m_fx.request("GET", path, {}, m_rep, "If-None-Match: " + etag + "\r\n").status, 304);
        // Not ready or unknown: 404.
        QCOMPARE(m_fx.request("GET",
                              "/api/v1/updates/"
                                  + QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()
                                  + "/installer",
                              {}, m_rep)
                     .status,
                 404);
    }

    // A 200 MB installer goes out in pieces: the server's resident memory stays far below it.
    void aLargeDownloadStreams()
    {
        const qint64 size = 200LL * 1024 * 1024;
        const QString file = m_fx.tempPath(QStringLiteral("large.deb"));
        QCryptographicHash expected(QCryptographicHash::Sha256);
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            // One random block, each copy stamped with its number: cheap to make, no two alike.
            QByteArray piece = installerBytes(4 * 1024 * 1024, 77);
            for (qint64 written = 0; written < size; written += piece.size()) {
                const qint64 number = written / piece.size();
                std::memcpy(piece.data(), &number, sizeof number);
                expected.addData(piece);
                QCOMPARE(out.write(piece), piece.size());
            }
        }
        const QString sha = QString::fromLatin1(expected.result().toHex());
        QJsonObject payload = ReleaseSigner::manifestPayload(QStringLiteral("2.0.0"), QStringLiteral("beta"),
                                                             QString::fromLatin1(Platform), {});
        payload.insert(QStringLiteral("size"), size);
        payload.insert(QStringLiteral("sha256"), sha);
        const QString manifestFile = m_fx.tempPath(QStringLiteral("large-manifest.json"));
        const QString keysFile = m_fx.tempPath(QStringLiteral("large-keys.json"));
        QFile manifest(manifestFile);
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write(ReleaseFixture::json(m_fx.signer().manifest(payload)));
        manifest.close();
        QFile keys(keysFile);
        QVERIFY(keys.open(QIODevice::WriteOnly));
        keys.write(ReleaseFixture::json(m_fx.signer().keyList()));
        keys.close();
        QElapsedTimer timer;
        timer.start();
        QProcess cli;
        cli.start(QStringLiteral(PORTICO_SERVER_BINARY),
                  QStringList {QStringLiteral("release"), QStringLiteral("publish"),
                               QStringLiteral("--manifest"), manifestFile, QStringLiteral("--keys"), keysFile,
                               QStringLiteral("--installer"), file, QStringLiteral("--release-root-key"),
                               m_fx.rootKeyFile()}
                      + m_fx.api().where());
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QString id = QString::fromUtf8(cli.readAllStandardOutput().split('\t').value(0));
        qInfo("published 200 MB through the command line in %lld ms", timer.elapsed());
        QFile::remove(file);

        const qint64 pid = m_fx.api().server().process().processId();
        const qint64 rssBefore = statusKb(pid, "VmRSS");
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_fx.api().server().port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /api/v1/updates/" + id.toLatin1()
                     + "/installer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                       "Authorization: Bearer "
                     + m_rep.toLatin1() + "\r\n\r\n");
        QCryptographicHash received(QCryptographicHash::Sha256);
        QByteArray head;
        qint64 body = 0;
        qint64 peakRss = rssBefore;
        timer.restart();
        // Read slowly at first, so that a server holding the whole body would show it.
        while (socket.state() == QAbstractSocket::ConnectedState || socket.bytesAvailable() > 0) {
            QCoreApplication::processEvents();
            if (!socket.waitForReadyRead(30000) && socket.bytesAvailable() == 0)
                break;
            QByteArray data = socket.read(1024 * 1024);
            if (head.isEmpty() || !head.contains("\r\n\r\n")) {
                head += data;
                const qsizetype end = head.indexOf("\r\n\r\n");
                if (end < 0)
                    continue;
                data = head.mid(end + 4);
                head.truncate(end + 4);
            }
            received.addData(data);
            body += data.size();
            if ((body / (1024 * 1024)) % 8 == 0)
                peakRss = std::max(peakRss, statusKb(pid, "VmRSS"));
        }
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
        QCOMPARE(body, size);
        QCOMPARE(QString::fromLatin1(received.result().toHex()), sha);
        const qint64 hwm = statusKb(pid, "VmHWM");
        qInfo("200 MB download: %lld ms (%.0f MB/s); server RSS %lld kB before, peak seen %lld kB, "
              "high-water mark %lld kB",
              elapsed,
              static_cast<double>(size) / 1048576.0 / static_cast<double>(std::max<qint64>(1, elapsed))
                  * 1000,
              rssBefore, peakRss, hwm);
        QVERIFY2(peakRss - rssBefore < 64 * 1024, "the server's memory grew with the download");
#if defined(__SANITIZE_ADDRESS__)
        // AddressSanitizer's shadow memory and quarantine set the process's size: there the
        // high-water mark counts from the size before the download.
        const qint64 baseline = rssBefore;
#else
        const qint64 baseline = 0;
#endif
        QVERIFY2(hwm - baseline < 160 * 1024, "the server's high-water mark reached the installer's size");
    }

private:
    ReleaseFixture m_fx;
    QByteArray m_installer;
    QString m_release;
    QString m_rep;
};

QTEST_GUILESS_MAIN(TestUpdatesDelivery)
#include "tst_updates_delivery.moc"
