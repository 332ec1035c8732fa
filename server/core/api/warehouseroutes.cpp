#include "api/warehouseroutes.h"

#include "api/jsonbody.h"
#include "api/queryparams.h"
#include "auth/caller.h"
#include "http/apierror.h"
#include "http/router.h"
#include "warehouse/countservice.h"
#include "warehouse/picklistservice.h"

#include <memory>

namespace portico::server {

namespace {

// Warehouse work is for warehouse staff and managers: other staff are refused outright.
void requireWarehouseRole(const HttpRequest &request)
{
    const Role role = request.caller->role;
    if (role != Role::Warehouse && role != Role::Manager && role != Role::Admin)
        throw ApiError(ApiErrorCode::Forbidden,
                       QStringLiteral("Warehouse work is for warehouse staff and managers"));
}

QByteArray bodyOf(const HttpRequest &request)
{
    requireJsonDepth(request.body);
    return QByteArray::fromStdString(request.body);
}

// Runs a pick list step; a conflict answers 409 with the list as it stands.
template<typename Step>
HttpResponse pickStep(HttpRequest &request, Step &&step)
{
    requireWarehouseRole(request);
    try {
        const PickListService::Reply reply = step(bodyOf(request));
        return HttpResponse::json(reply.status, reply.json);
    } catch (const PickConflict &conflict) {
        return HttpResponse::json(409, conflict.body());
    }
}

} // namespace

void addWarehouseRoutes(Router &router, Services &services,
                        std::function<void(const QStringList &)> published)
{
    auto pickLists = std::make_shared<PickListService>(services, published);
    auto counts = std::make_shared<CountService>(services, std::move(published));
    auto answer = [](const CountService::Reply &reply) {
        return HttpResponse::json(reply.status, reply.json);
    };

    router.add({HttpMethod::Post, "/api/v1/warehouse/pick-lists", Access::Staff, DefaultBodyLimit,
                [pickLists](HttpRequest &request) {
                    return pickStep(request, [&](const QByteArray &body) {
                        return pickLists->create(*request.caller, body);
                    });
                }});
    router.add({HttpMethod::Post, "/api/v1/warehouse/pick-lists/{id}/scans", Access::Staff, DefaultBodyLimit,
                [pickLists](HttpRequest &request) {
                    return pickStep(request, [&](const QByteArray &body) {
                        return pickLists->scan(*request.caller, idParameter(request, "id"), body);
                    });
                }});
    router.add({HttpMethod::Post, "/api/v1/warehouse/pick-lists/{id}/confirm", Access::Staff,
                DefaultBodyLimit, [pickLists](HttpRequest &request) {
                    return pickStep(request, [&](const QByteArray &body) {
                        return pickLists->confirm(*request.caller, idParameter(request, "id"), body);
                    });
                }});
    router.add({HttpMethod::Post, "/api/v1/warehouse/pick-lists/{id}/packages", Access::Staff,
                DefaultBodyLimit, [pickLists](HttpRequest &request) {
                    return pickStep(request, [&](const QByteArray &body) {
                        return pickLists->pack(*request.caller, idParameter(request, "id"), body);
                    });
                }});
    router.add({HttpMethod::Post, "/api/v1/warehouse/pick-lists/{id}/ship", Access::Staff, DefaultBodyLimit,
                [pickLists](HttpRequest &request) {
                    return pickStep(request, [&](const QByteArray &body) {
                        return pickLists->ship(*request.caller, idParameter(request, "id"), body);
                    });
                }});
    router.add({HttpMethod::Put, "/api/v1/warehouse/bins", Access::Manager, DefaultBodyLimit,
                [pickLists](HttpRequest &request) {
                    const auto reply = pickLists->putBin(*request.caller, bodyOf(request));
                    return HttpResponse::json(reply.status, reply.json);
                }});

    router.add({HttpMethod::Post, "/api/v1/warehouse/counts", Access::Manager, DefaultBodyLimit,
                [counts, answer](HttpRequest &request) {
                    return answer(counts->open(*request.caller, bodyOf(request)));
                }});
    router.add({HttpMethod::Post, "/api/v1/warehouse/counts/{id}/lines", Access::Staff, DefaultBodyLimit,
                [counts, answer](HttpRequest &request) {
                    requireWarehouseRole(request);
                    return answer(
                        counts->addLines(*request.caller, idParameter(request, "id"), bodyOf(request)));
                }});
    router.add({HttpMethod::Post, "/api/v1/warehouse/counts/{id}/submit", Access::Staff, DefaultBodyLimit,
                [counts, answer](HttpRequest &request) {
                    requireWarehouseRole(request);
                    jsonObjectBody(request, true);
                    return answer(counts->submit(*request.caller, idParameter(request, "id")));
                }});
    router.add({HttpMethod::Get, "/api/v1/warehouse/counts/{id}/variance", Access::Manager, DefaultBodyLimit,
                [counts, answer](HttpRequest &request) {
                    return answer(counts->variance(*request.caller, idParameter(request, "id")));
                }});
    router.add({HttpMethod::Post, "/api/v1/warehouse/counts/{id}/approve", Access::Manager, DefaultBodyLimit,
                [counts, answer](HttpRequest &request) {
                    jsonObjectBody(request, true);
                    return answer(counts->decide(*request.caller, idParameter(request, "id"), true));
                }});
    router.add({HttpMethod::Post, "/api/v1/warehouse/counts/{id}/reject", Access::Manager, DefaultBodyLimit,
                [counts, answer](HttpRequest &request) {
                    jsonObjectBody(request, true);
                    return answer(counts->decide(*request.caller, idParameter(request, "id"), false));
                }});
    router.add({HttpMethod::Get, "/api/v1/warehouse/movements", Access::Manager, DefaultBodyLimit,
                [counts, answer](HttpRequest &request) {
                    CountService::MovementQuery query;
                    query.warehouseId = queryId(request, "warehouse_id");
                    query.productId = queryId(request, "product_id");
                    query.limit = std::max(1, queryInt(request, "limit", 100, 1000));
                    const std::string before = request.queryValue("before");
                    if (!before.empty()) {
                        bool ok = false;
                        query.before = QString::fromStdString(before).toLongLong(&ok);
                        if (!ok || query.before <= 0)
                            throw ApiError(ApiErrorCode::BadRequest,
                                           QStringLiteral("before must be a movement id"),
                                           QStringLiteral("before"));
                    }
                    return answer(counts->movements(*request.caller, query));
                }});
}

} // namespace portico::server
