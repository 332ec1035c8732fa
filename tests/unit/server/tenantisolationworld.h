#pragma once

// The seeded world of tst_tenantisolation: two customers with their users and orders, every
// caller of the matrix, and the calls and database snapshots the matrix makes.

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
#include "releases/installerstore.h"
#include "releases/releaserepository.h"
#include "releasesigner.h"
#include "rules/pricing.h"
#include "rules/taxid.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "sync/visibility.h"
#include "testservices.h"
#include "warehouse/countservice.h"
#include "warehouse/picklistservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlRecord>

#include <optional>

namespace portico::server::tenantisolation {

inline const QString Password = QStringLiteral("Matrix-Pa55word!");
inline const QString Device = QStringLiteral("matrix-device");

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
// that belongs to no customer (a product image). Release: a fresh release waiting for its
// installer; ReadyRelease: the seeded release with its installer; Channel: a release channel.
// PickList: a pick list of the matrix warehouse holding one fresh order of the tenant's customer.
// CountSession: a stock count of the matrix warehouse (no customer's data).
enum class Kind {
    None,
    Order,
    User,
    Customer,
    OrderBody,
    Blob,
    Release,
    ReadyRelease,
    Channel,
    PickList,
    CountSession
};

// Whether a route's rows run once per customer (own and foreign objects) or once per caller.
inline bool perTenant(Kind kind)
{
    return kind != Kind::None && kind != Kind::Blob && kind != Kind::Release && kind != Kind::ReadyRelease
        && kind != Kind::Channel && kind != Kind::CountSession;
}

inline QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
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
    // The company's release keys; the router checks uploads against its root key.
    portico::test::ReleaseSigner signer;
    QByteArray installer = QByteArray("matrix installer ").repeated(4); // 68 bytes
    QString readyRelease;
    // The pick list and count session createPickList() and createCount() made last.
    QJsonObject lastPickList;
    QJsonObject lastCount;

    bool create()
    {
        if (!env.create())
            return false;
        // Before the routes are added: they create their password hashers from it.
        env.services().auth.passwordCost = PasswordCost::Minimum;
        env.services().releaseRootKey = signer.rootPublicKey();
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
        const QString id = reply.body().value(QStringLiteral("id")).toString();
        const QString status = reply.body().value(QStringLiteral("status")).toString();
        t.orderIds << id;
        t.orderNumbers << reply.body().value(QStringLiteral("number")).toString();
        const OrderStatus placed = state == OrderStatus::AcceptedWithChanges ? state : OrderStatus::Accepted;
        if (status != orderStatusToString(placed))
            qFatal("could not place an order in %s: %s", qPrintable(orderStatusToString(placed)),
                   qPrintable(QString::fromUtf8(compact(reply.body()))));
        if (state == OrderStatus::Exported)
            orders.transition(callerOf(manager), Id::fromString(id), OrderStatus::Exported, QString());
        return id;
    }

    // A pick list of the matrix warehouse with a fresh exported order of `tenant`'s customer,
    // open or already picked.
    QString createPickList(int tenant, bool picked)
    {
        const QString orderId = createOrder(tenant, OrderStatus::Exported);
        PickListService lists(env.services(), {});
        const Caller keeper = callerOf(storekeeper);
        const auto made = lists.create(keeper,
                                       compact({{QStringLiteral("warehouse_id"), idText(warehouse.id)},
                                                {QStringLiteral("order_ids"), QJsonArray {orderId}}}));
        lastPickList = QJsonDocument::fromJson(made.json)
                           .object()
                           .value(QStringLiteral("pick_lists"))
                           .toArray()
                           .at(0)
                           .toObject();
        const QString id = lastPickList.value(QStringLiteral("id")).toString();
        if (picked) {
            const auto confirmed = lists.confirm(keeper, Id::fromString(id), pickAllBody());
            lastPickList = QJsonDocument::fromJson(confirmed.json)
                               .object()
                               .value(QStringLiteral("pick_list"))
                               .toObject();
        }
        return id;
    }

    // Confirms every line of lastPickList as picked in full.
    QByteArray pickAllBody() const
    {
        QJsonArray lines;
        for (const auto &line : lastPickList.value(QStringLiteral("lines")).toArray())
            lines.append(
                QJsonObject {{QStringLiteral("line_id"), line.toObject().value(QStringLiteral("line_id"))},
                             {QStringLiteral("picked"), line.toObject().value(QStringLiteral("quantity"))}});
        return compact(
            {{QStringLiteral("client_id"), idText(Id::createUuid())}, {QStringLiteral("lines"), lines}});
    }

