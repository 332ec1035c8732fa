#include "cart/cartpage.h"
#include "catalog/catalogpage.h"
#include "fakecredentialstore.h"
#include "faultproxy.h"
#include "mainwindow.h"
#include "orders/orderspage.h"
#include "profile/profilestore.h"
#include "sync/session.h"
#include "sync/syncengine.h"
#include "testserver.h"
#include "warehouse/terminalview.h"
#include "workspace/customercontext.h"
#include "workspace/workspace.h"

#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

using namespace portico::client;
using portico::test::FakeCredentialStore;
using portico::test::FaultProxy;
using portico::test::TestServer;

// The main window over a real workspace: the sections a role gets, the status bar that follows
// the server and the sync, and the banner that says plainly when the data shown is offline.
class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    struct Opened
    {
        std::unique_ptr<Workspace> workspace;
        std::unique_ptr<MainWindow> window;
    };

    Opened openSignedIn(const QUrl &server, const QString &login)
    {
        Opened opened;
        const Profile profile = m_profiles->create(server, login);
        opened.workspace = std::make_unique<Workspace>(profile, m_network, m_credentials);
        QString error;
        if (!opened.workspace->open(&error))
            qFatal("open: %s", qPrintable(error));
        opened.workspace->serverStatus().setInterval(std::chrono::milliseconds(100));
        QSignalSpy signedIn(&opened.workspace->session(), &Session::signedIn);
        opened.workspace->session().login(login, QStringLiteral("demo"));
        if (!signedIn.wait(20000))
            qFatal("sign-in failed");
        opened.workspace->start();
        opened.window = std::make_unique<MainWindow>(*opened.workspace);
        opened.window->show();
        opened.window->activateWindow();
        if (!QTest::qWaitForWindowActive(opened.window.get()))
            qFatal("the window did not become active");
        return opened;
    }

    static QString labelText(QWidget *window, const char *name)
    {
        auto *label = window->findChild<QLabel *>(QLatin1String(name));
        return label ? label->text() : QString();
    }

    QTemporaryDir m_root;
    std::unique_ptr<ProfileStore> m_profiles;
    QNetworkAccessManager m_network;
    FakeCredentialStore m_credentials;

private Q_SLOTS:
    void initTestCase()
    {
        m_profiles = std::make_unique<ProfileStore>(m_root.filePath(QStringLiteral("profiles")));
    }

    void statusBarAndBannerFollowTheServer()
    {
        TestServer server({QStringLiteral("--products"), QStringLiteral("200")}, QStringLiteral("demo"));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        // The server restarts on another port: the proxy keeps the desktop's address.
        FaultProxy proxy(server.port());
        QVERIFY(proxy.start());
        Opened opened = openSignedIn(proxy.url(), QStringLiteral("rep1"));
        MainWindow &window = *opened.window;
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QTRY_COMPARE_WITH_TIMEOUT(labelText(&window, "connection"), MainWindow::tr("Online"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            labelText(&window, "lastSync").startsWith(MainWindow::tr("Last sync: %1").left(10)), 30000);
        auto *banner = window.findChild<QWidget *>(QStringLiteral("offlineBanner"));
        QVERIFY(banner);
        QVERIFY(!banner->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(labelText(&window, "pending"), MainWindow::tr("Everything uploaded"),
                                  10000);

        server.kill();
        QTRY_COMPARE_WITH_TIMEOUT(labelText(&window, "connection"), MainWindow::tr("Offline"), 10000);
        QTRY_VERIFY(banner->isVisible());
        const QString bannerText = labelText(&window, "offlineBannerText");
        QVERIFY2(bannerText.contains(MainWindow::tr("Offline — prices and stock as of %1.").left(20)),
                 qPrintable(bannerText));
        QVERIFY2(!bannerText.contains(MainWindow::tr("never synced")), qPrintable(bannerText));

        QVERIFY(server.start());
        proxy.setUpstreamPort(server.port());
        QTRY_COMPARE_WITH_TIMEOUT(labelText(&window, "connection"), MainWindow::tr("Online"), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 15000);
    }

    void sectionsFollowTheRole()
    {
        TestServer server({QStringLiteral("--products"), QStringLiteral("100")}, QStringLiteral("demo"));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        {
            Opened rep = openSignedIn(server.url(), QStringLiteral("rep2"));
            auto *navigation = rep.window->findChild<QListWidget *>(QStringLiteral("navigation"));
            QVERIFY(navigation);
            QCOMPARE(navigation->count(), 4);
            QCOMPARE(navigation->item(3)->text(), MainWindow::tr("Customers"));
            rep.window->showSection(MainWindow::Section::Orders);
            QCOMPARE(rep.window->currentSection(), MainWindow::Section::Orders);
            QTest::keyClick(rep.window.get(), Qt::Key_1, Qt::ControlModifier);
            QCOMPARE(rep.window->currentSection(), MainWindow::Section::Catalog);
        }
        {
            Opened buyer = openSignedIn(server.url(), QStringLiteral("buyer2"));
            auto *navigation = buyer.window->findChild<QListWidget *>(QStringLiteral("navigation"));
            QCOMPARE(navigation->count(), 3); // a buyer orders for their own customer only
            // The buyer's customer is chosen for them, from the cache, once the first sync is in.
            QTRY_VERIFY_WITH_TIMEOUT(buyer.workspace->customer().hasCustomer(), 30000);
            QVERIFY(buyer.workspace->customer().isFixed());
        }
        {
            // Warehouse staff get the terminal and nothing of the ordering pages: no sections,
            // no customer toolbar, no Go menu whose shortcuts would lead nowhere.
            Opened warehouse = openSignedIn(server.url(), QStringLiteral("warehouse1"));
            MainWindow &window = *warehouse.window;
            QVERIFY(window.terminal());
            QVERIFY(window.terminal()->isVisible());
            QVERIFY(!window.findChild<CatalogPage *>());
            QVERIFY(!window.findChild<CartPage *>());
            QVERIFY(!window.findChild<OrdersPage *>());
            QVERIFY(!window.findChild<QToolBar *>(QStringLiteral("customerToolbar")));
            QVERIFY(!window.findChild<QListWidget *>(QStringLiteral("navigation"))->isVisible());
            QStringList menus;
            for (QAction *menu : window.menuBar()->actions())
                menus << menu->text();
            QCOMPARE(menus, QStringList({MainWindow::tr("&File"), MainWindow::tr("&Help")}));
            // The first sync reaches the terminal's status line.
            QTRY_VERIFY_WITH_TIMEOUT(warehouse.workspace->lastSyncAt().isValid(), 30000);
            QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier); // nothing to go to, nothing breaks
            QVERIFY(window.terminal()->isVisible());
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
