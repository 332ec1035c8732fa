#pragma once

namespace portico::server {

class Router;

// GET /healthz: the process answers. The database check joins it with the storage layer.
void addSystemRoutes(Router &router);

} // namespace portico::server
