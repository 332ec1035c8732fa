#pragma once

namespace portico::server {

class Router;
struct Services;

// Registers every API route. The one place that lists the API: the route table test and the
// OpenAPI check read the router it fills.
void addAllRoutes(Router &router, Services &services);

} // namespace portico::server
