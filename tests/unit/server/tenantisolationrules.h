#pragma once

// The isolation rule of every route for tst_tenantisolation: which access level, which kind of
// object, which scope, and a valid body for each caller.

#include "http/router.h"
#include "tenantisolationworld.h"

#include <QList>

#include <functional>
#include <map>
#include <string>

namespace portico::server::tenantisolation {

// Public: no credentials and no customer data. Self: the caller's own session or account.
// Tenant: customer data, scoped by role and customer in the handler. Staff: admin screens, gated
// by role; whoever passes sees every customer. Catalog: data of no customer (products and their
// images) that every signed-in role reads.
// Warehouse: a warehouse's work (pick lists, counts), scoped in the handler by the caller's
// warehouse; managers and admins work in every warehouse.
enum class Scope { Public, Self, Tenant, Staff, Catalog, Warehouse };

// Collections whose content is checked row by row against the caller's customers.
enum class Listing { None, Orders, Sync };

inline QByteArray emptyBody(World &, const Actor &, int)
{
    return {};
}

inline OrderStatus acceptedOrder(Role)
{
    return OrderStatus::Accepted;
}

struct Rule
{
    HttpMethod method = HttpMethod::Get;
    std::string pattern;
    Access access = Access::Public;
    Kind kind = Kind::None;
    Scope scope = Scope::Public;
    int okStatus = 200;
    // Roles the handler refuses (403) although the route's access level lets them in.
    QList<Role> refused;
    Listing listing = Listing::None;
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> headers; // lower-case names
    // Login and refresh: the credentials are in the body; without a token the call acts as the
    // user whose credentials they are (buyerA).
    bool credentialsInBody = false;
    // The state an order object is put in before the call, by the caller's role.
    std::function<OrderStatus(Role)> orderState = acceptedOrder;
    // Pick lists: picked (confirmed) before the call rather than open; counts: submitted.
    bool advanced = false;
    // A valid body, so that validation never answers before authorization does.
    std::function<QByteArray(World &, const Actor &, int tenant)> body = emptyBody;

