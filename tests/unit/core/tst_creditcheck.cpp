#include "rules/creditcheck.h"

#include <QTest>

#include <limits>

using namespace portico;
using namespace portico::rules;

Q_DECLARE_METATYPE(portico::rules::OverdueAction)
Q_DECLARE_METATYPE(portico::rules::OverLimitAction)
Q_DECLARE_METATYPE(portico::rules::CreditOutcome)

namespace {

Money rub(qint64 minor)
{
    return Money::fromMinor(minor, Currency::rub());
}

constexpr qint64 NoLimit = -1;
constexpr qint64 NotApplicable = -1;

} // namespace

class TestCreditCheck final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decision_data();
    void decision();
    void mismatchedCurrenciesNeedApproval();
    void reasonsCarryFiguresAndSentences();
};

void TestCreditCheck::decision_data()
{
    QTest::addColumn<OverdueAction>("overdueAction");
    QTest::addColumn<qint64>("tolerance");
    QTest::addColumn<OverLimitAction>("overLimitAction");
    QTest::addColumn<bool>("blocked");
    QTest::addColumn<qint64>("limit"); // NoLimit: creditLimitSet false
    QTest::addColumn<qint64>("balance");
    QTest::addColumn<qint64>("overdue");
    QTest::addColumn<qint64>("openOrders");
    QTest::addColumn<qint64>("thisOrder");
    QTest::addColumn<CreditOutcome>("outcome");
    QTest::addColumn<QStringList>("reasons");
    QTest::addColumn<qint64>("exposure");
    QTest::addColumn<qint64>("exceededBy"); // NotApplicable when not over the limit

    const auto NA = OverdueAction::NeedsApproval;
    const auto LNA = OverLimitAction::NeedsApproval;
    const auto LR = OverLimitAction::Reject;
    const auto Ok = CreditOutcome::Ok;
    const auto Approve = CreditOutcome::NeedsApproval;
    const auto Reject = CreditOutcome::Rejected;
    const QString over = QStringLiteral("over_limit");
    const QString overdue = QStringLiteral("overdue_debt");
    const QString blocked = QStringLiteral("blocked");

    // limit 100 000.00; 30 000.00 + 20 000.00 + 40 000.00 = 90 000.00
    QTest::newRow("under limit") << NA << 0LL << LNA << false << 10000000LL << 3000000LL << 0LL << 2000000LL
                                 << 4000000LL << Ok << QStringList {} << 9000000LL << NotApplicable;
    // 30 000.00 + 20 000.00 + 50 000.00 = 100 000.00 == limit: fine
    QTest::newRow("exactly at limit")
        << NA << 0LL << LNA << false << 10000000LL << 3000000LL << 0LL << 2000000LL << 5000000LL << Ok
        << QStringList {} << 10000000LL << NotApplicable;
    // + 50 000.01 = 100 000.01: over by 0.01
    QTest::newRow("one kopeck over, needs approval")
        << NA << 0LL << LNA << false << 10000000LL << 3000000LL << 0LL << 2000000LL << 5000001LL << Approve
        << QStringList {over} << 10000001LL << 1LL;
    QTest::newRow("one kopeck over, rejected by policy")
        << NA << 0LL << LR << false << 10000000LL << 3000000LL << 0LL << 2000000LL << 5000001LL << Reject
        << QStringList {over} << 10000001LL << 1LL;
    // no limit: exposure 10 000 000.00 passes
    QTest::newRow("no limit set") << NA << 0LL << LR << false << NoLimit << 500000000LL << 0LL << 400000000LL
                                  << 100000000LL << Ok << QStringList {} << 1000000000LL << NotApplicable;
    // limit 0 means prepayment only: 0 + 0 + 0.01 is over by 0.01
    QTest::newRow("zero limit, any order is over") << NA << 0LL << LNA << false << 0LL << 0LL << 0LL << 0LL
                                                   << 1LL << Approve << QStringList {over} << 1LL << 1LL;
    // prepaid 5 000.00: -5 000.00 + 0 + 6 000.00 = 1 000.00 == limit 1 000.00
    QTest::newRow("prepayment counts") << NA << 0LL << LR << false << 100000LL << -500000LL << 0LL << 0LL
                                       << 600000LL << Ok << QStringList {} << 100000LL << NotApplicable;
    // 0 + 5 000.00 = 5 000.00 fits 100 000.00 alone; + 95 000.00 open orders ... see next row
    QTest::newRow("fits without open orders")
        << NA << 0LL << LNA << false << 10000000LL << 0LL << 0LL << 0LL << 1000000LL << Ok << QStringList {}
        << 1000000LL << NotApplicable;
    // 0 + 95 000.00 + 10 000.00 = 105 000.00: over by 5 000.00
    QTest::newRow("open orders push over")
        << NA << 0LL << LNA << false << 10000000LL << 0LL << 0LL << 9500000LL << 1000000LL << Approve
        << QStringList {over} << 10500000LL << 500000LL;
    // overdue 0.01 > tolerance 0
    QTest::newRow("overdue debt, policy needs approval")
        << NA << 0LL << LNA << false << NoLimit << 100000LL << 1LL << 0LL << 1000LL << Approve
        << QStringList {overdue} << 101000LL << NotApplicable;
    QTest::newRow("overdue debt, policy rejects")
        << OverdueAction::Reject << 0LL << LNA << false << NoLimit << 100000LL << 1LL << 0LL << 1000LL
        << Reject << QStringList {overdue} << 101000LL << NotApplicable;
    QTest::newRow("overdue debt, policy ignores")
        << OverdueAction::Ignore << 0LL << LNA << false << NoLimit << 100000LL << 100000LL << 0LL << 1000LL
        << Ok << QStringList {} << 101000LL << NotApplicable;
    // overdue 500.00 <= tolerance 500.00
    QTest::newRow("overdue debt at the tolerance")
        << NA << 50000LL << LNA << false << NoLimit << 100000LL << 50000LL << 0LL << 1000LL << Ok
        << QStringList {} << 101000LL << NotApplicable;
    // overdue 500.01 > tolerance 500.00
    QTest::newRow("overdue debt a kopeck above the tolerance")
        << NA << 50000LL << LNA << false << NoLimit << 100000LL << 50001LL << 0LL << 1000LL << Approve
        << QStringList {overdue} << 101000LL << NotApplicable;
    QTest::newRow("blocked customer") << NA << 0LL << LNA << true << NoLimit << 0LL << 0LL << 0LL << 1000LL
                                      << Reject << QStringList {blocked} << 1000LL << NotApplicable;
    // blocked, overdue 100.00, and 2 000.00 + 0 + 9 000.00 = 11 000.00 over 10 000.00 by 1 000.00
    QTest::newRow("blocked, overdue and over limit: all listed")
        << NA << 0LL << LNA << true << 1000000LL << 200000LL << 10000LL << 0LL << 900000LL << Reject
        << QStringList {blocked, overdue, over} << 1100000LL << 100000LL;
    // overdue needs approval, over limit rejects: the most severe wins
    QTest::newRow("most severe reason decides")
        << NA << 0LL << LR << false << 1000000LL << 200000LL << 10000LL << 0LL << 900000LL << Reject
        << QStringList {overdue, over} << 1100000LL << 100000LL;
}

