#include "cache/orderqueries.h"

#include "cache/cachedatabase.h"
#include "cache/cachesql.h"
#include "cache/searchtext.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>

namespace portico::client {

bool OrderLineComparison::quantityChanged() const
{
    if (!local || !server)
        return true;
    return local->quantity != server->quantity;
}

bool OrderLineComparison::priceChanged() const
{
    if (!local || !server)
        return true;
    return local->unitPrice != server->unitPrice || local->discount != server->discount;
}

bool OrderLineComparison::totalChanged() const
{
    if (!local || !server)
        return true;
    return local->total != server->total;
}

bool OrderDetail::hasPendingAction(OutboxItem::Kind kind) const
{
    return pendingActions.contains(outboxKindToString(kind));
}

bool OrderDetail::canConfirm() const
{
    return order.server && order.server->status == OrderStatus::AcceptedWithChanges
        && order.order.status == OrderStatus::AcceptedWithChanges
        && !hasPendingAction(OutboxItem::Kind::ConfirmOrder)
        && !hasPendingAction(OutboxItem::Kind::CancelOrder);
}

bool OrderDetail::canCancel() const
{
    using State = LocalOrder::LocalState;
    // A draft is deleted, not cancelled; a refused or withdrawn order never reached the server.
    if (order.localState == State::Draft || order.localState == State::Failed
        || order.localState == State::Withdrawn)
        return false;
    return canTransition(order.order.status, OrderStatus::Cancelled)
        && !hasPendingAction(OutboxItem::Kind::CancelOrder);
}

namespace OrderQueries {

namespace {

using CacheSql::idText;

// Every column a list row needs; the comment is read from whichever version the row holds.
const QString ListColumns = QStringLiteral(
    "o.id, o.number, o.client_number, o.customer_id, c.name, o.status, o.local_state, o.created_at, "
    "o.total_minor, o.currency, json_extract(COALESCE(o.server_data, o.local_data), '$.comment'), "
    "(o.outcome IS NOT NULL AND o.outcome NOT IN ('', '{}') AND o.outcome_seen = 0) ");

const QString ListFrom = QStringLiteral("FROM orders o LEFT JOIN customer c ON c.id = o.customer_id ");

LocalOrder::LocalState localStateFrom(const QVariant &value)
{
    const QString text = value.toString();
    using State = LocalOrder::LocalState;
    for (State state : {State::Draft, State::Queued, State::Uploaded, State::Failed, State::Withdrawn}) {
        if (text == localStateToString(state))
            return state;
    }
    return State::ServerOnly;
}

OrderListRow listRowFrom(const QSqlQuery &q)
{
    OrderListRow row;
    row.id = Id::fromString(q.value(0).toString());
    row.number = q.value(1).toString();
    row.clientNumber = q.value(2).toString();
    row.customerId = q.value(3).isNull() ? Id() : Id::fromString(q.value(3).toString());
    row.customerName = q.value(4).toString();
    row.status = orderStatusFromString(q.value(5).toString());
    row.localState = localStateFrom(q.value(6));
    row.createdAt = CacheSql::timestampFrom(q.value(7));
    if (!q.value(8).isNull()) {
        const Currency currency = Currency::fromCode(q.value(9).toString()).value_or(Currency::rub());
        row.total = Money::fromMinor(q.value(8).toLongLong(), currency);
    }
    row.comment = q.value(10).toString();
    row.needsAttention = q.value(11).toBool();
    return row;
}

// Midnight of a local date as the UTC text the table stores.
QString startOfDay(const QDate &date)
{
    return CacheSql::timestampText(date.startOfDay(QTimeZone::systemTimeZone()).toUTC());
}

bool matchesText(const OrderListRow &row, const QString &folded)
{
    const QString haystack
        = SearchText::fold(QString(row.number + QLatin1Char(' ') + row.clientNumber + QLatin1Char(' ')
                                   + row.comment + QLatin1Char(' ') + row.customerName));
    return haystack.contains(folded);
}

QJsonObject objectOf(const QVariant &text)
{
    return QJsonDocument::fromJson(CacheSql::bytes(text)).object();
}

struct ProductInfo
{
    QString sku;
    QString name;
    QString unitName;
    bool active = false;
};

QHash<Id, ProductInfo> productInfo(QSqlDatabase &db, const QList<Id> &ids)
{
    QHash<Id, ProductInfo> info;
    QSqlQuery q
        = CacheSql::prepare(db, QStringLiteral("SELECT sku, name, unit, active FROM product WHERE id = ?"));
    for (const Id &id : ids) {
        if (info.contains(id))
            continue;
        q.bindValue(0, idText(id));
        CacheSql::exec(q);
        if (q.next())
            info.insert(
                id,
                {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toBool()});
    }
    return info;
}

QList<OrderLineComparison> compare(const Order &local, const Order &server,
                                   const QHash<Id, ProductInfo> &products)
{
    QList<int> lineNumbers;
    for (const OrderLine &line : local.lines)
        lineNumbers.append(line.lineNo);
    for (const OrderLine &line : server.lines) {
        if (!lineNumbers.contains(line.lineNo))
            lineNumbers.append(line.lineNo);
    }
    std::sort(lineNumbers.begin(), lineNumbers.end());
    auto lineOf = [](const Order &order, int lineNo) -> std::optional<OrderLine> {
        for (const OrderLine &line : order.lines) {
            if (line.lineNo == lineNo)
                return line;
        }
        return std::nullopt;
    };
    QList<OrderLineComparison> rows;
    for (int lineNo : lineNumbers) {
        OrderLineComparison row;
        row.lineNo = lineNo;
        row.local = lineOf(local, lineNo);
        row.server = lineOf(server, lineNo);
        row.productId = row.local ? row.local->productId : row.server->productId;
        const ProductInfo info = products.value(row.productId);
        row.sku = info.sku;
        row.name = info.name;
        rows.append(row);
    }
    return rows;
}

// A draft keeps what the user entered beside the priced lines ("entered" in its local data):
// the products the cache could not price are shown too, unpriced.
void appendUnpriced(QSqlDatabase &db, const Id &id, OrderDetail &detail)
{
    QSqlQuery q
        = CacheSql::prepare(db, QStringLiteral("SELECT CAST(local_data AS BLOB) FROM orders WHERE id = ?"));
    q.bindValue(0, idText(id));
    CacheSql::exec(q);
    if (!q.next())
        return;
    const QJsonArray entered = objectOf(q.value(0)).value(QStringLiteral("entered")).toArray();
    QList<Id> priced;
    for (const OrderDetailLine &line : std::as_const(detail.lines))
        priced.append(line.line.productId);
    QList<Id> missing;
    QList<Quantity> quantities;
    for (const auto &value : entered) {
        const QJsonObject line = value.toObject();
        const Id productId = Id::fromString(line.value(QStringLiteral("product_id")).toString());
        if (productId.isNull() || priced.contains(productId))
            continue;
        missing.append(productId);
        quantities.append(
            Quantity::parse(line.value(QStringLiteral("quantity")).toString()).value_or(Quantity()));
    }
    const QHash<Id, ProductInfo> products = productInfo(db, missing);
    for (qsizetype i = 0; i < missing.size(); ++i) {
        OrderDetailLine line;
        line.line.lineNo = int(detail.lines.size()) + 1;
        line.line.productId = missing.at(i);
        line.line.quantity = quantities.at(i);
        const ProductInfo info = products.value(missing.at(i));
        line.sku = info.sku;
        line.name = info.name;
        line.unitName = info.unitName;
        line.priced = false;
        detail.lines.append(line);
    }
}

} // namespace

QList<OrderListRow> orders(QSqlDatabase &db, const OrderListFilter &filter, int offset, int limit)
{
    QString sql = QStringLiteral("SELECT ") + ListColumns + ListFrom + QStringLiteral("WHERE 1 = 1 ");
    QVariantList values;
    if (filter.status) {
        sql += QStringLiteral("AND o.status = ? ");
        values.append(orderStatusToString(*filter.status));
    }
    if (filter.needsAttentionOnly)
        sql += QStringLiteral(
            "AND o.outcome IS NOT NULL AND o.outcome NOT IN ('', '{}') AND o.outcome_seen = 0 ");
    if (filter.from.isValid()) {
        sql += QStringLiteral("AND o.created_at >= ? ");
        values.append(startOfDay(filter.from));
    }
    if (filter.to.isValid()) {
        sql += QStringLiteral("AND o.created_at < ? ");
        values.append(startOfDay(filter.to.addDays(1)));
    }
    if (!filter.customerId.isNull()) {
        sql += QStringLiteral("AND o.customer_id = ? ");
        values.append(idText(filter.customerId));
    }
    sql += QStringLiteral("ORDER BY o.created_at DESC, o.id ");
    const QString folded = SearchText::fold(filter.text.trimmed());
    // Text is matched here, folded as the catalog search folds it (SQLite's lower() knows ASCII
    // only); the other filters narrow the rows first.
    if (folded.isEmpty()) {
        sql += QStringLiteral("LIMIT ? OFFSET ?");
        values.append(std::max(0, limit));
        values.append(std::max(0, offset));
    }
    QSqlQuery q = CacheSql::prepare(db, sql);
    for (const QVariant &value : std::as_const(values))
        q.addBindValue(value);
    CacheSql::exec(q);
    QList<OrderListRow> rows;
    int skipped = 0;
    while (q.next()) {
        OrderListRow row = listRowFrom(q);
        if (!folded.isEmpty()) {
            if (!matchesText(row, folded))
                continue;
            if (skipped < offset) {
                ++skipped;
                continue;
            }
            if (rows.size() >= limit)
                break;
        }
        rows.append(std::move(row));
    }
    return rows;
}

std::optional<OrderListRow> orderRow(QSqlDatabase &db, const Id &id)
{
    QSqlQuery q = CacheSql::prepare(
        db, QStringLiteral("SELECT ") + ListColumns + ListFrom + QStringLiteral("WHERE o.id = ?"));
    q.bindValue(0, idText(id));
    CacheSql::exec(q);
    if (!q.next())
        return std::nullopt;
    return listRowFrom(q);
}

std::optional<OrderDetail> detail(QSqlDatabase &db, const Id &id)
{
    const std::optional<LocalOrder> order = LocalOrders::find(db, id);
    if (!order)
        return std::nullopt;
    OrderDetail detail;
    detail.order = *order;
    if (const auto row = orderRow(db, id)) {
        detail.customerName = row->customerName;
        detail.needsAttention = row->needsAttention;
    }

    QList<Id> productIds;
    for (const OrderLine &line : order->order.lines)
        productIds.append(line.productId);
    if (order->local) {
        for (const OrderLine &line : order->local->lines)
            productIds.append(line.productId);
    }
    const QHash<Id, ProductInfo> products = productInfo(db, productIds);
    for (const OrderLine &line : order->order.lines) {
        const ProductInfo info = products.value(line.productId);
        detail.lines.append({line, info.sku, info.name, info.unitName});
    }
    if (order->localState == LocalOrder::LocalState::Draft)
        appendUnpriced(db, id, detail);
    if (order->local && order->server)
        detail.comparison = compare(*order->local, *order->server, products);

    // The upload's answer, or for an order made elsewhere the outcome the feed carries.
    QJsonObject outcome = order->outcome;
    if (outcome.isEmpty()) {
        QSqlQuery q = CacheSql::prepare(
            db, QStringLiteral("SELECT CAST(server_data AS BLOB) FROM orders WHERE id = ?"));
        q.bindValue(0, idText(id));
        CacheSql::exec(q);
        if (q.next())
            outcome = objectOf(q.value(0)).value(QStringLiteral("outcome")).toObject();
    }
    detail.outcomeStatus = orderStatusFromString(outcome.value(QStringLiteral("status")).toString());
    auto addReason = [&](const QJsonObject &reason) {
        OutcomeReason item;
        item.code = reason.value(QStringLiteral("code")).toString();
        item.message = reason.value(QStringLiteral("message")).toString();
        item.lineNo = reason.value(QStringLiteral("line_no")).toInt();
        const Id productId = Id::fromString(reason.value(QStringLiteral("product_id")).toString());
        if (!productId.isNull())
            item.sku = productInfo(db, {productId}).value(productId).sku;
        detail.reasons.append(item);
    };
    for (const auto &reason : outcome.value(QStringLiteral("reasons")).toArray())
        addReason(reason.toObject());
    const QJsonObject credit = outcome.value(QStringLiteral("credit")).toObject();
    for (const auto &reason : credit.value(QStringLiteral("reasons")).toArray())
        addReason(reason.toObject());
    const QJsonObject refused = outcome.value(QStringLiteral("refused_action")).toObject();
    if (!refused.isEmpty())
        detail.refusedAction = refused.value(QStringLiteral("message")).toString();

    QSqlQuery pending = CacheSql::prepare(
        db, QStringLiteral("SELECT kind FROM outbox WHERE target_id = ? AND state = 'pending' ORDER BY seq"));
    pending.bindValue(0, idText(id));
    CacheSql::exec(pending);
    while (pending.next())
        detail.pendingActions.append(pending.value(0).toString());
    detail.documents = CatalogQueries::orderDocuments(db, id);
    return detail;
}

QList<DraftLine> draftLines(const Order &order)
{
    QList<DraftLine> lines;
    for (const OrderLine &line : order.lines)
        lines.append({line.productId, line.quantity});
    return lines;
}

ReorderLines reorderLines(QSqlDatabase &db, const Id &orderId, const Id &priceTypeId, OrderVersion version)
{
    ReorderLines result;
    const std::optional<LocalOrder> order = LocalOrders::find(db, orderId);
    if (!order)
        return result;
    result.all = draftLines(version == OrderVersion::Local && order->local ? *order->local : order->order);
    QList<Id> productIds;
    for (const DraftLine &line : std::as_const(result.all))
        productIds.append(line.productId);
    const QHash<Id, ProductInfo> products = productInfo(db, productIds);
    QSqlQuery price = CacheSql::prepare(
        db, QStringLiteral("SELECT 1 FROM price WHERE product_id = ? AND price_type_id = ?"));
    QSqlQuery stock = CacheSql::prepare(
        db,
        QStringLiteral(
            "SELECT COALESCE(SUM(on_hand_milli - reserved_milli), 0) FROM stock WHERE product_id = ?"));
    for (const DraftLine &line : std::as_const(result.all)) {
        UnavailableProduct problem;
        problem.productId = line.productId;
        const auto info = products.constFind(line.productId);
        if (info == products.cend()) {
            problem.reason = UnavailableProduct::Reason::Unknown;
        } else {
            problem.sku = info->sku;
            problem.name = info->name;
            price.bindValue(0, idText(line.productId));
            price.bindValue(1, idText(priceTypeId));
            CacheSql::exec(price);
            const bool priced = price.next();
            price.finish();
            stock.bindValue(0, idText(line.productId));
            CacheSql::exec(stock);
            const qint64 available = stock.next() ? stock.value(0).toLongLong() : 0;
            stock.finish();
            if (!info->active)
                problem.reason = UnavailableProduct::Reason::Inactive;
            else if (!priced)
                problem.reason = UnavailableProduct::Reason::NoPrice;
            else if (available <= 0)
                problem.reason = UnavailableProduct::Reason::NoStock;
            else {
                result.available.append(line);
                continue;
            }
        }
        result.unavailable.append(problem);
    }
    return result;
}

std::optional<CustomerRow> customerRow(QSqlDatabase &db, const Id &id)
{
    // Customers are few (a rep's or a manager's list): the list query and a look-up are cheap.
    for (const CustomerRow &row : CatalogQueries::customers(db)) {
        if (row.id == id)
            return row;
    }
    return std::nullopt;
}

} // namespace OrderQueries

} // namespace portico::client
