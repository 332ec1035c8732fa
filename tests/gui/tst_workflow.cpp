// A sales rep's day through the whole program, as main() builds it, against a real demo server
// behind a fault proxy (so the server can stop and come back on another port): sign in, choose
// a customer, search, add to the cart, paste from Excel with a bad row, submit while the server
// is down (queued, and said so), the server back (accepted and shown), and a price the server
// changed after the desktop last synced (accepted with changes, shown side by side).
#include "application.h"
#include "cache/cachedatabase.h"
#include "cache/catalogqueries.h"
#include "fakecredentialstore.h"
#include "faultproxy.h"
#include "logindialog.h"
#include "mainwindow.h"
#include "models/producttablemodel.h"
#include "orders/localorders.h"
#include "sync/syncengine.h"
#include "testserver.h"
#include "typetext.h"
#include "workspace/cart.h"
#include "workspace/customercontext.h"
#include "workspace/workspace.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace portico;
using namespace portico::client;
using portico::test::FakeCredentialStore;
using portico::test::FaultProxy;
using portico::test::TestServer;

namespace {

template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no %s named %s", T::staticMetaObject.className(), name);
    return found;
}

QString labelText(QWidget *window, const char *name)
{
    return child<QLabel>(window, name)->text();
}

// A dialog shown with open() (window-modal, not blocking): the visible top-level one by name.
QWidget *visibleTopLevel(const char *name)
{
    for (QWidget *top : QApplication::topLevelWidgets()) {
        if (top->objectName() == QLatin1String(name) && top->isVisible())
            return top;
    }
    return nullptr;
}

// Answers the credit confirmation when the cart's total goes over the customer's credit.
void acceptCreditWarningIfAsked()
{
    QTest::qWait(200);
    if (auto *confirm = qobject_cast<QMessageBox *>(visibleTopLevel("creditConfirmation")))
        confirm->button(QMessageBox::Yes)->click();
}

} // namespace

