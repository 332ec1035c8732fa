#pragma once

#include "domain/catalog.h"
#include "domain/ids.h"
#include "domain/order.h"
#include "warehouse/reservationpolicy.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace portico::server {

class FeedBatch;

// Kinds of the stock movement journal (stock_movements.kind).
enum class MovementKind { Reserve, Release, Pick, Ship, CountAdjustment };
QString movementKindToString(MovementKind kind);

// What a movement refers to; any of them may be null.
struct MovementRef
{
    Id orderId;
    Id pickListId;
    Id countId;
    QString note;
};

// One order line's reservation (stock_reservations).
struct Reservation
{
    Id orderId;
    int lineNo = 0;
    Id productId;
    Id warehouseId;
    Quantity reserved;
    Quantity backorder;
};

// Every change to a warehouse's on hand and reserved quantities, inside the caller's write
// transaction: the stock row is locked before it is read (PostgreSQL: SELECT ... FOR UPDATE;
// SQLite has one writer), changed, and journalled as a movement with who, when and what for.
// The journal is written and the changed stock rows are republished to the feed by finish(),
// which the transaction calls once, after its last change and before the feed is appended.
//
// The journal of one stock row is a chain (migration 13): each movement names the row's movement
// before it (`previous`), and the row its newest (`last_movement`). On SQLite a movement takes its
// id when it is made, and the row's update that the movement causes writes the new head with
// the quantities; PostgreSQL numbers the movements in finish(), where the journal's counter is
// locked after every stock row, and writes the heads there.
//
// Callers that lock several stock rows lock them in (product, warehouse) order: lockAll().
class StockLedger final
{
public:
    StockLedger(const QSqlDatabase &tx, qint64 nowMs, const Id &userId);
    // The same for a transaction that appends `feed` last and passes it to finish(): on SQLite a
    // reservation then writes each stock row's new seq with its reserved quantity, in the same
    // update, and the append does not stamp the row a second time.
    StockLedger(const QSqlDatabase &tx, qint64 nowMs, const Id &userId, FeedBatch &feed);

    // The stock row, locked for this transaction; a zero row is created for a product the
    // warehouse has never had.
    StockLevel lock(const Id &productId, const Id &warehouseId);
    void lockAll(QList<std::pair<Id, Id>> keys);

    // Changes on hand and reserved by the deltas and journals it. `quantity` is what the
    // movement is about (the picked quantity of a pick, the counted difference of a count).
    void move(MovementKind kind, const Id &productId, const Id &warehouseId, Quantity quantity,
              Quantity onHandDelta, Quantity reservedDelta, const MovementRef &ref);

    // What is available of each product (on hand less reserved) in the warehouse, or in every
    // warehouse together when it is null; a product without a stock row there is left out.
    // The stock rows it reads are kept for this transaction: warehouseFor() and the reservation
    // that follows take them from here instead of reading them again. On SQLite they are the
    // transaction's anyway (the writer is alone); PostgreSQL locks them as it reads them
    // (FOR UPDATE), in the (product, warehouse) order lockAll() locks in.
    QHash<Id, Quantity> available(const QList<Id> &productIds, const Id &warehouseId);
    // The warehouse an order is served from: its own, else the one that has the most of its
    // lines available (then the most stock, then the first by name); null when there is none.
    // The stock rows it reads are kept (and locked) as available() keeps them.
    Id warehouseFor(const Order &order);

