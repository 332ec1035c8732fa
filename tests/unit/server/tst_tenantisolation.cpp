#include "api/routes.h"
#include "auth/caller.h"
#include "auth/passwordhasher.h"
#include "auth/tokenservice.h"
#include "auth/userrepository.h"
#include "blobs/blobstore.h"
#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "http/router.h"
#include "orders/orderservice.h"
#include "protocol/codecs.h"
#include "rules/pricing.h"
#include "rules/taxid.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "sync/visibility.h"
#include "testservices.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlRecord>
#include <QTest>

#include <functional>
#include <optional>

using namespace portico;
using namespace portico::server;

namespace {

const QString Password = QStringLiteral("Matrix-Pa55word!");
const QString Device = QStringLiteral("matrix-device");

// One customer with everything that belongs to it. Index 0 is customer A, 1 is customer B.
struct Tenant
{
    QString letter;
    PriceType priceType;
    Customer customer;
    User buyer;
    User rep;
    User target; // another buyer of this customer: the object of the user routes
    QString baseOrderId; // an accepted order placed by the buyer before the matrix runs
    QStringList orderIds;
    QStringList orderNumbers;
};

// Who calls. `home` is the customer a scoped caller belongs to (-1: none); callers that see
// every customer's orders by design (admins, managers, warehouse staff, who ship them) have
// `seesAll`. Everything of a customer that is neither home nor seen is foreign to the caller.
struct Actor
{
    QString name;
    std::optional<Role> role; // none: the request carries no token
    User user;
    int home = -1;
    bool seesAll = false;

    bool sees(int tenant) const { return seesAll || (tenant >= 0 && tenant == home); }
};

// What an {id} in a route's path names; OrderBody: the route has no {id}, but the request body
// names the customer the write is for (an order upload). Blob: a {sha256} naming a stored file
// that belongs to no customer (a product image).
enum class Kind { None, Order, User, Customer, OrderBody, Blob };

// Whether a route's rows run once per customer (own and foreign objects) or once per caller.
bool perTenant(Kind kind)
{
    return kind != Kind::None && kind != Kind::Blob;
}

// Public: no credentials and no customer data. Self: the caller's own session or account.
// Tenant: customer data, scoped by role and customer in the handler. Staff: admin screens, gated
// by role; whoever passes sees every customer. Catalog: data of no customer (products and their
// images) that every signed-in role reads.
enum class Scope { Public, Self, Tenant, Staff, Catalog };

// Collections whose content is checked row by row against the caller's customers.
enum class Listing { None, Orders, Sync };

class World;

QByteArray emptyBody(World &, const Actor &, int)
{
    return {};
}

OrderStatus acceptedOrder(Role)
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
    // Login and refresh: the credentials are in the body; without a token the call acts as the
    // user whose credentials they are (buyerA).
    bool credentialsInBody = false;
    // The state an order object is put in before the call, by the caller's role.
    std::function<OrderStatus(Role)> orderState = acceptedOrder;
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
    Rule &withBody(std::function<QByteArray(World &, const Actor &, int tenant)> make)
    {
        body = std::move(make);
        return *this;
    }
};

Rule makeRule(HttpMethod method, std::string pattern, Access access, Kind kind, Scope scope, int okStatus)
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

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString methodName(HttpMethod method)
{
    return QString::fromLatin1(httpMethodToString(method));
}

QString routeName(HttpMethod method, const std::string &pattern)
{
    return methodName(method) + QLatin1Char(' ') + QString::fromStdString(pattern);
}

// Every key and string value of a JSON document, decoded, one per line.
void collectStrings(const QJsonValue &value, QString &out)
{
    if (value.isString()) {
        out += value.toString() + QLatin1Char('\n');
    } else if (value.isArray()) {
        for (const auto &item : value.toArray())
            collectStrings(item, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            out += it.key() + QLatin1Char('\n');
            collectStrings(it.value(), out);
        }
    }
}

class World final
{
public:
    portico::test::TestServices env;
    Router router;
    PasswordHasher hasher {PasswordCost::Minimum};
    Tenant tenants[2];
    Warehouse warehouse {Id::createUuid(), QString(), QStringLiteral("Склад Матрица"), QString()};
    Product bolt;
    QString boltImage; // the blob that bolt.imageRef names
    User admin;
    User manager;
    User storekeeper;
    User exchange;
    QList<Actor> actors;
    int created = 0;

    bool create()
    {
        if (!env.create())
            return false;
        // Before the routes are added: they create their password hashers from it.
        env.services().auth.passwordCost = PasswordCost::Minimum;
        addAllRoutes(router, env.services());
        seed();
        for (int t = 0; t < 2; ++t)
            tenants[t].baseOrderId = createOrder(t, OrderStatus::Accepted);
        return true;
    }

    Tenant &tenantA() { return tenants[0]; }
    Tenant &tenantB() { return tenants[1]; }

    const Actor &actor(const QString &name) const
    {
        for (const auto &a : actors) {
            if (a.name == name)
                return a;
        }
        qFatal("no actor %s", qPrintable(name));
    }

    static Caller callerOf(const User &user)
    {
        Caller c;
        c.userId = idText(user.id);
        c.login = user.login;
        c.role = user.role;
        c.customerId = user.customerId.isNull() ? QString() : idText(user.customerId);
        c.warehouseId = user.warehouseId.isNull() ? QString() : idText(user.warehouseId);
        c.deviceId = Device;
        return c;
    }

