#pragma once

#include "cache/catalogqueries.h"
#include "cache/orderqueries.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QTimer;

namespace portico::client {

// The filters above the orders list: status, period, customer and a search box. Typing in the
// search box settles for a moment before filterChanged(); the other filters apply at once.
class OrderFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderFilterBar)

public:
    explicit OrderFilterBar(QWidget *parent = nullptr);
    ~OrderFilterBar() override;

    OrderListFilter filter() const;
    // The customers to choose from; keeps the chosen one when it is still there.
    void setCustomers(const QList<CustomerRow> &customers);
    // A buyer sees their own customer's orders only: no customer filter.
    void setCustomerFilterVisible(bool visible);
    void focusSearch();
    // A preset of the period box (its item data), as if chosen there.
    void setPeriod(int preset);

    QLineEdit *searchBox() const { return m_search; }
    QComboBox *statusBox() const { return m_status; }
    QComboBox *customerBox() const { return m_customer; }
    QComboBox *periodBox() const { return m_period; }
    QDateEdit *fromBox() const { return m_from; }
    QDateEdit *toBox() const { return m_to; }

Q_SIGNALS:
    void filterChanged();

private:
    void applyPeriod();

    QComboBox *m_status = nullptr;
    QComboBox *m_period = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_customer = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_typing = nullptr;
};

} // namespace portico::client
