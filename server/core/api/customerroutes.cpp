#include "api/customerroutes.h"

#include "api/jsonbody.h"
#include "api/queryparams.h"
#include "customers/customeradmin.h"
#include "http/router.h"

#include <memory>

namespace portico::server {

void addCustomerRoutes(Router &router, Services &services, std::function<void(const QStringList &)> published)
{
    auto admin = std::make_shared<CustomerAdmin>(services, std::move(published));
    router.add({HttpMethod::Get, "/api/v1/admin/customers", Access::Manager, DefaultBodyLimit,
                [admin](HttpRequest &request) {
                    const auto list = admin->list(QString::fromStdString(request.queryValue("q")),
                                                  queryInt(request, "limit", 100, 1000),
                                                  queryInt(request, "offset", 0, 10000000));
                    return jsonResponse(200, {{QStringLiteral("customers"), list}});
                }});
    router.add({HttpMethod::Post, "/api/v1/admin/customers", Access::Manager, DefaultBodyLimit,
                [admin](HttpRequest &request) {
                    return jsonResponse(201, admin->create(jsonObjectBody(request)));
                }});
    router.add({HttpMethod::Get, "/api/v1/admin/customers/{id}", Access::Manager, DefaultBodyLimit,
                [admin](HttpRequest &request) {
                    return jsonResponse(200, admin->get(idParameter(request, "id")));
                }});
    router.add({HttpMethod::Patch, "/api/v1/admin/customers/{id}", Access::Manager, DefaultBodyLimit,
                [admin](HttpRequest &request) {
                    return jsonResponse(200,
                                        admin->update(idParameter(request, "id"), jsonObjectBody(request)));
                }});
}

} // namespace portico::server
