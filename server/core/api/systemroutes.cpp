#include "api/systemroutes.h"

#include "http/router.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace portico::server {

void addSystemRoutes(Router &router)
{
    router.add({HttpMethod::Get, "/healthz", Access::Public, DefaultBodyLimit, [](HttpRequest &) {
                    const QJsonObject body {
                        {QStringLiteral("status"), QStringLiteral("ok")},
                        {QStringLiteral("version"), QStringLiteral(PORTICO_VERSION)},
                    };
                    return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
                }});
}

} // namespace portico::server
