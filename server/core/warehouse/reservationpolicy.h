#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace portico::server {

// What an accepted order does to stock it cannot have in full (`--reservation-policy`):
//   reserve    reserve what is available, leave the rest unreserved;
//   backorder  the same, and record the unreserved rest per line as a backorder quantity;
//   hold       reserve nothing unless everything is available, and send the order to a
//              manager (needs_approval) with the reason.
// Under every policy available stock (on hand - reserved) never goes below zero.
enum class ReservationPolicy { Reserve, Backorder, Hold };

inline QString reservationPolicyToString(ReservationPolicy policy)
{
    switch (policy) {
    case ReservationPolicy::Reserve:
        return QStringLiteral("reserve");
    case ReservationPolicy::Backorder:
        return QStringLiteral("backorder");
    case ReservationPolicy::Hold:
        return QStringLiteral("hold");
    }
    return QString();
}

inline std::optional<ReservationPolicy> reservationPolicyFromString(QStringView text)
{
    for (const auto policy :
         {ReservationPolicy::Reserve, ReservationPolicy::Backorder, ReservationPolicy::Hold}) {
        if (text == reservationPolicyToString(policy))
            return policy;
    }
    return std::nullopt;
}

} // namespace portico::server
