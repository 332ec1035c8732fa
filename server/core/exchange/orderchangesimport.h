#pragma once

#include "exchange/commercemlrecords.h"
#include "exchange/importcounts.h"
#include "warehouse/reservationpolicy.h"

#include <QSqlDatabase>

namespace portico::server {

class FeedBatch;

// An order's state as 1C sends it back in a `sale` exchange: its number and date in 1C,
// posted, paid, shipped, marked for deletion, its status. The status moves along the order
// lifecycle (shared/ canTransition: the shortest allowed path, each step in the order's
// history; an order 1C reports beyond exported passes through exported, since 1C has it);
// 1C's number becomes the order's external id. Reservations follow the steps as they do for
// staff (warehouse/orderreservations.h): a cancellation or a shipment 1C reports releases what
// the order holds. The order goes to the feed of its customer, and so do the payment and the
// shipment 1C reports for it, as documents of the order (documents/documentrepository.h).
// Documents for orders Portico does not have (made in 1C) are passed over with a warning.
class OrderChangesImport final
{
public:
    OrderChangesImport(const QSqlDatabase &tx, const Id &byUser, qint64 now, ReservationPolicy policy,
                       ImportCounts &counts, FeedBatch &feed)
        : m_tx(tx)
        , m_byUser(byUser)
        , m_now(now)
        , m_policy(policy)
        , m_counts(counts)
        , m_feed(feed)
    { }

    // Whether the order changed.
    bool apply(const CmlDocument &document);

private:
    QSqlDatabase m_tx;
    Id m_byUser;
    qint64 m_now;
    ReservationPolicy m_policy;
    ImportCounts &m_counts;
    FeedBatch &m_feed;
};

} // namespace portico::server
