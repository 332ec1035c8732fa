#include "inprocessserver.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMultiHash>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <optional>
#include <thread>
#include <unistd.h>
#include <zlib.h>

using namespace portico;
using namespace portico::server;
using portico::test::InProcessServer;
using portico::test::rawHttp;
using portico::test::TestDatabase;
using portico::test::TestServer;
using namespace std::chrono_literals;

namespace {

std::optional<QByteArray> gunzip(const QByteArray &data)
{
    z_stream stream {};
    if (inflateInit2(&stream, 15 + 16) != Z_OK)
        return std::nullopt;
    QByteArray out;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = static_cast<uInt>(data.size());
    int status = Z_OK;
    char chunk[16384];
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(chunk, static_cast<qsizetype>(sizeof chunk - stream.avail_out));
    }
    inflateEnd(&stream);
    return status == Z_STREAM_END ? std::optional<QByteArray>(out) : std::nullopt;
}

QByteArray bigJson()
{
    QByteArray body = "[";
    for (int i = 0; i < 200; ++i)
        body += R"({"id":)" + QByteArray::number(i) + R"(,"name":"Product number )" + QByteArray::number(i)
            + "\"},";
    body.back() = ']';
    return body;
}

QByteArray get(const QByteArray &path, const QByteArray &extraHeaders = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "\r\n";
}

// A request whose handler is still running when the test acts: sent on its own socket, the
// reply read later.
class PendingRequest
{
public:
    PendingRequest(quint16 port, const QByteArray &request)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (m_socket.waitForConnected(5000)) {
            m_socket.write(request);
            m_socket.flush();
        }
    }
    // The status of the reply, after reading until the server closed the connection.
    int finish(QByteArray *headers = nullptr)
    {
        QByteArray data;
        while (m_socket.state() == QAbstractSocket::ConnectedState && m_socket.waitForReadyRead(10000))
            data += m_socket.readAll();
        data += m_socket.readAll();
        if (headers)
            *headers = data.left(data.indexOf("\r\n\r\n"));
        return data.left(data.indexOf('\r')).split(' ').value(1).toInt();
    }

private:
    QTcpSocket m_socket;
};

// The threads of a running process: their names (/proc/PID/task/TID/comm) and ids.
QMultiHash<QString, qint64> threadsByName(qint64 pid)
{
    QMultiHash<QString, qint64> threads;
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly)) // else the thread ended meanwhile
            threads.insert(QString::fromUtf8(comm.readAll().trimmed()), tid.toLongLong());
    }
    return threads;
}

} // namespace

