#include "demo/demoorders.h"

#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "documents/documentrepository.h"
#include "orders/orderoutcome.h"
#include "orders/orderrepository.h"
#include "orders/orderservice.h"
#include "protocol/codecs.h"
#include "rules/creditcheck.h"
#include "rules/pricing.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace portico::server {

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
constexpr int HistoryDays = 90;
// Orders of the buyers' own customers come first, so that buyer1 and buyer2 always have some.
constexpr int OrdersPerBuyer = 12;

const std::array<QStringView, 8> &comments()
{
    static const std::array<QStringView, 8> texts {
        u"Доставка до 12:00, въезд с ул. Складской",
        u"Позвонить за час до приезда",
        u"Самовывоз со склада",
        u"Счёт на оплату выслать на почту бухгалтерии",
        u"Разгрузка манипулятором, на объекте нет погрузчика",
        u"Срочно, бригада простаивает",
        u"Отгрузить вместе с предыдущим заказом",
        u"Документы (УПД) передать водителю",
    };
    return texts;
}

// The moment `ms` truncated to whole seconds.
qint64 seconds(qint64 ms)
{
    return ms / 1000 * 1000;
}

OrderTotals totalsOf(const QList<OrderLine> &lines)
{
    const std::optional<OrderTotals> totals = rules::sumLines(lines, Currency::rub());
    if (!totals)
        throw std::logic_error("demo order totals do not add up");
    return *totals;
}

// Steps an order along its lifecycle while its age allows.
class Timeline final
{
public:
    Timeline(Order &order, qint64 nowMs)
        : m_order(order)
        , m_now(nowMs)
        , m_at(msecs(order.createdAt))
    { }

    // Moves to `to` after `delay` by `by` unless that would be in the future; false then.
    bool step(OrderStatus to, qint64 delay, const Id &by, const QString &reason = {})
    {
        if (m_stopped || m_at + delay > m_now) {
            m_stopped = true;
            return false;
        }
        if (!canTransition(m_order.status, to))
            throw std::logic_error("demo order history takes a transition the lifecycle does not allow");
        m_at = seconds(m_at + delay);
        m_order.history.append({m_order.status, to, utcFromMsecs(m_at), by, reason});
        m_order.status = to;
        return true;
    }

private:
    Order &m_order;
    qint64 m_now;
    qint64 m_at;
    bool m_stopped = false;
};

} // namespace

DemoOrders::DemoOrders(const DemoSeed &seed, qint64 nowMs, const DemoCatalog &catalog,
                       const DemoCustomers &customers)
    : m_seed(seed)
    , m_nowMs(nowMs)
    , m_catalog(catalog)
    , m_customers(customers)
    , m_random(seed.random(3))
{
    const auto &all = m_customers.customers();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const Customer &c = all[i].customer;
        if (c.blocked) {
            m_blocked.push_back(i);
            continue;
        }
        const int weight = c.assignedRepId == m_customers.users().rep1 ? 3 : c.assignedRepId.isNull() ? 1 : 2;
        for (int w = 0; w < weight; ++w)
            m_weighted.push_back(i);
    }
}

