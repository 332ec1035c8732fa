#include "net/apiclient.h"
#include "net/eventschannel.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <csignal>
#include <memory>

using namespace portico::client;
using portico::test::TestServer;
using namespace std::chrono_literals;

namespace {

QStringList demoArguments()
{
    return {QStringLiteral("--products"), QStringLiteral("50")};
}

// Waits for `job` to finish; the job is not deleted (autoDelete off).
bool run(ApiJob &job)
{
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &ApiJob::finished);
    job.start();
    return finished.wait(15000) && job.error().ok();
}

} // namespace

// The client's end of /api/v1/events against a real demo server: hello, nudges on news,
// the server going away and coming back, and a refused token.
class TestEventsChannel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(demoArguments(), QStringLiteral("demo"));
        QVERIFY2(m_server->start(60000), qPrintable(m_server->errorString()));
        m_admin = login(m_server->url(), QStringLiteral("admin"));
        QVERIFY(!m_admin.isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    void helloThenNudgeOnNews()
    {
        EventsChannel channel(m_server->url());
        channel.setAccessToken(m_admin);
        QSignalSpy connected(&channel, &EventsChannel::connected);
        QSignalSpy nudged(&channel, &EventsChannel::nudged);
        QSignalSpy unauthorized(&channel, &EventsChannel::unauthorized);
        QVERIFY(!channel.isConnected());
        channel.start();
        QVERIFY(connected.wait(5000));
        QVERIFY(channel.isConnected());
        QTRY_VERIFY_WITH_TIMEOUT(!nudged.isEmpty(), 5000); // the hello
        const qint64 hello = nudged.first().at(0).toLongLong();
        QVERIFY(hello > 0); // the demo data set is in the feed

        // Let a nudge for older news pass, then make some: an admin creates a customer.
        QTest::qWait(300);
        nudged.clear();
        QElapsedTimer timer;
        timer.start();
        JsonPostJob create(m_network, m_server->url(), m_admin, QStringLiteral("/api/v1/admin/customers"),
                           R"({"name":"Nudge Test LLC","inn":"7707083893","kpp":"773601001"})");
        QVERIFY2(run(create), qPrintable(create.error().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(!nudged.isEmpty(), 2000);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(nudged.last().at(0).toLongLong() > hello);
        QCOMPARE(unauthorized.count(), 0);
        QCOMPARE(connected.count(), 1);

        QSignalSpy disconnected(&channel, &EventsChannel::disconnected);
        channel.stop();
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, 5000);
        QVERIFY(!channel.isConnected());
        QTest::qWait(300);
        QCOMPARE(connected.count(), 1); // stopped: no reconnect
    }

    void refusedTokenIsUnauthorized()
    {
        EventsChannel channel(m_server->url());
        channel.setReconnectDelays(50ms, 200ms);
        channel.setAccessToken(QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        QSignalSpy connected(&channel, &EventsChannel::connected);
        QSignalSpy unauthorized(&channel, &EventsChannel::unauthorized);
        channel.start();
        QVERIFY(unauthorized.wait(5000));
        QVERIFY(!channel.isConnected());
        // No retries with the refused token, however long it waits.
        QTest::qWait(600);
        QCOMPARE(unauthorized.count(), 1);
        QCOMPARE(connected.count(), 0);

        // A fresh token brings it back by itself.
        channel.setAccessToken(m_admin);
        QVERIFY(connected.wait(5000));
        QVERIFY(channel.isConnected());
        QCOMPARE(unauthorized.count(), 1);
    }

    void noTokenIsUnauthorized()
    {
        EventsChannel channel(m_server->url());
        QSignalSpy unauthorized(&channel, &EventsChannel::unauthorized);
        channel.start();
        QVERIFY(unauthorized.wait(5000));
    }

    void silentConnectionIsDropped()
    {
        EventsChannel channel(m_server->url());
        channel.setAccessToken(m_admin);
        channel.setKeepAliveInterval(200ms);
        channel.setReconnectDelays(50ms, 100ms);
        QSignalSpy connected(&channel, &EventsChannel::connected);
        QSignalSpy disconnected(&channel, &EventsChannel::disconnected);
        channel.start();
        QVERIFY(connected.wait(5000));
        // The server answers the pings: the connection stays.
        QTest::qWait(800);
        QCOMPARE(disconnected.count(), 0);

        // A server that stops answering without closing (as behind a dead NAT entry) is
        // noticed within two intervals; once it answers again, the channel is back.
        const auto pid = static_cast<pid_t>(m_server->process().processId());
        QVERIFY(::kill(pid, SIGSTOP) == 0);
        const auto resume = qScopeGuard([pid] { ::kill(pid, SIGCONT); });
        QElapsedTimer timer;
        timer.start();
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, 3000);
        QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!channel.isConnected());
        ::kill(pid, SIGCONT);
        QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 2, 10000);
        channel.stop();
    }

    void unreachableServerIsRetriedWithBackoff()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        EventsChannel channel(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        channel.setAccessToken(m_admin);
        channel.setReconnectDelays(40ms, 320ms);
        QSignalSpy connected(&channel, &EventsChannel::connected);
        QSignalSpy disconnected(&channel, &EventsChannel::disconnected);
        QSignalSpy unauthorized(&channel, &EventsChannel::unauthorized);

        // Count the attempts by listening on the port once the first ones were refused.
        channel.start();
        QTest::qWait(1500);
        // Waits of at most 40, 80, 160, 320, 320, ... ms (at least half of each): 4 to 12
        // attempts in 1.5 s, where retrying without a pause would make hundreds.
        QTcpServer listener;
        int attempts = 0;
        connect(&listener, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *socket = listener.nextPendingConnection()) {
                ++attempts;
                socket->abort();
                socket->deleteLater();
            }
        });
        QVERIFY(listener.listen(QHostAddress::LocalHost, port));
        QTest::qWait(1000);
        // At the cap (160 to 320 ms apart) a second brings 3 to 7 attempts.
        QVERIFY2(attempts >= 2 && attempts <= 8, qPrintable(QString::number(attempts)));
        QCOMPARE(connected.count(), 0);
        QCOMPARE(disconnected.count(), 0); // never connected, so never disconnected
        QCOMPARE(unauthorized.count(), 0);
        channel.stop();
    }

    void reconnectsWhenTheServerComesBack()
    {
        // A server of its own, restarted on the same port and data directory so the token holds.
        auto server = std::make_unique<TestServer>(demoArguments(), QStringLiteral("demo"));
        QVERIFY2(server->start(60000), qPrintable(server->errorString()));
        const QString token = login(server->url(), QStringLiteral("manager"));
        QVERIFY(!token.isEmpty());
        const quint16 port = server->port();

        EventsChannel channel(server->url());
        channel.setAccessToken(token);
        channel.setReconnectDelays(100ms, 400ms);
        QSignalSpy connected(&channel, &EventsChannel::connected);
        QSignalSpy disconnected(&channel, &EventsChannel::disconnected);
        QSignalSpy nudged(&channel, &EventsChannel::nudged);
        channel.start();
        QVERIFY(connected.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(!nudged.isEmpty(), 5000);

        server->kill();
        QVERIFY(disconnected.wait(5000));
        QVERIFY(!channel.isConnected());
        QCOMPARE(disconnected.count(), 1);

        TestServer again(demoArguments()
                             + QStringList {QStringLiteral("--listen"),
                                            QStringLiteral("127.0.0.1:%1").arg(port),
                                            QStringLiteral("--data-dir"), server->dataDir()},
                         QStringLiteral("demo"));
        QVERIFY2(again.start(60000), qPrintable(again.errorString()));
        QCOMPARE(again.port(), port);
        nudged.clear();
        QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!nudged.isEmpty(), 5000); // a hello from the new process
        QVERIFY(channel.isConnected());
        channel.stop();
        QCOMPARE(again.terminate(), 0);
    }

private:
    QString login(const QUrl &server, const QString &user)
    {
        LoginJob job(m_network, server, user, QStringLiteral("demo"), QStringLiteral("tst-eventschannel"));
        if (!run(job))
            qWarning("login of %s failed: %s", qPrintable(user), qPrintable(job.error().toString()));
        return job.tokens().accessToken;
    }

    std::unique_ptr<TestServer> m_server;
    QNetworkAccessManager m_network;
    QString m_admin;
};

QTEST_GUILESS_MAIN(TestEventsChannel)
#include "tst_eventschannel.moc"