class TestServerObservability final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<InProcessServer>();
        QVERIFY2(m_server->create(), qPrintable(m_server->errorString()));
        m_server->router().add(
            {HttpMethod::Get, "/test/big", Access::Public, DefaultBodyLimit, [](HttpRequest &) {
                 return HttpResponse::json(200, bigJson());
             }});
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase() { m_server.reset(); }

    void largeJsonIsGzipped()
    {
        const auto reply = rawHttp(m_server->port(), get("/test/big", "Accept-Encoding: gzip, deflate\r\n"));
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.headers.contains("Content-Encoding: gzip"), reply.headers.constData());
        QVERIFY(reply.headers.contains("Vary: Accept-Encoding"));
        QVERIFY(reply.body.size() < bigJson().size());
        const auto restored = gunzip(reply.body);
        QVERIFY(restored);
        QCOMPARE(*restored, bigJson());
    }

    void withoutAcceptEncodingNothingIsCompressed()
    {
        const auto reply = rawHttp(m_server->port(), get("/test/big"));
        QCOMPARE(reply.status, 200);
        QVERIFY(!reply.headers.contains("Content-Encoding"));
        QVERIFY(reply.headers.contains("Vary: Accept-Encoding"));
        QCOMPARE(reply.body, bigJson());
    }

    void smallResponsesAreNotCompressed()
    {
        const auto reply = rawHttp(m_server->port(), get("/healthz", "Accept-Encoding: gzip\r\n"));
        QCOMPARE(reply.status, 200);
        QVERIFY(!reply.headers.contains("Content-Encoding"));
        QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("status")).toString(),
                 QStringLiteral("ok"));
    }

    void headOfCompressedResponse()
    {
        const auto full = rawHttp(m_server->port(), get("/test/big", "Accept-Encoding: gzip\r\n"));
        const auto head = rawHttp(
            m_server->port(),
            "HEAD /test/big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n", 2000);
        QCOMPARE(head.status, 200);
        QVERIFY(head.headers.contains(
            QByteArray(QByteArray("Content-Length: ") + QByteArray::number(full.body.size()))));
        QVERIFY(head.body.isEmpty());
    }

    void readyz()
    {
        const auto reply = rawHttp(m_server->port(), get("/readyz"));
        QCOMPARE(reply.status, 200);
        const auto body = QJsonDocument::fromJson(reply.body).object();
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
        QVERIFY(body.value(QStringLiteral("schema_version")).toInt() > 0);
    }

    void metrics()
    {
        rawHttp(m_server->port(), get("/healthz"));
        rawHttp(m_server->port(), get("/nope"));
        QTcpSocket open; // an idle connection, counted in the gauge
        open.connectToHost(QStringLiteral("127.0.0.1"), m_server->port());
        QVERIFY(open.waitForConnected(5000));
        QTRY_VERIFY(m_server->metrics().httpConnections() >= 1);
        const auto reply = rawHttp(m_server->port(), get("/metrics"));
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.headers.contains("Content-Type: text/plain; version=0.0.4"),
                 reply.headers.constData());
        const QByteArray text = reply.body;
        QVERIFY2(text.contains("portico_http_requests_total{method=\"GET\",status=\"200\"} "),
                 text.constData());
        QVERIFY(text.contains("portico_http_requests_total{method=\"GET\",status=\"404\"} "));
        QVERIFY(text.contains("# TYPE portico_http_request_duration_seconds histogram"));
        QVERIFY(text.contains("portico_http_request_duration_seconds_bucket{le=\"+Inf\"} "));
        QVERIFY(text.contains("portico_http_request_duration_seconds_count "));
        QVERIFY(text.contains("portico_db_seconds_total{mode=\"read\"} "));
        QVERIFY(text.contains("portico_feed_head "));
        QVERIFY(text.contains("portico_websocket_clients 0"));
        QVERIFY(text.contains("portico_order_terms_total{source=\"memory\"} "));
        // Ours, the idle one, maybe more from earlier tests still closing.
        double connections = 0;
        for (const auto &line : text.split('\n')) {
            if (line.startsWith("portico_http_connections "))
                connections = line.mid(25).toDouble();
        }
        QVERIFY2(connections >= 2, text.constData());
        // Scraped again, the counters have grown.
        const auto again = rawHttp(m_server->port(), get("/metrics", "Accept-Encoding: gzip\r\n"));
        QCOMPARE(again.status, 200);
        QVERIFY(again.headers.contains("Content-Encoding: gzip"));
        const auto unzipped = gunzip(again.body);
        QVERIFY(unzipped);
        QVERIFY(unzipped->contains("portico_http_requests_total{method=\"GET\",status=\"200\"} "));
    }

    // A request in flight when stop() comes finishes with 200; /readyz says 503 meanwhile; the
    // server then stops by itself.
    void stopDrainsInFlightRequests() { drain(false); }

    // The same through SIGTERM.
    void sigtermDrainsInFlightRequests() { drain(true); }

    // A client that starts a request and stalls is cut off: once the first bytes of a request
    // are in, its header must be whole within the header timeout, its body within the body
    // timeout, and the stalled request changes nothing. A keep-alive connection that has sent
    // nothing may wait longer (the idle timeout).
    void stalledRequestsAreCutOff()
    {
        HttpServerOptions options = InProcessServer::defaultOptions();
        options.idleTimeout = 10s;
        options.headerTimeout = 300ms;
        options.bodyTimeout = 300ms;
        InProcessServer server(options);
        QVERIFY2(server.create(), qPrintable(server.errorString()));
        std::atomic<int> handled {0};
        server.router().add(
            {HttpMethod::Post, "/test/echo", Access::Public, DefaultBodyLimit, [&](HttpRequest &) {
                 ++handled;
                 return HttpResponse::json(200, R"({"echo":true})");
             }});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const quint16 port = server.port();
        // Milliseconds until the server closed the connection after `sent`; -1 when it did not
        // within five seconds.
        const auto closedAfter = [&](const QByteArray &sent) -> qint64 {
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), port);
            if (!socket.waitForConnected(5000))
                return -2;
            socket.write(sent);
            socket.waitForBytesWritten(1000);
            QElapsedTimer waited;
            waited.start();
            while (socket.state() == QAbstractSocket::ConnectedState && waited.elapsed() < 5000)
                socket.waitForDisconnected(100);
            return socket.state() == QAbstractSocket::ConnectedState ? -1 : waited.elapsed();
        };
        const qint64 header = closedAfter("POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Le");
        QVERIFY2(header >= 0 && header < 3000, qPrintable(QString::number(header)));
        const qint64 body
            = closedAfter("POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"a\":");
        QVERIFY2(body >= 0 && body < 3000, qPrintable(QString::number(body)));
        QCOMPARE(handled.load(), 0);

        QTcpSocket idle;
        idle.connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(idle.waitForConnected(5000));
        QVERIFY(!idle.waitForDisconnected(1000));
        idle.write("POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
        QByteArray reply;
        for (int i = 0; i < 50 && !reply.contains("{\"echo\":true}"); ++i) {
            idle.waitForReadyRead(100);
            reply += idle.readAll();
        }
        QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.constData());
        QCOMPARE(handled.load(), 1);
    }

    void realServerReportsReadinessAndMetrics()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        TestServer server(db.serverArguments());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(rawHttp(server.port(), get("/readyz")).status, 200);
        const auto metrics = rawHttp(server.port(), get("/metrics"));
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.body.contains("portico_http_requests_total{method=\"GET\",status=\"200\"} 1"));
        QCOMPARE(server.terminate(), 0);
    }

    // Every thread says what it does (top -H, ps -L): as many handlers as the listening line
    // says, the I/O threads, and on SQLite the one writer (the migrations at start wrote on it).
    void threadsAreNamed()
    {
        TestDatabase db;
        QVERIFY2(db.create(false), qPrintable(db.errorString()));
        TestServer server(db.serverArguments());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(rawHttp(server.port(), get("/readyz")).status, 200);
        const qsizetype handlers = server.listening().value(QStringLiteral("handler_threads")).toInt();
        QVERIFY(handlers >= 2);
        // Each thread names itself as it starts, which may come after the listening line.
        const qint64 pid = server.process().processId();
        const auto cores = static_cast<qsizetype>(std::max(1U, std::thread::hardware_concurrency()));
        QTRY_COMPARE(threadsByName(pid).count(QStringLiteral("portico-handler")), handlers);
        QTRY_COMPARE(threadsByName(pid).count(QStringLiteral("portico-io")), cores - 1);
        const QMultiHash<QString, qint64> threads = threadsByName(pid);
        const QString names = threads.uniqueKeys().join(u' ');
        QVERIFY2(threads.count(QStringLiteral("portico-notify")) == 1, qPrintable(names));
        const bool sqlite = TestDatabase::backend() == TestDatabase::Backend::Sqlite;
        QVERIFY2(threads.count(QStringLiteral("portico-writer")) == (sqlite ? 1 : 0), qPrintable(names));
        QVERIFY2(threads.count(QStringLiteral("portico-listen")) == (sqlite ? 0 : 1), qPrintable(names));
        QCOMPARE(server.terminate(), 0);
    }

