#pragma once

#include <QStringList>

#include <functional>

namespace portico::server {

class Router;
struct Services;

// /api/v1/warehouse: pick lists (make, scan, confirm, pack, ship), bins, count sessions and the
// stock movement journal. Warehouse staff work in their own warehouse; managers everywhere.
void addWarehouseRoutes(Router &router, Services &services,
                        std::function<void(const QStringList &)> published);

} // namespace portico::server
