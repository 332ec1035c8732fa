#pragma once

#include "domain/order.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace portico::server {

// An order as stored: the order, the hash of the request that created it (the idempotency
// check) and the server's explained outcome.
struct StoredOrder
{
    Order order;
    QString requestHash;
    QJsonObject outcome;
    // An attempt for a customer its author may not order for: only the author ever sees it,
    // never that customer's users.
    bool authorOnly = false;
};

struct OrderFilter
{
    QList<Id> customerIds; // empty with allCustomers false: nothing
    bool allCustomers = false;
    std::optional<OrderStatus> status;
    qint64 fromMs = 0; // created_at >= (0: no bound)
    qint64 toMs = 0; // created_at < (0: no bound)
    QString search; // number or client number prefix
    // Author-only attempts are never listed: their author has them from the feed.
    int limit = 100;
    int offset = 0;
};

class OrderRepository final
{
public:
    explicit OrderRepository(const QSqlDatabase &tx)
        : m_tx(tx)
    { }

    std::optional<StoredOrder> find(const Id &id) const;
    // Whether an order with this id is stored: one index lookup, where find() reads it whole.
    bool exists(const Id &id) const;
    void insert(const StoredOrder &stored);
    // The order's lines alone, in one bulk insert (insert() calls it).
    void insertLines(const Order &order);
    // Moves the order to `change.to`, records the change in its history.
    void recordStatus(const Id &id, const StatusChange &change, qint64 nowMs);
    QList<Order> list(const OrderFilter &filter) const;
    // The accounting system's document id or number, once it has the order (the exchange).
    // The order with this server number ("P-000123").
    std::optional<Id> idForNumber(const QString &number) const;
    void setExternalId(const Id &id, const QString &externalId, qint64 nowMs);
    // The next server order number ("P-000123"); counted in the transaction, so never reused.
    QString nextNumber();

private:
    QList<OrderLine> lines(const Id &orderId, Currency currency) const;
    QList<StatusChange> history(const Id &orderId) const;

    QSqlDatabase m_tx;
};

} // namespace portico::server
