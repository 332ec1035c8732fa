#pragma once

namespace portico::server {

class Router;
struct Services;

// Sign-in for every user: POST /api/v1/auth/login, /refresh and /logout, GET /api/v1/auth/me.
void addAuthRoutes(Router &router, Services &services);

} // namespace portico::server
