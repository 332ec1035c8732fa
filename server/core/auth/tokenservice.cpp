#include "auth/tokenservice.h"

#include "auth/accesstokencache.h"
#include "auth/sodiumruntime.h"
#include "http/apierror.h"
#include "log/structuredlog.h"
#include "services.h"
#include "storage/database.h"

#include <QUuid>

#include <sodium.h>

#include <array>

namespace portico::server {

namespace {

const QString AccessKind = QStringLiteral("access");
const QString RefreshKind = QStringLiteral("refresh");

QString newToken()
{
    std::array<unsigned char, 32> bytes {};
    randombytes_buf(bytes.data(), bytes.size());
    const QByteArray raw(reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(bytes.size()));
    sodium_memzero(bytes.data(), bytes.size());
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

ApiError invalidAccessToken()
{
    return ApiError(ApiErrorCode::Unauthorized, QStringLiteral("Invalid access token; log in again"));
}

ApiError expiredAccessToken()
{
    return ApiError(ApiErrorCode::Unauthorized, QStringLiteral("The access token has expired; refresh it"));
}

ApiError invalidRefreshToken()
{
    return ApiError(ApiErrorCode::Unauthorized,
                    QStringLiteral("Invalid or expired refresh token; log in again"));
}

void insertToken(const QSqlDatabase &tx, const QString &token, const QString &kind, const QString &userId,
                 const QString &deviceId, const QString &family, qint64 expiresAt, qint64 now)
{
    Sql(tx,
        QStringLiteral("INSERT INTO tokens (token_hash, kind, user_id, device_id, family, expires_at, "
                       "revoked, created_at) VALUES (:hash, :kind, :user, :device, :family, :expires, "
                       ":revoked, :created)"))
        .bind(QStringLiteral(":hash"), TokenService::hashOf(token))
        .bind(QStringLiteral(":kind"), kind)
        .bind(QStringLiteral(":user"), userId)
        .bind(QStringLiteral(":device"), deviceId)
        .bind(QStringLiteral(":family"), family)
        .bind(QStringLiteral(":expires"), expiresAt)
        .bind(QStringLiteral(":revoked"), false)
        .bind(QStringLiteral(":created"), now)
        .exec();
}

IssuedTokens insertPair(const QSqlDatabase &tx, const AuthSettings &settings, const QString &userId,
                        const QString &deviceId, const QString &family, qint64 now)
{
    IssuedTokens tokens;
    tokens.userId = userId;
    tokens.family = family;
    tokens.accessToken = newToken();
    tokens.refreshToken = newToken();
    tokens.accessExpiresAt = now + settings.accessTokenLifetimeMs;
    tokens.refreshExpiresAt = now + settings.refreshTokenLifetimeMs;
    insertToken(tx, tokens.accessToken, AccessKind, userId, deviceId, family, tokens.accessExpiresAt, now);
    insertToken(tx, tokens.refreshToken, RefreshKind, userId, deviceId, family, tokens.refreshExpiresAt, now);
    return tokens;
}

int revokeFamily(const QSqlDatabase &tx, const QString &family)
{
    Sql revoke(tx,
               QStringLiteral("UPDATE tokens SET revoked = :yes WHERE family = :family AND revoked = :no"));
    revoke.bind(QStringLiteral(":yes"), true)
        .bind(QStringLiteral(":family"), family)
        .bind(QStringLiteral(":no"), false)
        .exec();
    return revoke.rowsAffected();
}

enum class RefreshOutcome { Issued, Invalid, Reused, WrongDevice };

struct RefreshResult
{
    RefreshOutcome outcome = RefreshOutcome::Invalid;
    IssuedTokens tokens;
    QString userId;
    QString family;
};

} // namespace

TokenService::TokenService(Services &services)
    : TokenService(services.database, services.now, services.auth, services.accessTokens.get())
{ }

TokenService::TokenService(Database &database, std::function<qint64()> now, const AuthSettings &settings,
                           AccessTokenCache *cache)
    : m_database(database)
    , m_now(std::move(now))
    , m_settings(settings)
    , m_cache(database.isPostgres() ? nullptr : cache)
{
    initializeSodium();
}

QString TokenService::hashOf(const QString &token)
{
    initializeSodium();
    const QByteArray text = token.toUtf8();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest {};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char *>(text.constData()),
                       static_cast<unsigned long long>(text.size()));
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest.data()), static_cast<qsizetype>(digest.size()))
            .toHex());
}

