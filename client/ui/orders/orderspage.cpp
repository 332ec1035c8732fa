#include "orders/orderspage.h"

#include "cache/cachedatabase.h"
#include "models/orderlistmodel.h"
#include "orders/orderdetailpane.h"
#include "orders/orderfilterbar.h"
#include "workspace/customercontext.h"

#include <QAction>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace portico::client {

namespace {

QString reasonText(UnavailableProduct::Reason reason)
{
    switch (reason) {
    case UnavailableProduct::Reason::Unknown:
        return OrdersPage::tr("not in this computer's data");
    case UnavailableProduct::Reason::Inactive:
        return OrdersPage::tr("no longer sold");
    case UnavailableProduct::Reason::NoPrice:
        return OrdersPage::tr("no price for this customer");
    case UnavailableProduct::Reason::NoStock:
        return OrdersPage::tr("out of stock");
    }
    return {};
}

QAction *makeAction(const QString &text, const QString &objectName, const QKeySequence &shortcut,
                    QWidget *owner)
{
    auto *action = new QAction(text, owner);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    // Several pages live in one window: a page's shortcuts work while it has the focus.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    if (!shortcut.isEmpty())
        action->setToolTip(OrdersPage::tr("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                                         shortcut.toString(QKeySequence::NativeText)));
    owner->addAction(action);
    return action;
}

} // namespace

OrdersPage::OrdersPage(CacheDatabase &cache, CustomerContext &customer, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_customer(customer)
    , m_model(new OrderListModel(cache, this))
{
    m_filters = new OrderFilterBar(this);
    m_filters->setCustomerFilterVisible(!m_customer.isFixed());

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("ordersView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(OrderListModel::CustomerColumn, QHeaderView::Stretch);

    m_detailPane = new OrderDetailPane(this);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("ordersMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    createActions();

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detailPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({640, 560}); // in proportion: the list a little wider than the detail
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(m_filters);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);
    setTabOrder(m_filters, m_view);
    setTabOrder(m_view, m_detailPane);

    connect(m_filters, &OrderFilterBar::filterChanged, this, &OrdersPage::applyFilter);
    connect(m_model, &OrderListModel::loaded, this, &OrdersPage::restoreSelection);
    connect(m_model, &OrderListModel::loadFailed, this, &OrdersPage::showError);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { currentRowChanged(current); });
    connect(m_view, &QTableView::activated, this, &OrdersPage::activate);
    connect(&m_customer, &CustomerContext::changed, this,
            [this] { m_filters->setCustomerFilterVisible(!m_customer.isFixed()); });

    updateActions();
    applyFilter();
    loadCustomers();
}

OrdersPage::~OrdersPage()
{
    // Jobs queued by the page continue on it: let them land before it goes.
    m_cache.run([](QSqlDatabase &) {});
}

void OrdersPage::createActions()
{
    m_confirm = makeAction(tr("&Accept the changes"), QStringLiteral("confirmChanges"),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), this);
    m_edit = makeAction(tr("&Edit in the cart"), QStringLiteral("editOrder"),
                        QKeySequence(Qt::CTRL | Qt::Key_E), this);
    m_reorder
        = makeAction(tr("&Reorder"), QStringLiteral("reorder"), QKeySequence(Qt::CTRL | Qt::Key_R), this);
    m_cancel = makeAction(tr("&Cancel order…"), QStringLiteral("cancelOrder"),
                          QKeySequence(Qt::CTRL | Qt::Key_Delete), this);
    m_openDraft = makeAction(tr("C&ontinue editing"), QStringLiteral("openDraft"),
                             QKeySequence(Qt::CTRL | Qt::Key_O), this);
    m_confirm->setIcon(QIcon(QStringLiteral(":/icons/order-accept.svg")));
    m_edit->setIcon(QIcon(QStringLiteral(":/icons/order-edit.svg")));
    m_reorder->setIcon(QIcon(QStringLiteral(":/icons/order-reorder.svg")));
    m_cancel->setIcon(QIcon(QStringLiteral(":/icons/order-cancel.svg")));
    m_openDraft->setIcon(QIcon(QStringLiteral(":/icons/order-draft.svg")));
    QAction *find = makeAction(tr("Find"), QStringLiteral("findOrders"), QKeySequence::Find, this);

    connect(m_confirm, &QAction::triggered, this, &OrdersPage::confirmChanges);
    connect(m_edit, &QAction::triggered, this, [this] { copyToCart(true); });
    connect(m_reorder, &QAction::triggered, this, [this] { copyToCart(false); });
    connect(m_cancel, &QAction::triggered, this, &OrdersPage::cancelOrder);
    connect(m_openDraft, &QAction::triggered, this, &OrdersPage::openDraft);
    connect(find, &QAction::triggered, m_filters, &OrderFilterBar::focusSearch);
    m_detailPane->setActions({m_openDraft, m_confirm, m_edit, m_reorder, m_cancel});
}

void OrdersPage::applyFilter()
{
    m_model->setFilter(m_filters->filter());
}

void OrdersPage::loadCustomers()
{
    if (m_customer.isFixed())
        return;
    m_cache.submitThen(answering([](QSqlDatabase &db) { return CatalogQueries::customers(db); }), this,
                       [this](const JobAnswer<QList<CustomerRow>> &answer) {
                           if (answer.ok())
                               m_filters->setCustomers(answer.value);
                           else
                               showError(answer.error);
                       });
}

void OrdersPage::reload()
{
    m_model->reload();
    loadCustomers();
    if (!m_currentId.isNull())
        loadDetail(m_currentId);
}

void OrdersPage::selectOrder(const Id &id)
{
    m_currentId = id;
    restoreSelection();
    loadDetail(id);
}

void OrdersPage::currentRowChanged(const QModelIndex &current)
{
    if (!current.isValid())
        return;
    const Id id = m_model->order(current.row()).id;
    if (id == m_currentId)
        return;
    m_currentId = id;
    loadDetail(id);
}

void OrdersPage::restoreSelection()
{
    if (m_currentId.isNull())
        return;
    const int row = m_model->rowOf(m_currentId);
    if (row < 0) {
        if (!m_model->isLoading() && !m_model->canFetchMore({})) {
            // The filter left the order out: nothing is selected any more.
            m_currentId = {};
            m_detail.reset();
            m_detailPane->showNothing(tr("Choose an order to see its detail."));
            updateActions();
        }
        return;
    }
    if (m_view->currentIndex().row() != row) {
        m_view->setCurrentIndex(m_model->index(row, 0));
        m_view->scrollTo(m_model->index(row, 0));
    }
}

void OrdersPage::loadDetail(const Id &id)
{
    const quint64 generation = ++m_detailGeneration;
    m_cache.submitThen(answering([id](QSqlDatabase &db) { return OrderQueries::detail(db, id); }), this,
                       [this, generation](const JobAnswer<std::optional<OrderDetail>> &answer) {
                           if (generation != m_detailGeneration)
                               return;
                           if (!answer.ok()) {
                               showError(answer.error);
                               return;
                           }
                           if (!answer.value) {
                               m_detail.reset();
                               m_detailPane->showNothing(tr("This order is no longer on this computer."));
                               updateActions();
                               return;
                           }
                           showDetail(*answer.value);
                       });
}

void OrdersPage::showDetail(const OrderDetail &detail)
{
    m_detail = detail;
    m_detailPane->showDetail(detail);
    updateActions();
    if (detail.needsAttention) {
        // Shown is seen: the list stops asking for attention.
        const Id id = detail.order.order.id;
        m_cache.submitThen(answering([id](QSqlDatabase &db) { LocalOrders::markOutcomeSeen(db, id); }), this,
                           [this, id](const JobAnswer<bool> &answer) {
                               if (!answer.ok()) {
                                   showError(answer.error);
                                   return;
                               }
                               m_model->setOutcomeSeen(id);
                               if (m_detail && m_detail->order.order.id == id)
                                   m_detail->needsAttention = false;
                           });
    }
    Q_EMIT detailShown();
}

void OrdersPage::updateActions()
{
    const bool shown = m_detail.has_value();
    const bool draft = shown && m_detail->order.localState == LocalOrder::LocalState::Draft;
    const bool withChanges = shown && m_detail->canConfirm();
    m_openDraft->setVisible(draft);
    m_openDraft->setEnabled(draft);
    m_confirm->setVisible(withChanges);
    m_confirm->setEnabled(withChanges);
    m_edit->setVisible(withChanges && m_detail->order.local.has_value());
    m_edit->setEnabled(withChanges && m_detail->order.local.has_value());
    m_reorder->setEnabled(shown && !draft && !m_detail->lines.isEmpty());
    m_cancel->setEnabled(shown && m_detail->canCancel());
}

void OrdersPage::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const OrderListRow &row = m_model->order(index.row());
    if (row.localState == LocalOrder::LocalState::Draft) {
        Q_EMIT openDraftRequested(row.id);
        return;
    }
    if (row.id != m_currentId)
        selectOrder(row.id);
    m_detailPane->focusContent();
}

void OrdersPage::openDraft()
{
    if (m_detail && m_detail->order.localState == LocalOrder::LocalState::Draft)
        Q_EMIT openDraftRequested(m_detail->order.order.id);
}

void OrdersPage::copyToCart(bool localVersion)
{
    if (!m_detail)
        return;
    const Id orderId = m_detail->order.order.id;
    const Id orderCustomer = m_detail->order.order.customerId;
    const bool fixed = m_customer.isFixed();
    const Id contextPriceType = m_customer.priceTypeId();
    const auto version
        = localVersion ? OrderQueries::OrderVersion::Local : OrderQueries::OrderVersion::Current;
    const QString number = m_detail->order.order.number.isEmpty() ? m_detail->order.order.clientNumber
                                                                  : m_detail->order.order.number;
    struct Copy
    {
        ReorderLines lines;
        std::optional<CustomerRow> customer;
    };
    m_cache.submitThen(
        answering([=](QSqlDatabase &db) {
            Copy copy;
            // A rep reorders for the order's customer: the cart follows it.
            if (!fixed)
                copy.customer = OrderQueries::customerRow(db, orderCustomer);
            const Id priceType = copy.customer ? copy.customer->priceTypeId : contextPriceType;
            copy.lines = OrderQueries::reorderLines(db, orderId, priceType, version);
            return copy;
        }),
        this, [this, localVersion, number](const JobAnswer<Copy> &answer) {
            if (!answer.ok()) {
                showError(answer.error);
                return;
            }
            if (answer.value.customer && answer.value.customer->id != m_customer.customerId())
                m_customer.setCustomer(*answer.value.customer);
            if (localVersion) {
                // Editing makes a new order from the old one's lines; the old one stays.
                showNotice(tr("The lines of order %1 are in the cart. The order itself stays as the server "
                              "accepted it until you cancel it.")
                               .arg(number));
            }
            askToCopy(answer.value.lines);
        });
}

void OrdersPage::askToCopy(const ReorderLines &lines)
{
    if (lines.unavailable.isEmpty()) {
        Q_EMIT reorderRequested(lines.all);
        return;
    }
    QStringList items;
    for (const UnavailableProduct &product : lines.unavailable) {
        const QString name = product.name.isEmpty() ? product.productId.toString(QUuid::WithoutBraces)
                                                    : QString(product.sku + QLatin1Char(' ') + product.name);
        items.append(tr("%1: %2").arg(name, reasonText(product.reason)));
    }
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Reorder"),
        tr("%n product(s) of this order cannot be ordered now.", nullptr, int(lines.unavailable.size())),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("reorderQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(items.join(QLatin1Char('\n')));
    QPushButton *available = nullptr;
    if (!lines.available.isEmpty()) {
        available = box->addButton(tr("Copy the &available lines"), QMessageBox::AcceptRole);
        available->setObjectName(QStringLiteral("copyAvailable"));
    }
    QPushButton *all = box->addButton(tr("Copy a&ll lines"), QMessageBox::ActionRole);
    all->setObjectName(QStringLiteral("copyAll"));
    box->setDefaultButton(available ? available : all);
    connect(box, &QMessageBox::buttonClicked, this, [this, available, all, lines](QAbstractButton *button) {
        if (available && button == available)
            Q_EMIT reorderRequested(lines.available);
        else if (button == all)
            Q_EMIT reorderRequested(lines.all);
    });
    box->open();
}

void OrdersPage::cancelOrder()
{
    if (!m_detail || !m_detail->canCancel())
        return;
    const Id id = m_detail->order.order.id;
    const QString number = m_detail->order.order.number.isEmpty() ? m_detail->order.order.clientNumber
                                                                  : m_detail->order.order.number;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("cancelReasonDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Cancel order %1").arg(number));
    dialog->setLabelText(
        tr("Why is order %1 cancelled? The reason goes to the server with the cancellation.").arg(number));
    dialog->setOkButtonText(tr("Cancel the order"));
    dialog->setCancelButtonText(tr("Keep the order"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this, id](const QString &reason) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_cache.submitThen(answering([id, reason, now](QSqlDatabase &db) {
                               LocalOrders::cancel(db, id, reason.trimmed(), now);
                           }),
                           this, [this](const JobAnswer<bool> &answer) {
                               if (!answer.ok()) {
                                   showError(tr("The order could not be cancelled: %1").arg(answer.error));
                                   return;
                               }
                               showNotice(tr("The cancellation is recorded and will be sent to the server."));
                               Q_EMIT outboxChanged();
                               reload();
                           });
    });
    dialog->open();
}

void OrdersPage::confirmChanges()
{
    if (!m_detail || !m_detail->canConfirm())
        return;
    const Id id = m_detail->order.order.id;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_cache.submitThen(answering([id, now](QSqlDatabase &db) { LocalOrders::confirm(db, id, now); }), this,
                       [this](const JobAnswer<bool> &answer) {
                           if (!answer.ok()) {
                               showError(tr("The changes could not be accepted: %1").arg(answer.error));
                               return;
                           }
                           showNotice(
                               tr("You accepted the changes; the server will be told at the next sync."));
                           Q_EMIT outboxChanged();
                           reload();
                       });
}

void OrdersPage::showError(const QString &message)
{
    m_message->setText(message);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_message->show();
}

void OrdersPage::showNotice(const QString &message)
{
    m_message->setText(message);
    m_message->setStyleSheet({});
    m_message->show();
}

} // namespace portico::client
