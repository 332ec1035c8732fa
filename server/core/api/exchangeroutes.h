#pragma once

#include <QStringList>

#include <functional>

namespace portico::server {

class Router;
struct Services;

// The accounting exchange: 1C's protocol on /exchange/1c (GET for every step, POST for the
// file uploads, which get a body limit of their own), and the exchange log for admins,
// GET /api/v1/admin/exchanges.
void addExchangeRoutes(Router &router, Services &services,
                       std::function<void(const QStringList &audiences)> published);

} // namespace portico::server