void DemoOrders::write(Database &database, int orderCount, DemoDataSet::Summary &summary)
{
    std::vector<Draft> drafts;
    drafts.reserve(static_cast<std::size_t>(orderCount));
    for (int n = 0; n < orderCount; ++n)
        drafts.push_back(buildOrder(n));
    std::stable_sort(drafts.begin(), drafts.end(),
                     [](const Draft &a, const Draft &b) { return a.order.createdAt < b.order.createdAt; });

    QHash<QString, int> clientCounters;
    database.write([&](QSqlDatabase &tx) {
        OrderRepository orders(tx);
        FeedBatch feed;
        QList<Id> touched;
        QList<Document> documents;
        for (Draft &draft : drafts) {
            Order &order = draft.order;
            const QString prefix = clientNumberPrefix(order.createdBy);
            order.clientNumber
                = prefix + QString::number(++clientCounters[prefix]).rightJustified(6, QLatin1Char('0'));
            order.number = orders.nextNumber();
            const QByteArray submitted
                = QJsonDocument(protocol::toJson(order)).toJson(QJsonDocument::Compact);
            const StoredOrder stored {
                order,
                QString::fromLatin1(QCryptographicHash::hash(submitted, QCryptographicHash::Sha256).toHex()),
                draft.outcome};
            orders.insert(stored);
            feed.upsert(entity::Order, idText(order.id), Audience::customer(idText(order.customerId)),
                        OrderService::orderJson(stored));
            if (!touched.contains(order.customerId))
                touched.append(order.customerId);
            documents += documentsOf(order, static_cast<int>(documents.size()));
        }
        DocumentRepository(tx).upsert(documents, feed);
        summary.documents = static_cast<int>(documents.size());
        // Open orders count against the customers' credit: their feed rows say so.
        CustomerRepository(tx).republish(touched, feed);
        feed.append(tx);
        summary.feedChanges += feed.size();
    });
    summary.orders = static_cast<int>(drafts.size());
}

QList<Document> DemoOrders::documentsOf(const Order &order, int first) const
{
    // What the accounting system issued as the order went: the invoice once it had the order,
    // the waybill when it shipped, the payment when it was completed.
    struct Issued
    {
        OrderStatus at;
        DocumentKind kind;
        const char16_t *prefix;
    };
    static constexpr std::array Kinds {Issued {OrderStatus::Exported, DocumentKind::Invoice, u"СЧ-"},
                                       Issued {OrderStatus::Shipped, DocumentKind::Waybill, u"РН-"},
                                       Issued {OrderStatus::Completed, DocumentKind::Payment, u"ПП-"}};
    QList<Document> documents;
    for (const Issued &issued : Kinds) {
        for (const StatusChange &change : order.history) {
            if (change.to != issued.at)
                continue;
            const int n = first + static_cast<int>(documents.size());
            Document document;
            document.id = m_seed.id(u"document", n);
            document.externalId = m_seed.externalId(u"document", n);
            document.kind = issued.kind;
            document.number = QString::fromUtf16(issued.prefix)
                + QString::number(n + 1).rightJustified(6, QLatin1Char('0'));
            document.date = change.at.date();
            document.amount = order.totals.total;
            document.customerId = order.customerId;
            document.orderId = order.id;
            documents.append(document);
            break;
        }
    }
    return documents;
}

const DemoCustomer &DemoOrders::customerFor(int n)
{
    const auto &all = m_customers.customers();
    if (n < 2 * OrdersPerBuyer)
        return all[static_cast<std::size_t>(n % 2)];
    if (n < 2 * OrdersPerBuyer + static_cast<int>(m_blocked.size()))
        return all[m_blocked[static_cast<std::size_t>(n - 2 * OrdersPerBuyer)]];
    return all[m_random.pick(m_weighted)];
}

DemoOrders::Scenario DemoOrders::scenarioOf(int n) const
{
    // The buyers' most recent orders show each open state a buyer meets; the blocked
    // customers' orders were rejected.
    if (n == 0)
        return Scenario::AwaitingApproval;
    if (n == 1)
        return Scenario::AwaitingConfirmation;
    if (n == 2 || n == 3)
        return Scenario::JustAccepted;
    if (n >= 2 * OrdersPerBuyer && n < 2 * OrdersPerBuyer + static_cast<int>(m_blocked.size()))
        return Scenario::Blocked;
    return Scenario::Random;
}

