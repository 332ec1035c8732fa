#pragma once

namespace portico::server {

class Router;
struct Services;

// Publishing releases (Admin): upload a signed release and its installer in chunks, list and
// remove releases, set each channel's current release, rollout, pause and minimum version, and
// see which versions devices run (docs/API.md "Releases").
void addReleaseRoutes(Router &router, Services &services);

} // namespace portico::server
