#include "storage/database.h"
#include "testdatabase.h"

#include <QTest>

#include <stdexcept>
#include <thread>

using namespace portico::server;
using portico::test::TestDatabase;

namespace {

const QString SelectAll = QStringLiteral("SELECT n FROM probe ORDER BY n");

void createProbeTable(Database &database, int rows)
{
    execSql(database.connection(),
            QStringLiteral("CREATE TABLE probe (n INTEGER PRIMARY KEY, note TEXT NOT NULL)"));
    database.write([rows](QSqlDatabase &tx) {
        for (int n = 1; n <= rows; ++n) {
            Sql(tx, QStringLiteral("INSERT INTO probe (n, note) VALUES (:n, :note)"))
                .bind(QStringLiteral(":n"), n)
                .bind(QStringLiteral(":note"), QStringLiteral("row %1").arg(n))
                .exec();
        }
    });
}

QList<int> readAll(const QSqlDatabase &tx)
{
    QList<int> values;
    Sql query(tx, SelectAll);
    query.exec();
    while (query.next())
        values << query.value(0).toInt();
    return values;
}

} // namespace

// The per-thread cache of prepared statements behind Sql and execSql: a statement is reused,
// never shared by two Sql at once, reset when given back, and never used past its connection.
class TestStatementCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void aStatementIsReusedAndResetBetweenUses()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        createProbeTable(db.database(), 3);
        db.database().read([](QSqlDatabase &tx) {
            const QSqlQuery *first = nullptr;
            {
                Sql query(tx, SelectAll);
                query.exec();
                QVERIFY(query.next()); // left with rows unread
                first = &query.query();
            }
            Sql again(tx, SelectAll);
            QCOMPARE(&again.query(), first);
            QVERIFY(!again.query().isActive());
            again.exec();
            QList<int> values;
            while (again.next())
                values << again.value(0).toInt();
            QCOMPARE(values, (QList<int> {1, 2, 3}));
        });
    }

    // A Sql alive (read or not) keeps its statement and its bound values; another Sql of the
    // same text meanwhile gets a statement of its own.
    void nestedUseOfTheSameTextGetsItsOwnStatement()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        createProbeTable(db.database(), 4);
        const QString byNumber = QStringLiteral("SELECT note FROM probe WHERE n = :n");
        db.database().read([&](QSqlDatabase &tx) {
            Sql outer(tx, byNumber);
            outer.bind(QStringLiteral(":n"), 1).exec();
            QVERIFY(outer.next());
            QCOMPARE(outer.value(0).toString(), QStringLiteral("row 1"));
            QVERIFY(!outer.next());
            for (int n = 2; n <= 4; ++n) {
                Sql inner(tx, byNumber);
                QVERIFY(&inner.query() != &outer.query());
                inner.bind(QStringLiteral(":n"), n).exec();
                QVERIFY(inner.next());
                QCOMPARE(inner.value(0).toString(), QStringLiteral("row %1").arg(n));
            }
            outer.exec();
            QVERIFY(outer.next());
            QCOMPARE(outer.value(0).toString(), QStringLiteral("row 1"));
        });
    }

    // SQLite can step two statements at once: the inner query's rows do not disturb the
    // outer query's position. (QPSQL streams a forward-only result and cannot.)
    void interleavedReadsOfTheSameText()
    {
        if (TestDatabase::backend() != TestDatabase::Backend::Sqlite)
            QSKIP("PostgreSQL reads one result at a time per connection");
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        createProbeTable(db.database(), 4);
        QList<int> pairs;
        db.database().read([&pairs](QSqlDatabase &tx) {
            Sql outer(tx, SelectAll);
            outer.exec();
            while (outer.next()) {
                const int n = outer.value(0).toInt();
                Sql inner(tx, SelectAll);
                inner.exec();
                while (inner.next())
                    pairs << n * 10 + inner.value(0).toInt();
                QCOMPARE(outer.value(0).toInt(), n);
            }
        });
        QList<int> expected;
        for (int n = 1; n <= 4; ++n) {
            for (int m = 1; m <= 4; ++m)
                expected << n * 10 + m;
        }
        QCOMPARE(pairs, expected);
    }

    void valuesBoundEarlierAreReplaced()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        createProbeTable(db.database(), 3);
        const auto note = [&](int n) {
            return db.database().read([n](QSqlDatabase &tx) {
                Sql query(tx, QStringLiteral("SELECT note FROM probe WHERE n = :n"));
                query.bind(QStringLiteral(":n"), n).exec();
                return query.next() ? query.value(0).toString() : QString();
            });
        };
        QCOMPARE(note(1), QStringLiteral("row 1"));
        QCOMPARE(note(3), QStringLiteral("row 3"));
        QCOMPARE(note(7), QString());
    }

    // A statement first prepared in a transaction that rolls back still works afterwards, and
    // a statement whose execution failed can run again.
    void statementsSurviveFailuresAndRollbacks()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        createProbeTable(database, 1);
        const QString insert = QStringLiteral("INSERT INTO probe (n, note) VALUES (:n, 'x')");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, database.write([&](QSqlDatabase &tx) {
            Sql(tx, insert).bind(QStringLiteral(":n"), 2).exec();
            throw std::runtime_error("the handler gave up");
        }));
        QVERIFY_THROWS_EXCEPTION(StorageError, database.write([&](QSqlDatabase &tx) {
            Sql(tx, insert).bind(QStringLiteral(":n"), 1).exec(); // duplicate key
        }));
        database.write([&](QSqlDatabase &tx) {
            Sql(tx, insert).bind(QStringLiteral(":n"), 2).exec();
            Sql(tx, insert).bind(QStringLiteral(":n"), 3).exec();
        });
        QCOMPARE(database.read([](QSqlDatabase &tx) { return readAll(tx); }), (QList<int> {1, 2, 3}));
    }

    // Once a Sql is gone its statement holds nothing open: another connection can change the
    // rows it read, and this one sees the change in its next transaction.
    void aGivenBackStatementHoldsNoReadOpen()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        createProbeTable(database, 3);
        database.read([](QSqlDatabase &tx) {
            Sql query(tx, SelectAll);
            query.exec();
            QVERIFY(query.next());
        });
        std::thread writer([&] {
            database.write(
                [](QSqlDatabase &tx) { Sql(tx, QStringLiteral("DELETE FROM probe WHERE n = 2")).exec(); });
            database.releaseThreadConnection();
        });
        writer.join();
        QCOMPARE(database.read([](QSqlDatabase &tx) { return readAll(tx); }), (QList<int> {1, 3}));
    }

    // More distinct statements than the cache keeps: the least recently used go, never one in use.
    void manyStatementsEvictOnlyUnusedOnes()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        createProbeTable(db.database(), 5);
        db.database().read([](QSqlDatabase &tx) {
            Sql held(tx, QStringLiteral("SELECT n FROM probe WHERE n >= :from ORDER BY n"));
            held.bind(QStringLiteral(":from"), 3).exec();
            QList<int> first;
            while (held.next())
                first << held.value(0).toInt();
            QCOMPARE(first, (QList<int> {3, 4, 5}));
            for (int i = 0; i < 600; ++i) {
                Sql other(tx, QStringLiteral("SELECT n + %1 FROM probe WHERE n = :n").arg(i));
                other.bind(QStringLiteral(":n"), 1 + i % 5).exec();
                QVERIFY(other.next());
                QCOMPARE(other.value(0).toInt(), 1 + i % 5 + i);
            }
            // Still prepared, with its value still bound.
            held.exec();
            QList<int> again;
            while (held.next())
                again << held.value(0).toInt();
            QCOMPARE(again, first);
        });
    }

    // Statements die with their connection: a released and reopened connection, another
    // Database on the same data, and a thread that ends all prepare their own.
    void statementsFollowTheirConnection()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        Database &database = db.database();
        createProbeTable(database, 2);
        QCOMPARE(database.read([](QSqlDatabase &tx) { return readAll(tx); }), (QList<int> {1, 2}));
        database.releaseThreadConnection();
        QCOMPARE(database.read([](QSqlDatabase &tx) { return readAll(tx); }), (QList<int> {1, 2}));
        QVERIFY(database.ping());

        for (int round = 0; round < 3; ++round) {
            auto another = db.openAnother();
            another->write([round](QSqlDatabase &tx) {
                Sql(tx, QStringLiteral("INSERT INTO probe (n, note) VALUES (:n, 'x')"))
                    .bind(QStringLiteral(":n"), 10 + round)
                    .exec();
            });
            QCOMPARE(another->read([](QSqlDatabase &tx) { return readAll(tx).size(); }), 3 + round);
        }

        QStringList failures;
        for (int round = 0; round < 3; ++round) {
            std::thread worker([&] {
                try {
                    if (database.read([](QSqlDatabase &tx) { return readAll(tx).size(); }) != 5)
                        failures << QStringLiteral("a worker read the wrong rows");
                } catch (const std::exception &e) {
                    failures << QString::fromUtf8(e.what());
                }
                database.releaseThreadConnection();
            });
            worker.join();
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(database.read([](QSqlDatabase &tx) { return readAll(tx); }),
                 (QList<int> {1, 2, 10, 11, 12}));
    }
};

QTEST_GUILESS_MAIN(TestStatementCache)
#include "tst_statementcache.moc"
