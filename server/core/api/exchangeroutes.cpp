#include "api/exchangeroutes.h"

#include "api/queryparams.h"
#include "exchange/exchangeprotocol.h"
#include "exchange/exchangerepository.h"
#include "http/apierror.h"
#include "http/router.h"
#include "services.h"
#include "storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace portico::server {

namespace {

QJsonObject sessionJson(const ExchangeSession &session, const QList<ExchangeStep> &steps)
{
    QJsonArray list;
    qint64 bytes = 0;
    QStringList errors;
    for (const ExchangeStep &step : steps) {
        bytes += step.bytes;
        if (!step.error.isEmpty())
            errors << step.error;
        list.append(QJsonObject {{QStringLiteral("at"), step.at},
                                 {QStringLiteral("type"), step.kind},
                                 {QStringLiteral("mode"), step.mode},
                                 {QStringLiteral("file"), step.fileName},
                                 {QStringLiteral("bytes"), step.bytes},
                                 {QStringLiteral("counts"), step.counts},
                                 {QStringLiteral("duration_ms"), step.durationMs},
                                 {QStringLiteral("outcome"), step.outcome},
                                 {QStringLiteral("error"), step.error}});
    }
    return QJsonObject {{QStringLiteral("id"), session.id},
                        {QStringLiteral("login"), session.login},
                        {QStringLiteral("remote"), session.remote},
                        {QStringLiteral("started_at"), session.startedAt},
                        {QStringLiteral("last_seen"), session.lastSeen},
                        {QStringLiteral("duration_ms"), session.lastSeen - session.startedAt},
                        {QStringLiteral("outcome"), session.outcome},
                        {QStringLiteral("bytes"), bytes},
                        {QStringLiteral("errors"), QJsonArray::fromStringList(errors)},
                        {QStringLiteral("steps"), list}};
}

} // namespace

void addExchangeRoutes(Router &router, Services &services,
                       std::function<void(const QStringList &audiences)> published)
{
    auto protocol = std::make_shared<ExchangeProtocol>(services, std::move(published));
    const auto handle = [protocol](HttpRequest &request) {
        return protocol->handle(request);
    };
    // Public at the router: the protocol signs 1C in itself (Basic or its session cookie)
    // and answers in plain text, as 1C expects, never the API's JSON errors.
    router.add({HttpMethod::Get, "/exchange/1c", Access::Public, DefaultBodyLimit, handle});
    router.add({HttpMethod::Post, "/exchange/1c", Access::Public,
                static_cast<std::size_t>(services.exchange.fileLimit) + 64 * 1024, handle});
    router.add({HttpMethod::Get, "/api/v1/admin/exchanges", Access::Admin, DefaultBodyLimit,
                [&services](HttpRequest &request) {
                    const int limit = queryInt(request, "limit", 50, 500);
                    const auto sessions = services.database.read(
                        [&](QSqlDatabase &tx) { return ExchangeRepository(tx).recent(limit); });
                    QJsonArray list;
                    for (const auto &[session, steps] : sessions)
                        list.append(sessionJson(session, steps));
                    return HttpResponse::json(200,
                                              QJsonDocument(QJsonObject {{QStringLiteral("exchanges"), list}})
                                                  .toJson(QJsonDocument::Compact));
                }});
}

} // namespace portico::server
