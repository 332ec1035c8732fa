#include "auth/caller.h"
#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "http/apierror.h"
#include "orders/orderservice.h"
#include "orders/ordertermscache.h"
#include "protocol/codecs.h"
#include "rules/pricing.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "sync/visibility.h"
#include "testservices.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>
#include <thread>

using namespace portico;
using namespace portico::server;

namespace {

const Currency Rub = Currency::rub();
Money rub(qint64 minor)
{
    return Money::fromMinor(minor, Rub);
}

struct Fixture
{
    portico::test::TestServices env;
    Database *database = nullptr;
    Services *services = nullptr;
    qint64 &clock = env.clock;
    QStringList published;

    PriceType wholesale {Id::createUuid(), QStringLiteral("opt"), QStringLiteral("Оптовая"), Rub, true};
    PriceType dealer {Id::createUuid(), QStringLiteral("dlr"), QStringLiteral("Дилерская"), Rub, false};
    Warehouse moscow {Id::createUuid(), QString(), QStringLiteral("Склад Москва"), QString()};
    Product bolt;
    Product nut;
    Product inactive;
    Customer romashka; // wholesale, rep1, credit limit 10 000.00
    Customer vasilek; // dealer price type, rep2
    Customer blocked;
    Caller buyer1; // romashka
    Caller buyer2; // vasilek
    Caller rep1;
    Caller manager;
    Caller warehouse;