    IssuedTokens tokensOf(const User &user)
    {
        return TokenService(env.services()).issue(idText(user.id), Device);
    }

    // An order as the client prices it offline for `tenant`'s customer, with the price list the
    // caller has: its own customer's price type (a caller never has another's).
    QByteArray orderBody(const Actor &caller, int tenant, qint64 priceDelta = 0)
    {
        const Tenant &forCustomer = tenants[tenant];
        const PriceType &priceType = tenants[caller.home >= 0 ? caller.home : tenant].priceType;
        rules::PricingContext context;
        context.priceType = priceType;
        const qint64 minor = priceMinor(priceType.id) + priceDelta;
        const auto priced = rules::priceOrder(
            context,
            {{0, bolt.id, Quantity::fromMilli(1000), bolt.vatRate,
              Price {bolt.id, priceType.id, Money::fromMinor(minor, priceType.currency), {}}}});
        Order order;
        order.id = Id::createUuid();
        order.clientNumber = QStringLiteral("M-%1").arg(++created, 6, 10, QLatin1Char('0'));
        order.customerId = forCustomer.customer.id;
        order.priceTypeId = priceType.id;
        order.currency = priceType.currency;
        order.status = OrderStatus::Submitted;
        order.createdAt = QDateTime::fromMSecsSinceEpoch(env.clock - 60'000, Qt::UTC);
        order.comment = QStringLiteral("matrix order");
        order.lines = priced.lines;
        order.totals = priced.totals;
        return compact(protocol::toJson(order));
    }

    // A fresh order of `tenant`'s customer, placed by its buyer, in `state`.
    QString createOrder(int tenant, OrderStatus state)
    {
        Tenant &t = tenants[tenant];
        OrderService orders(env.services(), {});
        const Actor buyer {QString(), Role::Buyer, t.buyer, tenant, false};
        const qint64 delta = state == OrderStatus::AcceptedWithChanges ? 1 : 0;
        const auto reply = orders.submit(callerOf(t.buyer), orderBody(buyer, tenant, delta));
        const QString id = reply.body.value(QStringLiteral("id")).toString();
        const QString status = reply.body.value(QStringLiteral("status")).toString();
        t.orderIds << id;
        t.orderNumbers << reply.body.value(QStringLiteral("number")).toString();
        const OrderStatus placed = state == OrderStatus::AcceptedWithChanges ? state : OrderStatus::Accepted;
        if (status != orderStatusToString(placed))
            qFatal("could not place an order in %s: %s", qPrintable(orderStatusToString(placed)),
                   qPrintable(QString::fromUtf8(compact(reply.body))));
        if (state == OrderStatus::Exported)
            orders.transition(callerOf(manager), Id::fromString(id), OrderStatus::Exported, QString());
        return id;
    }

    qint64 priceMinor(const Id &priceTypeId) const
    {
        return priceTypeId == tenants[0].priceType.id ? 1999 : 1500;
    }

    // What names a customer: whoever sees any of it knows whose it is.
    QStringList tenantStrings(int tenant) const
    {
        const Tenant &t = tenants[tenant];
        QStringList strings {idText(t.customer.id), t.customer.name,        t.customer.legalName,
                             t.customer.inn,        idText(t.priceType.id), t.priceType.name,
                             idText(t.buyer.id),    t.buyer.login,          idText(t.rep.id),
                             idText(t.target.id),   t.target.login};
        strings += t.orderIds;
        strings += t.orderNumbers;
        return strings;
    }

    // What names one object: refusals must not repeat any of it.
    QStringList objectStrings(Kind kind, int tenant, const QString &objectId) const
    {
        const Tenant &t = tenants[tenant];
        switch (kind) {
        case Kind::Order: {
            const qsizetype i = t.orderIds.indexOf(objectId);
            return {objectId, i >= 0 ? t.orderNumbers.at(i) : QString(), t.customer.name,
                    t.customer.legalName, t.customer.inn};
        }
        case Kind::User:
            return {objectId, t.target.login, t.target.displayName};
        case Kind::Customer:
        case Kind::OrderBody:
            return {idText(t.customer.id), t.customer.name, t.customer.legalName, t.customer.inn};
        case Kind::None:
        case Kind::Blob:
            break;
        }
        return {};
    }

    QString freshInn() { return rules::generateInn(static_cast<quint64>(5000 + ++created)); }

    HttpResponse call(const Actor &caller, HttpMethod method, const QString &path,
                      const std::map<std::string, std::string> &query, const QByteArray &body)
    {
        HttpRequest request;
        request.method = method;
        request.path = path.toStdString();
        request.query = query;
        request.body = body.toStdString();
        request.remoteAddress = "127.0.0.1";
        request.requestId = "tenant-isolation";
        if (caller.role)
            request.headers["authorization"] = "Bearer " + tokensOf(caller.user).accessToken.toStdString();
        return router.dispatch(request);
    }

    // The stored state of an object and the table sizes: a refused call changes none of it.
    QString snapshot(Kind kind, const QString &objectId)
    {
        return env.database().read([&](QSqlDatabase &tx) {
            QString state;
            auto dump = [&](const QString &statement) {
                Sql q(tx, statement);
                if (statement.contains(QLatin1String(":id")))
                    q.bind(QStringLiteral(":id"), objectId);
                q.exec();
                while (q.next()) {
                    const int columns = q.query().record().count();
                    for (int c = 0; c < columns; ++c)
                        state += q.value(c).toString() + QLatin1Char('|');
                    state += QLatin1Char('\n');
                }
            };
            dump(QStringLiteral("SELECT COUNT(*) FROM orders"));
            dump(QStringLiteral("SELECT COUNT(*) FROM users"));
            dump(QStringLiteral("SELECT COUNT(*) FROM customers"));
            dump(QStringLiteral("SELECT head FROM feed_state"));
            switch (kind) {
            case Kind::Order:
                dump(QStringLiteral("SELECT * FROM orders WHERE id = :id"));
                dump(QStringLiteral("SELECT * FROM order_lines WHERE order_id = :id ORDER BY line_no"));
                dump(QStringLiteral("SELECT * FROM order_history WHERE order_id = :id ORDER BY seq"));
                break;
            case Kind::User:
                dump(QStringLiteral("SELECT * FROM users WHERE id = :id"));
                dump(QStringLiteral("SELECT COUNT(*) FROM tokens WHERE user_id = :id AND NOT revoked"));
                break;
            case Kind::Customer:
            case Kind::OrderBody:
                dump(QStringLiteral("SELECT * FROM customers WHERE id = :id"));
                break;
            case Kind::Blob:
                dump(QStringLiteral("SELECT COUNT(*) FROM blobs"));
                dump(QStringLiteral("SELECT * FROM blobs WHERE hash = :id"));
                break;
            case Kind::None:
                break;
            }
            return state;
        });
    }

    // The changes `user` would receive after `cursor`.
    QList<Change> feedOf(const User &user, qint64 cursor)
    {
        return env.database().read([&](QSqlDatabase &tx) {
            const auto visibility = Visibility::of(tx, callerOf(user));
            return ChangeFeed::pull(tx, cursor, 5000, visibility.audiences, visibility.everything).changes;
        });
    }

    qint64 feedHead()
    {
        return env.database().read([](QSqlDatabase &tx) { return ChangeFeed::head(tx); });
    }

    void forgetOrder(const QString &orderId)
    {
        env.database().write([&](QSqlDatabase &tx) {
            for (const auto &statement :
                 {QStringLiteral("DELETE FROM order_lines WHERE order_id = :id"),
                  QStringLiteral("DELETE FROM order_history WHERE order_id = :id"),
                  QStringLiteral("DELETE FROM orders WHERE id = :id"),
                  QStringLiteral("DELETE FROM changes WHERE entity = 'order' AND entity_id = :id")})
                Sql(tx, statement).bind(QStringLiteral(":id"), orderId).exec();
        });
    }

private:
    User addUser(const QString &login, Role role, const Id &customerId = {}, const Id &warehouseId = {})
    {
        User user;
        user.id = Id::createUuid();
        user.login = login;
        user.displayName = QStringLiteral("Matrix ") + login;
        user.role = role;
        user.customerId = customerId;
        user.warehouseId = warehouseId;
        const QString hash = hasher.hash(Password);
        const auto stored = env.database().write(
            [&](QSqlDatabase &tx) { return UserRepository(tx).create(user, hash, env.clock); });
        if (!stored)
            qFatal("could not create %s", qPrintable(login));
        return *stored;
    }

    void seed()
    {
        bolt.id = Id::createUuid();
        bolt.sku = QStringLiteral("BM10");
        bolt.name = QStringLiteral("Болт М10");
        bolt.unit = Unit::piece();
        bolt.vatRate = VatRate::Twenty;
        // A catalog image: a PNG signature and a few bytes, as the accounting exchange stores it.
        boltImage = env.blobs()
                        .put(QByteArray::fromHex("89504e470d0a1a0a") + QByteArray("matrix image of BM10"),
                             QStringLiteral("image/png"))
                        .sha256;
        bolt.imageRef = boltImage;

        const QString letters[2] = {QStringLiteral("A"), QStringLiteral("B")};
        const QString names[2] = {QStringLiteral("Ромашка"), QStringLiteral("Василёк")};
        const QString priceTypes[2] = {QStringLiteral("Оптовая"), QStringLiteral("Дилерская")};
        const QString logins[2] = {QStringLiteral("romashka"), QStringLiteral("vasilek")};
        for (int t = 0; t < 2; ++t) {
            Tenant &tenant = tenants[t];
            tenant.letter = letters[t];
            tenant.priceType = PriceType {Id::createUuid(), QString(), priceTypes[t], Currency::rub(), true};
            tenant.customer.id = Id::createUuid();
            tenant.customer.name = names[t];
            tenant.customer.legalName = QStringLiteral("ООО «") + names[t] + QStringLiteral("»");
            tenant.customer.inn = rules::generateInn(static_cast<quint64>(101 + t * 7919));
            tenant.customer.kpp = rules::kppForInn(tenant.customer.inn);
            tenant.customer.priceTypeId = tenant.priceType.id;
            tenant.customer.creditLimit = Money::zero(Currency::rub());
            tenant.rep = addUser(QStringLiteral("rep%1").arg(t + 1), Role::SalesRep);
            tenant.customer.assignedRepId = tenant.rep.id;
        }
        env.database().write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository catalog(tx);
            catalog.upsertPriceTypes({tenants[0].priceType, tenants[1].priceType}, feed);
            catalog.upsertWarehouses({warehouse}, feed);
            catalog.upsertProducts({bolt}, feed);
            QList<Price> prices;
            for (const auto &t : tenants)
                prices.append(Price {bolt.id,
                                     t.priceType.id,
                                     Money::fromMinor(priceMinor(t.priceType.id), Currency::rub()),
                                     {}});
            catalog.upsertPrices(prices, feed);
            catalog.upsertStock({StockLevel {bolt.id, warehouse.id, Quantity::fromMilli(1'000'000'000),
                                             Quantity(), QDateTime::fromMSecsSinceEpoch(env.clock, Qt::UTC)}},
                                feed);
            CustomerRepository(tx).upsert({tenants[0].customer, tenants[1].customer}, feed);
            feed.append(tx);
        });
        for (int t = 0; t < 2; ++t) {
            tenants[t].buyer
                = addUser(QStringLiteral("buyer.") + logins[t], Role::Buyer, tenants[t].customer.id);
            tenants[t].target
                = addUser(QStringLiteral("target.") + logins[t], Role::Buyer, tenants[t].customer.id);
        }
        admin = addUser(QStringLiteral("admin"), Role::Admin);
        manager = addUser(QStringLiteral("manager"), Role::Manager);
        storekeeper = addUser(QStringLiteral("warehouse1"), Role::Warehouse, {}, warehouse.id);
        exchange = addUser(QStringLiteral("exchange"), Role::Exchange);

        actors = {
            {QStringLiteral("no token"), std::nullopt, User(), -1, false},
            {QStringLiteral("admin"), Role::Admin, admin, -1, true},
            {QStringLiteral("manager"), Role::Manager, manager, -1, true},
            {QStringLiteral("rep1"), Role::SalesRep, tenants[0].rep, 0, false},
            {QStringLiteral("rep2"), Role::SalesRep, tenants[1].rep, 1, false},
            {QStringLiteral("warehouse"), Role::Warehouse, storekeeper, -1, true},
            {QStringLiteral("buyerA"), Role::Buyer, tenants[0].buyer, 0, false},
            {QStringLiteral("buyerB"), Role::Buyer, tenants[1].buyer, 1, false},
            {QStringLiteral("exchange"), Role::Exchange, exchange, -1, false},
        };
    }
};

