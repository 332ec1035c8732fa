#pragma once

namespace portico::server {

class Router;
struct Services;

// GET /healthz: 200 when the database answers, 503 otherwise.
void addSystemRoutes(Router &router, Services &services);

} // namespace portico::server
