#pragma once

#include "domain/order.h"
#include "warehouse/reservationpolicy.h"

#include <QSqlDatabase>

namespace portico::server {

class FeedBatch;
class OrderOutcome;
class StockLedger;

// Where orders meet stock: reservations are taken when an order becomes accepted (or accepted
// with changes) and given back when it is cancelled, rejected or sent back for editing, in the
// transaction that stores the order's new status (OrderService calls these).
class OrderReservations final
{
public:
    // An upload the server decided `status` for. Reserves by the policy (choosing the order's
    // warehouse when it has none) and returns the status to store: needs_approval, with the
    // reason in the outcome, when the hold policy holds it.
    static OrderStatus onDecision(const QSqlDatabase &tx, Order &order, OrderStatus status,
                                  OrderOutcome &outcome, ReservationPolicy policy, StockLedger &ledger);

    // A stored order moving from `from` to `to` (before the move is recorded). Reserves for an
    // approval, releases for a cancellation, a rejection, a return to editing or a shipment
    // recorded by hand or by the accounting system, and takes such an order off the pick lists
    // it is on.
    static void onTransition(const QSqlDatabase &tx, Order &order, OrderStatus from, OrderStatus to,
                             ReservationPolicy policy, StockLedger &ledger, FeedBatch &feed, qint64 nowMs);

    // Whether the order's picking, picking confirmation and shipment belong to pick lists: it
    // holds reserved stock or is on an active list. Such an order reaches picking, picked and
    // shipped only through its list, whose scans, confirmation and shipment journal what leaves
    // the shelf; the accounting system's own reports (the exchange) are the one exception.
    static bool pickedThroughLists(const QSqlDatabase &tx, const Id &orderId);
};

// Records an order's move to `to` as warehouse work does it (pick lists, confirmation,
// shipment) and republishes the order and its customer to the feed.
void moveOrder(const QSqlDatabase &tx, const Id &orderId, OrderStatus to, const Id &byUser,
               const QString &reason, qint64 nowMs, FeedBatch &feed);

} // namespace portico::server
