#pragma once

#include "domain/customer.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

#include <optional>
#include <utility>

namespace portico::server {

class FeedBatch;
struct Caller;

// What a write transaction reads of a customer to tell whether the row changed since a read
// transaction looked: its revision, which every change of the customer's own fields counts up
// (CustomerRepository::upsert), and its balance, which changes without a new revision.
struct CustomerStanding
{
    qint64 revision = 0;
    CustomerBalance balance;
    qint64 openOrdersMinor = 0; // what openOrdersTotal() sums, in the same statement
};

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
    // the end of the transaction) the caller has read already; `customerJson` is
    // protocol::toJson(customer), which the caller may have built outside the transaction.
    void republish(const Customer &customer, QJsonObject customerJson, const CustomerBalance &balance,
                   Money openOrders, FeedBatch &feed);

    std::optional<Customer> customer(const Id &id) const;
    // The customer and its revision (see CustomerStanding) in one read.
    std::optional<std::pair<Customer, qint64>> customerAndRevision(const Id &id) const;
    CustomerBalance balance(const Id &customerId) const;
    // The revision, the balance and the open orders' total in one read; null when there is no
    // such customer.
    std::optional<CustomerStanding> standing(const Id &id) const;
    // Sum of the totals of the customer's orders that are placed but not yet shipped.
    Money openOrdersTotal(const Id &customerId, Currency currency) const;
    QList<Customer> list(int limit, int offset, const QString &search) const;
    QList<Id> customersOfRep(const Id &repId) const;

    // Whether the caller may see this customer: its buyers, its assigned rep, managers and
    // admins, and warehouse staff (for shipping).
    bool visibleTo(const Caller &caller, const Customer &customer) const;

private:
    QJsonObject payload(const Customer &customer, const CustomerBalance &balance) const;
    static QJsonObject payload(const Customer &customer, QJsonObject json, const CustomerBalance &balance,
                               Money openOrders);

    QSqlDatabase m_tx;
};

} // namespace portico::server
