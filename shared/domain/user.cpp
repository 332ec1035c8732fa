#include "domain/user.h"

#include <array>

namespace portico {

namespace {

constexpr std::array kAllRoles {Role::Admin,     Role::Manager, Role::SalesRep,
                                Role::Warehouse, Role::Buyer,   Role::Exchange};

QLatin1String wireName(Role role) noexcept
{
    switch (role) {
    case Role::Admin:
        return QLatin1String("admin");
    case Role::Manager:
        return QLatin1String("manager");
    case Role::SalesRep:
        return QLatin1String("sales_rep");
    case Role::Warehouse:
        return QLatin1String("warehouse");
    case Role::Buyer:
        return QLatin1String("buyer");
    case Role::Exchange:
        return QLatin1String("exchange");
    }
    return QLatin1String("buyer");
}

} // namespace

QString roleToString(Role role)
{
    return wireName(role);
}

std::optional<Role> roleFromString(QStringView text)
{
    for (Role role : kAllRoles) {
        if (text == wireName(role))
            return role;
    }
    return std::nullopt;
}

} // namespace portico