QByteArray loginBody(World &world, const Actor &caller, int)
{
    const User &user = caller.role ? caller.user : world.tenantA().buyer;
    return compact({{QStringLiteral("login"), user.login},
                    {QStringLiteral("password"), Password},
                    {QStringLiteral("device_id"), Device}});
}

QByteArray refreshBody(World &world, const Actor &caller, int)
{
    const User &user = caller.role ? caller.user : world.tenantA().buyer;
    return compact({{QStringLiteral("refresh_token"), world.tokensOf(user).refreshToken},
                    {QStringLiteral("device_id"), Device}});
}

// The isolation rule of every route. A route the router has and this table lacks fails the
// matrix: nobody adds a route without deciding who may call it and what it may show.
const QList<Rule> &isolationRules()
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
        // start picking an exported order.
        r << makeRule(M::Post, "/api/v1/orders/{id}/status", Access::Staff, Kind::Order, Scope::Tenant, 200)
                 .inState([](Role role) {
                     return role == Role::Warehouse ? OrderStatus::Exported : OrderStatus::Accepted;
                 })
                 .withBody([](World &, const Actor &caller, int) {
                     const Role role = caller.role.value_or(Role::Buyer);
                     const QString status = role == Role::Warehouse ? QStringLiteral("picking")
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

        // Product images: every signed-in role reads the catalog.
        r << makeRule(M::Get, "/api/v1/blobs/{sha256}", Access::Authenticated, Kind::Blob, Scope::Catalog,
                      200);
        return r;
    }();
    return table;
}