IssuedTokens TokenService::issue(const QString &userId, const QString &deviceId)
{
    const qint64 now = m_now();
    return m_database.write([&](QSqlDatabase &tx) {
        Sql(tx, QStringLiteral("DELETE FROM tokens WHERE expires_at < :now"))
            .bind(QStringLiteral(":now"), now)
            .exec();
        return insertPair(tx, m_settings, userId, deviceId,
                          QUuid::createUuid().toString(QUuid::WithoutBraces), now);
    });
}

IssuedTokens TokenService::refresh(const QString &refreshToken, const QString &deviceId)
{
    if (refreshToken.isEmpty() || refreshToken.size() > MaxTokenLength)
        throw invalidRefreshToken();
    const qint64 now = m_now();
    const QString hash = hashOf(refreshToken);
    const RefreshResult result = m_database.write([&](QSqlDatabase &tx) {
        RefreshResult r;
        Sql find(tx,
                 QStringLiteral("SELECT t.kind, t.user_id, t.device_id, t.family, t.expires_at, t.revoked, "
                                "u.active FROM tokens t JOIN users u ON u.id = t.user_id "
                                "WHERE t.token_hash = :hash"));
        find.bind(QStringLiteral(":hash"), hash).exec();
        if (!find.next() || find.value(0).toString() != RefreshKind)
            return r;
        r.userId = find.value(1).toString();
        const QString tokenDevice = find.value(2).toString();
        r.family = find.value(3).toString();
        const qint64 expiresAt = find.value(4).toLongLong();
        const bool revoked = find.value(5).toBool();
        const bool active = find.value(6).toBool();
        if (revoked) {
            revokeFamily(tx, r.family);
            r.outcome = RefreshOutcome::Reused;
            return r;
        }
        if (expiresAt <= now || !active)
            return r;
        if (tokenDevice != deviceId) {
            revokeFamily(tx, r.family);
            r.outcome = RefreshOutcome::WrongDevice;
            return r;
        }
        Sql consume(
            tx,
            QStringLiteral("UPDATE tokens SET revoked = :yes WHERE token_hash = :hash AND revoked = :no"));
        consume.bind(QStringLiteral(":yes"), true)
            .bind(QStringLiteral(":hash"), hash)
            .bind(QStringLiteral(":no"), false)
            .exec();
        if (consume.rowsAffected() != 1) {
            // Another request consumed it first: the same token was presented twice.
            revokeFamily(tx, r.family);
            r.outcome = RefreshOutcome::Reused;
            return r;
        }
        r.tokens = insertPair(tx, m_settings, r.userId, tokenDevice, r.family, now);
        r.outcome = RefreshOutcome::Issued;
        return r;
    });
    switch (result.outcome) {
    case RefreshOutcome::Issued:
        return result.tokens;
    case RefreshOutcome::Reused:
    case RefreshOutcome::WrongDevice:
        StructuredLog::warning(
            result.outcome == RefreshOutcome::Reused
                ? QStringLiteral("refresh token reused; token family revoked")
                : QStringLiteral("refresh token from another device; token family revoked"),
            {{QStringLiteral("user_id"), result.userId}, {QStringLiteral("family"), result.family}});
        break;
    case RefreshOutcome::Invalid:
        break;
    }
    throw invalidRefreshToken();
}