    Rule &refusing(QList<Role> roles)
    {
        refused = std::move(roles);
        return *this;
    }
    Rule &listed(Listing what)
    {
        listing = what;
        return *this;
    }
    Rule &withQuery(std::map<std::string, std::string> parameters)
    {
        query = std::move(parameters);
        return *this;
    }
    Rule &withHeaders(std::map<std::string, std::string> values)
    {
        headers = std::move(values);
        return *this;
    }
    Rule &withCredentialsInBody()
    {
        credentialsInBody = true;
        return *this;
    }
    Rule &inState(std::function<OrderStatus(Role)> state)
    {
        orderState = std::move(state);
        return *this;
    }
    Rule &advancedObject()
    {
        advanced = true;
        return *this;
    }
    Rule &withBody(std::function<QByteArray(World &, const Actor &, int tenant)> make)
    {
        body = std::move(make);
        return *this;
    }
};

inline Rule makeRule(HttpMethod method, std::string pattern, Access access, Kind kind, Scope scope,
                     int okStatus)
{
    Rule rule;
    rule.method = method;
    rule.pattern = std::move(pattern);
    rule.access = access;
    rule.kind = kind;
    rule.scope = scope;
    rule.okStatus = okStatus;
    return rule;
}

inline QByteArray loginBody(World &world, const Actor &caller, int)
{
    const User &user = caller.role ? caller.user : world.tenantA().buyer;
    return compact({{QStringLiteral("login"), user.login},
                    {QStringLiteral("password"), Password},
                    {QStringLiteral("device_id"), Device}});
}

inline QByteArray refreshBody(World &world, const Actor &caller, int)
{
    const User &user = caller.role ? caller.user : world.tenantA().buyer;
    return compact({{QStringLiteral("refresh_token"), world.tokensOf(user).refreshToken},
                    {QStringLiteral("device_id"), Device}});
}

// The isolation rule of every route. A route the router has and this table lacks fails the
// matrix: nobody adds a route without deciding who may call it and what it may show.
inline const QList<Rule> &isolationRules()
{
    using M = HttpMethod;
    static const QList<Rule> table = [] {
        QList<Rule> r;
        r << makeRule(M::Get, "/healthz", Access::Public, Kind::None, Scope::Public, 200);
        r << makeRule(M::Get, "/readyz", Access::Public, Kind::None, Scope::Public, 200);
        r << makeRule(M::Get, "/metrics", Access::Public, Kind::None, Scope::Public, 200);
        // A WebSocket endpoint: a plain GET learns that it needs the upgrade.
        r << makeRule(M::Get, "/api/v1/events", Access::Authenticated, Kind::None, Scope::Self, 426);

        r << makeRule(M::Post, "/api/v1/auth/login", Access::Public, Kind::None, Scope::Self, 200)
                 .withCredentialsInBody()
                 .withBody(loginBody);
        r << makeRule(M::Post, "/api/v1/auth/refresh", Access::Public, Kind::None, Scope::Self, 200)
                 .withCredentialsInBody()
                 .withBody(refreshBody);
        r << makeRule(M::Post, "/api/v1/auth/logout", Access::Authenticated, Kind::None, Scope::Self, 200);
        r << makeRule(M::Get, "/api/v1/auth/me", Access::Authenticated, Kind::None, Scope::Self, 200);

        r << makeRule(M::Get, "/api/v1/admin/users", Access::Admin, Kind::None, Scope::Staff, 200);
        r << makeRule(M::Post, "/api/v1/admin/users", Access::Admin, Kind::None, Scope::Staff, 201)
                 .withBody([](World &world, const Actor &, int) {
                     return compact(
                         {{QStringLiteral("login"), QStringLiteral("matrix.rep.%1").arg(++world.created)},
                          {QStringLiteral("password"), Password},
                          {QStringLiteral("role"), QStringLiteral("sales_rep")}});
                 });
        r << makeRule(M::Patch, "/api/v1/admin/users/{id}", Access::Admin, Kind::User, Scope::Staff, 200)
                 .withBody([](World &, const Actor &, int) {
                     return compact(
                         {{QStringLiteral("display_name"), QStringLiteral("Renamed by the matrix")}});
                 });
        r << makeRule(M::Post, "/api/v1/admin/users/{id}/password", Access::Admin, Kind::User, Scope::Staff,
                      200)
                 .withBody([](World &, const Actor &, int) {
                     return compact({{QStringLiteral("password"), QStringLiteral("Another-Pa55word!")}});
                 });
        r << makeRule(M::Post, "/api/v1/admin/users/{id}/revoke", Access::Admin, Kind::User, Scope::Staff,
                      200)
                 .withBody([](World &, const Actor &, int) {
                     return compact({{QStringLiteral("device_id"), Device}});
                 });

        r << makeRule(M::Get, "/api/v1/sync", Access::Authenticated, Kind::None, Scope::Tenant, 200)
                 .refusing({Role::Exchange})
                 .listed(Listing::Sync)
                 .withQuery({{"cursor", "0"}, {"limit", "5000"}});

        r << makeRule(M::Post, "/api/v1/orders", Access::Authenticated, Kind::OrderBody, Scope::Tenant, 201)
                 .refusing({Role::Warehouse, Role::Exchange})
                 .withBody([](World &world, const Actor &caller, int tenant) {
                     return world.orderBody(caller, tenant);
                 });
        r << makeRule(M::Get, "/api/v1/orders", Access::Authenticated, Kind::None, Scope::Tenant, 200)
                 .listed(Listing::Orders)
                 .withQuery({{"limit", "500"}});
        r << makeRule(M::Get, "/api/v1/orders/{id}", Access::Authenticated, Kind::Order, Scope::Tenant, 200);
        r << makeRule(M::Post, "/api/v1/orders/{id}/cancel", Access::Authenticated, Kind::Order,
                      Scope::Tenant, 200)
                 .refusing({Role::Warehouse})
                 .withBody([](World &, const Actor &, int) {
                     return compact({{QStringLiteral("reason"), QStringLiteral("matrix")}});
                 });
        r << makeRule(M::Post, "/api/v1/orders/{id}/confirm", Access::Authenticated, Kind::Order,
                      Scope::Tenant, 200)
                 .refusing({Role::Warehouse})
                 .inState([](Role) { return OrderStatus::AcceptedWithChanges; });
        // Each staff role takes a step it may take: managers export, reps cancel, warehouse staff
        // send an exported order to production (picking is the pick lists' step).
        r << makeRule(M::Post, "/api/v1/orders/{id}/status", Access::Staff, Kind::Order, Scope::Tenant, 200)
                 .inState([](Role role) {
                     return role == Role::Warehouse ? OrderStatus::Exported : OrderStatus::Accepted;
                 })
                 .withBody([](World &, const Actor &caller, int) {
                     const Role role = caller.role.value_or(Role::Buyer);
                     const QString status = role == Role::Warehouse ? QStringLiteral("in_production")
                         : role == Role::SalesRep                   ? QStringLiteral("cancelled")
                                                                    : QStringLiteral("exported");
                     return compact({{QStringLiteral("status"), status},
                                     {QStringLiteral("reason"), QStringLiteral("matrix")}});
                 });

        r << makeRule(M::Get, "/api/v1/admin/customers", Access::Manager, Kind::None, Scope::Staff, 200);
        r << makeRule(M::Post, "/api/v1/admin/customers", Access::Manager, Kind::None, Scope::Staff, 201)
                 .withBody([](World &world, const Actor &, int) {
                     const QString inn = world.freshInn();
                     return compact(
                         {{QStringLiteral("name"), QStringLiteral("Новый клиент %1").arg(world.created)},
                          {QStringLiteral("legal_name"),
                           QStringLiteral("ООО «Новый клиент %1»").arg(world.created)},
                          {QStringLiteral("inn"), inn},
                          {QStringLiteral("kpp"), rules::kppForInn(inn)},
                          {QStringLiteral("price_type_id"), idText(world.tenantA().priceType.id)}});
                 });
        r << makeRule(M::Get, "/api/v1/admin/customers/{id}", Access::Manager, Kind::Customer, Scope::Staff,
                      200);
        r << makeRule(M::Patch, "/api/v1/admin/customers/{id}", Access::Manager, Kind::Customer, Scope::Staff,
                      200)
                 .withBody([](World &, const Actor &, int) {
                     return compact({{QStringLiteral("payment_terms_days"), 14}});
                 });

        // The 1C exchange signs its callers in itself (HTTP Basic or its session cookie), so
        // the router lets everyone through and the protocol refuses tokens: 401 for every caller.
        r << makeRule(M::Get, "/exchange/1c", Access::Public, Kind::None, Scope::Public, 401);
        r << makeRule(M::Post, "/exchange/1c", Access::Public, Kind::None, Scope::Public, 401);
        r << makeRule(M::Get, "/api/v1/admin/exchanges", Access::Admin, Kind::None, Scope::Staff, 200);

        // Product images: every signed-in role reads the catalog.
        r << makeRule(M::Get, "/api/v1/blobs/{sha256}", Access::Authenticated, Kind::Blob, Scope::Catalog,
                      200);

        // Publishing releases: admins only; what they publish is no customer's.
        r << makeRule(M::Get, "/api/v1/admin/releases", Access::Admin, Kind::None, Scope::Staff, 200);
        r << makeRule(M::Post, "/api/v1/admin/releases", Access::Admin, Kind::None, Scope::Staff, 201)
                 .withBody([](World &world, const Actor &, int) { return world.releaseUpload(); });
        r << makeRule(M::Get, "/api/v1/admin/releases/{id}", Access::Admin, Kind::ReadyRelease, Scope::Staff,
                      200);
        r << makeRule(M::Delete, "/api/v1/admin/releases/{id}", Access::Admin, Kind::Release, Scope::Staff,
                      204);
        r << makeRule(M::Put, "/api/v1/admin/releases/{id}/installer", Access::Admin, Kind::Release,
                      Scope::Staff, 200)
                 .withHeaders({{"content-range", "bytes 0-67/68"}})
                 .withBody([](World &world, const Actor &, int) { return world.installer; });
        r << makeRule(M::Get, "/api/v1/admin/channels", Access::Admin, Kind::None, Scope::Staff, 200);
        r << makeRule(M::Put, "/api/v1/admin/channels/{channel}", Access::Admin, Kind::Channel, Scope::Staff,
                      200)
                 .withBody([](World &, const Actor &, int) {
                     return compact({{QStringLiteral("rollout_percent"), 50}});
                 });
        r << makeRule(M::Get, "/api/v1/admin/devices", Access::Admin, Kind::None, Scope::Staff, 200);
        // Updates: every signed-in role may ask, download and report; nothing in them is a customer's.
        r << makeRule(M::Get, "/api/v1/updates", Access::Authenticated, Kind::None, Scope::Self, 204)
                 .withQuery({{"version", "0.1.0"}, {"platform", "linux-amd64-deb"}});
        r << makeRule(M::Get, "/api/v1/updates/{id}/installer", Access::Authenticated, Kind::ReadyRelease,
                      Scope::Catalog, 200);
        r << makeRule(M::Post, "/api/v1/updates/report", Access::Authenticated, Kind::None, Scope::Self, 204)
                 .withBody([](World &world, const Actor &, int) {
                     return compact({{QStringLiteral("release_id"), world.readyRelease},
                                     {QStringLiteral("version"), QStringLiteral("2.0.1")},
                                     {QStringLiteral("outcome"), QStringLiteral("failed")},
                                     {QStringLiteral("message"), QStringLiteral("matrix")}});
                 });
        // Warehouse work: warehouse staff and managers; sales reps are refused by the handler.
        const QList<Role> notWarehouse {Role::SalesRep};
        r << makeRule(M::Post, "/api/v1/warehouse/pick-lists", Access::Staff, Kind::None, Scope::Warehouse,
                      201)
                 .refusing(notWarehouse)
                 .withBody([](World &world, const Actor &, int) {
                     world.createOrder(0, OrderStatus::Exported);
                     return compact({{QStringLiteral("warehouse_id"), idText(world.warehouse.id)}});
                 });
        r << makeRule(M::Post, "/api/v1/warehouse/pick-lists/{id}/scans", Access::Staff, Kind::PickList,
                      Scope::Warehouse, 200)
                 .refusing(notWarehouse)
                 .withBody([](World &world, const Actor &, int) {
                     const QJsonObject line
                         = world.lastPickList.value(QStringLiteral("lines")).toArray().at(0).toObject();
                     return compact({{QStringLiteral("client_id"), idText(Id::createUuid())},
                                     {QStringLiteral("line_id"), line.value(QStringLiteral("line_id"))},
                                     {QStringLiteral("quantity"), QStringLiteral("1.000")}});
                 });
        r << makeRule(M::Post, "/api/v1/warehouse/pick-lists/{id}/confirm", Access::Staff, Kind::PickList,
                      Scope::Warehouse, 200)
                 .refusing(notWarehouse)
                 .withBody([](World &world, const Actor &, int) { return world.pickAllBody(); });
        r << makeRule(M::Post, "/api/v1/warehouse/pick-lists/{id}/packages", Access::Staff, Kind::PickList,
                      Scope::Warehouse, 200)
                 .refusing(notWarehouse)
                 .advancedObject()
                 .withBody([](World &world, const Actor &, int) {
                     const QJsonObject line
                         = world.lastPickList.value(QStringLiteral("lines")).toArray().at(0).toObject();
                     const QJsonObject packed {
                         {QStringLiteral("line_id"), line.value(QStringLiteral("line_id"))},
                         {QStringLiteral("quantity"), line.value(QStringLiteral("picked"))}};
                     return compact(
                         {{QStringLiteral("client_id"), idText(Id::createUuid())},
                          {QStringLiteral("packages"),
                           QJsonArray {QJsonObject {{QStringLiteral("weight"), QStringLiteral("0.250")},
                                                    {QStringLiteral("lines"), QJsonArray {packed}}}}}});
                 });
        r << makeRule(M::Post, "/api/v1/warehouse/pick-lists/{id}/ship", Access::Staff, Kind::PickList,
                      Scope::Warehouse, 200)
                 .refusing(notWarehouse)
                 .advancedObject()
                 .withBody([](World &, const Actor &, int) {
                     return compact({{QStringLiteral("client_id"), idText(Id::createUuid())},
                                     {QStringLiteral("carrier"), QStringLiteral("matrix")}});
                 });
        r << makeRule(M::Put, "/api/v1/warehouse/bins", Access::Manager, Kind::None, Scope::Staff, 200)
                 .withBody([](World &world, const Actor &, int) {
                     return compact({{QStringLiteral("warehouse_id"), idText(world.warehouse.id)},
                                     {QStringLiteral("product_id"), idText(world.bolt.id)},
                                     {QStringLiteral("bin"), QStringLiteral("A-01-01")}});
                 });
        r << makeRule(M::Post, "/api/v1/warehouse/counts", Access::Manager, Kind::None, Scope::Staff, 201)
                 .withBody([](World &world, const Actor &, int) {
                     return compact({{QStringLiteral("warehouse_id"), idText(world.warehouse.id)}});
                 });
        r << makeRule(M::Post, "/api/v1/warehouse/counts/{id}/lines", Access::Staff, Kind::CountSession,
                      Scope::Warehouse, 200)
                 .refusing(notWarehouse)
                 .withBody([](World &world, const Actor &, int) { return world.countLinesBody(); });
        r << makeRule(M::Post, "/api/v1/warehouse/counts/{id}/submit", Access::Staff, Kind::CountSession,
                      Scope::Warehouse, 200)
                 .refusing(notWarehouse);
        r << makeRule(M::Get, "/api/v1/warehouse/counts/{id}/variance", Access::Manager, Kind::CountSession,
                      Scope::Staff, 200)
                 .advancedObject();
        r << makeRule(M::Post, "/api/v1/warehouse/counts/{id}/approve", Access::Manager, Kind::CountSession,
                      Scope::Staff, 200)
                 .advancedObject();
        r << makeRule(M::Post, "/api/v1/warehouse/counts/{id}/reject", Access::Manager, Kind::CountSession,
                      Scope::Staff, 200)
                 .advancedObject();
        r << makeRule(M::Get, "/api/v1/warehouse/movements", Access::Manager, Kind::None, Scope::Staff, 200)
                 .withQuery({{"limit", "10"}});
        return r;
    }();
    return table;
}

inline const Rule *ruleFor(HttpMethod method, const std::string &pattern)
{
    for (const auto &rule : isolationRules()) {
        if (rule.method == method && rule.pattern == pattern)
            return &rule;
    }
    return nullptr;
}

inline QString accessName(Access access)
{
    switch (access) {
    case Access::Public:
        return QStringLiteral("Public");
    case Access::Authenticated:
        return QStringLiteral("Authenticated");
    case Access::Staff:
        return QStringLiteral("Staff");
    case Access::Manager:
        return QStringLiteral("Manager");
    case Access::Admin:
        return QStringLiteral("Admin");
    case Access::Exchange:
        return QStringLiteral("Exchange");
    }
    return QString();
}

} // namespace portico::server::tenantisolation