    // Reserves an accepted order's lines by the policy (once: an order that has reservations
    // keeps them). Returns the reason when the policy holds the order instead (nothing reserved).
    std::optional<QString> reserveOrder(const Order &order, const Id &warehouseId, ReservationPolicy policy);
    // reserveOrder() for an order this transaction is storing for the first time, which can
    // have no reservations yet: it does not look for them.
    std::optional<QString> reserveNewOrder(const Order &order, const Id &warehouseId,
                                           ReservationPolicy policy);
    // Releases everything reserved for the order and forgets its reservations.
    void releaseOrder(const Id &orderId, const QString &note);
    // Releases part of one line's reservation (a short pick); recorded as backorder under the
    // backorder policy.
    void releaseLine(const Id &orderId, int lineNo, Quantity quantity, ReservationPolicy policy,
                     const MovementRef &ref);
    // Goods leave the warehouse for one order line: on hand and its reservation decrease.
    void ship(const Id &orderId, int lineNo, const Id &productId, const Id &warehouseId, Quantity quantity,
              const MovementRef &ref);

    // Stock arrived (an import raised on hand, a count found more): open backorders of the
    // product in the warehouse take what is available, the oldest order first, as reserve
    // movements. Open are the backorders of orders not yet on a pick list (accepted up to in
    // production); available never goes below zero. Returns the orders whose reservations grew.
    QList<Id> fillBackorders(const Id &productId, const Id &warehouseId);
    // The same for every product and warehouse that has both open backorders and available
    // stock: what an import of stock levels calls once, whatever rows it wrote.
    QList<Id> fillAllBackorders();

    QList<Reservation> reservations(const Id &orderId) const;
    // Reservations of a product that no pick list holds yet, the newest order first: what a
    // count that found less gives back first.
    QList<Reservation> unpickedReservations(const Id &productId, const Id &warehouseId) const;

    // Writes the journal and republishes every stock row changed; call once, last before the feed
    // (the batch given to the constructor, if one was).
    void finish(FeedBatch &feed);

private:
    // Calls `fn` with each stock row of the products in the warehouse, or in every warehouse when
    // it is null, as this transaction sees it. The rows are kept (m_locked, m_heads; PostgreSQL
    // locks them as it reads them, in (product, warehouse) order), and rows kept for a product in
    // that scope are not read again.
    void forEachLevel(const QList<Id> &productIds, const Id &warehouseId,
                      const std::function<void(const StockLevel &)> &fn);
    // Adds to the reserved quantity of locked rows of one warehouse, one quantity per product.
    void addReserved(const Id &warehouseId, const QList<std::pair<Id, Quantity>> &taken);
    // The same in the locked rows this ledger keeps, and marks them changed for the feed unless
    // their seq was written already.
    void noteReserved(const Id &warehouseId, const QList<std::pair<Id, Quantity>> &taken, bool stamped);

    struct PendingMovement
    {
        MovementKind kind;
        Id productId;
        Id warehouseId;
        Quantity quantity;
        Quantity onHandDelta;
        Quantity reservedDelta;
        MovementRef ref;
        qint64 id = 0; // 0 until numbered (SQLite: when made; PostgreSQL: in finish())
        qint64 previous = 0; // the stock row's movement before this one; 0 for its first
    };
    using RowKey = std::pair<QString, QString>; // product, warehouse

    // Numbers a movement and puts it at the head of its stock row's chain.
    void link(PendingMovement &movement, qint64 id);
    // SQLite: takes `count` ids from the journal's counter and returns the first.
    qint64 takeMovementIds(qsizetype count);

    QSqlDatabase m_tx;
    qint64 m_now;
    Id m_user;
    bool m_postgres = false;
    // The transaction's feed batch, when the ledger writes stock rows' seqs itself (SQLite only).
    FeedBatch *m_feed = nullptr;
    std::map<std::pair<QString, QString>, StockLevel> m_locked;
    // SQLite: (product, warehouse) whose stock row forEachLevel() read, or (product, empty) for
    // all of a product's rows; a row that does not exist is not in m_locked.
    std::set<std::pair<QString, QString>> m_levelsRead;
    // The newest movement of each locked row: its chain's head as read, then as this ledger moved it.
    std::map<RowKey, qint64> m_heads;
    QList<std::pair<QString, QString>> m_changed;
    QList<PendingMovement> m_movements;
};

} // namespace portico::server