qint64 DemoOrders::createdAtFor(Scenario scenario)
{
    switch (scenario) {
    case Scenario::AwaitingApproval:
    case Scenario::AwaitingConfirmation:
        return seconds(m_nowMs - m_random.between(qint64 {30}, qint64 {600}) * Minute);
    case Scenario::JustAccepted:
        return seconds(m_nowMs - m_random.between(qint64 {6}, qint64 {25}) * Minute);
    case Scenario::Blocked:
    case Scenario::Random:
        break;
    }
    // A quarter of the orders fall in the last week, so that many are still on their way.
    const qint64 daysAgo = scenario == Scenario::Blocked || m_random.chance(25)
        ? m_random.between(qint64 {0}, qint64 {6})
        : m_random.between(qint64 {0}, qint64 {HistoryDays - 1});
    // Office hours in Moscow (UTC+3): 09:00 to 19:00.
    const qint64 timeOfDay = 6 * Hour + m_random.between(qint64 {0}, qint64 {10 * 60 - 1}) * Minute;
    qint64 at = (m_nowMs - daysAgo * Day) / Day * Day + timeOfDay;
    if (at > m_nowMs - 10 * Minute)
        at = m_nowMs - m_random.between(qint64 {10}, qint64 {300}) * Minute;
    return seconds(at);
}

Id DemoOrders::creatorFor(const DemoCustomer &customer)
{
    if (!customer.buyerId.isNull() && m_random.chance(60))
        return customer.buyerId;
    if (!customer.customer.assignedRepId.isNull())
        return customer.customer.assignedRepId;
    return m_customers.users().manager;
}

QString DemoOrders::clientNumberPrefix(const Id &creator) const
{
    const DemoUsers &users = m_customers.users();
    if (creator == users.buyer1)
        return QStringLiteral("B1-");
    if (creator == users.buyer2)
        return QStringLiteral("B2-");
    if (creator == users.rep1)
        return QStringLiteral("R1-");
    if (creator == users.rep2)
        return QStringLiteral("R2-");
    return QStringLiteral("M1-");
}

QList<std::pair<qsizetype, Quantity>> DemoOrders::pickLines()
{
    static const std::array<qint64, 12> pieces {1, 2, 3, 4, 5, 6, 10, 12, 20, 24, 50, 100};
    static const std::array<qint64, 9> metres {5, 10, 20, 25, 50, 100, 150, 200, 500};
    static const std::array<qint64, 7> kilograms {1000,  2500,  5000, 10000,
                                                  15000, 25000, 50000}; // thousandths
    const auto &products = m_catalog.products();
    int count = 1 + m_random.between(0, 3);
    if (m_random.chance(40))
        count += m_random.between(0, 8);
    count = std::min(count, static_cast<int>(products.size()));
    QList<std::pair<qsizetype, Quantity>> picks;
    for (int attempt = 0; picks.size() < count && attempt < count * 20; ++attempt) {
        const qsizetype index = m_random.index(static_cast<qsizetype>(products.size()));
        const DemoProduct &product = products[static_cast<std::size_t>(index)];
        const bool taken
            = std::any_of(picks.cbegin(), picks.cend(), [index](const auto &p) { return p.first == index; });
        if (!product.active || taken)
            continue;
        Quantity quantity;
        switch (product.unit) {
        case DemoUnit::Metre:
            quantity = Quantity::fromInt(m_random.pick(metres));
            break;
        case DemoUnit::Kilogram:
            quantity = Quantity::fromMilli(m_random.pick(kilograms));
            break;
        case DemoUnit::Piece:
        case DemoUnit::Pack:
            quantity = Quantity::fromInt(m_random.pick(pieces));
            break;
        }
        picks.append({index, quantity});
    }
    // A catalog of nothing but discontinued products still had orders once.
    if (picks.isEmpty())
        picks.append({0, Quantity::fromInt(1)});
    return picks;
}

QList<OrderLine> DemoOrders::priceLines(const DemoCustomer &customer,
                                        const QList<std::pair<qsizetype, Quantity>> &picks) const
{
    const auto &types = m_catalog.priceTypes();
    const auto type = std::find_if(types.cbegin(), types.cend(),
                                   [&](const PriceType &t) { return t.id == customer.customer.priceTypeId; });
    const auto typeIndex = static_cast<std::size_t>(type - types.cbegin());
    QList<rules::PricingLineInput> inputs;
    int lineNo = 0;
    for (const auto &[index, quantity] : picks) {
        const DemoProduct &product = m_catalog.products()[static_cast<std::size_t>(index)];
        inputs.append({++lineNo, product.id, quantity, product.vatRate, product.prices[typeIndex]});
    }
    const rules::PricingResult priced
        = rules::priceOrder(rules::PricingContext::forCustomer(*type, customer.customer), inputs);
    if (!priced.ok())
        throw std::logic_error("demo order lines do not price");
    return priced.lines;
}

