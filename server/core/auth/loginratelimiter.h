#pragma once

#include "auth/authsettings.h"

#include <QString>

#include <functional>

namespace portico::server {

class Database;
struct Services;

// Limits login attempts per account (login) and per remote address within a fixed window
// (by default 5 and 20 per 15 minutes). The counters live in the database, so every server
// instance sharing it enforces the same limits.
//
// An attempt is counted as a failure when it is admitted, before the password is verified, so
// that concurrent attempts cannot slip past the limit; a successful login then takes it back
// (and clears the account's counter). A refused attempt costs no password verification.
class LoginRateLimiter final
{
public:
    struct Decision
    {
        bool allowed = true;
        int retryAfterSeconds = 0; // when refused: seconds until the window ends (at least 1)
    };

    explicit LoginRateLimiter(Services &services);
    LoginRateLimiter(Database &database, std::function<qint64()> now, const AuthSettings &settings);

    // Counts an attempt for `login` and `address` (empty: not limited by address) and says
    // whether it may go on.
    Decision admit(const QString &login, const QString &address);
    // The admitted attempt succeeded: clears the account's failures and takes the attempt back
    // from the address.
    void succeeded(const QString &login, const QString &address);
    // What admit() would answer now, without counting anything.
    Decision peek(const QString &login, const QString &address) const;

private:
    int retryAfterSeconds(qint64 remainingMs) const;

    Database &m_database;
    std::function<qint64()> m_now;
    AuthSettings m_settings;
};

} // namespace portico::server
