#pragma once

#include "cache/catalogqueries.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTableView;
class QTimer;

namespace portico::client {

class CacheDatabase;
class CustomerCard;
class CustomerContext;
class CustomerListModel;

// The customers a sales rep or a manager orders for: a list narrowed as you type, the chosen
// customer's card (credit state and last orders), and "Order for this customer", which makes it
// the customer of the cart and the catalog.
class CustomersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomersPage)

public:
    CustomersPage(CacheDatabase &cache, CustomerContext &customer, QWidget *parent = nullptr);
    ~CustomersPage() override;

    CustomerListModel &model() const { return *m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterBox() const { return m_filter; }
    CustomerCard *card() const { return m_card; }
    QAction *orderForCustomerAction() const { return m_orderFor; }
    // The customer the card shows; a null id when none.
    Id currentCustomerId() const { return m_currentId; }

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    // The customer context now holds the chosen customer: the main window opens the catalog.
    void orderForCustomerRequested();

private:
    void currentRowChanged(const QModelIndex &current);
    void restoreSelection();
    void orderForCurrent();

    CacheDatabase &m_cache;
    CustomerContext &m_customer;
    CustomerListModel *m_model = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_view = nullptr;
    CustomerCard *m_card = nullptr;
    QLabel *m_count = nullptr;
    QAction *m_orderFor = nullptr;
    QTimer *m_typing = nullptr;
    Id m_currentId;
};

} // namespace portico::client
