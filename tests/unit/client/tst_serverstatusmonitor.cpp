#include "net/serverstatusmonitor.h"
#include "testserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using portico::client::ServerStatusMonitor;
using portico::test::TestServer;

class TestServerStatusMonitor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onlineThenOfflineWhenServerStops()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QNetworkAccessManager network;
        ServerStatusMonitor monitor(network, server.url());
        monitor.setInterval(std::chrono::milliseconds(100));
        monitor.setTimeout(std::chrono::milliseconds(2000));
        QSignalSpy changes(&monitor, &ServerStatusMonitor::statusChanged);
        monitor.start();
        QTRY_COMPARE_WITH_TIMEOUT(monitor.status(), ServerStatusMonitor::Status::Online, 5000);
        QCOMPARE(monitor.serverVersion(), QStringLiteral(PORTICO_VERSION));
        QVERIFY(monitor.lastOnline().isValid());

        QCOMPARE(server.terminate(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(monitor.status(), ServerStatusMonitor::Status::Offline, 5000);
        QVERIFY(!monitor.lastError().isEmpty());
        QCOMPARE(changes.count(), 2); // flips only: Online, then Offline
    }

    void unreachableServerIsOffline()
    {
        QNetworkAccessManager network;
        // Port 9 (discard) on loopback: nothing listens there in the test environment.
        ServerStatusMonitor monitor(network, QUrl(QStringLiteral("http://127.0.0.1:9")));
        monitor.checkNow();
        QTRY_COMPARE_WITH_TIMEOUT(monitor.status(), ServerStatusMonitor::Status::Offline, 5000);
    }

    void serverUnderPathPrefix()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QNetworkAccessManager network;
        // A server behind a reverse proxy at /portico/ answers /portico/healthz; here the
        // prefix is wrong on purpose, so the probe must fail rather than hit /healthz.
        ServerStatusMonitor monitor(network, server.url(QStringLiteral("/portico")));
        monitor.checkNow();
        QTRY_COMPARE_WITH_TIMEOUT(monitor.status(), ServerStatusMonitor::Status::Offline, 5000);
    }
};

QTEST_GUILESS_MAIN(TestServerStatusMonitor)
#include "tst_serverstatusmonitor.moc"
