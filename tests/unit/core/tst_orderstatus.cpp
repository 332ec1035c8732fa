#include "domain/order.h"

#include <QSet>
#include <QTest>

#include <array>
#include <utility>

using namespace portico;

Q_DECLARE_METATYPE(portico::OrderStatus)

namespace {

using S = OrderStatus;

constexpr std::array kAll {S::Draft,         S::Submitted, S::Accepted, S::AcceptedWithChanges,
                           S::NeedsApproval, S::Rejected,  S::Exported, S::InProduction,
                           S::Picking,       S::Picked,    S::Shipped,  S::Delivered,
                           S::Completed,     S::Cancelled};

const char *name(OrderStatus status)
{
    constexpr std::array names {"draft",          "submitted", "accepted", "accepted_with_changes",
                                "needs_approval", "rejected",  "exported", "in_production",
                                "picking",        "picked",    "shipped",  "delivered",
                                "completed",      "cancelled"};
    return names[static_cast<std::size_t>(status)];
}

// The expected lifecycle, written out independently of the implementation.
const QList<std::pair<S, S>> &expectedAllowed()
{
    static const QList<std::pair<S, S>> pairs {
        {S::Draft, S::Submitted},
        {S::Submitted, S::Accepted},
        {S::Submitted, S::AcceptedWithChanges},
        {S::Submitted, S::NeedsApproval},
        {S::Submitted, S::Rejected},
        {S::Submitted, S::Cancelled},
        {S::AcceptedWithChanges, S::Accepted},
        {S::AcceptedWithChanges, S::Submitted},
        {S::AcceptedWithChanges, S::Cancelled},
        {S::NeedsApproval, S::Accepted},
        {S::NeedsApproval, S::Rejected},
        {S::NeedsApproval, S::Cancelled},
        {S::Accepted, S::Exported},
        {S::Accepted, S::Picking},
        {S::Accepted, S::Cancelled},
        {S::Exported, S::InProduction},
        {S::Exported, S::Picking},
        {S::Exported, S::Cancelled},
        {S::InProduction, S::Picking},
        {S::InProduction, S::Cancelled},
        {S::Picking, S::Picked},
        {S::Picking, S::Cancelled},
        {S::Picked, S::Shipped},
        {S::Picked, S::Cancelled},
        {S::Shipped, S::Delivered},
        {S::Delivered, S::Completed},
    };
    return pairs;
}

} // namespace

class TestOrderStatus final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transition_data();
    void transition();
    void fullTable();
    void allowedTransitionsMatchCanTransition();
    void finalStates();
    void everyStateReachableFromDraft();
};

void TestOrderStatus::transition_data()
{
    QTest::addColumn<OrderStatus>("from");
    QTest::addColumn<OrderStatus>("to");
    QTest::addColumn<bool>("allowed");

    for (const auto &[from, to] : expectedAllowed())
        QTest::addRow("%s -> %s", name(from), name(to)) << from << to << true;

    const QList<std::pair<S, S>> forbidden {
        {S::Draft, S::Cancelled}, // a draft is deleted, not cancelled
        {S::Draft, S::Accepted}, // only the server accepts, after submission
        {S::Submitted, S::Exported}, // must be accepted first
        {S::NeedsApproval, S::AcceptedWithChanges},
        {S::Rejected, S::Accepted}, // final
        {S::Rejected, S::Cancelled},
        {S::Rejected, S::Submitted},
        {S::Accepted, S::Picked}, // picking comes first
        {S::AcceptedWithChanges, S::Picking}, // confirmed first
        {S::Accepted, S::Submitted},
        {S::InProduction, S::Exported}, // no going back
        {S::Picked, S::Picking},
        {S::Picking, S::Shipped}, // picking must be confirmed
        {S::Shipped, S::Cancelled}, // goods left: a return, not a cancellation
        {S::Delivered, S::Cancelled},
        {S::Shipped, S::Completed}, // delivery first
        {S::Completed, S::Cancelled},
        {S::Cancelled, S::Submitted},
        {S::Cancelled, S::Cancelled},
        {S::Submitted, S::Submitted},
        {S::Accepted, S::Accepted},
    };
    for (const auto &[from, to] : forbidden)
        QTest::addRow("%s -/-> %s", name(from), name(to)) << from << to << false;
}

void TestOrderStatus::transition()
{
    QFETCH(OrderStatus, from);
    QFETCH(OrderStatus, to);
    QTEST(canTransition(from, to), "allowed");
}

void TestOrderStatus::fullTable()
{
    const QList<std::pair<S, S>> &allowed = expectedAllowed();
    int count = 0;
    for (OrderStatus from : kAll) {
        for (OrderStatus to : kAll) {
            const bool expected = allowed.contains(std::pair {from, to});
            if (canTransition(from, to) != expected)
                QFAIL(
                    qPrintable(QStringLiteral("%1 -> %2: expected %3")
                                   .arg(QLatin1String(name(from)), QLatin1String(name(to)),
                                        expected ? QStringLiteral("allowed") : QStringLiteral("forbidden"))));
            count += canTransition(from, to) ? 1 : 0;
        }
    }
    QCOMPARE(count, int(allowed.size()));
}

void TestOrderStatus::allowedTransitionsMatchCanTransition()
{
    for (OrderStatus from : kAll) {
        const QList<OrderStatus> list = allowedTransitions(from);
        QCOMPARE(QSet<OrderStatus>(list.cbegin(), list.cend()).size(), list.size());
        for (OrderStatus to : kAll)
            QCOMPARE(list.contains(to), canTransition(from, to));
    }
    QCOMPARE(allowedTransitions(S::Exported),
             (QList<OrderStatus> {S::InProduction, S::Picking, S::Cancelled}));
    QCOMPARE(allowedTransitions(S::Accepted), (QList<OrderStatus> {S::Exported, S::Picking, S::Cancelled}));
}

void TestOrderStatus::finalStates()
{
    const QSet<OrderStatus> finals {S::Rejected, S::Completed, S::Cancelled};
    for (OrderStatus status : kAll) {
        QCOMPARE(isFinal(status), finals.contains(status));
        // Final exactly when there is no way out.
        QCOMPARE(isFinal(status), allowedTransitions(status).isEmpty());
    }
    // Cancelling is possible from every submitted, not yet shipped state.
    for (OrderStatus status : {S::Submitted, S::AcceptedWithChanges, S::NeedsApproval, S::Accepted,
                               S::Exported, S::InProduction, S::Picking, S::Picked})
        QVERIFY2(canTransition(status, S::Cancelled), name(status));
}

void TestOrderStatus::everyStateReachableFromDraft()
{
    QSet<OrderStatus> reached {S::Draft};
    QList<OrderStatus> queue {S::Draft};
    while (!queue.isEmpty()) {
        const OrderStatus from = queue.takeFirst();
        for (OrderStatus to : allowedTransitions(from)) {
            if (!reached.contains(to)) {
                reached.insert(to);
                queue.append(to);
            }
        }
    }
    QCOMPARE(reached.size(), int(kAll.size()));
}

QTEST_APPLESS_MAIN(TestOrderStatus)
#include "tst_orderstatus.moc"
