#include "cache/cachedatabase.h"
#include "cart/cartpage.h"
#include "fakecredentialstore.h"
#include "fakehttpserver.h"
#include "mainwindow.h"
#include "profile/profilestore.h"
#include "sync/outbox.h"
#include "sync/session.h"
#include "sync/syncengine.h"
#include "update/updatebanner.h"
#include "workspace/cart.h"
#include "workspace/workspace.h"

#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace portico::client;
using namespace portico::test;

namespace {

const QByteArray Refusal
    = R"({"error":{"code":"upgrade_required","message":"Update Portico"},"min_version":"9.1.0","update":null})";

} // namespace

// The window of a version the server no longer accepts (426 on sync): a banner says which
// version to install, submitting from the cart is refused with that sentence, and neither the
// draft in the cart nor what waits in the outbox is touched.
class TestUpdateBanner final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QNetworkAccessManager m_network;
    FakeCredentialStore m_credentials;

private Q_SLOTS:
    void refusedVersionBlocksSubmitAndKeepsOutbox()
    {
        FakeHttpServer server([](const FakeRequest &request) {
            if (request.path() == "/api/v1/auth/login")
                return FakeResponse::json(200, tokenReply());
            if (request.path() == "/healthz")
                return FakeResponse::json(200, R"({"status":"ok"})");
            return FakeResponse::json(426, Refusal);
        });
        ProfileStore profiles(m_root.filePath(QStringLiteral("profiles")));
        const Profile profile = profiles.create(server.url(), QStringLiteral("rep1"));
        Workspace workspace(profile, m_network, m_credentials);
        QString error;
        QVERIFY2(workspace.open(&error), qPrintable(error));
        const QString waiting = workspace.cache().run([](QSqlDatabase &db) {
            return Outbox::enqueue(db, OutboxItem::Kind::CancelOrder, QStringLiteral("o1"),
                                   R"({"reason":"x"})", QDateTime::currentDateTimeUtc())
                .id;
        });
        QSignalSpy signedIn(&workspace.session(), &Session::signedIn);
        workspace.session().login(QStringLiteral("rep1"), QStringLiteral("demo"));
        QVERIFY(signedIn.wait(20000));
        workspace.start();
        MainWindow window(workspace);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        auto *banner = window.findChild<UpdateBanner *>(QStringLiteral("updateBanner"));
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
        QVERIFY(workspace.updateRequired());
        QCOMPARE(banner->text(),
                 UpdateBanner::tr("This version is no longer supported. Update to %1 to keep ordering.")
                     .arg(QStringLiteral("9.1.0")));
        // Not the offline banner: the server is there, it refuses this version.
        auto *offline = window.findChild<QWidget *>(QStringLiteral("offlineBanner"));
        QVERIFY(offline && !offline->isVisible());

        // A draft in the cart: kept, and submitting it is refused with the banner's sentence.
        workspace.cart().setComment(QStringLiteral("Deliver to the back door"));
        window.showSection(MainWindow::Section::Cart);
        auto *cartPage = window.findChild<CartPage *>();
        QVERIFY(cartPage);
        auto *submit = cartPage->findChild<QPushButton *>(QStringLiteral("submitButton"));
        QVERIFY(submit);
        QTest::keyClick(cartPage, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(cartPage->message(), banner->text());
        QVERIFY(!workspace.cart().isSubmitting());
        QCOMPARE(workspace.cart().comment(), QStringLiteral("Deliver to the back door"));

        // More cycles while refused: the outbox item stays as it was written.
        workspace.engine().syncNow();
        QSignalSpy cycles(&workspace.engine(), &SyncEngine::cycleFinished);
        QVERIFY(cycles.wait(10000));
        const auto item
            = workspace.cache().run([waiting](QSqlDatabase &db) { return Outbox::find(db, waiting); });
        QVERIFY(item);
        QCOMPARE(item->attempts, 0);
        QVERIFY(item->lastError.isEmpty());
        const int pending = workspace.cache().run([](QSqlDatabase &db) { return Outbox::pendingCount(db); });
        QCOMPARE(pending, 1);
        QVERIFY(banner->isVisible());
    }
};

QTEST_MAIN(TestUpdateBanner)
#include "tst_updatebanner.moc"
