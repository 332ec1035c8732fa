#include "documents/documentrepository.h"
#include "orders/orderrepository.h"
#include "warehouse/picklistrepository.h"
#include "warehouse/stockledger.h"
#include "warehousefixture.h"

#include <QTest>

using namespace portico;
using namespace portico::server;
using namespace portico::server::warehousetest;

namespace {

int pickListVersion(WarehouseFixture &f, const QString &id)
{
    return f.database->read(
        [&](QSqlDatabase &tx) { return PickListRepository(tx).find(Id::fromString(id))->version; });
}

// The documents of an order, as its customer's desktops get them.
QList<Document> documentsOf(WarehouseFixture &f, const Id &order)
{
    return f.database->read([&](QSqlDatabase &tx) { return DocumentRepository(tx).ofOrder(order); });
}

} // namespace

class TestWarehousePicking final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptReservesAndCancelReleases()
    {
        WarehouseFixture f;
        const Id order = f.submit({{f.bolt, 4}, {f.nut, 2}});
        QCOMPARE(f.orderStatus(order), QStringLiteral("accepted"));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(4));
        QCOMPARE(f.stock(f.nut, f.main).reserved.milli(), milli(2));
        // What is reserved is no longer available to the next order: it gets what is left.
        const Id second = f.submit({{f.bolt, 8}});
        QCOMPARE(f.orderStatus(second), QStringLiteral("accepted_with_changes"));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(10));

        f.orders().transition(f.buyer, order, OrderStatus::Cancelled, QStringLiteral("changed my mind"));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(6));
        QCOMPARE(f.stock(f.nut, f.main).reserved.milli(), 0);
        const auto journal = f.journal(f.bolt);
        QCOMPARE(journal.size(), 3);
        QCOMPARE(journal.at(0), std::pair(QStringLiteral("reserve"), milli(4)));
        QCOMPARE(journal.at(1), std::pair(QStringLiteral("reserve"), milli(6)));
        QCOMPARE(journal.at(2), std::pair(QStringLiteral("release"), milli(4)));
        // The stock rows reach the feed with what is reserved.
        QCOMPARE(f.reservedInFeed(f.bolt), QStringLiteral("6"));
    }

    // An order that names no warehouse reserves in the one with most of its lines available,
    // then the most stock of them: chosen in the write transaction (StockLedger::warehouseFor).
    void anOrderWithoutAWarehouseReservesWhereItsLinesAre()
    {
        WarehouseFixture f;
        f.database->write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            const QDateTime now = QDateTime::currentDateTimeUtc();
            CatalogRepository(tx).upsertStock(
                {StockLevel {f.bolt.id, f.other.id, Quantity::fromInt(20), Quantity(), now},
                 StockLevel {f.nut.id, f.other.id, Quantity::fromInt(20), Quantity(), now}},
                feed);
            feed.append(tx);
        });
        f.nameWarehouse = false;
        const Id order = f.submit({{f.bolt, 3}, {f.nut, 2}});
        QCOMPARE(f.orderStatus(order), QStringLiteral("accepted"));
        QCOMPARE(f.orders().get(f.manager, order).value(QStringLiteral("warehouse_id")).toString(),
                 idText(f.other.id));
        QCOMPARE(f.stock(f.bolt, f.other).reserved.milli(), milli(3));
        QCOMPARE(f.stock(f.nut, f.other).reserved.milli(), milli(2));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), 0);

        // The washer is stocked in the main warehouse alone: there it goes.
        const Id washers = f.submit({{f.washer, 5}});
        QCOMPARE(f.orders().get(f.manager, washers).value(QStringLiteral("warehouse_id")).toString(),
                 idText(f.main.id));
        QCOMPARE(f.stock(f.washer, f.main).reserved.milli(), milli(5));
    }

    // Warehouses that stock an order equally well are told apart by name (then id): the one
    // named first in alphabetical order gets it, whichever id sorts first.
    void equallyStockedWarehousesAreToldApartByName()
    {
        WarehouseFixture f;
        // The warehouse whose id sorts last is the one named first.
        const bool mainLast = idText(f.main.id) > idText(f.other.id);
        Warehouse first = mainLast ? f.main : f.other;
        Warehouse second = mainLast ? f.other : f.main;
        first.name = QStringLiteral("Абакан");
        second.name = QStringLiteral("Яхрома");
        f.database->write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository catalog(tx);
            catalog.upsertWarehouses({first, second}, feed);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            catalog.upsertStock({StockLevel {f.bolt.id, f.other.id, Quantity::fromInt(10), Quantity(), now}},
                                feed);
            feed.append(tx);
        });
        f.nameWarehouse = false;
        const Id order = f.submit({{f.bolt, 3}});
        QCOMPARE(f.orders().get(f.manager, order).value(QStringLiteral("warehouse_id")).toString(),
                 idText(first.id));
        QCOMPARE(f.stock(f.bolt, first).reserved.milli(), milli(3));
        QCOMPARE(f.stock(f.bolt, second).reserved.milli(), 0);
    }

    void linesOfOneProductShareItsStock()
    {
        WarehouseFixture f;
        // 10 bolts on hand: the first line takes 4, the third gets the 6 left of its 7.
        const Id order = f.submit({{f.bolt, 4}, {f.nut, 2}, {f.bolt, 7}});
        QCOMPARE(f.orderStatus(order), QStringLiteral("accepted_with_changes"));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(10));
        QCOMPARE(f.stock(f.nut, f.main).reserved.milli(), milli(2));
        const auto rows
            = f.database->read([&](QSqlDatabase &tx) { return StockLedger(tx, 0, {}).reservations(order); });
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).reserved.milli(), milli(4));
        QCOMPARE(rows.at(1).reserved.milli(), milli(2));
        QCOMPARE(rows.at(2).reserved.milli(), milli(6));
        const auto journal = f.journal(f.bolt);
        QCOMPARE(journal.size(), 2);
        QCOMPARE(journal.at(0), std::pair(QStringLiteral("reserve"), milli(4)));
        QCOMPARE(journal.at(1), std::pair(QStringLiteral("reserve"), milli(6)));
        int stockRows = 0;
        for (const auto &change : f.pull(f.buyer)) {
            if (change.entity != QLatin1String("stock"))
                continue;
            const QJsonObject json = parse(change.payload);
            const bool bolt = change.entityId.startsWith(idText(f.bolt.id));
            if (!bolt && !change.entityId.startsWith(idText(f.nut.id)))
                continue;
            QCOMPARE(json.value(QStringLiteral("reserved")).toString(),
                     bolt ? QStringLiteral("10") : QStringLiteral("2"));
            ++stockRows;
        }
        QCOMPARE(stockRows, 2);
    }

    void anImportKeepsWhatIsReserved()
    {
        WarehouseFixture f;
        f.submit({{f.bolt, 4}});
        f.setOnHand(f.bolt, 25);
        QCOMPARE(f.stock(f.bolt, f.main).onHand.milli(), milli(25));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(4));
    }

    void policies_data()
    {
        QTest::addColumn<int>("policy");
        QTest::addColumn<qint64>("reserved");
        QTest::addColumn<qint64>("backorder");
        QTest::addColumn<bool>("held");
        QTest::newRow("reserve") << int(ReservationPolicy::Reserve) << milli(10) << qint64(0) << false;
        QTest::newRow("backorder") << int(ReservationPolicy::Backorder) << milli(10) << milli(2) << false;
        QTest::newRow("hold") << int(ReservationPolicy::Hold) << qint64(0) << qint64(0) << true;
    }

    void policies()
    {
        QFETCH(int, policy);
        QFETCH(qint64, reserved);
        QFETCH(qint64, backorder);
        QFETCH(bool, held);
        WarehouseFixture f;
        Order order;
        order.id = Id::createUuid();
        order.number = QStringLiteral("P-1");
        order.lines = {OrderLine {}};
        order.lines[0].lineNo = 1;
        order.lines[0].productId = f.bolt.id;
        order.lines[0].quantity = Quantity::fromInt(12);
        const auto reason = f.database->write([&](QSqlDatabase &tx) {
            StockLedger ledger(tx, f.env.clock, {});
            const auto result = ledger.reserveOrder(order, f.main.id, static_cast<ReservationPolicy>(policy));
            FeedBatch feed;
            ledger.finish(feed);
            feed.append(tx);
            return result;
        });
        QCOMPARE(reason.has_value(), held);
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), reserved);
        const auto rows = f.database->read(
            [&](QSqlDatabase &tx) { return StockLedger(tx, 0, {}).reservations(order.id); });
        QCOMPARE(rows.size(), held ? 0 : 1);
        if (!held)
            QCOMPARE(rows.at(0).backorder.milli(), backorder);
    }

    void aHeldOrderWaitsForAManager()
    {
        WarehouseFixture f(ReservationPolicy::Hold);
        // Within stock: accepted and reserved in full.
        const Id order = f.submit({{f.bolt, 3}});
        QCOMPARE(f.orderStatus(order), QStringLiteral("accepted"));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(3));
    }

    void pickListFromReadyOrdersInBinOrder()
    {
        WarehouseFixture f;
        auto lists = f.pickLists();
        for (const auto &[product, bin] :
             {std::pair {f.bolt, QStringLiteral("B-02-01")}, std::pair {f.nut, QStringLiteral("A-01-03")}}) {
            const auto reply = lists.putBin(f.manager,
                                            compact({{QStringLiteral("warehouse_id"), idText(f.main.id)},
                                                     {QStringLiteral("product_id"), idText(product.id)},
                                                     {QStringLiteral("bin"), bin}}));
            QCOMPARE(reply.status, 200);
        }
        const Id first = f.exported({{f.bolt, 3}, {f.nut, 2}});
        const Id second = f.exported({{f.washer, 7}});
        // Not exported: an accepted order is picked all the same (no accounting system needed).
        const Id accepted = f.submit({{f.washer, 1}});
        const Id cancelled = f.submit({{f.washer, 2}});
        f.orders().transition(f.buyer, cancelled, OrderStatus::Cancelled, QString());
        const QJsonObject list = f.makeList();
        QCOMPARE(list.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
        QVERIFY(list.value(QStringLiteral("number")).toString().startsWith(QStringLiteral("PL-")));
        QCOMPARE(list.value(QStringLiteral("order_ids")).toArray().size(), 3);
        const QJsonArray lines = list.value(QStringLiteral("lines")).toArray();
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0).toObject().value(QStringLiteral("bin")).toString(), QStringLiteral("A-01-03"));
        QCOMPARE(lines.at(1).toObject().value(QStringLiteral("bin")).toString(), QStringLiteral("B-02-01"));
        QCOMPARE(lines.at(2).toObject().value(QStringLiteral("bin")).toString(), QString());
        QCOMPARE(lines.at(3).toObject().value(QStringLiteral("bin")).toString(), QString());
        const QJsonObject boltLine = lineOf(list, QStringLiteral("BOLT-10"));
        QCOMPARE(boltLine.value(QStringLiteral("quantity")).toString(), QStringLiteral("3.000"));
        QCOMPARE(boltLine.value(QStringLiteral("picked")).toString(), QStringLiteral("0.000"));
        QCOMPARE(boltLine.value(QStringLiteral("customer_name")).toString(), QStringLiteral("Ромашка"));
        QCOMPARE(boltLine.value(QStringLiteral("name")).toString(), QStringLiteral("Болт М10"));
        QCOMPARE(f.orderStatus(first), QStringLiteral("picking"));
        QCOMPARE(f.orderStatus(second), QStringLiteral("picking"));
        QCOMPARE(f.orderStatus(accepted), QStringLiteral("picking"));
        QCOMPARE(f.orderStatus(cancelled), QStringLiteral("cancelled"));
        // Nothing is left to pick: an empty answer, not a second list.
        const auto again
            = f.pickLists().create(f.keeper, compact({{QStringLiteral("warehouse_id"), idText(f.main.id)}}));
        QCOMPARE(again.status, 200);
        QCOMPARE(parse(again.json).value(QStringLiteral("pick_lists")).toArray().size(), 0);

        // The list and the bins reach the warehouse's staff through the feed, and nobody else's.
        const QString listId = list.value(QStringLiteral("id")).toString();
        auto entities = [&](const Caller &c) {
            QStringList found;
            for (const auto &change : f.pull(c)) {
                if (change.entity == entity::PickList || change.entity == entity::Bin)
                    found << change.entity + QLatin1Char(':') + change.entityId;
            }
            return found;
        };
        QVERIFY(entities(f.keeper).contains(QStringLiteral("pick_list:") + listId));
        QCOMPARE(entities(f.keeper).size(), 3);
        QCOMPARE(entities(f.stranger), QStringList());
        QCOMPARE(entities(f.buyer), QStringList());
        QCOMPARE(entities(f.rep), QStringList());
        QCOMPARE(entities(f.manager).size(), 3);
        // The buyer sees the order's timeline move to picking.
        bool picking = false;
        for (const auto &change : f.pull(f.buyer)) {
            if (change.entity == QLatin1String("order") && change.entityId == idText(first))
                picking = parse(change.payload).value(QStringLiteral("status")).toString()
                    == QLatin1String("picking");
        }
        QVERIFY(picking);
    }

    void namedOrdersMustBeReady()
    {
        WarehouseFixture f;
        const Id cancelled = f.submit({{f.bolt, 1}});
        f.orders().transition(f.manager, cancelled, OrderStatus::Cancelled, QString());
        const Id ready = f.exported({{f.nut, 1}});
        const QJsonObject body {{QStringLiteral("warehouse_id"), idText(f.main.id)},
                                {QStringLiteral("order_ids"), QJsonArray {idText(ready), idText(cancelled)}}};
        try {
            f.pickLists().create(f.keeper, compact(body));
            QFAIL("an order not ready to pick was listed");
        } catch (const ApiError &e) {
            QCOMPARE(e.code(), ApiErrorCode::Unprocessable);
            QCOMPARE(e.field(), QStringLiteral("$.order_ids[1]"));
        }
        QCOMPARE(f.orderStatus(ready), QStringLiteral("exported"));
        // Another warehouse's staff cannot make lists here.
        try {
            f.pickLists().create(f.stranger, compact({{QStringLiteral("warehouse_id"), idText(f.main.id)}}));
            QFAIL("a list was made in another warehouse");
        } catch (const ApiError &e) {
            QCOMPARE(e.code(), ApiErrorCode::NotFound);
        }
    }

    // Picking, picked and shipped of an order that holds stock are its pick list's steps: the
    // generic status change refuses them, for warehouse staff and managers alike, and names the
    // pick list's routes. An order without reserved stock still moves by hand.
    void theStatusChangeLeavesPickingToPickLists()
    {
        WarehouseFixture f;
        const Id order = f.submit({{f.bolt, 2}});
        auto refused = [&](const Caller &c, OrderStatus to) {
            try {
                f.orders().transition(c, order, to, QString());
            } catch (const ApiError &e) {
                return e.code() == ApiErrorCode::Conflict && e.field() == QLatin1String("$.status")
                    && e.message().contains(QStringLiteral("/api/v1/warehouse/pick-lists"));
            }
            return false;
        };
        QVERIFY(refused(f.keeper, OrderStatus::Picking));
        QVERIFY(refused(f.manager, OrderStatus::Picking));
        const QJsonObject list = f.makeList({order});
        const Id listId = Id::fromString(list.value(QStringLiteral("id")).toString());
        QCOMPARE(f.orderStatus(order), QStringLiteral("picking"));
        QVERIFY(refused(f.keeper, OrderStatus::Picked));
        f.pickLists().scan(f.keeper, listId,
                           scanBody(uuid(), lineOf(list, QStringLiteral("BOLT-10")), QStringLiteral("2")));
        f.pickLists().confirm(f.keeper, listId, compact({{QStringLiteral("client_id"), uuid()}}));
        QCOMPARE(f.orderStatus(order), QStringLiteral("picked"));
        QVERIFY(refused(f.manager, OrderStatus::Shipped));
        QCOMPARE(f.orderStatus(order), QStringLiteral("picked"));
        QCOMPARE(f.stock(f.bolt, f.main).onHand.milli(), milli(10));
        f.pickLists().ship(f.keeper, listId, compact({{QStringLiteral("client_id"), uuid()}}));
        QCOMPARE(f.orderStatus(order), QStringLiteral("shipped"));
        QCOMPARE(f.stock(f.bolt, f.main).onHand.milli(), milli(8));

        // A count found none and the reserve policy keeps no backorder: nothing is reserved for
        // the order, and its steps are taken by hand.
        WarehouseFixture g(ReservationPolicy::Reserve);
        const Id unstocked = g.submit({{g.bolt, 1}});
        g.counts().decide(g.manager, g.countSubmitted(g.bolt, 0), true);
        QCOMPARE(g.reservation(unstocked), std::pair(qint64(0), qint64(0)));
        for (const OrderStatus to : {OrderStatus::Picking, OrderStatus::Picked, OrderStatus::Shipped})
            g.orders().transition(g.keeper, unstocked, to, QString());
        QCOMPARE(g.orderStatus(unstocked), QStringLiteral("shipped"));
    }

    // 1C's own report of a shipment still moves an order that holds stock (through exported,
    // since 1C has it), and what the order held is released: a shipped order reserves nothing.
    // The same for a cancellation 1C reports of an order on a pick list, which leaves the list.
    void theAccountingSystemReportsShipmentAndCancellation()
    {
        WarehouseFixture f;
        const Id shipped = f.submit({{f.bolt, 3}});
        const Id cancelled = f.submit({{f.nut, 2}});
        f.makeList({cancelled});
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(3));
        QCOMPARE(f.importOrderState(shipped, QStringLiteral("Номер отгрузки по 1С"), QStringLiteral("РТУ-5"))
                     .orders,
                 1);
        QCOMPARE(f.orderStatus(shipped), QStringLiteral("shipped"));
        QStringList steps;
        for (const auto &step : f.orders().get(f.manager, shipped).value(QStringLiteral("history")).toArray())
            steps << step.toObject().value(QStringLiteral("to")).toString();
        QCOMPARE(
            steps.mid(steps.indexOf(QStringLiteral("accepted"))),
            (QStringList {QStringLiteral("accepted"), QStringLiteral("exported"), QStringLiteral("picking"),
                          QStringLiteral("picked"), QStringLiteral("shipped")}));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), 0);
        QCOMPARE(f.stock(f.bolt, f.main).onHand.milli(), milli(10)); // 1C's next stock import sets it
        QCOMPARE(f.journal(f.bolt).last(), std::pair(QStringLiteral("release"), milli(3)));
        QCOMPARE(f.reservedInFeed(f.bolt), QStringLiteral("0"));

        QCOMPARE(
            f.importOrderState(cancelled, QStringLiteral("ПометкаУдаления"), QStringLiteral("true")).orders,
            1);
        QCOMPARE(f.orderStatus(cancelled), QStringLiteral("cancelled"));
        QCOMPARE(f.stock(f.nut, f.main).reserved.milli(), 0);
        const auto lists = f.pull(f.keeper);
        bool listCancelled = false;
        for (const auto &change : lists) {
            if (change.entity == entity::PickList)
                listCancelled = parse(change.payload).value(QStringLiteral("status")).toString()
                    == QLatin1String("cancelled");
        }
        QVERIFY(listCancelled);
    }

    // Backorders are filled when stock arrives, the oldest order first: by an import of stock
    // levels and by a count that found more; orders already on a pick list keep their lines.
    void backordersFillWhenStockArrives()
    {
        WarehouseFixture f;
        const Id older = f.submit({{f.bolt, 6}});
        const Id newer = f.submit({{f.bolt, 4}});
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(10));
        // The shelf has 5: the newest order gives back first, and both keep the rest as backorder.
        f.counts().decide(f.manager, f.countSubmitted(f.bolt, 5), true);
        QCOMPARE(f.reservation(older), std::pair(milli(5), milli(1)));
        QCOMPARE(f.reservation(newer), std::pair(qint64(0), milli(4)));

        // The older order goes on a pick list with what it has; the import of 8 on hand gives
        // the three that came to the newer order.
        f.makeList({older});
        const auto published = f.published.size();
        const ImportCounts imported = f.importStock(f.bolt, 8);
        QCOMPARE(imported.stock, 1);
        QCOMPARE(f.stock(f.bolt, f.main).onHand.milli(), milli(8));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(8));
        QCOMPARE(f.reservation(older), std::pair(milli(5), milli(1)));
        QCOMPARE(f.reservation(newer), std::pair(milli(3), milli(1)));
        QVERIFY(f.published.size() > published);
        QCOMPARE(f.journal(f.bolt).last(), std::pair(QStringLiteral("reserve"), milli(3)));

        // A count that finds two more fills the rest, and no more than the rest.
        f.counts().decide(f.manager, f.countSubmitted(f.bolt, 10), true);
        QCOMPARE(f.reservation(newer), std::pair(milli(4), qint64(0)));
        QCOMPARE(f.stock(f.bolt, f.main).onHand.milli(), milli(10));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(9));
        const auto journal = f.journal(f.bolt);
        QCOMPARE(journal.at(journal.size() - 2), std::pair(QStringLiteral("count_adjustment"), milli(2)));
        QCOMPARE(journal.last(), std::pair(QStringLiteral("reserve"), milli(1)));
        // The stock row in the feed says what is reserved now.
        QCOMPARE(f.reservedInFeed(f.bolt), QStringLiteral("9"));
        // An import that brings nothing new fills nothing.
        f.importStock(f.bolt, 10);
        QCOMPARE(f.journal(f.bolt).size(), journal.size());
    }

    // Stock a cancelled order gives back goes to the orders that wait for it at once, the
    // oldest first, not at the next import.
    void aCancellationFillsBackorders()
    {
        WarehouseFixture f;
        const Id first = f.submit({{f.bolt, 8}});
        const Id second = f.submit({{f.bolt, 2}});
        // The shelf has 6: the newest order gives back first, then the older one.
        f.counts().decide(f.manager, f.countSubmitted(f.bolt, 6), true);
        QCOMPARE(f.reservation(first), std::pair(milli(6), milli(2)));
        QCOMPARE(f.reservation(second), std::pair(qint64(0), milli(2)));
        f.orders().transition(f.manager, first, OrderStatus::Cancelled,
                              QStringLiteral("client changed its mind"));
        QCOMPARE(f.reservation(second), std::pair(milli(2), qint64(0)));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(2));
        const auto journal = f.journal(f.bolt);
        QCOMPARE(journal.at(journal.size() - 2), std::pair(QStringLiteral("release"), milli(6)));
        QCOMPARE(journal.last(), std::pair(QStringLiteral("reserve"), milli(2)));
        QCOMPARE(f.reservedInFeed(f.bolt), QStringLiteral("2"));
    }

    void scansCountOnceAndRefuseOverPicks()
    {
        WarehouseFixture f;
        f.exported({{f.bolt, 2}});
        const QJsonObject list = f.makeList();
        const QString id = list.value(QStringLiteral("id")).toString();
        const QJsonObject line = lineOf(list, QStringLiteral("BOLT-10"));
        auto lists = f.pickLists();
        const QString clientId = uuid();
        const auto first
            = lists.scan(f.keeper, Id::fromString(id), scanBody(clientId, line, QStringLiteral("1.000")));
        const auto repeat
            = lists.scan(f.keeper, Id::fromString(id), scanBody(clientId, line, QStringLiteral("1.000")));
        QCOMPARE(first.status, 200);
        QCOMPARE(repeat.json, first.json);
        const QJsonObject scanned = parse(first.json).value(QStringLiteral("pick_list")).toObject();
        QCOMPARE(scanned.value(QStringLiteral("status")).toString(), QStringLiteral("picking"));
        QCOMPARE(lineOf(scanned, QStringLiteral("BOLT-10")).value(QStringLiteral("picked")).toString(),
                 QStringLiteral("1.000"));
        QCOMPARE(scanned.value(QStringLiteral("version")).toInt(),
                 list.value(QStringLiteral("version")).toInt() + 1);
        try {
            lists.scan(f.keeper, Id::fromString(id), scanBody(clientId, line, QStringLiteral("2.000")));
            QFAIL("a client id was reused with another body");
        } catch (const ApiError &e) {
            QCOMPARE(e.code(), ApiErrorCode::Conflict);
        }
        try {
            lists.scan(f.keeper, Id::fromString(id), scanBody(uuid(), line, QStringLiteral("1.500")));
            QFAIL("an over-pick was taken");
        } catch (const PickConflict &conflict) {
            const QJsonObject body = parse(conflict.body());
            QCOMPARE(body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                     QStringLiteral("over_pick"));
            QCOMPARE(lineOf(body.value(QStringLiteral("pick_list")).toObject(), QStringLiteral("BOLT-10"))
                         .value(QStringLiteral("picked"))
                         .toString(),
                     QStringLiteral("1.000"));
        }
        QCOMPARE(pickListVersion(f, id), scanned.value(QStringLiteral("version")).toInt());
    }

    void theLastUnitGoesToOneList()
    {
        WarehouseFixture f;
        const Id a = f.exported({{f.bolt, 5}});
        const Id b = f.exported({{f.bolt, 5}});
        const QJsonObject listA = f.makeList({a});
        const QJsonObject listB = f.makeList({b});
        // The accounting system says six are left: five for A, one for B.
        f.setOnHand(f.bolt, 6);
        auto lists = f.pickLists();
        const auto scan = [&](const QJsonObject &list, const QString &quantity) {
            return lists.scan(f.keeper, Id::fromString(list.value(QStringLiteral("id")).toString()),
                              scanBody(uuid(), lineOf(list, QStringLiteral("BOLT-10")), quantity));
        };
        QCOMPARE(scan(listA, QStringLiteral("5")).status, 200);
        QCOMPARE(scan(listB, QStringLiteral("1")).status, 200);
        try {
            scan(listB, QStringLiteral("1"));
            QFAIL("a unit the warehouse no longer has was picked");
        } catch (const PickConflict &conflict) {
            const QJsonObject body = parse(conflict.body());
            QCOMPARE(body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                     QStringLiteral("stock_conflict"));
            QCOMPARE(body.value(QStringLiteral("pick_list")).toObject().value(QStringLiteral("id")),
                     listB.value(QStringLiteral("id")));
        }
    }

    void confirmNeedsReasonsAndReleasesTheShortfall()
    {
        WarehouseFixture f;
        const Id order = f.exported({{f.bolt, 3}, {f.nut, 2}});
        const QJsonObject list = f.makeList();
        const Id id = Id::fromString(list.value(QStringLiteral("id")).toString());
        const QJsonObject bolt = lineOf(list, QStringLiteral("BOLT-10"));
        const QJsonObject nut = lineOf(list, QStringLiteral("NUT-10"));
        auto lists = f.pickLists();
        lists.scan(f.keeper, id, scanBody(uuid(), nut, QStringLiteral("2")));
        auto confirm = [&](const QString &reason) {
            QJsonObject line {{QStringLiteral("line_id"), bolt.value(QStringLiteral("line_id"))},
                              {QStringLiteral("picked"), QStringLiteral("2.000")}};
            if (!reason.isNull())
                line.insert(QStringLiteral("reason"), reason);
            return lists.confirm(f.keeper, id,
                                 compact({{QStringLiteral("client_id"), uuid()},
                                          {QStringLiteral("lines"), QJsonArray {line}}}));
        };
        try {
            confirm(QString());
            QFAIL("a short line was confirmed without a reason");
        } catch (const ApiError &e) {
            QCOMPARE(e.code(), ApiErrorCode::Unprocessable);
        }
        try {
            confirm(QStringLiteral("lost"));
            QFAIL("an unknown reason was taken");
        } catch (const ApiError &e) {
            QCOMPARE(e.code(), ApiErrorCode::BadRequest);
        }
        QCOMPARE(f.orderStatus(order), QStringLiteral("picking"));
        const auto reply = confirm(QStringLiteral("damaged"));
        const QJsonObject picked = parse(reply.json).value(QStringLiteral("pick_list")).toObject();
        QCOMPARE(picked.value(QStringLiteral("status")).toString(), QStringLiteral("picked"));
        QCOMPARE(lineOf(picked, QStringLiteral("BOLT-10")).value(QStringLiteral("reason")).toString(),
                 QStringLiteral("damaged"));
        QCOMPARE(f.orderStatus(order), QStringLiteral("picked"));
        // The bolt that was not picked is no longer held for the order.
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(2));
        QCOMPARE(f.stock(f.nut, f.main).reserved.milli(), milli(2));

        // Shipped as picked: the order's waybill counts two bolts of the three, and the nuts.
        lists.ship(f.keeper, id, compact({{QStringLiteral("client_id"), uuid()}}));
        const StoredOrder stored
            = *f.database->read([&](QSqlDatabase &tx) { return OrderRepository(tx).find(order); });
        Money expected = Money::zero(stored.order.totals.total.currency());
        for (const OrderLine &line : stored.order.lines)
            expected += line.productId == f.bolt.id ? line.total.mulDiv(2, 3) : line.total;
        const QList<Document> documents = documentsOf(f, order);
        QCOMPARE(documents.size(), 1);
        QCOMPARE(documents.at(0).kind, DocumentKind::Waybill);
        QCOMPARE(documents.at(0).amount, expected);
        QVERIFY(expected < stored.order.totals.total);
        const auto journal = f.journal(f.bolt);
        QVERIFY(journal.contains(std::pair(QStringLiteral("pick"), milli(2))));
        QVERIFY(journal.contains(std::pair(QStringLiteral("release"), milli(1))));
    }

    void packAndShip()
    {
        WarehouseFixture f;
        const Id order = f.exported({{f.bolt, 3}});
        const QJsonObject list = f.makeList();
        const Id id = Id::fromString(list.value(QStringLiteral("id")).toString());
        const QJsonValue lineId = lineOf(list, QStringLiteral("BOLT-10")).value(QStringLiteral("line_id"));
        auto lists = f.pickLists();
        lists.scan(f.keeper, id,
                   scanBody(uuid(), lineOf(list, QStringLiteral("BOLT-10")), QStringLiteral("3")));
        lists.confirm(f.keeper, id, compact({{QStringLiteral("client_id"), uuid()}}));
        auto pack = [&](const QString &a, const QString &b) {
            const QJsonArray packages {
                QJsonObject {{QStringLiteral("weight"), QStringLiteral("1.250")},
                             {QStringLiteral("lines"),
                              QJsonArray {QJsonObject {{QStringLiteral("line_id"), lineId},
                                                       {QStringLiteral("quantity"), a}}}}},
                QJsonObject {{QStringLiteral("weight"), QStringLiteral("0.500")},
                             {QStringLiteral("lines"),
                              QJsonArray {QJsonObject {{QStringLiteral("line_id"), lineId},
                                                       {QStringLiteral("quantity"), b}}}}}};
            return lists.pack(
                f.keeper, id,
                compact({{QStringLiteral("client_id"), uuid()}, {QStringLiteral("packages"), packages}}));
        };
        try {
            pack(QStringLiteral("2"), QStringLiteral("2"));
            QFAIL("more was packed than picked");
        } catch (const ApiError &e) {
            QCOMPARE(e.code(), ApiErrorCode::Unprocessable);
        }
        const QJsonObject packed = parse(pack(QStringLiteral("2"), QStringLiteral("1")).json)
                                       .value(QStringLiteral("pick_list"))
                                       .toObject();
        QCOMPARE(packed.value(QStringLiteral("status")).toString(), QStringLiteral("packed"));
        QCOMPARE(packed.value(QStringLiteral("packages")).toArray().size(), 2);

        const QString clientId = uuid();
        const QByteArray shipBody = compact({{QStringLiteral("client_id"), clientId},
                                             {QStringLiteral("carrier"), QStringLiteral("ПЭК")},
                                             {QStringLiteral("tracking"), QStringLiteral("1234567")}});
        const auto shipped = lists.ship(f.keeper, id, shipBody);
        QCOMPARE(lists.ship(f.keeper, id, shipBody).json, shipped.json);
        const QJsonObject document = parse(shipped.json).value(QStringLiteral("shipment")).toObject();
        QCOMPARE(document.value(QStringLiteral("number")).toString(), QStringLiteral("SH-000001"));
        QCOMPARE(document.value(QStringLiteral("weight")).toString(), QStringLiteral("1.750"));
        QCOMPARE(document.value(QStringLiteral("orders")).toArray().size(), 1);
        QCOMPARE(parse(shipped.json)
                     .value(QStringLiteral("pick_list"))
                     .toObject()
                     .value(QStringLiteral("shipment"))
                     .toObject()
                     .value(QStringLiteral("carrier"))
                     .toString(),
                 QStringLiteral("ПЭК"));
        QCOMPARE(f.orderStatus(order), QStringLiteral("shipped"));
        // The order's waybill under the shipment's number, for all it ordered, to its customer.
        const QList<Document> documents = documentsOf(f, order);
        QCOMPARE(documents.size(), 1);
        QCOMPARE(documents.at(0).kind, DocumentKind::Waybill);
        QCOMPARE(documents.at(0).number, QStringLiteral("SH-000001"));
        QCOMPARE(documents.at(0).amount,
                 f.database->read([&](QSqlDatabase &tx) { return OrderRepository(tx).find(order); })
                     ->order.totals.total);
        QCOMPARE(f.stock(f.bolt, f.main).onHand.milli(), milli(7));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), 0);
        try {
            lists.ship(f.keeper, id, compact({{QStringLiteral("client_id"), uuid()}}));
            QFAIL("a list shipped twice");
        } catch (const PickConflict &conflict) {
            QCOMPARE(parse(conflict.body())
                         .value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toString(),
                     QStringLiteral("pick_list_closed"));
        }
    }

    void cancelledOrdersLeaveTheirList()
    {
        WarehouseFixture f;
        const Id a = f.exported({{f.bolt, 2}});
        const Id b = f.exported({{f.nut, 1}});
        const QJsonObject list = f.makeList();
        f.orders().transition(f.manager, a, OrderStatus::Cancelled, QStringLiteral("customer called"));
        const auto fresh = f.database->read([&](QSqlDatabase &tx) {
            return PickListRepository(tx).find(Id::fromString(list.value(QStringLiteral("id")).toString()));
        });
        QCOMPARE(fresh->orderIds, QList<Id> {b});
        QCOMPARE(fresh->lines.size(), 1);
        QCOMPARE(fresh->status, pickstatus::Open);
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), 0);
        f.orders().transition(f.manager, b, OrderStatus::Cancelled, QStringLiteral("customer called"));
        const auto empty = f.database->read([&](QSqlDatabase &tx) {
            return PickListRepository(tx).find(Id::fromString(list.value(QStringLiteral("id")).toString()));
        });
        QCOMPARE(empty->status, pickstatus::Cancelled);
    }

    void anotherWarehousesListIsNotFound()
    {
        WarehouseFixture f;
        f.exported({{f.bolt, 2}});
        const QJsonObject list = f.makeList();
        const Id id = Id::fromString(list.value(QStringLiteral("id")).toString());
        const QByteArray body
            = scanBody(uuid(), lineOf(list, QStringLiteral("BOLT-10")), QStringLiteral("1"));
        for (const auto &step : {0, 1, 2, 3}) {
            try {
                auto lists = f.pickLists();
                if (step == 0)
                    lists.scan(f.stranger, id, body);
                else if (step == 1)
                    lists.confirm(f.stranger, id, compact({{QStringLiteral("client_id"), uuid()}}));
                else if (step == 2)
                    lists.pack(
                        f.stranger, id,
                        compact({{QStringLiteral("client_id"), uuid()},
                                 {QStringLiteral("packages"),
                                  QJsonArray {QJsonObject {{QStringLiteral("weight"), QStringLiteral("1")},
                                                           {QStringLiteral("lines"), QJsonArray {}}}}}}));
                else
                    lists.ship(f.stranger, id, compact({{QStringLiteral("client_id"), uuid()}}));
                QFAIL("another warehouse's list was touched");
            } catch (const ApiError &e) {
                QVERIFY(e.code() == ApiErrorCode::NotFound || e.code() == ApiErrorCode::BadRequest);
            }
        }
        QCOMPARE(pickListVersion(f, idText(id)), 1);
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        const QString client = uuid();
        QTest::newRow("not json") << QByteArray("{") << int(ApiErrorCode::BadRequest);
        QTest::newRow("an array") << QByteArray("[]") << int(ApiErrorCode::BadRequest);
        QTest::newRow("no client id")
            << QByteArray(R"({"line_id":"LINE","quantity":"1"})") << int(ApiErrorCode::BadRequest);
        QTest::newRow("client id not a uuid")
            << QByteArray(R"({"client_id":"x","line_id":"LINE","quantity":"1"})")
            << int(ApiErrorCode::BadRequest);
        QTest::newRow("negative")
            << (QStringLiteral(R"({"client_id":"%1","line_id":"LINE","quantity":"-1"})").arg(client).toUtf8())
            << int(ApiErrorCode::BadRequest);
        QTest::newRow("zero")
            << (QStringLiteral(R"({"client_id":"%1","line_id":"LINE","quantity":"0"})").arg(client).toUtf8())
            << int(ApiErrorCode::BadRequest);
        QTest::newRow("number")
            << (QStringLiteral(R"({"client_id":"%1","line_id":"LINE","quantity":1})").arg(client).toUtf8())
            << int(ApiErrorCode::BadRequest);
        QTest::newRow("four places") << (QStringLiteral(
                                             R"({"client_id":"%1","line_id":"LINE","quantity":"1.0001"})")
                                             .arg(client)
                                             .toUtf8())
                                     << int(ApiErrorCode::BadRequest);
        QTest::newRow("forged line") << (QStringLiteral(R"({"client_id":"%1","line_id":"%2","quantity":"1"})")
                                             .arg(client, uuid())
                                             .toUtf8())
                                     << int(ApiErrorCode::Unprocessable);
    }

    void badInputChangesNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        WarehouseFixture f;
        f.exported({{f.bolt, 2}});
        const QJsonObject list = f.makeList();
        const QString id = list.value(QStringLiteral("id")).toString();
        body.replace(
            "LINE",
            lineOf(list, QStringLiteral("BOLT-10")).value(QStringLiteral("line_id")).toString().toUtf8());
        try {
            f.pickLists().scan(f.keeper, Id::fromString(id), body);
            QFAIL("bad input was taken");
        } catch (const ApiError &e) {
            QCOMPARE(int(e.code()), code);
        }
        QCOMPARE(pickListVersion(f, id), 1);
        const QByteArray longBin = compact({{QStringLiteral("warehouse_id"), idText(f.main.id)},
                                            {QStringLiteral("product_id"), idText(f.bolt.id)},
                                            {QStringLiteral("bin"), QString(33, QLatin1Char('A'))}});
        QVERIFY_THROWS_EXCEPTION(ApiError, f.pickLists().putBin(f.manager, longBin));
        const QByteArray forgedProduct = compact({{QStringLiteral("warehouse_id"), idText(f.main.id)},
                                                  {QStringLiteral("product_id"), uuid()},
                                                  {QStringLiteral("bin"), QStringLiteral("A-01-01")}});
        QVERIFY_THROWS_EXCEPTION(ApiError, f.pickLists().putBin(f.manager, forgedProduct));
        const int bins = f.database->read([](QSqlDatabase &tx) {
            Sql q(tx, QStringLiteral("SELECT COUNT(*) FROM bins"));
            q.exec();
            return q.next() ? q.value(0).toInt() : -1;
        });
        QCOMPARE(bins, 0);
    }
};

QTEST_GUILESS_MAIN(TestWarehousePicking)
#include "tst_warehousepicking.moc"
