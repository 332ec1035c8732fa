#include "api/routes.h"

#include "api/systemroutes.h"
#include "http/router.h"
#include "services.h"

namespace portico::server {

void addAllRoutes(Router &router, Services &services)
{
    addSystemRoutes(router, services);
}

} // namespace portico::server
