#pragma once

#include "http/router.h"

#include <QString>

namespace portico::server {

struct Services;

// The token of an "Authorization: Bearer <token>" header (scheme case-insensitive); empty
// when the request has none.
QString bearerToken(const HttpRequest &request);

// The router's authenticator: the caller behind the request's bearer access token. A missing,
// unknown, expired or revoked token, or an inactive user, is ApiError(Unauthorized).
Authenticator makeAuthenticator(Services &services);

} // namespace portico::server