private:
    void drain(bool bySignal)
    {
        InProcessServer server;
        QVERIFY2(server.create(), qPrintable(server.errorString()));
        std::atomic<bool> handling {false};
        server.router().add(
            {HttpMethod::Get, "/test/slow", Access::Public, DefaultBodyLimit, [&](HttpRequest &) {
                 handling = true;
                 std::this_thread::sleep_for(500ms);
                 return HttpResponse::json(200, R"({"slow":true})");
             }});
        QVERIFY2(server.start(bySignal), qPrintable(server.errorString()));
        const quint16 port = server.port();
        QCOMPARE(rawHttp(port, get("/readyz")).status, 200);

        PendingRequest slow(port, get("/test/slow"));
        QTRY_VERIFY(handling.load());
        if (bySignal)
            ::kill(::getpid(), SIGTERM);
        else
            server.requestStop();
        QTRY_VERIFY(server.metrics().draining());
        HttpRequest probe;
        probe.path = "/readyz";
        const HttpResponse readiness = server.router().dispatch(probe);
        QCOMPARE(readiness.status, 503);

        QByteArray headers;
        QCOMPARE(slow.finish(&headers), 200);
        QVERIFY2(headers.contains("Connection: close"), headers.constData());
        QVERIFY(server.waitStopped(5000));
        QVERIFY(rawHttp(port, get("/healthz"), 2000).closed);
    }

    std::unique_ptr<InProcessServer> m_server;
};

QTEST_GUILESS_MAIN(TestServerObservability)
#include "tst_server_observability.moc"
