#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "warehouse/stockledger.h"

#include <QSet>

#include <algorithm>
#include <tuple>

// The ledger's lookups of reservations: an order's, a stock row's not yet on a pick list, and
// the backorders that arriving stock fills.

namespace portico::server {

namespace {

// Reservations of orders that no active pick list holds yet.
const QString NotOnActiveList = QStringLiteral(
    "NOT EXISTS (SELECT 1 FROM pick_list_orders po JOIN pick_lists p ON p.id = po.pick_list_id "
    "WHERE po.order_id = r.order_id AND p.status IN ('open', 'picking', 'picked', 'packed'))");

// Backorders are filled for orders that wait for picking.
const QString OpenForFill = QStringLiteral(
    "r.backorder_milli > 0 AND o.status IN ('accepted', 'accepted_with_changes', 'exported', "
    "'in_production') AND ");

} // namespace

QList<Reservation> StockLedger::reservations(const Id &orderId) const
{
    Sql q(m_tx,
          QStringLiteral("SELECT line_no, product_id, warehouse_id, reserved_milli, backorder_milli "
                         "FROM stock_reservations WHERE order_id = :order ORDER BY line_no"));
    q.bind(QStringLiteral(":order"), idText(orderId)).exec();
    QList<Reservation> result;
    while (q.next())
        result.append({orderId, q.value(0).toInt(), idFrom(q.value(1)), idFrom(q.value(2)),
                       Quantity::fromMilli(q.value(3).toLongLong()),
                       Quantity::fromMilli(q.value(4).toLongLong())});
    return result;
}

QList<Reservation> StockLedger::unpickedReservations(const Id &productId, const Id &warehouseId) const
{
    const QString product = idText(productId);
    const QString warehouse = idText(warehouseId);
    // No index finds a row's reservations (migration 14): its journal does. Every reservation of
    // the row's stock was made by a movement of kind reserve that names the order, and the row's
    // reserved quantity is what its reservations hold. Walking back from the newest movement,
    // the orders met are looked up until what their reservations of the row hold adds up to it:
    // no older movement can name another. Movements of this transaction not yet written come
    // first (on SQLite the row's head may already name one of them).
    qint64 reservedLeft = 0;
    qint64 next = 0;
    {
        Sql row(m_tx,
                QStringLiteral("SELECT reserved_milli, last_movement FROM stock WHERE product_id = :product "
                               "AND warehouse_id = :wh"));
        row.bind(QStringLiteral(":product"), product).bind(QStringLiteral(":wh"), warehouse).exec();
        if (!row.next())
            return {};
        reservedLeft = row.value(0).toLongLong();
        next = row.value(1).toLongLong();
    }
    const QString reserveKind = movementKindToString(MovementKind::Reserve);

    // Each order met is read once: what it holds of the row counts against the row's reserved
    // quantity whether or not a pick list holds it; only lines no active list holds are returned.
    struct Found
    {
        Reservation reservation;
        qint64 createdAt = 0;
        QString number;
    };
    QList<Found> found;
    QSet<QString> met;
    Sql lines(
        m_tx,
        QStringLiteral("SELECT r.line_no, r.reserved_milli, r.backorder_milli, o.created_at, o.number, ")
            + NotOnActiveList
            + QStringLiteral(" FROM stock_reservations r JOIN orders o ON o.id = r.order_id WHERE "
                             "r.order_id = :order AND r.product_id = :product AND r.warehouse_id = :wh "
                             "AND r.reserved_milli > 0"));
    const auto meet = [&](const QString &orderId) {
        if (orderId.isEmpty() || met.contains(orderId))
            return;
        met.insert(orderId);
        lines.bind(QStringLiteral(":order"), orderId)
            .bind(QStringLiteral(":product"), product)
            .bind(QStringLiteral(":wh"), warehouse)
            .exec();
        while (lines.next()) {
            const qint64 reserved = lines.value(1).toLongLong();
            reservedLeft -= reserved;
            if (lines.value(5).toBool())
                found.append(
                    {{idFrom(orderId), lines.value(0).toInt(), productId, warehouseId,
                      Quantity::fromMilli(reserved), Quantity::fromMilli(lines.value(2).toLongLong())},
                     lines.value(3).toLongLong(),
                     lines.value(4).toString()});
        }
    };
    for (auto m = m_movements.crbegin(); m != m_movements.crend() && reservedLeft > 0; ++m) {
        if (m->productId != productId || m->warehouseId != warehouseId)
            continue;
        if (m->kind == MovementKind::Reserve && !m->ref.orderId.isNull())
            meet(idText(m->ref.orderId));
        // SQLite numbered it: the walk goes on from the movement before it.
        if (m->id != 0 && m->id == next)
            next = m->previous;
    }
    // The rest of the chain, a slice at a time.
    constexpr int Slice = 256;
    Sql chain(
        m_tx,
        QStringLiteral("WITH RECURSIVE chain (id, n) AS (SELECT CAST(:start AS BIGINT), 1 UNION ALL "
                       "SELECT m.previous, c.n + 1 FROM chain c JOIN stock_movements m ON m.id = c.id "
                       "WHERE m.previous > 0 AND c.n < CAST(:slice AS INTEGER)) SELECT m.id, m.previous, "
                       "m.kind, m.order_id FROM chain c JOIN stock_movements m ON m.id = c.id ORDER BY "
                       "m.id DESC"));
    while (next > 0 && reservedLeft > 0) {
        chain.bind(QStringLiteral(":start"), next).bind(QStringLiteral(":slice"), Slice).exec();
        qint64 previous = 0;
        QStringList named;
        while (chain.next()) {
            previous = chain.value(1).toLongLong();
            if (chain.value(2).toString() == reserveKind)
                named.append(chain.value(3).toString());
        }
        for (const QString &orderId : std::as_const(named)) {
            if (reservedLeft <= 0)
                break;
            meet(orderId);
        }
        next = previous;
    }

    // The newest order first, as orders are numbered; its last line first.
    std::sort(found.begin(), found.end(), [](const Found &a, const Found &b) {
        return std::tie(b.createdAt, b.number, b.reservation.lineNo)
            < std::tie(a.createdAt, a.number, a.reservation.lineNo);
    });
    QList<Reservation> result;
    result.reserve(found.size());
    for (const Found &f : std::as_const(found))
        result.append(f.reservation);
    return result;
}

QList<Id> StockLedger::fillBackorders(const Id &productId, const Id &warehouseId)
{
    struct Open
    {
        Id orderId;
        QString number;
        int lineNo = 0;
        Quantity backorder;
    };
    QList<Open> open;
    {
        Sql q(m_tx,
              QStringLiteral(
                  "SELECT r.order_id, o.number, r.line_no, r.backorder_milli FROM stock_reservations r "
                  "JOIN orders o ON o.id = r.order_id WHERE r.product_id = :product AND "
                  "r.warehouse_id = :wh AND ")
                  + OpenForFill + NotOnActiveList
                  + QStringLiteral(" ORDER BY o.created_at, o.number, r.line_no"));
        q.bind(QStringLiteral(":product"), idText(productId))
            .bind(QStringLiteral(":wh"), idText(warehouseId))
            .exec();
        while (q.next())
            open.append({idFrom(q.value(0)), q.value(1).toString(), q.value(2).toInt(),
                         Quantity::fromMilli(q.value(3).toLongLong())});
    }
    if (open.isEmpty())
        return {};
    Quantity available = std::max(lock(productId, warehouseId).available(), Quantity());
    QList<Id> filled;
    Sql update(m_tx,
               QStringLiteral("UPDATE stock_reservations SET reserved_milli = reserved_milli + :q, "
                              "backorder_milli = backorder_milli - :q2 WHERE order_id = :order AND "
                              "line_no = :line"));
    for (const Open &line : std::as_const(open)) {
        const Quantity take = std::min(line.backorder, available);
        if (!take.isPositive())
            break;
        update.bind(QStringLiteral(":q"), take.milli())
            .bind(QStringLiteral(":q2"), take.milli())
            .bind(QStringLiteral(":order"), idText(line.orderId))
            .bind(QStringLiteral(":line"), line.lineNo)
            .exec();
        move(MovementKind::Reserve, productId, warehouseId, take, {}, take,
             {line.orderId,
              {},
              {},
              QStringLiteral("backorder of order %1 line %2 filled").arg(line.number).arg(line.lineNo)});
        available -= take;
        if (!filled.contains(line.orderId))
            filled.append(line.orderId);
    }
    return filled;
}

QList<Id> StockLedger::fillAllBackorders()
{
    QList<std::pair<Id, Id>> keys;
    {
        Sql q(m_tx,
              QStringLiteral("SELECT DISTINCT r.product_id, r.warehouse_id FROM stock_reservations r JOIN "
                             "orders o ON o.id = r.order_id JOIN stock s ON s.product_id = r.product_id AND "
                             "s.warehouse_id = r.warehouse_id WHERE s.on_hand_milli > s.reserved_milli AND ")
                  + OpenForFill + NotOnActiveList);
        q.exec();
        while (q.next())
            keys.append({idFrom(q.value(0)), idFrom(q.value(1))});
    }
    lockAll(keys);
    QList<Id> filled;
    for (const auto &[product, warehouse] : std::as_const(keys)) {
        for (const Id &order : fillBackorders(product, warehouse)) {
            if (!filled.contains(order))
                filled.append(order);
        }
    }
    return filled;
}

} // namespace portico::server