class TestWorkflow final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_profiles;
    FakeCredentialStore m_credentials;
    std::unique_ptr<Application> m_app;

    MainWindow *window() const { return m_app->mainWindow(); }
    Workspace &workspace() const { return *m_app->workspace(); }

    template<typename F>
    auto db(F &&job)
    {
        return workspace().cache().run(std::forward<F>(job));
    }

    std::optional<LocalOrder> order(const Id &id)
    {
        return db([id](QSqlDatabase &connection) { return LocalOrders::find(connection, id); });
    }

    // Products whose words match `query` and that every warehouse together has at least
    // `quantity` of, so that the server accepts them as ordered.
    QList<ProductRow> inStock(const QString &query, int count, int quantity)
    {
        const QList<ProductRow> hits = db([query](QSqlDatabase &connection) {
            return CatalogQueries::searchProducts(connection, query, {}, 200);
        });
        QList<ProductRow> found;
        for (const ProductRow &row : hits) {
            if (found.size() < count && row.available() >= Quantity::fromInt(quantity))
                found.append(row);
        }
        return found;
    }

    // Searches (a SKU, or words of a name), types a quantity on the row the search put first and
    // presses Enter.
    void addFirstHit(const QString &query, int quantity)
    {
        auto *search = child<QLineEdit>(window(), "catalogSearch");
        auto *table = child<QTableView>(window(), "products");
        // Popups and dialogs opened before (the customer list, an import report) may have held
        // the activation: the keys go to the main window.
        window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window()));
        search->setFocus();
        search->selectAll();
        portico::test::typeText(search, query);
        QTRY_VERIFY_WITH_TIMEOUT(
            table->model()->rowCount() > 0
                && (table->model()
                        ->index(0, ProductTableModel::NameColumn)
                        .data()
                        .toString()
                        .contains(query, Qt::CaseInsensitive)
                    || table->model()->index(0, ProductTableModel::SkuColumn).data().toString() == query),
            10000);
        QTest::keyClick(search, Qt::Key_Down);
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(table));
        QTest::keyClicks(table, QString::number(quantity));
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    }

    void submitFromTheCart()
    {
        window()->showSection(MainWindow::Section::Cart);
        child<QPushButton>(window(), "submitButton")->click();
        acceptCreditWarningIfAsked();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList {QStringLiteral("--products"), QStringLiteral("300")}, QStringLiteral("demo"));
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_proxy = std::make_unique<FaultProxy>(m_server->port());
        QVERIFY(m_proxy->start());
        m_settings = std::make_unique<QSettings>(m_root.filePath(QStringLiteral("portico.ini")),
                                                 QSettings::IniFormat);
        m_profiles = std::make_unique<ProfileStore>(m_root.filePath(QStringLiteral("profiles")));
        m_app = std::make_unique<Application>(Application::Options {m_proxy->url(), {}}, m_credentials,
                                              *m_profiles, *m_settings);
    }

    void cleanupTestCase()
    {
        m_app.reset();
        m_proxy.reset();
        m_server.reset();
    }

    void signIn()
    {
        m_app->start();
        QTRY_VERIFY(m_app->loginDialog() && m_app->loginDialog()->isVisible());
        LoginDialog *login = m_app->loginDialog();
        // A wrong password is refused in the dialog, which stays.
        child<QLineEdit>(login, "login")->setText(QStringLiteral("rep1"));
        child<QLineEdit>(login, "password")->setText(QStringLiteral("wrong"));
        child<QPushButton>(login, "signIn")->click();
        // The inputs unlock once the server has answered.
        QTRY_VERIFY_WITH_TIMEOUT(child<QLineEdit>(login, "password")->isEnabled(), 10000);
        QVERIFY2(child<QLabel>(login, "message")->text().contains(QStringLiteral("password")),
                 qPrintable(child<QLabel>(login, "message")->text()));
        QVERIFY(!m_app->mainWindow());
        child<QLineEdit>(login, "password")->setText(QStringLiteral("demo"));
        child<QPushButton>(login, "signIn")->click();
        QTRY_VERIFY_WITH_TIMEOUT(window() && window()->isVisible(), 20000);
        QTRY_VERIFY(!m_app->loginDialog() || !m_app->loginDialog()->isVisible());
        window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window()));
        QTRY_VERIFY_WITH_TIMEOUT(workspace().lastSyncAt().isValid(), 60000);
        QCOMPARE(labelText(window(), "connection"), MainWindow::tr("Online"));
    }

    void chooseCustomerByTyping()
    {
        const QList<CustomerRow> customers
            = db([](QSqlDatabase &connection) { return CatalogQueries::customers(connection); });
        QVERIFY(!customers.isEmpty());
        // A customer with credit room, so that the orders below are not held for approval.
        CustomerRow wanted = customers.first();
        for (const CustomerRow &row : customers) {
            if (!row.blocked
                && (!row.creditLimit
                    || (row.credit && row.credit->available && row.credit->available->minor() > 5'000'000))) {
                wanted = row;
                break;
            }
        }
        auto *picker = child<QLineEdit>(window(), "customerPickerEdit");
        // The picker reads the customers the sync brought.
        QTRY_VERIFY_WITH_TIMEOUT(picker->completer()->model()->rowCount() > 0, 10000);
        picker->setFocus();
        picker->selectAll();
        QTest::keyClicks(picker, wanted.inn);
        // One customer has that INN: Enter chooses it. While the completion list is open it has
        // the keyboard, as it has on a desktop.
        QAbstractItemView *popup = picker->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QCOMPARE(picker->completer()->completionCount(), 1);
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_COMPARE(workspace().customer().customerId(), wanted.id);
    }

    void searchAndAddToCart()
    {
        // A word of the name finds it; the exact SKU puts it first.
        const QList<ProductRow> products = inStock(QStringLiteral("гипсокартон"), 1, 4);
        QVERIFY(!products.isEmpty());
        addFirstHit(products.first().sku, 4);
        QTRY_COMPARE(workspace().cart().lines().size(), 1);
        QCOMPARE(workspace().cart().lines().first().quantity, Quantity::fromInt(4));
        auto *navigation = child<QAbstractItemView>(window(), "navigation");
        QTRY_VERIFY(navigation->model()->index(1, 0).data().toString().contains(QLatin1Char('1')));
    }

    void pasteFromExcelWithOneBadRow()
    {
        const QList<ProductRow> products = inStock(QStringLiteral("шпаклёвка"), 2, 2);
        QCOMPARE(products.size(), 2);
        window()->showSection(MainWindow::Section::Cart);
        // Two columns as Excel puts them on the clipboard, a decimal comma, and a SKU nobody has.
        const QString pasted
            = QString(products.at(0).sku + QStringLiteral("\t2\r\n") + QStringLiteral("НЕТ-ТАКОГО-99\t1\r\n")
                      + products.at(1).sku + QStringLiteral("\t1,5\r\n"));
        QGuiApplication::clipboard()->setText(pasted);
        child<QPushButton>(window(), "pasteButton")->click();
        QTRY_COMPARE(workspace().cart().lines().size(), 3);
        QWidget *report = nullptr;
        QTRY_VERIFY((report = visibleTopLevel("importReport")) != nullptr);
        auto *problems = child<QAbstractItemView>(report, "importProblems");
        QCOMPARE(problems->model()->rowCount(), 1);
        bool namesTheRow = false;
        for (int column = 0; column < problems->model()->columnCount(); ++column)
            namesTheRow |= problems->model()->index(0, column).data().toString().contains(
                QStringLiteral("НЕТ-ТАКОГО-99"));
        QVERIFY(namesTheRow);
        report->close();
    }

    void submitWhileTheServerIsDown()
    {
        m_server->kill();
        QTRY_COMPARE_WITH_TIMEOUT(labelText(window(), "connection"), MainWindow::tr("Offline"), 15000);
        QTRY_VERIFY(child<QWidget>(window(), "offlineBanner")->isVisible());
        const QString comment = QStringLiteral("queued while offline");
        workspace().cart().setComment(comment);
        QTRY_VERIFY(!workspace().cart().isSaving());
        const Id orderId = workspace().cart().draftId();
        QVERIFY(!orderId.isNull());
        submitFromTheCart();
        QTRY_VERIFY_WITH_TIMEOUT(
            order(orderId) && order(orderId)->localState == LocalOrder::LocalState::Queued, 10000);
        QTRY_VERIFY(workspace().cart().isEmpty());
        const QString message = labelText(window(), "cartMessage");
        QVERIFY2(message.contains(QStringLiteral("queued"), Qt::CaseInsensitive), qPrintable(message));
        QTRY_VERIFY_WITH_TIMEOUT(labelText(window(), "pending").contains(QLatin1Char('1')), 10000);
        m_queued = orderId;
    }

    void serverBackAcceptsTheOrder()
    {
        QVERIFY(m_server->start());
        m_proxy->setUpstreamPort(m_server->port());
        QTRY_VERIFY_WITH_TIMEOUT(
            order(m_queued) && order(m_queued)->localState == LocalOrder::LocalState::Uploaded, 30000);
        const LocalOrder accepted = *order(m_queued);
        QCOMPARE(accepted.order.status, OrderStatus::Accepted);
        QVERIFY(!accepted.order.number.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!child<QWidget>(window(), "offlineBanner")->isVisible(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(labelText(window(), "pending"), MainWindow::tr("Everything uploaded"),
                                  15000);

        // The orders list shows it with the server's number.
        window()->showSection(MainWindow::Section::Orders);
        auto *orders = child<QAbstractItemView>(window(), "ordersView");
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int row = 0; row < orders->model()->rowCount(); ++row)
                    if (orders->model()->index(row, 0).data().toString() == accepted.order.number)
                        return true;
                return false;
            }(),
            10000);
    }

    void aPriceChangedOnTheServerComesBackAsChanges()
    {
        // The desktop still believes an older, lower price for one product: as if the price had
        // gone up on the server after the last sync.
        const QList<ProductRow> products = inStock(QStringLiteral("штукатурка"), 1, 2);
        QCOMPARE(products.size(), 1);
        const Id productId = products.first().id;
        const Id priceTypeId = workspace().customer().priceTypeId();
        db([productId, priceTypeId](QSqlDatabase &connection) {
            QSqlQuery update(connection);
            update.prepare(QStringLiteral(
                "UPDATE price SET unit_price_minor = unit_price_minor / 2, "
                "data = json_set(data, '$.unit_price', printf('%d.%02d', (unit_price_minor / 2) / 100, "
                "(unit_price_minor / 2) % 100)) WHERE product_id = ? AND price_type_id = ?"));
            update.addBindValue(productId.toString(QUuid::WithoutBraces));
            update.addBindValue(priceTypeId.toString(QUuid::WithoutBraces));
            if (!update.exec() || update.numRowsAffected() != 1)
                qFatal("the cached price was not changed");
        });
        window()->showSection(MainWindow::Section::Catalog);
        addFirstHit(products.first().sku, 2);
        QTRY_COMPARE(workspace().cart().lines().size(), 1);
        QTRY_VERIFY(!workspace().cart().isSaving());
        const Id orderId = workspace().cart().draftId();
        submitFromTheCart();
        QTRY_VERIFY_WITH_TIMEOUT(
            order(orderId) && order(orderId)->localState == LocalOrder::LocalState::Uploaded, 30000);
        QCOMPARE(order(orderId)->order.status, OrderStatus::AcceptedWithChanges);

        // The orders page shows both versions; the rep accepts the changes.
        window()->showSection(MainWindow::Section::Orders);
        auto *orders = child<QAbstractItemView>(window(), "ordersView");
        QTRY_VERIFY_WITH_TIMEOUT(orders->model()->rowCount() > 0, 10000);
        int row = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int r = 0; r < orders->model()->rowCount(); ++r)
                    if (orders->model()->index(r, 0).data().toString() == order(orderId)->order.number)
                        row = r;
                return row >= 0;
            }(),
            10000);
        orders->setCurrentIndex(orders->model()->index(row, 0));
        QTRY_VERIFY(
            labelText(window(), "detailOutcome").contains(QStringLiteral("change"), Qt::CaseInsensitive));
        auto *comparison = child<QAbstractItemView>(window(), "detailComparison");
        QTRY_VERIFY(comparison->model()->rowCount() >= 1);
    }

    void aRestartOfflineOpensStraightOntoTheCache()
    {
        // The program ends, the server is gone, the program starts again: the session is in the
        // keychain and the profile was the last one used, so the window opens at once on the
        // cached catalog, says it is offline, and keeps the orders.
        const qsizetype orders
            = db([](QSqlDatabase &connection) { return LocalOrders::list(connection).size(); });
        m_app.reset();
        m_server->kill();
        m_app = std::make_unique<Application>(Application::Options {m_proxy->url(), {}}, m_credentials,
                                              *m_profiles, *m_settings);
        m_app->start();
        QTRY_VERIFY_WITH_TIMEOUT(window() && window()->isVisible(), 10000);
        QVERIFY(!m_app->loginDialog() || !m_app->loginDialog()->isVisible());
        auto *table = child<QTableView>(window(), "products");
        QTRY_VERIFY(table->model()->rowCount() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(child<QWidget>(window(), "offlineBanner")->isVisible(), 15000);
        QCOMPARE(db([](QSqlDatabase &connection) { return LocalOrders::list(connection).size(); }), orders);
    }

    void aProfileFromElsewhereIsTheOneSignedIn()
    {
        // A profile opened with --profile from outside the profiles folder, whose session is not
        // in the keychain: the sign-in dialog offers that profile (and working offline in it),
        // and signing in uses it instead of making a new one in the profiles folder.
        ProfileStore elsewhere(m_root.filePath(QStringLiteral("elsewhere")));
        QString error;
        const Profile outside = elsewhere.create(m_proxy->url(), QStringLiteral("manager"), &error);
        QVERIFY2(!outside.dir.isEmpty(), qPrintable(error));
        QVERIFY(!m_profiles->find(m_proxy->url(), QStringLiteral("manager")));
        m_app.reset();
        m_app = std::make_unique<Application>(Application::Options {m_proxy->url(), outside.dir},
                                              m_credentials, *m_profiles, *m_settings);
        m_app->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_app->loginDialog() && m_app->loginDialog()->isVisible(), 10000);
        LoginDialog *login = m_app->loginDialog();
        QVERIFY2(child<QComboBox>(login, "profile")->currentText().contains(QStringLiteral("manager")),
                 qPrintable(child<QComboBox>(login, "profile")->currentText()));
        QVERIFY(child<QPushButton>(login, "offline")->isEnabled());
        child<QLineEdit>(login, "password")->setText(QStringLiteral("demo"));
        child<QPushButton>(login, "signIn")->click();
        // The server is down (the test before killed it): the attempt fails, in that profile.
        QTRY_VERIFY_WITH_TIMEOUT(child<QLineEdit>(login, "password")->isEnabled(), 20000);
        QVERIFY(!m_profiles->find(m_proxy->url(), QStringLiteral("manager")));
        QCOMPARE(workspace().profile().dir, outside.dir);
    }

private:
    Id m_queued;
};

QTEST_MAIN(TestWorkflow)
#include "tst_workflow.moc"
