#include "http/apierror.h"
#include "http/router.h"
#include "log/structuredlog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace portico::server;

namespace {

HttpResponse echoParams(HttpRequest &request)
{
    QJsonObject params;
    for (const auto &[key, value] : request.pathParams)
        params.insert(QString::fromStdString(key), QString::fromStdString(value));
    return HttpResponse::json(200, QJsonDocument(params).toJson(QJsonDocument::Compact));
}

QJsonObject errorOf(const HttpResponse &response)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(response.body))
        .object()
        .value(QStringLiteral("error"))
        .toObject();
}

HttpRequest requestFor(HttpMethod method, std::string path)
{
    HttpRequest request;
    request.method = method;
    request.path = std::move(path);
    return request;
}

} // namespace

class TestRouter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { StructuredLog::setEnabled(false); }

    void matchesPatterns_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("params");
        QTest::newRow("literal") << QStringLiteral("/api/v1/orders") << 200 << QStringLiteral("{}");
        QTest::newRow("placeholder") << QStringLiteral("/api/v1/orders/42") << 200
                                     << QStringLiteral("{\"id\":\"42\"}");
        QTest::newRow("two placeholders") << QStringLiteral("/api/v1/orders/7/lines/3") << 200
                                          << QStringLiteral("{\"id\":\"7\",\"line\":\"3\"}");
        QTest::newRow("empty segment is no match") << QStringLiteral("/api/v1/orders/") << 404 << QString();
        QTest::newRow("extra segment") << QStringLiteral("/api/v1/orders/7/x") << 404 << QString();
        QTest::newRow("prefix only") << QStringLiteral("/api/v1") << 404 << QString();
        QTest::newRow("case matters") << QStringLiteral("/API/v1/orders") << 404 << QString();
    }

    void matchesPatterns()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, params);
        Router router;
        router.add({HttpMethod::Get, "/api/v1/orders", Access::Public, DefaultBodyLimit, echoParams});
        router.add({HttpMethod::Get, "/api/v1/orders/{id}", Access::Public, DefaultBodyLimit, echoParams});
        router.add({HttpMethod::Get, "/api/v1/orders/{id}/lines/{line}", Access::Public, DefaultBodyLimit,
                    echoParams});
        auto request = requestFor(HttpMethod::Get, path.toStdString());
        const auto response = router.dispatch(request);
        QCOMPARE(response.status, status);
        if (status == 200)
            QCOMPARE(QString::fromStdString(response.body), params);
        else
            QCOMPARE(errorOf(response).value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
    }

    void accessIsCheckedBeforeTheHandler_data()
    {
        QTest::addColumn<int>("access");
        QTest::addColumn<QString>("token");
        QTest::addColumn<int>("status");
        const int authenticated = int(Access::Authenticated);
        const int staff = int(Access::Staff);
        const int manager = int(Access::Manager);
        const int admin = int(Access::Admin);
        const int exchange = int(Access::Exchange);
        QTest::newRow("no token") << authenticated << QString() << 401;
        QTest::newRow("bad token") << authenticated << QStringLiteral("forged") << 401;
        QTest::newRow("buyer, any user") << authenticated << QStringLiteral("buyer") << 200;
        QTest::newRow("buyer, staff route") << staff << QStringLiteral("buyer") << 403;
        QTest::newRow("rep, staff route") << staff << QStringLiteral("sales_rep") << 200;
        QTest::newRow("rep, manager route") << manager << QStringLiteral("sales_rep") << 403;
        QTest::newRow("manager, manager route") << manager << QStringLiteral("manager") << 200;
        QTest::newRow("manager, admin route") << admin << QStringLiteral("manager") << 403;
        QTest::newRow("admin, admin route") << admin << QStringLiteral("admin") << 200;
        QTest::newRow("exchange, staff route") << staff << QStringLiteral("exchange") << 403;
        QTest::newRow("exchange, exchange route") << exchange << QStringLiteral("exchange") << 200;
        QTest::newRow("warehouse, exchange route") << exchange << QStringLiteral("warehouse") << 403;
    }

    void accessIsCheckedBeforeTheHandler()
    {
        QFETCH(int, access);
        QFETCH(QString, token);
        QFETCH(int, status);
        Router router;
        bool handlerRan = false;
        router.setAuthenticator([](const HttpRequest &request) {
            const auto role
                = portico::roleFromString(QString::fromStdString(request.header("authorization")));
            if (!role)
                throw ApiError(ApiErrorCode::Unauthorized, QStringLiteral("no valid token"));
            Caller caller;
            caller.login = QStringLiteral("someone");
            caller.role = *role;
            return caller;
        });
        router.add({HttpMethod::Post, "/x", static_cast<Access>(access), DefaultBodyLimit,
                    [&handlerRan](HttpRequest &request) {
                        handlerRan = true;
                        return HttpResponse::text(200, request.user);
                    }});
        auto request = requestFor(HttpMethod::Post, "/x");
        if (!token.isEmpty())
            request.headers["authorization"] = token.toStdString();
        const auto response = router.dispatch(request);
        QCOMPARE(response.status, status);
        QCOMPARE(handlerRan, status == 200);
        if (status == 200)
            QCOMPARE(response.body, std::string("someone"));
    }

    void noAuthenticatorMeansNoAccess()
    {
        Router router;
        router.add({HttpMethod::Get, "/x", Access::Authenticated, DefaultBodyLimit, echoParams});
        auto request = requestFor(HttpMethod::Get, "/x");
        QCOMPARE(router.dispatch(request).status, 401);
    }

    void wrongMethodIs405()
    {
        Router router;
        router.add({HttpMethod::Post, "/api/v1/orders", Access::Authenticated, DefaultBodyLimit, echoParams});
        auto request = requestFor(HttpMethod::Delete, "/api/v1/orders");
        const auto response = router.dispatch(request);
        QCOMPARE(response.status, 405);
        QCOMPARE(errorOf(response).value(QStringLiteral("code")).toString(),
                 QStringLiteral("method_not_allowed"));
    }

    void headFallsBackToGet()
    {
        Router router;
        router.add({HttpMethod::Get, "/healthz", Access::Public, DefaultBodyLimit, echoParams});
        auto request = requestFor(HttpMethod::Head, "/healthz");
        QCOMPARE(router.dispatch(request).status, 200);
    }

    void apiErrorsBecomeJson_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("wire");
        QTest::newRow("bad request") << int(ApiErrorCode::BadRequest) << 400 << QStringLiteral("bad_request");
        QTest::newRow("unauthorized")
            << int(ApiErrorCode::Unauthorized) << 401 << QStringLiteral("unauthorized");
        QTest::newRow("forbidden") << int(ApiErrorCode::Forbidden) << 403 << QStringLiteral("forbidden");
        QTest::newRow("conflict") << int(ApiErrorCode::Conflict) << 409 << QStringLiteral("conflict");
        QTest::newRow("too large") << int(ApiErrorCode::PayloadTooLarge) << 413
                                   << QStringLiteral("payload_too_large");
        QTest::newRow("unprocessable")
            << int(ApiErrorCode::Unprocessable) << 422 << QStringLiteral("unprocessable");
        QTest::newRow("rate limited")
            << int(ApiErrorCode::TooManyRequests) << 429 << QStringLiteral("too_many_requests");
        QTest::newRow("upgrade") << int(ApiErrorCode::UpgradeRequired) << 426
                                 << QStringLiteral("upgrade_required");
    }

    void apiErrorsBecomeJson()
    {
        QFETCH(int, code);
        QFETCH(int, status);
        QFETCH(QString, wire);
        Router router;
        router.add(
            {HttpMethod::Post, "/x", Access::Public, DefaultBodyLimit, [code](HttpRequest &) -> HttpResponse {
                 throw ApiError(static_cast<ApiErrorCode>(code), QStringLiteral("explained"),
                                QStringLiteral("$.lines[0].quantity"));
             }});
        auto request = requestFor(HttpMethod::Post, "/x");
        const auto response = router.dispatch(request);
        QCOMPARE(response.status, status);
        QCOMPARE(QString::fromStdString(response.contentType), QStringLiteral("application/json"));
        const auto error = errorOf(response);
        QCOMPARE(error.value(QStringLiteral("code")).toString(), wire);
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("explained"));
        QCOMPARE(error.value(QStringLiteral("field")).toString(), QStringLiteral("$.lines[0].quantity"));
    }

    void unexpectedExceptionIs500WithoutDetails()
    {
        Router router;
        router.add(
            {HttpMethod::Get, "/boom", Access::Public, DefaultBodyLimit, [](HttpRequest &) -> HttpResponse {
                 throw std::runtime_error("secret database detail");
             }});
        auto request = requestFor(HttpMethod::Get, "/boom");
        const auto response = router.dispatch(request);
        QCOMPARE(response.status, 500);
        QVERIFY(response.body.find("secret") == std::string::npos);
    }

    void bodyLimitPerRoute()
    {
        Router router;
        router.add({HttpMethod::Post, "/upload/{name}", Access::Admin, 64 * 1024 * 1024, echoParams});
        router.add({HttpMethod::Post, "/small", Access::Public, DefaultBodyLimit, echoParams});
        QCOMPARE(router.bodyLimitFor(HttpMethod::Post, "/upload/a.deb"), std::size_t(64 * 1024 * 1024));
        QCOMPARE(router.bodyLimitFor(HttpMethod::Post, "/small"), DefaultBodyLimit);
        QCOMPARE(router.bodyLimitFor(HttpMethod::Post, "/unknown"), DefaultBodyLimit);
    }

    void parsesTargets_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("cursor");
        QTest::newRow("plain") << QStringLiteral("/api/v1/sync") << true << QStringLiteral("/api/v1/sync")
                               << QString();
        QTest::newRow("query") << QStringLiteral("/api/v1/sync?cursor=42&limit=500") << true
                               << QStringLiteral("/api/v1/sync") << QStringLiteral("42");
        QTest::newRow("escaped") << QStringLiteral("/a%20b?cursor=x%2By+z") << true << QStringLiteral("/a b")
                                 << QStringLiteral("x+y z");
        QTest::newRow("bad escape") << QStringLiteral("/a%2") << false << QString() << QString();
        QTest::newRow("bad hex") << QStringLiteral("/a%zz") << false << QString() << QString();
        QTest::newRow("absolute form") << QStringLiteral("http://x/a") << false << QString() << QString();
        QTest::newRow("nul byte") << QStringLiteral("/a%00b") << false << QString() << QString();
        QTest::newRow("empty") << QString() << false << QString() << QString();
    }

    void parsesTargets()
    {
        QFETCH(QString, target);
        QFETCH(bool, ok);
        QFETCH(QString, path);
        QFETCH(QString, cursor);
        std::string parsedPath;
        std::map<std::string, std::string> query;
        QCOMPARE(parseRequestTarget(target.toStdString(), parsedPath, query), ok);
        if (!ok)
            return;
        QCOMPARE(QString::fromStdString(parsedPath), path);
        const auto it = query.find("cursor");
        QCOMPARE(it == query.end() ? QString() : QString::fromStdString(it->second), cursor);
    }
};

QTEST_APPLESS_MAIN(TestRouter)
#include "tst_router.moc"