    Fixture()
    {
        if (!env.create())
            qFatal("no test database: %s", qPrintable(env.errorString()));
        database = &env.database();
        services = &env.services();
        bolt = product(QStringLiteral("Болт М10"), VatRate::Twenty);
        nut = product(QStringLiteral("Гайка М10"), VatRate::Ten);
        inactive = product(QStringLiteral("Снят с продажи"), VatRate::Twenty);
        inactive.active = false;

        rep1 = caller(Role::SalesRep, QStringLiteral("rep1"));
        const Caller rep2 = caller(Role::SalesRep, QStringLiteral("rep2"));
        manager = caller(Role::Manager, QStringLiteral("manager"));
        warehouse = caller(Role::Warehouse, QStringLiteral("warehouse1"));
        romashka = customer(QStringLiteral("Ромашка"), wholesale.id, rep1.userId);
        romashka.creditLimit = rub(1'000'000);
        romashka.creditLimitSet = true;
        romashka.discount = 500; // 5%
        vasilek = customer(QStringLiteral("Василёк"), dealer.id, rep2.userId);
        blocked = customer(QStringLiteral("Должник"), wholesale.id, rep1.userId);
        blocked.blocked = true;
        buyer1 = caller(Role::Buyer, QStringLiteral("buyer1"));
        buyer1.customerId = idText(romashka.id);
        buyer2 = caller(Role::Buyer, QStringLiteral("buyer2"));
        buyer2.customerId = idText(vasilek.id);

        database->write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository catalog(tx);
            catalog.upsertPriceTypes({wholesale, dealer}, feed);
            catalog.upsertWarehouses({moscow}, feed);
            catalog.upsertProducts({bolt, nut, inactive}, feed);
            catalog.upsertPrices({price(bolt, wholesale, 1999), price(nut, wholesale, 350),
                                  price(inactive, wholesale, 100), price(bolt, dealer, 1500),
                                  price(nut, dealer, 300)},
                                 feed);
            catalog.upsertStock({stock(bolt, 10'000'000), stock(nut, 5'500), stock(inactive, 10'000)}, feed);
            CustomerRepository(tx).upsert({romashka, vasilek, blocked}, feed);
            feed.append(tx);
        });
    }

    Product product(const QString &name, VatRate vat)
    {
        Product p;
        p.id = Id::createUuid();
        p.sku = name.left(4);
        p.name = name;
        p.unit = Unit::piece();
        p.vatRate = vat;
        return p;
    }

    Price price(const Product &p, const PriceType &type, qint64 minor)
    {
        return Price {p.id, type.id, Money::fromMinor(minor, type.currency), {}};
    }

    StockLevel stock(const Product &p, qint64 milli)
    {
        return StockLevel {p.id, moscow.id, Quantity::fromMilli(milli), Quantity(),
                           QDateTime::currentDateTimeUtc()};
    }

    // Writes catalog changes in a transaction of `db` (this test's database, or another
    // connection to it, as a second process would hold).
    static void changeCatalog(Database &db, const QList<Product> &products, const QList<Price> &prices)
    {
        db.write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository catalog(tx);
            if (!products.isEmpty())
                catalog.upsertProducts(products, feed);
            if (!prices.isEmpty())
                catalog.upsertPrices(prices, feed);
            feed.append(tx);
        });
    }

    Customer customer(const QString &name, const Id &priceType, const QString &repId)
    {
        Customer c;
        c.id = Id::createUuid();
        c.name = name;
        c.legalName = QStringLiteral("ООО «") + name + QStringLiteral("»");
        c.inn = QStringLiteral("7707083893");
        c.kpp = QStringLiteral("773601001");
        c.priceTypeId = priceType;
        c.assignedRepId = Id::fromString(repId);
        c.creditLimit = rub(0);
        return c;
    }

    Caller caller(Role role, const QString &login)
    {
        Caller c;
        c.userId = idText(Id::createUuid());
        c.login = login;
        c.role = role;
        return c;
    }

    OrderService service()
    {
        return OrderService(*services, [this](const QStringList &audiences) { published += audiences; });
    }

    // An order as a client prices it offline: the same shared rules, from the client's copy of
    // the prices (which may be out of date).
    Order offlineOrder(const Customer &c, const PriceType &type,
                       const QList<std::tuple<Product, qint64, qint64>> &lines)
    {
        QList<rules::PricingLineInput> inputs;
        for (const auto &[p, milli, priceMinor] : lines)
            inputs.append(
                {0, p.id, Quantity::fromMilli(milli), p.vatRate, Price {p.id, type.id, rub(priceMinor), {}}});
        const auto priced = rules::priceOrder(rules::PricingContext::forCustomer(type, c), inputs);
        Order order;
        order.id = Id::createUuid();
        order.clientNumber = QStringLiteral("R1-000001");
        order.customerId = c.id;
        order.priceTypeId = type.id;
        order.currency = Rub;
        order.status = OrderStatus::Submitted;
        order.createdAt = QDateTime::fromMSecsSinceEpoch(clock - 60'000, Qt::UTC);
        order.lines = priced.lines;
        order.totals = priced.totals;
        if (!priced.ok()) {
            for (const auto &[p, milli, priceMinor] : lines) {
                OrderLine l;
                l.lineNo = static_cast<int>(order.lines.size()) + 1;
                l.productId = p.id;
                l.quantity = Quantity::fromMilli(milli);
                l.unitPrice = rub(priceMinor);
                l.amount = rub(priceMinor);
                l.total = rub(priceMinor);
                order.lines.append(l);
            }
        }
        return order;
    }

    static QByteArray body(const Order &order)
    {
        return QJsonDocument(protocol::toJson(order)).toJson(QJsonDocument::Compact);
    }

    int orderRows()
    {
        return database->read([](QSqlDatabase &tx) {
            Sql q(tx, QStringLiteral("SELECT COUNT(*) FROM orders"));
            q.exec();
            return q.next() ? q.value(0).toInt() : -1;
        });
    }

    QList<Change> pull(const Caller &c)
    {
        return database->read([&](QSqlDatabase &tx) {
            const auto v = Visibility::of(tx, c);
            return ChangeFeed::pull(tx, 0, 100000, v.audiences, v.everything).changes;
        });
    }
};

QString status(const QJsonObject &order)
{
    return order.value(QStringLiteral("status")).toString();
}

QStringList reasonCodes(const QJsonObject &order)
{
    QStringList codes;
    const auto reasons
        = order.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("reasons")).toArray();
    for (const auto &r : reasons)
        codes << r.toObject().value(QStringLiteral("code")).toString();
    return codes;
}

} // namespace

