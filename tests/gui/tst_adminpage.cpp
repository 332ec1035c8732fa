#include "admin/adminpage.h"
#include "cache/cachedatabase.h"
#include "fakecredentialstore.h"
#include "fakehttpserver.h"
#include "mainwindow.h"
#include "profile/profilestore.h"
#include "sync/session.h"
#include "workspace/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace portico::client;
using namespace portico::test;

// The admin screen in the window of an administrator: the releases the server holds, a
// channel's rollout changed with the spin box and saved, the devices per version.
class TestAdminPage final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QNetworkAccessManager m_network;
    FakeCredentialStore m_credentials;
    QJsonObject m_saved;

    FakeResponse answer(const FakeRequest &request)
    {
        const QByteArray path = request.path();
        if (path == "/api/v1/auth/login") {
            QByteArray reply = tokenReply();
            reply.replace(R"("role":"sales_rep")", R"("role":"admin")");
            return FakeResponse::json(200, reply);
        }
        if (path == "/healthz")
            return FakeResponse::json(200, R"({"status":"ok"})");
        if (path == "/api/v1/admin/releases")
            return FakeResponse::json(
                200,
                R"({"releases":[{"id":"rel-2","version":"2.0.0","channel":"stable","platform":"linux-amd64-deb",)"
                R"("file_name":"portico_2.0.0_amd64.deb","size":73400320,"sha256":"ab","state":"ready","received":73400320,)"
                R"("created_at":"2026-11-30T03:00:00Z","notes":{"en":"New","ru":"Новое"}}]})");
        if (path == "/api/v1/admin/channels")
            return FakeResponse::json(
                200,
                R"({"channels":[{"channel":"stable","release_id":"rel-2","rollout_percent":10,"paused":false,"min_version":null}]})");
        if (path == "/api/v1/admin/channels/stable") {
            m_saved = QJsonDocument::fromJson(request.body).object();
            return FakeResponse::json(200, request.body);
        }
        if (path == "/api/v1/admin/devices")
            return FakeResponse::json(
                200,
                R"({"versions":[{"version":"0.1.0","platform":"linux-amd64-deb","channel":"stable","devices":7}],"failures":[]})");
        return FakeResponse::json(404, R"({"error":{"code":"not_found","message":"no"}})");
    }

private Q_SLOTS:
    void adminListsReleasesAndChangesRollout()
    {
        FakeHttpServer server([this](const FakeRequest &r) { return answer(r); });
        ProfileStore profiles(m_root.filePath(QStringLiteral("profiles")));
        Workspace workspace(profiles.create(server.url(), QStringLiteral("admin")), m_network, m_credentials);
        QVERIFY(workspace.open());
        QSignalSpy signedIn(&workspace.session(), &Session::signedIn);
        workspace.session().login(QStringLiteral("admin"), QStringLiteral("demo"));
        QVERIFY(signedIn.wait(20000));
        workspace.start();
        MainWindow window(workspace);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(navigation);
        QCOMPARE(navigation->item(navigation->count() - 1)->text(), MainWindow::tr("Updates"));
        window.showSection(MainWindow::Section::Admin);
        auto *page = window.findChild<AdminPage *>(QStringLiteral("adminPage"));
        QVERIFY(page && page->isVisible());

        auto *releases = page->findChild<QTableWidget *>(QStringLiteral("releasesTable"));
        QTRY_COMPARE_WITH_TIMEOUT(releases->rowCount(), 1, 10000);
        QCOMPARE(releases->item(0, 0)->text(), QStringLiteral("2.0.0"));
        QCOMPARE(releases->item(0, 3)->text(), QStringLiteral("ready"));
        auto *versions = page->findChild<QTableWidget *>(QStringLiteral("versionsTable"));
        QTRY_COMPARE_WITH_TIMEOUT(versions->rowCount(), 1, 10000);
        QCOMPARE(versions->item(0, 3)->text(), QStringLiteral("7"));

        auto *rollout = page->findChild<QSpinBox *>(QStringLiteral("rolloutSpin"));
        QTRY_COMPARE_WITH_TIMEOUT(rollout->value(), 10, 10000);
        auto *release = page->findChild<QComboBox *>(QStringLiteral("channelRelease"));
        QCOMPARE(release->currentData().toString(), QStringLiteral("rel-2"));
        rollout->setValue(50);
        page->findChild<QCheckBox *>(QStringLiteral("pausedCheck"))->setChecked(true);
        page->findChild<QPushButton *>(QStringLiteral("saveChannelButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_saved.isEmpty(), 10000);
        QCOMPARE(m_saved.value(QStringLiteral("rollout_percent")).toInt(), 50);
        QCOMPARE(m_saved.value(QStringLiteral("paused")).toBool(), true);
        QCOMPARE(m_saved.value(QStringLiteral("release_id")).toString(), QStringLiteral("rel-2"));
        QTRY_COMPARE(page->status(), AdminPage::tr("Channel %1 saved.").arg(QStringLiteral("stable")));
    }
};

QTEST_MAIN(TestAdminPage)
#include "tst_adminpage.moc"
