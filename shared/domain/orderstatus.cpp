#include "domain/order.h"

#include <array>

namespace portico {

namespace {

// The lifecycle as one table: each row is one allowed (from, to) pair.
//
//   draft -> submitted                    the client hands the order to the outbox
//   submitted -> accepted | accepted_with_changes | needs_approval | rejected
//                                         the server's outcome after re-validating
//   accepted_with_changes -> accepted     the rep or buyer confirms the changes
//   accepted_with_changes -> submitted    the rep or buyer edits the order and sends it again
//   needs_approval -> accepted | rejected a manager decides
//   accepted -> exported                  the accounting system took the order
//   accepted -> picking                   a pick list took it first (a company without an
//                                         accounting exchange, or one that picks before 1C
//                                         takes the order; the sale exchange still sends it)
//   exported -> in_production -> picking  where production applies
//   exported -> picking                   straight from stock
//   picking -> picked -> shipped -> delivered -> completed
//
// Cancellation: every state from submitted up to (not including) shipped may go to cancelled.
// Goods that left the warehouse are handled by a return, not by cancelling the order.
// A draft is never cancelled: it exists on one device only and is simply deleted, so a
// cancelled order always has a server-side history behind it.
// Final states (no way out): rejected, completed, cancelled.
struct Transition
{
    OrderStatus from;
    OrderStatus to;
};

using S = OrderStatus;

constexpr std::array kTransitions {
    Transition {S::Draft, S::Submitted},

    Transition {S::Submitted, S::Accepted},
    Transition {S::Submitted, S::AcceptedWithChanges},
    Transition {S::Submitted, S::NeedsApproval},
    Transition {S::Submitted, S::Rejected},
    Transition {S::Submitted, S::Cancelled},

    Transition {S::AcceptedWithChanges, S::Submitted},
    Transition {S::AcceptedWithChanges, S::Accepted},
    Transition {S::AcceptedWithChanges, S::Cancelled},

    Transition {S::NeedsApproval, S::Accepted},
    Transition {S::NeedsApproval, S::Rejected},
    Transition {S::NeedsApproval, S::Cancelled},

    Transition {S::Accepted, S::Exported},
    Transition {S::Accepted, S::Picking},
    Transition {S::Accepted, S::Cancelled},

    Transition {S::Exported, S::InProduction},
    Transition {S::Exported, S::Picking},
    Transition {S::Exported, S::Cancelled},

    Transition {S::InProduction, S::Picking},
    Transition {S::InProduction, S::Cancelled},

    Transition {S::Picking, S::Picked},
    Transition {S::Picking, S::Cancelled},

    Transition {S::Picked, S::Shipped},
    Transition {S::Picked, S::Cancelled},

    Transition {S::Shipped, S::Delivered},

    Transition {S::Delivered, S::Completed},
};

} // namespace

bool canTransition(OrderStatus from, OrderStatus to) noexcept
{
    for (const Transition &t : kTransitions) {
        if (t.from == from && t.to == to)
            return true;
    }
    return false;
}

QList<OrderStatus> allowedTransitions(OrderStatus from)
{
    QList<OrderStatus> result;
    for (const Transition &t : kTransitions) {
        if (t.from == from)
            result.append(t.to);
    }
    return result;
}

bool isFinal(OrderStatus status) noexcept
{
    switch (status) {
    case OrderStatus::Rejected:
    case OrderStatus::Completed:
    case OrderStatus::Cancelled:
        return true;
    case OrderStatus::Draft:
    case OrderStatus::Submitted:
    case OrderStatus::Accepted:
    case OrderStatus::AcceptedWithChanges:
    case OrderStatus::NeedsApproval:
    case OrderStatus::Exported:
    case OrderStatus::InProduction:
    case OrderStatus::Picking:
    case OrderStatus::Picked:
    case OrderStatus::Shipped:
    case OrderStatus::Delivered:
        return false;
    }
    return false;
}

} // namespace portico
