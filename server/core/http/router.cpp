#include "http/router.h"

#include "http/apierror.h"
#include "log/structuredlog.h"

#include <QString>

namespace portico::server {

namespace {

std::vector<std::string_view> splitPath(std::string_view path)
{
    std::vector<std::string_view> segments;
    std::size_t start = 1;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        segments.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

bool matches(std::string_view pattern, std::string_view path, std::map<std::string, std::string> &params)
{
    const auto want = splitPath(pattern);
    const auto have = splitPath(path);
    if (want.size() != have.size())
        return false;
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto w = want[i];
        if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
            if (have[i].empty())
                return false;
            found.emplace(std::string(w.substr(1, w.size() - 2)), std::string(have[i]));
        } else if (w != have[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

} // namespace

bool roleAllows(Access access, Role role) noexcept
{
    switch (access) {
    case Access::Public:
    case Access::Authenticated:
        return true;
    case Access::Staff:
        return role == Role::Admin || role == Role::Manager || role == Role::SalesRep
            || role == Role::Warehouse;
    case Access::Manager:
        return role == Role::Admin || role == Role::Manager;
    case Access::Admin:
        return role == Role::Admin;
    case Access::Exchange:
        return role == Role::Exchange || role == Role::Admin;
    }
    return false;
}

void Router::add(Route route)
{
    m_routes.push_back(std::move(route));
}

Router::Match Router::match(HttpMethod method, std::string_view path) const
{
    Match result;
    for (const auto &route : m_routes) {
        std::map<std::string, std::string> params;
        if (!matches(route.pattern, path, params))
            continue;
        result.pathExists = true;
        if (route.method == method || (method == HttpMethod::Head && route.method == HttpMethod::Get)) {
            result.route = &route;
            result.params = std::move(params);
            return result;
        }
    }
    return result;
}

std::size_t Router::bodyLimitFor(HttpMethod method, std::string_view path) const
{
    const auto found = match(method, path);
    return found.route ? found.route->bodyLimit : DefaultBodyLimit;
}

Caller Router::authenticate(const HttpRequest &request) const
{
    if (!m_authenticator)
        throw ApiError(ApiErrorCode::Unauthorized, QStringLiteral("Authentication is not configured"));
    return m_authenticator(request);
}

HttpResponse Router::dispatch(HttpRequest &request) const
{
    auto found = match(request.method, request.path);
    if (!found.route) {
        if (found.pathExists)
            return errorResponse(
                ApiErrorCode::MethodNotAllowed,
                QStringLiteral("Method not allowed for %1").arg(QString::fromStdString(request.path)));
        return errorResponse(
            ApiErrorCode::NotFound,
            QStringLiteral("No such resource: %1").arg(QString::fromStdString(request.path)));
    }
    request.pathParams = std::move(found.params);
    try {
        if (found.route->access != Access::Public) {
            request.caller = authenticate(request);
            request.user = request.caller->login.toStdString();
            if (!roleAllows(found.route->access, request.caller->role))
                throw ApiError(ApiErrorCode::Forbidden, QStringLiteral("Your role may not do this"));
        }
        return found.route->handler(request);
    } catch (const ApiError &error) {
        return error.toResponse();
    } catch (const std::exception &e) {
        StructuredLog::error(QStringLiteral("handler failed"),
                             {{QStringLiteral("request_id"), QString::fromStdString(request.requestId)},
                              {QStringLiteral("path"), QString::fromStdString(request.path)},
                              {QStringLiteral("error"), QString::fromUtf8(e.what())}});
        return errorResponse(ApiErrorCode::Internal, QStringLiteral("Internal error; see the server log"));
    }
}

} // namespace portico::server
