#include "authfixture.h"
#include "rules/taxid.h"
#include "testserver.h"

#include <QJsonArray>
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

QString errorMessage(const QByteArray &body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

const QString TooDeep = QStringLiteral("JSON nested deeper than 64 levels");

// `levels` nested arrays around 1: [[[1]]] is three.
QByteArray arrays(int levels)
{
    return QByteArray(levels, '[') + '1' + QByteArray(levels, ']');
}

QByteArray post(const QByteArray &path, const QByteArray &body)
{
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
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

    // Bodies are refused for their nesting before QJsonDocument parses them (64 levels, where
    // QJsonDocument itself would go to about 1024); brackets inside strings are text.
    void jsonNestingLimit_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("tooDeep");
        // The object is the first level, so the login holds 63 levels of arrays: parsed, and then
        // refused by validation because a login is a string.
        QTest::newRow("64 levels reach validation")
            << ("{\"login\":" + arrays(63) + ",\"password\":\"x\",\"device_id\":\"d\"}") << 400 << false;
        QTest::newRow("65 levels") << ("{\"login\":" + arrays(64)
                                       + ",\"password\":\"x\",\"device_id\":\"d\"}")
                                   << 400 << true;
        QTest::newRow("5000 levels") << ("{\"login\":" + arrays(4999) + "}") << 400 << true;
        QTest::newRow("an unterminated flood of brackets") << QByteArray(15000, '[') << 400 << true;
        // Valid bodies whose password is a wall of brackets: parsed, and refused as wrong
        // credentials (the server has no users).
        QTest::newRow("brackets inside a string")
            << ("{\"login\":\"nobody\",\"password\":\"" + QByteArray(500, '[') + "\",\"device_id\":\"d\"}")
            << 401 << false;
        QTest::newRow("brackets after an escaped quote")
            << ("{\"login\":\"nobody2\",\"password\":\"\\\"" + QByteArray(500, '{')
                + "\",\"device_id\":\"d\"}")
            << 401 << false;
    }

    void jsonNestingLimit()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(bool, tooDeep);
        const auto reply = rawHttp(m_server->port(), post("/api/v1/auth/login", body));
        QCOMPARE(reply.status, status);
        QCOMPARE(errorMessage(reply.body) == TooDeep, tooDeep);
        if (tooDeep)
            QCOMPARE(errorCode(reply.body), QStringLiteral("bad_request"));
    }

    // A write whose body is too deep stores nothing; one level less is stored (an unknown member
    // is ignored, however deep).
    void tooDeepWritesStoreNothing()
    {
        portico::test::AuthFixture api;
        QVERIFY2(api.start(), qPrintable(api.errorString()));
        const QString admin = api.tokenOf(QStringLiteral("admin"));
        QVERIFY(!admin.isEmpty());
        auto customerCount = [&] {
            return api.get("/api/v1/admin/customers?limit=1000", admin)
                .json.value(QStringLiteral("customers"))
                .toArray()
                .size();
        };
        const qsizetype before = customerCount();
        QVERIFY(before > 0);
        auto customer = [](int levels, quint64 seed) -> QByteArray {
            const QString inn = portico::rules::generateInn(seed);
            return "{\"name\":\"Deep\",\"legal_name\":\"Deep LLC\",\"inn\":\"" + inn.toLatin1()
                + "\",\"kpp\":\"" + portico::rules::kppForInn(inn).toLatin1()
                + "\",\"extra\":" + arrays(levels - 1) + "}";
        };
        const auto refused = api.post("/api/v1/admin/customers", customer(65, 9001), admin);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.errorMessage(), TooDeep);
        QCOMPARE(customerCount(), before);

        const auto stored = api.post("/api/v1/admin/customers", customer(64, 9002), admin);
        QVERIFY2(stored.status == 201, qPrintable(stored.errorMessage()));
        QCOMPARE(customerCount(), before + 1);
        QCOMPARE(api.server().terminate(), 0);
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
