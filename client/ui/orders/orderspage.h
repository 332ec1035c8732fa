#pragma once

#include "cache/orderqueries.h"

#include <QWidget>

class QAction;
class QLabel;
class QModelIndex;
class QTableView;

namespace portico::client {

class CacheDatabase;
class CustomerContext;
class OrderDetailPane;
class OrderFilterBar;
class OrderListModel;

// The orders screen: the list of orders with filters and a search box, and the detail of the one
// selected, with what can be done to it: accept the server's changes, edit or reorder (the lines
// go to the cart), cancel, continue editing a draft. Every read and write runs on the cache
// thread; the page never waits for it.
class OrdersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersPage)

public:
    OrdersPage(CacheDatabase &cache, CustomerContext &customer, QWidget *parent = nullptr);
    ~OrdersPage() override;

    OrderListModel &model() const { return *m_model; }
    QTableView *view() const { return m_view; }
    OrderFilterBar *filterBar() const { return m_filters; }
    OrderDetailPane *detailPane() const { return m_detailPane; }
    // The order the detail pane shows, when one is shown.
    const std::optional<OrderDetail> &detail() const noexcept { return m_detail; }
    Id currentOrderId() const { return m_currentId; }
    void selectOrder(const Id &id);

    QAction *confirmAction() const { return m_confirm; }
    QAction *editAction() const { return m_edit; }
    QAction *reorderAction() const { return m_reorder; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *openDraftAction() const { return m_openDraft; }
    // The page's last notice or error ("The cancellation is recorded …").
    QLabel *messageLabel() const { return m_message; }

public Q_SLOTS:
    // Reads the list and the shown order again, keeping the selection (after a sync brought data
    // or an order changed).
    void reload();

Q_SIGNALS:
    void reorderRequested(const QList<portico::client::DraftLine> &lines);
    void openDraftRequested(const portico::Id &orderId);
    // A confirm or a cancel was written to the outbox: the sync engine should upload it.
    void outboxChanged();
    // The detail pane shows another order, or the same one read again.
    void detailShown();

private:
    void createActions();
    void applyFilter();
    void loadCustomers();
    void currentRowChanged(const QModelIndex &current);
    void restoreSelection();
    void loadDetail(const Id &id);
    void showDetail(const OrderDetail &detail);
    void updateActions();
    void activate(const QModelIndex &index);
    void copyToCart(bool localVersion);
    void askToCopy(const ReorderLines &lines);
    void cancelOrder();
    void confirmChanges();
    void openDraft();
    void showError(const QString &message);
    void showNotice(const QString &message);

    CacheDatabase &m_cache;
    CustomerContext &m_customer;
    OrderListModel *m_model = nullptr;
    OrderFilterBar *m_filters = nullptr;
    QTableView *m_view = nullptr;
    OrderDetailPane *m_detailPane = nullptr;
    QLabel *m_message = nullptr;
    QAction *m_confirm = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_reorder = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_openDraft = nullptr;
    Id m_currentId;
    std::optional<OrderDetail> m_detail;
    quint64 m_detailGeneration = 0;
};

} // namespace portico::client
