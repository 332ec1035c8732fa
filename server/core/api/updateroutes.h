#pragma once

namespace portico::server {

class Router;
struct Services;

// What desktops ask about updates (Authenticated): the update check, the installer download
// with HTTP Range, and the report of how installing went (docs/API.md "Updates").
void addUpdateRoutes(Router &router, Services &services);

} // namespace portico::server
