#pragma once

#include "domain/customer.h"

#include <QList>
#include <QString>

namespace portico::rules {

// The credit check run on every uploaded order (server, authoritative) and previewed by the
// client. Pure: the caller supplies every number.
//
//   exposure = balance + open orders + this order
//
// where balance is what the customer owes now (negative: prepaid), open orders are the
// customer's accepted-but-not-yet-invoiced orders, and this order is the one being checked.
//
//  - Blocked customer: Rejected (reason Blocked).
//  - Overdue debt greater than policy.overdueTolerance: policy.overdueAction (Ignore adds no
//    reason). Debt equal to the tolerance is tolerated.
//  - Credit limit (only when customer.creditLimitSet): exposure greater than the limit is
//    over the limit by exposure - limit; exposure exactly at the limit is fine. The outcome is
//    policy.overLimitAction. A set limit of zero means prepayment only.
//  - Amounts that cannot be combined (overflow, currencies that differ): NeedsApproval with
//    reason CalculationError, so a person looks at it instead of the order passing or
//    failing on bad data.
//
// Every applicable reason is listed (in the order Blocked, CalculationError, OverdueDebt,
// OverLimit); the decision is the most severe outcome among them, Ok when there are none.
// The tolerance is an amount, not days: the accounting system reports overdue debt as one sum.
enum class CreditOutcome { Ok, NeedsApproval, Rejected }; // in order of severity

enum class OverdueAction { Ignore, NeedsApproval, Reject };
enum class OverLimitAction { NeedsApproval, Reject };

struct CreditPolicy
{
    OverdueAction overdueAction = OverdueAction::NeedsApproval;
    Money overdueTolerance; // overdue debt up to and including this is ignored; zero: none
    OverLimitAction overLimitAction = OverLimitAction::NeedsApproval;
    friend bool operator==(const CreditPolicy &, const CreditPolicy &) = default;
};

enum class CreditReasonCode { Blocked, CalculationError, OverdueDebt, OverLimit };

// One reason with the numbers that explain it. The figures of the check (limit, balance, open
// orders, this order, and exposure whenever it could be computed) are in every reason; the
// others only where they apply: exceededBy (OverLimit), overdue and tolerance (OverdueDebt).
struct CreditReason
{
    CreditReasonCode code = CreditReasonCode::Blocked;
    CreditOutcome outcome = CreditOutcome::Rejected; // what this reason alone would decide
    bool limitSet = false;
    Money limit;
    Money balance;
    Money openOrders;
    Money thisOrder;
    Money exposure;
    Money exceededBy;
    Money overdue;
    Money tolerance;

    // Stable wire code: "blocked", "calculation_error", "overdue_debt", "over_limit".
    QString codeString() const;
    // English sentence for logs: "exposure 105000.00 exceeds credit limit 100000.00 by 5000.00".
    QString describe() const;

    friend bool operator==(const CreditReason &, const CreditReason &) = default;
};

struct CreditDecision
{
    CreditOutcome outcome = CreditOutcome::Ok;
    QList<CreditReason> reasons;

    bool ok() const noexcept { return outcome == CreditOutcome::Ok; }
    bool has(CreditReasonCode code) const noexcept;
    // "ok", "needs_approval", "rejected"
    QString outcomeString() const;
    // All reasons' sentences joined by "; ", or "ok".
    QString describe() const;
};

CreditDecision checkCredit(const CreditPolicy &policy, const Customer &customer,
                           const CustomerBalance &balance, Money openOrdersTotal, Money thisOrderTotal);

} // namespace portico::rules
