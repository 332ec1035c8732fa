#include "exchange/exchangerepository.h"
#include "exchange/orderexport.h"
#include "warehouse/picklistrepository.h"
#include "warehousefixture.h"

#include <QTest>

using namespace portico;
using namespace portico::server;
using namespace portico::server::warehousetest;

// Shipments reach the accounting system in the `sale` exchange's answer to `query`, as one
// "Отпуск товара" document per order of the shipment, until `success` marks them.
class TestWarehouseExchange final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shipmentsGoOutUntilConfirmed()
    {
        WarehouseFixture f;
        const Id first = f.exported({{f.bolt, 3}, {f.nut, 1}});
        const Id second = f.exported({{f.washer, 4}});
        const QJsonObject list = f.makeList();
        const Id id = Id::fromString(list.value(QStringLiteral("id")).toString());
        auto lists = f.pickLists();
        const QJsonObject bolt = lineOf(list, QStringLiteral("BOLT-10"));
        QJsonArray lines;
        for (const auto &value : list.value(QStringLiteral("lines")).toArray()) {
            const QJsonObject line = value.toObject();
            const bool short_
                = line.value(QStringLiteral("line_id")) == bolt.value(QStringLiteral("line_id"));
            lines.append(QJsonObject {
                {QStringLiteral("line_id"), line.value(QStringLiteral("line_id"))},
                {QStringLiteral("picked"),
                 short_ ? QStringLiteral("2") : line.value(QStringLiteral("quantity")).toString()},
                {QStringLiteral("reason"), short_ ? QStringLiteral("damaged") : QString()}});
        }
        lists.confirm(f.keeper, id,
                      compact({{QStringLiteral("client_id"), uuid()}, {QStringLiteral("lines"), lines}}));
        lists.ship(f.keeper, id,
                   compact({{QStringLiteral("client_id"), uuid()},
                            {QStringLiteral("carrier"), QStringLiteral("Деловые линии")},
                            {QStringLiteral("tracking"), QStringLiteral("DL-42")}}));

        const auto exported = f.database->write(
            [&](QSqlDatabase &tx) { return OrderExport(tx).build(QStringLiteral("UTF-8"), f.env.clock); });
        const QString xml = QString::fromUtf8(exported.xml);
        QCOMPARE(exported.shipments.size(), 1);
        QCOMPARE(xml.count(QStringLiteral("<ХозОперация>Отпуск товара</ХозОперация>")), 2);
        QVERIFY(xml.contains(QStringLiteral("<Номер>SH-000001/")));
        QVERIFY(xml.contains(QStringLiteral("<Значение>Деловые линии</Значение>")));
        QVERIFY(xml.contains(QStringLiteral("<Значение>DL-42</Значение>")));
        // The bolt went out short: two of three, at the order's price.
        QVERIFY(xml.contains(QStringLiteral("<Артикул>BOLT-10</Артикул>")));
        QVERIFY(xml.contains(QStringLiteral("<Количество>2</Количество>")));
        for (const Id &order : {first, second}) {
            const QString number
                = f.orders().get(f.manager, order).value(QStringLiteral("number")).toString();
            QVERIFY(xml.contains(QStringLiteral("<Основание>") + number + QStringLiteral("</Основание>")));
        }

        // Until 1C confirms, every query gives the shipment again; after, never.
        const auto again = f.database->write(
            [&](QSqlDatabase &tx) { return OrderExport(tx).build(QStringLiteral("UTF-8"), f.env.clock); });
        QCOMPARE(again.shipments, exported.shipments);
        f.database->write([&](QSqlDatabase &tx) {
            PickListRepository(tx).markShipmentExported(
                Id::fromString(
                    exported.shipments.at(0).toObject().value(QStringLiteral("shipment")).toString()),
                f.env.clock);
        });
        const auto after = f.database->write(
            [&](QSqlDatabase &tx) { return OrderExport(tx).build(QStringLiteral("UTF-8"), f.env.clock); });
        QVERIFY(after.shipments.isEmpty());
        QVERIFY(!QString::fromUtf8(after.xml).contains(QStringLiteral("Отпуск товара")));
    }

    // An order picked before the accounting system took it (accepted -> picking) still goes to
    // 1C in the `sale` exchange, with its status; once 1C has it, it is not sent again and stays
    // picking (exported lies behind it).
    void anOrderPickedBeforeExportStillGoesTo1C()
    {
        WarehouseFixture f;
        const Id order = f.submit({{f.bolt, 2}});
        QCOMPARE(f.orderStatus(order), QStringLiteral("accepted"));
        f.makeList({order});
        QCOMPARE(f.orderStatus(order), QStringLiteral("picking"));
        const auto query = [&] {
            return f.database->write([&](QSqlDatabase &tx) {
                return OrderExport(tx).build(QStringLiteral("UTF-8"), f.env.clock);
            });
        };
        const auto exported = query();
        QCOMPARE(exported.orders.size(), 1);
        const QJsonObject sent = exported.orders.at(0).toObject();
        QCOMPARE(sent.value(QStringLiteral("id")).toString(), idText(order));
        const QString xml = QString::fromUtf8(exported.xml);
        QVERIFY(xml.contains(QStringLiteral("<Значение>На сборке</Значение>")));
        QVERIFY(xml.contains(QStringLiteral("<Артикул>BOLT-10</Артикул>")));
        // 1C's `success`: the order is marked as seen; picking has no way back to exported.
        QVERIFY(!canTransition(OrderStatus::Picking, OrderStatus::Exported));
        f.database->write([&](QSqlDatabase &tx) {
            ExchangeRepository(tx).markOrderExported(order, sent.value(QStringLiteral("version")).toInteger(),
                                                     f.env.clock);
        });
        QVERIFY(query().orders.isEmpty());
        QCOMPARE(f.orderStatus(order), QStringLiteral("picking"));
    }
};

QTEST_GUILESS_MAIN(TestWarehouseExchange)
#include "tst_warehouseexchange.moc"
