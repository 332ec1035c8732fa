#pragma once

namespace portico::server {

class Router;
struct Services;

// User administration, for admins only: /api/v1/admin/users (list, create), /{id} (change),
// /{id}/password (set a new password) and /{id}/revoke (sign out everywhere or on one device).
void addUserRoutes(Router &router, Services &services);

} // namespace portico::server