DemoOrders::Draft DemoOrders::buildOrder(int n)
{
    const Scenario scenario = scenarioOf(n);
    const DemoCustomer &customer = customerFor(n);
    const Customer &c = customer.customer;
    Draft draft;
    Order &order = draft.order;
    order.id = m_seed.id(u"order", n);
    order.customerId = c.id;
    order.createdBy = creatorFor(customer);
    order.priceTypeId = c.priceTypeId;
    order.warehouseId = m_catalog.warehouses().at(customer.warehouse).id;
    order.currency = Currency::rub();
    const qint64 createdAt = createdAtFor(scenario);
    order.createdAt = utcFromMsecs(createdAt);
    order.pricesAsOf = utcFromMsecs(seconds(createdAt - m_random.between(qint64 {5}, qint64 {600}) * Minute));
    order.deliveryDate = order.createdAt.date().addDays(m_random.between(1, 5));
    if (m_random.chance(30))
        order.comment = m_random.pick(comments()).toString();

    QList<std::pair<qsizetype, Quantity>> picks = pickLines();
    if (scenario == Scenario::AwaitingConfirmation)
        picks.first().second = Quantity::fromInt(10);
    order.lines = priceLines(customer, picks);

    OrderOutcome outcome;
    OrderStatus decision = OrderStatus::Accepted;
    const int roll = m_random.between(0, 99);
    const bool creditCase = scenario == Scenario::Blocked || scenario == Scenario::AwaitingApproval
        || (scenario == Scenario::Random && roll < 9);
    const bool stockCase = scenario == Scenario::AwaitingConfirmation
        || (scenario == Scenario::Random && roll >= 9 && roll < 15);
    if (creditCase) {
        // What the credit check says with the customer's balance and, for the demo, as much
        // in open orders as brings this order over the limit.
        const Money total = totalsOf(order.lines).total;
        Money open = Money::zero(order.currency);
        if (c.creditLimitSet) {
            const qint64 room = c.creditLimit.minor() - customer.balance.balance.minor();
            open = Money::fromMinor(std::max<qint64>(0, room - total.minor() / 2), order.currency);
        }
        const rules::CreditDecision credit = rules::checkCredit({}, c, customer.balance, open, total);
        if (credit.outcome != rules::CreditOutcome::Ok) {
            outcome.setCredit(credit);
            decision = credit.outcome == rules::CreditOutcome::Rejected ? OrderStatus::Rejected
                                                                        : OrderStatus::NeedsApproval;
        }
    } else if (stockCase) {
        // Not enough stock for one line when the order arrived: the server delivered less.
        const auto line = std::find_if(picks.begin(), picks.end(), [](const auto &p) {
            return p.second >= Quantity::fromInt(2) && p.second.milli() % Quantity::Scale == 0;
        });
        if (line != picks.end()) {
            const QList<OrderLine> offline = order.lines;
            const qint64 units = line->second.milli() / Quantity::Scale;
            line->second = Quantity::fromInt(m_random.between(qint64 {1}, units - 1));
            order.lines = priceLines(customer, picks);
            outcome.addChanges(rules::comparePricing(offline, order.lines));
            decision = OrderStatus::AcceptedWithChanges;
        }
    }
    if (decision != OrderStatus::Rejected && decision != OrderStatus::NeedsApproval)
        outcome.setCredit(rules::CreditDecision {});
    order.totals = totalsOf(order.lines);
    draft.outcome = outcome.toJson(decision);
    const bool awaiting
        = scenario == Scenario::AwaitingApproval || scenario == Scenario::AwaitingConfirmation;
    advance(draft, decision, customer, n, awaiting);
    return draft;
}

