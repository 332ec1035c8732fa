// portico-screenshot-tour: walks the desktop client through a rep's day against a demo server
// and saves a picture of each main screen, for docs/USER_GUIDE.md.
//
//   portico-screenshot-tour --out DIR [--language ru] [--translations DIR] [--products N]
//
// It starts `portico-server demo` itself, signs in through the real sign-in dialog as rep1,
// lets the first sync finish, and then drives the window the way a user would: a group of the
// catalog, a search, a product card, a cart with three lines, the orders with one open, the
// customers, a warehouse terminal (warehouse1: the pick lists and a scan), and finally the
// server stopped (the offline banner). scripts/screenshots runs it
// under Xvfb with a real X server, once in English and once in Russian.
#include "application.h"
#include "cache/cachedatabase.h"
#include "catalog/catalogpage.h"
#include "catalog/productcarddialog.h"
#include "fakecredentialstore.h"
#include "logindialog.h"
#include "mainwindow.h"
#include "models/producttablemodel.h"
#include "sync/syncengine.h"
#include "testserver.h"
#include "translations.h"
#include "typetext.h"
#include "warehouse/picklistspage.h"
#include "warehouse/pickpage.h"
#include "warehouse/terminalview.h"
#include "workspace/cart.h"
#include "workspace/customercontext.h"
#include "workspace/workspace.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCommandLineParser>
#include <QCompleter>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <cstdio>

using namespace portico;
using namespace portico::client;

namespace {

void idle(int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 30000)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        idle(20);
    }
    return true;
}

class Tour final
{
public:
    explicit Tour(QString out)
        : m_out(std::move(out))
    { }

    void shoot(QWidget *widget, const QString &name)
    {
        idle(400); // let every pending repaint and fetch land
        const QString path = QDir(m_out).filePath(name + QStringLiteral(".png"));
        if (!widget->grab().save(path))
            std::fprintf(stderr, "could not save %s\n", qPrintable(path));
        else
            std::printf("%s\n", qPrintable(path));
    }

private:
    QString m_out;
};

template<typename T>
T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QLatin1String(name));
}

int fail(const char *what)
{
    std::fprintf(stderr, "screenshot tour: %s\n", what);
    return 1;
}

