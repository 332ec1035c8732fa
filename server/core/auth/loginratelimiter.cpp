#include "auth/loginratelimiter.h"

#include "services.h"
#include "storage/database.h"

#include <algorithm>

namespace portico::server {

namespace {

const QString AccountScope = QStringLiteral("account");
const QString AddressScope = QStringLiteral("address");

// Subjects are stored as given, cut to a bounded length so that a long login cannot grow rows.
constexpr qsizetype MaxSubjectLength = 200;

QString accountSubject(const QString &login)
{
    return login.trimmed().toLower().left(MaxSubjectLength);
}

QString addressSubject(const QString &address)
{
    return address.left(MaxSubjectLength);
}

struct Counter
{
    qint64 windowStart = 0;
    int failures = 0;
};

// Adds one failure to (scope, subject), starting a new window when the current one is over.
Counter count(const QSqlDatabase &tx, const QString &scope, const QString &subject, qint64 now,
              qint64 windowMs)
{
    Sql upsert(tx,
               QStringLiteral("INSERT INTO login_failures (scope, subject, window_start, failures) "
                              "VALUES (:scope, :subject, :now, 1) ON CONFLICT (scope, subject) DO UPDATE SET "
                              "failures = CASE WHEN login_failures.window_start <= :expired THEN 1 "
                              "ELSE login_failures.failures + 1 END, "
                              "window_start = CASE WHEN login_failures.window_start <= :expired2 THEN :now2 "
                              "ELSE login_failures.window_start END "
                              "RETURNING window_start, failures"));
    upsert.bind(QStringLiteral(":scope"), scope)
        .bind(QStringLiteral(":subject"), subject)
        .bind(QStringLiteral(":now"), now)
        .bind(QStringLiteral(":expired"), now - windowMs)
        .bind(QStringLiteral(":expired2"), now - windowMs)
        .bind(QStringLiteral(":now2"), now)
        .exec();
    Counter counter;
    if (upsert.next()) {
        counter.windowStart = upsert.value(0).toLongLong();
        counter.failures = upsert.value(1).toInt();
    }
    return counter;
}

Counter current(const QSqlDatabase &tx, const QString &scope, const QString &subject, qint64 now,
                qint64 windowMs)
{
    Sql find(tx,
             QStringLiteral("SELECT window_start, failures FROM login_failures "
                            "WHERE scope = :scope AND subject = :subject AND window_start > :expired"));
    find.bind(QStringLiteral(":scope"), scope)
        .bind(QStringLiteral(":subject"), subject)
        .bind(QStringLiteral(":expired"), now - windowMs)
        .exec();
    Counter counter;
    if (find.next()) {
        counter.windowStart = find.value(0).toLongLong();
        counter.failures = find.value(1).toInt();
    }
    return counter;
}

} // namespace

LoginRateLimiter::LoginRateLimiter(Services &services)
    : LoginRateLimiter(services.database, services.now, services.auth)
{ }

LoginRateLimiter::LoginRateLimiter(Database &database, std::function<qint64()> now,
                                   const AuthSettings &settings)
    : m_database(database)
    , m_now(std::move(now))
    , m_settings(settings)
{ }

LoginRateLimiter::Decision LoginRateLimiter::admit(const QString &login, const QString &address)
{
    const qint64 now = m_now();
    const qint64 window = m_settings.failureWindowMs;
    return m_database.write([&](QSqlDatabase &tx) {
        Sql(tx, QStringLiteral("DELETE FROM login_failures WHERE window_start <= :expired"))
            .bind(QStringLiteral(":expired"), now - window)
            .exec();
        Decision decision;
        qint64 blockedUntil = 0;
        const Counter account = count(tx, AccountScope, accountSubject(login), now, window);
        if (account.failures > m_settings.maxFailuresPerAccount)
            blockedUntil = account.windowStart + window;
        if (!address.isEmpty()) {
            const Counter byAddress = count(tx, AddressScope, addressSubject(address), now, window);
            if (byAddress.failures > m_settings.maxFailuresPerAddress)
                blockedUntil = std::max(blockedUntil, byAddress.windowStart + window);
        }
        if (blockedUntil > 0) {
            decision.allowed = false;
            decision.retryAfterSeconds = retryAfterSeconds(blockedUntil - now);
        }
        return decision;
    });
}

void LoginRateLimiter::succeeded(const QString &login, const QString &address)
{
    m_database.write([&](QSqlDatabase &tx) {
        Sql(tx, QStringLiteral("DELETE FROM login_failures WHERE scope = :scope AND subject = :subject"))
            .bind(QStringLiteral(":scope"), AccountScope)
            .bind(QStringLiteral(":subject"), accountSubject(login))
            .exec();
        if (!address.isEmpty())
            Sql(tx,
                QStringLiteral("UPDATE login_failures SET failures = failures - 1 "
                               "WHERE scope = :scope AND subject = :subject AND failures > 0"))
                .bind(QStringLiteral(":scope"), AddressScope)
                .bind(QStringLiteral(":subject"), addressSubject(address))
                .exec();
    });
}

LoginRateLimiter::Decision LoginRateLimiter::peek(const QString &login, const QString &address) const
{
    const qint64 now = m_now();
    const qint64 window = m_settings.failureWindowMs;
    return m_database.read([&](QSqlDatabase &tx) {
        Decision decision;
        qint64 blockedUntil = 0;
        const Counter account = current(tx, AccountScope, accountSubject(login), now, window);
        if (account.failures >= m_settings.maxFailuresPerAccount)
            blockedUntil = account.windowStart + window;
        if (!address.isEmpty()) {
            const Counter byAddress = current(tx, AddressScope, addressSubject(address), now, window);
            if (byAddress.failures >= m_settings.maxFailuresPerAddress)
                blockedUntil = std::max(blockedUntil, byAddress.windowStart + window);
        }
        if (blockedUntil > 0) {
            decision.allowed = false;
            decision.retryAfterSeconds = retryAfterSeconds(blockedUntil - now);
        }
        return decision;
    });
}

int LoginRateLimiter::retryAfterSeconds(qint64 remainingMs) const
{
    const qint64 seconds = (std::max<qint64>(remainingMs, 1) + 999) / 1000;
    return static_cast<int>(std::min<qint64>(seconds, m_settings.failureWindowMs / 1000 + 1));
}

} // namespace portico::server
