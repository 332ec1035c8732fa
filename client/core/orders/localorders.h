#pragma once

#include "domain/order.h"
#include "net/apierror.h"
#include "rules/pricing.h"
#include "sync/outbox.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <stdexcept>

class QSqlDatabase;

namespace portico::client {

// What the user typed: a customer and product quantities. Prices come from the cache.
struct DraftLine
{
    Id productId;
    Quantity quantity;
};

struct OrderDraft
{
    Id id; // null: a new order
    Id customerId;
    QDate deliveryDate;
    QString comment;
    QList<DraftLine> lines;
};

// An order as the client holds it: the local version (what the user entered and the client
// priced), the server's version once the feed or an upload answer brought it, and the server's
// outcome with its reasons.
struct LocalOrder
{
    enum class LocalState {
        ServerOnly, // the server's order, not made on this device
        Draft, // saved, not submitted
        Queued, // submitted: in the outbox, waiting to upload
        Uploaded, // the server answered with an outcome
        Failed, // the server refused the upload for good (reasons in outcome)
        Withdrawn, // cancelled on this device before it ever reached the server
    };
    Order order; // the server's version when there is one, otherwise the local one
    std::optional<Order> local; // as entered and priced on this device
    std::optional<Order> server; // as the server has it
    LocalState localState = LocalState::ServerOnly;
    QJsonObject outcome; // {"status", "reasons": [...], "credit": {...}}
    bool outcomeSeen = false;
};

QString localStateToString(LocalOrder::LocalState state);

// A local order operation that cannot be done (unknown order, wrong state, nothing priced).
class OrderError final : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Orders on this device. Functions of the cache connection, to be called inside a CacheDatabase
// job; every writer is one transaction, and every user action that must reach the server is
// written to the outbox in that same transaction.
namespace LocalOrders {

struct SavedDraft
{
    Order order; // priced lines for what could be priced
    QList<rules::PricingIssue> issues; // lines that could not be priced offline, explained
};

// Prices the draft with the shared rules from the cached customer, price type, prices and
// products, stamps it with the age of the cached data ("prices as of") and saves it. A new draft
// gets an id and a client number unique on this device ("<device>-000042").
SavedDraft saveDraft(QSqlDatabase &db, const OrderDraft &draft, const Id &userId, const QDateTime &now);
// Draft -> submitted, with the order in the outbox, in one transaction. Throws OrderError when the
// order is not a draft or has lines that could not be priced.
Order submit(QSqlDatabase &db, const Id &orderId, const QDateTime &now);
// Cancels: a draft or an order still waiting in the outbox (never attempted) is cancelled here;
// an order the server may have is cancelled through the outbox.
void cancel(QSqlDatabase &db, const Id &orderId, const QString &reason, const QDateTime &now);
// Accepts the server's changes of an order accepted with changes (through the outbox).
void confirm(QSqlDatabase &db, const Id &orderId, const QDateTime &now);
void deleteDraft(QSqlDatabase &db, const Id &orderId);
void markOutcomeSeen(QSqlDatabase &db, const Id &orderId);

std::optional<LocalOrder> find(QSqlDatabase &db, const Id &orderId);
// Newest first; every order on this device and every order the server sent.
QList<LocalOrder> list(QSqlDatabase &db, int limit = 200, int offset = 0);

// The sync engine's half: the server's answer to an outbox item, or its refusal. Return / record
// the order's status after it.
QString recordAnswer(QSqlDatabase &db, const OutboxItem &item, const QJsonObject &reply,
                     const QDateTime &now);
void recordRefusal(QSqlDatabase &db, const OutboxItem &item, const ApiError &error, const QDateTime &now);

// The next client number of this device: "<first 4 of the device id>-<6 digits>".
QString nextClientNumber(QSqlDatabase &db);

} // namespace LocalOrders

} // namespace portico::client
