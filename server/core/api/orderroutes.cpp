#include "api/orderroutes.h"

#include "api/jsonbody.h"
#include "api/queryparams.h"
#include "http/apierror.h"
#include "http/router.h"
#include "orders/orderservice.h"
#include "releases/clientrelease.h"

#include <QDateTime>
#include <QJsonArray>

#include <memory>

namespace portico::server {

namespace {

OrderFilter filterFrom(const HttpRequest &request)
{
    OrderFilter filter;
    const std::string status = request.queryValue("status");
    if (!status.empty()) {
        filter.status = orderStatusFromString(QString::fromStdString(status));
        if (!filter.status)
            throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("Unknown status"),
                           QStringLiteral("status"));
    }
    if (const Id customer = queryId(request, "customer_id"); !customer.isNull())
        filter.customerIds = {customer};
    for (const auto &[name, bound] : {std::pair {"from", &filter.fromMs}, std::pair {"to", &filter.toMs}}) {
        const std::string text = request.queryValue(name);
        if (text.empty())
            continue;
        const QDateTime at = QDateTime::fromString(QString::fromStdString(text), Qt::ISODate);
        if (!at.isValid())
            throw ApiError(ApiErrorCode::BadRequest,
                           QStringLiteral("%1 must be an ISO 8601 date or time").arg(QLatin1String(name)),
                           QLatin1String(name));
        *bound = at.toMSecsSinceEpoch();
    }
    filter.search = QString::fromStdString(request.queryValue("q"));
    filter.limit = queryInt(request, "limit", 100, 500);
    filter.offset = queryInt(request, "offset", 0, 1000000);
    return filter;
}

} // namespace

void addOrderRoutes(Router &router, Services &services, std::function<void(const QStringList &)> published)
{
    auto orders = std::make_shared<OrderService>(services, std::move(published));

    router.add(
        {HttpMethod::Post, "/api/v1/orders", Access::Authenticated, DefaultBodyLimit,
         [orders, &services](HttpRequest &request) {
             const Role role = request.caller->role;
             if (role == Role::Exchange || role == Role::Warehouse)
                 throw ApiError(ApiErrorCode::Forbidden, QStringLiteral("Your role does not place orders"));
             if (auto refusal = admitClient(request, services, false)) // 426 below the minimum version
                 return *refusal;
             requireJsonDepth(request.body);
             const auto reply = orders->submit(*request.caller, QByteArray::fromStdString(request.body));
             return HttpResponse::json(reply.status, reply.json);
         }});
    router.add({HttpMethod::Get, "/api/v1/orders", Access::Authenticated, DefaultBodyLimit,
                [orders](HttpRequest &request) {
                    const QJsonArray list = orders->list(*request.caller, filterFrom(request));
                    return jsonResponse(200, {{QStringLiteral("orders"), list}});
                }});
    router.add({HttpMethod::Get, "/api/v1/orders/{id}", Access::Authenticated, DefaultBodyLimit,
                [orders](HttpRequest &request) {
                    return jsonResponse(200, orders->get(*request.caller, idParameter(request, "id")));
                }});
    router.add({HttpMethod::Post, "/api/v1/orders/{id}/cancel", Access::Authenticated, DefaultBodyLimit,
                [orders, &services](HttpRequest &request) {
                    if (auto refusal = admitClient(request, services, false))
                        return *refusal;
                    const QString reason
                        = jsonObjectBody(request, true).value(QStringLiteral("reason")).toString();
                    return jsonResponse(200,
                                        orders->transition(*request.caller, idParameter(request, "id"),
                                                           OrderStatus::Cancelled, reason));
                }});
    router.add({HttpMethod::Post, "/api/v1/orders/{id}/confirm", Access::Authenticated, DefaultBodyLimit,
                [orders, &services](HttpRequest &request) {
                    if (auto refusal = admitClient(request, services, false))
                        return *refusal;
                    return jsonResponse(200,
                                        orders->transition(*request.caller, idParameter(request, "id"),
                                                           OrderStatus::Accepted,
                                                           QStringLiteral("changes confirmed")));
                }});
    router.add({HttpMethod::Post, "/api/v1/orders/{id}/status", Access::Staff, DefaultBodyLimit,
                [orders](HttpRequest &request) {
                    const QJsonObject body = jsonObjectBody(request, true);
                    const QJsonValue statusValue = body.value(QStringLiteral("status"));
                    if (!statusValue.isString())
                        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("status is required"),
                                       QStringLiteral("$.status"));
                    const auto status = orderStatusFromString(statusValue.toString());
                    if (!status)
                        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("Unknown status"),
                                       QStringLiteral("$.status"));
                    const QJsonValue reason = body.value(QStringLiteral("reason"));
                    if (!reason.isUndefined() && !reason.isString())
                        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("reason must be a string"),
                                       QStringLiteral("$.reason"));
                    return jsonResponse(200,
                                        orders->transition(*request.caller, idParameter(request, "id"),
                                                           *status, reason.toString()));
                }});
}

} // namespace portico::server
