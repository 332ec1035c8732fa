#include "mainwindow.h"

#include "admin/adminpage.h"
#include "cache/cachedatabase.h"
#include "cart/cartpage.h"
#include "catalog/catalogpage.h"
#include "catalog/productcarddialog.h"
#include "customers/customerpicker.h"
#include "customers/customerspage.h"
#include "domain/user.h"
#include "orders/orderspage.h"
#include "sync/session.h"
#include "update/releaseadmin.h"
#include "update/updatebanner.h"
#include "update/updater.h"
#include "warehouse/picklistrequest.h"
#include "warehouse/scannerfilter.h"
#include "warehouse/terminalview.h"
#include "workspace/cart.h"
#include "workspace/customercontext.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace portico::client {

namespace {

QString shortDateTime(const QDateTime &utc)
{
    const QDateTime local = utc.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

} // namespace

MainWindow::MainWindow(Workspace &workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(workspace)
{
    setWindowTitle(tr("Portico — %1").arg(m_workspace.displayName()));
    setWindowIcon(QIcon(QStringLiteral(":/icons/portico.svg")));
    resize(1280, 800);

    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);

    m_banner = new QWidget(central);
    m_banner->setObjectName(QStringLiteral("offlineBanner"));
    m_banner->setAutoFillBackground(true);
    m_banner->setStyleSheet(
        QStringLiteral("#offlineBanner { background: #fff3c4; border-bottom: 1px solid #e0c060; }"
                       "#offlineBanner QLabel { color: #5a4400; font-weight: bold; }"));
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(12, 8, 12, 8);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setObjectName(QStringLiteral("offlineBannerText"));
    m_bannerText->setWordWrap(true);
    bannerLayout->addWidget(m_bannerText, 1);
    m_bannerAction = new QPushButton(tr("Sign in…"), m_banner);
    bannerLayout->addWidget(m_bannerAction);
    m_banner->hide();
    outer->addWidget(m_banner);
    m_updateBanner = new UpdateBanner(central);
    outer->addWidget(m_updateBanner);

    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(180);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setStyleSheet(
        QStringLiteral("QListWidget { background: palette(window); padding: 8px 4px; }"
                       "QListWidget::item { padding: 8px 6px; }"));
    body->addWidget(m_navigation);
    m_pages = new QStackedWidget(central);
    body->addWidget(m_pages, 1);
    outer->addLayout(body, 1);
    setCentralWidget(central);

    // Warehouse staff get the terminal instead of the ordering pages (built once the status bar
    // it reports into exists); everyone else gets the ordering pages and the customer toolbar.
    const bool terminal = m_workspace.role() == Role::Warehouse;
    if (!terminal)
        buildOrderingPages();
    if (m_workspace.role() == Role::Admin) {
        m_releaseAdmin = new ReleaseAdmin(m_workspace.network(), m_workspace.session(), this);
        m_admin = new AdminPage(
            *m_releaseAdmin,
            [this](const QString &installer, const QJsonObject &manifest, const QJsonObject &keys) {
                return new ReleaseUpload(m_workspace.network(), m_workspace.session(), installer, manifest,
                                         keys);
            },
            m_pages);
        addSection(Section::Admin, tr("Updates"), QStringLiteral("updates"), m_admin);
    }
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    buildMenus();
    buildStatusBar();
    connectPages();

    m_reloadDebounce.setSingleShot(true);
    m_reloadDebounce.setInterval(400);
    connect(&m_reloadDebounce, &QTimer::timeout, this, &MainWindow::reloadPages);
    m_clock.setInterval(std::chrono::seconds(30));
    connect(&m_clock, &QTimer::timeout, this, &MainWindow::showConnection);
    m_clock.start();

    m_navigation->setCurrentRow(0);
    showConnection();
    showSyncState();
    showLastSync();
    updateCartTitle();
    showUpdateRequirement();
    if (terminal)
        buildTerminal();
}

void MainWindow::buildOrderingPages()
{
    CacheDatabase &cache = m_workspace.cache();
    CustomerContext &customer = m_workspace.customer();
    m_catalog = new CatalogPage(cache, customer, m_pages);
    m_catalog->setProductImages(&m_workspace.productImages());
    m_cart = new CartPage(m_workspace.cart(), cache, customer, m_pages);
    m_orders = new OrdersPage(cache, customer, m_pages);
    addSection(Section::Catalog, tr("Catalog"), QStringLiteral("catalog"), m_catalog);
    addSection(Section::Cart, tr("Cart"), QStringLiteral("cart"), m_cart);
    addSection(Section::Orders, tr("Orders"), QStringLiteral("orders"), m_orders);
    if (m_workspace.choosesCustomer()) {
        m_customers = new CustomersPage(cache, customer, m_pages);
        addSection(Section::Customers, tr("Customers"), QStringLiteral("customers"), m_customers);
    }

    auto *toolbar = addToolBar(tr("Ordering for"));
    toolbar->setObjectName(QStringLiteral("customerToolbar"));
    toolbar->setMovable(false);
    auto *orderingFor = new QLabel(tr("Ordering for:"), toolbar);
    orderingFor->setContentsMargins(8, 0, 6, 0);
    toolbar->addWidget(orderingFor);
    m_customerPicker = new CustomerPicker(cache, customer, toolbar);
    m_customerPicker->setMinimumWidth(360);
    orderingFor->setBuddy(m_customerPicker);
    toolbar->addWidget(m_customerPicker);
}

MainWindow::~MainWindow() = default;

void MainWindow::addSection(Section section, const QString &title, const QString &icon, QWidget *page)
{
    auto *item = new QListWidgetItem(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), title, m_navigation);
    item->setData(Qt::UserRole, int(section));
    m_pages->addWidget(page);
    m_sections.append(section);
}

