#include "demo/demowarehouse.h"

#include "catalog/catalogfeed.h"
#include "catalog/catalogrepository.h"
#include "demo/democatalog.h"
#include "orders/orderrepository.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "warehouse/picklistrepository.h"
#include "warehouse/stockledger.h"

namespace portico::server {

DemoWarehouse::DemoWarehouse(const DemoCatalog &catalog)
    : m_catalog(catalog)
{ }

QString DemoWarehouse::binFor(int n)
{
    // 20 shelves to a rack, 20 racks to an aisle, aisles A to Z.
    return QStringLiteral("%1-%2-%3")
        .arg(QChar(u'A' + (n / 400) % 26))
        .arg((n / 20) % 20 + 1, 2, 10, QLatin1Char('0'))
        .arg(n % 20 + 1, 2, 10, QLatin1Char('0'));
}

int DemoWarehouse::write(Database &database, qint64 nowMs)
{
    // Bins, a transaction per warehouse.
    for (const auto &warehouse : m_catalog.warehouses()) {
        database.write([&](QSqlDatabase &tx) {
            Sql stocked(
                tx,
                QStringLiteral("SELECT s.product_id FROM stock s JOIN products p ON p.id = s.product_id "
                               "WHERE s.warehouse_id = :wh AND s.on_hand_milli > 0 ORDER BY p.sku, p.id"));
            stocked.bind(QStringLiteral(":wh"), idText(warehouse.id)).exec();
            QList<Id> products;
            while (stocked.next())
                products.append(idFrom(stocked.value(0)));
            FeedBatch feed;
            PickListRepository bins(tx);
            for (int n = 0; n < products.size(); ++n)
                bins.putBin(products.at(n), warehouse.id, binFor(n), feed);
            feed.append(tx);
        });
    }
    // Reservations: what is reserved is what open orders hold, nothing else.
    return database.write([&](QSqlDatabase &tx) {
        // The catalog wrote made-up reserved quantities; their rows are republished below.
        Sql made(tx, QStringLiteral("SELECT product_id, warehouse_id FROM stock WHERE reserved_milli <> 0"));
        made.exec();
        QList<std::pair<Id, Id>> madeUp;
        while (made.next())
            madeUp.append({idFrom(made.value(0)), idFrom(made.value(1))});
        execSql(tx, QStringLiteral("UPDATE stock SET reserved_milli = 0"));
        Sql open(tx,
                 QStringLiteral("SELECT id FROM orders WHERE status IN ('accepted', 'accepted_with_changes', "
                                "'exported', 'in_production') AND warehouse_id IS NOT NULL "
                                "ORDER BY created_at, id"));
        open.exec();
        QList<Id> ids;
        while (open.next())
            ids.append(idFrom(open.value(0)));
        StockLedger ledger(tx, nowMs, {});
        OrderRepository orders(tx);
        int reserved = 0;
        for (const auto &id : std::as_const(ids)) {
            const auto stored = orders.find(id);
            if (!stored)
                continue;
            ledger.reserveOrder(stored->order, stored->order.warehouseId, ReservationPolicy::Backorder);
            ++reserved;
        }
        FeedBatch feed;
        ledger.finish(feed);
        for (const auto &[productId, warehouseId] : std::as_const(madeUp))
            feed.touch(CatalogFeed::stock(), idText(productId), idText(warehouseId));
        feed.append(tx);
        return reserved;
    });
}

} // namespace portico::server
