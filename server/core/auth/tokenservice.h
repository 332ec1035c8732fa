#pragma once

#include "auth/authsettings.h"
#include "auth/caller.h"

#include <QString>

#include <functional>

namespace portico::server {

class AccessTokenCache;
class Database;
struct Services;

// A pair of tokens issued at login or refresh. Tokens are shown to the client once; the
// server keeps only their SHA-256 hashes.
// Longest device id a client may send (the client's own identifier of its installation).
inline constexpr qsizetype MaxDeviceIdLength = 128;
// Longer than any token this service issues; longer input is refused without hashing it.
inline constexpr qsizetype MaxTokenLength = 256;

struct IssuedTokens
{
    QString userId;
    QString accessToken;
    QString refreshToken;
    qint64 accessExpiresAt = 0; // milliseconds since the epoch, UTC
    qint64 refreshExpiresAt = 0;
    QString family; // shared by every token descending from one login
};

// Opaque bearer tokens: 32 random bytes, base64url. Login issues a short-lived access token and
// a long-lived refresh token for one device, both in a new family. A refresh consumes its
// refresh token and issues a new pair in the same family; presenting a consumed (or otherwise
// revoked) refresh token again means it leaked, so the whole family is revoked. Revocation is
// per family (logout), per device or per user (admin). Time comes from the services' clock.
// On SQLite, given a cache (the services' one), authenticate() takes callers from memory while
// no token or user changed since they were read (auth/accesstokencache.h).
class TokenService final
{
public:
    explicit TokenService(Services &services);
    TokenService(Database &database, std::function<qint64()> now, const AuthSettings &settings,
                 AccessTokenCache *cache = nullptr);

    IssuedTokens issue(const QString &userId, const QString &deviceId);
    // Throws ApiError(Unauthorized) for an unknown, expired, revoked or reused refresh token, a
    // refresh token of another device, or a user who is no longer active.
    IssuedTokens refresh(const QString &refreshToken, const QString &deviceId);
    // The caller behind a valid access token of an active user; throws ApiError(Unauthorized).
    Caller authenticate(const QString &accessToken) const;

    // Logout: revokes every token of the family of this access token; returns how many.
    int revokeFamilyOf(const QString &accessToken);
    int revokeUser(const QString &userId);
    int revokeDevice(const QString &userId, const QString &deviceId);

    // SHA-256 of a token, hex: the only form in which tokens are stored.
    static QString hashOf(const QString &token);

private:
    Database &m_database;
    std::function<qint64()> m_now;
    AuthSettings m_settings;
    AccessTokenCache *m_cache = nullptr; // SQLite only
};

} // namespace portico::server
