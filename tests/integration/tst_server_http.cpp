#include "testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

using portico::test::rawHttp;
using portico::test::TestServer;

namespace {
QString errorCode(const QByteArray &body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}
} // namespace

// A real portico-server process on an ephemeral port, driven over raw HTTP.
class TestServerHttp final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }

    void healthz()
    {
        const auto reply = rawHttp(m_server->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(reply.status, 200);
        QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("status")).toString(),
                 QStringLiteral("ok"));
        QVERIFY(reply.headers.contains("X-Request-Id: "));
    }

    void errorsAreJson_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("unknown route")
            << QByteArray("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n") << 404 << QStringLiteral("not_found");
        QTest::newRow("wrong method") << QByteArray("DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n") << 405
                                      << QStringLiteral("method_not_allowed");
        QTest::newRow("declared body over limit")
            << QByteArray("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n") << 413
            << QStringLiteral("payload_too_large");
        QTest::newRow("garbage request line")
            << QByteArray("HELLO\r\n\r\n") << 400 << QStringLiteral("bad_request");
        QTest::newRow("bad escape in target")
            << QByteArray("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n") << 400 << QStringLiteral("bad_request");
        QTest::newRow("header too large") << (QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ")
                                              + QByteArray(64 * 1024, 'a') + QByteArray("\r\n\r\n"))
                                          << 400 << QStringLiteral("bad_request");
    }

    void errorsAreJson()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QString, code);
        const auto reply = rawHttp(m_server->port(), request);
        QCOMPARE(reply.status, status);
        QVERIFY2(reply.headers.contains("Content-Type: application/json"), reply.headers.constData());
        QCOMPARE(errorCode(reply.body), code);
    }

    void chunkedBodyOverLimitIs413()
    {
        QByteArray request("POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        const QByteArray chunk(64 * 1024, 'x');
        for (int i = 0; i < 20; ++i)
            request += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
        request += "0\r\n\r\n";
        const auto reply = rawHttp(m_server->port(), request);
        QCOMPARE(reply.status, 413);
    }

    void keepAliveServesSeveralRequests()
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray data;
        for (int i = 0; i < 50 && data.count("HTTP/1.1 200 OK") < 2; ++i) {
            socket.waitForReadyRead(200);
            data += socket.readAll();
        }
        QCOMPARE(data.count("HTTP/1.1 200 OK"), 2);
    }

    void requestIdIsEchoedAndLogged()
    {
        const auto reply = rawHttp(m_server->port(),
                                   "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: trace-123\r\n\r\n");
        QVERIFY(reply.headers.contains("X-Request-Id: trace-123"));
        QTRY_VERIFY(m_server->log().contains("\"request_id\":\"trace-123\""));
        const auto log = m_server->log();
        const auto lines = log.split('\n');
        bool found = false;
        for (const auto &line : lines) {
            const auto object = QJsonDocument::fromJson(line).object();
            if (object.value(QStringLiteral("request_id")).toString() != QLatin1String("trace-123"))
                continue;
            found = true;
            QCOMPARE(object.value(QStringLiteral("status")).toInt(), 200);
            QCOMPARE(object.value(QStringLiteral("path")).toString(), QStringLiteral("/healthz"));
            QCOMPARE(object.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
            QVERIFY(object.contains(QStringLiteral("duration_ms")));
            QVERIFY(object.contains(QStringLiteral("bytes")));
        }
        QVERIFY(found);
    }

    void sigtermWithIdleConnectionExitsZero()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QTcpSocket idle;
        idle.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        QVERIFY(idle.waitForConnected(5000));
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(server.terminate(), 0);
        QVERIFY2(timer.elapsed() < 5000, "an idle keep-alive connection must not hold up shutdown");
    }

private:
    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TestServerHttp)
#include "tst_server_http.moc"
