#include "storage/database.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
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

    // SQLite's writer thread runs ten nice steps ahead of the thread that started it, as far as
    // the process may go; the kernel schedules it with the value writerNice() reports.
    void theWriterRunsAheadOfOtherThreads()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        database.write([](QSqlDatabase &) {});
        if (database.isPostgres()) {
            QVERIFY(!database.writerNice());
            return;
        }
        // What a thread started here may take: the lowest of the ten values below its own that the
        // kernel accepts, or its own.
        int expected = 0;
        std::thread probe([&expected] {
            const auto self = static_cast<id_t>(gettid());
            expected = getpriority(PRIO_PROCESS, self);
            const int own = expected;
            for (int nice = std::max(-20, own - 10); nice < own; ++nice) {
                if (setpriority(PRIO_PROCESS, self, nice) == 0) {
                    expected = nice;
                    break;
                }
            }
        });
        probe.join();
        QVERIFY(database.writerNice());
        QCOMPARE(*database.writerNice(), expected);

        int writers = 0;
        const QDir tasks(QStringLiteral("/proc/self/task"));
        for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
            if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != "portico-writer")
                continue;
            QFile stat(tasks.filePath(task + QStringLiteral("/stat")));
            QVERIFY(stat.open(QIODevice::ReadOnly));
            // The fields after the name: state is the first, nice (field 19) the seventeenth.
            const QByteArray text = stat.readAll();
            const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
            QVERIFY(fields.size() > 16);
            QCOMPARE(fields.at(16).toInt(), expected);
            ++writers;
        }
        QCOMPARE(writers, 1);
    }

    // Threads read on connections of their own. Their writes run on the calling thread's
    // connection with PostgreSQL, and on SQLite on the one writer connection (of none of them),
    // where writes that queue together share a transaction.
    void concurrentWritersAllLand()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        createProbeTable(database);
        const bool oneWriter = !database.isPostgres();
        const std::int64_t writesBefore = database.writesDone();
        const std::int64_t transactionsBefore = database.writeTransactions();
        const auto writerCpuBefore = database.writerCpuTime();

        constexpr int Workers = 8;
        constexpr int RowsEach = 40;
        std::latch ready(Workers);
        std::mutex mutex;
        QSet<QString> readerNames;
        QSet<QString> writerNames;
        QStringList failures;
        std::vector<std::thread> workers;
        for (int worker = 0; worker < Workers; ++worker) {
            workers.emplace_back([&, worker] {
                try {
                    const QString name = database.connection().connectionName();
                    ready.arrive_and_wait();
                    for (int n = 0; n < RowsEach; ++n) {
                        const QString writer = database.write([&](QSqlDatabase &tx) {
                            insertProbe(tx, worker, n);
                            return tx.connectionName();
                        });
                        if (!oneWriter && writer != name)
                            throw std::runtime_error("write() ran on another thread's connection");
                        const std::lock_guard lock(mutex);
                        writerNames.insert(writer);
                    }
                    if (database.connection().connectionName() != name)
                        throw std::runtime_error("the thread's connection changed");
                    const std::lock_guard lock(mutex);
                    readerNames.insert(name);
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
        QCOMPARE(readerNames.size(), Workers);
        QVERIFY(!readerNames.contains(database.connection().connectionName()));
        if (oneWriter) {
            QCOMPARE(writerNames.size(), 1);
            QVERIFY(!readerNames.contains(*writerNames.cbegin()));
        } else {
            QCOMPARE(writerNames, readerNames);
        }
        QCOMPARE(database.writesDone() - writesBefore, std::int64_t {Workers * RowsEach});
        const std::int64_t transactions = database.writeTransactions() - transactionsBefore;
        QVERIFY(transactions >= 1 && transactions <= Workers * RowsEach);
        // The writer thread's CPU time counts on SQLite; PostgreSQL has no such thread.
        if (oneWriter)
            QVERIFY(database.writerCpuTime() > writerCpuBefore);
        else
            QCOMPARE(database.writerCpuTime().count(), 0);

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

    // SQLite: past 32 MiB of log the committing writer does not copy the log back into the
    // database file itself; the checkpointer thread does, while writes go on. (The writer's own
    // checkpoint, at 64 MiB, is not reached here: were nobody else to checkpoint, the database
    // file would stay at its first size.)
    void theLogIsCopiedBackWhileWritesGoOn()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        if (db.database().isPostgres())
            QSKIP("the write-ahead log of SQLite");
        createProbeTable(db.database());
        const QString file = db.database().config().sqlitePath;
        const qint64 before = QFileInfo(file).size();
        // About 50 MiB of log in transactions of 1 MiB.
        const QString note(1000, QLatin1Char('x'));
        constexpr int Transactions = 100;
        for (int t = 0; t < Transactions; ++t) {
            db.database().write([&](QSqlDatabase &tx) {
                Sql insert(tx, QStringLiteral("INSERT INTO probe (worker, n, note) VALUES (:w, :n, :note)"));
                for (int n = 0; n < 512; ++n)
                    insert.bind(QStringLiteral(":w"), t)
                        .bind(QStringLiteral(":n"), n)
                        .bind(QStringLiteral(":note"), note)
                        .exec();
            });
        }
        QVERIFY(QFileInfo(file + QStringLiteral("-wal")).size() < qint64 {64} * 1024 * 1024);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(file).size() > before + 24 * 1024 * 1024, 10000);
        QCOMPARE(probeCount(db.database()), qint64 {Transactions * 512});
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

    // A write that rewrites a large table it did not create (a catalog imported again): on
    // SQLite its statement's sub-journal outgrows memory and goes to a temporary file, and the
    // write commits (SQLite 3.40 fails such a write with "database or disk is full" when the
    // sub-journal is allowed more than 128 KiB of memory first).
    void aWriteLargerThanItsSubJournalInMemoryCommits()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        createProbeTable(database);
        constexpr int Rows = 200000;
        database.write([](QSqlDatabase &tx) {
            execSql(tx,
                    QStringLiteral("INSERT INTO probe (worker, n, note) SELECT 1, g, 'first version of a "
                                   "row long enough to fill pages' FROM (WITH RECURSIVE c(g) AS "
                                   "(SELECT 1 UNION ALL SELECT g + 1 FROM c WHERE g < %1) SELECT g FROM c) t")
                        .arg(Rows));
        });
        // Renumbering the key: the statement may fail halfway, so SQLite journals it as it goes.
        database.write([](QSqlDatabase &tx) {
            execSql(tx, QStringLiteral("UPDATE probe SET n = -n, note = 'second'"));
        });
        QCOMPARE(probeCount(database), qint64 {Rows});
        const qint64 rewritten = database.read([](QSqlDatabase &tx) {
            Sql count(tx, QStringLiteral("SELECT COUNT(*) FROM probe WHERE note = 'second'"));
            count.exec();
            return count.next() ? count.value(0).toLongLong() : -1;
        });
        QCOMPARE(rewritten, qint64 {Rows});
    }

    // The server's VFS gathers what SQLite appends to the write-ahead log and writes it in
    // large pieces. Another connection reads a commit's pages from the log by itself, as soon
    // as the commit is published, so they must be in the file by then even when nothing syncs
    // the log (synchronous=OFF here: no sync would write them out).
    void aCommitIsReadableFromAnotherConnectionAtOnce()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        if (db.database().config().kind != DatabaseConfig::Kind::Sqlite)
            QSKIP("the write-ahead log is SQLite's");
        createProbeTable(db.database());
        const QString path = db.database().config().sqlitePath;
        const auto open = [&](const QString &name) {
            QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            connection.setDatabaseName(path);
            return connection;
        };
        {
            QSqlDatabase writer = open(QStringLiteral("log-writer"));
            QSqlDatabase reader = open(QStringLiteral("log-reader"));
            QVERIFY(writer.open());
            QVERIFY(reader.open());
            execSql(writer, QStringLiteral("PRAGMA synchronous=OFF"));
            QString note(300, QLatin1Char('x'));
            for (int n = 1; n <= 400; ++n) {
                // Each commit changes a few pages: the probe's leaf pages and, now and then, more.
                execSql(writer, QStringLiteral("BEGIN IMMEDIATE"));
                Sql(writer, QStringLiteral("INSERT INTO probe (worker, n, note) VALUES (7, :n, :note)"))
                    .bind(QStringLiteral(":n"), n)
                    .bind(QStringLiteral(":note"), note)
                    .exec();
                execSql(writer, QStringLiteral("COMMIT"));
                QSqlQuery read(reader);
                QVERIFY2(read.exec(QStringLiteral("SELECT COUNT(*), SUM(n), MIN(length(note)) FROM probe")),
                         qPrintable(read.lastError().text()));
                QVERIFY(read.next());
                QCOMPARE(read.value(0).toInt(), n);
                QCOMPARE(read.value(1).toLongLong(), qint64 {n} * (n + 1) / 2);
                QCOMPARE(read.value(2).toInt(), 300);
            }
            QSqlQuery check(reader);
            QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")));
            QVERIFY(check.next());
            QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("log-writer"));
        QSqlDatabase::removeDatabase(QStringLiteral("log-reader"));
    }

    // A write is on disk when write() returns: SQLite syncs its log at every commit
    // (synchronous=FULL). On PostgreSQL that is the cluster's own setting (synchronous_commit,
    // on unless its operator turns it off; the test cluster does, for speed).
    void aCommittedWriteIsSyncedToDisk()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        if (db.database().config().kind != DatabaseConfig::Kind::Sqlite)
            QSKIP("PostgreSQL's durability is the cluster's synchronous_commit");
        const QString setting = db.database().write([&](QSqlDatabase &tx) {
            Sql q(tx, QStringLiteral("PRAGMA synchronous"));
            q.exec();
            return q.next() ? q.value(0).toString() : QString();
        });
        QCOMPARE(setting, QStringLiteral("2")); // FULL
    }

    // Writes that queue while another runs share its successor's transaction (on SQLite): one
    // that throws is rolled back alone, with its own exception, and the others commit.
    void aFailingWriteFailsAloneAmongQueuedWrites()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        createProbeTable(database);
        const std::int64_t transactionsBefore = database.writeTransactions();

        struct Refused
        {
            int worker;
        };
        constexpr int Queued = 6;
        constexpr int Failing = 3;
        std::latch started(1);
        std::latch queued(Queued);
        std::mutex mutex;
        QStringList failures;
        QList<int> refused;
        std::thread blocker([&] {
            try {
                database.write([&](QSqlDatabase &tx) {
                    insertProbe(tx, 100, 0);
                    started.count_down();
                    // Holds the write lock until the others are (about to be) queued behind it.
                    queued.wait();
                    std::this_thread::sleep_for(std::chrono::milliseconds(150));
                });
            } catch (const std::exception &e) {
                const std::lock_guard lock(mutex);
                failures << QString::fromUtf8(e.what());
            }
            database.releaseThreadConnection();
        });
        started.wait();
        std::vector<std::thread> writers;
        for (int worker = 0; worker < Queued; ++worker) {
            writers.emplace_back([&, worker] {
                try {
                    queued.count_down();
                    database.write([&](QSqlDatabase &tx) {
                        insertProbe(tx, worker, 0);
                        insertProbe(tx, worker, 1);
                        if (worker == Failing)
                            throw Refused {worker};
                    });
                } catch (const Refused &e) {
                    const std::lock_guard lock(mutex);
                    refused << e.worker;
                } catch (const std::exception &e) {
                    const std::lock_guard lock(mutex);
                    failures << QString::fromUtf8(e.what());
                }
                database.releaseThreadConnection();
            });
        }
        for (auto &writer : writers)
            writer.join();
        blocker.join();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(refused, QList<int> {Failing});
        const auto stored = database.read([](QSqlDatabase &tx) {
            QList<std::pair<int, int>> rows;
            Sql query(tx,
                      QStringLiteral("SELECT worker, COUNT(*) FROM probe GROUP BY worker ORDER BY worker"));
            query.exec();
            while (query.next())
                rows.append({query.value(0).toInt(), query.value(1).toInt()});
            return rows;
        });
        QCOMPARE(stored, (QList<std::pair<int, int>> {{0, 2}, {1, 2}, {2, 2}, {4, 2}, {5, 2}, {100, 1}}));
        if (!database.isPostgres()) {
            // The six queued behind the first: fewer transactions than writes.
            QVERIFY2(database.writeTransactions() - transactionsBefore < 1 + Queued,
                     qPrintable(QString::number(database.writeTransactions() - transactionsBefore)));
        }
    }

    // A write started from inside a write would wait for itself on SQLite's one writer; it is
    // refused instead, and the outer write fails with it.
    void aWriteInsideAWriteIsRefused()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        if (database.isPostgres())
            QSKIP("PostgreSQL writes run on the calling thread's connection");
        createProbeTable(database);
        QVERIFY_THROWS_EXCEPTION(StorageError, database.write([&](QSqlDatabase &tx) {
            insertProbe(tx, 1, 1);
            database.write([&](QSqlDatabase &inner) { insertProbe(inner, 2, 2); });
        }));
        QCOMPARE(probeCount(database), qint64 {0});
        database.write([&](QSqlDatabase &tx) { insertProbe(tx, 3, 3); });
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
