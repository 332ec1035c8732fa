#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "testdatabase.h"

#include <QTest>

#include <chrono>
#include <future>
#include <latch>
#include <thread>

using namespace portico::server;
using portico::test::TestDatabase;

namespace {

QString scalar(Database &database, const QString &statement)
{
    return database.read([&](QSqlDatabase &tx) {
        Sql query(tx, statement);
        query.exec();
        return query.next() ? query.value(0).toString() : QString();
    });
}

struct MigrationOutcome
{
    int applied = -1;
    QString error;
};

// Migrations::apply on its own thread with its own Database, as a server instance starting.
MigrationOutcome migrateOnOwnThread(const TestDatabase &db, std::latch &start)
{
    MigrationOutcome outcome;
    auto database = db.openAnother();
    try {
        database->connection();
    } catch (const std::exception &e) {
        outcome.error = QString::fromUtf8(e.what());
    }
    start.arrive_and_wait();
    try {
        if (outcome.error.isEmpty())
            outcome.applied = Migrations::apply(*database);
    } catch (const std::exception &e) {
        outcome.error = QString::fromUtf8(e.what());
    }
    database->releaseThreadConnection();
    return outcome;
}

} // namespace

// Numbered forward migrations on the backend PORTICO_TEST_BACKEND selects.
class TestMigrations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void freshDatabaseReachesTheLatestVersion()
    {
        TestDatabase db;
        QVERIFY2(db.create(false), qPrintable(db.errorString()));
        Database &database = db.database();
        QCOMPARE(Migrations::currentVersion(database), 0);

        QCOMPARE(Migrations::apply(database), Migrations::knownCount());
        QCOMPARE(Migrations::currentVersion(database), Migrations::latestVersion());
        QCOMPARE(scalar(database, QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                 QString::number(Migrations::knownCount()));
        QCOMPARE(scalar(database, QStringLiteral("SELECT head FROM feed_state WHERE id = 1")),
                 QStringLiteral("0"));
        QVERIFY(!scalar(database, QStringLiteral("SELECT value FROM meta WHERE key = 'epoch'")).isEmpty());
        QCOMPARE(database.read([](QSqlDatabase &tx) { return ChangeFeed::head(tx); }), qint64 {0});
    }

    void reapplyingChangesNothing()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        const QString epoch = scalar(database, QStringLiteral("SELECT value FROM meta WHERE key = 'epoch'"));
        const QString applied
            = scalar(database, QStringLiteral("SELECT MAX(applied_at) FROM schema_migrations"));

        QCOMPARE(Migrations::apply(database), 0);
        auto another = db.openAnother();
        QCOMPARE(Migrations::apply(*another), 0);

        QCOMPARE(Migrations::currentVersion(database), Migrations::latestVersion());
        QCOMPARE(scalar(database, QStringLiteral("SELECT value FROM meta WHERE key = 'epoch'")), epoch);
        QCOMPARE(scalar(database, QStringLiteral("SELECT MAX(applied_at) FROM schema_migrations")), applied);
        QCOMPARE(scalar(database, QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                 QString::number(Migrations::knownCount()));
    }

    void newerSchemaIsRefused()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        const int newer = Migrations::latestVersion() + 1;
        database.write([&](QSqlDatabase &tx) {
            Sql(tx,
                QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, "
                               "'from a newer server', 0)"))
                .bind(QStringLiteral(":v"), newer)
                .exec();
        });
        try {
            Migrations::apply(database);
            QFAIL("a newer schema was accepted");
        } catch (const StorageError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QString::number(newer)), e.what());
        }
        QCOMPARE(Migrations::currentVersion(database), newer);

        // The refusal releases the migration lock: another instance is refused too, not blocked.
        std::latch start(1);
        auto other = std::async(std::launch::async, [&] { return migrateOnOwnThread(db, start); });
        QVERIFY2(other.wait_for(std::chrono::seconds(20)) == std::future_status::ready,
                 "a second instance waits for a migration lock nobody should hold");
        const auto outcome = other.get();
        QCOMPARE(outcome.applied, -1);
        QVERIFY2(outcome.error.contains(QString::number(newer)), qPrintable(outcome.error));
    }

    void concurrentInstancesApplyOnce()
    {
        // PostgreSQL: the advisory lock; SQLite: the version is read again under the write lock.
        constexpr int Instances = 3;
        for (int round = 0; round < 3; ++round) {
            TestDatabase db;
            QVERIFY2(db.create(false), qPrintable(db.errorString()));
            std::latch start(Instances);
            std::vector<std::future<MigrationOutcome>> instances;
            for (int i = 0; i < Instances; ++i)
                instances.push_back(
                    std::async(std::launch::async, [&] { return migrateOnOwnThread(db, start); }));
            int total = 0;
            for (auto &instance : instances) {
                const auto outcome = instance.get();
                QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
                total += outcome.applied;
            }
            QCOMPARE(total, Migrations::knownCount());
            QCOMPARE(scalar(db.database(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                     QString::number(Migrations::knownCount()));
            QCOMPARE(Migrations::currentVersion(db.database()), Migrations::latestVersion());
            QCOMPARE(scalar(db.database(), QStringLiteral("SELECT COUNT(*) FROM meta WHERE key = 'epoch'")),
                     QStringLiteral("1"));
        }
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