void TestCreditCheck::decision()
{
    QFETCH(OverdueAction, overdueAction);
    QFETCH(qint64, tolerance);
    QFETCH(OverLimitAction, overLimitAction);
    QFETCH(bool, blocked);
    QFETCH(qint64, limit);
    QFETCH(qint64, balance);
    QFETCH(qint64, overdue);
    QFETCH(qint64, openOrders);
    QFETCH(qint64, thisOrder);
    QFETCH(QStringList, reasons);
    QFETCH(qint64, exposure);
    QFETCH(qint64, exceededBy);

    CreditPolicy policy;
    policy.overdueAction = overdueAction;
    policy.overdueTolerance = rub(tolerance);
    policy.overLimitAction = overLimitAction;
    Customer customer;
    customer.blocked = blocked;
    customer.creditLimitSet = limit != NoLimit;
    customer.creditLimit = limit == NoLimit ? Money() : rub(limit);
    CustomerBalance owed;
    owed.balance = rub(balance);
    owed.overdueDebt = rub(overdue);

    const CreditDecision decision = checkCredit(policy, customer, owed, rub(openOrders), rub(thisOrder));
    QTEST(decision.outcome, "outcome");
    QStringList codes;
    for (const CreditReason &reason : decision.reasons)
        codes.append(reason.codeString());
    QCOMPARE(codes, reasons);
    QCOMPARE(decision.ok(), reasons.isEmpty());

    for (const CreditReason &reason : decision.reasons) {
        QCOMPARE(reason.exposure.minor(), exposure);
        QCOMPARE(reason.balance.minor(), balance);
        QCOMPARE(reason.openOrders.minor(), openOrders);
        QCOMPARE(reason.thisOrder.minor(), thisOrder);
        QCOMPARE(reason.limitSet, limit != NoLimit);
        QVERIFY(!reason.describe().isEmpty());
        if (reason.code == CreditReasonCode::OverLimit) {
            QCOMPARE(reason.limit.minor(), limit);
            QCOMPARE(reason.exceededBy.minor(), exceededBy);
            QCOMPARE(reason.exposure.minor() - reason.limit.minor(), exceededBy);
        }
        if (reason.code == CreditReasonCode::OverdueDebt) {
            QCOMPARE(reason.overdue.minor(), overdue);
            QCOMPARE(reason.tolerance.minor(), tolerance);
            QCOMPARE(reason.outcome,
                     overdueAction == OverdueAction::Reject ? CreditOutcome::Rejected
                                                            : CreditOutcome::NeedsApproval);
        }
    }
    QCOMPARE(decision.has(CreditReasonCode::OverLimit), exceededBy != NotApplicable);
}

