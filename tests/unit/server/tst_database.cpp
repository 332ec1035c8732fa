#include "storage/database.h"
#include "testdatabase.h"

#include <QSet>
#include <QSqlQuery>
#include <QTest>

#include <latch>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace portico::server;
using portico::test::TestDatabase;

namespace {

void createProbeTable(Database &database)
{
    execSql(database.connection(),
            QStringLiteral("CREATE TABLE probe (worker INTEGER NOT NULL, n INTEGER NOT NULL, note TEXT, "
                           "PRIMARY KEY (worker, n))"));
}

void insertProbe(const QSqlDatabase &tx, int worker, int n)
{
    Sql(tx, QStringLiteral("INSERT INTO probe (worker, n) VALUES (:w, :n)"))
        .bind(QStringLiteral(":w"), worker)
        .bind(QStringLiteral(":n"), n)
        .exec();
}

qint64 probeCount(Database &database)
{
    return database.read([](QSqlDatabase &tx) {
        Sql count(tx, QStringLiteral("SELECT COUNT(*) FROM probe"));
        count.exec();
        return count.next() ? count.value(0).toLongLong() : -1;
    });
}

} // namespace

// portico::server::Database on the backend PORTICO_TEST_BACKEND selects: per-thread
// connections, transactions that commit or roll back as a whole, errors as StorageError.
class TestDatabaseAccess final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void concurrentWritersUseTheirOwnConnections()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        createProbeTable(database);

        constexpr int Workers = 8;
        constexpr int RowsEach = 40;
        std::latch ready(Workers);
        std::mutex mutex;
        QSet<QString> connectionNames;
        QStringList failures;
        std::vector<std::thread> workers;
        for (int worker = 0; worker < Workers; ++worker) {
            workers.emplace_back([&, worker] {
                try {
                    const QString name = database.connection().connectionName();
                    ready.arrive_and_wait();
                    for (int n = 0; n < RowsEach; ++n) {
                        database.write([&](QSqlDatabase &tx) {
                            if (tx.connectionName() != name)
                                throw std::runtime_error("write() ran on another thread's connection");
                            insertProbe(tx, worker, n);
                        });
                    }
                    if (database.connection().connectionName() != name)
                        throw std::runtime_error("the thread's connection changed");
                    const std::lock_guard lock(mutex);
                    connectionNames.insert(name);
                } catch (const std::exception &e) {
                    const std::lock_guard lock(mutex);
                    failures << QString::fromUtf8(e.what());
                }
                database.releaseThreadConnection();
            });
        }
        for (auto &worker : workers)
            worker.join();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(connectionNames.size(), Workers);
        QVERIFY(!connectionNames.contains(database.connection().connectionName()));

        QCOMPARE(probeCount(database), qint64 {Workers * RowsEach});
        const auto perWorker = database.read([](QSqlDatabase &tx) {
            QList<qint64> counts;
            Sql query(tx,
                      QStringLiteral("SELECT worker, COUNT(*), MIN(n), MAX(n) FROM probe GROUP BY worker "
                                     "ORDER BY worker"));
            query.exec();
            while (query.next()) {
                counts << query.value(0).toLongLong() << query.value(1).toLongLong()
                       << query.value(2).toLongLong() << query.value(3).toLongLong();
            }
            return counts;
        });
        QList<qint64> expected;
        for (int worker = 0; worker < Workers; ++worker)
            expected << worker << RowsEach << 0 << RowsEach - 1;
        QCOMPARE(perWorker, expected);
    }

    // The first connections to a new SQLite file race to switch it to WAL.
    void firstConnectionsOpenTogether()
    {
        for (int round = 0; round < 10; ++round) {
            TestDatabase db;
            QVERIFY2(db.create(false), qPrintable(db.errorString()));
            constexpr int Threads = 6;
            std::latch start(Threads);
            std::mutex mutex;
            QStringList failures;
            std::vector<std::thread> threads;
            for (int i = 0; i < Threads; ++i) {
                threads.emplace_back([&] {
                    auto database = db.openAnother();
                    start.arrive_and_wait();
                    try {
                        database->connection();
                        if (!database->ping())
                            throw StorageError(QStringLiteral("no answer to SELECT 1"));
                    } catch (const std::exception &e) {
                        const std::lock_guard lock(mutex);
                        failures << QString::fromUtf8(e.what());
                    }
                    database->releaseThreadConnection();
                });
            }
            for (auto &thread : threads)
                thread.join();
            QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        }
    }

    void writeReturnsTheResult()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        createProbeTable(db.database());
        const int inserted = db.database().write([](QSqlDatabase &tx) {
            insertProbe(tx, 1, 1);
            insertProbe(tx, 1, 2);
            return 2;
        });
        QCOMPARE(inserted, 2);
        QCOMPARE(probeCount(db.database()), qint64 {2});
    }

    void exceptionRollsBackEverything()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        createProbeTable(database);

        QVERIFY_THROWS_EXCEPTION(std::runtime_error, database.write([](QSqlDatabase &tx) {
            insertProbe(tx, 1, 1);
            insertProbe(tx, 1, 2);
            throw std::runtime_error("the handler gave up");
        }));
        QCOMPARE(probeCount(database), qint64 {0});

        // A failing statement half-way: the rows before it go too, and the connection stays
        // usable (PostgreSQL refuses every statement of an aborted transaction until rollback).
        QVERIFY_THROWS_EXCEPTION(StorageError, database.write([](QSqlDatabase &tx) {
            insertProbe(tx, 2, 1);
            insertProbe(tx, 2, 1);
        }));
        QCOMPARE(probeCount(database), qint64 {0});

        database.write([](QSqlDatabase &tx) { insertProbe(tx, 3, 1); });
        QCOMPARE(probeCount(database), qint64 {1});
    }

    void badSqlThrowsStorageError_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::newRow("syntax") << QStringLiteral("SELEC 1 FROMM nowhere");
        QTest::newRow("unknown table") << QStringLiteral("SELECT x FROM no_such_table");
        QTest::newRow("unknown column") << QStringLiteral("SELECT no_such_column FROM probe");
    }

    void badSqlThrowsStorageError()
    {
        QFETCH(QString, statement);
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        createProbeTable(db.database());
        const auto connection = db.database().connection();
        try {
            Sql(connection, statement).exec();
            QFAIL("Sql accepted a bad statement");
        } catch (const StorageError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(statement), e.what());
        }
        try {
            execSql(connection, statement);
            QFAIL("execSql accepted a bad statement");
        } catch (const StorageError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(statement), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(StorageError,
                                 db.database().read([&](QSqlDatabase &tx) { Sql(tx, statement).exec(); }));
        QVERIFY(db.database().ping());
    }

    void readSeesOneSnapshot()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        createProbeTable(database);
        database.write([](QSqlDatabase &tx) { insertProbe(tx, 0, 0); });

        const auto counts = database.read([&](QSqlDatabase &tx) {
            const auto count = [&] {
                Sql query(tx, QStringLiteral("SELECT COUNT(*) FROM probe"));
                query.exec();
                return query.next() ? query.value(0).toLongLong() : -1;
            };
            const qint64 before = count();
            std::thread writer([&] {
                database.write([](QSqlDatabase &other) { insertProbe(other, 1, 1); });
                database.releaseThreadConnection();
            });
            writer.join();
            return std::pair {before, count()};
        });
        QCOMPARE(counts.first, qint64 {1});
        QCOMPARE(counts.second, qint64 {1});
        QCOMPARE(probeCount(database), qint64 {2});
    }

    void ping()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        QVERIFY(db.database().ping());

        DatabaseConfig nowhere = db.config();
        nowhere.sqlitePath = QStringLiteral("/dev/null/portico.db");
        nowhere.port = 1;
        Database unreachable(nowhere);
        QVERIFY(!unreachable.ping());
        QVERIFY_THROWS_EXCEPTION(StorageError, unreachable.connection());
    }

    void pingReconnectsAfterTheServerDropsTheConnection()
    {
        if (TestDatabase::backend() != TestDatabase::Backend::Postgres)
            QSKIP("an embedded SQLite connection cannot be dropped by a server");
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        const auto backendPid = [](Database &on) {
            Sql query(on.connection(), QStringLiteral("SELECT pg_backend_pid()"));
            query.exec();
            return query.next() ? query.value(0).toLongLong() : 0;
        };
        const qint64 pid = backendPid(database);
        QVERIFY(pid > 0);

        auto admin = db.openAnother();
        Sql(admin->connection(), QStringLiteral("SELECT pg_terminate_backend(:pid)"))
            .bind(QStringLiteral(":pid"), pid)
            .exec();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                Sql query(admin->connection(),
                          QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = :pid"));
                query.bind(QStringLiteral(":pid"), pid).exec();
                return query.next() && query.value(0).toLongLong() == 0;
            }(),
            10000);

        QVERIFY(database.ping());
        QVERIFY(backendPid(database) != pid);
    }

    void releasedConnectionReopens()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        QVERIFY(database.connection().isOpen());
        database.releaseThreadConnection();
        QVERIFY(database.connection().isOpen());
        QVERIFY(database.ping());
    }
};

QTEST_GUILESS_MAIN(TestDatabaseAccess)
#include "tst_database.moc"
