#include "catalog/catalogfeed.h"
#include "catalog/catalogrepository.h"
#include "protocol/codecs.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "testdatabase.h"

#include <QHash>
#include <QJsonDocument>
#include <QTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

using namespace portico;
using namespace portico::server;
using portico::test::TestDatabase;
using namespace std::chrono_literals;

namespace {

Id idOf(int n)
{
    return idFrom(QStringLiteral("5a1e0000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
}

Price priceOf(int product, const Id &type, qint64 minor)
{
    return Price {idOf(product), type, Money::fromMinor(minor, Currency::rub()), {}};
}

StockLevel stockOf(int product, const Id &warehouse, qint64 onHandMilli)
{
    return StockLevel {idOf(product), warehouse, Quantity::fromMilli(onHandMilli), Quantity {},
                       utcFromMsecs(1'764'547'200'000)};
}

// Every change of a pull from `cursor` in pages of `limit`, as "<entity> <id>".
QStringList pullAll(Database &database, qint64 cursor, int limit, const QStringList &audiences,
                    bool everything, QList<Change> *changes = nullptr)
{
    QStringList seen;
    qint64 last = cursor;
    for (bool more = true; more;) {
        const auto page = database.read(
            [&](QSqlDatabase &tx) { return ChangeFeed::pull(tx, cursor, limit, audiences, everything); });
        for (const Change &change : page.changes) {
            if (change.seq <= last)
                seen << QStringLiteral("seq %1 after %2").arg(change.seq).arg(last);
            last = change.seq;
            seen << change.entity + QLatin1Char(' ') + change.entityId;
            if (changes != nullptr)
                changes->append(change);
        }
        cursor = page.nextCursor;
        more = page.hasMore;
    }
    return seen;
}

} // namespace

// Prices and stock levels as their own feed entries (storage/changefeed.h, RowTable), written
// through the catalog's repository, on the backend PORTICO_TEST_BACKEND selects.
class TestRowFeed final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->create(), qPrintable(m_db->errorString()));
        m_db->database().write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository catalog(tx);
            catalog.upsertPriceTypes(
                {PriceType {m_retail, {}, QStringLiteral("Retail"), Currency::rub(), true},
                 PriceType {m_wholesale, {}, QStringLiteral("Wholesale"), Currency::rub(), true}},
                feed);
            catalog.upsertWarehouses({Warehouse {m_main, {}, QStringLiteral("Main"), {}}}, feed);
            feed.append(tx);
        });
        m_start = head();
    }
    void cleanup() { m_db.reset(); }

    void rowsMergeWithTheFeedInWriteOrder()
    {
        Database &database = m_db->database();
        database.write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository catalog(tx);
            feed.upsert(QStringLiteral("note"), QStringLiteral("a"), Audience::everyone(), QByteArray("{}"));
            catalog.upsertPrices({priceOf(1, m_retail, 100)}, feed);
            catalog.upsertStock({stockOf(1, m_main, 5000)}, feed);
            feed.upsert(QStringLiteral("note"), QStringLiteral("b"), Audience::everyone(), QByteArray("{}"));
            feed.append(tx);
        });
        database.write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository catalog(tx);
            catalog.bulkUpsertPrices({priceOf(2, m_wholesale, 200), priceOf(1, m_retail, 150)}, feed);
            catalog.bulkUpsertStock({stockOf(2, m_main, 1000)}, feed);
            feed.append(tx);
        });
        const QString price1 = QStringLiteral("price ") + priceFeedId(idOf(1), m_retail);
        const QString price2 = QStringLiteral("price ") + priceFeedId(idOf(2), m_wholesale);
        const QString stock1 = QStringLiteral("stock ") + stockFeedId(idOf(1), m_main);
        const QString stock2 = QStringLiteral("stock ") + stockFeedId(idOf(2), m_main);
        const QStringList everything {
            QStringLiteral("note a"), stock1, QStringLiteral("note b"), price2, price1, stock2};
        // The first product's price was rewritten by the second transaction: it comes once, there.
        for (const int limit : {1, 2, 3, 100})
            QCOMPARE(pullAll(database, m_start, limit, {}, true), everything);
        QCOMPARE(pullAll(database, 0, 100, {}, true).mid(3),
                 everything); // after the price types and warehouse
        QCOMPARE(pullAll(database, m_start, 2, {Audience::priceType(idText(m_retail))}, false),
                 QStringList {price1});
        QCOMPARE(pullAll(database, m_start, 2, {Audience::everyone()}, false),
                 (QStringList {QStringLiteral("note a"), stock1, QStringLiteral("note b"), stock2}));
        QCOMPARE(pullAll(database, m_start, 2, {Audience::customer(QStringLiteral("x"))}, false),
                 QStringList());

        // Each row's seq column is the seq it was pulled with, and its payload is its row.
        QList<Change> changes;
        pullAll(database, m_start, 100, {}, true, &changes);
        const Change &price = changes.at(4);
        QCOMPARE(price.payload,
                 QByteArray("{\"currency\":\"RUB\",\"price_type_id\":\"") + idText(m_retail).toUtf8()
                     + "\",\"product_id\":\"" + idText(idOf(1)).toUtf8()
                     + "\",\"tiers\":[],\"unit_price\":\"1.50\"}");
        QCOMPARE(
            scalar(QStringLiteral("SELECT seq FROM prices WHERE product_id = '%1' AND price_type_id = '%2'")
                       .arg(idText(idOf(1)), idText(m_retail))),
            price.seq);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM changes WHERE entity IN ('price', 'stock')")),
                 0);
        QCOMPARE(changes.last().seq, head());
    }

    void pricesWithTiersComeAsTheCodecWritesThem()
    {
        Database &database = m_db->database();
        Price tiered = priceOf(3, m_retail, 1000);
        tiered.tiers = {VolumeTier {Quantity::fromMilli(10'000), Money::fromMinor(900, Currency::rub())}};
        database.write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository(tx).upsertPrices({tiered}, feed);
            feed.append(tx);
        });
        QList<Change> changes;
        pullAll(database, m_start, 10, {}, true, &changes);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().payload,
                 QJsonDocument(protocol::toJson(tiered)).toJson(QJsonDocument::Compact));
    }

    void touchingAPriceTypeSendsItsRowsAgain()
    {
        Database &database = m_db->database();
        database.write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository(tx).upsertPrices(
                {priceOf(1, m_retail, 100), priceOf(1, m_wholesale, 90), priceOf(2, m_retail, 200)}, feed);
            feed.append(tx);
        });
        const qint64 before = head();
        const qint64 after = database.write([&](QSqlDatabase &tx) {
            return ChangeFeed::touchAudience(tx, Audience::priceType(idText(m_retail)));
        });
        // The price type itself, then its prices.
        QCOMPARE(after, before + 3);
        QCOMPARE(pullAll(database, before, 1, {}, true),
                 (QStringList {QStringLiteral("price_type ") + idText(m_retail),
                               QStringLiteral("price ") + priceFeedId(idOf(1), m_retail),
                               QStringLiteral("price ") + priceFeedId(idOf(2), m_retail)}));
    }

    void aBatchWhoseSeqsWereTakenByAnotherAppendIsRefused()
    {
        // On SQLite a row is written with the seq its batch's append will give it; an append of
        // another batch in between would hand that seq out twice.
        Database &database = m_db->database();
        if (database.isPostgres())
            QSKIP("PostgreSQL stamps the rows at the append");
        QVERIFY_THROWS_EXCEPTION(StorageError, database.write([&](QSqlDatabase &tx) {
            FeedBatch first;
            CatalogRepository(tx).upsertPrices({priceOf(1, m_retail, 100)}, first);
            FeedBatch second;
            second.upsert(QStringLiteral("note"), QStringLiteral("a"), Audience::everyone(),
                          QByteArray("{}"));
            second.append(tx);
            first.append(tx);
        }));
        QCOMPARE(head(), m_start);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM prices")), 0);
    }

    void noStockChangeIsSkippedWhenCommitsComeOutOfOrder()
    {
        // Writers rewrite stock rows they share and a row of their own in overlapping
        // transactions; a reader following the feed in small pages ends with every row as stored.
        Database &database = m_db->database();
        constexpr int Writers = 4;
        constexpr int Shared = 12;
        const auto deadline = std::chrono::steady_clock::now() + 3s;
        std::atomic<bool> done {false};
        std::atomic<int> committed {0};
        std::mutex mutex;
        QStringList failures;
        const auto writer = [&](int w) {
            std::mt19937 random(static_cast<unsigned>(100 + w));
            try {
                for (int t = 0; t < 80 && std::chrono::steady_clock::now() < deadline; ++t) {
                    QList<int> products {1000 + w * 100 + t};
                    for (auto k = random() % 3; k > 0; --k)
                        products << static_cast<int>(random() % Shared);
                    std::sort(products.begin(), products.end());
                    products.erase(std::unique(products.begin(), products.end()), products.end());
                    database.write([&](QSqlDatabase &tx) {
                        FeedBatch feed;
                        CatalogRepository catalog(tx);
                        for (const int product : products) {
                            catalog.upsertStock({stockOf(product, m_main, 1000 * (w + 1) + t)}, feed);
                            std::this_thread::sleep_for(std::chrono::microseconds(random() % 2000));
                        }
                        feed.append(tx);
                        if (random() % 3 == 0)
                            std::this_thread::sleep_for(std::chrono::microseconds(random() % 3000));
                    });
                    ++committed;
                }
            } catch (const std::exception &e) {
                const std::lock_guard lock(mutex);
                failures << QString::fromUtf8(e.what());
            }
            database.releaseThreadConnection();
        };
        QHash<QString, QByteArray> replica;
        QStringList problems;
        std::thread reader([&] {
            std::mt19937 random(7);
            qint64 cursor = m_start;
            for (bool last = false; !last;) {
                last = done.load();
                for (bool more = true; more;) {
                    const int limit = 1 + static_cast<int>(random() % 4);
                    const auto page = database.read([&](QSqlDatabase &tx) {
                        return ChangeFeed::pull(tx, cursor, limit, {Audience::everyone()}, false);
                    });
                    for (const Change &change : page.changes) {
                        if (change.seq <= cursor)
                            problems << QStringLiteral("seq %1 after %2").arg(change.seq).arg(cursor);
                        cursor = change.seq;
                        replica.insert(change.entityId, change.payload);
                    }
                    cursor = page.nextCursor;
                    more = page.hasMore;
                }
                std::this_thread::sleep_for(std::chrono::microseconds(random() % 1500));
            }
            database.releaseThreadConnection();
        });
        std::vector<std::thread> writers;
        for (int w = 0; w < Writers; ++w)
            writers.emplace_back(writer, w);
        for (auto &thread : writers)
            thread.join();
        done = true;
        reader.join();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 10).join(QLatin1Char('\n'))));
        QVERIFY(committed > Writers * 5);
        QList<Change> stored;
        pullAll(database, m_start, 1000, {}, true, &stored);
        QCOMPARE(replica.size(), stored.size());
        for (const Change &change : stored)
            QCOMPARE(replica.value(change.entityId), change.payload);
        QCOMPARE(qsizetype {scalar(QStringLiteral("SELECT COUNT(*) FROM stock"))}, stored.size());
    }

private:
    qint64 head()
    {
        return m_db->database().read([](QSqlDatabase &tx) { return ChangeFeed::head(tx); });
    }
    qint64 scalar(const QString &statement)
    {
        return m_db->database().read([&](QSqlDatabase &tx) {
            Sql query(tx, statement);
            query.exec();
            return query.next() ? query.value(0).toLongLong() : -1;
        });
    }

    std::unique_ptr<TestDatabase> m_db;
    const Id m_retail = idFrom(QStringLiteral("5a1e0000-0000-4000-8000-00000000a001"));
    const Id m_wholesale = idFrom(QStringLiteral("5a1e0000-0000-4000-8000-00000000a002"));
    const Id m_main = idFrom(QStringLiteral("5a1e0000-0000-4000-8000-00000000b001"));
    qint64 m_start = 0;
};

QTEST_GUILESS_MAIN(TestRowFeed)
#include "tst_rowfeed.moc"