void TestCreditCheck::mismatchedCurrenciesNeedApproval()
{
    Customer customer;
    customer.creditLimitSet = true;
    customer.creditLimit = rub(100000);
    CustomerBalance owed;
    owed.balance = Money::fromMinor(100, *Currency::fromCode(u"USD"));
    const CreditDecision decision = checkCredit(CreditPolicy {}, customer, owed, rub(0), rub(1000));
    QCOMPARE(decision.outcome, CreditOutcome::NeedsApproval);
    QCOMPARE(decision.reasons.size(), 1);
    QCOMPARE(decision.reasons.first().code, CreditReasonCode::CalculationError);
    QCOMPARE(decision.outcomeString(), QStringLiteral("needs_approval"));

    // Overflowing exposure is the same kind of failure, never a crash.
    CustomerBalance huge;
    huge.balance = rub(std::numeric_limits<qint64>::max());
    QVERIFY(
        checkCredit(CreditPolicy {}, customer, huge, rub(1), rub(1)).has(CreditReasonCode::CalculationError));
}

void TestCreditCheck::reasonsCarryFiguresAndSentences()
{
    Customer customer;
    customer.creditLimitSet = true;
    customer.creditLimit = rub(10000000);
    CustomerBalance owed;
    owed.balance = rub(2500000);
    const CreditDecision decision = checkCredit(CreditPolicy {}, customer, owed, rub(7000000), rub(1000000));
    QCOMPARE(decision.outcomeString(), QStringLiteral("needs_approval"));
    QCOMPARE(
        decision.describe(),
        QStringLiteral("exposure 105000.00 (balance 25000.00 + open orders 70000.00 + this order 10000.00) "
                       "exceeds credit limit 100000.00 by 5000.00"));
    QCOMPARE(checkCredit(CreditPolicy {}, customer, CustomerBalance {}, rub(0), rub(1)).describe(),
             QStringLiteral("ok"));
}

QTEST_APPLESS_MAIN(TestCreditCheck)
#include "tst_creditcheck.moc"
