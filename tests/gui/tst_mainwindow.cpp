#include "mainwindow.h"
#include "testserver.h"

#include <QLabel>
#include <QNetworkAccessManager>
#include <QStatusBar>
#include <QTest>

using portico::client::MainWindow;
using portico::client::ServerStatusMonitor;
using portico::test::TestServer;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusBarFollowsTheServer()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QNetworkAccessManager network;
        ServerStatusMonitor monitor(network, server.url());
        monitor.setInterval(std::chrono::milliseconds(100));
        MainWindow window(monitor);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto statusText = [&window] {
            const auto labels = window.statusBar()->findChildren<QLabel *>();
            return labels.isEmpty() ? QString() : labels.first()->text();
        };
        QCOMPARE(statusText(), MainWindow::tr("Connecting…"));
        monitor.start();
        QTRY_COMPARE_WITH_TIMEOUT(statusText(), MainWindow::tr("Online"), 5000);
        QCOMPARE(server.terminate(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(statusText(), MainWindow::tr("Offline"), 5000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
