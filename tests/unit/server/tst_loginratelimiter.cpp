#include "auth/loginratelimiter.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QTest>

#include <memory>

using namespace portico::server;
using portico::test::TestDatabase;

namespace {

constexpr qint64 Start = 1'800'000'000'000;
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;

const QString Office = QStringLiteral("192.0.2.10");
const QString Elsewhere = QStringLiteral("198.51.100.7");

} // namespace

class TestLoginRateLimiter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->create(), qPrintable(m_db->errorString()));
        m_now = Start;
        m_limiter = std::make_unique<LoginRateLimiter>(
            m_db->database(), [this] { return m_now; }, AuthSettings());
    }

    void cleanup()
    {
        m_limiter.reset();
        m_db.reset();
    }

    void fiveFailuresPerAccount()
    {
        for (int attempt = 1; attempt <= 5; ++attempt)
            QVERIFY2(m_limiter->admit(QStringLiteral("buyer1"), Office).allowed,
                     qPrintable(QString::number(attempt)));
        QCOMPARE(m_limiter->peek(QStringLiteral("buyer1"), Office).allowed, false);
        const auto sixth = m_limiter->admit(QStringLiteral("buyer1"), Office);
        QCOMPARE(sixth.allowed, false);
        QCOMPARE(sixth.retryAfterSeconds, 15 * 60);
        // From another address too: the account is what is limited.
        QCOMPARE(m_limiter->admit(QStringLiteral("buyer1"), Elsewhere).allowed, false);
        QCOMPARE(m_limiter->admit(QStringLiteral("Buyer1 "), Elsewhere).allowed, false);
        // Other accounts are not.
        QCOMPARE(m_limiter->admit(QStringLiteral("buyer2"), Office).allowed, true);
    }

    void retryAfterCountsDownToTheEndOfTheWindow_data()
    {
        QTest::addColumn<qint64>("elapsed");
        QTest::addColumn<int>("retryAfter");
        QTest::newRow("at once") << qint64(0) << 900;
        QTest::newRow("a millisecond later") << qint64(1) << 900;
        QTest::newRow("ten minutes later") << 10 * Minute << 300;
        QTest::newRow("a second before the end") << 15 * Minute - Second << 1;
        QTest::newRow("a millisecond before the end") << 15 * Minute - 1 << 1;
    }

    void retryAfterCountsDownToTheEndOfTheWindow()
    {
        QFETCH(qint64, elapsed);
        QFETCH(int, retryAfter);
        for (int attempt = 0; attempt < 5; ++attempt)
            m_limiter->admit(QStringLiteral("buyer1"), Office);
        m_now = Start + elapsed;
        const auto refused = m_limiter->admit(QStringLiteral("buyer1"), Office);
        QCOMPARE(refused.allowed, false);
        QCOMPARE(refused.retryAfterSeconds, retryAfter);
        QCOMPARE(m_limiter->peek(QStringLiteral("buyer1"), Office).retryAfterSeconds, retryAfter);
    }

    void aNewWindowStartsAfterTheOld()
    {
        for (int attempt = 0; attempt < 5; ++attempt)
            m_limiter->admit(QStringLiteral("buyer1"), Office);
        m_now = Start + 15 * Minute;
        QVERIFY(m_limiter->peek(QStringLiteral("buyer1"), Office).allowed);
        for (int attempt = 0; attempt < 5; ++attempt)
            QVERIFY(m_limiter->admit(QStringLiteral("buyer1"), Office).allowed);
        QCOMPARE(m_limiter->admit(QStringLiteral("buyer1"), Office).allowed, false);
    }

    void failuresSpreadOverWindowsDoNotAddUp()
    {
        for (int attempt = 0; attempt < 4; ++attempt)
            QVERIFY(m_limiter->admit(QStringLiteral("buyer1"), Office).allowed);
        m_now = Start + 16 * Minute;
        for (int attempt = 0; attempt < 4; ++attempt)
            QVERIFY(m_limiter->admit(QStringLiteral("buyer1"), Office).allowed);
    }

    void twentyFailuresPerAddress()
    {
        for (int attempt = 0; attempt < 20; ++attempt)
            QVERIFY(m_limiter->admit(QStringLiteral("user%1").arg(attempt), Office).allowed);
        const auto refused = m_limiter->admit(QStringLiteral("fresh"), Office);
        QCOMPARE(refused.allowed, false);
        QCOMPARE(refused.retryAfterSeconds, 900);
        QVERIFY(m_limiter->admit(QStringLiteral("fresh"), Elsewhere).allowed);
        m_now = Start + 15 * Minute;
        QVERIFY(m_limiter->admit(QStringLiteral("fresh"), Office).allowed);
    }

    void theLongerBlockDecides()
    {
        for (int attempt = 0; attempt < 5; ++attempt)
            m_limiter->admit(QStringLiteral("buyer1"), Office);
        m_now = Start + 5 * Minute;
        for (int attempt = 0; attempt < 20; ++attempt)
            m_limiter->admit(QStringLiteral("other%1").arg(attempt), Elsewhere);
        const auto refused = m_limiter->admit(QStringLiteral("buyer1"), Elsewhere);
        QCOMPARE(refused.allowed, false);
        QCOMPARE(refused.retryAfterSeconds, 900); // the address window began later
    }

    void successClearsTheAccount()
    {
        for (int attempt = 0; attempt < 4; ++attempt)
            m_limiter->admit(QStringLiteral("buyer1"), Office);
        QVERIFY(m_limiter->admit(QStringLiteral("buyer1"), Office).allowed);
        m_limiter->succeeded(QStringLiteral("buyer1"), Office);
        for (int attempt = 0; attempt < 5; ++attempt)
            QVERIFY(m_limiter->admit(QStringLiteral("buyer1"), Office).allowed);
        QCOMPARE(m_limiter->admit(QStringLiteral("buyer1"), Office).allowed, false);
    }

    void successfulLoginsDoNotCountAgainstTheAddress()
    {
        for (int attempt = 0; attempt < 50; ++attempt) {
            const QString login = QStringLiteral("colleague%1").arg(attempt);
            QVERIFY(m_limiter->admit(login, Office).allowed);
            m_limiter->succeeded(login, Office);
        }
        QVERIFY(m_limiter->peek(QStringLiteral("anyone"), Office).allowed);
    }

    void withoutAddressOnlyTheAccountCounts()
    {
        for (int attempt = 0; attempt < 30; ++attempt)
            m_limiter->admit(QStringLiteral("user%1").arg(attempt), QString());
        QVERIFY(m_limiter->admit(QStringLiteral("fresh"), QString()).allowed);
    }

    void limitsAreConfigurable()
    {
        AuthSettings settings;
        settings.maxFailuresPerAccount = 2;
        settings.failureWindowMs = Minute;
        LoginRateLimiter limiter(
            m_db->database(), [this] { return m_now; }, settings);
        QVERIFY(limiter.admit(QStringLiteral("buyer1"), Office).allowed);
        QVERIFY(limiter.admit(QStringLiteral("buyer1"), Office).allowed);
        const auto refused = limiter.admit(QStringLiteral("buyer1"), Office);
        QCOMPARE(refused.allowed, false);
        QCOMPARE(refused.retryAfterSeconds, 60);
    }

    void instancesShareTheCounters()
    {
        auto second = m_db->openAnother();
        LoginRateLimiter otherInstance(
            *second, [this] { return m_now; }, AuthSettings());
        for (int attempt = 0; attempt < 5; ++attempt) {
            auto &limiter = attempt % 2 == 0 ? *m_limiter : otherInstance;
            QVERIFY(limiter.admit(QStringLiteral("buyer1"), Office).allowed);
        }
        QCOMPARE(otherInstance.admit(QStringLiteral("buyer1"), Office).allowed, false);
        QCOMPARE(m_limiter->admit(QStringLiteral("buyer1"), Office).allowed, false);
    }

    void peekingCountsNothing()
    {
        for (int attempt = 0; attempt < 100; ++attempt)
            QVERIFY(m_limiter->peek(QStringLiteral("buyer1"), Office).allowed);
        QVERIFY(m_limiter->admit(QStringLiteral("buyer1"), Office).allowed);
    }

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<LoginRateLimiter> m_limiter;
    qint64 m_now = Start;
};

QTEST_GUILESS_MAIN(TestLoginRateLimiter)
#include "tst_loginratelimiter.moc"
