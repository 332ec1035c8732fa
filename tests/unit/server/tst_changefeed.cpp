#include "storage/changefeed.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

using namespace portico::server;
using portico::test::TestDatabase;
using namespace std::chrono_literals;

namespace {

Change change(const QString &id, const QString &audience, const QByteArray &payload,
              const QString &entity = QStringLiteral("product"))
{
    Change c;
    c.entity = entity;
    c.entityId = id;
    c.audience = audience;
    c.payload = payload;
    return c;
}

Change tombstone(const QString &id, const QString &audience,
                 const QString &entity = QStringLiteral("product"))
{
    Change c = change(id, audience, {}, entity);
    c.deleted = true;
    return c;
}

qint64 append(Database &database, const QList<Change> &changes)
{
    return database.write([&](QSqlDatabase &tx) { return ChangeFeed::append(tx, changes); });
}

ChangeFeed::Page pull(Database &database, qint64 cursor, int limit, const QStringList &audiences = {},
                      bool everything = true)
{
    return database.read(
        [&](QSqlDatabase &tx) { return ChangeFeed::pull(tx, cursor, limit, audiences, everything); });
}

QStringList ids(const ChangeFeed::Page &page)
{
    QStringList result;
    for (const auto &c : page.changes)
        result << c.entityId;
    return result;
}

// What a client holds after pulling: each row's latest payload, or a tombstone (empty).
struct Replica
{
    QHash<QString, QByteArray> rows;
    QHash<QString, bool> deleted;
    QStringList problems;
};

// The row payload the concurrent writers store: {"id": ..., "version": n}.
QByteArray itemPayload(const QString &id, qint64 version)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("version"), version}})
        .toJson(QJsonDocument::Compact);
}

qint64 versionOf(const QByteArray &payload)
{
    return QJsonDocument::fromJson(payload).object().value(QStringLiteral("version")).toInteger(-1);
}

// Pulls from cursor 0 in small random pages until `done` is set and the feed is drained.
Replica follow(Database &database, const std::atomic<bool> &done, const QStringList &audiences,
               bool everything, unsigned seed)
{
    Replica replica;
    std::mt19937 random(seed);
    qint64 cursor = 0;
    for (;;) {
        const bool finalPass = done.load();
        bool drained = false;
        while (!drained) {
            const int limit = 1 + static_cast<int>(random() % 4);
            const auto page = pull(database, cursor, limit, audiences, everything);
            qint64 last = cursor;
            for (const auto &c : page.changes) {
                if (c.seq <= last)
                    replica.problems << QStringLiteral("seq %1 after %2").arg(c.seq).arg(last);
                last = c.seq;
                const qint64 previous
                    = replica.rows.contains(c.entityId) ? versionOf(replica.rows.value(c.entityId)) : 0;
                if (!c.deleted && versionOf(c.payload) <= previous)
                    replica.problems
                        << QStringLiteral("%1 went back from version %2").arg(c.entityId).arg(previous);
                replica.deleted.insert(c.entityId, c.deleted);
                if (!c.deleted)
                    replica.rows.insert(c.entityId, c.payload);
            }
            const bool consistent = page.hasMore
                ? page.changes.size() == limit && page.nextCursor == last && last < page.head
                : page.nextCursor == page.head && page.changes.size() <= limit;
            if (!consistent)
                replica.problems << QStringLiteral("page after %1: next cursor %2, head %3, has_more %4")
                                        .arg(cursor)
                                        .arg(page.nextCursor)
                                        .arg(page.head)
                                        .arg(page.hasMore);
            cursor = page.nextCursor;
            drained = !page.hasMore;
        }
        if (finalPass)
            break;
        std::this_thread::sleep_for(std::chrono::microseconds(random() % 1500));
    }
    database.releaseThreadConnection();
    return replica;
}

} // namespace

