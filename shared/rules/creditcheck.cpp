#include "rules/creditcheck.h"

#include "domain/arithmeticerror.h"

#include <QStringList>

#include <algorithm>
#include <optional>

namespace portico::rules {

namespace {

CreditOutcome outcomeOf(OverdueAction action) noexcept
{
    switch (action) {
    case OverdueAction::Ignore:
        return CreditOutcome::Ok;
    case OverdueAction::NeedsApproval:
        return CreditOutcome::NeedsApproval;
    case OverdueAction::Reject:
        return CreditOutcome::Rejected;
    }
    return CreditOutcome::NeedsApproval;
}

CreditOutcome outcomeOf(OverLimitAction action) noexcept
{
    switch (action) {
    case OverLimitAction::NeedsApproval:
        return CreditOutcome::NeedsApproval;
    case OverLimitAction::Reject:
        return CreditOutcome::Rejected;
    }
    return CreditOutcome::NeedsApproval;
}

CreditReason withCode(CreditReason reason, CreditReasonCode code, CreditOutcome outcome)
{
    reason.code = code;
    reason.outcome = outcome;
    return reason;
}

} // namespace

CreditDecision checkCredit(const CreditPolicy &policy, const Customer &customer,
                           const CustomerBalance &balance, Money openOrdersTotal, Money thisOrderTotal)
{
    CreditReason figures;
    figures.limitSet = customer.creditLimitSet;
    figures.limit = customer.creditLimit;
    figures.balance = balance.balance;
    figures.openOrders = openOrdersTotal;
    figures.thisOrder = thisOrderTotal;

    bool calculationFailed = false;
    std::optional<Money> exposure;
    try {
        exposure = balance.balance + openOrdersTotal + thisOrderTotal;
        figures.exposure = *exposure;
    } catch (const ArithmeticError &) {
        calculationFailed = true;
    }

    std::optional<CreditReason> overdue;
    if (policy.overdueAction != OverdueAction::Ignore) {
        try {
            if (balance.overdueDebt > policy.overdueTolerance) {
                overdue = withCode(figures, CreditReasonCode::OverdueDebt, outcomeOf(policy.overdueAction));
                overdue->overdue = balance.overdueDebt;
                overdue->tolerance = policy.overdueTolerance;
            }
        } catch (const ArithmeticError &) {
            calculationFailed = true;
        }
    }

    std::optional<CreditReason> overLimit;
    if (customer.creditLimitSet && exposure) {
        try {
            if (*exposure > customer.creditLimit) {
                overLimit = withCode(figures, CreditReasonCode::OverLimit, outcomeOf(policy.overLimitAction));
                overLimit->exceededBy = *exposure - customer.creditLimit;
            }
        } catch (const ArithmeticError &) {
            calculationFailed = true;
        }
    }

    CreditDecision decision;
    if (customer.blocked)
        decision.reasons.append(withCode(figures, CreditReasonCode::Blocked, CreditOutcome::Rejected));
    if (calculationFailed)
        decision.reasons.append(
            withCode(figures, CreditReasonCode::CalculationError, CreditOutcome::NeedsApproval));
    if (overdue)
        decision.reasons.append(*overdue);
    if (overLimit)
        decision.reasons.append(*overLimit);
    for (const CreditReason &reason : std::as_const(decision.reasons))
        decision.outcome = std::max(decision.outcome, reason.outcome);
    return decision;
}

bool CreditDecision::has(CreditReasonCode code) const noexcept
{
    return std::any_of(reasons.cbegin(), reasons.cend(),
                       [code](const CreditReason &reason) { return reason.code == code; });
}

QString CreditDecision::outcomeString() const
{
    switch (outcome) {
    case CreditOutcome::Ok:
        return QStringLiteral("ok");
    case CreditOutcome::NeedsApproval:
        return QStringLiteral("needs_approval");
    case CreditOutcome::Rejected:
        return QStringLiteral("rejected");
    }
    return QStringLiteral("unknown");
}

QString CreditDecision::describe() const
{
    if (reasons.isEmpty())
        return QStringLiteral("ok");
    QStringList sentences;
    for (const CreditReason &reason : reasons)
        sentences.append(reason.describe());
    return sentences.join(QStringLiteral("; "));
}

QString CreditReason::codeString() const
{
    switch (code) {
    case CreditReasonCode::Blocked:
        return QStringLiteral("blocked");
    case CreditReasonCode::CalculationError:
        return QStringLiteral("calculation_error");
    case CreditReasonCode::OverdueDebt:
        return QStringLiteral("overdue_debt");
    case CreditReasonCode::OverLimit:
        return QStringLiteral("over_limit");
    }
    return QStringLiteral("unknown");
}

QString CreditReason::describe() const
{
    switch (code) {
    case CreditReasonCode::Blocked:
        return QStringLiteral("the customer is blocked");
    case CreditReasonCode::CalculationError:
        return QStringLiteral("credit figures cannot be combined (balance ") + balance.toString()
            + QStringLiteral(", open orders ") + openOrders.toString() + QStringLiteral(", this order ")
            + thisOrder.toString() + QStringLiteral(")");
    case CreditReasonCode::OverdueDebt:
        return QStringLiteral("overdue debt ") + overdue.toString()
            + QStringLiteral(" exceeds the tolerance of ") + tolerance.toString();
    case CreditReasonCode::OverLimit:
        return QStringLiteral("exposure ") + exposure.toString() + QStringLiteral(" (balance ")
            + balance.toString() + QStringLiteral(" + open orders ") + openOrders.toString()
            + QStringLiteral(" + this order ") + thisOrder.toString()
            + QStringLiteral(") exceeds credit limit ") + limit.toString() + QStringLiteral(" by ")
            + exceededBy.toString();
    }
    return QStringLiteral("credit check failed");
}

} // namespace portico::rules
