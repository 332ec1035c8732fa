#include "auth/accesstokencache.h"
#include "auth/tokenservice.h"
#include "auth/userrepository.h"
#include "http/apierror.h"
#include "log/structuredlog.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QTest>

#include <memory>

using namespace portico;
using namespace portico::server;
using portico::test::TestDatabase;

namespace {

constexpr qint64 Start = 1'800'000'000'000; // 2027-01-15
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

// The status an operation answers: 200 when it succeeds, else its ApiError's.
template<typename Fn>
int statusOf(Fn &&fn)
{
    try {
        fn();
        return 200;
    } catch (const ApiError &error) {
        return statusFor(error.code());
    }
}

} // namespace

class TestTokenService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        StructuredLog::setEnabled(false);
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
    }

    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->create(), qPrintable(m_db->errorString()));
        m_now = Start;
        // As the server runs it: callers kept in memory (on SQLite).
        m_cache = std::make_unique<AccessTokenCache>();
        m_tokens = std::make_unique<TokenService>(
            m_db->database(), [this] { return m_now; }, AuthSettings(), m_cache.get());
        m_buyer = addUser(QStringLiteral("buyer1"), Role::Buyer);
        m_manager = addUser(QStringLiteral("manager"), Role::Manager);
    }

    void cleanup()
    {
        m_tokens.reset();
        m_cache.reset();
        m_db.reset();
    }

    void issuedTokensAuthenticate()
    {
        const IssuedTokens tokens = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        QCOMPARE(tokens.userId, idOf(m_buyer));
        QVERIFY(tokens.accessToken != tokens.refreshToken);
        QCOMPARE(tokens.accessToken.size(), 43); // 32 bytes, base64url without padding
        QCOMPARE(tokens.accessExpiresAt, Start + Hour);
        QCOMPARE(tokens.refreshExpiresAt, Start + 30 * Day);
        const Caller caller = m_tokens->authenticate(tokens.accessToken);
        QCOMPARE(caller.userId, idOf(m_buyer));
        QCOMPARE(caller.login, QStringLiteral("buyer1"));
        QCOMPARE(caller.role, Role::Buyer);
        QCOMPARE(caller.customerId, m_buyer.customerId.toString(QUuid::WithoutBraces));
        QCOMPARE(caller.deviceId, QStringLiteral("laptop"));
        QVERIFY(caller.warehouseId.isEmpty());
    }

    void onlyHashesAreStored()
    {
        const IssuedTokens tokens = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        const QStringList stored = m_db->database().read([](QSqlDatabase &tx) {
            Sql all(tx, QStringLiteral("SELECT token_hash FROM tokens ORDER BY kind"));
            all.exec();
            QStringList hashes;
            while (all.next())
                hashes << all.value(0).toString();
            return hashes;
        });
        QCOMPARE(stored.size(), 2);
        QVERIFY(stored.contains(TokenService::hashOf(tokens.accessToken)));
        QVERIFY(stored.contains(TokenService::hashOf(tokens.refreshToken)));
        QVERIFY(!stored.contains(tokens.accessToken));
        QCOMPARE(TokenService::hashOf(tokens.accessToken).size(), 64);
    }

    void accessTokensExpire()
    {
        const IssuedTokens tokens = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        m_now = Start + Hour - 1;
        QCOMPARE(statusOf([&] { m_tokens->authenticate(tokens.accessToken); }), 200);
        m_now = Start + Hour;
        QCOMPARE(statusOf([&] { m_tokens->authenticate(tokens.accessToken); }), 401);
    }

    void lifetimesAreConfigurable()
    {
        AuthSettings settings;
        settings.accessTokenLifetimeMs = 5 * Minute;
        settings.refreshTokenLifetimeMs = Day;
        TokenService tokens(
            m_db->database(), [this] { return m_now; }, settings);
        const IssuedTokens issued = tokens.issue(idOf(m_buyer), QStringLiteral("laptop"));
        QCOMPARE(issued.accessExpiresAt, Start + 5 * Minute);
        QCOMPARE(issued.refreshExpiresAt, Start + Day);
        m_now = Start + 5 * Minute;
        QCOMPARE(statusOf([&] { tokens.authenticate(issued.accessToken); }), 401);
        QCOMPARE(statusOf([&] { tokens.refresh(issued.refreshToken, QStringLiteral("laptop")); }), 200);
    }

    void refreshRotatesWithinTheFamily()
    {
        const IssuedTokens first = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        m_now = Start + 2 * Hour;
        QCOMPARE(statusOf([&] { m_tokens->authenticate(first.accessToken); }), 401);
        const IssuedTokens second = m_tokens->refresh(first.refreshToken, QStringLiteral("laptop"));
        QCOMPARE(second.family, first.family);
        QCOMPARE(second.userId, idOf(m_buyer));
        QVERIFY(second.accessToken != first.accessToken);
        QVERIFY(second.refreshToken != first.refreshToken);
        QCOMPARE(second.accessExpiresAt, m_now + Hour);
        QCOMPARE(second.refreshExpiresAt, m_now + 30 * Day);
        QCOMPARE(m_tokens->authenticate(second.accessToken).deviceId, QStringLiteral("laptop"));
        const IssuedTokens third = m_tokens->refresh(second.refreshToken, QStringLiteral("laptop"));
        QCOMPARE(third.family, first.family);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(third.accessToken); }), 200);
    }

    void reusedRefreshTokenRevokesTheFamily()
    {
        const IssuedTokens stolen = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        const IssuedTokens elsewhere = m_tokens->issue(idOf(m_buyer), QStringLiteral("desktop"));
        const IssuedTokens rotated = m_tokens->refresh(stolen.refreshToken, QStringLiteral("laptop"));
        QCOMPARE(statusOf([&] { m_tokens->refresh(stolen.refreshToken, QStringLiteral("laptop")); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(rotated.accessToken); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->refresh(rotated.refreshToken, QStringLiteral("laptop")); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(stolen.accessToken); }), 401);
        // Other logins of the same user are other families.
        QCOMPARE(statusOf([&] { m_tokens->authenticate(elsewhere.accessToken); }), 200);
        QCOMPARE(statusOf([&] { m_tokens->refresh(elsewhere.refreshToken, QStringLiteral("desktop")); }),
                 200);
    }

    void refreshFromAnotherDeviceRevokesTheFamily()
    {
        const IssuedTokens tokens = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        QCOMPARE(statusOf([&] { m_tokens->refresh(tokens.refreshToken, QStringLiteral("intruder")); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->refresh(tokens.refreshToken, QStringLiteral("laptop")); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(tokens.accessToken); }), 401);
    }

    void refreshTokensExpire()
    {
        const IssuedTokens tokens = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        m_now = Start + 30 * Day;
        QCOMPARE(statusOf([&] { m_tokens->refresh(tokens.refreshToken, QStringLiteral("laptop")); }), 401);
    }

    void tokenKindsAreNotInterchangeable()
    {
        const IssuedTokens tokens = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        QCOMPARE(statusOf([&] { m_tokens->authenticate(tokens.refreshToken); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->refresh(tokens.accessToken, QStringLiteral("laptop")); }), 401);
        // Neither mistake costs the family.
        QCOMPARE(statusOf([&] { m_tokens->authenticate(tokens.accessToken); }), 200);
        QCOMPARE(statusOf([&] { m_tokens->refresh(tokens.refreshToken, QStringLiteral("laptop")); }), 200);
    }

    void unknownTokensAreRefused_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("empty") << QString();
        QTest::newRow("short") << QStringLiteral("x");
        QTest::newRow("well-formed but unknown") << QString(43, QLatin1Char('A'));
        QTest::newRow("huge") << QString(100000, QLatin1Char('A'));
        QTest::newRow("sql") << QStringLiteral("' OR 1=1 --");
    }

    void unknownTokensAreRefused()
    {
        QFETCH(QString, token);
        m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        QCOMPARE(statusOf([&] { m_tokens->authenticate(token); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->refresh(token, QStringLiteral("laptop")); }), 401);
        QCOMPARE(m_tokens->revokeFamilyOf(token), 0);
    }

    void logoutRevokesTheFamily()
    {
        const IssuedTokens laptop = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        const IssuedTokens desktop = m_tokens->issue(idOf(m_buyer), QStringLiteral("desktop"));
        QCOMPARE(m_tokens->revokeFamilyOf(laptop.accessToken), 2);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(laptop.accessToken); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->refresh(laptop.refreshToken, QStringLiteral("laptop")); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(desktop.accessToken); }), 200);
        QCOMPARE(m_tokens->revokeFamilyOf(laptop.accessToken), 0);
    }

    void revokePerDeviceAndPerUser()
    {
        const IssuedTokens laptop = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        const IssuedTokens laptopAgain = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        const IssuedTokens desktop = m_tokens->issue(idOf(m_buyer), QStringLiteral("desktop"));
        const IssuedTokens other = m_tokens->issue(idOf(m_manager), QStringLiteral("laptop"));
        QCOMPARE(m_tokens->revokeDevice(idOf(m_buyer), QStringLiteral("laptop")), 4);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(laptop.accessToken); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(laptopAgain.accessToken); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(desktop.accessToken); }), 200);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(other.accessToken); }), 200);
        QCOMPARE(m_tokens->revokeUser(idOf(m_buyer)), 2);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(desktop.accessToken); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->refresh(desktop.refreshToken, QStringLiteral("desktop")); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(other.accessToken); }), 200);
    }

    void inactiveUsersAreRefused()
    {
        const IssuedTokens tokens = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        setActive(m_buyer, false);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(tokens.accessToken); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->refresh(tokens.refreshToken, QStringLiteral("laptop")); }), 401);
        setActive(m_buyer, true);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(tokens.accessToken); }), 200);
    }

    void callersFollowTheirUser()
    {
        const IssuedTokens tokens = m_tokens->issue(idOf(m_manager), QStringLiteral("laptop"));
        QCOMPARE(m_tokens->authenticate(tokens.accessToken).role, Role::Manager);
        User changed = m_manager;
        changed.role = Role::SalesRep;
        m_db->database().write([&](QSqlDatabase &tx) { UserRepository(tx).update(changed); });
        QCOMPARE(m_tokens->authenticate(tokens.accessToken).role, Role::SalesRep);
    }

    void callersAreKeptWhileNothingChanges()
    {
        const IssuedTokens laptop = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        const IssuedTokens manager = m_tokens->issue(idOf(m_manager), QStringLiteral("laptop"));
        QCOMPARE(m_tokens->authenticate(laptop.accessToken).login, QStringLiteral("buyer1"));
        QCOMPARE(m_tokens->authenticate(manager.accessToken).role, Role::Manager);
        // A login's new tokens leave the kept callers standing.
        m_tokens->issue(idOf(m_buyer), QStringLiteral("desktop"));
        const std::int64_t missed = m_cache->misses();
        const Caller again = m_tokens->authenticate(laptop.accessToken);
        QCOMPARE(again.userId, idOf(m_buyer));
        QCOMPARE(again.role, Role::Buyer);
        QCOMPARE(again.customerId, m_buyer.customerId.toString(QUuid::WithoutBraces));
        QCOMPARE(again.deviceId, QStringLiteral("laptop"));
        QCOMPARE(m_tokens->authenticate(manager.accessToken).login, QStringLiteral("manager"));
        if (m_db->database().isPostgres()) {
            QCOMPARE(m_cache->hits(), 0); // PostgreSQL reads the token every time
            return;
        }
        QCOMPARE(m_cache->hits(), 2);
        QCOMPARE(m_cache->misses(), missed);
        // A kept token still expires on time.
        m_now = Start + Hour;
        QCOMPARE(statusOf([&] { m_tokens->authenticate(laptop.accessToken); }), 401);
    }

    void aChangeByAnotherProcessReachesKeptCallersAtOnce()
    {
        // Another process on the same database (the command line beside the server), which
        // keeps nothing in memory and tells this one nothing.
        auto second = m_db->openAnother();
        TokenService otherProcess(
            *second, [this] { return m_now; }, AuthSettings());
        const IssuedTokens laptop = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        const IssuedTokens desktop = m_tokens->issue(idOf(m_buyer), QStringLiteral("desktop"));
        const IssuedTokens manager = m_tokens->issue(idOf(m_manager), QStringLiteral("laptop"));
        for (const auto *tokens : {&laptop, &desktop, &manager})
            QCOMPARE(statusOf([&] { m_tokens->authenticate(tokens->accessToken); }), 200);

        QCOMPARE(otherProcess.revokeDevice(idOf(m_buyer), QStringLiteral("laptop")), 2);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(laptop.accessToken); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(desktop.accessToken); }), 200);

        User demoted = m_manager;
        demoted.role = Role::SalesRep;
        second->write([&](QSqlDatabase &tx) { UserRepository(tx).update(demoted); });
        QCOMPARE(m_tokens->authenticate(manager.accessToken).role, Role::SalesRep);

        User disabled = m_buyer;
        disabled.active = false;
        second->write([&](QSqlDatabase &tx) { UserRepository(tx).update(disabled); });
        QCOMPARE(statusOf([&] { m_tokens->authenticate(desktop.accessToken); }), 401);
        QCOMPARE(statusOf([&] { m_tokens->authenticate(manager.accessToken); }), 200);
    }

    void expiredTokensArePurgedAtLogin()
    {
        m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        m_now = Start + 2 * Hour;
        m_tokens->issue(idOf(m_buyer), QStringLiteral("desktop"));
        QCOMPARE(tokenCount(), 3); // the first refresh token lives on
        m_now = Start + 31 * Day;
        m_tokens->issue(idOf(m_buyer), QStringLiteral("tablet"));
        QCOMPARE(tokenCount(), 2);
    }

    void aRefreshTokenIsConsumedForEveryInstance()
    {
        const IssuedTokens tokens = m_tokens->issue(idOf(m_buyer), QStringLiteral("laptop"));
        auto second = m_db->openAnother();
        TokenService otherInstance(
            *second, [this] { return m_now; }, AuthSettings());
        QCOMPARE(statusOf([&] { m_tokens->refresh(tokens.refreshToken, QStringLiteral("laptop")); }), 200);
        QCOMPARE(statusOf([&] { otherInstance.refresh(tokens.refreshToken, QStringLiteral("laptop")); }),
                 401);
    }

private:
    User addUser(const QString &login, Role role)
    {
        User user;
        user.login = login;
        user.displayName = login;
        user.role = role;
        if (role == Role::Buyer)
            user.customerId = QUuid::createUuid();
        return *m_db->database().write([&](QSqlDatabase &tx) {
            return UserRepository(tx).create(user, QStringLiteral("$argon2id$unused"), Start);
        });
    }

    void setActive(User &user, bool active)
    {
        user.active = active;
        m_db->database().write([&](QSqlDatabase &tx) { UserRepository(tx).update(user); });
    }

    int tokenCount()
    {
        return m_db->database().read([](QSqlDatabase &tx) {
            Sql count(tx, QStringLiteral("SELECT COUNT(*) FROM tokens"));
            count.exec();
            return count.next() ? count.value(0).toInt() : -1;
        });
    }

    static QString idOf(const User &user) { return user.id.toString(QUuid::WithoutBraces); }

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<AccessTokenCache> m_cache;
    std::unique_ptr<TokenService> m_tokens;
    qint64 m_now = Start;
    User m_buyer;
    User m_manager;
};

QTEST_GUILESS_MAIN(TestTokenService)
#include "tst_tokenservice.moc"
