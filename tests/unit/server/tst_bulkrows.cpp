#include "storage/bulkrows.h"
#include "storage/database.h"
#include "storage/storageerror.h"
#include "testdatabase.h"

#include <QSqlDriver>
#include <QTest>

using namespace portico::server;
using portico::Id;
using portico::test::TestDatabase;

// BulkRows: the bulk writes of the SQLite backend, one statement per row bound through
// SQLite's C API.
class TestBulkRows final : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_db;

    Database &database() { return m_db.database(); }

    // (a, b, c, typeof(a), typeof(b), typeof(c)) of every row of `t`, in key order.
    QStringList rowsOfT()
    {
        return database().read([](QSqlDatabase &tx) {
            QStringList rows;
            Sql q(tx, QStringLiteral("SELECT k, a, b, c, typeof(a), typeof(b), typeof(c) FROM t ORDER BY k"));
            q.exec();
            while (q.next()) {
                QStringList row;
                for (int i = 0; i < 7; ++i)
                    row << (q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
                rows << row.join(QLatin1Char('|'));
            }
            return rows;
        });
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_db.create(false), qPrintable(m_db.errorString())); }

    void init()
    {
        database().write([](QSqlDatabase &tx) {
            execSql(tx, QStringLiteral("DROP TABLE IF EXISTS t"));
            // Without column types on SQLite, so that a value keeps the type it was bound with.
            execSql(tx,
                    tx.driver()->dbmsType() == QSqlDriver::PostgreSQL
                        ? QStringLiteral("CREATE TABLE t (k BIGINT PRIMARY KEY, a TEXT, b TEXT, c TEXT, d "
                                         "BOOLEAN, UNIQUE (a))")
                        : QStringLiteral("CREATE TABLE t (k INTEGER PRIMARY KEY, a, b, c, d, UNIQUE (a))"));
        });
    }

    void valuesLandAsBoundValues()
    {
        if (database().isPostgres())
            QSKIP("exec() runs SQLite statements; PostgreSQL takes insert()");
        const Id id = Id::fromString(QStringLiteral("7d4c5a36-1f0e-4a55-9a55-0f4b3f0c2a11"));
        BulkRows rows;
        rows.row().integer(1).text(u"Молоко 3,2 %").id(id).boolean(true);
        rows.row().integer(2).textOrNull(QString()).id(Id()).integer(-42);
        rows.row().integer(3).utf8("{\"a\":[1,\"ё\"]}").null().textOrNull(QStringLiteral("x"));
        QCOMPARE(rows.rows(), 3);
        database().write([&](QSqlDatabase &tx) {
            rows.exec(tx, QStringLiteral("INSERT INTO t (k, a, b, c) VALUES ") + BulkRows::values(4));
        });
        QCOMPARE(rowsOfT(),
                 (QStringList {QStringLiteral(
                                   "1|Молоко 3,2 %|7d4c5a36-1f0e-4a55-9a55-0f4b3f0c2a11|1|text|text|integer"),
                               QStringLiteral("2|NULL|NULL|-42|null|null|integer"),
                               QStringLiteral("3|{\"a\":[1,\"ё\"]}|NULL|x|text|null|text")}));
    }

    void returnedRowsAreHandedOver()
    {
        if (database().isPostgres())
            QSKIP("exec() runs SQLite statements; PostgreSQL takes insert()");
        BulkRows rows;
        for (int k = 1; k <= 3; ++k)
            rows.row().integer(k).text(QStringLiteral("v%1").arg(k));
        QStringList returned;
        database().write([&](QSqlDatabase &tx) {
            rows.exec(tx, QStringLiteral("INSERT INTO t (k, a) VALUES (?1, ?2) RETURNING k * 10, a"),
                      [&](const BulkRows::Returned &row) {
                          returned << QString::number(row.integer(0)) + QLatin1Char(':') + row.text(1);
                      });
        });
        QCOMPARE(returned,
                 (QStringList {QStringLiteral("10:v1"), QStringLiteral("20:v2"), QStringLiteral("30:v3")}));
    }

    // A row that breaks a constraint fails the write with SQLite's message; the transaction
    // rolls back, and the statement serves the next write.
    void aFailingRowFailsTheWrite()
    {
        if (database().isPostgres())
            QSKIP("exec() runs SQLite statements; PostgreSQL takes insert()");
        BulkRows rows;
        rows.row().integer(1).text(QStringLiteral("same"));
        rows.row().integer(2).text(QStringLiteral("same"));
        const QString insert = QStringLiteral("INSERT INTO t (k, a) VALUES (?1, ?2)");
        try {
            database().write([&](QSqlDatabase &tx) { rows.exec(tx, insert); });
            QFAIL("a duplicate passed the unique constraint");
        } catch (const StorageError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("UNIQUE")), e.what());
        }
        QVERIFY(rowsOfT().isEmpty());
        BulkRows good;
        good.row().integer(5).text(QStringLiteral("five"));
        database().write([&](QSqlDatabase &tx) { good.exec(tx, insert); });
        QCOMPARE(rowsOfT(), QStringList {QStringLiteral("5|five|NULL|NULL|text|null|null")});
    }

    void aRowOfTheWrongWidthIsRefused()
    {
        if (database().isPostgres())
            QSKIP("exec() runs SQLite statements; PostgreSQL takes insert()");
        BulkRows rows;
        rows.row().integer(1).text(QStringLiteral("a"));
        rows.row().integer(2);
        QVERIFY_THROWS_EXCEPTION(StorageError, database().write([&](QSqlDatabase &tx) {
            rows.exec(tx, QStringLiteral("INSERT INTO t (k, a) VALUES (?1, ?2)"));
        }));
        QVERIFY(rowsOfT().isEmpty());
    }

    // insert(): one statement per row on SQLite, multi-row statements of at most 900 values on
    // PostgreSQL (here 225 rows of 4, then 175); NULLs, texts, booleans and conflicts land alike.
    void insertRunsOnEitherBackend()
    {
        BulkRows rows;
        for (int k = 1; k <= 400; ++k) {
            rows.row().integer(k).text(QStringLiteral("ключ %1").arg(k));
            if (k % 2 == 0)
                rows.id(Id());
            else
                rows.textOrNull(QStringLiteral("odd"));
            rows.boolean(k % 3 == 0);
        }
        rows.row().integer(1).text(QStringLiteral("again")).null().boolean(true);
        database().write([&](QSqlDatabase &tx) {
            rows.insert(tx, QStringLiteral("INSERT INTO t (k, a, b, d)"),
                        QStringLiteral(" ON CONFLICT (k) DO NOTHING"));
        });
        const auto counts = database().read([](QSqlDatabase &tx) {
            Sql q(tx,
                  QStringLiteral("SELECT COUNT(*), COUNT(b), MIN(a), MAX(k), "
                                 "SUM(CASE WHEN d THEN 1 ELSE 0 END) FROM t"));
            q.exec();
            q.next();
            return QStringList {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                q.value(3).toString(), q.value(4).toString()};
        });
        QCOMPARE(counts,
                 (QStringList {QStringLiteral("400"), QStringLiteral("200"), QStringLiteral("ключ 1"),
                               QStringLiteral("400"), QStringLiteral("133")}));
    }

    void noRowsRunNothing()
    {
        if (database().isPostgres())
            QSKIP("exec() runs SQLite statements; PostgreSQL takes insert()");
        const BulkRows rows;
        QVERIFY(rows.isEmpty());
        database().write([&](QSqlDatabase &tx) { rows.exec(tx, QStringLiteral("not even SQL")); });
    }
};

QTEST_GUILESS_MAIN(TestBulkRows)
#include "tst_bulkrows.moc"
