#include "orders/localorders.h"

#include "cache/cachedatabase.h"
#include "cache/cachesql.h"
#include "orders/cachedpricing.h"
#include "protocol/codecs.h"
#include "sync/cachemeta.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace portico::client {

namespace {

const QString EnteredKey = QStringLiteral("entered");

QSqlQuery run(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query = CacheSql::prepare(db, sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    CacheSql::exec(query);
    return query;
}

QString idText(const Id &id)
{
    return CacheSql::idText(id);
}

QString timeText(const QDateTime &at)
{
    return CacheSql::timestampText(at);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject objectOf(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toByteArray()).object();
}

std::optional<Order> orderOf(const QJsonObject &object)
{
    if (object.isEmpty())
        return std::nullopt;
    auto decoded = protocol::fromJson<Order>(object);
    if (!decoded)
        return std::nullopt;
    return std::move(decoded).value();
}

std::optional<LocalOrder::LocalState> localStateFrom(const QVariant &value)
{
    if (value.isNull())
        return LocalOrder::LocalState::ServerOnly;
    const QString text = value.toString();
    for (auto state : {LocalOrder::LocalState::ServerOnly, LocalOrder::LocalState::Draft,
                       LocalOrder::LocalState::Queued, LocalOrder::LocalState::Uploaded,
                       LocalOrder::LocalState::Failed, LocalOrder::LocalState::Withdrawn}) {
        if (text == localStateToString(state))
            return state;
    }
    return std::nullopt;
}

const QString SelectOrder = QStringLiteral(
    "SELECT id, local_state, local_data, server_data, outcome, outcome_seen, status FROM orders ");

LocalOrder localOrderFrom(const QSqlQuery &query)
{
    LocalOrder order;
    order.localState = localStateFrom(query.value(1)).value_or(LocalOrder::LocalState::ServerOnly);
    order.local = orderOf(objectOf(query.value(2)));
    order.server = orderOf(objectOf(query.value(3)));
    order.outcome = objectOf(query.value(4));
    order.outcomeSeen = query.value(5).toBool();
    if (order.server)
        order.order = *order.server;
    else if (order.local)
        order.order = *order.local;
    order.order.id = Id(query.value(0).toString());
    // The status column is the order's current state, whichever side set it last.
    if (const auto status = orderStatusFromString(query.value(6).toString()))
        order.order.status = *status;
    return order;
}

struct Row
{
    std::optional<LocalOrder::LocalState> state;
    QJsonObject local;
    QJsonObject server;
    QJsonObject outcome;
};

std::optional<Row> readRow(QSqlDatabase &db, const Id &id)
{
    QSqlQuery query = run(
        db, QStringLiteral("SELECT local_state, local_data, server_data, outcome FROM orders WHERE id = ?"),
        {idText(id)});
    if (!query.next())
        return std::nullopt;
    return Row {localStateFrom(query.value(0)), objectOf(query.value(1)), objectOf(query.value(2)),
                objectOf(query.value(3))};
}

void setLocal(QSqlDatabase &db, const Id &id, LocalOrder::LocalState state, OrderStatus status,
              const QDateTime &now)
{
    run(db, QStringLiteral("UPDATE orders SET local_state = ?, status = ?, updated_at = ? WHERE id = ?"),
        {localStateToString(state), orderStatusToString(status), timeText(now), idText(id)});
}

QJsonObject refusalReason(const ApiError &error)
{
    QJsonObject reason {
        {QStringLiteral("code"),
         error.code.isEmpty() ? QStringLiteral("http_%1").arg(error.httpStatus) : error.code},
        {QStringLiteral("message"), error.message},
    };
    if (!error.field.isEmpty())
        reason.insert(QStringLiteral("field"), error.field);
    return reason;
}

} // namespace

QString localStateToString(LocalOrder::LocalState state)
{
    switch (state) {
    case LocalOrder::LocalState::ServerOnly:
        return {};
    case LocalOrder::LocalState::Draft:
        return QStringLiteral("draft");
    case LocalOrder::LocalState::Queued:
        return QStringLiteral("queued");
    case LocalOrder::LocalState::Uploaded:
        return QStringLiteral("uploaded");
    case LocalOrder::LocalState::Failed:
        return QStringLiteral("failed");
    case LocalOrder::LocalState::Withdrawn:
        return QStringLiteral("withdrawn");
    }
    return {};
}

namespace LocalOrders {

QString nextClientNumber(QSqlDatabase &db)
{
    const QString key = QStringLiteral("next_client_number");
    const qint64 next = CacheMeta::value(db, key, QStringLiteral("1")).toLongLong();
    CacheMeta::setValue(db, key, QString::number(next + 1));
    const QString device = CacheMeta::deviceId(db).left(4).toUpper();
    return QStringLiteral("%1-%2").arg(device).arg(next, 6, 10, QLatin1Char('0'));
}

SavedDraft saveDraft(QSqlDatabase &db, const OrderDraft &draft, const Id &userId, const QDateTime &now)
{
    CacheTransaction transaction(db);
    Order order;
    if (!draft.id.isNull()) {
        const std::optional<Row> row = readRow(db, draft.id);
        if (!row || row->state != LocalOrder::LocalState::Draft)
            throw OrderError("Only a draft can be edited");
        if (auto previous = orderOf(row->local))
            order = *previous;
    } else {
        order.id = timeOrderedId();
        order.clientNumber = nextClientNumber(db);
        order.createdAt = now.toUTC();
    }
    const std::optional<Customer> customer = CachedPricing::customer(db, draft.customerId);
    if (!customer)
        throw OrderError("The customer is not in this device's data");
    const std::optional<PriceType> priceType = CachedPricing::priceType(db, customer->priceTypeId);
    if (!priceType)
        throw OrderError("The customer's price type is not in this device's data");

    order.customerId = customer->id;
    order.createdBy = userId;
    order.priceTypeId = priceType->id;
    order.currency = priceType->currency;
    order.status = OrderStatus::Draft;
    order.pricesAsOf = CachedPricing::dataAsOf(db);
    order.deliveryDate = draft.deliveryDate;
    order.comment = draft.comment;
    order.lines.clear();

    QList<Id> productIds;
    for (const DraftLine &line : draft.lines)
        productIds.append(line.productId);
    const QHash<Id, CachedPricing::ProductTerms> terms
        = CachedPricing::productTerms(db, productIds, priceType->id);
    const rules::PricingContext context = rules::PricingContext::forCustomer(*priceType, *customer);

    SavedDraft saved;
    QJsonArray entered;
    int lineNo = 0;
    for (const DraftLine &line : draft.lines) {
        ++lineNo;
        entered.append(QJsonObject {{QStringLiteral("product_id"), idText(line.productId)},
                                    {QStringLiteral("quantity"), line.quantity.toString()}});
        rules::PricingLineInput input;
        input.lineNo = lineNo;
        input.productId = line.productId;
        input.quantity = line.quantity;
        const auto term = terms.constFind(line.productId);
        if (term != terms.cend() && term->active) {
            input.vatRate = term->vatRate;
            input.price = term->price;
        }
        const rules::LinePricing priced = rules::priceLine(context, input);
        if (priced.ok())
            order.lines.append(*priced.line);
        else
            saved.issues.append(*priced.issue);
    }
    const auto totals = rules::sumLines(order.lines, order.currency);
    order.totals = totals.value_or(OrderTotals {});

    QJsonObject local = protocol::toJson(order);
    local.insert(EnteredKey, entered);
    run(db,
        QStringLiteral(
            "INSERT INTO orders (id, client_number, customer_id, status, created_at, updated_at, "
            "total_minor, currency, local_state, local_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, "
            "status = excluded.status, updated_at = excluded.updated_at, "
            "total_minor = excluded.total_minor, currency = excluded.currency, "
            "local_state = excluded.local_state, local_data = excluded.local_data"),
        {idText(order.id), order.clientNumber, idText(order.customerId), orderStatusToString(order.status),
         timeText(order.createdAt), timeText(now), order.totals.total.minor(), order.currency.code(),
         localStateToString(LocalOrder::LocalState::Draft), compact(local)});
    transaction.commit();
    saved.order = std::move(order);
    return saved;
}

Order submit(QSqlDatabase &db, const Id &orderId, const QDateTime &now)
{
    CacheTransaction transaction(db);
    const std::optional<Row> row = readRow(db, orderId);
    if (!row || row->state != LocalOrder::LocalState::Draft)
        throw OrderError("Only a draft can be submitted");
    std::optional<Order> order = orderOf(row->local);
    if (!order)
        throw OrderError("The draft cannot be read");
    if (order->lines.isEmpty())
        throw OrderError("The order has no lines");
    if (order->lines.size() != row->local.value(EnteredKey).toArray().size())
        throw OrderError("Some lines have no price; remove them or sync first");
    order->status = OrderStatus::Submitted;
    const QJsonObject body = protocol::toJson(*order);
    QJsonObject local = body;
    local.insert(EnteredKey, row->local.value(EnteredKey));
    run(db,
        QStringLiteral(
            "UPDATE orders SET local_state = ?, status = ?, updated_at = ?, local_data = ? WHERE id = ?"),
        {localStateToString(LocalOrder::LocalState::Queued), orderStatusToString(OrderStatus::Submitted),
         timeText(now), compact(local), idText(orderId)});
    Outbox::enqueue(db, OutboxItem::Kind::SubmitOrder, idText(orderId), compact(body), now);
    transaction.commit();
    return *order;
}

void cancel(QSqlDatabase &db, const Id &orderId, const QString &reason, const QDateTime &now)
{
    CacheTransaction transaction(db);
    const std::optional<Row> row = readRow(db, orderId);
    if (!row)
        throw OrderError("Unknown order");
    if (row->state == LocalOrder::LocalState::Draft) {
        run(db, QStringLiteral("DELETE FROM orders WHERE id = ?"), {idText(orderId)});
        transaction.commit();
        return;
    }
    if (row->state == LocalOrder::LocalState::Queued) {
        // Never sent: withdraw it here. Sent at least once: the server may have it, so ask it.
        QSqlQuery query
            = run(db,
                  QStringLiteral("SELECT id FROM outbox WHERE target_id = ? AND kind = 'submit_order' "
                                 "AND state = 'pending' AND attempts = 0"),
                  {idText(orderId)});
        if (query.next()) {
            Outbox::remove(db, query.value(0).toString());
            setLocal(db, orderId, LocalOrder::LocalState::Withdrawn, OrderStatus::Cancelled, now);
            transaction.commit();
            return;
        }
    }
    if (row->state == LocalOrder::LocalState::Failed || row->state == LocalOrder::LocalState::Withdrawn)
        throw OrderError("The server does not have this order");
    Outbox::enqueue(db, OutboxItem::Kind::CancelOrder, idText(orderId),
                    compact(QJsonObject {{QStringLiteral("reason"), reason}}), now);
    transaction.commit();
}

void confirm(QSqlDatabase &db, const Id &orderId, const QDateTime &now)
{
    CacheTransaction transaction(db);
    const std::optional<Row> row = readRow(db, orderId);
    const QString status = row ? row->server.value(QStringLiteral("status")).toString() : QString {};
    if (status != orderStatusToString(OrderStatus::AcceptedWithChanges))
        throw OrderError("Only an order accepted with changes can be confirmed");
    Outbox::enqueue(db, OutboxItem::Kind::ConfirmOrder, idText(orderId), QByteArrayLiteral("{}"), now);
    transaction.commit();
}

void deleteDraft(QSqlDatabase &db, const Id &orderId)
{
    run(db, QStringLiteral("DELETE FROM orders WHERE id = ? AND local_state = 'draft'"), {idText(orderId)});
}

void markOutcomeSeen(QSqlDatabase &db, const Id &orderId)
{
    run(db, QStringLiteral("UPDATE orders SET outcome_seen = 1 WHERE id = ?"), {idText(orderId)});
}

std::optional<LocalOrder> find(QSqlDatabase &db, const Id &orderId)
{
    QSqlQuery query = run(db, SelectOrder + QStringLiteral("WHERE id = ?"), {idText(orderId)});
    if (!query.next())
        return std::nullopt;
    return localOrderFrom(query);
}

QList<LocalOrder> list(QSqlDatabase &db, int limit, int offset)
{
    QSqlQuery query = run(db, SelectOrder + QStringLiteral("ORDER BY created_at DESC, id LIMIT ? OFFSET ?"),
                          {limit, offset});
    QList<LocalOrder> orders;
    while (query.next())
        orders.append(localOrderFrom(query));
    return orders;
}

QString recordAnswer(QSqlDatabase &db, const OutboxItem &item, const QJsonObject &reply, const QDateTime &now)
{
    const Id orderId(item.targetId);
    QJsonObject server = reply;
    const QJsonObject outcome = server.take(QStringLiteral("outcome")).toObject();
    const std::optional<Order> answered = orderOf(server);
    const QString status = server.value(QStringLiteral("status")).toString();
    const std::optional<Row> row = readRow(db, orderId);
    // The feed may already have brought a later version of the order (a manager moved it on):
    // the answer only replaces a server version with no more history than its own.
    const bool newer = !row || row->server.isEmpty()
        || server.value(QStringLiteral("history")).toArray().size()
            >= row->server.value(QStringLiteral("history")).toArray().size();
    const bool upload = item.kind == OutboxItem::Kind::SubmitOrder;
    QString localState = row && row->state ? localStateToString(*row->state) : QString {};
    if (upload || (row && row->state == LocalOrder::LocalState::Queued))
        localState = localStateToString(LocalOrder::LocalState::Uploaded);
    const QVariant state = localState.isEmpty() ? QVariant() : QVariant(localState);
    if (!row) {
        run(db,
            QStringLiteral("INSERT INTO orders (id, client_number, number, customer_id, status, created_at, "
                           "updated_at, total_minor, currency, server_data, outcome) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {item.targetId, server.value(QStringLiteral("client_number")).toString(),
             server.value(QStringLiteral("number")).toString(),
             server.value(QStringLiteral("customer_id")).toString(), status,
             server.value(QStringLiteral("created_at")).toString(), timeText(now),
             answered ? answered->totals.total.minor() : 0,
             server.value(QStringLiteral("currency")).toString(), compact(server), compact(outcome)});
        return status;
    }
    if (newer) {
        run(db,
            QStringLiteral("UPDATE orders SET number = ?, status = ?, updated_at = ?, total_minor = ?, "
                           "server_data = ?, outcome = ?, outcome_seen = 0, local_state = ? WHERE id = ?"),
            {server.value(QStringLiteral("number")).toString(), status, timeText(now),
             answered ? answered->totals.total.minor() : 0, compact(server), compact(outcome), state,
             item.targetId});
    } else {
        run(db,
            QStringLiteral("UPDATE orders SET outcome = ?, outcome_seen = 0, local_state = ?, updated_at = ? "
                           "WHERE id = ?"),
            {compact(outcome), state, timeText(now), item.targetId});
    }
    return status;
}

void recordRefusal(QSqlDatabase &db, const OutboxItem &item, const ApiError &error, const QDateTime &now)
{
    const Id orderId(item.targetId);
    const std::optional<Row> row = readRow(db, orderId);
    if (!row)
        return;
    if (item.kind == OutboxItem::Kind::SubmitOrder) {
        const QJsonObject outcome {
            {QStringLiteral("status"), orderStatusToString(OrderStatus::Rejected)},
            {QStringLiteral("reasons"), QJsonArray {refusalReason(error)}},
        };
        run(db,
            QStringLiteral("UPDATE orders SET local_state = ?, status = ?, outcome = ?, outcome_seen = 0, "
                           "updated_at = ? WHERE id = ?"),
            {localStateToString(LocalOrder::LocalState::Failed), orderStatusToString(OrderStatus::Rejected),
             compact(outcome), timeText(now), item.targetId});
        return;
    }
    // A refused cancel or confirm leaves the order as the server has it; the outcome says why.
    QJsonObject outcome = row->outcome;
    QJsonObject refused = refusalReason(error);
    refused.insert(QStringLiteral("action"), outboxKindToString(item.kind));
    outcome.insert(QStringLiteral("refused_action"), refused);
    run(db, QStringLiteral("UPDATE orders SET outcome = ?, outcome_seen = 0, updated_at = ? WHERE id = ?"),
        {compact(outcome), timeText(now), item.targetId});
}

} // namespace LocalOrders

} // namespace portico::client
