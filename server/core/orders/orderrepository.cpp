#include "orders/orderrepository.h"

#include "storage/bulkrows.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "storage/valuerows.h"

#include <QJsonDocument>

namespace portico::server {

namespace {

const QString Columns = QStringLiteral(
    "id, number, client_number, external_id, customer_id, created_by, price_type_id, warehouse_id, currency, "
    "status, created_at, prices_as_of, delivery_date, comment, net_minor, vat_minor, total_minor, "
    "discount_minor, "
    "request_hash, outcome_json, author_only");

StoredOrder orderFrom(const Sql &q)
{
    StoredOrder s;
    Order &o = s.order;
    o.id = idFrom(q.value(0));
    o.number = q.value(1).toString();
    o.clientNumber = q.value(2).toString();
    o.externalId = q.value(3).toString();
    o.customerId = idFrom(q.value(4));
    o.createdBy = idFrom(q.value(5));
    o.priceTypeId = idFrom(q.value(6));
    o.warehouseId = idFrom(q.value(7));
    o.currency = Currency::fromCode(q.value(8).toString()).value_or(Currency::rub());
    o.status = orderStatusFromString(q.value(9).toString()).value_or(OrderStatus::Submitted);
    o.createdAt = utcFromMsecs(q.value(10).toLongLong());
    o.pricesAsOf = utcFromMsecs(q.value(11).toLongLong());
    o.deliveryDate = QDate::fromString(q.value(12).toString(), Qt::ISODate);
    o.comment = q.value(13).toString();
    o.totals = {Money::fromMinor(q.value(14).toLongLong(), o.currency),
                Money::fromMinor(q.value(15).toLongLong(), o.currency),
                Money::fromMinor(q.value(16).toLongLong(), o.currency),
                Money::fromMinor(q.value(17).toLongLong(), o.currency)};
    s.requestHash = q.value(18).toString();
    s.outcome = QJsonDocument::fromJson(q.value(19).toString().toUtf8()).object();
    s.authorOnly = q.value(20).toBool();
    return s;
}

} // namespace

std::optional<StoredOrder> OrderRepository::find(const Id &id) const
{
    Sql q(m_tx, QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM orders WHERE id = :id"));
    q.bind(QStringLiteral(":id"), idText(id)).exec();
    if (!q.next())
        return std::nullopt;
    StoredOrder stored = orderFrom(q);
    stored.order.lines = lines(id, stored.order.currency);
    stored.order.history = history(id);
    return stored;
}

bool OrderRepository::exists(const Id &id) const
{
    Sql q(m_tx, QStringLiteral("SELECT 1 FROM orders WHERE id = :id"));
    q.bind(QStringLiteral(":id"), idText(id)).exec();
    return q.next();
}

void OrderRepository::insertLines(const Order &order)
{
    BulkRows lines(order.lines.size() * 120);
    for (const OrderLine &l : order.lines) {
        lines.row()
            .id(order.id)
            .integer(l.lineNo)
            .id(l.productId)
            .integer(l.quantity.milli())
            .integer(l.unitPrice.minor())
            .integer(l.discount)
            .text(vatRateToString(l.vatRate))
            .integer(l.amount.minor())
            .integer(l.vatAmount.minor())
            .integer(l.total.minor());
    }
    lines.insert(m_tx,
                 QStringLiteral("INSERT INTO order_lines (order_id, line_no, product_id, quantity_milli, "
                                "unit_price_minor, discount_bp, vat_rate, amount_minor, vat_minor, "
                                "total_minor)"));
}

void OrderRepository::insert(const StoredOrder &stored)
{
    const Order &o = stored.order;
    Sql q(m_tx,
          QStringLiteral("INSERT INTO orders (") + Columns
              + QStringLiteral(
                  ", updated_at) VALUES (:id, :number, :cnum, :ext, :cust, :by, :pt, :wh, :cur, :status, "
                  ":created, :asof, :delivery, :comment, :net, :vat, :total, :disc, :hash, :outcome, "
                  ":authoronly, :updated)"));
    q.bind(QStringLiteral(":id"), idText(o.id))
        .bind(QStringLiteral(":number"), textOrNull(o.number))
        .bind(QStringLiteral(":cnum"), o.clientNumber)
        .bind(QStringLiteral(":ext"), textOrNull(o.externalId))
        .bind(QStringLiteral(":cust"), idText(o.customerId))
        .bind(QStringLiteral(":by"), idText(o.createdBy))
        .bind(QStringLiteral(":pt"), idValue(o.priceTypeId))
        .bind(QStringLiteral(":wh"), idValue(o.warehouseId))
        .bind(QStringLiteral(":cur"), o.currency.code())
        .bind(QStringLiteral(":status"), orderStatusToString(o.status))
        .bind(QStringLiteral(":created"), msecs(o.createdAt))
        .bind(QStringLiteral(":asof"), msecs(o.pricesAsOf))
        .bind(QStringLiteral(":delivery"),
              textOrNull(o.deliveryDate.isValid() ? o.deliveryDate.toString(Qt::ISODate) : QString()))
        .bind(QStringLiteral(":comment"), o.comment)
        .bind(QStringLiteral(":net"), o.totals.net.minor())
        .bind(QStringLiteral(":vat"), o.totals.vat.minor())
        .bind(QStringLiteral(":total"), o.totals.total.minor())
        .bind(QStringLiteral(":disc"), o.totals.discount.minor())
        .bind(QStringLiteral(":hash"), stored.requestHash)
        .bind(QStringLiteral(":outcome"),
              QString::fromUtf8(QJsonDocument(stored.outcome).toJson(QJsonDocument::Compact)))
        .bind(QStringLiteral(":authoronly"), stored.authorOnly)
        .bind(QStringLiteral(":updated"), msecs(o.createdAt))
        .exec();
    // Lines and history go in bulk inserts (storage/bulkrows.h): on PostgreSQL one statement per
    // chunk of rows instead of one per row (each a round trip), on SQLite bound through its C API.
    insertLines(o);
    BulkRows history;
    for (qsizetype i = 0; i < o.history.size(); ++i) {
        const StatusChange &change = o.history.at(i);
        history.row()
            .id(o.id)
            .integer(i + 1)
            .integer(msecs(change.at))
            .text(orderStatusToString(change.from))
            .text(orderStatusToString(change.to))
            .id(change.byUserId)
            .text(change.reason);
    }
    history.insert(m_tx,
                   QStringLiteral("INSERT INTO order_history (order_id, seq, at, from_status, to_status, "
                                  "by_user, reason)"));
}

void OrderRepository::recordStatus(const Id &id, const StatusChange &change, qint64 nowMs)
{
    Sql update(m_tx, QStringLiteral("UPDATE orders SET status = :status, updated_at = :now WHERE id = :id"));
    update.bind(QStringLiteral(":status"), orderStatusToString(change.to))
        .bind(QStringLiteral(":now"), nowMs)
        .bind(QStringLiteral(":id"), idText(id))
        .exec();
    Sql next(m_tx,
             QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM order_history WHERE order_id = :id"));
    next.bind(QStringLiteral(":id"), idText(id)).exec();
    const int seq = next.next() ? next.value(0).toInt() : 1;
    Sql h(m_tx,
          QStringLiteral(
              "INSERT INTO order_history (order_id, seq, at, from_status, to_status, by_user, reason) "
              "VALUES (:id, :seq, :at, :from, :to, :by, :reason)"));
    h.bind(QStringLiteral(":id"), idText(id))
        .bind(QStringLiteral(":seq"), seq)
        .bind(QStringLiteral(":at"), msecs(change.at))
        .bind(QStringLiteral(":from"), orderStatusToString(change.from))
        .bind(QStringLiteral(":to"), orderStatusToString(change.to))
        .bind(QStringLiteral(":by"), idValue(change.byUserId))
        .bind(QStringLiteral(":reason"), change.reason)
        .exec();
}

std::optional<Id> OrderRepository::idForNumber(const QString &number) const
{
    Sql q(m_tx, QStringLiteral("SELECT id FROM orders WHERE number = :n"));
    q.bind(QStringLiteral(":n"), number).exec();
    if (!q.next())
        return std::nullopt;
    return idFrom(q.value(0));
}

void OrderRepository::setExternalId(const Id &id, const QString &externalId, qint64 nowMs)
{
    Sql(m_tx, QStringLiteral("UPDATE orders SET external_id = :ext, updated_at = :now WHERE id = :id"))
        .bind(QStringLiteral(":ext"), textOrNull(externalId))
        .bind(QStringLiteral(":now"), nowMs)
        .bind(QStringLiteral(":id"), idText(id))
        .exec();
}

QList<Order> OrderRepository::list(const OrderFilter &filter) const
{
    QList<Order> result;
    // Author-only attempts are never listed: their author has them from the feed.
    QString statement = QStringLiteral("SELECT ") + Columns
        + QStringLiteral(" FROM orders WHERE author_only = :authoronly");
    if (!filter.allCustomers) {
        QStringList names;
        for (qsizetype i = 0; i < filter.customerIds.size(); ++i)
            names << QStringLiteral(":c%1").arg(i);
        statement += names.isEmpty()
            ? QStringLiteral(" AND 1 = 0")
            : QStringLiteral(" AND customer_id IN (") + names.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    if (filter.status)
        statement += QStringLiteral(" AND status = :status");
    if (filter.fromMs > 0)
        statement += QStringLiteral(" AND created_at >= :from");
    if (filter.toMs > 0)
        statement += QStringLiteral(" AND created_at < :to");
    if (!filter.search.isEmpty())
        statement += QStringLiteral(" AND (number LIKE :s1 OR client_number LIKE :s2)");
    statement += QStringLiteral(" ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset");
    Sql q(m_tx, statement);
    q.bind(QStringLiteral(":authoronly"), false);
    if (!filter.allCustomers) {
        for (qsizetype i = 0; i < filter.customerIds.size(); ++i)
            q.bind(QStringLiteral(":c%1").arg(i), idText(filter.customerIds.at(i)));
    }
    if (filter.status)
        q.bind(QStringLiteral(":status"), orderStatusToString(*filter.status));
    if (filter.fromMs > 0)
        q.bind(QStringLiteral(":from"), filter.fromMs);
    if (filter.toMs > 0)
        q.bind(QStringLiteral(":to"), filter.toMs);
    if (!filter.search.isEmpty()) {
        const QString pattern = filter.search + QLatin1Char('%');
        q.bind(QStringLiteral(":s1"), pattern).bind(QStringLiteral(":s2"), pattern);
    }
    q.bind(QStringLiteral(":limit"), filter.limit).bind(QStringLiteral(":offset"), filter.offset).exec();
    while (q.next())
        result.append(orderFrom(q).order);
    return result;
}

QString OrderRepository::nextNumber()
{
    Sql update(
        m_tx,
        QStringLiteral(
            "INSERT INTO meta (key, value) VALUES ('order_number', '1') ON CONFLICT (key) DO UPDATE SET "
            "value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT) RETURNING value"));
    update.exec();
    const qint64 number = update.next() ? update.value(0).toLongLong() : 1;
    return QStringLiteral("P-%1").arg(number, 6, 10, QLatin1Char('0'));
}

QList<OrderLine> OrderRepository::lines(const Id &orderId, Currency currency) const
{
    Sql q(m_tx,
          QStringLiteral(
              "SELECT line_no, product_id, quantity_milli, unit_price_minor, discount_bp, vat_rate, "
              "amount_minor, vat_minor, total_minor FROM order_lines WHERE order_id = :id ORDER BY line_no"));
    q.bind(QStringLiteral(":id"), idText(orderId)).exec();
    QList<OrderLine> result;
    while (q.next()) {
        OrderLine l;
        l.lineNo = q.value(0).toInt();
        l.productId = idFrom(q.value(1));
        l.quantity = Quantity::fromMilli(q.value(2).toLongLong());
        l.unitPrice = Money::fromMinor(q.value(3).toLongLong(), currency);
        l.discount = q.value(4).toInt();
        l.vatRate = vatRateFromString(q.value(5).toString()).value_or(VatRate::Twenty);
        l.amount = Money::fromMinor(q.value(6).toLongLong(), currency);
        l.vatAmount = Money::fromMinor(q.value(7).toLongLong(), currency);
        l.total = Money::fromMinor(q.value(8).toLongLong(), currency);
        result.append(l);
    }
    return result;
}

QList<StatusChange> OrderRepository::history(const Id &orderId) const
{
    Sql q(m_tx,
          QStringLiteral(
              "SELECT at, from_status, to_status, by_user, reason FROM order_history WHERE order_id = :id "
              "ORDER BY seq"));
    q.bind(QStringLiteral(":id"), idText(orderId)).exec();
    QList<StatusChange> result;
    while (q.next()) {
        result.append({orderStatusFromString(q.value(1).toString()).value_or(OrderStatus::Draft),
                       orderStatusFromString(q.value(2).toString()).value_or(OrderStatus::Draft),
                       utcFromMsecs(q.value(0).toLongLong()), idFrom(q.value(3)), q.value(4).toString()});
    }
    return result;
}

} // namespace portico::server