// The change feed on the backend PORTICO_TEST_BACKEND selects.
class TestChangeFeed final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->create(), qPrintable(m_db->errorString()));
    }

    void cleanup() { m_db.reset(); }

    // A row's JSON comes back byte for byte: escapes, non-ASCII text, numbers as written.
    void payloadsComeBackAsWritten()
    {
        Database &database = m_db->database();
        const QByteArray object = QByteArray("{\"name\":\"Болт \\\"М8\\\" \\\\ ё\",\"price\":\"12.50\",")
            + QByteArray("\"qty\":1.50,\"tags\":[],\"nested\":{\"a\":null,\"b\":true}}");
        append(database,
               {change(QStringLiteral("p1"), Audience::everyone(), object),
                change(QStringLiteral("p2"), Audience::everyone(), "not json")});
        const auto page = pull(database, 0, 100);
        QCOMPARE(page.changes.size(), 2);
        QCOMPARE(page.changes.at(0).payload, object);
        QCOMPARE(page.changes.at(1).payload, QByteArray("not json"));
    }

    void appendKeepsTheLatestVersionOnly()
    {
        Database &database = m_db->database();
        QCOMPARE(append(database,
                        {change(QStringLiteral("p1"), Audience::everyone(), "v1"),
                         change(QStringLiteral("p2"), Audience::everyone(), "v1")}),
                 qint64 {2});
        QCOMPARE(append(database, {change(QStringLiteral("p1"), Audience::everyone(), "v2")}), qint64 {3});
        // The same id under another entity is another row.
        QCOMPARE(
            append(database,
                   {change(QStringLiteral("p1"), Audience::everyone(), "c1", QStringLiteral("customer"))}),
            qint64 {4});

        const auto page = pull(database, 0, 100);
        QCOMPARE(page.changes.size(), 3);
        QCOMPARE(page.changes.at(0).entityId, QStringLiteral("p2"));
        QCOMPARE(page.changes.at(0).seq, qint64 {2});
        QCOMPARE(page.changes.at(1).entity, QStringLiteral("product"));
        QCOMPARE(page.changes.at(1).payload, QByteArray("v2"));
        QCOMPARE(page.changes.at(1).seq, qint64 {3});
        QCOMPARE(page.changes.at(2).entity, QStringLiteral("customer"));
        QCOMPARE(page.changes.at(2).payload, QByteArray("c1"));
        QCOMPARE(page.nextCursor, qint64 {4});
        QCOMPARE(page.head, qint64 {4});
        QVERIFY(!page.hasMore);
        QCOMPARE(database.read([](QSqlDatabase &tx) { return ChangeFeed::head(tx); }), qint64 {4});
    }

    void repeatedKeysInOneBatchKeepTheLast()
    {
        Database &database = m_db->database();
        QCOMPARE(append(database,
                        {change(QStringLiteral("p1"), Audience::everyone(), "v1"),
                         change(QStringLiteral("p2"), Audience::everyone(), "v1"),
                         tombstone(QStringLiteral("p3"), Audience::everyone()),
                         change(QStringLiteral("p1"), Audience::everyone(), "v2"),
                         change(QStringLiteral("p3"), Audience::role(QStringLiteral("manager")), "v2"),
                         tombstone(QStringLiteral("p2"), Audience::everyone())}),
                 qint64 {6});
        const auto page = pull(database, 0, 100);
        QCOMPARE(ids(page), (QStringList {QStringLiteral("p1"), QStringLiteral("p3"), QStringLiteral("p2")}));
        QCOMPARE(page.changes.at(0).seq, qint64 {4});
        QCOMPARE(page.changes.at(0).payload, QByteArray("v2"));
        QCOMPARE(page.changes.at(1).seq, qint64 {5});
        QVERIFY(!page.changes.at(1).deleted);
        QCOMPARE(page.changes.at(1).payload, QByteArray("v2"));
        QCOMPARE(page.changes.at(2).seq, qint64 {6});
        QVERIFY(page.changes.at(2).deleted);
        QCOMPARE(page.head, qint64 {6});
        // The audience is the last version's too.
        QCOMPARE(pull(database, 0, 100, {Audience::everyone()}, false).changes.size(), 2);
    }

    // Batches of every size around the statements' row counts (up to 150 rows a statement),
    // with keys repeated across those statements: one row per key, at its last seq.
    void largeBatchesWithRepeatedKeys_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("keys");
        QTest::newRow("1") << 1 << 1;
        QTest::newRow("149 distinct") << 149 << 149;
        QTest::newRow("150 distinct") << 150 << 150;
        QTest::newRow("151 distinct") << 151 << 151;
        QTest::newRow("1000 over 317 keys") << 1000 << 317;
        QTest::newRow("5000 distinct") << 5000 << 5000;
    }

    void largeBatchesWithRepeatedKeys()
    {
        QFETCH(int, count);
        QFETCH(int, keys);
        Database &database = m_db->database();
        append(database, {change(QStringLiteral("k0"), Audience::everyone(), "before")});
        QList<Change> batch;
        for (int i = 0; i < count; ++i)
            batch << change(QStringLiteral("k%1").arg(i % keys), Audience::everyone(), QByteArray::number(i));
        QCOMPARE(append(database, batch), qint64 {1 + count});

        const auto page = pull(database, 0, count + 10);
        QCOMPARE(page.changes.size(), keys);
        QHash<QString, qint64> seqOf;
        for (const auto &c : page.changes) {
            QVERIFY2(!seqOf.contains(c.entityId), qPrintable(c.entityId));
            seqOf.insert(c.entityId, c.seq);
            // The last i with i % keys == key: its payload and seq 2 + i.
            const int key = c.entityId.mid(1).toInt();
            const int last = key + ((count - 1 - key) / keys) * keys;
            QCOMPARE(c.payload, QByteArray::number(last));
            QCOMPARE(c.seq, qint64 {2 + last});
        }
    }

    void appendingNothingKeepsTheHead()
    {
        Database &database = m_db->database();
        append(database, {change(QStringLiteral("p1"), Audience::everyone(), "v1")});
        QCOMPARE(append(database, {}), qint64 {1});
        QCOMPARE(pull(database, 0, 10).head, qint64 {1});
    }

    void deletesAreTombstones()
    {
        Database &database = m_db->database();
        append(database,
               {change(QStringLiteral("p1"), Audience::everyone(), "v1"),
                change(QStringLiteral("p2"), Audience::everyone(), "v1")});
        const qint64 cursor = pull(database, 0, 10).nextCursor;
        append(database, {tombstone(QStringLiteral("p1"), Audience::everyone())});

        const auto update = pull(database, cursor, 10);
        QCOMPARE(ids(update), QStringList {QStringLiteral("p1")});
        QVERIFY(update.changes.at(0).deleted);
        QVERIFY(update.changes.at(0).payload.isEmpty());

        // An initial sync gets the tombstone too (the row may exist in an older local cache).
        const auto initial = pull(database, 0, 10);
        QCOMPARE(ids(initial), (QStringList {QStringLiteral("p2"), QStringLiteral("p1")}));
        QVERIFY(!initial.changes.at(0).deleted);
        QVERIFY(initial.changes.at(1).deleted);

        // A row that comes back is an ordinary change again.
        append(database, {change(QStringLiteral("p1"), Audience::everyone(), "v3")});
        const auto revived = pull(database, update.nextCursor, 10);
        QCOMPARE(ids(revived), QStringList {QStringLiteral("p1")});
        QVERIFY(!revived.changes.at(0).deleted);
        QCOMPARE(revived.changes.at(0).payload, QByteArray("v3"));
    }

    void pagesHonourTheLimit_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QList<int>>("pages");
        QTest::newRow("10 by 3") << 10 << 3 << QList<int> {3, 3, 3, 1};
        QTest::newRow("9 by 3") << 9 << 3 << QList<int> {3, 3, 3};
        QTest::newRow("1 by 1") << 1 << 1 << QList<int> {1};
        QTest::newRow("5 by 100") << 5 << 100 << QList<int> {5};
    }

    void pagesHonourTheLimit()
    {
        QFETCH(int, rows);
        QFETCH(int, limit);
        QFETCH(QList<int>, pages);
        Database &database = m_db->database();
        QList<Change> changes;
        for (int i = 0; i < rows; ++i)
            changes << change(QStringLiteral("p%1").arg(i), Audience::everyone(), "x");
        const qint64 head = append(database, changes);

        qint64 cursor = 0;
        QStringList seen;
        for (qsizetype i = 0; i < pages.size(); ++i) {
            const auto page = pull(database, cursor, limit);
            QCOMPARE(page.changes.size(), pages.at(i));
            const bool last = i == pages.size() - 1;
            QCOMPARE(page.hasMore, !last);
            QCOMPARE(page.nextCursor, last ? head : page.changes.last().seq);
            QVERIFY(page.changes.first().seq > cursor);
            seen += ids(page);
            cursor = page.nextCursor;
        }
        QCOMPARE(seen.size(), rows);
        QCOMPARE(pull(database, cursor, limit).changes.size(), 0);
    }

    // A page also ends once its payloads reach the byte budget (never empty): 100-byte rows
    // under a 250-byte budget come three to a page, a row beyond the budget alone, and the
    // default budget cuts rows of 1.5 MiB after the third.
    void pagesEndAtTheirByteBudget()
    {
        Database &database = m_db->database();
        QList<Change> changes;
        for (int i = 0; i < 7; ++i)
            changes << change(QStringLiteral("p%1").arg(i), Audience::everyone(), QByteArray(100, 'x'));
        changes << change(QStringLiteral("big"), Audience::everyone(), QByteArray(1000, 'y'));
        changes << change(QStringLiteral("last"), Audience::everyone(), QByteArray(10, 'z'));
        const qint64 head = append(database, changes);
        QList<qsizetype> sizes;
        QStringList seen;
        qint64 cursor = 0;
        for (bool more = true; more;) {
            const auto page = database.read(
                [&](QSqlDatabase &tx) { return ChangeFeed::pull(tx, cursor, 100, {}, true, 250); });
            QVERIFY(!page.changes.isEmpty());
            QCOMPARE(page.nextCursor, page.hasMore ? page.changes.last().seq : head);
            sizes << page.changes.size();
            seen += ids(page);
            cursor = page.nextCursor;
            more = page.hasMore;
        }
        QCOMPARE(sizes, (QList<qsizetype> {3, 3, 2, 1}));
        QCOMPARE(seen.size(), changes.size());
        QCOMPARE(seen.last(), QStringLiteral("last"));

        QList<Change> large;
        for (int i = 0; i < 5; ++i)
            large << change(QStringLiteral("l%1").arg(i), Audience::everyone(), QByteArray(1536 * 1024, 'l'));
        append(database, large);
        const auto first = pull(database, head, 1000);
        QCOMPARE(first.changes.size(), 3);
        QVERIFY(first.hasMore);
        const auto second = pull(database, first.nextCursor, 1000);
        QCOMPARE(second.changes.size(), 2);
        QVERIFY(!second.hasMore);
    }

    void pullFiltersByAudience()
    {
        Database &database = m_db->database();
        append(database,
               {
                   change(QStringLiteral("all1"), Audience::everyone(), "x"),
                   change(QStringLiteral("custA"), Audience::customer(QStringLiteral("A")), "x"),
                   change(QStringLiteral("custB"), Audience::customer(QStringLiteral("B")), "x"),
                   change(QStringLiteral("priceP"), Audience::priceType(QStringLiteral("P")), "x"),
                   change(QStringLiteral("priceQ"), Audience::priceType(QStringLiteral("Q")), "x"),
                   change(QStringLiteral("userU"), Audience::user(QStringLiteral("U")), "x"),
                   change(QStringLiteral("roleM"), Audience::role(QStringLiteral("manager")), "x"),
                   change(QStringLiteral("all2"), Audience::everyone(), "x"),
               });
        const QStringList buyerOfA {Audience::everyone(), Audience::customer(QStringLiteral("A")),
                                    Audience::priceType(QStringLiteral("P")),
                                    Audience::user(QStringLiteral("U"))};
        const auto page = pull(database, 0, 100, buyerOfA, false);
        QCOMPARE(ids(page),
                 (QStringList {QStringLiteral("all1"), QStringLiteral("custA"), QStringLiteral("priceP"),
                               QStringLiteral("userU"), QStringLiteral("all2")}));
        QCOMPARE(page.nextCursor, qint64 {8});
        QVERIFY(!page.hasMore);

        // Paging through a filtered feed: the cursor jumps over other audiences' rows.
        qint64 cursor = 0;
        QStringList paged;
        for (int guard = 0; guard < 10; ++guard) {
            const auto part = pull(database, cursor, 2, buyerOfA, false);
            paged += ids(part);
            cursor = part.nextCursor;
            if (!part.hasMore)
                break;
        }
        QCOMPARE(paged, ids(page));
        QCOMPARE(cursor, qint64 {8});

        QCOMPARE(ids(pull(database, 0, 100, {Audience::role(QStringLiteral("manager"))}, false)),
                 QStringList {QStringLiteral("roleM")});
        QCOMPARE(pull(database, 0, 100, {}, true).changes.size(), 8);

        // No audience at all: nothing, but the cursor still moves to the head.
        const auto none = pull(database, 0, 100, {}, false);
        QVERIFY(none.changes.isEmpty());
        QCOMPARE(none.nextCursor, qint64 {8});
        QVERIFY(!none.hasMore);
    }

    void cursorAtTheHeadGivesAnEmptyPage()
    {
        Database &database = m_db->database();
        const auto empty = pull(database, 0, 10);
        QVERIFY(empty.changes.isEmpty());
        QCOMPARE(empty.nextCursor, qint64 {0});
        QCOMPARE(empty.head, qint64 {0});
        QVERIFY(!empty.hasMore);

        const qint64 head = append(database,
                                   {change(QStringLiteral("p1"), Audience::everyone(), "x"),
                                    change(QStringLiteral("p2"), Audience::everyone(), "x")});
        const auto atHead = pull(database, head, 10);
        QVERIFY(atHead.changes.isEmpty());
        QCOMPARE(atHead.nextCursor, head);
        QCOMPARE(atHead.head, head);
        QVERIFY(!atHead.hasMore);
    }

    void touchAudienceResequences()
    {
        Database &database = m_db->database();
        const QString a = Audience::customer(QStringLiteral("A"));
        append(database,
               {change(QStringLiteral("a1"), a, "x"),
                change(QStringLiteral("all1"), Audience::everyone(), "x"),
                change(QStringLiteral("a2"), a, "x")});
        const qint64 cursor = pull(database, 0, 100).nextCursor;
        QCOMPARE(cursor, qint64 {3});

        const qint64 head
            = database.write([&](QSqlDatabase &tx) { return ChangeFeed::touchAudience(tx, a); });
        QCOMPARE(head, qint64 {5});
        const auto page = pull(database, cursor, 100);
        QCOMPARE(ids(page), (QStringList {QStringLiteral("a1"), QStringLiteral("a2")}));
        QCOMPARE(page.changes.at(0).seq, qint64 {4});
        QCOMPARE(page.changes.at(1).seq, qint64 {5});
        QCOMPARE(page.changes.at(0).payload, QByteArray("x"));
        // Still one row each: an initial sync reads them once.
        QCOMPARE(pull(database, 0, 100).changes.size(), 3);

        // An audience without rows moves nothing.
        QCOMPARE(database.write([](QSqlDatabase &tx) {
            return ChangeFeed::touchAudience(tx, Audience::customer(QStringLiteral("nobody")));
        }),
                 qint64 {5});

        // A null audience touches every row.
        QCOMPARE(database.write([](QSqlDatabase &tx) { return ChangeFeed::touchAudience(tx, QString()); }),
                 qint64 {8});
        QCOMPARE(ids(pull(database, 5, 100)),
                 (QStringList {QStringLiteral("all1"), QStringLiteral("a1"), QStringLiteral("a2")}));
    }

    // Writers allocate sequence numbers at the end of transactions that run concurrently and
    // commit in any order, some holding their numbers a while before committing; readers pull
    // in small pages all along. No reader may ever move its cursor past a change that is not
    // yet visible, so each ends up with exactly the table's final state.
    void noChangeIsSkippedWhenCommitsComeOutOfOrder()
    {
        Database &database = m_db->database();
        execSql(database.connection(),
                QStringLiteral("CREATE TABLE items (id TEXT PRIMARY KEY, version BIGINT NOT NULL, "
                               "deleted INTEGER NOT NULL)"));

        constexpr int Writers = 6;
        constexpr int TransactionsEach = 120;
        constexpr int SharedItems = 24;
        const auto deadline = std::chrono::steady_clock::now() + 4s;
        const QString own = QStringLiteral("customer:");
        std::atomic<bool> writersDone {false};
        std::atomic<qint64> appended {0};
        std::atomic<int> committed {0};
        std::mutex mutex;
        QStringList failures;

        const auto writer = [&](int w) {
            std::mt19937 random(static_cast<unsigned>(1000 + w));
            const auto pause = [&](int maxMs) {
                std::this_thread::sleep_for(
                    std::chrono::microseconds(random() % static_cast<unsigned>(maxMs * 1000)));
            };
            try {
                for (int t = 0; t < TransactionsEach && std::chrono::steady_clock::now() < deadline; ++t) {
                    // One row only this transaction writes (a skip of it could never be masked by a
                    // later version) and up to two rows every writer fights over, locked in order.
                    QStringList rows {QStringLiteral("w%1-%2").arg(w).arg(t)};
                    for (auto k = random() % 3; k > 0; --k)
                        rows << QStringLiteral("s%1").arg(random() % SharedItems, 2, 10, QLatin1Char('0'));
                    std::sort(rows.begin(), rows.end());
                    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
                    const bool holdAfterAppend = random() % 3 == 0;
                    database.write([&](QSqlDatabase &tx) {
                        QList<Change> changes;
                        for (const auto &id : rows) {
                            const bool shared = id.startsWith(QLatin1Char('s'));
                            const bool deleted = shared && random() % 5 == 0;
                            Sql upsert(
                                tx,
                                QStringLiteral("INSERT INTO items (id, version, deleted) VALUES (:id, 1, :d) "
                                               "ON CONFLICT (id) DO UPDATE SET version = items.version + 1, "
                                               "deleted = excluded.deleted RETURNING version"));
                            upsert.bind(QStringLiteral(":id"), id)
                                .bind(QStringLiteral(":d"), deleted ? 1 : 0)
                                .exec();
                            if (!upsert.next())
                                throw StorageError(QStringLiteral("upsert returned no version"));
                            const qint64 version = upsert.value(0).toLongLong();
                            const QString audience = shared ? Audience::everyone() : own + QString::number(w);
                            changes << (deleted ? tombstone(id, audience, QStringLiteral("item"))
                                                : change(id, audience, itemPayload(id, version),
                                                         QStringLiteral("item")));
                            pause(3);
                        }
                        ChangeFeed::append(tx, changes);
                        if (holdAfterAppend)
                            pause(4);
                    });
                    appended += rows.size();
                    ++committed;
                }
            } catch (const std::exception &e) {
                const std::lock_guard lock(mutex);
                failures << QStringLiteral("writer %1: %2").arg(w).arg(QString::fromUtf8(e.what()));
            }
            database.releaseThreadConnection();
        };

        Replica everything;
        Replica sharedOnly;
        std::thread readerAll([&] { everything = follow(database, writersDone, {}, true, 7); });
        std::thread readerShared(
            [&] { sharedOnly = follow(database, writersDone, {Audience::everyone()}, false, 11); });
        std::vector<std::thread> writers;
        for (int w = 0; w < Writers; ++w)
            writers.emplace_back(writer, w);
        for (auto &thread : writers)
            thread.join();
        writersDone = true;
        readerAll.join();
        readerShared.join();

        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QVERIFY2(everything.problems.isEmpty(), qPrintable(everything.problems.join(QLatin1Char('\n'))));
        QVERIFY2(sharedOnly.problems.isEmpty(), qPrintable(sharedOnly.problems.join(QLatin1Char('\n'))));
        QVERIFY(committed > Writers * 10);
        qInfo("%d transactions, %lld changes", committed.load(), static_cast<long long>(appended.load()));
        QCOMPARE(pull(database, 0, 1).head, appended.load());

        // Every row's final version (or its tombstone) reached each reader that may see it.
        const auto table = database.read([](QSqlDatabase &tx) {
            QHash<QString, std::pair<qint64, bool>> rows;
            Sql query(tx, QStringLiteral("SELECT id, version, deleted FROM items"));
            query.exec();
            while (query.next())
                rows.insert(query.value(0).toString(),
                            {query.value(1).toLongLong(), query.value(2).toInt() != 0});
            return rows;
        });
        QStringList mismatches;
        const auto check = [&](const Replica &replica, const QString &reader, const QString &id,
                               qint64 version, bool deleted) {
            if (!replica.deleted.contains(id))
                mismatches << QStringLiteral("%1: %2 never arrived").arg(reader, id);
            else if (replica.deleted.value(id) != deleted)
                mismatches << QStringLiteral("%1: %2 %3")
                                  .arg(reader, id,
                                       deleted ? QStringLiteral("is no tombstone")
                                               : QStringLiteral("is a tombstone"));
            else if (!deleted && versionOf(replica.rows.value(id)) != version)
                mismatches << QStringLiteral("%1: %2 at version %3, not %4")
                                  .arg(reader, id)
                                  .arg(versionOf(replica.rows.value(id)))
                                  .arg(version);
        };
        qsizetype sharedRows = 0;
        for (auto it = table.cbegin(); it != table.cend(); ++it) {
            const auto [version, deleted] = it.value();
            check(everything, QStringLiteral("reader of everything"), it.key(), version, deleted);
            if (it.key().startsWith(QLatin1Char('s'))) {
                ++sharedRows;
                check(sharedOnly, QStringLiteral("reader of \"all\""), it.key(), version, deleted);
            }
        }
        QVERIFY2(mismatches.isEmpty(),
                 qPrintable(QStringLiteral("%1 mismatches, first: ").arg(mismatches.size())
                            + mismatches.mid(0, 10).join(QStringLiteral("; "))));
        QCOMPARE(everything.deleted.size(), table.size());
        QCOMPARE(sharedOnly.deleted.size(), sharedRows);
        QCOMPARE(table.size() - sharedRows, qsizetype {committed.load()});
    }

private:
    std::unique_ptr<TestDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestChangeFeed)
#include "tst_changefeed.moc"
