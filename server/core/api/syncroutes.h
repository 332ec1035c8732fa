#pragma once

namespace portico::server {

class Router;
struct Services;

// GET /api/v1/sync?cursor=C&limit=L[&epoch=E]: the caller's page of the change feed.
void addSyncRoutes(Router &router, Services &services);

} // namespace portico::server
