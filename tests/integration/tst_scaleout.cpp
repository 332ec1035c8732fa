#include "demoscenario.h"
#include "net/eventschannel.h"
#include "sync/outbox.h"
#include "testclient.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace portico;
using namespace portico::client;
using namespace portico::test;

// Two real portico-server processes on one PostgreSQL database, as behind a load balancer: a
// token from one works on the other, a change committed through one nudges the WebSocket clients
// of the other (LISTEN/NOTIFY), an order uploaded to one and retried on the other is stored once,
// and a desktop client switching between them mid-stream loses and doubles nothing.
class TestScaleOut final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_first;
    std::unique_ptr<TestServer> m_second;

private Q_SLOTS:
    void initTestCase()
    {
        if (TestDatabase::backend() != TestDatabase::Backend::Postgres)
            QSKIP("several instances share a PostgreSQL database; this runs in the _postgres variant");
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->create(false), qPrintable(m_db->errorString()));
        // The first instance generates the demo data; the second serves the same database.
        m_first = std::make_unique<TestServer>(
            QStringList {QStringLiteral("--products"), QStringLiteral("200")} + m_db->serverArguments(),
            QStringLiteral("demo"));
        QVERIFY2(m_first->start(120000), qPrintable(m_first->errorString()));
        m_second = std::make_unique<TestServer>(m_db->serverArguments(), QStringLiteral("serve"));
        QVERIFY2(m_second->start(60000), qPrintable(m_second->errorString()));
    }

    void cleanupTestCase()
    {
        if (m_second)
            QCOMPARE(m_second->terminate(), 0);
        if (m_first)
            QCOMPARE(m_first->terminate(), 0);
    }

    void aTokenFromOneInstanceWorksOnTheOther()
    {
        const QString token = demoToken(m_first->port(), QStringLiteral("buyer1"));
        QVERIFY(!token.isEmpty());
        const JsonReply me = callApi(m_second->port(), "GET", "/api/v1/auth/me", {}, token);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json.value(QStringLiteral("login")).toString(), QStringLiteral("buyer1"));
    }

    void aCommitThroughOneNudgesClientsOfTheOther()
    {
        // rep1's desktop listens on the first instance.
        TestClient rep(m_first->url());
        QVERIFY(rep.open());
        QVERIFY(rep.login(QStringLiteral("rep1"), DemoPassword));
        QVERIFY(rep.sync()->ok);
        EventsChannel events(m_first->url());
        events.setAccessToken(rep.session().accessToken());
        QSignalSpy nudges(&events, &EventsChannel::nudged);
        events.start();
        QVERIFY(nudges.wait(5000)); // hello
        const qint64 hello = nudges.last().first().toLongLong();

        // Its order, placed through the first instance, is cancelled by a manager through the second.
        const QList<Id> ids = queueOrders(rep, 1, QStringLiteral("scale-out-"));
        QCOMPARE(ids.size(), 1);
        QVERIFY(rep.sync()->ok);
        QTRY_VERIFY_WITH_TIMEOUT(nudges.size() >= 2, 5000); // its own upload's news
        nudges.clear();
        const QString manager = demoToken(m_second->port(), QStringLiteral("manager"));
        const JsonReply cancelled
            = callApi(m_second->port(), "POST",
                      "/api/v1/orders/" + ids.first().toString(QUuid::WithoutBraces).toLatin1() + "/cancel",
                      {{QStringLiteral("reason"), QStringLiteral("двойной заказ")}}, manager);
        QCOMPARE(cancelled.status, 200);
        QVERIFY2(nudges.wait(3000) || !nudges.isEmpty(), "no nudge from the other instance");
        QVERIFY(nudges.last().first().toLongLong() > hello);
        QVERIFY(rep.sync()->ok);
        const auto order
            = rep.cache().run([id = ids.first()](QSqlDatabase &db) { return LocalOrders::find(db, id); });
        QCOMPARE(order->order.status, OrderStatus::Cancelled);
        events.stop();
    }

    void anUploadRetriedOnTheOtherInstanceIsStoredOnce()
    {
        // A desktop uploads one order to the first instance and loses the reply; then it reaches
        // only the second instance and uploads everything its outbox holds, that order again too.
        QTemporaryDir profile;
        const QString tag = QStringLiteral("scale-retry-");
        QByteArray body;
        QString token;
        {
            TestClient rep(m_first->url(), profile.path());
            QVERIFY(rep.open());
            QVERIFY(rep.login(QStringLiteral("rep1"), DemoPassword));
            QVERIFY(rep.sync()->ok);
            QCOMPARE(queueOrders(rep, 5, tag).size(), 5);
            body = rep.cache().run([](QSqlDatabase &db) { return Outbox::pending(db, 1).first().payload; });
            token = rep.session().accessToken();
        }
        const auto first
            = rawHttp(m_first->port(),
                      "POST /api/v1/orders HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + token.toLatin1()
                          + "\r\nContent-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QCOMPARE(first.status, 201);

        TestClient moved(m_second->url(), profile.path());
        QVERIFY(moved.open());
        QVERIFY(moved.login(QStringLiteral("rep1"), DemoPassword));
        const auto summary = moved.sync();
        QVERIFY(summary && summary->ok);
        QCOMPARE(summary->uploaded, 5);
        const QHash<QString, int> counts = serverOrdersByComment(m_second->port(), tag);
        QCOMPARE(counts.size(), 5);
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            QCOMPARE(it.value(), 1);
    }
};

QTEST_GUILESS_MAIN(TestScaleOut)
#include "tst_scaleout.moc"
