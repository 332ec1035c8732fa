#pragma once

namespace portico::server {

class Router;
struct Services;

// GET /api/v1/blobs/{sha256}: a stored file by its content hash, for any signed-in user
// (catalog images; see docs/api/openapi.yaml). Upload routes come with the features that
// store files.
void addBlobRoutes(Router &router, Services &services);

} // namespace portico::server
