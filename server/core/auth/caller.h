#pragma once

#include "domain/user.h"

#include <QString>

namespace portico::server {

// The authenticated user behind a request, as the access token says. Handlers scope every
// query by it: role, the buyer's customer, the warehouse worker's warehouse.
struct Caller
{
    QString userId; // UUID text
    QString login;
    Role role = Role::Buyer;
    QString customerId; // buyers
    QString warehouseId; // warehouse staff
    QString deviceId;

    bool isStaff() const noexcept { return role != Role::Buyer && role != Role::Exchange; }
    // Sees every customer: admins and managers.
    bool seesAllCustomers() const noexcept { return role == Role::Admin || role == Role::Manager; }
};

} // namespace portico::server