const Rule *ruleFor(HttpMethod method, const std::string &pattern)
{
    for (const auto &rule : isolationRules()) {
        if (rule.method == method && rule.pattern == pattern)
            return &rule;
    }
    return nullptr;
}

QString accessName(Access access)
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

QString firstOf(const QString &text, const QStringList &needles)
{
    for (const auto &needle : needles) {
        if (!needle.isEmpty() && text.contains(needle))
            return needle;
    }
    return QString();
}

// The first of `needles` that the body shows, raw or JSON-decoded; empty when none. Sync pages
// are checked without their price type rows (priceTypesStayWithTheirCustomers covers those).
QString leakIn(const std::string &body, const QStringList &needles, bool syncPage)
{
    const QByteArray bytes = QByteArray::fromStdString(body);
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    QString decoded;
    if (syncPage) {
        for (const auto &change : document.object().value(QStringLiteral("changes")).toArray()) {
            if (change.toObject().value(QStringLiteral("entity")).toString() != entity::PriceType)
                collectStrings(change, decoded);
        }
        return firstOf(decoded, needles);
    }
    collectStrings(document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()),
                   decoded);
    const QString raw = firstOf(QString::fromUtf8(bytes), needles);
    return raw.isEmpty() ? firstOf(decoded, needles) : raw;
}

QString excerpt(const HttpResponse &response)
{
    return QStringLiteral("%1 %2")
        .arg(response.status)
        .arg(QString::fromStdString(response.body.substr(0, 400)));
}

} // namespace

// Every route of the real router, called by every role and without a token, on an object of the
// caller's own customer and of another's: who may call what, and that nothing of one customer
// reaches another's users (docs/API.md, "What a caller sees"; DESIGN.md, Security).
class TestTenantIsolation final : public QObject
{
    Q_OBJECT

