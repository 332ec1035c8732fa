#include "warehouse/picklistrepository.h"

#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDriver>

namespace portico::server {

namespace {

// The order states a pick list takes orders from: accepted (a company that picks before the
// accounting system takes the order, or has none), exported, in production.
const QString PickableStatuses = QStringLiteral("('accepted', 'exported', 'in_production')");

} // namespace

PickListRepository::PickListRepository(const QSqlDatabase &tx)
    : m_tx(tx)
    , m_postgres(tx.driver()->dbmsType() == QSqlDriver::PostgreSQL)
{ }

std::optional<PickList> PickListRepository::find(const Id &id) const
{
    Sql head(
        m_tx,
        QStringLiteral("SELECT number, warehouse_id, status, created_at, updated_at, version FROM pick_lists "
                       "WHERE id = :id"));
    head.bind(QStringLiteral(":id"), idText(id)).exec();
    if (!head.next())
        return std::nullopt;
    PickList list;
    list.id = id;
    list.number = head.value(0).toString();
    list.warehouseId = idFrom(head.value(1));
    list.status = head.value(2).toString();
    list.createdAt = head.value(3).toLongLong();
    list.updatedAt = head.value(4).toLongLong();
    list.version = head.value(5).toInt();

    Sql orders(
        m_tx,
        QStringLiteral("SELECT order_id FROM pick_list_orders WHERE pick_list_id = :id ORDER BY order_id"));
    orders.bind(QStringLiteral(":id"), idText(id)).exec();
    while (orders.next())
        list.orderIds.append(idFrom(orders.value(0)));

    Sql lines(
        m_tx,
        QStringLiteral(
            "SELECT l.id, l.order_id, l.line_no, o.number, c.name, l.product_id, p.sku, p.name, p.unit_name, "
            "l.bin, l.quantity_milli, l.picked_milli, l.reason FROM pick_list_lines l "
            "JOIN orders o ON o.id = l.order_id LEFT JOIN customers c ON c.id = o.customer_id "
            "LEFT JOIN products p ON p.id = l.product_id WHERE l.pick_list_id = :id ORDER BY l.position"));
    lines.bind(QStringLiteral(":id"), idText(id)).exec();
    while (lines.next()) {
        PickLine l;
        l.id = idFrom(lines.value(0));
        l.orderId = idFrom(lines.value(1));
        l.lineNo = lines.value(2).toInt();
        l.orderNumber = lines.value(3).toString();
        l.customerName = lines.value(4).toString();
        l.productId = idFrom(lines.value(5));
        l.sku = lines.value(6).toString();
        l.name = lines.value(7).toString();
        l.unit = lines.value(8).toString();
        l.bin = lines.value(9).toString();
        l.quantity = Quantity::fromMilli(lines.value(10).toLongLong());
        l.picked = Quantity::fromMilli(lines.value(11).toLongLong());
        l.reason = lines.value(12).toString();
        list.lines.append(l);
    }

    Sql packages(m_tx,
                 QStringLiteral("SELECT id, number, weight_milli, lines_json FROM pick_packages "
                                "WHERE pick_list_id = :id ORDER BY number"));
    packages.bind(QStringLiteral(":id"), idText(id)).exec();
    while (packages.next()) {
        PickPackage p;
        p.id = idFrom(packages.value(0));
        p.number = packages.value(1).toInt();
        p.weight = Quantity::fromMilli(packages.value(2).toLongLong());
        for (const auto &entry : jsonArrayFrom(packages.value(3))) {
            const QJsonArray pair = entry.toArray();
            p.lines.append({Id::fromString(pair.at(0).toString()),
                            Quantity::fromMilli(static_cast<qint64>(pair.at(1).toDouble()))});
        }
        list.packages.append(p);
    }

    Sql shipment(
        m_tx,
        QStringLiteral(
            "SELECT id, number, shipped_at, carrier, tracking FROM shipments WHERE pick_list_id = :id"));
    shipment.bind(QStringLiteral(":id"), idText(id)).exec();
    if (shipment.next())
        list.shipment = Shipment {idFrom(shipment.value(0)), shipment.value(1).toString(),
                                  shipment.value(2).toLongLong(), shipment.value(3).toString(),
                                  shipment.value(4).toString()};
    return list;
}

std::optional<PickList> PickListRepository::lockForUpdate(const Id &id)
{
    if (m_postgres) {
        Sql lock(m_tx, QStringLiteral("SELECT id FROM pick_lists WHERE id = :id FOR UPDATE"));
        lock.bind(QStringLiteral(":id"), idText(id)).exec();
        if (!lock.next())
            return std::nullopt;
    }
    return find(id);
}

void PickListRepository::insert(const PickList &list)
{
    Sql head(
        m_tx,
        QStringLiteral("INSERT INTO pick_lists (id, number, warehouse_id, status, created_at, updated_at, "
                       "version, created_by) VALUES (:id, :number, :wh, :status, :created, :updated, "
                       ":version, NULL)"));
    head.bind(QStringLiteral(":id"), idText(list.id))
        .bind(QStringLiteral(":number"), list.number)
        .bind(QStringLiteral(":wh"), idText(list.warehouseId))
        .bind(QStringLiteral(":status"), list.status)
        .bind(QStringLiteral(":created"), list.createdAt)
        .bind(QStringLiteral(":updated"), list.updatedAt)
        .bind(QStringLiteral(":version"), list.version)
        .exec();
    Sql order(m_tx,
              QStringLiteral("INSERT INTO pick_list_orders (pick_list_id, order_id) VALUES (:list, :order)"));
    for (const auto &orderId : list.orderIds)
        order.bind(QStringLiteral(":list"), idText(list.id))
            .bind(QStringLiteral(":order"), idText(orderId))
            .exec();
    Sql line(m_tx,
             QStringLiteral(
                 "INSERT INTO pick_list_lines (id, pick_list_id, position, order_id, line_no, product_id, "
                 "bin, quantity_milli, picked_milli, reason) VALUES (:id, :list, :pos, :order, :line, "
                 ":product, :bin, :q, :picked, :reason)"));
    int position = 0;
    for (const auto &l : list.lines) {
        line.bind(QStringLiteral(":id"), idText(l.id))
            .bind(QStringLiteral(":list"), idText(list.id))
            .bind(QStringLiteral(":pos"), ++position)
            .bind(QStringLiteral(":order"), idText(l.orderId))
            .bind(QStringLiteral(":line"), l.lineNo)
            .bind(QStringLiteral(":product"), idText(l.productId))
            .bind(QStringLiteral(":bin"), l.bin)
            .bind(QStringLiteral(":q"), l.quantity.milli())
            .bind(QStringLiteral(":picked"), l.picked.milli())
            .bind(QStringLiteral(":reason"), l.reason)
            .exec();
    }
}

void PickListRepository::setStatus(const Id &id, const QString &status, qint64 nowMs)
{
    Sql q(m_tx,
          QStringLiteral("UPDATE pick_lists SET status = :status, updated_at = :now, version = version + 1 "
                         "WHERE id = :id"));
    q.bind(QStringLiteral(":status"), status)
        .bind(QStringLiteral(":now"), nowMs)
        .bind(QStringLiteral(":id"), idText(id))
        .exec();
}

void PickListRepository::setPicked(const Id &lineId, Quantity picked, const QString &reason)
{
    Sql q(
        m_tx,
        QStringLiteral("UPDATE pick_list_lines SET picked_milli = :picked, reason = :reason WHERE id = :id"));
    q.bind(QStringLiteral(":picked"), picked.milli())
        .bind(QStringLiteral(":reason"), reason)
        .bind(QStringLiteral(":id"), idText(lineId))
        .exec();
}

void PickListRepository::replacePackages(const Id &listId, const QList<PickPackage> &packages)
{
    Sql remove(m_tx, QStringLiteral("DELETE FROM pick_packages WHERE pick_list_id = :list"));
    remove.bind(QStringLiteral(":list"), idText(listId)).exec();
    Sql insert(
        m_tx,
        QStringLiteral("INSERT INTO pick_packages (id, pick_list_id, number, weight_milli, lines_json) "
                       "VALUES (:id, :list, :number, :weight, :lines)"));
    for (const auto &p : packages) {
        QJsonArray lines;
        for (const auto &[lineId, quantity] : p.lines)
            lines.append(QJsonArray {idText(lineId), static_cast<double>(quantity.milli())});
        insert.bind(QStringLiteral(":id"), idText(p.id))
            .bind(QStringLiteral(":list"), idText(listId))
            .bind(QStringLiteral(":number"), p.number)
            .bind(QStringLiteral(":weight"), p.weight.milli())
            .bind(QStringLiteral(":lines"), compactJson(lines))
            .exec();
    }
}

void PickListRepository::insertShipment(const Id &listId, const Id &warehouseId, const Shipment &shipment,
                                        const Id &byUser)
{
    Sql q(m_tx,
          QStringLiteral(
              "INSERT INTO shipments (id, number, pick_list_id, warehouse_id, shipped_at, carrier, "
              "tracking, by_user) VALUES (:id, :number, :list, :wh, :at, :carrier, :tracking, :by)"));
    q.bind(QStringLiteral(":id"), idText(shipment.id))
        .bind(QStringLiteral(":number"), shipment.number)
        .bind(QStringLiteral(":list"), idText(listId))
        .bind(QStringLiteral(":wh"), idText(warehouseId))
        .bind(QStringLiteral(":at"), shipment.shippedAt)
        .bind(QStringLiteral(":carrier"), shipment.carrier)
        .bind(QStringLiteral(":tracking"), shipment.tracking)
        .bind(QStringLiteral(":by"), idValue(byUser))
        .exec();
}

void PickListRepository::removeOrder(const Id &listId, const Id &orderId)
{
    Sql lines(m_tx,
              QStringLiteral("DELETE FROM pick_list_lines WHERE pick_list_id = :list AND order_id = :order"));
    lines.bind(QStringLiteral(":list"), idText(listId))
        .bind(QStringLiteral(":order"), idText(orderId))
        .exec();
    Sql orders(
        m_tx,
        QStringLiteral("DELETE FROM pick_list_orders WHERE pick_list_id = :list AND order_id = :order"));
    orders.bind(QStringLiteral(":list"), idText(listId))
        .bind(QStringLiteral(":order"), idText(orderId))
        .exec();
}

Quantity PickListRepository::pickedOnActiveLists(const Id &productId, const Id &warehouseId) const
{
    Sql q(m_tx,
          QStringLiteral("SELECT COALESCE(SUM(l.picked_milli), 0) FROM pick_list_lines l "
                         "JOIN pick_lists p ON p.id = l.pick_list_id WHERE l.product_id = :product AND "
                         "p.warehouse_id = :wh AND p.status IN ('open', 'picking', 'picked', 'packed')"));
    q.bind(QStringLiteral(":product"), idText(productId))
        .bind(QStringLiteral(":wh"), idText(warehouseId))
        .exec();
    return Quantity::fromMilli(q.next() ? q.value(0).toLongLong() : 0);
}

QList<Id> PickListRepository::activeListsOf(const Id &orderId) const
{
    Sql q(m_tx,
          QStringLiteral("SELECT p.id FROM pick_list_orders o JOIN pick_lists p ON p.id = o.pick_list_id "
                         "WHERE o.order_id = :order AND p.status IN ('open', 'picking', 'picked', 'packed') "
                         "ORDER BY p.id"));
    q.bind(QStringLiteral(":order"), idText(orderId)).exec();
    QList<Id> result;
    while (q.next())
        result.append(idFrom(q.value(0)));
    return result;
}

QList<Id> PickListRepository::pickableOrders(const Id &warehouseId, int limit) const
{
    Sql q(m_tx,
          QStringLiteral("SELECT o.id FROM orders o WHERE o.warehouse_id = :wh AND o.status IN ")
              + PickableStatuses
              + QStringLiteral(" AND EXISTS (SELECT 1 FROM stock_reservations r WHERE r.order_id = o.id AND "
                               "r.reserved_milli > "
                               "0) "
                               "AND NOT EXISTS (SELECT 1 FROM pick_list_orders po JOIN pick_lists p ON p.id "
                               "= po.pick_list_id "
                               "WHERE po.order_id = o.id AND p.status <> 'cancelled') "
                               "ORDER BY o.created_at, o.number LIMIT :limit"));
    q.bind(QStringLiteral(":wh"), idText(warehouseId)).bind(QStringLiteral(":limit"), limit).exec();
    QList<Id> result;
    while (q.next())
        result.append(idFrom(q.value(0)));
    return result;
}

bool PickListRepository::claimOrder(const Id &orderId, qint64 nowMs)
{
    Sql claim(m_tx,
              QStringLiteral("UPDATE orders SET updated_at = :now WHERE id = :id AND status IN ")
                  + PickableStatuses);
    claim.bind(QStringLiteral(":now"), nowMs).bind(QStringLiteral(":id"), idText(orderId)).exec();
    return claim.rowsAffected() > 0;
}

QString PickListRepository::nextNumber(const QString &series, const QString &prefix)
{
    Sql update(
        m_tx,
        QStringLiteral("INSERT INTO meta (key, value) VALUES (:key, '1') ON CONFLICT (key) DO UPDATE SET "
                       "value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT) RETURNING value"));
    update.bind(QStringLiteral(":key"), series).exec();
    const qint64 number = update.next() ? update.value(0).toLongLong() : 1;
    return prefix + QStringLiteral("%1").arg(number, 6, 10, QLatin1Char('0'));
}

void PickListRepository::publish(const PickList &list, FeedBatch &feed)
{
    feed.upsert(entity::PickList, idText(list.id), Audience::warehouse(idText(list.warehouseId)),
                pickListJson(list));
}

void PickListRepository::putBin(const Id &productId, const Id &warehouseId, const QString &bin,
                                FeedBatch &feed)
{
    Sql upsert(m_tx,
               QStringLiteral("INSERT INTO bins (product_id, warehouse_id, bin) VALUES (:product, :wh, :bin) "
                              "ON CONFLICT (product_id, warehouse_id) DO UPDATE SET bin = excluded.bin"));
    upsert.bind(QStringLiteral(":product"), idText(productId))
        .bind(QStringLiteral(":wh"), idText(warehouseId))
        .bind(QStringLiteral(":bin"), bin)
        .exec();
    feed.upsert(entity::Bin, idText(productId) + QLatin1Char('/') + idText(warehouseId),
                Audience::warehouse(idText(warehouseId)), binJson(productId, warehouseId, bin));
}

QJsonObject PickListRepository::binJson(const Id &productId, const Id &warehouseId, const QString &bin)
{
    return {{QStringLiteral("product_id"), idText(productId)},
            {QStringLiteral("warehouse_id"), idText(warehouseId)},
            {QStringLiteral("bin"), bin}};
}

QList<Id> PickListRepository::shipmentsToExport(int limit) const
{
    Sql q(m_tx,
          QStringLiteral("SELECT s.pick_list_id FROM shipments s WHERE NOT EXISTS (SELECT 1 FROM "
                         "exchange_shipment_marks m "
                         "WHERE m.shipment_id = s.id) ORDER BY s.shipped_at, s.number LIMIT :limit"));
    q.bind(QStringLiteral(":limit"), limit).exec();
    QList<Id> result;
    while (q.next())
        result.append(idFrom(q.value(0)));
    return result;
}

void PickListRepository::markShipmentExported(const Id &shipmentId, qint64 nowMs)
{
    Sql q(m_tx,
          QStringLiteral("INSERT INTO exchange_shipment_marks (shipment_id, exported_at) VALUES (:id, :at) "
                         "ON CONFLICT (shipment_id) DO NOTHING"));
    q.bind(QStringLiteral(":id"), idText(shipmentId)).bind(QStringLiteral(":at"), nowMs).exec();
}

} // namespace portico::server
