#pragma once

#include "warehouse/picklist.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace portico::server {

class FeedBatch;

// Pick lists, their lines, packages and shipments in storage. SQL for them lives here.
class PickListRepository final
{
public:
    explicit PickListRepository(const QSqlDatabase &tx);

    std::optional<PickList> find(const Id &id) const;
    // The list with its row locked for this transaction (PostgreSQL; SQLite has one writer):
    // every writer of a list takes this first, so writers of one list queue.
    std::optional<PickList> lockForUpdate(const Id &id);

    void insert(const PickList &list);
    // Every change to a list ends here: its status (the same one when unchanged), the time,
    // and its version raised by one.
    void setStatus(const Id &id, const QString &status, qint64 nowMs);
    void setPicked(const Id &lineId, Quantity picked, const QString &reason);
    void replacePackages(const Id &listId, const QList<PickPackage> &packages);
    void insertShipment(const Id &listId, const Id &warehouseId, const Shipment &shipment, const Id &byUser);
    // Takes an order off a list (it was cancelled): its lines go, the list stays.
    void removeOrder(const Id &listId, const Id &orderId);

    // Picked on active lists of the warehouse: goods taken off the shelf that have not shipped.
    Quantity pickedOnActiveLists(const Id &productId, const Id &warehouseId) const;
    // Active lists holding the order.
    QList<Id> activeListsOf(const Id &orderId) const;
    // Orders of the warehouse that may be picked (accepted, exported or in production, with
    // something reserved) and are on no active list, oldest first.
    QList<Id> pickableOrders(const Id &warehouseId, int limit) const;
    // Claims an order for a new list: an update of its row that re-checks, under the row lock,
    // that its status still allows picking, so two requests never put one order on two lists.
    bool claimOrder(const Id &orderId, qint64 nowMs);

    // The next number of a warehouse document series ("PL-000123"), counted in the transaction.
    QString nextNumber(const QString &series, const QString &prefix);

    static void publish(const PickList &list, FeedBatch &feed);

    // Shipments the accounting system has not confirmed yet (pick list ids), oldest first, and
    // the mark of one it confirmed (its `success`).
    QList<Id> shipmentsToExport(int limit) const;
    void markShipmentExported(const Id &shipmentId, qint64 nowMs);

    // Bin locations: one per product and warehouse, published to the warehouse's staff.
    void putBin(const Id &productId, const Id &warehouseId, const QString &bin, FeedBatch &feed);
    static QJsonObject binJson(const Id &productId, const Id &warehouseId, const QString &bin);

private:
    QSqlDatabase m_tx;
    bool m_postgres = false;
};

} // namespace portico::server
