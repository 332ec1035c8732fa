#pragma once

#include "domain/user.h"

#include <QString>

#include <optional>

namespace portico::server {

// Why a user or password that an admin entered is refused: the wire key it concerns
// ("customer_id") and an explanation.
struct PolicyViolation
{
    QString field;
    QString message;
};

inline constexpr qsizetype MinPasswordLength = 8;
inline constexpr qsizetype MaxPasswordLength = 1024;

// What admins may create and change, checked by the admin API and the command line alike.
class UserPolicy final
{
public:
    // 1 to 100 characters: letters, digits and . _ - @ +.
    static std::optional<PolicyViolation> checkLogin(const QString &login);
    // 8 to 1024 characters, not only spaces.
    static std::optional<PolicyViolation> checkNewPassword(const QString &password);
    // A buyer buys for exactly one customer and warehouse staff work in one warehouse; no other
    // role is bound to either.
    static std::optional<PolicyViolation> checkBindings(const User &user);
};

} // namespace portico::server