    // A count of the matrix warehouse, open or submitted with one counted line.
    QString createCount(bool submitted)
    {
        CountService counts(env.services(), {});
        const auto opened = counts.open(callerOf(manager),
                                        compact({{QStringLiteral("warehouse_id"), idText(warehouse.id)}}));
        lastCount
            = QJsonDocument::fromJson(opened.json).object().value(QStringLiteral("count_session")).toObject();
        const Id id = Id::fromString(lastCount.value(QStringLiteral("id")).toString());
        if (submitted) {
            counts.addLines(callerOf(storekeeper), id, countLinesBody());
            counts.submit(callerOf(storekeeper), id);
        }
        return idText(id);
    }

    QByteArray countLinesBody() const
    {
        return compact(
            {{QStringLiteral("client_id"), idText(Id::createUuid())},
             {QStringLiteral("lines"),
              QJsonArray {QJsonObject {{QStringLiteral("product_id"), idText(bolt.id)},
                                       {QStringLiteral("bin"), QStringLiteral("A-01-01")},
                                       {QStringLiteral("counted"), QStringLiteral("1000000.000")}}}}});
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
        case Kind::PickList:
            return {objectId, lastPickList.value(QStringLiteral("number")).toString(), t.customer.name};
        case Kind::None:
        case Kind::Blob:
        case Kind::Release:
        case Kind::ReadyRelease:
        case Kind::Channel:
        case Kind::CountSession:
            break;
        }
        return {};
    }

    QString freshInn() { return rules::generateInn(static_cast<quint64>(5000 + ++created)); }

    HttpResponse call(const Actor &caller, HttpMethod method, const QString &path,
                      const std::map<std::string, std::string> &query, const QByteArray &body,
                      const std::map<std::string, std::string> &headers = {})
    {
        HttpRequest request;
        request.headers = headers;
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
            dump(QStringLiteral("SELECT COUNT(*) FROM releases"));
            dump(QStringLiteral("SELECT COUNT(*) FROM update_reports"));
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
            case Kind::Release:
            case Kind::ReadyRelease:
                dump(QStringLiteral("SELECT * FROM releases WHERE id = :id"));
                dump(QStringLiteral("SELECT COUNT(*) FROM release_chunks WHERE release_id = :id"));
                break;
            case Kind::Channel:
                dump(QStringLiteral("SELECT * FROM release_channels WHERE channel = :id"));
                break;
            case Kind::PickList:
                dump(QStringLiteral("SELECT * FROM pick_lists WHERE id = :id"));
                dump(QStringLiteral(
                    "SELECT * FROM pick_list_lines WHERE pick_list_id = :id ORDER BY position"));
                dump(QStringLiteral("SELECT COUNT(*) FROM stock_movements"));
                break;
            case Kind::CountSession:
                dump(QStringLiteral("SELECT * FROM count_sessions WHERE id = :id"));
                dump(QStringLiteral(
                    "SELECT * FROM count_lines WHERE count_id = :id ORDER BY bin, product_id"));
                dump(QStringLiteral("SELECT COUNT(*) FROM stock_movements"));
                break;
            case Kind::None:
                break;
            }
            return state;
        });
    }

    // A signed release upload (POST /api/v1/admin/releases) of a version not seen before.
    QByteArray releaseUpload()
    {
        const QString version = QStringLiteral("3.0.%1").arg(++created);
        return compact(
            {{QStringLiteral("manifest"),
              signer.manifest(portico::test::ReleaseSigner::manifestPayload(
                  version, QStringLiteral("stable"), QStringLiteral("linux-amd64-deb"), installer))},
             {QStringLiteral("keys"), signer.keyList()}});
    }

    // A release stored and waiting for its installer (`installer`); its id.
    QString createRelease()
    {
        const QString version = QStringLiteral("2.0.%1").arg(++created);
        const QJsonObject manifest = signer.manifest(portico::test::ReleaseSigner::manifestPayload(
            version, QStringLiteral("stable"), QStringLiteral("linux-amd64-deb"), installer));
        const QJsonObject keys = signer.keyList();
        ReleaseRepository releases(env.database());
        return releases
            .create(verifyRelease(manifest, keys, signer.rootPublicKey(), env.clock), manifest, keys,
                    QStringLiteral("matrix"), env.clock)
            .id;
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
        readyRelease = createRelease();
        {
            ReleaseRepository releases(env.database());
            releases.appendChunk(readyRelease, 0,
                                 std::string_view(installer.constData(), std::size_t(installer.size())));
            if (!completeInstaller(releases, env.blobs(), *releases.find(readyRelease)))
                qFatal("the matrix release's installer did not check out");
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

} // namespace portico::server::tenantisolation
