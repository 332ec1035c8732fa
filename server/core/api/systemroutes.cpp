#include "api/systemroutes.h"

#include "http/apierror.h"
#include "http/router.h"
#include "services.h"
#include "storage/database.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace portico::server {

void addSystemRoutes(Router &router, Services &services)
{
    router.add({HttpMethod::Get, "/healthz", Access::Public, DefaultBodyLimit, [&services](HttpRequest &) {
                    if (!services.database.ping())
                        throw ApiError(ApiErrorCode::Unavailable,
                                       QStringLiteral("The database does not answer"));
                    const QJsonObject body {
                        {QStringLiteral("status"), QStringLiteral("ok")},
                        {QStringLiteral("version"), QStringLiteral(PORTICO_VERSION)},
                    };
                    return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
                }});
}

} // namespace portico::server
