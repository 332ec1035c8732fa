#pragma once

#include "cache/catalogqueries.h"
#include "orders/documentsview.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QTableView;

namespace portico::client {

class CacheDatabase;
class OrderListModel;

// One customer at a glance: names, INN, balance, credit limit, available credit, overdue debt,
// whether it is blocked, its latest orders, and its latest accounting documents.
class CustomerCard final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomerCard)

public:
    explicit CustomerCard(CacheDatabase &cache, QWidget *parent = nullptr);
    ~CustomerCard() override;

    void showCustomer(const CustomerRow &customer);
    void showNothing();
    // Reads the customer's orders and documents again.
    void reload();

    const OrderListModel &orders() const { return *m_orders; }
    QString fieldText(const QString &objectName) const;
    DocumentsView *documents() const { return m_documents; }

Q_SIGNALS:
    // The documents list was filled (for tests).
    void documentsShown();

private:
    QLabel *addField(const QString &label, const QString &objectName);
    void loadDocuments();

    CacheDatabase &m_cache;
    OrderListModel *m_orders = nullptr;
    Id m_customerId;
    DocumentsView *m_documents = nullptr;
    QLabel *m_title = nullptr;
    QWidget *m_content = nullptr;
    QLabel *m_empty = nullptr;
    QTableView *m_ordersView = nullptr;
    QFormLayout *m_form = nullptr;
};

} // namespace portico::client
