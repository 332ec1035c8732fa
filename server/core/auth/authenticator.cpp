#include "auth/authenticator.h"

#include "auth/tokenservice.h"
#include "http/apierror.h"
#include "services.h"

namespace portico::server {

QString bearerToken(const HttpRequest &request)
{
    const QString value = QString::fromStdString(request.header("authorization")).trimmed();
    const QLatin1String scheme("bearer");
    if (value.size() <= scheme.size() || !value.startsWith(scheme, Qt::CaseInsensitive)
        || value.at(scheme.size()) != QLatin1Char(' '))
        return {};
    return value.mid(scheme.size() + 1).trimmed();
}

Authenticator makeAuthenticator(Services &services)
{
    return [&services](const HttpRequest &request) {
        const QString token = bearerToken(request);
        if (token.isEmpty())
            throw ApiError(ApiErrorCode::Unauthorized,
                           QStringLiteral("This request needs an access token (Authorization: Bearer)"));
        return TokenService(services).authenticate(token);
    };
}

} // namespace portico::server
