#include "auth/userpolicy.h"

#include "protocol/codecs.h"

#include <algorithm>

namespace portico::server {

std::optional<PolicyViolation> UserPolicy::checkLogin(const QString &login)
{
    if (login.isEmpty() || login.size() > protocol::limits::Login)
        return PolicyViolation {
            QStringLiteral("login"),
            QStringLiteral("A login has 1 to %1 characters").arg(protocol::limits::Login)};
    const bool allowed = std::all_of(login.cbegin(), login.cend(), [](QChar c) {
        return c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-')
            || c == QLatin1Char('@') || c == QLatin1Char('+');
    });
    if (!allowed)
        return PolicyViolation {QStringLiteral("login"),
                                QStringLiteral("A login has only letters, digits and . _ - @ +")};
    return std::nullopt;
}

std::optional<PolicyViolation> UserPolicy::checkNewPassword(const QString &password)
{
    if (password.size() < MinPasswordLength || password.size() > MaxPasswordLength)
        return PolicyViolation {QStringLiteral("password"),
                                QStringLiteral("A password has %1 to %2 characters")
                                    .arg(MinPasswordLength)
                                    .arg(MaxPasswordLength)};
    if (password.trimmed().isEmpty())
        return PolicyViolation {QStringLiteral("password"), QStringLiteral("A password is not only spaces")};
    return std::nullopt;
}

std::optional<PolicyViolation> UserPolicy::checkBindings(const User &user)
{
    if (user.role == Role::Buyer && user.customerId.isNull())
        return PolicyViolation {QStringLiteral("customer_id"), QStringLiteral("A buyer needs a customer")};
    if (user.role != Role::Buyer && !user.customerId.isNull())
        return PolicyViolation {QStringLiteral("customer_id"),
                                QStringLiteral("Only buyers are bound to a customer")};
    if (user.role == Role::Warehouse && user.warehouseId.isNull())
        return PolicyViolation {QStringLiteral("warehouse_id"),
                                QStringLiteral("Warehouse staff need a warehouse")};
    if (user.role != Role::Warehouse && !user.warehouseId.isNull())
        return PolicyViolation {QStringLiteral("warehouse_id"),
                                QStringLiteral("Only warehouse staff are bound to a warehouse")};
    return std::nullopt;
}

} // namespace portico::server
