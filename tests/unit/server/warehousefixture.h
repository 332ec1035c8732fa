#pragma once

// A small world for the warehouse tests: two warehouses, three products with stock in the
// first, a customer with its buyer, the staff of each warehouse and a manager, and the order and
// pick list services over a fresh database of the selected backend.

#include "auth/caller.h"
#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "exchange/exchangeimporter.h"
#include "http/apierror.h"
#include "orders/orderservice.h"
#include "protocol/codecs.h"
#include "rules/pricing.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "sync/visibility.h"
#include "testservices.h"
#include "warehouse/countservice.h"
#include "warehouse/picklistservice.h"
#include "warehouse/stockledger.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUuid>

namespace portico::server::warehousetest {

inline QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

inline QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline qint64 milli(qint64 units)
{
    return units * 1000;
}

inline QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct WarehouseFixture
{
    portico::test::TestServices env;
    Database *database = nullptr;
    Services *services = nullptr;
    QStringList published;
    Id exchange = Id::createUuid(); // the accounting system's user, as imports name it

    PriceType wholesale {Id::createUuid(), QStringLiteral("opt"), QStringLiteral("Оптовая"), Currency::rub(),
                         true};
    Warehouse main {Id::createUuid(), QStringLiteral("wh-main"), QStringLiteral("Склад Основной"), QString()};
    Warehouse other {Id::createUuid(), QStringLiteral("wh-other"), QStringLiteral("Склад Другой"), QString()};
    Product bolt;
    Product nut;
    Product washer;
    Customer romashka;
    Caller buyer;
    Caller rep;
    Caller manager;
    Caller keeper; // warehouse staff of `main`
    Caller stranger; // warehouse staff of `other`
    // Whether submit() names the order's warehouse; without, the server chooses it.
    bool nameWarehouse = true;

    explicit WarehouseFixture(ReservationPolicy policy = ReservationPolicy::Backorder)
    {
        if (!env.create())
            qFatal("no test database: %s", qPrintable(env.errorString()));
        database = &env.database();
        services = &env.services();
        services->reservationPolicy = policy;
        bolt = product(QStringLiteral("BOLT-10"), QStringLiteral("Болт М10"));
        nut = product(QStringLiteral("NUT-10"), QStringLiteral("Гайка М10"));
        washer = product(QStringLiteral("WSH-10"), QStringLiteral("Шайба 10"));
        rep = caller(Role::SalesRep);
        manager = caller(Role::Manager);
        keeper = caller(Role::Warehouse);
        keeper.warehouseId = idText(main.id);
        stranger = caller(Role::Warehouse);
        stranger.warehouseId = idText(other.id);
        romashka.id = Id::createUuid();
        romashka.name = QStringLiteral("Ромашка");
        romashka.legalName = QStringLiteral("ООО «Ромашка»");
        romashka.inn = QStringLiteral("7707083893");
        romashka.kpp = QStringLiteral("773601001");
        romashka.priceTypeId = wholesale.id;
        romashka.assignedRepId = Id::fromString(rep.userId);
        romashka.creditLimit = Money::fromMinor(0, Currency::rub());
        buyer = caller(Role::Buyer);
        buyer.customerId = idText(romashka.id);
        database->write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository catalog(tx);
            catalog.upsertPriceTypes({wholesale}, feed);
            catalog.upsertWarehouses({main, other}, feed);
            catalog.upsertProducts({bolt, nut, washer}, feed);
            for (const Product *p : {&bolt, &nut, &washer})
                catalog.upsertPrices(
                    {Price {p->id, wholesale.id, Money::fromMinor(1000, Currency::rub()), {}}}, feed);
            catalog.upsertStock({level(bolt, 10), level(nut, 5), level(washer, 100)}, feed);
            CustomerRepository(tx).upsert({romashka}, feed);
            feed.append(tx);
        });
    }

    Product product(const QString &sku, const QString &name)
    {
        Product p;
        p.id = Id::createUuid();
        p.sku = sku;
        p.externalId = QStringLiteral("1c-") + sku;
        p.name = name;
        p.unit = Unit::piece();
        p.vatRate = VatRate::Twenty;
        p.active = true;
        return p;
    }

    StockLevel level(const Product &p, qint64 units)
    {
        return StockLevel {p.id, main.id, Quantity::fromInt(units), Quantity(),
                           QDateTime::currentDateTimeUtc()};
    }

    static Caller caller(Role role)
    {
        Caller c;
        c.userId = idText(Id::createUuid());
        c.login = roleToString(role);
        c.role = role;
        return c;
    }

    OrderService orders()
    {
        return OrderService(*services, [this](const QStringList &audiences) { published += audiences; });
    }

    PickListService pickLists()
    {
        return PickListService(*services, [this](const QStringList &audiences) { published += audiences; });
    }

    // An order for `main` as a client prices it, submitted by the buyer; its id.
    Id submit(const QList<std::pair<Product, qint64>> &lines, const Id &warehouseId = {})
    {
        QList<rules::PricingLineInput> inputs;
        for (const auto &[p, units] : lines)
            inputs.append({static_cast<int>(inputs.size()) + 1, p.id, Quantity::fromInt(units), p.vatRate,
                           Price {p.id, wholesale.id, Money::fromMinor(1000, Currency::rub()), {}}});
        const auto priced
            = rules::priceOrder(rules::PricingContext::forCustomer(wholesale, romashka), inputs);
        Order order;
        order.id = Id::createUuid();
        order.clientNumber = QStringLiteral("W-1");
        order.customerId = romashka.id;
        order.priceTypeId = wholesale.id;
        order.warehouseId = !nameWarehouse ? Id() : warehouseId.isNull() ? main.id : warehouseId;
        order.currency = Currency::rub();
        order.status = OrderStatus::Submitted;
        order.createdAt = QDateTime::fromMSecsSinceEpoch(env.clock, Qt::UTC);
        order.lines = priced.lines;
        order.totals = priced.totals;
        auto service = orders();
        try {
            service.submit(buyer, QJsonDocument(protocol::toJson(order)).toJson(QJsonDocument::Compact));
        } catch (const ApiError &e) {
            qFatal("the order was refused: %s (%s)", qPrintable(e.message()), qPrintable(e.field()));
        }
        ++env.clock;
        return order.id;
    }

    QString orderStatus(const Id &id)
    {
        return orders().get(manager, id).value(QStringLiteral("status")).toString();
    }

    // An order the accounting system took: ready to pick.
    Id exported(const QList<std::pair<Product, qint64>> &lines)
    {
        const Id id = submit(lines);
        orders().transition(manager, id, OrderStatus::Exported, QStringLiteral("1C"));
        return id;
    }

    StockLevel stock(const Product &p, const Warehouse &w)
    {
        return database->read([&](QSqlDatabase &tx) {
            Sql q(tx,
                  QStringLiteral("SELECT on_hand_milli, reserved_milli FROM stock WHERE product_id = :p AND "
                                 "warehouse_id = :w"));
            q.bind(QStringLiteral(":p"), idText(p.id)).bind(QStringLiteral(":w"), idText(w.id)).exec();
            StockLevel s {p.id, w.id, {}, {}, {}};
            if (q.next()) {
                s.onHand = Quantity::fromMilli(q.value(0).toLongLong());
                s.reserved = Quantity::fromMilli(q.value(1).toLongLong());
            }
            return s;
        });
    }

    void setOnHand(const Product &p, qint64 units)
    {
        database->write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository(tx).bulkUpsertStock({level(p, units)}, feed);
            feed.append(tx);
        });
    }

    // The accounting system says `units` of the product are on hand in `main`: a stock CSV
    // through the importer, as `portico-server import` and the exchange run it.
    ImportCounts importStock(const Product &p, qint64 units)
    {
        return importFile(
            QStringLiteral("stock.csv"),
            "product_id;warehouse_id;quantity\n"
                + QStringLiteral("%1;%2;%3\n").arg(p.externalId, main.externalId).arg(units).toUtf8());
    }

    // 1C reports an order's state in a `sale` exchange document with these requisites.
    ImportCounts importOrderState(const Id &orderId, const QString &name, const QString &value)
    {
        return importFile(
            QStringLiteral("orders.xml"),
            QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация>"
                           "<Документ><Ид>%1</Ид><ХозОперация>Заказ товара</ХозОперация>"
                           "<ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>%2</Наименование>"
                           "<Значение>%3</Значение></ЗначениеРеквизита></ЗначенияРеквизитов>"
                           "</Документ></КоммерческаяИнформация>")
                .arg(idText(orderId), name, value)
                .toUtf8());
    }

    ImportCounts importFile(const QString &name, const QByteArray &content)
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(name));
        file.close();
        return ExchangeImporter(*services, [this](const QStringList &audiences) { published += audiences; })
            .importFile({file.fileName(), {}, QString(), exchange, true});
    }

    CountService counts()
    {
        return CountService(*services, [this](const QStringList &audiences) { published += audiences; });
    }

    // A count of `main` opened by the manager that finds `units` of the product, submitted by
    // the keeper; the count's id.
    Id countSubmitted(const Product &p, qint64 units)
    {
        auto service = counts();
        const auto opened
            = service.open(manager, compact({{QStringLiteral("warehouse_id"), idText(main.id)}}));
        const Id id = Id::fromString(parse(opened.json)
                                         .value(QStringLiteral("count_session"))
                                         .toObject()
                                         .value(QStringLiteral("id"))
                                         .toString());
        service.addLines(
            keeper, id,
            compact({{QStringLiteral("client_id"), uuid()},
                     {QStringLiteral("lines"),
                      QJsonArray {QJsonObject {{QStringLiteral("product_id"), idText(p.id)},
                                               {QStringLiteral("bin"), QString()},
                                               {QStringLiteral("counted"), QString::number(units)}}}}}));
        service.submit(keeper, id);
        return id;
    }

    // A reservation of an order line: reserved and backordered in thousandths.
    std::pair<qint64, qint64> reservation(const Id &orderId, int lineNo = 1)
    {
        return database->read([&](QSqlDatabase &tx) {
            for (const auto &r : StockLedger(tx, 0, {}).reservations(orderId)) {
                if (r.lineNo == lineNo)
                    return std::pair(r.reserved.milli(), r.backorder.milli());
            }
            return std::pair(qint64(-1), qint64(-1));
        });
    }

    // The movement journal of a product in `main`: kind and quantity in thousandths.
    QList<std::pair<QString, qint64>> journal(const Product &p)
    {
        return database->read([&](QSqlDatabase &tx) {
            Sql q(tx,
                  QStringLiteral("SELECT kind, quantity_milli FROM stock_movements WHERE product_id = :p "
                                 "ORDER BY id"));
            q.bind(QStringLiteral(":p"), idText(p.id)).exec();
            QList<std::pair<QString, qint64>> result;
            while (q.next())
                result.append({q.value(0).toString(), q.value(1).toLongLong()});
            return result;
        });
    }

    // The pick list made from these orders (all ready ones when empty).
    QJsonObject makeList(const QList<Id> &orderIds = {})
    {
        QJsonArray ids;
        for (const auto &id : orderIds)
            ids.append(idText(id));
        QJsonObject body {{QStringLiteral("warehouse_id"), idText(main.id)}};
        if (!ids.isEmpty())
            body.insert(QStringLiteral("order_ids"), ids);
        const auto reply = pickLists().create(keeper, compact(body));
        return parse(reply.json).value(QStringLiteral("pick_lists")).toArray().at(0).toObject();
    }

    // What the stock row of a product in `main` says is reserved, as the feed gives it to
    // everyone; empty when the row is not in the feed.
    QString reservedInFeed(const Product &p)
    {
        QString reserved;
        for (const auto &change : pull(buyer)) {
            if (change.entity == entity::Stock && change.entityId == stockFeedId(p.id, main.id))
                reserved = parse(change.payload).value(QStringLiteral("reserved")).toString();
        }
        return reserved;
    }

    QList<Change> pull(const Caller &c)
    {
        return database->read([&](QSqlDatabase &tx) {
            const auto v = Visibility::of(tx, c);
            return ChangeFeed::pull(tx, 0, 100000, v.audiences, v.everything).changes;
        });
    }
};

inline QJsonObject lineOf(const QJsonObject &list, const QString &sku)
{
    for (const auto &line : list.value(QStringLiteral("lines")).toArray()) {
        if (line.toObject().value(QStringLiteral("sku")).toString() == sku)
            return line.toObject();
    }
    return {};
}

inline QByteArray scanBody(const QString &clientId, const QJsonObject &line, const QString &quantity)
{
    return compact({{QStringLiteral("client_id"), clientId},
                    {QStringLiteral("line_id"), line.value(QStringLiteral("line_id"))},
                    {QStringLiteral("quantity"), quantity}});
}

} // namespace portico::server::warehousetest
