#include "testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using portico::test::rawHttp;
using portico::test::TestServer;

namespace {

QByteArray failedLogin(int attempt, const QByteArray &forwardedFor)
{
    const QByteArray body
        = QJsonDocument(QJsonObject {{QStringLiteral("login"), QStringLiteral("nobody%1").arg(attempt)},
                                     {QStringLiteral("password"), QStringLiteral("wrong")},
                                     {QStringLiteral("device_id"), QStringLiteral("tst-proxies")}})
              .toJson(QJsonDocument::Compact);
    QByteArray request
        = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    if (!forwardedFor.isEmpty())
        request += "X-Forwarded-For: " + forwardedFor + "\r\n";
    return request + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

// The login limit per address behind a reverse proxy: with the proxy trusted, each client behind
// it has its own count; without, X-Forwarded-For is ignored, so a client cannot dodge the limit
// by sending a new address with every attempt.
class TestForwardedFor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientsBehindATrustedProxyAreCountedApart()
    {
        TestServer server({QStringLiteral("--trusted-proxies"), QStringLiteral("127.0.0.1/32, ::1")});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        // 20 failures per address are allowed in the window; the 21st is refused.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(rawHttp(server.port(), failedLogin(i, "198.51.100.9, 203.0.113.5")).status, 401);
        const auto refused = rawHttp(server.port(), failedLogin(20, "203.0.113.5"));
        QCOMPARE(refused.status, 429);
        // Another client behind the same proxy is not affected.
        QCOMPARE(rawHttp(server.port(), failedLogin(21, "203.0.113.6")).status, 401);
        // The request log names the client, not the proxy.
        QTRY_VERIFY(server.log().contains("\"remote\":\"203.0.113.6\""));
    }

    void withoutTrustedProxiesTheHeaderIsIgnored()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        for (int i = 0; i < 20; ++i) {
            const QByteArray forged = "203.0.113." + QByteArray::number(i + 1);
            QCOMPARE(rawHttp(server.port(), failedLogin(i, forged)).status, 401);
        }
        QCOMPARE(rawHttp(server.port(), failedLogin(20, "192.0.2.200")).status, 429);
        QVERIFY(!server.log().contains("\"remote\":\"203.0.113."));
    }

    void aMalformedListStopsTheServer()
    {
        TestServer server({QStringLiteral("--trusted-proxies"), QStringLiteral("proxy.local")});
        QVERIFY(!server.start(10000));
        QVERIFY2(server.log().contains("proxy.local is not an IP address or network"),
                 server.log().constData());
    }
};

QTEST_GUILESS_MAIN(TestForwardedFor)
#include "tst_forwardedfor.moc"
