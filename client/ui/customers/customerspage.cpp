#include "customers/customerspage.h"

#include "cache/cachedatabase.h"
#include "customers/customercard.h"
#include "models/customerlistmodel.h"
#include "workspace/customercontext.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace portico::client {

CustomersPage::CustomersPage(CacheDatabase &cache, CustomerContext &customer, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_customer(customer)
    , m_model(new CustomerListModel(cache, this))
    , m_typing(new QTimer(this))
{
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("customerFilter"));
    m_filter->setPlaceholderText(tr("Filter by name or INN (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("customerCount"));

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("customersView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(CustomerListModel::NameColumn, QHeaderView::Stretch);

    m_card = new CustomerCard(cache, this);
    m_card->setObjectName(QStringLiteral("customerCard"));

    m_orderFor = new QAction(tr("&Order for this customer"), this);
    m_orderFor->setObjectName(QStringLiteral("orderForCustomer"));
    m_orderFor->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_orderFor->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_orderFor->setToolTip(tr("Order for this customer (Enter or Ctrl+Enter)"));
    m_orderFor->setIcon(QIcon(QStringLiteral(":/icons/customer-order.svg")));
    m_orderFor->setEnabled(false);
    addAction(m_orderFor);
    auto *find = new QAction(tr("Find"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(find);
    auto *orderButton = new QToolButton(this);
    orderButton->setObjectName(QStringLiteral("orderForCustomerButton"));
    orderButton->setDefaultAction(m_orderFor);
    orderButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto *top = new QHBoxLayout;
    top->setSpacing(6);
    top->addWidget(m_filter, 1);
    top->addWidget(m_count);
    top->addWidget(orderButton);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_card);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    setTabOrder(m_filter, m_view);
    setTabOrder(m_view, orderButton);

    m_typing->setSingleShot(true);
    m_typing->setInterval(200);
    connect(m_filter, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_typing, &QTimer::timeout, this, [this] { m_model->setFilter(m_filter->text()); });
    // Enter in the filter: straight to the list, or to the only match.
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (m_typing->isActive()) {
            m_typing->stop();
            m_model->setFilter(m_filter->text());
        }
        m_view->setFocus(Qt::OtherFocusReason);
        if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
            m_view->setCurrentIndex(m_model->index(0, 0));
    });
    connect(find, &QAction::triggered, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    connect(m_orderFor, &QAction::triggered, this, &CustomersPage::orderForCurrent);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (index.isValid())
            orderForCurrent();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { currentRowChanged(current); });
    connect(m_model, &CustomerListModel::loaded, this, &CustomersPage::restoreSelection);

    reload();
}

CustomersPage::~CustomersPage()
{
    // Jobs queued by the page continue on it: let them land before it goes.
    m_cache.run([](QSqlDatabase &) {});
}

void CustomersPage::reload()
{
    m_model->reload();
    m_card->reload();
}

void CustomersPage::currentRowChanged(const QModelIndex &current)
{
    if (!current.isValid())
        return;
    const CustomerRow &row = m_model->customer(current.row());
    m_currentId = row.id;
    m_card->showCustomer(row);
    m_orderFor->setEnabled(true);
}

void CustomersPage::restoreSelection()
{
    m_count->setText(tr("%n customer(s)", nullptr, m_model->matchCount()));
    if (m_currentId.isNull() && m_customer.hasCustomer())
        m_currentId = m_customer.customerId();
    const int row = m_currentId.isNull() ? -1 : m_model->rowOf(m_currentId);
    if (row < 0) {
        if (m_model->rowCount() == 1) {
            m_view->setCurrentIndex(m_model->index(0, 0)); // the only match is the one meant
            return;
        }
        m_currentId = {};
        m_card->showNothing();
        m_orderFor->setIcon(QIcon(QStringLiteral(":/icons/customer-order.svg")));
        m_orderFor->setEnabled(false);
        return;
    }
    if (m_view->currentIndex().row() != row)
        m_view->setCurrentIndex(m_model->index(row, 0));
    else
        m_card->showCustomer(m_model->customer(row)); // the same customer, read again
}

void CustomersPage::orderForCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    if (m_customer.setCustomer(m_model->customer(current.row())))
        Q_EMIT orderForCustomerRequested();
}

} // namespace portico::client
