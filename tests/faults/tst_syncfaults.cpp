#include "demoscenario.h"
#include "faultproxy.h"
#include "sync/outbox.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

using namespace portico;
using namespace portico::client;
using namespace portico::test;

// The client core through a fault-injecting proxy in front of a real demo server: replies lost
// after commit, a server killed and restarted under load, a permanently invalid order, a session
// lost while offline, and an initial sync cut at random offsets. Orders are counted on the server
// afterwards: none lost, none doubled.
class TestSyncFaults final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FaultProxy> m_proxy;

    std::unique_ptr<TestClient> signedInClient(const QString &login = QStringLiteral("rep1"))
    {
        auto client = std::make_unique<TestClient>(m_proxy->url());
        if (!client->open() || !client->login(login, DemoPassword))
            return nullptr;
        client->engine().setBackoff(std::chrono::milliseconds(20), std::chrono::milliseconds(200));
        client->engine().setRequestTimeout(std::chrono::seconds(5));
        return client;
    }

    static QString tag(const char *name)
    {
        return QStringLiteral("%1-%2-").arg(QLatin1String(name),
                                            QUuid::createUuid().toString(QUuid::WithoutBraces).left(8));
    }

    void verifyExactlyOnce(TestClient &client, const QList<Id> &ids, const QString &tag)
    {
        const QHash<QString, int> counts = serverOrdersByComment(m_server->port(), tag);
        QCOMPARE(counts.size(), ids.size()); // none lost
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            QVERIFY2(it.value() == 1,
                     qPrintable(it.key() + QStringLiteral(" stored %1 times").arg(it.value())));
        QCOMPARE(client.count(QStringLiteral("outbox"), QStringLiteral("state = 'pending'")), 0);
        for (const Id &id : ids) {
            const auto order
                = client.cache().run([id](QSqlDatabase &db) { return LocalOrders::find(db, id); });
            QVERIFY(order);
            QCOMPARE(order->localState, LocalOrder::LocalState::Uploaded);
            QVERIFY(!order->outcome.isEmpty());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList {QStringLiteral("--products"), QStringLiteral("2000")}, QStringLiteral("demo"));
        QVERIFY2(m_server->start(120000), qPrintable(m_server->errorString()));
        m_proxy = std::make_unique<FaultProxy>(m_server->port());
        QVERIFY(m_proxy->start());
        m_proxy->setSeed(20261129);
    }

    void cleanupTestCase()
    {
        m_proxy.reset();
        if (m_server)
            m_server->terminate();
    }

    void init()
    {
        m_proxy->clearFaults();
        m_proxy->setUpstreamPort(m_server->port());
    }

    void repliesDroppedAfterCommit()
    {
        auto client = signedInClient();
        QVERIFY(client);
        QVERIFY(client->sync()->ok);
        const QString orders = tag("dropped");
        const QList<Id> ids = queueOrders(*client, 300, orders);
        QCOMPARE(ids.size(), 300);
        m_proxy->resetCounters();
        m_proxy->setDropReplyProbability(0.3, QStringLiteral("/api/v1/orders"));
        const int cycles = syncUntilOutboxEmpty(*client, 120000);
        m_proxy->clearFaults();
        const auto counters = m_proxy->counters();
        qInfo("300 uploads: %lld replies dropped after commit, %d sync cycles", counters.responsesDropped,
              cycles);
        QVERIFY(counters.responsesDropped >= 60);
        QVERIFY(client->sync()->ok);
        verifyExactlyOnce(*client, ids, orders);
    }

    void serverKilledAndRestartedDuringUploads()
    {
        auto client = signedInClient();
        QVERIFY(client);
        QVERIFY(client->sync()->ok);
        const QString orders = tag("killed");
        const QList<Id> ids = queueOrders(*client, 200, orders);
        QCOMPARE(ids.size(), 200);

        // Kill the server with SIGKILL at random moments while the client uploads, and start it
        // again on the same data.
        QRandomGenerator random(7);
        int kills = 0;
        QTimer killer;
        killer.setSingleShot(true);
        connect(&killer, &QTimer::timeout, this, [&] {
            m_server->kill();
            ++kills;
            if (m_server->start(60000))
                m_proxy->setUpstreamPort(m_server->port());
            if (kills < 5)
                killer.start(random.bounded(50, 400));
        });
        killer.start(random.bounded(20, 200));
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 180000) {
            const auto summary = client->sync(30000);
            if (kills >= 5 && !killer.isActive() && summary && summary->ok && summary->pending == 0)
                break;
        }
        killer.stop();
        qInfo("200 uploads: server killed %d times", kills);
        QVERIFY(kills >= 1);
        QVERIFY(client->sync()->ok);
        verifyExactlyOnce(*client, ids, orders);
    }

    void onePermanentlyInvalidOrderAmong200()
    {
        auto client = signedInClient();
        QVERIFY(client);
        QVERIFY(client->sync()->ok);
        const QString orders = tag("invalid");
        QList<Id> ids = queueOrders(*client, 100, orders);
        // An order naming a product the server does not know, as a tampered or corrupted upload
        // would, between the valid ones.
        const Id bad = QUuid::createUuid();
        client->cache().run([&](QSqlDatabase &db) {
            QJsonObject body = QJsonDocument::fromJson(Outbox::pending(db, 1).first().payload).object();
            body.insert(QStringLiteral("id"), bad.toString(QUuid::WithoutBraces));
            body.insert(QStringLiteral("comment"), QString(QStringLiteral("bad-") + orders));
            QJsonArray lines = body.value(QStringLiteral("lines")).toArray();
            QJsonObject line = lines.first().toObject();
            line.insert(QStringLiteral("product_id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
            lines[0] = line;
            body.insert(QStringLiteral("lines"), lines);
            QSqlQuery insert(db);
            insert.prepare(QStringLiteral("INSERT INTO orders (id, status, local_state, local_data) VALUES "
                                          "(?, 'submitted', 'queued', ?)"));
            insert.addBindValue(bad.toString(QUuid::WithoutBraces));
            insert.addBindValue(QJsonDocument(body).toJson(QJsonDocument::Compact));
            insert.exec();
            Outbox::enqueue(db, OutboxItem::Kind::SubmitOrder, bad.toString(QUuid::WithoutBraces),
                            QJsonDocument(body).toJson(QJsonDocument::Compact),
                            QDateTime::currentDateTimeUtc());
        });
        ids += queueOrders(*client, 99, orders + QStringLiteral("b"));
        QCOMPARE(ids.size(), 199);
        syncUntilOutboxEmpty(*client, 60000);

        const auto explained
            = client->cache().run([bad](QSqlDatabase &db) { return LocalOrders::find(db, bad); });
        QVERIFY(explained);
        QVERIFY(explained->order.status == OrderStatus::Rejected);
        const QJsonArray reasons = explained->outcome.value(QStringLiteral("reasons")).toArray();
        QVERIFY(!reasons.isEmpty());
        QVERIFY(!reasons.first().toObject().value(QStringLiteral("message")).toString().isEmpty());
        const QHash<QString, int> counts = serverOrdersByComment(m_server->port(), orders);
        QCOMPARE(counts.size(), 199);
        for (const Id &id : ids) {
            const auto order
                = client->cache().run([id](QSqlDatabase &db) { return LocalOrders::find(db, id); });
            QCOMPARE(order->localState, LocalOrder::LocalState::Uploaded);
            QVERIFY(order->order.status != OrderStatus::Rejected);
        }
    }

    void sessionLostWhileOffline()
    {
        auto client = signedInClient();
        QVERIFY(client);
        QVERIFY(client->sync()->ok);
        // Offline: the server is unreachable, and meanwhile the session ends on the server.
        m_proxy->setRefuseConnections(true);
        m_proxy->resetConnections();
        const QString orders = tag("offline");
        const QList<Id> ids = queueOrders(*client, 20, orders);
        QCOMPARE(ids.size(), 20);
        const auto offline = client->sync();
        QVERIFY(offline && !offline->ok);
        QCOMPARE(client->engine().state(), SyncEngine::State::Offline);
        const QString admin = demoToken(m_server->port(), QStringLiteral("admin"));
        QString rep;
        for (const auto &user : callApi(m_server->port(), "GET", "/api/v1/admin/users", {}, admin)
                                    .json.value(QStringLiteral("users"))
                                    .toArray()) {
            if (user.toObject().value(QStringLiteral("login")).toString() == QStringLiteral("rep1"))
                rep = user.toObject().value(QStringLiteral("id")).toString();
        }
        QCOMPARE(
            callApi(m_server->port(), "POST", "/api/v1/admin/users/" + rep.toLatin1() + "/revoke", {}, admin)
                .status,
            200);
        // Still offline, and the access token has run out as far as the client can tell.
        client->session().setClock([] { return QDateTime::currentDateTimeUtc().addDays(1); });
        QVERIFY(!client->sync()->ok);
        QCOMPARE(client->engine().state(), SyncEngine::State::Offline);
        QCOMPARE(client->count(QStringLiteral("outbox"), QStringLiteral("state = 'pending'")), 20);

        // Back online: the refresh is refused, the user is asked to log in, nothing is lost.
        m_proxy->setRefuseConnections(false);
        client->session().setClock([] { return QDateTime::currentDateTimeUtc(); });
        QVERIFY(!client->sync()->ok);
        QCOMPARE(client->engine().state(), SyncEngine::State::SignInRequired);
        QCOMPARE(client->count(QStringLiteral("outbox"), QStringLiteral("state = 'pending'")), 20);
        QVERIFY(client->login(QStringLiteral("rep1"), DemoPassword));
        QVERIFY(client->sync()->ok);
        verifyExactlyOnce(*client, ids, orders);
    }

    void retriesByTimerUntilTheServerReturns()
    {
        auto client = signedInClient();
        QVERIFY(client);
        QVERIFY(client->sync()->ok);
        client->engine().setBackoff(std::chrono::milliseconds(40), std::chrono::milliseconds(640));
        client->engine().setInterval(std::chrono::hours(1));
        m_proxy->setRefuseConnections(true);
        m_proxy->resetConnections();
        const QString orders = tag("retry");
        const QList<Id> ids = queueOrders(*client, 5, orders);
        QSignalSpy cycles(&client->engine(), &SyncEngine::cycleFinished);
        client->engine().start();
        // Nobody calls sync again: the retry timer does, sooner at first, then less often.
        QTRY_VERIFY_WITH_TIMEOUT(cycles.size() >= 5, 10000);
        for (int i = 0; i < 3; ++i)
            QVERIFY(!cycles.at(i).first().value<SyncSummary>().ok);
        QCOMPARE(client->engine().state(), SyncEngine::State::Offline);
        QVERIFY(client->engine().consecutiveFailures() >= 5);
        const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(client->engine().nextRetryAt());
        QVERIFY2(wait <= 640, qPrintable(QString::number(wait))); // capped
        // The server is reachable again: the next retry uploads everything, still unprompted.
        m_proxy->setRefuseConnections(false);
        QTRY_VERIFY_WITH_TIMEOUT(client->engine().state() == SyncEngine::State::Idle, 10000);
        client->engine().stop();
        QCOMPARE(client->engine().lastSummary().pending, 0);
        verifyExactlyOnce(*client, ids, orders);
    }

    void initialSyncCutAtRandomOffsets()
    {
        // A clean initial sync, for the byte count.
        auto clean = signedInClient(QStringLiteral("manager"));
        QVERIFY(clean);
        clean->engine().setPageSize(250);
        m_proxy->resetCounters();
        const auto cleanSummary = clean->sync(120000);
        QVERIFY(cleanSummary && cleanSummary->ok);
        const qint64 cleanBytes = m_proxy->counters().bytesToClient;
        const qint64 products = clean->count(QStringLiteral("product"));
        QCOMPARE(products, 2000);

        // The same, with three responses of the pull cut at random offsets.
        auto cut = signedInClient(QStringLiteral("manager"));
        QVERIFY(cut);
        cut->engine().setPageSize(250);
        m_proxy->resetCounters();
        m_proxy->setCutResponseAtRandomOffset(3, QStringLiteral("/api/v1/sync"));
        QElapsedTimer clock;
        clock.start();
        std::optional<SyncSummary> summary;
        int failures = 0;
        while (clock.elapsed() < 120000) {
            summary = cut->sync(60000);
            if (summary && summary->ok)
                break;
            ++failures;
        }
        const auto counters = m_proxy->counters();
        QVERIFY(summary && summary->ok);
        QCOMPARE(counters.responsesCut, 3);
        QVERIFY(failures >= 1);
        QCOMPARE(cut->count(QStringLiteral("product")), products);
        QCOMPARE(cut->count(QStringLiteral("price")), clean->count(QStringLiteral("price")));
        QCOMPARE(cut->count(QStringLiteral("stock")), clean->count(QStringLiteral("stock")));
        const double ratio = double(counters.bytesToClient) / double(cleanBytes);
        qInfo("initial sync: clean %lld bytes, cut three times %lld bytes (%.3fx)", cleanBytes,
              counters.bytesToClient, ratio);
        QVERIFY2(ratio <= 1.1, qPrintable(QString::number(ratio)));
        const QString integrity = cut->cache().run([](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("PRAGMA integrity_check"));
            return query.next() ? query.value(0).toString() : QString();
        });
        QCOMPARE(integrity, QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_syncfaults.moc"
