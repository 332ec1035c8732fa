#pragma once

#include <QStringList>

#include <functional>

namespace portico::server {

class Router;
struct Services;

// /api/v1/orders: upload (idempotent), list, get, cancel, confirm, and staff status steps.
void addOrderRoutes(Router &router, Services &services, std::function<void(const QStringList &)> published);

} // namespace portico::server
