#include "authfixture.h"

#include <QTest>

using namespace portico::test;

namespace {

int retryAfterOf(const QByteArray &headers)
{
    for (const QByteArray &line : headers.split('\n')) {
        if (line.toLower().startsWith("retry-after:"))
            return line.mid(12).trimmed().toInt();
    }
    return -1;
}

} // namespace

// Signing in against a real server: login, refresh, logout, rate limits, bad bodies.
class TestAuth final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        QVERIFY2(m_api.start(), qPrintable(m_api.errorString()));
    }

    void cleanupTestCase() { QCOMPARE(m_api.server().terminate(), 0); }

    void loginThenMe()
    {
        const ApiReply login = m_api.post("/api/v1/auth/login",
                                          AuthFixture::loginBody(QStringLiteral("buyer1"), BuyerPassword));
        QCOMPARE(login.status, 200);
        QCOMPARE(login.string("token_type"), QStringLiteral("Bearer"));
        QCOMPARE(login.json.value(QStringLiteral("expires_in")).toInt(), 3600);
        QCOMPARE(login.json.value(QStringLiteral("refresh_expires_in")).toInt(), 30 * 24 * 3600);
        QCOMPARE(login.string("access_token").size(), 43);
        QCOMPARE(login.string("refresh_token").size(), 43);
        QVERIFY(login.headers.contains("Cache-Control: no-store"));
        const QJsonObject user = login.json.value(QStringLiteral("user")).toObject();
        QCOMPARE(user.value(QStringLiteral("login")).toString(), QStringLiteral("buyer1"));
        QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("buyer"));
        QCOMPARE(user.value(QStringLiteral("customer_id")).toString(), m_api.customerId());
        QCOMPARE(user.value(QStringLiteral("display_name")).toString(), QStringLiteral("Покупатель Один"));
        QCOMPARE(user.value(QStringLiteral("active")).toBool(), true);
        QVERIFY(!user.contains(QStringLiteral("password_hash")));

        const ApiReply me = m_api.get("/api/v1/auth/me", login.string("access_token"));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json, user);
        QVERIFY(QTest::qWaitFor([&] { return m_api.server().log().contains("\"user\":\"buyer1\""); }, 5000));
    }

    void meNeedsAValidToken_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("none") << QByteArray();
        QTest::newRow("unknown token") << QByteArray("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        QTest::newRow("other scheme") << QByteArray("Basic YWRtaW46YWRtaW4=");
        QTest::newRow("empty bearer") << QByteArray("Bearer ");
    }

    void meNeedsAValidToken()
    {
        QFETCH(QByteArray, authorization);
        QByteArray request("GET /api/v1/auth/me HTTP/1.1\r\nHost: x\r\n");
        if (!authorization.isEmpty())
            request += "Authorization: " + authorization + "\r\n";
        const ApiReply reply = m_api.raw(request + "\r\n");
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("unauthorized"));
    }

    void wrongCredentialsLookAlike()
    {
        const ApiReply wrongPassword = m_api.post(
            "/api/v1/auth/login", AuthFixture::loginBody(QStringLiteral("buyer1"), WrongPassword));
        const ApiReply unknownLogin = m_api.post(
            "/api/v1/auth/login", AuthFixture::loginBody(QStringLiteral("nobody"), WrongPassword));
        QCOMPARE(wrongPassword.status, 401);
        QCOMPARE(unknownLogin.status, 401);
        QCOMPARE(wrongPassword.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(wrongPassword.json, unknownLogin.json);
    }

    void theSixthWrongPasswordIsRateLimited()
    {
        const QByteArray wrong = AuthFixture::loginBody(QStringLiteral("rep1"), WrongPassword);
        for (int attempt = 1; attempt <= 5; ++attempt)
            QCOMPARE(m_api.post("/api/v1/auth/login", wrong).status, 401);
        const ApiReply limited = m_api.post("/api/v1/auth/login", wrong);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.errorCode(), QStringLiteral("too_many_requests"));
        const int retryAfter = retryAfterOf(limited.headers);
        QVERIFY2(retryAfter > 800 && retryAfter <= 900, limited.headers.constData());
        // The right password does not get through either, until the window ends.
        QCOMPARE(m_api.post("/api/v1/auth/login", AuthFixture::loginBody(QStringLiteral("rep1"), RepPassword))
                     .status,
                 429);
        // Other accounts are not affected.
        QCOMPARE(
            m_api.post("/api/v1/auth/login", AuthFixture::loginBody(QStringLiteral("buyer1"), BuyerPassword))
                .status,
            200);
    }

    void refreshRotatesAndReuseKillsTheFamily()
    {
        const ApiReply login = m_api.post("/api/v1/auth/login",
                                          AuthFixture::loginBody(QStringLiteral("buyer1"), BuyerPassword));
        QCOMPARE(login.status, 200);
        const ApiReply rotated
            = m_api.post("/api/v1/auth/refresh", AuthFixture::refreshBody(login.string("refresh_token")));
        QCOMPARE(rotated.status, 200);
        QVERIFY(rotated.string("access_token") != login.string("access_token"));
        QVERIFY(rotated.string("refresh_token") != login.string("refresh_token"));
        QCOMPARE(
            rotated.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("login")).toString(),
            QStringLiteral("buyer1"));
        QCOMPARE(m_api.get("/api/v1/auth/me", rotated.string("access_token")).status, 200);

        const ApiReply reused
            = m_api.post("/api/v1/auth/refresh", AuthFixture::refreshBody(login.string("refresh_token")));
        QCOMPARE(reused.status, 401);
        QCOMPARE(m_api.get("/api/v1/auth/me", rotated.string("access_token")).status, 401);
        QCOMPARE(m_api.get("/api/v1/auth/me", login.string("access_token")).status, 401);
        QCOMPARE(m_api.post("/api/v1/auth/refresh", AuthFixture::refreshBody(rotated.string("refresh_token")))
                     .status,
                 401);
    }

    void refreshNeedsTheSameDevice()
    {
        const ApiReply login = m_api.post("/api/v1/auth/login",
                                          AuthFixture::loginBody(QStringLiteral("buyer1"), BuyerPassword));
        const ApiReply other = m_api.post(
            "/api/v1/auth/refresh",
            AuthFixture::refreshBody(login.string("refresh_token"), QStringLiteral("another-device")));
        QCOMPARE(other.status, 401);
        QCOMPARE(m_api.post("/api/v1/auth/refresh", AuthFixture::refreshBody(login.string("refresh_token")))
                     .status,
                 401);
    }

    void logoutKillsTheTokens()
    {
        const ApiReply login = m_api.post("/api/v1/auth/login",
                                          AuthFixture::loginBody(QStringLiteral("buyer1"), BuyerPassword));
        const QString elsewhere
            = m_api.tokenOf(QStringLiteral("buyer1"), BuyerPassword, QStringLiteral("desktop"));
        const ApiReply logout = m_api.post("/api/v1/auth/logout", QByteArray(), login.string("access_token"));
        QCOMPARE(logout.status, 200);
        QCOMPARE(logout.json.value(QStringLiteral("revoked_tokens")).toInt(), 2);
        QCOMPARE(m_api.get("/api/v1/auth/me", login.string("access_token")).status, 401);
        QCOMPARE(m_api.post("/api/v1/auth/refresh", AuthFixture::refreshBody(login.string("refresh_token")))
                     .status,
                 401);
        QCOMPARE(m_api.post("/api/v1/auth/logout", QByteArray(), login.string("access_token")).status, 401);
        QCOMPARE(m_api.get("/api/v1/auth/me", elsewhere).status, 200);
    }

    void badBodiesAre400_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("{\"login\": \"buyer1\", ") << QStringLiteral("$");
        QTest::newRow("not an object") << QByteArray("[\"buyer1\"]") << QStringLiteral("$");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("$");
        QTest::newRow("login a number")
            << QByteArray("{\"login\": 5, \"password\": \"x\", \"device_id\": \"d\"}")
            << QStringLiteral("$.login");
        QTest::newRow("no password") << QByteArray("{\"login\": \"buyer1\", \"device_id\": \"d\"}")
                                     << QStringLiteral("$.password");
        QTest::newRow("no device") << QByteArray("{\"login\": \"buyer1\", \"password\": \"x\"}")
                                   << QStringLiteral("$.device_id");
        QTest::newRow("empty device")
            << AuthFixture::loginBody(QStringLiteral("buyer1"), QStringLiteral("x"), QString())
            << QStringLiteral("$.device_id");
        QTest::newRow("login too long")
            << AuthFixture::loginBody(QString(101, QLatin1Char('a')), QStringLiteral("x"))
            << QStringLiteral("$.login");
    }

    void badBodiesAre400()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const ApiReply reply = m_api.post("/api/v1/auth/login", body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("bad_request"));
        QCOMPARE(reply.errorField(), field);
        QVERIFY(!reply.errorMessage().isEmpty());
    }

    void loginBodiesAreSmall()
    {
        const QByteArray body
            = AuthFixture::loginBody(QStringLiteral("buyer1"), QString(17 * 1024, QLatin1Char('x')));
        QCOMPARE(m_api.post("/api/v1/auth/login", body).status, 413);
    }

    void adminRoutesNeedAnAdmin_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<int>("status");
        QTest::newRow("nobody") << QString() << 401;
        QTest::newRow("buyer") << QStringLiteral("buyer1") << 403;
        QTest::newRow("admin") << QStringLiteral("admin") << 200;
    }

    void adminRoutesNeedAnAdmin()
    {
        QFETCH(QString, who);
        QFETCH(int, status);
        const QString token = who.isEmpty() ? QString() : m_api.tokenOf(who);
        const ApiReply list = m_api.get("/api/v1/admin/users", token);
        QCOMPARE(list.status, status);
        const QByteArray body
            = "{\"login\": \"newrep\", \"role\": \"sales_rep\", \"password\": \"long-enough-1\"}";
        QCOMPARE(m_api.post("/api/v1/admin/users", body, token).status, status == 200 ? 201 : status);
        const QByteArray path = "/api/v1/admin/users/" + m_api.idOf(QStringLiteral("rep1")).toLatin1();
        QCOMPARE(m_api.send("PATCH", path, "{\"active\": false}", token).status, status);
        if (status != 200)
            return;
        QStringList logins;
        for (const auto &user : list.json.value(QStringLiteral("users")).toArray())
            logins << user.toObject().value(QStringLiteral("login")).toString();
        QCOMPARE(logins,
                 (QStringList {QStringLiteral("admin"), QStringLiteral("buyer1"), QStringLiteral("rep1")}));
    }

    void passwordsNeverReachTheLog()
    {
        // After the server stopped, its whole log has been read.
        QCOMPARE(m_api.server().terminate(), 0);
        const QByteArray log = m_api.server().log();
        QVERIFY(log.contains("\"msg\":\"login\""));
        QVERIFY(log.contains("\"msg\":\"login failed\""));
        for (const QString &password :
             {AdminPassword, BuyerPassword, RepPassword, WrongPassword, QStringLiteral("long-enough-1")})
            QVERIFY2(!log.contains(password.toUtf8()), qPrintable(password));
    }

private:
    AuthFixture m_api;
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