// A warehouse terminal on the same server: warehouse1 signs in, asks for new pick lists, opens
// the first and scans the first line's barcode as a scanner types it. Null when all went well.
const char *terminalTour(const QUrl &server, Tour &tour)
{
    QTemporaryDir root;
    QSettings settings(root.filePath(QStringLiteral("portico.ini")), QSettings::IniFormat);
    ProfileStore profiles(root.filePath(QStringLiteral("profiles")));
    test::FakeCredentialStore credentials;
    Application portico({server, {}}, credentials, profiles, settings);
    portico.start();
    if (!waitUntil([&] { return portico.loginDialog() && portico.loginDialog()->isVisible(); }))
        return "no sign-in dialog for the terminal";
    LoginDialog *login = portico.loginDialog();
    child<QLineEdit>(login, "login")->setText(QStringLiteral("warehouse1"));
    child<QLineEdit>(login, "password")->setText(QStringLiteral("demo"));
    child<QPushButton>(login, "signIn")->click();
    if (!waitUntil([&] { return portico.mainWindow() != nullptr; }))
        return "the terminal's window did not open";
    MainWindow *window = portico.mainWindow();
    window->resize(1280, 780);
    TerminalView *terminal = window->terminal();
    if (!terminal)
        return "warehouse1 got no terminal";
    if (!waitUntil([&] { return portico.workspace()->lastSyncAt().isValid(); }, 120000))
        return "the terminal's first sync did not finish";

    Q_EMIT terminal->pickListsPage()->newPickListsRequested();
    if (!waitUntil([&] { return !terminal->pickListsPage()->lists().isEmpty(); }))
        return "no pick lists for warehouse1";
    tour.shoot(window, QStringLiteral("09-pick-lists"));

    terminal->openPickList(terminal->pickListsPage()->lists().constFirst().id);
    PickPage *pick = terminal->pickPage();
    if (!waitUntil([&] { return !pick->pickList().lines.isEmpty(); }))
        return "the pick list did not open";
    const PickLine line = pick->pickList().lines.constFirst();
    const QString barcode = portico.workspace()->cache().run([&](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT barcode FROM product_barcode WHERE product_id = ? LIMIT 1"));
        q.addBindValue(line.productId);
        q.exec();
        return q.next() ? q.value(0).toString() : line.sku;
    });
    window->activateWindow();
    idle(300);
    QWidget *focus = QApplication::focusWidget() ? QApplication::focusWidget() : terminal;
    QTest::keyClicks(focus, barcode); // a scanner types the whole code at once
    QTest::keyClick(focus, Qt::Key_Return);
    waitUntil([&] { return pick->lastFeedback().has_value(); }, 5000);
    tour.shoot(window, QStringLiteral("10-terminal-scan"));
    return nullptr;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Portico"));
    QCommandLineParser parser;
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Folder for the pictures."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption language(QStringLiteral("language"), QStringLiteral("en or ru."),
                                      QStringLiteral("CODE"), QStringLiteral("en"));
    const QCommandLineOption translationsFolder(
        QStringLiteral("translations"), QStringLiteral("Folder of portico_*.qm."), QStringLiteral("DIR"));
    const QCommandLineOption products(QStringLiteral("products"), QStringLiteral("Demo catalog size."),
                                      QStringLiteral("N"), QStringLiteral("5000"));
    parser.addOptions({out, language, translationsFolder, products});
    parser.addHelpOption();
    parser.process(app);
    if (!parser.isSet(out))
        return fail("--out is required");
    QDir().mkpath(parser.value(out));

    Translations translations;
    if (!translations.install(QLocale(parser.value(language)), {parser.value(translationsFolder)}))
        return fail("the translation could not be loaded");

    test::TestServer server({QStringLiteral("--products"), parser.value(products)}, QStringLiteral("demo"));
    if (!server.start(120000))
        return fail("the demo server did not start");

    QTemporaryDir root;
    QSettings settings(root.filePath(QStringLiteral("portico.ini")), QSettings::IniFormat);
    ProfileStore profiles(root.filePath(QStringLiteral("profiles")));
    test::FakeCredentialStore credentials;
    Application portico({server.url(), {}}, credentials, profiles, settings);
    Tour tour(parser.value(out));

    // Sign in through the dialog.
    portico.start();
    if (!waitUntil([&] { return portico.loginDialog() && portico.loginDialog()->isVisible(); }))
        return fail("no sign-in dialog");
    LoginDialog *login = portico.loginDialog();
    child<QLineEdit>(login, "login")->setText(QStringLiteral("rep1"));
    child<QLineEdit>(login, "password")->setText(QStringLiteral("demo"));
    tour.shoot(login, QStringLiteral("01-sign-in"));
    child<QPushButton>(login, "signIn")->click();
    if (!waitUntil([&] { return portico.mainWindow() != nullptr; }))
        return fail("the main window did not open");
    MainWindow *window = portico.mainWindow();
    Workspace *workspace = portico.workspace();
    window->resize(1280, 780);
    if (!waitUntil([&] { return workspace->lastSyncAt().isValid(); }, 120000))
        return fail("the first sync did not finish");

    // A customer to order for: the first of the rep's, chosen through the picker.
    auto *picker = window->findChild<QLineEdit *>(QStringLiteral("customerPickerEdit"));
    if (!waitUntil([&] { return workspace->customer().hasCustomer() || picker; }))
        return fail("no customer picker");
    if (!workspace->customer().hasCustomer() && picker) {
        // The customers the first sync brought, then a few letters and the first match.
        waitUntil([&] { return picker->completer()->model()->rowCount() > 0; }, 10000);
        picker->setFocus();
        portico::test::typeText(picker, QStringLiteral("о"));
        QAbstractItemView *matches = picker->completer()->popup();
        waitUntil([&] { return matches->isVisible(); }, 5000);
        QTest::keyClick(matches, Qt::Key_Down);
        QTest::keyClick(matches, Qt::Key_Return);
        waitUntil([&] { return workspace->customer().hasCustomer(); }, 5000);
    }

    // The catalog: a group with products, then a search, then a product card.
    window->showSection(MainWindow::Section::Catalog);
    auto *groups = window->findChild<QTreeView *>(QStringLiteral("catalogGroups"));
    auto *table = window->findChild<QTableView *>(QStringLiteral("products"));
    if (!groups || !table)
        return fail("no catalog views");
    waitUntil([&] { return groups->model()->rowCount() > 0; });
    const QModelIndex first = groups->model()->index(0, 0);
    groups->expand(first);
    idle(300);
    const QModelIndex leafParent = groups->model()->index(0, 0, first);
    groups->expand(leafParent);
    idle(300);
    const QModelIndex leaf = groups->model()->index(0, 0, leafParent);
    groups->setCurrentIndex(leaf.isValid() ? leaf : (leafParent.isValid() ? leafParent : first));
    waitUntil([&] { return table->model()->rowCount() > 0; });
    table->selectRow(1);
    tour.shoot(window, QStringLiteral("02-catalog"));

    auto *search = window->findChild<QLineEdit *>(QStringLiteral("catalogSearch"));
    search->setFocus();
    portico::test::typeText(search, QStringLiteral("гипсокартон"));
    idle(800);
    table->selectRow(0);
    tour.shoot(window, QStringLiteral("03-search"));

    // The card of a product with several pictures, found by its SKU.
    const QString pictured = workspace->cache().run([](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT sku FROM product WHERE json_array_length(data, '$.images') > 2 "
                              "ORDER BY instr(name_key, 'гипсокартон') = 0, rid LIMIT 1"));
        return q.next() ? q.value(0).toString() : QString();
    });
    if (!pictured.isEmpty()) {
        search->clear();
        portico::test::typeText(search, pictured);
        idle(800);
        table->selectRow(0);
    }
    auto *catalog = window->findChild<CatalogPage *>();
    catalog->openProductCard();
    if (waitUntil([&] { return catalog->productCard() && catalog->productCard()->isVisible(); }, 5000)) {
        waitUntil([&] { return catalog->productCard()->hasImage(); }, 5000);
        tour.shoot(catalog->productCard(), QStringLiteral("04-product-card"));
        catalog->productCard()->close();
    }

    // The cart: three products, a comment.
    QTest::keyClick(search, Qt::Key_Escape); // as a user clears the search: back to the group
    idle(400);
    for (int row = 0; row < std::min(3, table->model()->rowCount()); ++row) {
        const QModelIndex index = table->model()->index(row, 0);
        const QVariant id = index.data(ProductTableModel::ProductIdRole);
        workspace->cart().add(id.value<Id>(), Quantity::fromInt(row + 2));
    }
    workspace->cart().setComment(parser.value(language) == QLatin1String("ru")
                                     ? QStringLiteral("Разгрузка у дальних ворот, пожалуйста.")
                                     : QStringLiteral("Delivery to the back gate, please."));
    window->showSection(MainWindow::Section::Cart);
    waitUntil([&] { return workspace->cart().priced().has_value(); }, 5000);
    tour.shoot(window, QStringLiteral("05-cart"));

    // The orders, the first one open.
    window->showSection(MainWindow::Section::Orders);
    auto *orders = window->findChild<QAbstractItemView *>(QStringLiteral("ordersView"));
    if (orders) {
        waitUntil([&] { return orders->model()->rowCount() > 0; });
        orders->setCurrentIndex(orders->model()->index(0, 0));
    }
    tour.shoot(window, QStringLiteral("06-orders"));

    // The customers, the one being ordered for open: its card with the last orders and documents.
    window->showSection(MainWindow::Section::Customers);
    if (auto *customers = window->findChild<QAbstractItemView *>(QStringLiteral("customersView"))) {
        waitUntil([&] { return customers->model()->rowCount() > 0; });
        customers->setCurrentIndex(customers->model()->index(0, 0));
        auto *documents = window->findChild<QTreeWidget *>(QStringLiteral("customerDocuments"));
        waitUntil([&] { return documents && documents->topLevelItemCount() > 0; }, 5000);
    }
    tour.shoot(window, QStringLiteral("07-customers"));

    if (const char *error = terminalTour(server.url(), tour))
        return fail(error);
    window->activateWindow();

    // The server goes away: the banner says so, and how old the data is.
    server.kill();
    window->showSection(MainWindow::Section::Catalog);
    waitUntil(
        [&] {
            auto *banner = window->findChild<QWidget *>(QStringLiteral("offlineBanner"));
            return banner && banner->isVisible();
        },
        20000);
    tour.shoot(window, QStringLiteral("08-offline"));
    return 0;
}
