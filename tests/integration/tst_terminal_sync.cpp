// The warehouse terminal's core against a real portico-server (demo data, on the selected
// backend): pick lists made on request reach the terminal, scans made with the network down wait
// in the outbox across a restart of the terminal and count once on the server, a reply lost
// after the server committed does not count twice, and two terminals cannot both take the last
// units of a line: the second gets the conflict and the server's fresh list.

#include "demoscenario.h"
#include "faultproxy.h"
#include "sync/outbox.h"
#include "testclient.h"
#include "testdatabase.h"
#include "testserver.h"
#include "warehouse/picking.h"
#include "warehouse/picklistrequest.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace portico;
using namespace portico::client;
using portico::test::FaultProxy;
using portico::test::TestClient;
using portico::test::TestDatabase;
using portico::test::TestServer;

class TestTerminalSync final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    QTemporaryDir m_profiles;

    std::unique_ptr<TestClient> terminal(const QString &name, bool throughProxy)
    {
        auto client = std::make_unique<TestClient>(throughProxy ? m_proxy->url() : m_server->url(),
                                                   m_profiles.filePath(name));
        if (!client->open())
            return nullptr;
        client->engine().setUseEvents(false);
        client->engine().setBackoff(std::chrono::milliseconds(50), std::chrono::milliseconds(200));
        client->engine().setRequestTimeout(std::chrono::milliseconds(5000));
        return client;
    }

    static QList<PickListSummary> lists(TestClient &client)
    {
        return client.cache().run([](QSqlDatabase &db) { return Picking::pickLists(db); });
    }

    static PickList pickList(TestClient &client, const QString &id)
    {
        return *client.cache().run([id](QSqlDatabase &db) { return Picking::pickList(db, id); });
    }

    // The first barcode of a line's product in the client's cache (the SKU when it has none).
    static QString codeOf(TestClient &client, const PickLine &line)
    {
        const QString barcode = client.cache().run([&](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT barcode FROM product_barcode WHERE product_id = ? LIMIT 1"));
            q.addBindValue(line.productId);
            q.exec();
            return q.next() ? q.value(0).toString() : QString();
        });
        return barcode.isEmpty() ? line.sku : barcode;
    }

    // Makes pick lists from the demo's accepted orders through the terminal's own request.
    void requestPickLists(TestClient &client)
    {
        PickListRequest request(client.cache(), client.network(), client.session());
        QSignalSpy finished(&request, &PickListRequest::finished);
        request.start(client.session().user().value(QStringLiteral("warehouse_id")).toString());
        QVERIFY(finished.wait(30000));
        const ApiError error = finished.first().at(1).value<ApiError>();
        QVERIFY2(error.ok(), qPrintable(error.toString()));
    }

    // A pick list with a line of at least `quantity` to pick, and that line.
    // A line with `quantity` still to pick that takes its product's scans: a scan goes to the
    // product's first line (in bin order) that is still short, so no earlier line of the same
    // product may be.
    static std::pair<PickList, PickLine> lineToPick(TestClient &client, qint64 quantity)
    {
        for (const PickListSummary &summary : lists(client)) {
            const PickList list = pickList(client, summary.id);
            if (list.status != QLatin1String("open") && list.status != QLatin1String("picking"))
                continue;
            for (qsizetype i = 0; i < list.lines.size(); ++i) {
                const PickLine &line = list.lines.at(i);
                const bool earlierShort = std::any_of(
                    list.lines.cbegin(), list.lines.cbegin() + i, [&line](const PickLine &other) {
                        return other.productId == line.productId && !other.complete();
                    });
                if (line.remainingMilli() >= quantity && !earlierShort)
                    return {list, line};
            }
        }
        return {};
    }

    static qint64 pickedOf(const PickList &list, const QString &lineId)
    {
        for (const PickLine &line : list.lines) {
            if (line.lineId == lineId)
                return line.pickedMilli;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ApiError>();
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        QStringList arguments {QStringLiteral("--products"), QStringLiteral("300")};
        if (TestDatabase::backend() == TestDatabase::Backend::Postgres) {
            m_db = std::make_unique<TestDatabase>();
            QVERIFY2(m_db->create(false), qPrintable(m_db->errorString()));
            arguments += m_db->serverArguments();
        }
        m_server = std::make_unique<TestServer>(arguments, QStringLiteral("demo"));
        QVERIFY2(m_server->start(60000), qPrintable(m_server->errorString()));
        m_proxy = std::make_unique<FaultProxy>(m_server->port());
        QVERIFY(m_proxy->start());
    }

    void pickListsReachTheTerminal()
    {
        auto client = terminal(QStringLiteral("lists"), false);
        QVERIFY(client);
        QVERIFY2(client->login(QStringLiteral("warehouse1"), QStringLiteral("demo")),
                 qPrintable(client->errorString()));
        QVERIFY(client->sync());
        requestPickLists(*client);
        QVERIFY(!lists(*client).isEmpty());
        // The next pull brings the same lists through the feed, bins with them.
        QVERIFY(client->sync()->ok);
        QVERIFY(!lists(*client).isEmpty());
        QVERIFY(client->count(QStringLiteral("bin_location")) > 0);
        const PickList list = pickList(*client, lists(*client).first().id);
        QVERIFY(!list.lines.isEmpty());
        for (int i = 1; i < list.lines.size(); ++i)
            QVERIFY(list.lines.at(i - 1).bin <= list.lines.at(i).bin);
    }

    void offlineScansUploadOnceAfterARestart()
    {
        const QString dir = QStringLiteral("offline");
        QString listId;
        QString lineId;
        qint64 before = 0;
        {
            auto client = terminal(dir, true);
            QVERIFY(client);
            QVERIFY(client->login(QStringLiteral("warehouse1"), QStringLiteral("demo")));
            QVERIFY(client->sync()->ok);
            const auto [list, line] = lineToPick(*client, 3000);
            QVERIFY2(!list.id.isEmpty(), "no line with three to pick");
            listId = list.id;
            lineId = line.lineId;
            before = line.pickedMilli;
            // The network goes: three scans, counted at once on the terminal.
            m_proxy->setRefuseConnections(true);
            m_proxy->resetConnections();
            const QString code = codeOf(*client, line);
            for (int i = 0; i < 3; ++i) {
                const ScanResult result = client->cache().run([&](QSqlDatabase &db) {
                    return Picking::scan(db, listId, code, 1000, QDateTime::currentDateTimeUtc());
                });
                QCOMPARE(result.outcome, ScanResult::Outcome::Picked);
            }
            QCOMPARE(pickedOf(pickList(*client, listId), lineId), before + 3000);
            const auto failed = client->sync(20000);
            QVERIFY(failed && !failed->ok);
            QCOMPARE(client->count(QStringLiteral("outbox"), QStringLiteral("state = 'pending'")), 3);
        }
        // The terminal starts again; the network is back, but the first answer is lost after
        // the server committed the scan: the retry must not count it twice.
        m_proxy->setRefuseConnections(false);
        m_proxy->setDropReplyProbability(1.0,
                                         QStringLiteral("/api/v1/warehouse/pick-lists/%1/scans").arg(listId));
        auto client = terminal(dir, true);
        QVERIFY(client);
        QCOMPARE(pickedOf(pickList(*client, listId), lineId), before + 3000);
        QVERIFY(client->login(QStringLiteral("warehouse1"), QStringLiteral("demo")));
        const auto lost = client->sync(30000);
        QVERIFY(lost && !lost->ok);
        QVERIFY(m_proxy->counters().responsesDropped >= 1);
        m_proxy->clearFaults();
        QVERIFY(portico::test::syncUntilOutboxEmpty(*client, 60000) > 0);
        QCOMPARE(client->count(QStringLiteral("outbox")), 0);
        QCOMPARE(client->count(QStringLiteral("pick_pending")), 0);
        QCOMPARE(pickedOf(pickList(*client, listId), lineId), before + 3000);

        // Another terminal reads the server's state through the feed: three, once each.
        auto other = terminal(QStringLiteral("reader"), false);
        QVERIFY(other);
        QVERIFY(other->login(QStringLiteral("warehouse1"), QStringLiteral("demo")));
        QVERIFY(other->sync()->ok);
        QCOMPARE(pickedOf(pickList(*other, listId), lineId), before + 3000);
    }

    void secondTerminalGetsTheConflictAndAFreshList()
    {
        auto first = terminal(QStringLiteral("first"), false);
        auto second = terminal(QStringLiteral("second"), false);
        for (TestClient *client : {first.get(), second.get()}) {
            QVERIFY(client);
            QVERIFY(client->login(QStringLiteral("warehouse1"), QStringLiteral("demo")));
            QVERIFY(client->sync()->ok);
        }
        const auto [list, line] = lineToPick(*first, 1000);
        QVERIFY(!list.id.isEmpty());
        const qint64 remaining = line.remainingMilli();
        // Both see the same line still to pick; both take all that remains.
        for (TestClient *client : {first.get(), second.get()}) {
            const QString code = codeOf(*client, line);
            const ScanResult result = client->cache().run([&](QSqlDatabase &db) {
                return Picking::scan(db, list.id, code, remaining, QDateTime::currentDateTimeUtc());
            });
            QCOMPARE(result.outcome, ScanResult::Outcome::Picked);
        }
        const auto firstSummary = first->sync();
        QVERIFY(firstSummary && firstSummary->ok);
        QCOMPARE(firstSummary->setAside, 0);
        const auto secondSummary = second->sync();
        QVERIFY(secondSummary);
        QCOMPARE(secondSummary->setAside, 1);
        const PickList fresh = pickList(*second, list.id);
        QVERIFY2(fresh.conflict.startsWith(QLatin1String("over_pick:"))
                     || fresh.conflict.startsWith(QLatin1String("stock_conflict:")),
                 qPrintable(fresh.conflict));
        // The fresh view: the first terminal's pick, and nothing pending of the refused one.
        QCOMPARE(pickedOf(fresh, line.lineId), line.pickedMilli + remaining);
        QCOMPARE(second->count(QStringLiteral("pick_pending")), 0);
        QCOMPARE(second->count(QStringLiteral("outbox"), QStringLiteral("state = 'failed'")), 1);
    }
};

QTEST_GUILESS_MAIN(TestTerminalSync)
#include "tst_terminal_sync.moc"
