#pragma once

#include "cache/catalogqueries.h"
#include "domain/ids.h"
#include "domain/money.h"
#include "domain/order.h"
#include "orders/localorders.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <exception>
#include <optional>
#include <type_traits>

class QSqlDatabase;

namespace portico::client {

// What the orders screen narrows its list by. Empty fields do not filter.
struct OrderListFilter
{
    std::optional<OrderStatus> status;
    bool needsAttentionOnly = false; // only orders with an outcome the user has not opened yet
    QDate from; // created on or after this local date
    QDate to; // created on or before this local date
    Id customerId;
    QString text; // part of the server or client number, the comment or the customer's name
};

// An order as the orders list shows it.
struct OrderListRow
{
    Id id;
    QString number; // the server's; empty until it accepted the order
    QString clientNumber;
    Id customerId;
    QString customerName; // empty when the customer is not in the cache
    std::optional<OrderStatus> status; // none for a status name this build does not know
    LocalOrder::LocalState localState = LocalOrder::LocalState::ServerOnly;
    QDateTime createdAt; // UTC
    std::optional<Money> total;
    QString comment;
    bool needsAttention = false; // the server's outcome arrived and the user has not opened it

    // The number people use for it: the server's once there is one.
    QString displayNumber() const { return number.isEmpty() ? clientNumber : number; }
};

// A line of an order with the product as the cache knows it.
struct OrderDetailLine
{
    OrderLine line; // only the product and quantity when not priced
    QString sku; // empty when the product is not in the cache
    QString name;
    QString unitName;
    bool priced = true; // false: a draft's line the cache could not price (it blocks submitting)
};

// One line of an order accepted with changes: what was asked for beside what the server
// accepted, matched by line number. A side is empty when that version has no such line.
struct OrderLineComparison
{
    int lineNo = 0;
    Id productId;
    QString sku;
    QString name;
    std::optional<OrderLine> local;
    std::optional<OrderLine> server;

    bool quantityChanged() const;
    bool priceChanged() const; // unit price or discount
    bool totalChanged() const;
    bool changed() const { return quantityChanged() || priceChanged() || totalChanged(); }
};

// One reason the server gave for its outcome.
struct OutcomeReason
{
    QString code;
    QString message;
    int lineNo = 0; // 0: the order as a whole
    QString sku; // of the line's product, when the cache knows it
};

// Everything the detail pane shows of one order.
struct OrderDetail
{
    LocalOrder order;
    QString customerName;
    // Of the current version (the server's when there is one); a draft's lines that could not be
    // priced come after the priced ones.
    QList<OrderDetailLine> lines;
    QList<OrderLineComparison> comparison; // both versions; empty unless both exist
    std::optional<OrderStatus> outcomeStatus; // the server's decision on the upload
    QList<OutcomeReason> reasons; // pricing, availability and credit reasons
    QString refusedAction; // a cancel or confirm the server refused, with its reason
    QStringList pendingActions; // outbox kinds still waiting to upload for it ("cancel_order" ...)
    QList<Document> documents; // the accounting system's documents for it, oldest first
    bool needsAttention = false;

    bool hasPendingAction(OutboxItem::Kind kind) const;
    // Confirming is possible: accepted with changes, nothing of the kind waiting already.
    bool canConfirm() const;
    // Cancelling is possible: the order's status allows it and the server may have it.
    bool canCancel() const;
};

// A product of an old order that cannot be ordered again as it was.
struct UnavailableProduct
{
    enum class Reason { Unknown, Inactive, NoPrice, NoStock };
    Id productId;
    QString sku;
    QString name;
    Reason reason = Reason::Unknown;
};

struct ReorderLines
{
    QList<DraftLine> available; // the lines that can be ordered, in the order's line order
    QList<DraftLine> all; // every line of the order
    QList<UnavailableProduct> unavailable;
};

// A cache job's answer for a view: the value, or why the job failed.
template<typename T>
struct JobAnswer
{
    T value {};
    QString error; // empty on success
    bool ok() const { return error.isEmpty(); }
};

// Wraps a cache job so that its failure comes back as an answer. Views continue with
// .then(context, ...) alone: in Qt 6.4 an .onFailed(context, ...) after it asserts when the
// context is destroyed with the continuation still queued.
template<typename F>
auto answering(F job)
{
    return [job = std::move(job)](QSqlDatabase &db) mutable {
        using R = std::invoke_result_t<F &, QSqlDatabase &>;
        using Value = std::conditional_t<std::is_void_v<R>, bool, R>;
        JobAnswer<Value> answer;
        try {
            if constexpr (std::is_void_v<R>) {
                job(db);
                answer.value = true;
            } else {
                answer.value = job(db);
            }
        } catch (const std::exception &error) {
            answer.error = QString::fromUtf8(error.what());
        }
        return answer;
    };
}

// The order screen's read queries. Functions of the cache connection: call them inside a
// CacheDatabase job. They throw CacheError on a failed statement.
namespace OrderQueries {

// Newest first, `limit` of them from `offset`.
QList<OrderListRow> orders(QSqlDatabase &db, const OrderListFilter &filter, int offset, int limit);
std::optional<OrderListRow> orderRow(QSqlDatabase &db, const Id &id);
std::optional<OrderDetail> detail(QSqlDatabase &db, const Id &id);
enum class OrderVersion {
    Current, // the server's version when there is one, else the local one
    Local, // as entered on this device (falls back to the current one)
};
// The lines of the order checked against the cache for ordering them again at `priceTypeId`: an
// inactive product, one without a price of that type and one without stock in any warehouse are
// reported.
ReorderLines reorderLines(QSqlDatabase &db, const Id &orderId, const Id &priceTypeId,
                          OrderVersion version = OrderVersion::Current);
// The customer as lists show it; none when the cache does not have it.
std::optional<CustomerRow> customerRow(QSqlDatabase &db, const Id &id);
// The lines of one version of the order, for copying into the cart.
QList<DraftLine> draftLines(const Order &order);

} // namespace OrderQueries

} // namespace portico::client