void DemoOrders::advance(Draft &draft, OrderStatus decision, const DemoCustomer &customer, int n, bool waits)
{
    Order &order = draft.order;
    const DemoUsers &users = m_customers.users();
    order.status = OrderStatus::Draft;
    Timeline timeline(order, m_nowMs);
    timeline.step(OrderStatus::Submitted, 0, order.createdBy);
    if (!timeline.step(decision, m_random.between(qint64 {1}, qint64 {5}) * Minute, {},
                       QStringLiteral("server decision")))
        return;
    if (decision == OrderStatus::Rejected || waits)
        return;
    if (decision == OrderStatus::NeedsApproval) {
        const qint64 delay = m_random.between(qint64 {1}, qint64 {72}) * Hour;
        if (m_random.chance(35)) {
            timeline.step(OrderStatus::Rejected, delay, users.manager,
                          QStringLiteral(u"Превышен кредитный лимит: отгрузка только по предоплате"));
            return;
        }
        if (!timeline.step(OrderStatus::Accepted, delay, users.manager,
                           QStringLiteral(u"Согласовано: клиент гарантировал оплату письмом")))
            return;
    }
    if (decision == OrderStatus::AcceptedWithChanges
        && !timeline.step(OrderStatus::Accepted, m_random.between(qint64 {10}, qint64 {600}) * Minute,
                          order.createdBy, QStringLiteral(u"Изменения подтверждены")))
        return;

    // Some orders are cancelled on the way: by the customer's side while merely accepted, by
    // the manager once the accounting system has them.
    const int cancelRoll = m_random.between(0, 99);
    const QString byClient = QStringLiteral(u"Клиент отказался от заказа");
    const QString byManager = QStringLiteral(u"Отменён по просьбе клиента");
    const qint64 cancelDelay = m_random.between(qint64 {1}, qint64 {48}) * Hour;
    if (cancelRoll < 3) {
        timeline.step(OrderStatus::Cancelled, cancelDelay, order.createdBy, byClient);
        return;
    }
    if (!timeline.step(OrderStatus::Exported, m_random.between(qint64 {30}, qint64 {36 * 60}) * Minute,
                       users.exchange))
        return;
    order.externalId = m_seed.externalId(u"order", n);
    if (cancelRoll < 5) {
        timeline.step(OrderStatus::Cancelled, cancelDelay, users.manager, byManager);
        return;
    }
    if (m_random.chance(10)
        && !timeline.step(OrderStatus::InProduction, m_random.between(qint64 {2}, qint64 {24}) * Hour,
                          users.manager, QStringLiteral(u"Передан в производство: нарезка и фасовка")))
        return;
    if (!timeline.step(OrderStatus::Picking, m_random.between(qint64 {2}, qint64 {48}) * Hour,
                       users.warehouse))
        return;
    if (cancelRoll < 7) {
        timeline.step(OrderStatus::Cancelled, cancelDelay, users.manager, byManager);
        return;
    }
    const bool shipped = timeline.step(OrderStatus::Picked,
                                       m_random.between(qint64 {30}, qint64 {240}) * Minute, users.warehouse)
        && timeline.step(OrderStatus::Shipped, m_random.between(qint64 {1}, qint64 {24}) * Hour,
                         users.warehouse,
                         customer.warehouse == DemoCatalog::Moscow
                             ? QStringLiteral(u"Отгружен: доставка нашим транспортом")
                             : QStringLiteral(u"Отгружен: доставка ТК"));
    if (shipped
        && timeline.step(OrderStatus::Delivered, m_random.between(qint64 {1}, qint64 {3}) * Day,
                         users.warehouse))
        timeline.step(OrderStatus::Completed, m_random.between(qint64 {1}, qint64 {5}) * Day, users.manager);
}

} // namespace portico::server
