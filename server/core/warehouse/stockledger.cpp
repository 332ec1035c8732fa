#include "warehouse/stockledger.h"

#include "catalog/catalogfeed.h"
#include "catalog/catalogrepository.h"
#include "storage/bulkrows.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqliterows.h"
#include "storage/sqlvalues.h"
#include "storage/valuerows.h"
#include "sync/feedbatch.h"

#include <QSqlDriver>

#include <algorithm>
#include <tuple>

namespace portico::server {

QString movementKindToString(MovementKind kind)
{
    switch (kind) {
    case MovementKind::Reserve:
        return QStringLiteral("reserve");
    case MovementKind::Release:
        return QStringLiteral("release");
    case MovementKind::Pick:
        return QStringLiteral("pick");
    case MovementKind::Ship:
        return QStringLiteral("ship");
    case MovementKind::CountAdjustment:
        return QStringLiteral("count_adjustment");
    }
    return QString();
}

StockLedger::StockLedger(const QSqlDatabase &tx, qint64 nowMs, const Id &userId)
    : m_tx(tx)
    , m_now(nowMs)
    , m_user(userId)
    , m_postgres(tx.driver()->dbmsType() == QSqlDriver::PostgreSQL)
{ }

StockLedger::StockLedger(const QSqlDatabase &tx, qint64 nowMs, const Id &userId, FeedBatch &feed)
    : StockLedger(tx, nowMs, userId)
{
    if (!m_postgres)
        m_feed = &feed;
}

StockLevel StockLedger::lock(const Id &productId, const Id &warehouseId)
{
    const std::pair key {idText(productId), idText(warehouseId)};
    if (const auto found = m_locked.find(key); found != m_locked.end())
        return found->second;
    const QString select
        = QStringLiteral("SELECT on_hand_milli, reserved_milli, as_of, last_movement FROM stock "
                         "WHERE product_id = :product AND warehouse_id = :wh")
        + (m_postgres ? QStringLiteral(" FOR UPDATE") : QString());
    StockLevel level {productId, warehouseId, {}, {}, {}};
    for (int attempt = 0; attempt < 2; ++attempt) {
        Sql q(m_tx, select);
        q.bind(QStringLiteral(":product"), key.first).bind(QStringLiteral(":wh"), key.second).exec();
        if (q.next()) {
            level.onHand = Quantity::fromMilli(q.value(0).toLongLong());
            level.reserved = Quantity::fromMilli(q.value(1).toLongLong());
            level.asOf = utcFromMsecs(q.value(2).toLongLong());
            m_locked.emplace(key, level);
            m_heads.emplace(key, q.value(3).toLongLong());
            return level;
        }
        Sql insert(
            m_tx,
            QStringLiteral("INSERT INTO stock (product_id, warehouse_id, on_hand_milli, reserved_milli, "
                           "as_of) VALUES (:product, :wh, 0, 0, :now) "
                           "ON CONFLICT (product_id, warehouse_id) DO NOTHING"));
        insert.bind(QStringLiteral(":product"), key.first)
            .bind(QStringLiteral(":wh"), key.second)
            .bind(QStringLiteral(":now"), m_now)
            .exec();
    }
    throw StorageError(
        QStringLiteral("the stock row of %1 in %2 cannot be locked").arg(key.first, key.second));
}

void StockLedger::lockAll(QList<std::pair<Id, Id>> keys)
{
    std::sort(keys.begin(), keys.end(), [](const auto &a, const auto &b) {
        return std::pair(idText(a.first), idText(a.second)) < std::pair(idText(b.first), idText(b.second));
    });
    // The rows of one warehouse (an order's lines) are read in one statement; PostgreSQL locks
    // them in the statement's order, the same (product, warehouse) order as one by one. What is
    // missing (a product the warehouse never had) is created by lock() below.
    const bool oneWarehouse = std::all_of(keys.cbegin(), keys.cend(),
                                          [&](const auto &key) { return key.second == keys.front().second; });
    // Rows this transaction read already (available(), warehouseFor()) are not read again.
    QList<std::pair<Id, Id>> unread;
    for (const auto &key : std::as_const(keys)) {
        if (!m_locked.contains(std::pair {idText(key.first), idText(key.second)}))
            unread.append(key);
    }
    if (unread.size() > 1 && oneWarehouse) {
        QList<Id> products;
        products.reserve(unread.size());
        for (const auto &key : std::as_const(unread))
            products.append(key.first);
        forEachLevel(products, unread.front().second, [](const StockLevel &) {});
    }
    for (const auto &[product, warehouse] : std::as_const(keys))
        lock(product, warehouse);
}

void StockLedger::move(MovementKind kind, const Id &productId, const Id &warehouseId, Quantity quantity,
                       Quantity onHandDelta, Quantity reservedDelta, const MovementRef &ref)
{
    lock(productId, warehouseId);
    const std::pair key {idText(productId), idText(warehouseId)};
    StockLevel &level = m_locked[key];
    PendingMovement movement {kind, productId, warehouseId, quantity, onHandDelta, reservedDelta, ref};
    const bool changes = !onHandDelta.isZero() || !reservedDelta.isZero();
    if (!m_postgres)
        link(movement, takeMovementIds(1));
    if (!m_postgres || changes) {
        // On SQLite the row's new head goes with its quantities (a movement that changes neither
        // still heads the row's chain); PostgreSQL writes the heads in finish().
        Sql update(m_tx,
                   QStringLiteral("UPDATE stock SET on_hand_milli = on_hand_milli + :on, "
                                  "reserved_milli = reserved_milli + :res")
                       + (m_postgres ? QString() : QStringLiteral(", last_movement = :head"))
                       + QStringLiteral(" WHERE product_id = :product AND warehouse_id = :wh"));
        update.bind(QStringLiteral(":on"), onHandDelta.milli())
            .bind(QStringLiteral(":res"), reservedDelta.milli());
        if (!m_postgres)
            update.bind(QStringLiteral(":head"), movement.id);
        update.bind(QStringLiteral(":product"), key.first).bind(QStringLiteral(":wh"), key.second).exec();
    }
    if (changes) {
        level.onHand += onHandDelta;
        level.reserved += reservedDelta;
        if (!m_changed.contains(key))
            m_changed.append(key);
    }
    m_movements.append(movement);
}

void StockLedger::link(PendingMovement &movement, qint64 id)
{
    qint64 &head = m_heads[RowKey {idText(movement.productId), idText(movement.warehouseId)}];
    movement.id = id;
    movement.previous = head;
    head = id;
}

qint64 StockLedger::takeMovementIds(qsizetype count)
{
    Sql next(m_tx,
             QStringLiteral("INSERT INTO meta (key, value) VALUES ('stock_movement', :n) "
                            "ON CONFLICT (key) DO UPDATE SET value = "
                            "CAST(CAST(meta.value AS BIGINT) + :n2 AS TEXT) RETURNING value"));
    next.bind(QStringLiteral(":n"), QString::number(count))
        .bind(QStringLiteral(":n2"), static_cast<qint64>(count))
        .exec();
    const qint64 last = next.next() ? next.value(0).toLongLong() : count;
    return last - count + 1;
}

void StockLedger::forEachLevel(const QList<Id> &productIds, const Id &warehouseId,
                               const std::function<void(const StockLevel &)> &fn)
{
    const QString warehouse = warehouseId.isNull() ? QString() : idText(warehouseId);
    QHash<QString, Id> products;
    QStringList order;
    QStringList unread;
    for (const Id &id : productIds) {
        const QString product = idText(id);
        if (products.contains(product))
            continue;
        products.insert(product, id);
        order.append(product);
        const bool kept = m_levelsRead.contains({product, QString()})
            || (!warehouse.isEmpty()
                && (m_levelsRead.contains({product, warehouse}) || m_locked.contains({product, warehouse})));
        if (!kept)
            unread.append(product);
    }
    // A row this transaction locked already is kept as it stands.
    Id warehouseRead;
    const auto keep = [&](RowKey key, qint64 onHand, qint64 reserved, qint64 asOf, qint64 head) {
        if (!m_heads.emplace(key, head).second)
            return;
        if (idText(warehouseRead) != key.second)
            warehouseRead = Id::fromString(key.second);
        const Id productId = products.value(key.first);
        m_locked.emplace(std::move(key),
                         StockLevel {productId, warehouseRead, Quantity::fromMilli(onHand),
                                     Quantity::fromMilli(reserved), utcFromMsecs(asOf)});
    };
    forRowChunks(unread.size(), 1, [&](qsizetype first, qsizetype count) {
        QString statement
            = QStringLiteral("SELECT product_id, warehouse_id, on_hand_milli, reserved_milli, as_of, "
                             "last_movement FROM stock WHERE product_id IN ")
            + valueRows(1, count);
        if (!warehouse.isEmpty())
            statement += QStringLiteral(" AND warehouse_id = :wh");
        if (m_postgres) {
            // Locked as they are read, in the order lockAll() locks rows, so that what is kept
            // holds until the commit.
            statement += QStringLiteral(" ORDER BY product_id, warehouse_id FOR UPDATE");
            Sql q(m_tx, statement);
            for (qsizetype i = 0; i < count; ++i)
                q.bind(valueName(static_cast<int>(i)), unread.at(first + i));
            if (!warehouse.isEmpty())
                q.bind(QStringLiteral(":wh"), warehouse);
            q.exec();
            while (q.next())
                keep({q.value(0).toString(), q.value(1).toString()}, q.value(2).toLongLong(),
                     q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong());
            return;
        }
        // SQLite: the writer's own rows, stepped through SQLite's C API (storage/sqliterows.h).
        SqliteRows rows(m_tx, statement);
        for (qsizetype i = 0; i < count; ++i)
            rows.bind(valueName(static_cast<int>(i)), unread.at(first + i));
        if (!warehouse.isEmpty())
            rows.bind(QStringLiteral(":wh"), warehouse);
        while (rows.next())
            keep({QString::fromUtf8(rows.text(0)), QString::fromUtf8(rows.text(1))}, rows.integer(2),
                 rows.integer(3), rows.integer(4), rows.integer(5));
    });
    for (const QString &product : std::as_const(order)) {
        if (!warehouse.isEmpty()) {
            m_levelsRead.insert({product, warehouse});
            if (const auto found = m_locked.find({product, warehouse}); found != m_locked.end())
                fn(found->second);
            continue;
        }
        m_levelsRead.insert({product, QString()});
        for (auto it = m_locked.lower_bound({product, QString()});
             it != m_locked.end() && it->first.first == product; ++it)
            fn(it->second);
    }
}

QHash<Id, Quantity> StockLedger::available(const QList<Id> &productIds, const Id &warehouseId)
{
    QHash<Id, Quantity> result;
    forEachLevel(productIds, warehouseId,
                 [&](const StockLevel &level) { result[level.productId] += level.available(); });
    return result;
}

Id StockLedger::warehouseFor(const Order &order)
{
    if (!order.warehouseId.isNull())
        return order.warehouseId;
    // Per warehouse: how many of the order's products it has available, and how much stock.
    struct Candidate
    {
        Id id;
        QString idText;
        QString name;
        int available = 0;
        qint64 stock = 0;
    };
    QList<Candidate> candidates;
    QList<Id> productIds;
    for (const OrderLine &line : order.lines)
        productIds.append(line.productId);
    forEachLevel(productIds, Id(), [&](const StockLevel &level) {
        auto candidate = std::find_if(candidates.begin(), candidates.end(),
                                      [&](const Candidate &c) { return c.id == level.warehouseId; });
        if (candidate == candidates.end())
            candidate = candidates.insert(
                candidates.end(), Candidate {level.warehouseId, idText(level.warehouseId), QString()});
        candidate->available += level.available().isPositive() ? 1 : 0;
        candidate->stock += level.available().milli();
    });
    const auto byStock = [](const Candidate &a, const Candidate &b) {
        if (a.available != b.available)
            return a.available > b.available;
        return a.stock > b.stock;
    };
    auto best = std::min_element(candidates.begin(), candidates.end(), byStock);
    if (best == candidates.end()) {
        Sql first(m_tx, QStringLiteral("SELECT id FROM warehouses ORDER BY name, id LIMIT 1"));
        first.exec();
        return first.next() ? idFrom(first.value(0)) : Id();
    }
    // Warehouses that stock the order equally well are told apart by name, then id; their names
    // are read only then.
    const bool tied = std::any_of(candidates.cbegin(), candidates.cend(), [&](const Candidate &c) {
        return &c != &*best && !byStock(*best, c) && !byStock(c, *best);
    });
    if (!tied)
        return best->id;
    Sql names(m_tx, QStringLiteral("SELECT id, name FROM warehouses"));
    names.exec();
    while (names.next()) {
        const QString id = names.value(0).toString();
        for (Candidate &c : candidates) {
            if (c.idText == id)
                c.name = names.value(1).toString();
        }
    }
    best
        = std::min_element(candidates.begin(), candidates.end(), [&](const Candidate &a, const Candidate &b) {
              if (byStock(a, b) || byStock(b, a))
                  return byStock(a, b);
              return std::tie(a.name, a.idText) < std::tie(b.name, b.idText);
          });
    return best->id;
}

std::optional<QString> StockLedger::reserveOrder(const Order &order, const Id &warehouseId,
                                                 ReservationPolicy policy)
{
    if (warehouseId.isNull() || !reservations(order.id).isEmpty())
        return std::nullopt;
    return reserveNewOrder(order, warehouseId, policy);
}

std::optional<QString> StockLedger::reserveNewOrder(const Order &order, const Id &warehouseId,
                                                    ReservationPolicy policy)
{
    if (warehouseId.isNull())
        return std::nullopt;
    QList<std::pair<Id, Id>> keys;
    for (const auto &line : order.lines)
        keys.append({line.productId, warehouseId});
    lockAll(keys);

    // What each line gets, lines of one product sharing what is available in their order.
    QHash<Id, Quantity> available;
    QList<Quantity> granted;
    bool complete = true;
    for (const auto &line : order.lines) {
        if (!available.contains(line.productId)) {
            const StockLevel level = lock(line.productId, warehouseId);
            available.insert(line.productId, std::max(level.available(), Quantity()));
        }
        Quantity &left = available[line.productId];
        const Quantity take = std::min(line.quantity, left);
        complete = complete && take == line.quantity;
        left -= take;
        granted.append(take);
    }
    if (policy == ReservationPolicy::Hold && !complete)
        return QStringLiteral(
            "Not all of the order is in stock; the hold policy reserves an order only in full");

    // The reservations in one bulk insert, and the stock rows in one UPDATE of what each product
    // takes, instead of a statement per line.
    BulkRows reservations(order.lines.size() * 100);
    for (qsizetype i = 0; i < order.lines.size(); ++i) {
        const OrderLine &line = order.lines.at(i);
        const Quantity take = granted.at(i);
        const Quantity backorder = policy == ReservationPolicy::Backorder ? line.quantity - take : Quantity();
        reservations.row()
            .id(order.id)
            .integer(line.lineNo)
            .id(line.productId)
            .id(warehouseId)
            .integer(take.milli())
            .integer(backorder.milli());
    }
    reservations.insert(m_tx,
                        QStringLiteral("INSERT INTO stock_reservations (order_id, line_no, product_id, "
                                       "warehouse_id, reserved_milli, backorder_milli)"));
    QList<std::pair<Id, Quantity>> taken;
    qint64 nextId = 0;
    if (!m_postgres) {
        const auto moving = std::count_if(granted.cbegin(), granted.cend(),
                                          [](const Quantity &take) { return take.isPositive(); });
        if (moving > 0)
            nextId = takeMovementIds(moving);
    }
    for (qsizetype i = 0; i < order.lines.size(); ++i) {
        const OrderLine &line = order.lines.at(i);
        const Quantity take = granted.at(i);
        if (!take.isPositive())
            continue;
        const auto same = std::find_if(taken.begin(), taken.end(),
                                       [&](const auto &product) { return product.first == line.productId; });
        if (same == taken.end())
            taken.append({line.productId, take});
        else
            same->second += take;
        m_movements.append(
            {MovementKind::Reserve,
             line.productId,
             warehouseId,
             take,
             {},
             take,
             {order.id, {}, {}, QStringLiteral("order %1 line %2").arg(order.number).arg(line.lineNo)}});
        if (!m_postgres)
            link(m_movements.last(), nextId++);
    }
    addReserved(warehouseId, taken);
    return std::nullopt;
}

void StockLedger::addReserved(const Id &warehouseId, const QList<std::pair<Id, Quantity>> &taken)
{
    if (!m_postgres) {
        // SQLite: one prepared statement stepped for each product, its values bound through the
        // C API; the statement below would be written out and bound by name for every order.
        // With the transaction's feed batch, the same update writes the row's new seq (without
        // it the seq stays, and the append stamps the row).
        BulkRows rows(taken.size() * 100);
        const QString warehouse = idText(warehouseId);
        for (const auto &[productId, quantity] : taken) {
            rows.row().integer(quantity.milli());
            if (m_feed)
                rows.integer(m_feed->rowSeq(m_tx, CatalogFeed::stock(), idText(productId), warehouse));
            else
                rows.null();
            rows.integer(m_heads[RowKey {idText(productId), warehouse}]).id(productId).id(warehouseId);
        }
        rows.exec(m_tx,
                  QStringLiteral("UPDATE stock SET reserved_milli = reserved_milli + ?1, seq = "
                                 "COALESCE(?2, seq), last_movement = ?3 WHERE product_id = ?4 AND "
                                 "warehouse_id = ?5"));
        noteReserved(warehouseId, taken, m_feed != nullptr);
        return;
    }
    // UPDATE stock SET reserved_milli = reserved_milli + CASE product_id WHEN :p THEN :q ... END
    // WHERE warehouse_id = :wh AND product_id IN (:p2, ...), the rows locked by the caller (each
    // product named twice, under two names: a name is bound to one place).
    constexpr int Columns = 3;
    const QString warehouse = idText(warehouseId);
    forRowChunks(taken.size(), Columns, [&](qsizetype first, qsizetype count) {
        QString cases;
        QString products;
        for (qsizetype i = 0; i < count; ++i) {
            const int at = static_cast<int>(i) * Columns;
            cases += QStringLiteral(" WHEN ") + valueName(at) + QStringLiteral(" THEN CAST(")
                + valueName(at + 1) + QStringLiteral(" AS BIGINT)");
            products += (i > 0 ? QStringLiteral(",") : QString()) + valueName(at + 2);
        }
        Sql update(m_tx,
                   QStringLiteral("UPDATE stock SET reserved_milli = reserved_milli + CASE product_id")
                       + cases + QStringLiteral(" END WHERE warehouse_id = :wh AND product_id IN (")
                       + products + QLatin1Char(')'));
        update.bind(QStringLiteral(":wh"), warehouse);
        for (qsizetype i = 0; i < count; ++i) {
            const auto &[productId, quantity] = taken.at(first + i);
            const int at = static_cast<int>(i) * Columns;
            update.bind(valueName(at), idText(productId))
                .bind(valueName(at + 1), quantity.milli())
                .bind(valueName(at + 2), idText(productId));
        }
        update.exec();
    });
    noteReserved(warehouseId, taken, false);
}

void StockLedger::noteReserved(const Id &warehouseId, const QList<std::pair<Id, Quantity>> &taken,
                               bool stamped)
{
    const QString warehouse = idText(warehouseId);
    for (const auto &[productId, quantity] : taken) {
        const std::pair key {idText(productId), warehouse};
        m_locked[key].reserved += quantity;
        if (!stamped && !m_changed.contains(key))
            m_changed.append(key);
    }
}

void StockLedger::releaseOrder(const Id &orderId, const QString &note)
{
    const QList<Reservation> held = reservations(orderId);
    QList<std::pair<Id, Id>> keys;
    for (const auto &r : held)
        keys.append({r.productId, r.warehouseId});
    lockAll(keys);
    for (const auto &r : held) {
        if (r.reserved.isPositive())
            move(MovementKind::Release, r.productId, r.warehouseId, r.reserved, {}, -r.reserved,
                 {orderId, {}, {}, note});
    }
    Sql remove(m_tx, QStringLiteral("DELETE FROM stock_reservations WHERE order_id = :order"));
    remove.bind(QStringLiteral(":order"), idText(orderId)).exec();
}

void StockLedger::releaseLine(const Id &orderId, int lineNo, Quantity quantity, ReservationPolicy policy,
                              const MovementRef &ref)
{
    for (const auto &r : reservations(orderId)) {
        if (r.lineNo != lineNo)
            continue;
        const Quantity release = std::min(quantity, r.reserved);
        if (!release.isPositive())
            return;
        move(MovementKind::Release, r.productId, r.warehouseId, release, {}, -release, ref);
        Sql update(m_tx,
                   QStringLiteral("UPDATE stock_reservations SET reserved_milli = reserved_milli - :q, "
                                  "backorder_milli = backorder_milli + :back WHERE order_id = :order AND "
                                  "line_no = :line"));
        update.bind(QStringLiteral(":q"), release.milli())
            .bind(QStringLiteral(":back"), policy == ReservationPolicy::Backorder ? release.milli() : 0)
            .bind(QStringLiteral(":order"), idText(orderId))
            .bind(QStringLiteral(":line"), lineNo)
            .exec();
        return;
    }
}

void StockLedger::ship(const Id &orderId, int lineNo, const Id &productId, const Id &warehouseId,
                       Quantity quantity, const MovementRef &ref)
{
    Quantity reserved;
    for (const auto &r : reservations(orderId)) {
        if (r.lineNo == lineNo)
            reserved = std::min(quantity, r.reserved);
    }
    move(MovementKind::Ship, productId, warehouseId, quantity, -quantity, -reserved, ref);
    Sql update(m_tx,
               QStringLiteral("UPDATE stock_reservations SET reserved_milli = reserved_milli - :q "
                              "WHERE order_id = :order AND line_no = :line"));
    update.bind(QStringLiteral(":q"), reserved.milli())
        .bind(QStringLiteral(":order"), idText(orderId))
        .bind(QStringLiteral(":line"), lineNo)
        .exec();
}

void StockLedger::finish(FeedBatch &feed)
{
    Q_ASSERT(m_feed == nullptr || m_feed == &feed);
    if (!m_movements.isEmpty()) {
        if (m_postgres) {
            // Numbered now, the counter's row locked after every stock row; each row touched
            // gets its new head.
            qint64 id = takeMovementIds(m_movements.size());
            QList<RowKey> moved;
            for (PendingMovement &m : m_movements) {
                link(m, id++);
                const RowKey key {idText(m.productId), idText(m.warehouseId)};
                if (!moved.contains(key))
                    moved.append(key);
            }
            QList<KeyedInteger> heads;
            heads.reserve(moved.size());
            for (const RowKey &key : std::as_const(moved))
                heads.append({key.first, key.second, m_heads[key]});
            updateKeyedIntegers(m_tx, QStringLiteral("stock"), QStringLiteral("last_movement"),
                                QStringLiteral("product_id"), QStringLiteral("warehouse_id"), heads);
        }
        BulkRows rows(m_movements.size() * 200);
        for (const PendingMovement &m : std::as_const(m_movements)) {
            rows.row()
                .integer(m.id)
                .integer(m.previous)
                .integer(m_now)
                .text(movementKindToString(m.kind))
                .id(m.productId)
                .id(m.warehouseId)
                .integer(m.quantity.milli())
                .integer(m.onHandDelta.milli())
                .integer(m.reservedDelta.milli())
                .id(m_user)
                .id(m.ref.orderId)
                .id(m.ref.pickListId)
                .id(m.ref.countId)
                .text(m.ref.note);
        }
        rows.insert(m_tx,
                    QStringLiteral("INSERT INTO stock_movements (id, previous, at, kind, product_id, "
                                   "warehouse_id, quantity_milli, on_hand_delta_milli, reserved_delta_milli, "
                                   "by_user, order_id, pick_list_id, count_id, note)"));
        m_movements.clear();
    }
    // The rows were updated above; the append stamps their seq.
    for (const auto &[product, warehouse] : std::as_const(m_changed))
        feed.touch(CatalogFeed::stock(), product, warehouse);
    m_changed.clear();
}

} // namespace portico::server
