#include "warehouse/orderreservations.h"

#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "orders/orderoutcome.h"
#include "orders/orderrepository.h"
#include "orders/orderservice.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "warehouse/picklistrepository.h"
#include "warehouse/stockledger.h"

namespace portico::server {

namespace {

bool reserving(OrderStatus status)
{
    return status == OrderStatus::Accepted || status == OrderStatus::AcceptedWithChanges;
}

void setWarehouse(const QSqlDatabase &tx, Order &order, const Id &warehouseId)
{
    if (!order.warehouseId.isNull() || warehouseId.isNull())
        return;
    order.warehouseId = warehouseId;
    Sql q(tx, QStringLiteral("UPDATE orders SET warehouse_id = :wh WHERE id = :id"));
    q.bind(QStringLiteral(":wh"), idText(warehouseId)).bind(QStringLiteral(":id"), idText(order.id)).exec();
}

} // namespace

OrderStatus OrderReservations::onDecision(const QSqlDatabase &, Order &order, OrderStatus status,
                                          OrderOutcome &outcome, ReservationPolicy policy,
                                          StockLedger &ledger)
{
    if (!reserving(status))
        return status;
    const Id warehouseId = ledger.warehouseFor(order);
    // The order is not stored yet: its warehouse goes in with it.
    if (order.warehouseId.isNull())
        order.warehouseId = warehouseId;
    if (const auto held = ledger.reserveNewOrder(order, warehouseId, policy)) {
        outcome.addReason(QStringLiteral("stock_hold"), *held);
        return OrderStatus::NeedsApproval;
    }
    return status;
}

void OrderReservations::onTransition(const QSqlDatabase &tx, Order &order, OrderStatus from, OrderStatus to,
                                     ReservationPolicy policy, StockLedger &ledger, FeedBatch &feed,
                                     qint64 nowMs)
{
    if (reserving(to) && !reserving(from)) {
        const Id warehouseId = ledger.warehouseFor(order);
        setWarehouse(tx, order, warehouseId);
        // A manager who approves a held order has decided: it takes what there is.
        const ReservationPolicy effective
            = policy == ReservationPolicy::Hold ? ReservationPolicy::Backorder : policy;
        ledger.reserveOrder(order, warehouseId, effective);
        return;
    }
    // Whatever leaves the order's way to the shelf gives its stock back: a cancellation, a
    // rejection, a return to editing, and a shipment made outside the pick lists (the
    // accounting system's report): a shipped order reserves nothing.
    if (to != OrderStatus::Cancelled && to != OrderStatus::Rejected && to != OrderStatus::Submitted
        && to != OrderStatus::Shipped)
        return;
    PickListRepository lists(tx);
    for (const auto &listId : lists.activeListsOf(order.id)) {
        const auto list = lists.lockForUpdate(listId);
        if (!list)
            continue;
        lists.removeOrder(listId, order.id);
        const bool empty = list->orderIds.size() <= 1;
        lists.setStatus(listId, empty ? pickstatus::Cancelled : list->status, nowMs);
        if (const auto fresh = lists.find(listId))
            PickListRepository::publish(*fresh, feed);
    }
    const QList<Reservation> held = ledger.reservations(order.id);
    ledger.releaseOrder(order.id, QStringLiteral("order %1 %2").arg(order.number, orderStatusToString(to)));
    // What came free goes to the orders waiting for it now, not at the next import.
    QList<std::pair<Id, Id>> freed;
    for (const auto &r : held) {
        if (r.reserved.isPositive() && !freed.contains(std::pair(r.productId, r.warehouseId)))
            freed.append({r.productId, r.warehouseId});
    }
    for (const auto &[productId, warehouseId] : freed)
        ledger.fillBackorders(productId, warehouseId);
}

bool OrderReservations::pickedThroughLists(const QSqlDatabase &tx, const Id &orderId)
{
    Sql q(tx,
          QStringLiteral("SELECT 1 FROM stock_reservations WHERE order_id = :order AND reserved_milli > 0"));
    q.bind(QStringLiteral(":order"), idText(orderId)).exec();
    return q.next() || !PickListRepository(tx).activeListsOf(orderId).isEmpty();
}

void moveOrder(const QSqlDatabase &tx, const Id &orderId, OrderStatus to, const Id &byUser,
               const QString &reason, qint64 nowMs, FeedBatch &feed)
{
    OrderRepository orders(tx);
    auto stored = orders.find(orderId);
    if (!stored)
        return;
    const StatusChange change {stored->order.status, to, utcFromMsecs(nowMs), byUser, reason};
    orders.recordStatus(orderId, change, nowMs);
    stored->order.status = to;
    stored->order.history.append(change);
    feed.upsert(entity::Order, idText(orderId), Audience::customer(idText(stored->order.customerId)),
                OrderService::orderJson(*stored));
    CustomerRepository(tx).republish({stored->order.customerId}, feed);
}

} // namespace portico::server