Caller TokenService::authenticate(const QString &accessToken) const
{
    if (accessToken.isEmpty() || accessToken.size() > MaxTokenLength)
        throw invalidAccessToken();
    const qint64 now = m_now();
    const QString hash = hashOf(accessToken);
    struct Row
    {
        bool found = false;
        bool fresh = false; // read from the database: kept for the next request
        AccessTokenCache::Entry entry;
        QString role;
        qint64 revision = -1;
    };
    const Row row = m_database.read([&](QSqlDatabase &tx) {
        Row r;
        if (m_cache) {
            // Counted up by the database whenever a token or a user changes (migration 15).
            Sql revision(tx, QStringLiteral("SELECT revision FROM access_state WHERE id = 1"));
            revision.exec();
            r.revision = revision.next() ? revision.value(0).toLongLong() : -1;
            if (auto kept = m_cache->find(hash, r.revision)) {
                r.found = true;
                r.entry = std::move(*kept);
                return r;
            }
        }
        Sql find(
            tx,
            QStringLiteral("SELECT t.user_id, t.device_id, t.expires_at, u.login, u.role, "
                           "u.customer_id, u.warehouse_id FROM tokens t JOIN users u ON u.id = t.user_id "
                           "WHERE t.token_hash = :hash AND t.kind = :kind AND t.revoked = :no "
                           "AND u.active = :yes"));
        find.bind(QStringLiteral(":hash"), hash)
            .bind(QStringLiteral(":kind"), AccessKind)
            .bind(QStringLiteral(":no"), false)
            .bind(QStringLiteral(":yes"), true)
            .exec();
        if (!find.next())
            return r;
        r.found = true;
        r.entry.caller.userId = find.value(0).toString();
        r.entry.caller.deviceId = find.value(1).toString();
        r.entry.expiresAt = find.value(2).toLongLong();
        r.entry.caller.login = find.value(3).toString();
        r.role = find.value(4).toString();
        r.entry.caller.customerId = find.value(5).toString();
        r.entry.caller.warehouseId = find.value(6).toString();
        r.fresh = true;
        return r;
    });
    if (!row.found)
        throw invalidAccessToken();
    if (row.entry.expiresAt <= now)
        throw expiredAccessToken();
    if (!row.fresh)
        return row.entry.caller;
    const std::optional<Role> role = roleFromString(row.role);
    if (!role)
        throw invalidAccessToken();
    AccessTokenCache::Entry entry = row.entry;
    entry.caller.role = *role;
    if (m_cache && row.revision >= 0)
        m_cache->put(hash, entry, row.revision);
    return entry.caller;
}

int TokenService::revokeFamilyOf(const QString &accessToken)
{
    if (accessToken.isEmpty() || accessToken.size() > MaxTokenLength)
        return 0;
    const QString hash = hashOf(accessToken);
    return m_database.write([&](QSqlDatabase &tx) {
        Sql find(tx, QStringLiteral("SELECT family FROM tokens WHERE token_hash = :hash AND kind = :kind"));
        find.bind(QStringLiteral(":hash"), hash).bind(QStringLiteral(":kind"), AccessKind).exec();
        return find.next() ? revokeFamily(tx, find.value(0).toString()) : 0;
    });
}

int TokenService::revokeUser(const QString &userId)
{
    return m_database.write([&](QSqlDatabase &tx) {
        Sql revoke(
            tx, QStringLiteral("UPDATE tokens SET revoked = :yes WHERE user_id = :user AND revoked = :no"));
        revoke.bind(QStringLiteral(":yes"), true)
            .bind(QStringLiteral(":user"), userId)
            .bind(QStringLiteral(":no"), false)
            .exec();
        return revoke.rowsAffected();
    });
}

int TokenService::revokeDevice(const QString &userId, const QString &deviceId)
{
    return m_database.write([&](QSqlDatabase &tx) {
        Sql revoke(tx,
                   QStringLiteral("UPDATE tokens SET revoked = :yes WHERE user_id = :user "
                                  "AND device_id = :device AND revoked = :no"));
        revoke.bind(QStringLiteral(":yes"), true)
            .bind(QStringLiteral(":user"), userId)
            .bind(QStringLiteral(":device"), deviceId)
            .bind(QStringLiteral(":no"), false)
            .exec();
        return revoke.rowsAffected();
    });
}

} // namespace portico::server