    World m_world;

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(portico::test::TestDatabase::backendName()));
        QVERIFY2(m_world.create(), qPrintable(m_world.env.errorString()));
    }

    void everyRuleNamesARoute()
    {
        for (const auto &rule : isolationRules()) {
            bool found = false;
            for (const auto &route : m_world.router.routes())
                found = found || (route.method == rule.method && route.pattern == rule.pattern);
            QVERIFY2(found,
                     qPrintable(QStringLiteral("isolation rule for %1 names no route; remove it")
                                    .arg(routeName(rule.method, rule.pattern))));
        }
    }

    void matrix_data()
    {
        QTest::addColumn<int>("route");
        QTest::addColumn<int>("actor");
        QTest::addColumn<int>("tenant");
        const auto &routes = m_world.router.routes();
        int rows = 0;
        int objectRows = 0;
        for (int r = 0; r < static_cast<int>(routes.size()); ++r) {
            const Route &route = routes[static_cast<std::size_t>(r)];
            const Rule *rule = ruleFor(route.method, route.pattern);
            const QString name = routeName(route.method, route.pattern);
            if (!rule) {
                QTest::newRow(qPrintable(name + QStringLiteral(" has no isolation rule"))) << r << -1 << -1;
                ++rows;
                continue;
            }
            for (int a = 0; a < static_cast<int>(m_world.actors.size()); ++a) {
                const Actor &caller = m_world.actors.at(a);
                if (!perTenant(rule->kind)) {
                    QTest::newRow(qPrintable(name + QStringLiteral(" as ") + caller.name)) << r << a << -1;
                    ++rows;
                    continue;
                }
                for (int t = 0; t < 2; ++t) {
                    QString object;
                    if (caller.seesAll)
                        object = m_world.tenants[t].letter + QStringLiteral("'s");
                    else if (caller.home < 0)
                        object = QStringLiteral("foreign ") + m_world.tenants[t].letter;
                    else
                        object = t == caller.home ? QStringLiteral("own") : QStringLiteral("foreign");
                    QTest::newRow(qPrintable(name + QStringLiteral(" as ") + caller.name
                                             + QStringLiteral(" on ") + object))
                        << r << a << t;
                    ++rows;
                    ++objectRows;
                }
            }
        }
        qInfo(
            "isolation matrix: %d routes x %d callers (8 roles and no token) x own/foreign objects = %d rows "
            "(%d of them on an object)",
            static_cast<int>(routes.size()), static_cast<int>(m_world.actors.size()), rows, objectRows);
    }

    void matrix()
    {
        QFETCH(int, route);
        QFETCH(int, actor);
        QFETCH(int, tenant);
        const Route &entry = m_world.router.routes().at(static_cast<std::size_t>(route));
        const QString name = routeName(entry.method, entry.pattern);
        const Rule *rule = ruleFor(entry.method, entry.pattern);
        if (!rule)
            QFAIL(qPrintable(QStringLiteral("route %1 has no isolation rule: add it to isolationRules() in "
                                            "tst_tenantisolation.cpp with who may call it and what it shows")
                                 .arg(name)));
        QVERIFY2(rule->access == entry.access,
                 qPrintable(QStringLiteral("%1 is now %2, its isolation rule says %3; review the rule")
                                .arg(name, accessName(entry.access), accessName(rule->access))));
        const Actor &caller = m_world.actors.at(actor);
        // Admin screens do not scope by customer: only roles that see every customer may reach them.
        if (rule->scope == Scope::Staff && caller.role && roleAllows(entry.access, *caller.role))
            QVERIFY2(caller.role == Role::Admin || caller.role == Role::Manager,
                     qPrintable(
                         QStringLiteral("%1 lets %2 into an unscoped admin screen").arg(name, caller.name)));
        const Actor &effective
            = !caller.role && rule->credentialsInBody ? m_world.actor(QStringLiteral("buyerA")) : caller;

        // The object of the call, fresh for this row so that rows do not depend on each other.
        QString objectId;
        QString path = QString::fromStdString(rule->pattern);
        const Role stateRole = caller.role.value_or(Role::Buyer);
        switch (rule->kind) {
        case Kind::Order:
            objectId = m_world.createOrder(tenant, rule->orderState(stateRole));
            break;
        case Kind::User:
            objectId = idText(m_world.tenants[tenant].target.id);
            break;
        case Kind::Customer:
        case Kind::OrderBody:
            objectId = idText(m_world.tenants[tenant].customer.id);
            break;
        case Kind::Blob:
            objectId = m_world.boltImage;
            break;
        case Kind::None:
            break;
        }
        QCOMPARE(path.contains(QLatin1Char('{')), rule->kind != Kind::None && rule->kind != Kind::OrderBody);
        path.replace(QStringLiteral("{id}"), objectId);
        path.replace(QStringLiteral("{sha256}"), objectId);
        QVERIFY2(!path.contains(QLatin1Char('{')), qPrintable(path));

        const QByteArray body = rule->body(m_world, caller, tenant);
        const QString before = m_world.snapshot(rule->kind, objectId);
        const qint64 headBefore = m_world.feedHead();
        const HttpResponse response = m_world.call(caller, entry.method, path, rule->query, body);

        const bool hasObject = tenant >= 0;
        const bool visible = !hasObject || caller.sees(tenant);
        QList<int> expected;
        bool refusal = true;
        if (!caller.role) {
            if (rule->access == Access::Public) {
                expected = {rule->okStatus};
                refusal = false;
            } else {
                expected = {401};
            }
        } else if (!roleAllows(rule->access, *caller.role)) {
            expected = {403};
        } else if (rule->refused.contains(*caller.role)) {
            expected = visible ? QList<int> {403} : QList<int> {403, 404};
        } else if (!visible && rule->kind == Kind::OrderBody) {
            expected = {201};
            refusal = false;
        } else if (!visible) {
            expected = {403, 404};
        } else {
            expected = {rule->okStatus};
            refusal = false;
        }
        QVERIFY2(expected.contains(response.status),
                 qPrintable(
                     QStringLiteral("%1 as %2: expected %3, got %4")
                         .arg(name, caller.name, QString::number(expected.constFirst()), excerpt(response))));

        if (refusal) {
            const QJsonObject error = QJsonDocument::fromJson(QByteArray::fromStdString(response.body))
                                          .object()
                                          .value(QStringLiteral("error"))
                                          .toObject();
            QVERIFY2(!error.value(QStringLiteral("code")).toString().isEmpty(),
                     qPrintable(excerpt(response)));
            if (hasObject) {
                const QString leak
                    = leakIn(response.body, m_world.objectStrings(rule->kind, tenant, objectId), false);
                QVERIFY2(leak.isEmpty(),
                         qPrintable(QStringLiteral("the refusal names the object (%1): %2")
                                        .arg(leak, excerpt(response))));
            }
            QCOMPARE(m_world.snapshot(rule->kind, objectId), before);
        }

        // Nothing of a customer the caller may not see, in any answer.
        QList<int> foreign;
        for (int t = 0; t < 2; ++t) {
            if (!effective.sees(t))
                foreign << t;
        }
        for (const int t : std::as_const(foreign)) {
            QStringList strings = m_world.tenantStrings(t);
            if (rule->kind == Kind::OrderBody && t == tenant)
                strings.removeAll(
                    objectId); // the caller's own request names the customer; the answer may echo it
            const QString leak = leakIn(response.body, strings, rule->listing == Listing::Sync);
            QVERIFY2(
                leak.isEmpty(),
                qPrintable(QStringLiteral("%1 as %2 shows \"%3\" of customer %4: %5")
                               .arg(name, caller.name, leak, m_world.tenants[t].letter, excerpt(response))));
        }

        if (rule->kind == Kind::OrderBody && caller.role && response.status == 201)
            checkUpload(caller, tenant, visible, response, headBefore);
        if (rule->listing == Listing::Orders && response.status == 200)
            checkOrderList(caller, response);
        if (rule->listing == Listing::Sync && response.status == 200)
            checkSyncPage(caller, response);
    }

    // Price types reach the users whose customers have them, like their prices do: a buyer who
    // learns that "Дилерская" exists has learned about other customers' terms.
    void priceTypesStayWithTheirCustomers_data()
    {
        QTest::addColumn<QString>("actor");
        for (const char *name : {"buyerA", "buyerB", "rep1", "rep2"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void priceTypesStayWithTheirCustomers()
    {
        QFETCH(QString, actor);
        const Actor &caller = m_world.actor(actor);
        const HttpResponse response = m_world.call(caller, HttpMethod::Get, QStringLiteral("/api/v1/sync"),
                                                   {{"cursor", "0"}, {"limit", "5000"}}, {});
        QCOMPARE(response.status, 200);
        const QString foreign = idText(m_world.tenants[1 - caller.home].priceType.id);
        const QString own = idText(m_world.tenants[caller.home].priceType.id);
        QStringList priceTypes;
        const auto changes = QJsonDocument::fromJson(QByteArray::fromStdString(response.body))
                                 .object()
                                 .value(QStringLiteral("changes"))
                                 .toArray();
        for (const auto &change : changes) {
            const QJsonObject c = change.toObject();
            if (c.value(QStringLiteral("entity")).toString() == entity::PriceType)
                priceTypes << c.value(QStringLiteral("id")).toString();
        }
        QVERIFY2(priceTypes.contains(own), "the caller's own price type is missing");
        QVERIFY2(!priceTypes.contains(foreign),
                 qPrintable(QStringLiteral("%1 receives the price type of the other customer").arg(actor)));
    }

    // A rep who loses a customer, and a buyer moved to another customer, lose its orders at once,
    // the ones they placed themselves included.
    void reassignmentEndsAccess()
    {
        World world;
        QVERIFY2(world.create(), qPrintable(world.env.errorString()));
        const Actor &rep1 = world.actor(QStringLiteral("rep1"));
        const Actor &buyerA = world.actor(QStringLiteral("buyerA"));
        const Actor &manager = world.actor(QStringLiteral("manager"));
        const Actor &admin = world.actor(QStringLiteral("admin"));
        Tenant &a = world.tenantA();
        Tenant &b = world.tenantB();

        QStringList placed;
        for (const Actor *author : {&rep1, &buyerA}) {
            const HttpResponse upload = world.call(
                *author, HttpMethod::Post, QStringLiteral("/api/v1/orders"), {}, world.orderBody(*author, 0));
            QCOMPARE(upload.status, 201);
            placed << QJsonDocument::fromJson(QByteArray::fromStdString(upload.body))
                          .object()
                          .value(QStringLiteral("id"))
                          .toString();
        }
        a.orderIds << placed;

        const HttpResponse reassigned = world.call(
            manager, HttpMethod::Patch, QStringLiteral("/api/v1/admin/customers/") + idText(a.customer.id),
            {}, compact({{QStringLiteral("assigned_rep_id"), idText(b.rep.id)}}));
        QCOMPARE(reassigned.status, 200);
        const HttpResponse moved = world.call(
            admin, HttpMethod::Patch, QStringLiteral("/api/v1/admin/users/") + idText(buyerA.user.id), {},
            compact({{QStringLiteral("customer_id"), idText(b.customer.id)}}));
        QCOMPARE(moved.status, 200);

        const QStringList customerA = world.tenantStrings(0);
        for (const Actor *former : {&rep1, &buyerA}) {
            const HttpResponse list
                = world.call(*former, HttpMethod::Get, QStringLiteral("/api/v1/orders"), {}, {});
            QCOMPARE(list.status, 200);
            QVERIFY2(leakIn(list.body, {idText(a.customer.id)}, false).isEmpty(), qPrintable(excerpt(list)));
            const HttpResponse page = world.call(*former, HttpMethod::Get, QStringLiteral("/api/v1/sync"),
                                                 {{"cursor", "0"}, {"limit", "5000"}}, {});
            QCOMPARE(page.status, 200);
            const QString leak = leakIn(page.body, customerA, true);
            QVERIFY2(leak.isEmpty(), qPrintable(former->name + QStringLiteral(" still syncs ") + leak));
            for (const QString &orderId : std::as_const(placed)) {
                const QString path = QStringLiteral("/api/v1/orders/") + orderId;
                const QString before = world.snapshot(Kind::Order, orderId);
                const HttpResponse cancel = world.call(
                    *former, HttpMethod::Post, path + QStringLiteral("/cancel"), {}, QByteArray("{}"));
                QVERIFY2(cancel.status == 404,
                         qPrintable(former->name + QStringLiteral(" cancels: ") + excerpt(cancel)));
                QCOMPARE(world.snapshot(Kind::Order, orderId), before);
                const HttpResponse one = world.call(*former, HttpMethod::Get, path, {}, {});
                QVERIFY2(one.status == 404,
                         qPrintable(former->name + QStringLiteral(" reads ") + orderId + QStringLiteral(": ")
                                    + excerpt(one)));
            }
        }

        const Actor &rep2 = world.actor(QStringLiteral("rep2"));
        for (const QString &orderId : std::as_const(placed))
            QCOMPARE(
                world.call(rep2, HttpMethod::Get, QStringLiteral("/api/v1/orders/") + orderId, {}, {}).status,
                200);
        const HttpResponse page = world.call(rep2, HttpMethod::Get, QStringLiteral("/api/v1/sync"),
                                             {{"cursor", "0"}, {"limit", "5000"}}, {});
        QVERIFY(QString::fromStdString(page.body).contains(idText(a.customer.id)));
    }

private:
    // An order upload: for the caller's own customer it is accepted; for another's it is
    // rejected, names nothing of that customer, and stays with its author.
    void checkUpload(const Actor &caller, int tenant, bool visible, const HttpResponse &response,
                     qint64 headBefore)
    {
        const QJsonObject order = QJsonDocument::fromJson(QByteArray::fromStdString(response.body)).object();
        const QString orderId = order.value(QStringLiteral("id")).toString();
        const QString status = order.value(QStringLiteral("status")).toString();
        if (visible) {
            QCOMPARE(status, QStringLiteral("accepted"));
            m_world.tenants[tenant].orderIds << orderId;
            m_world.tenants[tenant].orderNumbers << order.value(QStringLiteral("number")).toString();
            return;
        }
        QCOMPARE(status, QStringLiteral("rejected"));
        const QJsonArray reasons
            = order.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("reasons")).toArray();
        QCOMPARE(reasons.size(), 1);
        QCOMPARE(reasons.first().toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("customer_not_available"));
        const Tenant &other = m_world.tenants[tenant];
        // The customer's users receive nothing of it by the feed...
        for (const User &user : {other.buyer, other.rep}) {
            const auto changes = m_world.feedOf(user, headBefore);
            QVERIFY2(changes.isEmpty(),
                     qPrintable(QStringLiteral("%1's feed got %2 change(s) from %3's upload")
                                    .arg(user.login)
                                    .arg(changes.size())
                                    .arg(caller.name)));
        }
        // ...and none of it over the API either.
        for (const User &user : {other.buyer, other.rep}) {
            const Actor viewer {user.login, user.role, user, tenant, false};
            const HttpResponse one
                = m_world.call(viewer, HttpMethod::Get, QStringLiteral("/api/v1/orders/") + orderId, {}, {});
            const HttpResponse list = m_world.call(viewer, HttpMethod::Get, QStringLiteral("/api/v1/orders"),
                                                   {{"limit", "500"}}, {});
            QCOMPARE(list.status, 200);
            QVERIFY2(one.status == 404,
                     qPrintable(QStringLiteral("%1 reads %2's rejected upload: %3")
                                    .arg(user.login, caller.name, excerpt(one))));
            QVERIFY2(
                !QString::fromStdString(list.body).contains(orderId),
                qPrintable(QStringLiteral("%1 lists %2's rejected upload").arg(user.login, caller.name)));
        }
        // The author still reads its own attempt, with reasons.
        const HttpResponse own
            = m_world.call(caller, HttpMethod::Get, QStringLiteral("/api/v1/orders/") + orderId, {}, {});
        QCOMPARE(own.status, 200);
        // Later rows see the world as it was before this one.
        m_world.forgetOrder(orderId);
    }

    // GET /api/v1/orders: only orders of customers the caller sees, its own among them.
    void checkOrderList(const Actor &caller, const HttpResponse &response)
    {
        const QJsonArray orders = QJsonDocument::fromJson(QByteArray::fromStdString(response.body))
                                      .object()
                                      .value(QStringLiteral("orders"))
                                      .toArray();
        QSet<QString> ids;
        for (const auto &item : orders) {
            const QJsonObject order = item.toObject();
            ids.insert(order.value(QStringLiteral("id")).toString());
            const QString customer = order.value(QStringLiteral("customer_id")).toString();
            int owner = -1;
            for (int t = 0; t < 2; ++t) {
                if (idText(m_world.tenants[t].customer.id) == customer)
                    owner = t;
            }
            QVERIFY2(
                owner >= 0 && caller.sees(owner),
                qPrintable(QStringLiteral("%1 lists order %2 of customer %3")
                               .arg(caller.name, order.value(QStringLiteral("id")).toString(), customer)));
        }
        for (int t = 0; t < 2; ++t) {
            if (caller.sees(t))
                QVERIFY2(ids.contains(m_world.tenants[t].baseOrderId),
                         qPrintable(QStringLiteral("%1 does not list customer %2's order")
                                        .arg(caller.name, m_world.tenants[t].letter)));
        }
        if (caller.role == Role::Exchange)
            QCOMPARE(orders.size(), 0);
        // Asking for another customer's orders by its id or by an order number finds nothing.
        for (int t = 0; t < 2; ++t) {
            if (caller.sees(t))
                continue;
            const Tenant &other = m_world.tenants[t];
            const std::map<std::string, std::string> queries[] = {
                {{"customer_id", idText(other.customer.id).toStdString()}},
                {{"q", other.orderNumbers.constFirst().toStdString()}},
                {{"customer_id", idText(other.customer.id).toStdString()}, {"status", "accepted"}},
            };
            for (const auto &query : queries) {
                const HttpResponse filtered
                    = m_world.call(caller, HttpMethod::Get, QStringLiteral("/api/v1/orders"), query, {});
                QCOMPARE(filtered.status, 200);
                QVERIFY2(QJsonDocument::fromJson(QByteArray::fromStdString(filtered.body))
                             .object()
                             .value(QStringLiteral("orders"))
                             .toArray()
                             .isEmpty(),
                         qPrintable(QStringLiteral("%1 finds customer %2's orders by filter: %3")
                                        .arg(caller.name, other.letter, excerpt(filtered))));
            }
        }
    }

    // GET /api/v1/sync from cursor 0: the caller's customers and their price type's prices only,
    // and all of them.
    void checkSyncPage(const Actor &caller, const HttpResponse &response)
    {
        const QJsonObject page = QJsonDocument::fromJson(QByteArray::fromStdString(response.body)).object();
        QCOMPARE(page.value(QStringLiteral("has_more")).toBool(), false);
        QCOMPARE(page.value(QStringLiteral("resync")).toBool(), false);
        const bool staffOfAll = caller.role == Role::Admin || caller.role == Role::Manager;
        QSet<QString> allowedPriceTypes;
        QSet<QString> allowedCustomers;
        for (int t = 0; t < 2; ++t) {
            if (staffOfAll || caller.home == t) {
                allowedPriceTypes.insert(idText(m_world.tenants[t].priceType.id));
                allowedCustomers.insert(idText(m_world.tenants[t].customer.id));
            }
        }
        QSet<QString> priceTypesSeen;
        QSet<QString> customersSeen;
        QSet<QString> ordersSeen;
        for (const auto &item : page.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject change = item.toObject();
            const QString kind = change.value(QStringLiteral("entity")).toString();
            const QString id = change.value(QStringLiteral("id")).toString();
            const QJsonObject data = change.value(QStringLiteral("data")).toObject();
            if (kind == entity::Price) {
                const QString priceType = id.section(QLatin1Char('/'), 1);
                QVERIFY2(
                    staffOfAll || allowedPriceTypes.contains(priceType),
                    qPrintable(
                        QStringLiteral("%1 receives a price of price type %2").arg(caller.name, priceType)));
                priceTypesSeen.insert(priceType);
            } else if (kind == entity::Customer) {
                QVERIFY2(staffOfAll || allowedCustomers.contains(id),
                         qPrintable(QStringLiteral("%1 receives customer %2").arg(caller.name, id)));
                customersSeen.insert(id);
            } else if (kind == entity::Order) {
                const QString customer = data.value(QStringLiteral("customer_id")).toString();
                QVERIFY2(staffOfAll || allowedCustomers.contains(customer),
                         qPrintable(QStringLiteral("%1 receives order %2 of customer %3")
                                        .arg(caller.name, id, customer)));
                ordersSeen.insert(id);
            }
        }
        QVERIFY2(priceTypesSeen.contains(allowedPriceTypes),
                 qPrintable(caller.name + QStringLiteral(": prices missing")));
        QVERIFY2(customersSeen.contains(allowedCustomers),
                 qPrintable(caller.name + QStringLiteral(": customers missing")));
        if (!staffOfAll) {
            QCOMPARE(priceTypesSeen, allowedPriceTypes);
            QCOMPARE(customersSeen, allowedCustomers);
        }
        for (int t = 0; t < 2; ++t) {
            if (allowedCustomers.contains(idText(m_world.tenants[t].customer.id)))
                QVERIFY2(ordersSeen.contains(m_world.tenants[t].baseOrderId),
                         qPrintable(QStringLiteral("%1 does not receive customer %2's order")
                                        .arg(caller.name, m_world.tenants[t].letter)));
        }
    }
};

QTEST_GUILESS_MAIN(TestTenantIsolation)
#include "tst_tenantisolation.moc"
