#pragma once

#include "domain/document.h"
#include "domain/order.h"
#include "orders/localorders.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace portico::client {

// The words the user reads for an order's status and its state on this device (the wire names in
// shared/domain/orderstatusnames.cpp are for the protocol, not for people).
class OrderStatusText final
{
    Q_DECLARE_TR_FUNCTIONS(OrderStatusText)

public:
    static QString status(OrderStatus status);
    static QString status(const std::optional<OrderStatus> &status); // "Unknown" for none
    static QString localState(LocalOrder::LocalState state); // empty for an order only the server has
    // Every status in lifecycle order, for filters.
    static QList<OrderStatus> allStatuses();
    // An accounting document's kind as the user reads it ("Invoice", "Waybill", ...).
    static QString documentKind(DocumentKind kind);
};

} // namespace portico::client