void MainWindow::showSection(Section section)
{
    const auto index = m_sections.indexOf(section);
    if (index < 0)
        return;
    m_navigation->setCurrentRow(int(index));
    m_pages->currentWidget()->setFocus();
}

MainWindow::Section MainWindow::currentSection() const
{
    const int row = m_navigation->currentRow();
    return row >= 0 && row < m_sections.size() ? m_sections.at(row) : Section::Catalog;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *syncNow = file->addAction(tr("&Sync now"), this, [this] { m_workspace.engine().syncNow(); });
    syncNow->setShortcut(QKeySequence::Refresh);
    QAction *settings = file->addAction(tr("S&ettings…"), this, &MainWindow::settingsRequested);
    settings->setShortcut(QKeySequence(tr("Ctrl+,")));
    settings->setMenuRole(QAction::PreferencesRole);
    file->addAction(tr("Switch &profile…"), this, &MainWindow::switchProfileRequested);
    file->addAction(tr("Sign &out"), this, [this] {
        const auto answer = QMessageBox::question(this, tr("Sign out"),
                                                  tr("Sign out of %1? Orders waiting to upload stay on this "
                                                     "computer and go once you sign in again.")
                                                      .arg(m_workspace.profile().server.toDisplayString()));
        if (answer == QMessageBox::Yes)
            Q_EMIT signOutRequested();
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    // Go: the ordering pages (a terminal has none).
    if (m_customerPicker)
        buildGoMenu();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Portico"), this, [this] {
        QMessageBox::about(
            this, tr("About Portico"),
            tr("Portico %1\nOrdering portal client.\nServer: %2")
                .arg(QApplication::applicationVersion(), m_workspace.profile().server.toDisplayString()));
    });
}

