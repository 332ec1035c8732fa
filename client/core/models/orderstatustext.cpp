#include "models/orderstatustext.h"

namespace portico::client {

QString OrderStatusText::status(OrderStatus status)
{
    switch (status) {
    case OrderStatus::Draft:
        return tr("Draft");
    case OrderStatus::Submitted:
        return tr("Submitted");
    case OrderStatus::Accepted:
        return tr("Accepted");
    case OrderStatus::AcceptedWithChanges:
        return tr("Accepted with changes");
    case OrderStatus::NeedsApproval:
        return tr("Needs approval");
    case OrderStatus::Rejected:
        return tr("Rejected");
    case OrderStatus::Exported:
        return tr("Sent to accounting");
    case OrderStatus::InProduction:
        return tr("In production");
    case OrderStatus::Picking:
        return tr("Picking");
    case OrderStatus::Picked:
        return tr("Picked");
    case OrderStatus::Shipped:
        return tr("Shipped");
    case OrderStatus::Delivered:
        return tr("Delivered");
    case OrderStatus::Completed:
        return tr("Completed");
    case OrderStatus::Cancelled:
        return tr("Cancelled");
    }
    return tr("Unknown");
}

QString OrderStatusText::status(const std::optional<OrderStatus> &status)
{
    return status ? OrderStatusText::status(*status) : tr("Unknown");
}

QString OrderStatusText::localState(LocalOrder::LocalState state)
{
    switch (state) {
    case LocalOrder::LocalState::ServerOnly:
        return {};
    case LocalOrder::LocalState::Draft:
        return tr("Draft on this computer");
    case LocalOrder::LocalState::Queued:
        return tr("Waiting to upload");
    case LocalOrder::LocalState::Uploaded:
        return tr("Uploaded");
    case LocalOrder::LocalState::Failed:
        return tr("Upload refused");
    case LocalOrder::LocalState::Withdrawn:
        return tr("Withdrawn before upload");
    }
    return {};
}

QList<OrderStatus> OrderStatusText::allStatuses()
{
    using S = OrderStatus;
    return {S::Draft,         S::Submitted, S::Accepted, S::AcceptedWithChanges,
            S::NeedsApproval, S::Rejected,  S::Exported, S::InProduction,
            S::Picking,       S::Picked,    S::Shipped,  S::Delivered,
            S::Completed,     S::Cancelled};
}

QString OrderStatusText::documentKind(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::Invoice:
        return tr("Invoice");
    case DocumentKind::Waybill:
        return tr("Waybill");
    case DocumentKind::Act:
        return tr("Act of work");
    case DocumentKind::Payment:
        return tr("Payment");
    case DocumentKind::ReconciliationStatement:
        return tr("Reconciliation statement");
    case DocumentKind::Contract:
        return tr("Contract");
    case DocumentKind::Other:
        break;
    }
    return tr("Document");
}

} // namespace portico::client
