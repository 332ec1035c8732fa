#include "api/systemroutes.h"

#include "events/eventmessages.h"
#include "http/apierror.h"
#include "http/router.h"
#include "metrics/metrics.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace portico::server {

namespace {

HttpResponse healthz(Services &services)
{
    if (!services.database.ping())
        throw ApiError(ApiErrorCode::Unavailable, QStringLiteral("The database does not answer"));
    const QJsonObject body {
        {QStringLiteral("status"), QStringLiteral("ok")},
        {QStringLiteral("version"), QStringLiteral(PORTICO_VERSION)},
    };
    return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

// Ready to take traffic: not draining, the database answers and its schema is this server's.
// A load balancer stops sending requests on 503.
HttpResponse readyz(Services &services)
{
    if (services.metrics.draining())
        throw ApiError(ApiErrorCode::Unavailable, QStringLiteral("The server is shutting down"));
    if (!services.database.ping())
        throw ApiError(ApiErrorCode::Unavailable, QStringLiteral("The database does not answer"));
    int version = 0;
    try {
        version = Migrations::currentVersion(services.database);
    } catch (const StorageError &) {
        throw ApiError(ApiErrorCode::Unavailable, QStringLiteral("The database schema cannot be read"));
    }
    if (version != Migrations::latestVersion())
        throw ApiError(ApiErrorCode::Unavailable,
                       QStringLiteral("The database schema is at version %1, this server needs %2")
                           .arg(version)
                           .arg(Migrations::latestVersion()));
    const QJsonObject body {
        {QStringLiteral("status"), QStringLiteral("ready")},
        {QStringLiteral("schema_version"), version},
    };
    return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse metrics(Services &services)
{
    Metrics::Scrape scrape;
    scrape.databaseReadTime = services.database.readTime();
    scrape.databaseWriteTime = services.database.writeTime();
    scrape.databaseWrites = services.database.writesDone();
    scrape.databaseWriteTransactions = services.database.writeTransactions();
    scrape.databaseWriterCpuTime = services.database.writerCpuTime();
    scrape.databaseWriterNice = services.database.writerNice();
    scrape.orderTermsFromMemory = services.orderTerms->hits();
    scrape.orderTermsFromDatabase = services.orderTerms->misses();
    try {
        scrape.feedHead = services.database.read([](QSqlDatabase &tx) { return ChangeFeed::head(tx); });
    } catch (const StorageError &) {
        // The other samples still tell something; the head is left out.
    }
    HttpResponse response;
    response.contentType = Metrics::ContentType;
    response.body = services.metrics.render(scrape);
    return response;
}

// The event stream is a WebSocket: the network layer answers upgrade requests for this path
// itself. The route is here so that the table lists it with its access rule, and so that a
// plain GET learns what to do.
HttpResponse events(HttpRequest &)
{
    HttpResponse response = errorResponse(ApiErrorCode::UpgradeRequired,
                                          QStringLiteral("The event stream needs a WebSocket upgrade"));
    response.headers.emplace_back("Upgrade", "websocket");
    return response;
}

} // namespace

void addSystemRoutes(Router &router, Services &services)
{
    router.add({HttpMethod::Get, "/healthz", Access::Public, DefaultBodyLimit, [&services](HttpRequest &) {
                    return healthz(services);
                }});
    router.add({HttpMethod::Get, "/readyz", Access::Public, DefaultBodyLimit, [&services](HttpRequest &) {
                    return readyz(services);
                }});
    router.add({HttpMethod::Get, "/metrics", Access::Public, DefaultBodyLimit, [&services](HttpRequest &) {
                    return metrics(services);
                }});
    router.add({HttpMethod::Get, std::string(EventsPath), Access::Authenticated, DefaultBodyLimit, events});
}

} // namespace portico::server