void MainWindow::buildGoMenu()
{
    QMenu *go = menuBar()->addMenu(tr("&Go"));
    for (int i = 0; i < m_sections.size(); ++i) {
        const Section section = m_sections.at(i);
        QAction *action
            = go->addAction(m_navigation->item(i)->text(), this, [this, section] { showSection(section); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    go->addSeparator();
    QAction *chooseCustomer = go->addAction(tr("Choose &customer"), this,
                                            [this] { m_customerPicker->setFocus(Qt::ShortcutFocusReason); });
    chooseCustomer->setShortcut(QKeySequence(tr("Ctrl+K")));
    m_customerPicker->setShortcutHint(chooseCustomer->shortcut());
    chooseCustomer->setEnabled(m_workspace.choosesCustomer());
}

void MainWindow::buildStatusBar()
{
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connection"));
    statusBar()->addWidget(m_connectionLabel);
    m_lastSyncLabel = new QLabel(this);
    m_lastSyncLabel->setObjectName(QStringLiteral("lastSync"));
    statusBar()->addWidget(m_lastSyncLabel);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    m_pendingLabel = new QLabel(this);
    m_pendingLabel->setObjectName(QStringLiteral("pending"));
    statusBar()->addPermanentWidget(m_pendingLabel);
}

void MainWindow::connectPages()
{
    SyncEngine &engine = m_workspace.engine();
    connect(&m_workspace.serverStatus(), &ServerStatusMonitor::statusChanged, this,
            &MainWindow::showConnection);
    connect(&engine, &SyncEngine::stateChanged, this, &MainWindow::showSyncState);
    connect(&engine, &SyncEngine::progress, this, &MainWindow::showProgress);
    connect(&engine, &SyncEngine::outboxCountsChanged, this, &MainWindow::showPending);
    connect(&engine, &SyncEngine::dataChanged, this, [this] { m_reloadDebounce.start(); });
    connect(&m_workspace, &Workspace::lastSyncChanged, this, &MainWindow::showLastSync);
    connect(&m_workspace, &Workspace::userChanged, this,
            [this] { setWindowTitle(tr("Portico — %1").arg(m_workspace.displayName())); });
    connect(m_bannerAction, &QPushButton::clicked, this, &MainWindow::signInRequested);
    connect(&m_workspace, &Workspace::updateRequirementChanged, this, &MainWindow::showUpdateRequirement);
    if (m_admin)
        connect(m_navigation, &QListWidget::currentRowChanged, this, [this] {
            if (currentSection() == Section::Admin)
                m_admin->reload();
        });

    if (!m_catalog)
        return; // the terminal connects its own
    connect(&engine, &SyncEngine::orderChanged, m_orders, &OrdersPage::reload);
    Cart &cart = m_workspace.cart();
    connect(m_catalog, &CatalogPage::addToCartRequested, &cart,
            qOverload<const Id &, const Quantity &>(&Cart::add));
    connect(&cart, &Cart::changed, this, &MainWindow::updateCartTitle);
    connect(m_cart, &CartPage::orderSubmitted, this, [this] {
        m_workspace.engine().outboxChanged();
        m_orders->reload();
    });
    connect(m_orders, &OrdersPage::reorderRequested, this, [this](const QList<DraftLine> &lines) {
        m_workspace.cart().setLines(lines);
        showSection(Section::Cart);
    });
    connect(m_orders, &OrdersPage::openDraftRequested, this, [this](const Id &orderId) {
        m_workspace.cart().open(orderId);
        showSection(Section::Cart);
    });
    connect(m_orders, &OrdersPage::outboxChanged, &engine, &SyncEngine::outboxChanged);
    if (m_customers)
        connect(m_customers, &CustomersPage::orderForCustomerRequested, this,
                [this] { showSection(Section::Catalog); });
}

void MainWindow::reloadPages()
{
    if (!m_catalog)
        return;
    m_workspace.cart().reprice();
    m_customerPicker->reload();
    m_catalog->reload();
    m_orders->reload();
    if (m_customers)
        m_customers->reload();
}

void MainWindow::updateCartTitle()
{
    const auto index = m_sections.indexOf(Section::Cart);
    if (index < 0)
        return;
    const qsizetype lines = m_workspace.cart().lines().size();
    m_navigation->item(int(index))->setText(lines == 0 ? tr("Cart") : tr("Cart (%n)", nullptr, int(lines)));
}

void MainWindow::showConnection()
{
    const SyncEngine::State syncState = m_workspace.engine().state();
    const ServerStatusMonitor::Status status = m_workspace.serverStatus().status();
    const bool signInRequired = syncState == SyncEngine::State::SignInRequired
        || m_workspace.session().state() == Session::State::SignedOut;
    const bool offline
        = status == ServerStatusMonitor::Status::Offline || syncState == SyncEngine::State::Offline;
    switch (status) {
    case ServerStatusMonitor::Status::Unknown:
        m_connectionLabel->setText(tr("Connecting…"));
        break;
    case ServerStatusMonitor::Status::Online:
        m_connectionLabel->setText(tr("Online"));
        break;
    case ServerStatusMonitor::Status::Offline:
        m_connectionLabel->setText(tr("Offline"));
        break;
    }
    const QDateTime asOf = m_workspace.dataAsOf();
    const QString age = asOf.isValid() ? shortDateTime(asOf) : tr("never synced");
    if (offline) {
        m_bannerText->setText(
            tr("Offline — prices and stock as of %1. Orders you submit are queued and upload "
               "when the connection returns.")
                .arg(age));
        m_bannerAction->setVisible(false);
        m_banner->show();
    } else if (signInRequired) {
        m_bannerText->setText(
            tr("Not signed in — prices and stock as of %1. Orders you submit are kept on this "
               "computer until you sign in.")
                .arg(age));
        m_bannerAction->setVisible(true);
        m_banner->show();
    } else {
        m_banner->hide();
    }
    if (auto *page = m_cart)
        page->setOnline(!offline && !signInRequired);
}

void MainWindow::buildTerminal()
{
    m_terminal = new TerminalView(m_workspace.cache(), {}, m_pages);
    m_pages->addWidget(m_terminal);
    m_pages->setCurrentWidget(m_terminal);
    m_navigation->hide();
    m_pickListRequest
        = new PickListRequest(m_workspace.cache(), m_workspace.network(), m_workspace.session(), this);
    SyncEngine &engine = m_workspace.engine();
    connect(m_terminal, &TerminalView::outboxChanged, &engine, &SyncEngine::outboxChanged);
    connect(m_terminal, &TerminalView::syncRequested, &engine, &SyncEngine::syncNow);
    connect(&engine, &SyncEngine::orderChanged, m_terminal, [this] { m_terminal->reload(); });
    connect(&engine, &SyncEngine::dataChanged, m_terminal, [this] { m_terminal->reload(); });
    connect(&engine, &SyncEngine::outboxCountsChanged, this, &MainWindow::showTerminalStatus);
    connect(&m_workspace.serverStatus(), &ServerStatusMonitor::statusChanged, this,
            &MainWindow::showTerminalStatus);
    connect(m_terminal, &TerminalView::newPickListsRequested, this, [this] {
        const QString warehouse = m_workspace.user().value(QStringLiteral("warehouse_id")).toString();
        if (warehouse.isEmpty()) {
            m_terminal->setMessage(tr("Your user has no warehouse: ask an administrator."));
            return;
        }
        m_terminal->setMessage(tr("Asking the server for new pick lists…"));
        m_pickListRequest->start(warehouse);
    });
    connect(m_pickListRequest, &PickListRequest::finished, this, [this](int created, const ApiError &error) {
        if (!error.ok())
            m_terminal->setMessage(tr("No new pick lists: %1").arg(error.message));
        else if (created == 0)
            m_terminal->setMessage(tr("No accepted orders wait for picking."));
        else
            m_terminal->setMessage(tr("%n new pick list(s).", nullptr, created));
        m_terminal->reload();
    });
    showTerminalStatus();
    m_terminal->setFocus();
}

void MainWindow::setScannerThresholds(ScanRecogniser::Thresholds thresholds)
{
    if (m_terminal)
        m_terminal->scanner().setThresholds(thresholds);
}

void MainWindow::showTerminalStatus()
{
    if (!m_terminal)
        return;
    const bool online = m_workspace.serverStatus().status() == ServerStatusMonitor::Status::Online;
    m_terminal->setStatusText(
        tr("%1 · %2 · %3")
            .arg(m_workspace.displayName(), online ? tr("Online") : tr("Offline"), m_pendingLabel->text()));
}

void MainWindow::showSyncState()
{
    const bool syncing = m_workspace.engine().state() == SyncEngine::State::Syncing;
    m_progress->setVisible(syncing);
    if (syncing) {
        m_progress->setValue(0);
        m_progress->setFormat(tr("Syncing…"));
    }
    showConnection();
}

void MainWindow::showProgress(const SyncProgress &progress)
{
    m_progress->setVisible(true);
    m_progress->setValue(int(progress.fraction() * 1000));
    const qint64 remaining = progress.remainingMs();
    if (remaining > 1500)
        m_progress->setFormat(tr("Syncing: %p% (about %n s left)", nullptr, int((remaining + 999) / 1000)));
    else
        m_progress->setFormat(tr("Syncing: %p%"));
}

void MainWindow::showPending(int pending, int failed)
{
    QStringList parts;
    if (pending > 0)
        parts << tr("%n action(s) waiting to upload", nullptr, pending);
    if (failed > 0)
        parts << tr("%n refused by the server", nullptr, failed);
    m_pendingLabel->setText(parts.isEmpty() ? tr("Everything uploaded") : parts.join(QStringLiteral(" · ")));
}

void MainWindow::showLastSync()
{
    const QDateTime last = m_workspace.lastSyncAt();
    m_lastSyncLabel->setText(last.isValid() ? tr("Last sync: %1").arg(shortDateTime(last))
                                            : tr("Not synced yet"));
    showConnection();
}

// Below the server's minimum version: a banner that says so, and the cart refuses to submit
// (drafts stay, and what waits in the outbox is kept for after the update).
void MainWindow::showUpdateRequirement()
{
    if (!m_workspace.updateRequired()) {
        m_updateBanner->clearRequired();
        if (m_cart)
            m_cart->setSubmitBlocked({});
        return;
    }
    const QString version = m_workspace.requiredVersion();
    // The offer that came with the refusal goes through the same checks as any other.
    if (m_updater && !m_workspace.requiredUpdate().isEmpty())
        m_updater->consider(m_workspace.requiredUpdate());
    m_updateBanner->showRequired(version, m_updater && m_updater->release().has_value());
    if (m_cart)
        m_cart->setSubmitBlocked(UpdateBanner::requiredMessage(version));
}

void MainWindow::setUpdater(Updater *updater)
{
    m_updater = updater;
    if (!updater)
        return;
    connect(updater, &Updater::stateChanged, this, &MainWindow::showUpdateState);
    connect(updater, &Updater::progress, m_updateBanner, &UpdateBanner::showProgress);
    connect(m_updateBanner, &UpdateBanner::installRequested, updater, &Updater::install);
    showUpdateRequirement();
    showUpdateState();
}

void MainWindow::showUpdateState()
{
    if (!m_updater || !m_updater->release())
        return;
    const VerifiedRelease &release = *m_updater->release();
    switch (m_updater->state()) {
    case Updater::State::Idle:
        break;
    case Updater::State::Available:
        if (m_updateBanner->isRequired())
            m_updateBanner->showRequired(m_workspace.requiredVersion(), true);
        else
            m_updateBanner->showAvailable(release.version, release.notes(QLocale().name()));
        break;
    case Updater::State::Downloading:
        m_updateBanner->showProgress(0, release.size);
        break;
    case Updater::State::Installing:
        m_updateBanner->showInstalling(release.version);
        break;
    case Updater::State::Installed:
        m_updateBanner->showInstalled(release.version);
        break;
    case Updater::State::Failed:
        m_updateBanner->showFailed(m_updater->errorString());
        break;
    }
}

} // namespace portico::client
