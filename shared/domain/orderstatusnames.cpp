#include "domain/order.h"

#include <array>

namespace portico {

namespace {

using S = OrderStatus;

constexpr std::array kAllStatuses {S::Draft,         S::Submitted, S::Accepted, S::AcceptedWithChanges,
                                   S::NeedsApproval, S::Rejected,  S::Exported, S::InProduction,
                                   S::Picking,       S::Picked,    S::Shipped,  S::Delivered,
                                   S::Completed,     S::Cancelled};

QLatin1String wireName(OrderStatus status) noexcept
{
    switch (status) {
    case S::Draft:
        return QLatin1String("draft");
    case S::Submitted:
        return QLatin1String("submitted");
    case S::Accepted:
        return QLatin1String("accepted");
    case S::AcceptedWithChanges:
        return QLatin1String("accepted_with_changes");
    case S::NeedsApproval:
        return QLatin1String("needs_approval");
    case S::Rejected:
        return QLatin1String("rejected");
    case S::Exported:
        return QLatin1String("exported");
    case S::InProduction:
        return QLatin1String("in_production");
    case S::Picking:
        return QLatin1String("picking");
    case S::Picked:
        return QLatin1String("picked");
    case S::Shipped:
        return QLatin1String("shipped");
    case S::Delivered:
        return QLatin1String("delivered");
    case S::Completed:
        return QLatin1String("completed");
    case S::Cancelled:
        return QLatin1String("cancelled");
    }
    return QLatin1String("draft");
}

} // namespace

QString orderStatusToString(OrderStatus status)
{
    return wireName(status);
}

std::optional<OrderStatus> orderStatusFromString(QStringView text)
{
    for (OrderStatus status : kAllStatuses) {
        if (text == wireName(status))
            return status;
    }
    return std::nullopt;
}

} // namespace portico