class TestOrderService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptedWhenOfflinePricesHold()
    {
        Fixture f;
        auto orders = f.service();
        // 10 bolts at 19.99, 5% off: gross 199.90, discount 10.00 (9.995 rounds away), 189.90.
        const Order order = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 10'000, 1999}});
        const auto reply = orders.submit(f.buyer1, Fixture::body(order));
        QCOMPARE(reply.status, 201);
        QCOMPARE(status(reply.body()), QStringLiteral("accepted"));
        QVERIFY(reply.body().value(QStringLiteral("number")).toString().startsWith(QStringLiteral("P-")));
        QCOMPARE(
            reply.body().value(QStringLiteral("totals")).toObject().value(QStringLiteral("total")).toString(),
            QStringLiteral("189.90"));
        QCOMPARE(reasonCodes(reply.body()), QStringList());
        QVERIFY(f.published.contains(Audience::customer(idText(f.romashka.id))));
    }

    void retryReturnsTheStoredOutcomeOnce()
    {
        Fixture f;
        auto orders = f.service();
        const Order order = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 3'000, 1999}});
        const auto first = orders.submit(f.buyer1, Fixture::body(order));
        f.clock += 5'000;
        const auto second = orders.submit(f.buyer1, Fixture::body(order));
        QCOMPARE(first.status, 201);
        QCOMPARE(second.status, 200);
        QCOMPARE(second.body(), first.body());
        QCOMPARE(f.orderRows(), 1);
    }

    // The reply of a new order is written straight as text; a retry's comes from the stored
    // order through QJsonDocument. Byte for byte the same, escapes, times and nulls included.
    void theRepliesTextIsTheStoredOrdersJson()
    {
        Fixture f;
        auto orders = f.service();
        Order order = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 2'500, 1999}, {f.nut, 7'000, 1}});
        order.comment = QStringLiteral("Ворота \"Б\", 2-й этаж\\склад\n\tдо 18:00 \x01 ё 🚚");
        order.externalId = QStringLiteral("ext/1");
        order.deliveryDate = QDate(2026, 12, 3);
        order.pricesAsOf = QDateTime::fromMSecsSinceEpoch(f.clock - 90'123, Qt::UTC);
        order.createdAt = QDateTime::fromMSecsSinceEpoch(f.clock - 60'007, Qt::UTC);
        f.clock += 321;
        const auto first = orders.submit(f.buyer1, Fixture::body(order));
        QCOMPARE(first.status, 201);
        QCOMPARE(first.body().value(QStringLiteral("comment")).toString(), order.comment);
        const auto second = orders.submit(f.buyer1, Fixture::body(order));
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json, first.json);

        // A rejected order (its customer is not the buyer's): the client's lines, reasons, no
        // price type.
        Order foreign = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 1'000, 1999}});
        const auto rejected = orders.submit(f.buyer2, Fixture::body(foreign));
        QCOMPARE(status(rejected.body()), QStringLiteral("rejected"));
        QCOMPARE(orders.submit(f.buyer2, Fixture::body(foreign)).json, rejected.json);
    }

    void sameIdOtherBodyIsConflict()
    {
        Fixture f;
        auto orders = f.service();
        Order order = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 3'000, 1999}});
        orders.submit(f.buyer1, Fixture::body(order));
        order.comment = QStringLiteral("changed");
        try {
            orders.submit(f.buyer1, Fixture::body(order));
            QFAIL("a reused id with another body must be refused");
        } catch (const ApiError &e) {
            QCOMPARE(e.code(), ApiErrorCode::Conflict);
        }
        QCOMPARE(f.orderRows(), 1);
    }

    void anotherUserCannotReplaySomeoneElsesId()
    {
        Fixture f;
        auto orders = f.service();
        const Order order = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 3'000, 1999}});
        orders.submit(f.buyer1, Fixture::body(order));
        try {
            orders.submit(f.buyer2, Fixture::body(order));
            QFAIL("the stored outcome must not be handed to another user");
        } catch (const ApiError &e) {
            QCOMPARE(e.code(), ApiErrorCode::Conflict);
            QVERIFY(!e.message().contains(QStringLiteral("Ромашка")));
        }
    }

    void priceDriftIsAcceptedWithChanges()
    {
        Fixture f;
        auto orders = f.service();
        // The client still has 18.50 for a bolt; the server's price is 19.99.
        const Order order
            = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 2'000, 1850}, {f.nut, 4'000, 350}});
        const auto reply = orders.submit(f.rep1, Fixture::body(order));
        QCOMPARE(status(reply.body()), QStringLiteral("accepted_with_changes"));
        const auto codes = reasonCodes(reply.body());
        QVERIFY2(codes.contains(QStringLiteral("unit_price_changed")),
                 qPrintable(codes.join(QLatin1Char(','))));
        const auto reasons = reply.body()
                                 .value(QStringLiteral("outcome"))
                                 .toObject()
                                 .value(QStringLiteral("reasons"))
                                 .toArray();
        const auto priceReason = reasons.at(codes.indexOf(QStringLiteral("unit_price_changed"))).toObject();
        QCOMPARE(priceReason.value(QStringLiteral("line_no")).toInt(), 1);
        QCOMPARE(priceReason.value(QStringLiteral("from")).toString(), QStringLiteral("18.50"));
        QCOMPARE(priceReason.value(QStringLiteral("to")).toString(), QStringLiteral("19.99"));
        // The nut line held: nothing said about line 2.
        for (const auto &r : reasons)
            QVERIFY(r.toObject().value(QStringLiteral("line_no")).toInt() != 2);
    }

    // Order pricing keeps the catalog's terms in memory between orders on SQLite
    // (orders/ordertermscache.h). A price or product changed since, by this server or by another
    // process on the same database, reaches the next order; what is available is read anew with
    // every order.
    void catalogChangesReachTheNextOrder()
    {
        Fixture f;
        auto orders = f.service();
        const OrderTermsCache &cache = *f.services->orderTerms;
        const auto submit = [&](const QList<std::tuple<Product, qint64, qint64>> &lines) {
            const Order order = f.offlineOrder(f.romashka, f.wholesale, lines);
            const QJsonObject reply = orders.submit(f.buyer1, Fixture::body(order)).body();
            return std::pair {status(reply), reply};
        };
        QCOMPARE(submit({{f.bolt, 1'000, 1999}, {f.nut, 3'000, 350}}).first, QStringLiteral("accepted"));
        // The same terms again; of the nut's 5.5 on hand 3 are reserved now.
        const auto [second, secondReply] = submit({{f.bolt, 1'000, 1999}, {f.nut, 3'000, 350}});
        QCOMPARE(second, QStringLiteral("accepted_with_changes"));
        QVERIFY2(reasonCodes(secondReply).contains(QStringLiteral("quantity_reduced")),
                 qPrintable(reasonCodes(secondReply).join(QLatin1Char(','))));
        QCOMPARE(secondReply.value(QStringLiteral("lines"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(QStringLiteral("quantity")),
                 QJsonValue(QStringLiteral("2.5")));
        if (!f.database->isPostgres()) {
            QCOMPARE(cache.misses(), 2);
            QCOMPARE(cache.hits(), 2);
        }

        // Returns the `to` of the order's reason `code` (empty without one).
        const auto changedTo = [](const QJsonObject &reply, const QString &code) {
            const auto reasons = reply.value(QStringLiteral("outcome"))
                                     .toObject()
                                     .value(QStringLiteral("reasons"))
                                     .toArray();
            for (const auto &reason : reasons) {
                if (reason.toObject().value(QStringLiteral("code")).toString() == code)
                    return reason.toObject().value(QStringLiteral("to")).toString();
            }
            return QString();
        };
        // A new price, written by this server.
        Fixture::changeCatalog(*f.database, {}, {f.price(f.bolt, f.wholesale, 2100)});
        const auto [third, thirdReply] = submit({{f.bolt, 1'000, 1999}});
        QCOMPARE(third, QStringLiteral("accepted_with_changes"));
        QCOMPARE(changedTo(thirdReply, QStringLiteral("unit_price_changed")), QStringLiteral("21.00"));

        // A new VAT rate, written by another process (another connection to the same database).
        const auto other = f.env.testDatabase().openAnother();
        Product changed = f.bolt;
        changed.vatRate = VatRate::Ten;
        Fixture::changeCatalog(*other, {changed}, {});
        other->releaseThreadConnection();
        const auto [fourth, fourthReply] = submit({{f.bolt, 1'000, 2100}});
        QCOMPARE(fourth, QStringLiteral("accepted_with_changes"));
        QCOMPARE(changedTo(fourthReply, QStringLiteral("vat_rate_changed")), QStringLiteral("10"));

        // Withdrawn, by this server again.
        changed.active = false;
        Fixture::changeCatalog(*f.database, {changed}, {});
        const auto [fifth, fifthReply] = submit({{f.bolt, 1'000, 2100}});
        QCOMPARE(fifth, QStringLiteral("rejected"));
        QCOMPARE(reasonCodes(fifthReply), QStringList {QStringLiteral("nothing_available")});
        if (!f.database->isPostgres())
            QCOMPARE(cache.hits(), 2);
        else
            QCOMPARE(cache.hits() + cache.misses(), 0);
    }

    // The revision the cache goes by: every write of products, prices or price types raises it
    // (SQLite; PostgreSQL keeps none), writes of the rest of the catalog do not.
    void everyCatalogWriteRaisesTheRevision()
    {
        Fixture f;
        const auto revision = [&] {
            return f.database->read([](QSqlDatabase &tx) { return CatalogRepository(tx).revision(); });
        };
        Product cheaper = f.bolt;
        cheaper.name = QStringLiteral("Болт М10 оцинкованный");
        const QList<std::pair<QString, std::function<void(CatalogRepository &, FeedBatch &)>>> raising {
            {QStringLiteral("upsertProducts"),
             [&](auto &c, auto &feed) {
                 c.upsertProducts({cheaper}, feed);
             }},
            {QStringLiteral("bulkUpsertProducts"),
             [&](auto &c, auto &feed) {
                 c.bulkUpsertProducts({cheaper}, feed);
             }},
            {QStringLiteral("upsertPriceTypes"),
             [&](auto &c, auto &feed) {
                 c.upsertPriceTypes({f.dealer}, feed);
             }},
            {QStringLiteral("upsertPrices"),
             [&](auto &c, auto &feed) {
                 c.upsertPrices({f.price(f.bolt, f.dealer, 1400)}, feed);
             }},
            {QStringLiteral("bulkUpsertPrices"),
             [&](auto &c, auto &feed) {
                 c.bulkUpsertPrices({f.price(f.bolt, f.dealer, 1300)}, feed);
             }},
        };
        const QList<std::pair<QString, std::function<void(CatalogRepository &, FeedBatch &)>>> keeping {
            {QStringLiteral("upsertStock"),
             [&](auto &c, auto &feed) {
                 c.upsertStock({f.stock(f.bolt, 9'000'000)}, feed);
             }},
            {QStringLiteral("bulkUpsertStock"),
             [&](auto &c, auto &feed) {
                 c.bulkUpsertStock({f.stock(f.bolt, 8'000'000)}, feed);
             }},
            {QStringLiteral("upsertWarehouses"),
             [&](auto &c, auto &feed) {
                 c.upsertWarehouses({f.moscow}, feed);
             }},
            {QStringLiteral("nothing to write"), [&](auto &c, auto &feed) {
                 c.upsertProducts({}, feed);
                 c.bulkUpsertPrices({}, feed);
             }}};
        const auto run = [&](const std::function<void(CatalogRepository &, FeedBatch &)> &write) {
            f.database->write([&](QSqlDatabase &tx) {
                FeedBatch feed;
                CatalogRepository catalog(tx);
                write(catalog, feed);
                feed.append(tx);
            });
        };
        qint64 last = revision();
        QCOMPARE(last < 0, f.database->isPostgres());
        for (const auto &[name, write] : raising) {
            run(write);
            const qint64 now = revision();
            QVERIFY2(f.database->isPostgres() ? now == -1 : now > last, qPrintable(name));
            last = now;
        }
        for (const auto &[name, write] : keeping) {
            run(write);
            QVERIFY2(revision() == last, qPrintable(name));
        }
    }

    // A transaction whose snapshot predates a catalog change gets the terms of its snapshot, even
    // after a newer transaction filled the cache with the new ones; and it leaves them there.
    void anOlderSnapshotGetsItsOwnTerms()
    {
        Fixture f;
        OrderTermsCache &cache = *f.services->orderTerms;
        const auto boltPrice = [&](const QSqlDatabase &tx) {
            const auto terms = cache.terms(tx, {f.bolt.id}, f.wholesale);
            return terms.value(f.bolt.id).price.value_or(Price {}).unitPrice.minor();
        };
        f.database->read([&](QSqlDatabase &before) {
            QCOMPARE(boltPrice(before), 1999);
            // The change and the newer read on another thread (a connection of their own).
            qint64 newer = 0;
            std::thread([&] {
                Fixture::changeCatalog(*f.database, {}, {f.price(f.bolt, f.wholesale, 2100)});
                newer = f.database->read([&](QSqlDatabase &tx) { return boltPrice(tx); });
                f.database->releaseThreadConnection();
            }).join();
            QCOMPARE(newer, 2100);
            QCOMPARE(boltPrice(before), 1999);
        });
        const std::int64_t hits = cache.hits();
        QCOMPARE(f.database->read([&](QSqlDatabase &tx) { return boltPrice(tx); }), 2100);
        if (!f.database->isPostgres())
            QCOMPARE(cache.hits(), hits + 1);
    }

    void partialStockReducesTheQuantity()
    {
        Fixture f;
        auto orders = f.service();
        const Order order = f.offlineOrder(f.romashka, f.wholesale, {{f.nut, 8'000, 350}});
        const auto reply = orders.submit(f.buyer1, Fixture::body(order));
        QCOMPARE(status(reply.body()), QStringLiteral("accepted_with_changes"));
        QVERIFY(reasonCodes(reply.body()).contains(QStringLiteral("quantity_reduced")));
        const auto line = reply.body().value(QStringLiteral("lines")).toArray().at(0).toObject();
        QCOMPARE(line.value(QStringLiteral("quantity")).toString(), QStringLiteral("5.5"));
    }

    void inactiveProductIsDroppedWithAReason()
    {
        Fixture f;
        auto orders = f.service();
        const Order order
            = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 1'000, 1999}, {f.inactive, 1'000, 100}});
        const auto reply = orders.submit(f.buyer1, Fixture::body(order));
        QCOMPARE(status(reply.body()), QStringLiteral("accepted_with_changes"));
        QVERIFY(reasonCodes(reply.body()).contains(QStringLiteral("product_unavailable")));
        QCOMPARE(reply.body().value(QStringLiteral("lines")).toArray().size(), 1);
    }

    void unknownProductIsRejected()
    {
        Fixture f;
        auto orders = f.service();
        Product ghost = f.product(QStringLiteral("Призрак"), VatRate::Twenty);
        const Order order
            = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 1'000, 1999}, {ghost, 1'000, 100}});
        const auto reply = orders.submit(f.buyer1, Fixture::body(order));
        QCOMPARE(status(reply.body()), QStringLiteral("rejected"));
        QCOMPARE(reasonCodes(reply.body()), QStringList {QStringLiteral("unknown_product")});
        QCOMPARE(reply.body().value(QStringLiteral("lines")).toArray().size(), 2); // what was asked, kept
    }

    void blockedCustomerIsRejected()
    {
        Fixture f;
        auto orders = f.service();
        const Order order = f.offlineOrder(f.blocked, f.wholesale, {{f.bolt, 1'000, 1999}});
        const auto reply = orders.submit(f.rep1, Fixture::body(order));
        QCOMPARE(status(reply.body()), QStringLiteral("rejected"));
        const auto credit = reply.body()
                                .value(QStringLiteral("outcome"))
                                .toObject()
                                .value(QStringLiteral("credit"))
                                .toObject();
        QCOMPARE(credit.value(QStringLiteral("outcome")).toString(), QStringLiteral("rejected"));
        QCOMPARE(credit.value(QStringLiteral("reasons"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("blocked"));
    }

    void overCreditLimitNeedsApproval()
    {
        Fixture f;
        auto orders = f.service();
        // 600 bolts = 11 394.30 after discount, over the 10 000.00 limit.
        const Order order = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 600'000, 1999}});
        const auto reply = orders.submit(f.buyer1, Fixture::body(order));
        QCOMPARE(status(reply.body()), QStringLiteral("needs_approval"));
        const auto reason = reply.body()
                                .value(QStringLiteral("outcome"))
                                .toObject()
                                .value(QStringLiteral("credit"))
                                .toObject()
                                .value(QStringLiteral("reasons"))
                                .toArray()
                                .at(0)
                                .toObject();
        QCOMPARE(reason.value(QStringLiteral("code")).toString(), QStringLiteral("over_limit"));
        QCOMPARE(reason.value(QStringLiteral("exceeded_by")).toString(), QStringLiteral("1394.30"));
    }

    void openOrdersCountAgainstTheLimit()
    {
        Fixture f;
        auto orders = f.service();
        // 300 bolts = 5 697.15 each order: the first fits, the second pushes exposure over.
        const auto first = orders.submit(
            f.buyer1, Fixture::body(f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 300'000, 1999}})));
        const auto second = orders.submit(
            f.buyer1, Fixture::body(f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 300'000, 1999}})));
        QCOMPARE(status(first.body()), QStringLiteral("accepted"));
        QCOMPARE(status(second.body()), QStringLiteral("needs_approval"));
    }

    void foreignCustomerIsRejectedAndSeenOnlyByItsAuthor()
    {
        Fixture f;
        auto orders = f.service();
        const Order order = f.offlineOrder(f.vasilek, f.dealer, {{f.bolt, 1'000, 1500}});
        const auto reply = orders.submit(f.buyer1, Fixture::body(order));
        QCOMPARE(status(reply.body()), QStringLiteral("rejected"));
        QCOMPARE(reasonCodes(reply.body()), QStringList {QStringLiteral("customer_not_available")});
        auto seesOrder = [&](const Caller &c) {
            const auto changes = f.pull(c);
            return std::any_of(changes.begin(), changes.end(), [&](const Change &ch) {
                return ch.entity == entity::Order && ch.entityId == idText(order.id);
            });
        };
        QVERIFY(seesOrder(f.buyer1));
        QVERIFY(!seesOrder(f.buyer2));
    }

    void feedCarriesOrdersToTheirCustomerOnly()
    {
        Fixture f;
        auto orders = f.service();
        const Order mine = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 1'000, 1999}});
        orders.submit(f.buyer1, Fixture::body(mine));
        const auto buyer2 = f.pull(f.buyer2);
        for (const auto &change : buyer2) {
            QVERIFY2(change.entityId != idText(mine.id), "another customer's buyer received the order");
            if (change.entity == entity::Customer)
                QCOMPARE(change.entityId, idText(f.vasilek.id));
            if (change.entity == entity::Price)
                QVERIFY(change.entityId.endsWith(idText(f.dealer.id)));
        }
        const auto rep = f.pull(f.rep1);
        QVERIFY(std::any_of(rep.begin(), rep.end(),
                            [&](const Change &c) { return c.entityId == idText(mine.id); }));
        QVERIFY(std::none_of(rep.begin(), rep.end(),
                             [&](const Change &c) { return c.entityId == idText(f.vasilek.id); }));
        // The customer's credit state follows its open orders.
        const auto customer = std::find_if(buyer2.begin(), buyer2.end(),
                                           [](const Change &c) { return c.entity == entity::Customer; });
        QVERIFY(customer != buyer2.end());
        const auto own = f.pull(f.buyer1);
        const auto romashka = std::find_if(own.begin(), own.end(), [&](const Change &c) {
            return c.entity == entity::Customer && c.entityId == idText(f.romashka.id);
        });
        QVERIFY(romashka != own.end());
        const auto credit
            = QJsonDocument::fromJson(romashka->payload).object().value(QStringLiteral("credit")).toObject();
        QCOMPARE(credit.value(QStringLiteral("open_orders")).toString(), QStringLiteral("18.99"));
        QCOMPARE(credit.value(QStringLiteral("available")).toString(), QStringLiteral("9981.01"));
    }

    void transitionsAreCheckedForRoleAndTable()
    {
        Fixture f;
        auto orders = f.service();
        const Order big = f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 600'000, 1999}});
        orders.submit(f.buyer1, Fixture::body(big));
        auto expectError = [&](const Caller &c, OrderStatus to, ApiErrorCode code) {
            try {
                orders.transition(c, big.id, to, QString());
                QFAIL("transition should have been refused");
            } catch (const ApiError &e) {
                QCOMPARE(e.code(), code);
            }
        };
        expectError(f.buyer1, OrderStatus::Accepted, ApiErrorCode::Forbidden); // approval is a manager's
        expectError(f.buyer2, OrderStatus::Cancelled, ApiErrorCode::NotFound); // not theirs: invisible
        expectError(f.manager, OrderStatus::Shipped, ApiErrorCode::Conflict); // not in the table
        const auto approved
            = orders.transition(f.manager, big.id, OrderStatus::Accepted, QStringLiteral("known customer"));
        QCOMPARE(status(approved), QStringLiteral("accepted"));
        const auto history = approved.value(QStringLiteral("history")).toArray();
        QCOMPARE(history.last().toObject().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("known customer"));
        expectError(f.warehouse, OrderStatus::Exported, ApiErrorCode::Forbidden);
        QCOMPARE(status(orders.transition(f.manager, big.id, OrderStatus::Exported, QString())),
                 QStringLiteral("exported"));
        // The order holds reserved stock: picking is its pick list's step, not a status change.
        expectError(f.warehouse, OrderStatus::Picking, ApiErrorCode::Conflict);
        QCOMPARE(status(orders.transition(f.warehouse, big.id, OrderStatus::InProduction, QString())),
                 QStringLiteral("in_production"));
        expectError(f.buyer1, OrderStatus::Cancelled, ApiErrorCode::Forbidden); // too late for the buyer
        QCOMPARE(status(orders.transition(f.manager, big.id, OrderStatus::Cancelled,
                                          QStringLiteral("out of stock"))),
                 QStringLiteral("cancelled"));
    }

    void listIsScopedByCaller()
    {
        Fixture f;
        auto orders = f.service();
        orders.submit(f.buyer1,
                      Fixture::body(f.offlineOrder(f.romashka, f.wholesale, {{f.bolt, 1'000, 1999}})));
        orders.submit(f.buyer2, Fixture::body(f.offlineOrder(f.vasilek, f.dealer, {{f.bolt, 1'000, 1500}})));
        QCOMPARE(orders.list(f.buyer1, {}).size(), 1);
        QCOMPARE(orders.list(f.buyer2, {}).size(), 1);
        QCOMPARE(orders.list(f.rep1, {}).size(), 1);
        QCOMPARE(orders.list(f.manager, {}).size(), 2);
        OrderFilter foreign;
        foreign.customerIds = {f.vasilek.id};
        QCOMPARE(orders.list(f.buyer1, foreign).size(), 0);
        QCOMPARE(orders.list(f.rep1, foreign).size(), 0);
        QCOMPARE(orders.list(f.manager, foreign).size(), 1);
    }

    void malformedBodiesChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not json") << QByteArray("{\"id\": ");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("missing lines") << QByteArray("{\"id\":\"6f1c1f0e-1c1e-4a4e-9d2b-0d1e0f1a2b3c\"}");
        QTest::newRow("wrong type") << QByteArray("{\"id\": 5}");
    }

    void malformedBodiesChangeNothing()
    {
        QFETCH(QByteArray, body);
        Fixture f;
        auto orders = f.service();
        try {
            orders.submit(f.buyer1, body);
            QFAIL("malformed body accepted");
        } catch (const ApiError &e) {
            QCOMPARE(e.code(), ApiErrorCode::BadRequest);
        }
        QCOMPARE(f.orderRows(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOrderService)
#include "tst_orderservice.moc"
