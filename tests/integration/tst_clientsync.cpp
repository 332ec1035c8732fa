#include "demoscenario.h"
#include "orders/localorders.h"
#include "sync/outbox.h"
#include "testclient.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace portico;
using namespace portico::client;
using portico::test::TestClient;
using portico::test::TestDatabase;
using portico::test::TestServer;

namespace {

const QString Demo = QStringLiteral("demo");

} // namespace

// The client core against a real portico-server (demo data, on the selected backend): initial
// sync, no-op sync, offline orders uploaded once with their outcomes, a refused item that does
// not block the rest, a resync that keeps the outbox, nudges, token refresh and sign-in loss.
class TestClientSync final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestClient> m_rep;
    QString m_admin;

    // One order queued in the client's outbox; its comment is `comment` + "0".
    Id submitOrder(TestClient &client, int lines, const QString &comment = QStringLiteral("order-"))
    {
        const QList<Id> ids = portico::test::queueOrders(client, 1, comment, lines);
        return ids.isEmpty() ? Id() : ids.first();
    }

    std::optional<LocalOrder> order(TestClient &client, const Id &id)
    {
        return client.cache().run([id](QSqlDatabase &db) { return LocalOrders::find(db, id); });
    }

    int serverOrdersWithComment(const QString &comment)
    {
        return portico::test::serverOrdersByComment(m_server->port(), comment)
            .value(comment + QLatin1Char('0'));
    }

    QString userIdOf(const QString &login)
    {
        const portico::test::JsonReply users
            = portico::test::callApi(m_server->port(), "GET", "/api/v1/admin/users", {}, m_admin);
        for (const auto &user : users.json.value(QStringLiteral("users")).toArray()) {
            if (user.toObject().value(QStringLiteral("login")).toString() == login)
                return user.toObject().value(QStringLiteral("id")).toString();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        QStringList arguments {QStringLiteral("--products"), QStringLiteral("300")};
        if (TestDatabase::backend() == TestDatabase::Backend::Postgres) {
            m_db = std::make_unique<TestDatabase>();
            QVERIFY2(m_db->create(false), qPrintable(m_db->errorString()));
            arguments += m_db->serverArguments();
        }
        m_server = std::make_unique<TestServer>(arguments, Demo);
        QVERIFY2(m_server->start(60000), qPrintable(m_server->errorString()));
        m_admin = portico::test::demoToken(m_server->port(), QStringLiteral("admin"));
        QVERIFY(!m_admin.isEmpty());
        m_rep = std::make_unique<TestClient>(m_server->url());
        QVERIFY2(m_rep->open(), qPrintable(m_rep->errorString()));
        QVERIFY2(m_rep->login(QStringLiteral("rep1"), Demo), qPrintable(m_rep->errorString()));
    }

    void cleanupTestCase()
    {
        m_rep.reset();
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    void initialSyncFillsTheCache()
    {
        m_rep->engine().setPageSize(500);
        QSignalSpy progress(&m_rep->engine(), &SyncEngine::progress);
        const auto summary = m_rep->sync();
        QVERIFY(summary);
        QVERIFY2(summary->ok, qPrintable(summary->error.toString()));
        QVERIFY(summary->pages > 1);
        QVERIFY(summary->pulledRows > 300);
        // One progress report per page, rows and bytes adding up, the fraction rising to 1.
        QCOMPARE(progress.size(), summary->pages);
        double fraction = 0;
        for (const auto &report : progress) {
            const auto step = report.first().value<SyncProgress>();
            QVERIFY(step.fraction() >= fraction);
            fraction = step.fraction();
        }
        const auto last = progress.last().first().value<SyncProgress>();
        QCOMPARE(last.rows, summary->pulledRows);
        QCOMPARE(last.bytes, summary->pulledBytes);
        QCOMPARE(last.fraction(), 1.0);
        QCOMPARE(last.remainingMs(), 0);
        QCOMPARE(m_rep->count(QStringLiteral("product")), 300);
        QCOMPARE(m_rep->count(QStringLiteral("price")), 900);
        QVERIFY(m_rep->count(QStringLiteral("customer")) >= 2);
        QCOMPARE(m_rep->engine().state(), SyncEngine::State::Idle);
        // The token went to the credential store, never the password.
        QVERIFY(m_rep->credentials().contains(QStringLiteral("profile/test")));
        QVERIFY(!m_rep->credentials().secret(QStringLiteral("profile/test")).contains("demo\""));
    }

    void secondSyncIsOneSmallRequest()
    {
        const auto summary = m_rep->sync();
        QVERIFY(summary && summary->ok);
        QCOMPARE(summary->pulledRows, 0);
        QCOMPARE(summary->pages, 1);
        QVERIFY2(summary->pulledBytes < 1024, qPrintable(QString::number(summary->pulledBytes)));
    }

    void offlineOrderIsAcceptedOnce()
    {
        const QString comment = QStringLiteral("once-%1").arg(QUuid::createUuid().toString());
        const Id id = submitOrder(*m_rep, 3, comment);
        QVERIFY(!id.isNull());
        const auto summary = m_rep->sync();
        QVERIFY(summary && summary->ok);
        QCOMPARE(summary->uploaded, 1);
        QCOMPARE(summary->pending, 0);
        const auto stored = order(*m_rep, id);
        QVERIFY(stored);
        QCOMPARE(stored->localState, LocalOrder::LocalState::Uploaded);
        QVERIFY(!stored->order.number.isEmpty());
        QCOMPARE(stored->outcome.value(QStringLiteral("status")).toString(),
                 orderStatusToString(stored->order.status));
        QCOMPARE(serverOrdersWithComment(comment), 1);
        // Another sync uploads nothing and brings the order from the feed.
        const auto again = m_rep->sync();
        QVERIFY(again && again->ok);
        QCOMPARE(again->uploaded, 0);
        QCOMPARE(serverOrdersWithComment(comment), 1);
    }

    void refusedItemDoesNotBlockTheNext()
    {
        const QString comment = QStringLiteral("after-bad-%1").arg(QUuid::createUuid().toString());
        const QString badOrder = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_rep->cache().run([&](QSqlDatabase &db) {
            Outbox::enqueue(db, OutboxItem::Kind::SubmitOrder, badOrder, QByteArrayLiteral("{\"id\": 12}"),
                            QDateTime::currentDateTimeUtc());
        });
        const Id good = submitOrder(*m_rep, 2, comment);
        const auto summary = m_rep->sync();
        QVERIFY(summary && summary->ok);
        QCOMPARE(summary->setAside, 1);
        QCOMPARE(summary->uploaded, 1);
        QCOMPARE(order(*m_rep, good)->localState, LocalOrder::LocalState::Uploaded);
        QCOMPARE(serverOrdersWithComment(comment), 1);
        QCOMPARE(m_rep->count(QStringLiteral("outbox"), QStringLiteral("state = 'failed'")), 1);
    }

    void resyncKeepsTheOutbox()
    {
        const QString comment = QStringLiteral("resync-%1").arg(QUuid::createUuid().toString());
        const Id queued = submitOrder(*m_rep, 1, comment);
        QVERIFY(!queued.isNull());
        // An admin changes rep1's role and back: its sync generation, and so its epoch, changes.
        const QByteArray rep = "/api/v1/admin/users/" + userIdOf(QStringLiteral("rep1")).toLatin1();
        for (const QString &role : {QStringLiteral("manager"), QStringLiteral("sales_rep")})
            QCOMPARE(portico::test::callApi(m_server->port(), "PATCH", rep, {{QStringLiteral("role"), role}},
                                            m_admin)
                         .status,
                     200);
        const auto summary = m_rep->sync();
        QVERIFY(summary);
        QVERIFY2(summary->ok, qPrintable(summary->error.toString()));
        QVERIFY(summary->resynced);
        QCOMPARE(summary->uploaded, 1);
        QCOMPARE(m_rep->count(QStringLiteral("product")), 300);
        QCOMPARE(order(*m_rep, queued)->localState, LocalOrder::LocalState::Uploaded);
        QCOMPARE(serverOrdersWithComment(comment), 1);
    }

    void nudgeBringsAStatusChange()
    {
        const Id id = submitOrder(*m_rep, 1);
        QVERIFY(m_rep->sync()->ok);
        m_rep->engine().setUseEvents(true);
        m_rep->engine().setInterval(std::chrono::hours(1));
        m_rep->engine().start();
        QVERIFY(m_rep->waitForCycle(10000)); // the first cycle of start()
        QTest::qWait(500); // the WebSocket connects
        const QString manager = portico::test::demoToken(m_server->port(), QStringLiteral("manager"));
        const portico::test::JsonReply moved = portico::test::callApi(
            m_server->port(), "POST",
            "/api/v1/orders/" + id.toString(QUuid::WithoutBraces).toLatin1() + "/cancel",
            {{QStringLiteral("reason"), QStringLiteral("клиент передумал")}}, manager);
        QCOMPARE(moved.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(order(*m_rep, id)->order.status, OrderStatus::Cancelled, 5000);
        m_rep->engine().stop();
        m_rep->engine().setUseEvents(false);
    }

    void expiredAccessTokenIsRefreshed()
    {
        const QString before = m_rep->session().accessToken();
        m_rep->session().setClock([] { return QDateTime::currentDateTimeUtc().addDays(2); });
        const auto summary = m_rep->sync();
        m_rep->session().setClock([] { return QDateTime::currentDateTimeUtc(); });
        QVERIFY(summary && summary->ok);
        QVERIFY(m_rep->session().accessToken() != before);
    }

    void revokedSessionKeepsOrdersUntilLoginAgain()
    {
        const QString rep = userIdOf(QStringLiteral("rep1"));
        QCOMPARE(portico::test::callApi(m_server->port(), "POST",
                                        "/api/v1/admin/users/" + rep.toLatin1() + "/revoke", {}, m_admin)
                     .status,
                 200);
        const QString comment = QStringLiteral("revoked-%1").arg(QUuid::createUuid().toString());
        const Id queued = submitOrder(*m_rep, 1, comment);
        const auto failed = m_rep->sync();
        QVERIFY(failed && !failed->ok);
        QCOMPARE(m_rep->engine().state(), SyncEngine::State::SignInRequired);
        QCOMPARE(m_rep->session().state(), Session::State::SignedOut);
        QCOMPARE(order(*m_rep, queued)->localState, LocalOrder::LocalState::Queued);
        QCOMPARE(m_rep->count(QStringLiteral("outbox"), QStringLiteral("state = 'pending'")), 1);

        QVERIFY(m_rep->login(QStringLiteral("rep1"), Demo));
        const auto summary = m_rep->sync();
        QVERIFY(summary && summary->ok);
        QCOMPARE(order(*m_rep, queued)->localState, LocalOrder::LocalState::Uploaded);
        QCOMPARE(serverOrdersWithComment(comment), 1);
    }
};

QTEST_GUILESS_MAIN(TestClientSync)
#include "tst_clientsync.moc"
