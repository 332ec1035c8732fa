#pragma once

#include "cache/orderqueries.h"

#include <QWidget>

class QAction;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QTabWidget;
class QTableView;
class QTreeWidget;

namespace portico::client {

class DifferenceHighlightModel;
class DocumentsView;
class OrderComparisonModel;
class OrderLinesModel;

// The detail of the selected order: its header, the server's outcome with its reasons, its lines,
// both versions side by side for an order accepted with changes, its status history and the
// accounting system's documents for it (invoices, waybills, payments). It only
// shows what it is given; the orders page reads the order and owns the actions.
class OrderDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderDetailPane)

public:
    enum Tab { LinesTab, ComparisonTab, HistoryTab, DocumentsTab };

    explicit OrderDetailPane(QWidget *parent = nullptr);
    ~OrderDetailPane() override;

    // Buttons for the page's actions, in this order, under the header.
    void setActions(const QList<QAction *> &actions);
    void showDetail(const OrderDetail &detail);
    void showNothing(const QString &message);
    // Keyboard focus into the pane (Enter on the list).
    void focusContent();

    const OrderComparisonModel &comparison() const { return *m_comparisonModel; }
    const OrderLinesModel &lines() const { return *m_linesModel; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    QLabel *addField(const QString &label);
    void showOutcome(const OrderDetail &detail);
    void showDocuments(const QList<Document> &documents);

    QLabel *m_title = nullptr;
    QLabel *m_number = nullptr;
    QLabel *m_customer = nullptr;
    QLabel *m_created = nullptr;
    QLabel *m_delivery = nullptr;
    QLabel *m_comment = nullptr;
    QLabel *m_pricesAsOf = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_total = nullptr;
    QLabel *m_outcome = nullptr;
    QLabel *m_notice = nullptr;
    QTreeWidget *m_reasons = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_linesView = nullptr;
    QTableView *m_comparisonView = nullptr;
    QTreeWidget *m_history = nullptr;
    DocumentsView *m_documents = nullptr;
    QWidget *m_content = nullptr;
    QLabel *m_empty = nullptr;
    QHBoxLayout *m_actionBar = nullptr;
    OrderLinesModel *m_linesModel = nullptr;
    OrderComparisonModel *m_comparisonModel = nullptr;
    DifferenceHighlightModel *m_highlight = nullptr;
    QFormLayout *m_form = nullptr;
};

} // namespace portico::client
