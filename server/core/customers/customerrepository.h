#pragma once

#include "domain/customer.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace portico::server {

class FeedBatch;
struct Caller;

// Customers (counterparties) and their balances. The feed carries each customer to its own
// audience ("customer:<id>") with its balance and credit state, so that buyers of one customer
// never receive another's.
class CustomerRepository final
{
public:
    explicit CustomerRepository(const QSqlDatabase &tx)
        : m_tx(tx)
    { }

    void upsert(const QList<Customer> &customers, FeedBatch &feed);
    void setBalances(const QList<CustomerBalance> &balances, FeedBatch &feed);
    // Re-publishes customers whose credit state changed (an order was placed or cancelled).
    void republish(const QList<Id> &customerIds, FeedBatch &feed);
    // The same for one customer whose row, balance and open orders total (as they stand at
    // the end of the transaction) the caller has read already.
    void republish(const Customer &customer, const CustomerBalance &balance, Money openOrders,
                   FeedBatch &feed);

    std::optional<Customer> customer(const Id &id) const;
    CustomerBalance balance(const Id &customerId) const;
    // Sum of the totals of the customer's orders that are placed but not yet shipped.
    Money openOrdersTotal(const Id &customerId, Currency currency) const;
    QList<Customer> list(int limit, int offset, const QString &search) const;
    QList<Id> customersOfRep(const Id &repId) const;

    // Whether the caller may see this customer: its buyers, its assigned rep, managers and
    // admins, and warehouse staff (for shipping).
    bool visibleTo(const Caller &caller, const Customer &customer) const;

private:
    QJsonObject payload(const Customer &customer, const CustomerBalance &balance) const;
    static QJsonObject payload(const Customer &customer, const CustomerBalance &balance, Money openOrders);

    QSqlDatabase m_tx;
};

} // namespace portico::server
