#pragma once

#include "domain/ids.h"

#include <QString>

#include <optional>

namespace portico {

enum class Role { Admin, Manager, SalesRep, Warehouse, Buyer, Exchange };

// Wire names: "admin", "manager", "sales_rep", "warehouse", "buyer", "exchange".
QString roleToString(Role role);
std::optional<Role> roleFromString(QStringView text);

struct User
{
    Id id;
    QString login;
    QString displayName;
    Role role = Role::Buyer;
    Id customerId; // buyers: the one customer they buy for
    Id warehouseId; // warehouse staff: their warehouse
    bool active = true;
    friend bool operator==(const User &, const User &) = default;
};

} // namespace portico
