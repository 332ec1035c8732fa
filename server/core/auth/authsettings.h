#pragma once

#include <QtGlobal>

namespace portico::server {

// How much an Argon2id password hash costs (libsodium's presets). Interactive: 64 MiB and two
// passes, about a tenth of a second per login. Moderate: 256 MiB, for servers with memory to
// spare. Minimum is for tests only.
enum class PasswordCost { Interactive, Moderate, Minimum };

// Lifetimes of issued tokens and the login rate limits.
struct AuthSettings
{
    qint64 accessTokenLifetimeMs = 60LL * 60 * 1000; // 1 hour
    qint64 refreshTokenLifetimeMs = 30LL * 24 * 60 * 60 * 1000; // 30 days
    int maxFailuresPerAccount = 5; // per login, within one window
    int maxFailuresPerAddress = 20; // per remote address, within one window
    qint64 failureWindowMs = 15LL * 60 * 1000; // 15 minutes
    PasswordCost passwordCost = PasswordCost::Interactive;
};

} // namespace portico::server
