#pragma once

#include "demo/democatalog.h"
#include "demo/democustomers.h"
#include "demo/demodataset.h"
#include "demo/demoseed.h"
#include "domain/document.h"
#include "domain/order.h"

#include <QJsonObject>

#include <vector>

namespace portico::server {

class Database;

// The demo's order history: orders of the last 90 days, priced by the shared pricing rules
// with each customer's price type and discount, and carried along the lifecycle as far as
// their age allows (older orders are mostly completed, recent ones still open), with some
// approvals, rejections, confirmed changes and cancellations on the way. Every step is an
// allowed transition, recorded with who, when and why.
class DemoOrders final
{
public:
    DemoOrders(const DemoSeed &seed, qint64 nowMs, const DemoCatalog &catalog,
               const DemoCustomers &customers);

    void write(Database &database, int orderCount, DemoDataSet::Summary &summary);

private:
    struct Draft
    {
        Order order;
        QJsonObject outcome;
    };

    enum class Scenario { Random, AwaitingApproval, AwaitingConfirmation, JustAccepted, Blocked };

    Draft buildOrder(int n);
    Scenario scenarioOf(int n) const;
    const DemoCustomer &customerFor(int n);
    qint64 createdAtFor(Scenario scenario);
    Id creatorFor(const DemoCustomer &customer);
    QList<OrderLine> priceLines(const DemoCustomer &customer,
                                const QList<std::pair<qsizetype, Quantity>> &picks) const;
    QList<std::pair<qsizetype, Quantity>> pickLines();
    // `waits`: nobody has acted on the server's decision yet.
    void advance(Draft &draft, OrderStatus decision, const DemoCustomer &customer, int n, bool waits);
    QString clientNumberPrefix(const Id &creator) const;
    // The accounting documents of an order's history, numbered from `first`.
    QList<Document> documentsOf(const Order &order, int first) const;

    DemoSeed m_seed;
    qint64 m_nowMs;
    const DemoCatalog &m_catalog;
    const DemoCustomers &m_customers;
    DemoRandom m_random;
    std::vector<std::size_t> m_weighted; // customer indices, repeated by weight
    std::vector<std::size_t> m_blocked;
};

} // namespace portico::server
