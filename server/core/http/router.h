#pragma once

#include "http/httpmessage.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace portico::server {

using Handler = std::function<HttpResponse(HttpRequest &)>;
// Turns a request's credentials (Authorization: Bearer <token>) into a Caller, or throws
// ApiError(Unauthorized).
using Authenticator = std::function<Caller(const HttpRequest &)>;

inline constexpr std::size_t DefaultBodyLimit = 1024 * 1024; // 1 MiB

// Who may call a route. The router checks it before the handler runs; handlers then scope
// what they read and write by the caller. The tenant-isolation test matrix is generated from
// it, so a route cannot be added without saying who may call it.
enum class Access {
    Public, // no credentials
    Authenticated, // any signed-in user; the handler scopes by customer/role
    Staff, // admin, manager, sales_rep, warehouse
    Manager, // admin, manager
    Admin,
    Exchange, // the accounting system's integration user (and admin)
};

// Whether a role may call a route of this access level.
bool roleAllows(Access access, Role role) noexcept;

struct Route
{
    HttpMethod method = HttpMethod::Get;
    std::string pattern; // "/api/v1/orders/{id}"
    Access access = Access::Public;
    std::size_t bodyLimit = DefaultBodyLimit;
    Handler handler;
};

// The typed route table: (method, path pattern) -> handler. Patterns are literal segments
// and {name} placeholders matching one non-empty segment.
class Router final
{
public:
    void add(Route route);
    void setAuthenticator(Authenticator authenticator) { m_authenticator = std::move(authenticator); }

    struct Match
    {
        const Route *route = nullptr; // null: no route for this path/method
        bool pathExists = false; // some method matches the path (405 rather than 404)
        std::map<std::string, std::string> params;
    };
    Match match(HttpMethod method, std::string_view path) const;

    // The caller behind the request's credentials, without dispatching it: for requests the
    // network layer answers itself (the WebSocket upgrade of the event stream). Throws
    // ApiError(Unauthorized) when there are none, they are not valid, or no authenticator is set.
    Caller authenticate(const HttpRequest &request) const;

    // Body limit for a request to this path and method, before its body is read; the default
    // for unknown routes (they fail later with 404/405 anyway).
    std::size_t bodyLimitFor(HttpMethod method, std::string_view path) const;

    // Runs the matched handler and turns every error into a JSON error response: unknown route
    // 404, wrong method 405, ApiError by its code, any other exception 500 (logged, not leaked).
    HttpResponse dispatch(HttpRequest &request) const;

    const std::vector<Route> &routes() const noexcept { return m_routes; }

private:
    std::vector<Route> m_routes;
    Authenticator m_authenticator;
};

} // namespace portico::server
