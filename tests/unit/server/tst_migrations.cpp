#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "testdatabase.h"

#include <QSqlRecord>
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

// Runs each statement with %1, %2, ... replaced by `values` and {false} by the backend's false.
void execAll(const QSqlDatabase &tx, const QStringList &statements, const QStringList &values)
{
    const bool postgres = tx.driverName() == QLatin1String("QPSQL");
    for (QString statement : statements) {
        for (qsizetype i = 0; i < values.size(); ++i)
            statement.replace(QLatin1Char('%') + QString::number(i + 1), values.at(i));
        statement.replace(QStringLiteral("{false}"),
                          postgres ? QStringLiteral("FALSE") : QStringLiteral("0"));
        execSql(tx, statement);
    }
}

// Every row of `table` in key order, each row's columns joined.
QStringList rowsOf(Database &database, const QString &table, const QString &order)
{
    return database.read([&](QSqlDatabase &tx) {
        Sql query(tx, QStringLiteral("SELECT * FROM ") + table + QStringLiteral(" ORDER BY ") + order);
        query.exec();
        QStringList rows;
        while (query.next()) {
            QStringList columns;
            for (int i = 0; i < query.query().record().count(); ++i)
                columns << (query.value(i).isNull() ? QStringLiteral("NULL") : query.value(i).toString());
            rows << columns.join(QLatin1Char('|'));
        }
        return rows;
    });
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

    void rowsSurviveTheTablesStoredByTheirKeys()
    {
        // Version 10 rebuilds the small keyed tables on SQLite (WITHOUT ROWID); a database
        // upgraded from version 9 keeps every row, and the rebuilt tables keep their constraints.
        TestDatabase db;
        QVERIFY2(db.create(false), qPrintable(db.errorString()));
        Database &database = db.database();
        QCOMPARE(Migrations::apply(database, 9), 9);
        QCOMPARE(Migrations::currentVersion(database), 9);
        const QString order = QStringLiteral("0b7c6a52-0000-4000-8000-000000000001");
        const QString product = QStringLiteral("0b7c6a52-0000-4000-8000-000000000002");
        const QString other = QStringLiteral("0b7c6a52-0000-4000-8000-000000000003");
        const QString place = QStringLiteral("0b7c6a52-0000-4000-8000-000000000004");
        database.write([&](QSqlDatabase &tx) {
            const QStringList statements {
                QStringLiteral("INSERT INTO prices VALUES ('%1', 'pt-1', 12345, '[]'), ('%2', 'pt-1', 99, "
                               "'[{\"min\":\"10\"}]')"),
                QStringLiteral(
                    "INSERT INTO stock VALUES ('%1', '%4', 5000, 1000, 17), ('%2', '%4', 0, 0, 18)"),
                QStringLiteral("INSERT INTO product_barcodes VALUES ('4600000000017', '%1'), "
                               "('4600000000024', '%2')"),
                QStringLiteral("INSERT INTO exchange_product_marks VALUES ('%1', 's-1'), ('%2', 's-2')"),
                QStringLiteral(
                    "INSERT INTO orders (id, number, client_number, customer_id, created_by, currency, "
                    "status, created_at, comment, net_minor, vat_minor, total_minor, discount_minor, "
                    "request_hash, outcome_json, updated_at) VALUES ('%3', 'A-1', 'C-1', 'c', 'u', 'RUB', "
                    "'accepted', 1, '', 100, 20, 120, 0, 'h', '{}', 2)"),
                QStringLiteral(
                    "INSERT INTO order_lines VALUES ('%3', 1, '%1', 2000, 50, 0, '20', 100, 20, 120), "
                    "('%3', 2, '%2', 1000, 0, 0, '20', 0, 0, 0)"),
                QStringLiteral(
                    "INSERT INTO order_history VALUES ('%3', 1, 1, 'draft', 'submitted', 'u', ''), "
                    "('%3', 2, 2, 'submitted', 'accepted', NULL, 'server decision')"),
                QStringLiteral("INSERT INTO stock_reservations VALUES ('%3', 1, '%1', '%4', 2000, 0), "
                               "('%3', 2, '%2', '%4', 0, 1000)"),
                QStringLiteral(
                    "INSERT INTO stock_movements VALUES (7, 1, 'reserve', '%1', '%4', 2000, 0, 2000, "
                    "'u', '%3', NULL, NULL, 'order A-1 line 1'), (9000000000, 2, 'ship', '%2', "
                    "'%4', 1, -1, 0, NULL, NULL, NULL, NULL, '')"),
            };
            execAll(tx, statements, {product, other, order, place});
        });
        const QList<std::pair<QString, QString>> tables {
            {QStringLiteral("prices"), QStringLiteral("product_id, price_type_id")},
            {QStringLiteral("stock"), QStringLiteral("product_id, warehouse_id")},
            {QStringLiteral("product_barcodes"), QStringLiteral("barcode, product_id")},
            {QStringLiteral("exchange_product_marks"), QStringLiteral("product_id")},
            {QStringLiteral("order_lines"), QStringLiteral("order_id, line_no")},
            {QStringLiteral("order_history"), QStringLiteral("order_id, seq")},
            {QStringLiteral("stock_reservations"), QStringLiteral("order_id, line_no")},
            {QStringLiteral("stock_movements"), QStringLiteral("id")},
        };
        QList<QStringList> before;
        for (const auto &[table, key] : tables) {
            before << rowsOf(database, table, key);
            QCOMPARE(before.last().size(), 2);
        }

        QCOMPARE(Migrations::apply(database, 10), 1);
        for (qsizetype i = 0; i < tables.size(); ++i)
            QCOMPARE(rowsOf(database, tables.at(i).first, tables.at(i).second), before.at(i));
        if (!database.isPostgres()) {
            for (const auto &[table, key] : tables) {
                const QString sql = scalar(database,
                                           QStringLiteral("SELECT sql FROM sqlite_master WHERE "
                                                          "type = 'table' AND name = '%1'")
                                               .arg(table));
                QVERIFY2(sql.contains(table == QStringLiteral("stock_movements")
                                          ? QStringLiteral("id INTEGER PRIMARY KEY")
                                          : QStringLiteral("WITHOUT ROWID")),
                         qPrintable(sql));
            }
            QCOMPARE(scalar(database,
                            QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' "
                                           "AND name IN ('product_barcodes_product', "
                                           "'exchange_product_marks_session', "
                                           "'stock_reservations_stock', 'stock_movements_stock')")),
                     QStringLiteral("4"));
        }
        // Keys and references hold as before: a second price for the same key, or a line of an
        // order that does not exist, is refused and changes nothing.
        for (const QString &statement :
             {QStringLiteral("INSERT INTO prices VALUES ('%1', 'pt-1', 1, '[]')").arg(product),
              QStringLiteral("INSERT INTO order_lines VALUES ('%1', 1, '%2', 1, 1, 0, '20', 1, 0, 1)")
                  .arg(other, product),
              QStringLiteral("INSERT INTO stock_movements VALUES (7, 1, 'pick', '%1', '%2', 1, 0, 0, NULL, "
                             "NULL, NULL, NULL, '')")
                  .arg(product, place)}) {
            bool refused = false;
            try {
                database.write([&](QSqlDatabase &tx) { execSql(tx, statement); });
            } catch (const StorageError &) {
                refused = true;
            }
            QVERIFY2(refused, qPrintable(statement));
        }
        for (qsizetype i = 0; i < tables.size(); ++i)
            QCOMPARE(rowsOf(database, tables.at(i).first, tables.at(i).second), before.at(i));
    }

    void pricesAndStockTakeTheirSeqsFromTheFeed()
    {
        // Version 11 moves the seqs of price and stock rows out of the changes table into the
        // rows themselves; a pull from any cursor gives the same changes in the same order.
        TestDatabase db;
        QVERIFY2(db.create(false), qPrintable(db.errorString()));
        Database &database = db.database();
        QCOMPARE(Migrations::apply(database, 10), 10);
        const QString product = QStringLiteral("0b7c6a52-0000-4000-8000-000000000011");
        const QString unseen = QStringLiteral("0b7c6a52-0000-4000-8000-000000000012");
        const QString type = QStringLiteral("0b7c6a52-0000-4000-8000-000000000013");
        const QString place = QStringLiteral("0b7c6a52-0000-4000-8000-000000000014");
        database.write([&](QSqlDatabase &tx) {
            const QStringList statements {
                QStringLiteral("INSERT INTO price_types VALUES ('%3', NULL, 'Wholesale', 'USD', {false})"),
                QStringLiteral("INSERT INTO prices VALUES ('%1', '%3', 12345, '[]'), ('%2', '%3', 99, '[]')"),
                QStringLiteral("INSERT INTO stock VALUES ('%1', '%4', 5000, 1000, 17)"),
                QStringLiteral(
                    "INSERT INTO changes (entity, entity_id, seq, audience, deleted, payload) VALUES "
                    "('price', '%1/%3', 5, 'price_type:%3', {false}, '{}'), "
                    "('product', '%1', 6, 'all', {false}, '{\"id\":1}'), "
                    "('stock', '%1/%4', 7, 'all', {false}, '{}')"),
                QStringLiteral("UPDATE feed_state SET head = 7"),
            };
            execAll(tx, statements, {product, unseen, type, place});
        });
        QCOMPARE(Migrations::apply(database), Migrations::knownCount() - 10);

        QCOMPARE(
            scalar(database, QStringLiteral("SELECT seq FROM prices WHERE product_id = '%1'").arg(product)),
            QStringLiteral("5"));
        // A row the feed never had stays below every cursor, unseen as before.
        QCOMPARE(
            scalar(database, QStringLiteral("SELECT seq FROM prices WHERE product_id = '%1'").arg(unseen)),
            QStringLiteral("0"));
        QCOMPARE(scalar(database, QStringLiteral("SELECT seq FROM stock")), QStringLiteral("7"));
        QCOMPARE(scalar(database, QStringLiteral("SELECT COUNT(*) FROM changes")), QStringLiteral("1"));

        const auto pull = [&](qint64 cursor, const QStringList &audiences, bool everything) {
            QStringList seen;
            const auto page = database.read(
                [&](QSqlDatabase &tx) { return ChangeFeed::pull(tx, cursor, 100, audiences, everything); });
            for (const auto &change : page.changes)
                seen << QStringLiteral("%1 %2 %3")
                            .arg(change.seq)
                            .arg(change.entity, QString::fromUtf8(change.payload));
            return seen;
        };
        const QString price
            = QStringLiteral("5 price {\"currency\":\"USD\",\"price_type_id\":\"%1\",\"product_id\":"
                             "\"%2\",\"tiers\":[],\"unit_price\":\"123.45\"}")
                  .arg(type, product);
        const QString stock
            = QStringLiteral(
                  "7 stock {\"as_of\":\"1970-01-01T00:00:00.017Z\",\"on_hand\":\"5\",\"product_id\":"
                  "\"%1\",\"reserved\":\"1\",\"warehouse_id\":\"%2\"}")
                  .arg(product, place);
        const QString item = QStringLiteral("6 product {\"id\":1}");
        QCOMPARE(pull(0, {}, true), (QStringList {price, item, stock}));
        QCOMPARE(pull(5, {}, true), (QStringList {item, stock}));
        QCOMPARE(pull(0, {QStringLiteral("price_type:") + type}, false), QStringList {price});
        QCOMPARE(pull(0, {QStringLiteral("all")}, false), (QStringList {item, stock}));
        QCOMPARE(pull(0, {QStringLiteral("price_type:other")}, false), QStringList());
    }

    void theStockJournalIsChainedPerRow()
    {
        // Version 13 links each movement to the one before it of the same stock row, and each
        // row to its newest, from the journal as it stands; the index by product goes.
        TestDatabase db;
        QVERIFY2(db.create(false), qPrintable(db.errorString()));
        Database &database = db.database();
        QCOMPARE(Migrations::apply(database, 12), 12);
        const QString bolt = QStringLiteral("0b7c6a52-0000-4000-8000-000000000021");
        const QString nut = QStringLiteral("0b7c6a52-0000-4000-8000-000000000022");
        const QString main = QStringLiteral("0b7c6a52-0000-4000-8000-000000000023");
        const QString other = QStringLiteral("0b7c6a52-0000-4000-8000-000000000024");
        database.write([&](QSqlDatabase &tx) {
            QStringList statements {QStringLiteral(
                "INSERT INTO stock VALUES ('%1', '%3', 5000, 0, 1, 0), ('%2', '%3', 0, 0, 1, 0), "
                "('%1', '%4', 0, 0, 1, 0), ('%2', '%4', 0, 0, 1, 0)")};
            // Ids 1..6: bolt@main, nut@main, bolt@main, bolt@other, bolt@main, nut@main.
            const QStringList rows {QStringLiteral("'%1', '%3'"), QStringLiteral("'%2', '%3'"),
                                    QStringLiteral("'%1', '%3'"), QStringLiteral("'%1', '%4'"),
                                    QStringLiteral("'%1', '%3'"), QStringLiteral("'%2', '%3'")};
            for (qsizetype i = 0; i < rows.size(); ++i)
                statements << QStringLiteral(
                                  "INSERT INTO stock_movements VALUES (%1, 1, 'pick', %2, 1, 0, 0, "
                                  "NULL, NULL, NULL, NULL, '')")
                                  .arg(i + 1)
                                  .arg(rows.at(i));
            execAll(tx, statements, {bolt, nut, main, other});
        });
        QCOMPARE(Migrations::apply(database), Migrations::knownCount() - 12);
        const QStringList chained = database.read([&](QSqlDatabase &tx) {
            Sql q(tx, QStringLiteral("SELECT id, previous FROM stock_movements ORDER BY id"));
            q.exec();
            QStringList links;
            while (q.next())
                links << q.value(0).toString() + QLatin1Char(':') + q.value(1).toString();
            return links;
        });
        QCOMPARE(chained.join(QLatin1Char(' ')), QStringLiteral("1:0 2:0 3:1 4:0 5:3 6:2"));
        const auto head = [&](const QString &product, const QString &warehouse) {
            return scalar(database,
                          QStringLiteral("SELECT last_movement FROM stock WHERE product_id = '%1' "
                                         "AND warehouse_id = '%2'")
                              .arg(product, warehouse));
        };
        QCOMPARE(head(bolt, main), QStringLiteral("5"));
        QCOMPARE(head(nut, main), QStringLiteral("6"));
        QCOMPARE(head(bolt, other), QStringLiteral("4"));
        QCOMPARE(head(nut, other), QStringLiteral("0"));
        if (!database.isPostgres())
            QCOMPARE(scalar(database,
                            QStringLiteral("SELECT group_concat(name) FROM sqlite_master WHERE type = "
                                           "'index' AND tbl_name = 'stock_movements'")),
                     QStringLiteral("stock_movements_warehouse"));
    }

    void reservationsAreIndexedByStockRowOnlyWhileBackordered()
    {
        // Version 14: the index of every reservation by stock row gives way to one of the
        // backordered reservations, which a backorder fill searches.
        TestDatabase db;
        QVERIFY2(db.create(false), qPrintable(db.errorString()));
        Database &database = db.database();
        QCOMPARE(Migrations::apply(database, 13), 13);
        QCOMPARE(Migrations::apply(database), Migrations::knownCount() - 13);
        const QString indexes = database.isPostgres()
            ? scalar(
                database,
                QStringLiteral("SELECT string_agg(indexname || ': ' || indexdef, '; ' ORDER BY indexname) "
                               "FROM pg_indexes WHERE tablename = 'stock_reservations' AND indexname "
                               "NOT LIKE '%pkey'"))
            : scalar(
                database,
                QStringLiteral("SELECT group_concat(name || ': ' || sql, '; ') FROM sqlite_master WHERE "
                               "type = 'index' AND tbl_name = 'stock_reservations' AND sql IS NOT NULL"));
        QVERIFY2(indexes.startsWith(QStringLiteral("stock_reservations_backordered: ")), qPrintable(indexes));
        QVERIFY2(!indexes.contains(QLatin1Char(';')), qPrintable(indexes));
        QVERIFY2(indexes.contains(QStringLiteral("WHERE"))
                     && indexes.contains(QStringLiteral("backorder_milli > 0")),
                 qPrintable(indexes));
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
