#pragma once

#include <QStringList>

#include <functional>

namespace portico::server {

class Router;
struct Services;

// /api/v1/admin/customers (managers and admins): list, get, create, edit, assign, block.
void addCustomerRoutes(Router &router, Services &services, std::function<void(const QStringList &)> published);

} // namespace portico::server
