#include "cache/cachedatabase.h"
#include "cache/cacheschema.h"
#include "cache/cachesql.h"
#include "cache/catalogqueries.h"
#include "cache/sqlstatement.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <stdexcept>

using portico::client::CacheDatabase;
using portico::client::CacheError;
using portico::client::CacheTransaction;
using portico::client::SqlStatement;
namespace CacheSchema = portico::client::CacheSchema;
namespace CacheSql = portico::client::CacheSql;
namespace CatalogQueries = portico::client::CatalogQueries;

namespace {

QString scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        throw CacheError(sql.toStdString());
    return q.value(0).toString();
}

int count(QSqlDatabase &db, const QString &table)
{
    return scalar(db, QStringLiteral("SELECT COUNT(*) FROM ") + table).toInt();
}

void setMeta(QSqlDatabase &db, const QString &key, const QString &value)
{
    QSqlQuery q
        = CacheSql::prepare(db, QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
    q.bindValue(0, key);
    q.bindValue(1, value);
    CacheSql::exec(q);
}

QString meta(QSqlDatabase &db, const QString &key)
{
    QSqlQuery q = CacheSql::prepare(db, QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.bindValue(0, key);
    CacheSql::exec(q);
    return q.next() ? q.value(0).toString() : QString();
}

// A connection of the test's own, outside CacheDatabase, for preparing files by hand.
class RawConnection final
{
public:
    explicit RawConnection(const QString &path)
        : m_name(QUuid::createUuid().toString())
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        if (!m_db.open())
            throw CacheError("cannot open the raw connection");
    }
    ~RawConnection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(RawConnection)
    QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace

class TestCacheDatabase final : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name = QStringLiteral("cache.db")) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;

private Q_SLOTS:
    void opensNewFileInWalModeAtLatestVersion()
    {
        CacheDatabase cache(path());
        QString error;
        QVERIFY2(cache.open(&error), qPrintable(error));
        QCOMPARE(cache.schemaVersion(), CacheSchema::latestVersion());
        QVERIFY(CacheSchema::latestVersion() >= 2);
        QVERIFY(QFile::exists(path()));
        const auto settings = cache.run([](QSqlDatabase &db) {
            return QStringList {scalar(db, QStringLiteral("PRAGMA journal_mode")),
                                scalar(db, QStringLiteral("PRAGMA synchronous")),
                                scalar(db, QStringLiteral("PRAGMA foreign_keys")),
                                scalar(db, QStringLiteral("PRAGMA cache_size"))};
        });
        QCOMPARE(settings.at(0), QStringLiteral("wal"));
        QCOMPARE(settings.at(1), QStringLiteral("2")); // FULL: a saved order survives a power loss
        QCOMPARE(settings.at(2), QStringLiteral("1"));
        QVERIFY2(settings.at(3).toInt() <= -8192, qPrintable(settings.at(3))); // at least 8 MiB
        const QStringList tables = cache.run([](QSqlDatabase &db) { return db.tables(); });
        for (const char *table :
             {"meta", "sync_state", "orders", "outbox", "product", "price", "stock", "customer", "document",
              "product_group", "property", "price_type", "warehouse", "schema_version"}) {
            QVERIFY2(tables.contains(QLatin1String(table)), table);
        }
        // The search index is in a file of its own beside the cache, attached, in WAL mode too.
        QVERIFY(!tables.contains(QLatin1String("product_fts")));
        QVERIFY(QFileInfo::exists(CacheSchema::searchIndexPath(path())));
        const QStringList search = cache.run([](QSqlDatabase &db) {
            return QStringList {scalar(db, QStringLiteral("PRAGMA search.journal_mode")),
                                scalar(db,
                                       QStringLiteral("SELECT COUNT(*) FROM search.sqlite_master "
                                                      "WHERE name IN ('product_fts', 'search_meta')"))};
        });
        QCOMPARE(search, (QStringList {QStringLiteral("wal"), QStringLiteral("2")}));
        // One row per migration applied, each with its time.
        QCOMPARE(cache.run([](QSqlDatabase &db) { return count(db, QStringLiteral("schema_version")); }),
                 CacheSchema::latestVersion());
    }

    void openTwiceIsHarmless()
    {
        CacheDatabase cache(path(QStringLiteral("twice.db")));
        QVERIFY(cache.open());
        QVERIFY(cache.open());
        QCOMPARE(cache.schemaVersion(), CacheSchema::latestVersion());
    }

    void openFailureIsReported()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        // The folder of the cache would have to be inside a regular file.
        CacheDatabase cache(dir.filePath(QStringLiteral("file/sub/cache.db")));
        QString error;
        QVERIFY(!cache.open(&error));
        QVERIFY(!error.isEmpty());
        // The queue still works; the jobs see a closed connection.
        QVERIFY(!cache.run([](QSqlDatabase &db) { return db.isOpen(); }));
    }

    void jobsRunInSubmissionOrderOnOneThread()
    {
        CacheDatabase cache(path(QStringLiteral("order.db")));
        QVERIFY(cache.open());
        constexpr int Jobs = 2000;
        QList<int> seen;
        QSet<QThread *> threads;
        QList<QFuture<int>> futures;
        for (int i = 0; i < Jobs; ++i) {
            futures.append(cache.submit([i, &seen, &threads](QSqlDatabase &) {
                seen.append(i); // only the cache thread touches it
                threads.insert(QThread::currentThread());
                return i * 2;
            }));
        }
        for (int i = 0; i < Jobs; ++i)
            QCOMPARE(futures[i].result(), i * 2);
        QCOMPARE(seen.size(), Jobs);
        for (int i = 0; i < Jobs; ++i)
            QCOMPARE(seen.at(i), i);
        QCOMPARE(threads.size(), 1);
        QVERIFY(!threads.contains(QThread::currentThread()));
    }

    void submissionsFromSeveralThreadsAllRun()
    {
        CacheDatabase cache(path(QStringLiteral("threads.db")));
        QVERIFY(cache.open());
        std::atomic<int> ran {0};
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads.append(QThread::create([&cache, &ran] {
                for (int i = 0; i < 250; ++i)
                    cache.submit([&ran](QSqlDatabase &) { ++ran; });
            }));
            threads.last()->start();
        }
        for (QThread *thread : std::as_const(threads)) {
            QVERIFY(thread->wait(10000));
            delete thread;
        }
        cache.run([](QSqlDatabase &) {});
        QCOMPARE(ran.load(), 1000);
    }

    void exceptionsReachTheFuture()
    {
        CacheDatabase cache(path(QStringLiteral("exceptions.db")));
        QVERIFY(cache.open());
        QFuture<int> failed = cache.submit([](QSqlDatabase &) -> int { throw CacheError("boom"); });
        try {
            failed.waitForFinished();
            QFAIL("no exception");
        } catch (const CacheError &error) {
            QCOMPARE(QString::fromUtf8(error.what()), QStringLiteral("boom"));
        }
        // Any exception type travels, and run() rethrows it.
        QVERIFY_THROWS_EXCEPTION(std::out_of_range,
                                 cache.run([](QSqlDatabase &) { throw std::out_of_range("range"); }));
        // A failed statement is a CacheError carrying the driver's message.
        try {
            cache.run(
                [](QSqlDatabase &db) { CacheSql::exec(db, QStringLiteral("SELECT * FROM no_such_table")); });
            QFAIL("no exception");
        } catch (const CacheError &error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String("no_such_table")), error.what());
        }
        // The queue goes on after a failed job.
        QCOMPARE(cache.run([](QSqlDatabase &) { return 42; }), 42);
    }

    void continuationRunsOnTheContextThread()
    {
        CacheDatabase cache(path(QStringLiteral("then.db")));
        QVERIFY(cache.open());
        QThread *continuationThread = nullptr;
        int value = 0;
        cache.submit([](QSqlDatabase &db) { return count(db, QStringLiteral("outbox")); })
            .then(this, [&](int rows) {
                continuationThread = QThread::currentThread();
                value = rows + 7;
            });
        QTRY_COMPARE(value, 7);
        QCOMPARE(continuationThread, QThread::currentThread());
    }

    void transactionCommitsOrRollsBack()
    {
        CacheDatabase cache(path(QStringLiteral("tx.db")));
        QVERIFY(cache.open());
        cache.run([](QSqlDatabase &db) {
            CacheTransaction tx(db);
            setMeta(db, QStringLiteral("committed"), QStringLiteral("yes"));
            tx.commit();
        });
        cache.run([](QSqlDatabase &db) {
            CacheTransaction tx(db);
            setMeta(db, QStringLiteral("dropped"), QStringLiteral("yes"));
            // no commit: the destructor rolls back
        });
        QVERIFY_THROWS_EXCEPTION(CacheError, cache.run([](QSqlDatabase &db) {
            CacheTransaction tx(db);
            setMeta(db, QStringLiteral("thrown"), QStringLiteral("yes"));
            throw CacheError("failure in the middle");
        }));
        QCOMPARE(cache.run([](QSqlDatabase &db) { return meta(db, QStringLiteral("committed")); }),
                 QStringLiteral("yes"));
        QCOMPARE(cache.run([](QSqlDatabase &db) { return meta(db, QStringLiteral("dropped")); }), QString());
        QCOMPARE(cache.run([](QSqlDatabase &db) { return meta(db, QStringLiteral("thrown")); }), QString());
    }

    // Texts bound from QStrings arrive as the same characters (Cyrillic, a character outside
    // the BMP, empty and null strings), and a parameter keeps its text when only another one is
    // bound again for the next row.
    void statementsBindTextsAsWritten()
    {
        CacheDatabase cache(path(QStringLiteral("bind.db")));
        QVERIFY(cache.open());
        const QStringList texts {QStringLiteral("Молоко 3,2 % ёж"), QString::fromUtf8("pen \xF0\x9F\x96\x8A"),
                                 QStringLiteral(""), QString(), QStringLiteral("plain ASCII")};
        const QStringList back = cache.run([&](QSqlDatabase &db) {
            CacheSql::exec(db,
                           QStringLiteral("CREATE TABLE t (n INTEGER, a TEXT NOT NULL, b TEXT NOT NULL)"));
            SqlStatement insert(db, "INSERT INTO t (n, a, b) VALUES (?, ?, ?)");
            insert.bind(2, QStringLiteral("the same for every row"));
            for (qsizetype i = 0; i < texts.size(); ++i) {
                insert.reset();
                insert.bind(0, static_cast<qint64>(i));
                insert.bind(1, texts.at(i));
                insert.execute();
            }
            SqlStatement select(db, "SELECT a, b, length(a) FROM t ORDER BY n");
            QStringList read;
            for (bool row = select.execute(); row; row = select.next()) {
                read << select.text(0) + QLatin1Char('/') + select.text(1) + QLatin1Char('/')
                        + QString::number(select.int64(2));
            }
            return read;
        });
        QStringList expected;
        for (const QString &text : texts)
            expected << text + QStringLiteral("/the same for every row/")
                    + QString::number(text.toUcs4().size());
        QCOMPARE(back, expected);
    }

    void transactionsNest()
    {
        CacheDatabase cache(path(QStringLiteral("nested.db")));
        QVERIFY(cache.open());
        cache.run([](QSqlDatabase &db) {
            CacheTransaction outer(db);
            setMeta(db, QStringLiteral("outer"), QStringLiteral("1"));
            {
                CacheTransaction inner(db);
                setMeta(db, QStringLiteral("inner-dropped"), QStringLiteral("1"));
            }
            {
                CacheTransaction inner(db);
                setMeta(db, QStringLiteral("inner-kept"), QStringLiteral("1"));
                inner.commit();
            }
            outer.commit();
        });
        const QStringList values = cache.run([](QSqlDatabase &db) {
            return QStringList {meta(db, QStringLiteral("outer")), meta(db, QStringLiteral("inner-dropped")),
                                meta(db, QStringLiteral("inner-kept"))};
        });
        QCOMPARE(values, (QStringList {QStringLiteral("1"), QString(), QStringLiteral("1")}));

        // An inner commit is undone when the outer transaction rolls back.
        cache.run([](QSqlDatabase &db) {
            CacheTransaction outer(db);
            CacheTransaction inner(db);
            setMeta(db, QStringLiteral("inner-of-dropped"), QStringLiteral("1"));
            inner.commit();
        });
        QCOMPARE(cache.run([](QSqlDatabase &db) { return meta(db, QStringLiteral("inner-of-dropped")); }),
                 QString());
    }

    void reopenKeepsData()
    {
        const QString file = path(QStringLiteral("reopen.db"));
        {
            CacheDatabase cache(file);
            QVERIFY(cache.open());
            cache.run(
                [](QSqlDatabase &db) { setMeta(db, QStringLiteral("device_id"), QStringLiteral("d-1")); });
        }
        CacheDatabase cache(file);
        QVERIFY(cache.open());
        QCOMPARE(cache.run([](QSqlDatabase &db) { return meta(db, QStringLiteral("device_id")); }),
                 QStringLiteral("d-1"));
        QCOMPARE(cache.run([](QSqlDatabase &db) { return count(db, QStringLiteral("schema_version")); }),
                 CacheSchema::latestVersion());
    }

    void idleCacheCheckpointsTheLog()
    {
        // A commit leaves its pages in the write-ahead log; once the cache thread has been idle
        // a moment they are copied into the database file, without waiting for a later commit.
        const QString file = path(QStringLiteral("checkpoint.db"));
        CacheDatabase cache(file);
        QVERIFY(cache.open());
        cache.run(
            [](QSqlDatabase &db) { CacheSql::exec(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); });
        const qint64 before = QFileInfo(file).size();
        cache.run([](QSqlDatabase &db) {
            CacheTransaction transaction(db);
            for (int i = 0; i < 200; ++i)
                setMeta(db, QStringLiteral("bulk-%1").arg(i), QString(2000, QLatin1Char('x')));
            transaction.commit();
        });
        QCOMPARE(QFileInfo(file).size(), before); // still only in the log
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(file).size() > before + 200 * 1000, 3000);
    }

    void destructorRunsQueuedJobs()
    {
        const QString file = path(QStringLiteral("drain.db"));
        std::atomic<int> ran {0};
        {
            CacheDatabase cache(file);
            QVERIFY(cache.open());
            for (int i = 0; i < 500; ++i) {
                cache.submit([i, &ran](QSqlDatabase &db) {
                    setMeta(db, QStringLiteral("k%1").arg(i), QString::number(i));
                    ++ran;
                });
            }
        }
        QCOMPARE(ran.load(), 500);
        CacheDatabase cache(file);
        QVERIFY(cache.open());
        QCOMPARE(cache.run([](QSqlDatabase &db) {
            return scalar(db, QStringLiteral("SELECT COUNT(*) FROM meta WHERE key LIKE 'k%'"));
        }),
                 QStringLiteral("500"));
    }

    void migratesAFileOfAnOlderVersion()
    {
        const QString file = path(QStringLiteral("old.db"));
        const QString productId = QStringLiteral("8f60eeb1-d034-5526-9d3c-e5276a92d7bc");
        {
            // A file as version 1 left it: no search index yet, one product cached.
            RawConnection raw(file);
            QCOMPARE(CacheSchema::migrate(raw.db(), 1), 1);
            QCOMPARE(CacheSchema::currentVersion(raw.db()), 1);
            QVERIFY(!raw.db().tables().contains(QStringLiteral("product_fts")));
            const QString data
                = QStringLiteral(
                      R"({"active":true,"barcodes":["4600202409173"],"description":"","external_id":"",)"
                      R"("group_id":null,"id":"%1","image_ref":"","name":"Штукатурка гипсовая Уралсмесь 5 кг",)"
                      R"("properties":[{"property_id":"98fbd36a-50ca-5300-8263-4eb5a9913186","value":"Гипс",)"
                      R"("value_id":null}],"sku":"СМ-10001","unit":{"name":"шт","okei_code":"796"},)"
                      R"("vat_rate":"20","volume_m3":"0.004","weight_kg":"5.15"})")
                      .arg(productId);
            QSqlQuery insert(raw.db());
            QVERIFY(insert.prepare(QStringLiteral(
                "INSERT INTO product (id, group_id, sku, sku_key, name, name_key, barcodes, unit_code, unit, "
                "vat_rate, active, data) VALUES (?, NULL, 'СМ-10001', 'см-10001', 'Штукатурка гипсовая "
                "Уралсмесь "
                "5 кг', 'штукатурка гипсовая уралсмесь 5 кг', '[\"4600202409173\"]', '796', 'шт', '20', 1, "
                "?)")));
            insert.bindValue(0, productId);
            insert.bindValue(1, data);
            QVERIFY(insert.exec());
            // And its price and stock, in the key-ordered tables of version 1.
            QVERIFY(QSqlQuery(raw.db()).exec(
                QStringLiteral("INSERT INTO price VALUES ('%1', 'retail', 125000, 'RUB', '[]', '{}')")
                    .arg(productId)));
            QVERIFY(QSqlQuery(raw.db()).exec(
                QStringLiteral("INSERT INTO stock VALUES ('%1', 'msk', 4000, 0, NULL, '{}')")
                    .arg(productId)));
        }
        CacheDatabase cache(file);
        QString error;
        QVERIFY2(cache.open(&error), qPrintable(error));
        QCOMPARE(cache.schemaVersion(), CacheSchema::latestVersion());
        // Version 2 indexed the product that was already there.
        const auto hits = cache.run([](QSqlDatabase &db) {
            return CatalogQueries::searchProducts(db, QStringLiteral("штукат гипс"), {}, 10);
        });
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().id, portico::Id::fromString(productId));
        const auto byProperty = cache.run([](QSqlDatabase &db) {
            return CatalogQueries::searchProducts(db, QStringLiteral("гипс"), {}, 10);
        });
        QCOMPARE(byProperty.size(), 1);
        // Version 5 kept the price and the stock level, now keyed by unique indexes.
        cache.run([&](QSqlDatabase &db) {
            QCOMPARE(count(db, QStringLiteral("price")), 1);
            QCOMPARE(count(db, QStringLiteral("stock")), 1);
            QSqlQuery indexes(db);
            QVERIFY(indexes.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND "
                                                "name IN ('price_key', 'stock_key', 'bin_location_key')")));
            QVERIFY(indexes.next());
            QCOMPARE(indexes.value(0).toInt(), 3);
            QSqlQuery again(db);
            QVERIFY(
                !again.exec(QStringLiteral("INSERT INTO price VALUES ('%1', 'retail', 1, 'RUB', '[]', '{}')")
                                .arg(productId)));
        });
    }

    void refusesAFileOfANewerVersion()
    {
        const QString file = path(QStringLiteral("newer.db"));
        {
            RawConnection raw(file);
            CacheSchema::migrate(raw.db());
            QSqlQuery q(raw.db());
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (999, 'x')")));
        }
        CacheDatabase cache(file);
        QString error;
        QVERIFY(!cache.open(&error));
        QVERIFY2(error.contains(QLatin1String("999")), qPrintable(error));
    }

    void failedMigrationLeavesThePreviousVersion()
    {
        const QString file = path(QStringLiteral("broken.db"));
        {
            // Version 1, plus a table in the way of version 2's search index.
            RawConnection raw(file);
            CacheSchema::migrate(raw.db(), 1);
            QSqlQuery q(raw.db());
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE product_fts (x)")));
        }
        {
            CacheDatabase cache(file);
            QString error;
            QVERIFY(!cache.open(&error));
            QVERIFY2(error.contains(QLatin1String("product_fts")), qPrintable(error));
        }
        RawConnection raw(file);
        QCOMPARE(CacheSchema::currentVersion(raw.db()), 1);
    }
};

QTEST_GUILESS_MAIN(TestCacheDatabase)
#include "tst_cachedatabase.moc"
