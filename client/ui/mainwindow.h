#pragma once

#include "input/scanrecogniser.h"
#include "net/serverstatusmonitor.h"
#include "sync/syncengine.h"

#include <QMainWindow>
#include <QTimer>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace portico::client {

class CartPage;
class CatalogPage;
class CustomerPicker;
class CustomersPage;
class OrdersPage;
class UpdateBanner;
class Updater;
class ReleaseAdmin;
class AdminPage;
class PickListRequest;
class TerminalView;
class Workspace;

// The workspace of a rep or a buyer: navigation between the catalog, the cart, the orders and
// (for those who order for several customers) the customers; the customer being ordered for; a
// banner that says so plainly when the data shown is offline and how old it is; and a status bar
// with the connection, the last sync, a progress bar while syncing and what waits to upload.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Section { Catalog, Cart, Orders, Customers, Admin };
    Q_ENUM(Section)

    explicit MainWindow(Workspace &workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showSection(Section section);
    // Offers, downloads and installs updates through the banner; none: the banner only says
    // when this version is refused.
    void setUpdater(Updater *updater);
    Section currentSection() const;
    // The warehouse terminal layout, shown instead of the ordering pages for warehouse staff;
    // null for everyone else.
    TerminalView *terminal() const { return m_terminal; }
    void setScannerThresholds(ScanRecogniser::Thresholds thresholds);

Q_SIGNALS:
    void settingsRequested();
    void switchProfileRequested();
    void signInRequested();
    void signOutRequested();

private:
    void buildOrderingPages();
    void buildMenus();
    void buildGoMenu();
    void buildStatusBar();
    void addSection(Section section, const QString &title, const QString &icon, QWidget *page);
    void connectPages();
    void showConnection();
    void showSyncState();
    void showProgress(const SyncProgress &progress);
    void showPending(int pending, int failed);
    void showLastSync();
    void updateCartTitle();
    void reloadPages();
    void showUpdateRequirement();
    void showUpdateState();
    void buildTerminal();
    void showTerminalStatus();

    Workspace &m_workspace;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    QList<Section> m_sections;
    CatalogPage *m_catalog = nullptr;
    CartPage *m_cart = nullptr;
    OrdersPage *m_orders = nullptr;
    CustomersPage *m_customers = nullptr;
    CustomerPicker *m_customerPicker = nullptr;
    TerminalView *m_terminal = nullptr;
    PickListRequest *m_pickListRequest = nullptr;

    QWidget *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QPushButton *m_bannerAction = nullptr;
    UpdateBanner *m_updateBanner = nullptr;
    Updater *m_updater = nullptr;
    ReleaseAdmin *m_releaseAdmin = nullptr;
    AdminPage *m_admin = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_lastSyncLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_pendingLabel = nullptr;
    QTimer m_reloadDebounce;
    QTimer m_clock;
};

} // namespace portico::client
