#include "api/routes.h"

#include "api/authroutes.h"
#include "api/blobroutes.h"
#include "api/customerroutes.h"
#include "api/exchangeroutes.h"
#include "api/orderroutes.h"
#include "api/releaseroutes.h"
#include "api/syncroutes.h"
#include "api/systemroutes.h"
#include "api/updateroutes.h"
#include "api/userroutes.h"
#include "api/warehouseroutes.h"
#include "auth/authenticator.h"
#include "events/feednotifier.h"
#include "http/router.h"
#include "services.h"

namespace portico::server {

void addAllRoutes(Router &router, Services &services)
{
    router.setAuthenticator(makeAuthenticator(services));
    addSystemRoutes(router, services);
    addAuthRoutes(router, services);
    addUserRoutes(router, services);
    addSyncRoutes(router, services);
    // Writers call this after each commit with the feed audiences they touched.
    auto published = [&services](const QStringList &audiences) {
        services.notifier.published(audiences);
    };
    addOrderRoutes(router, services, published);
    addCustomerRoutes(router, services, published);
    addBlobRoutes(router, services);
    addExchangeRoutes(router, services, published);
    addReleaseRoutes(router, services);
    addUpdateRoutes(router, services);
    addWarehouseRoutes(router, services, published);
}

} // namespace portico::server
