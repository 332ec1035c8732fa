#include "orders/orderdetailpane.h"

#include "models/ordercomparisonmodel.h"
#include "models/orderlinesmodel.h"
#include "models/orderstatustext.h"
#include "orders/differencehighlightmodel.h"
#include "orders/documentsview.h"

#include <QAction>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStackedLayout>
#include <QTableView>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace portico::client {

namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &objectName, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

QString dateTimeText(const QDateTime &at)
{
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

OrderDetailPane::OrderDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_linesModel(new OrderLinesModel(this))
    , m_comparisonModel(new OrderComparisonModel(this))
    , m_highlight(new DifferenceHighlightModel(this))
{
    m_highlight->setSourceModel(m_comparisonModel);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("detailEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    m_content = new QWidget(this);
    m_title = new QLabel(m_content);
    m_title->setObjectName(QStringLiteral("detailTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_number = addField(tr("Numbers:"));
    m_customer = addField(tr("Customer:"));
    m_created = addField(tr("Created:"));
    m_delivery = addField(tr("Delivery date:"));
    m_comment = addField(tr("Comment:"));
    m_pricesAsOf = addField(tr("Prices as of:"));
    m_status = addField(tr("Status:"));
    m_total = addField(tr("Total:"));
    m_comment->setWordWrap(true);

    m_outcome = new QLabel(m_content);
    m_outcome->setObjectName(QStringLiteral("detailOutcome"));
    m_outcome->setWordWrap(true);
    m_reasons = new QTreeWidget(m_content);
    m_reasons->setObjectName(QStringLiteral("detailReasons"));
    m_reasons->setHeaderLabels({tr("Line"), tr("SKU"), tr("Reason")});
    m_reasons->setRootIsDecorated(false);
    m_reasons->setMaximumHeight(110);
    m_notice = new QLabel(m_content);
    m_notice->setObjectName(QStringLiteral("detailNotice"));
    m_notice->setWordWrap(true);
    m_outcome->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_notice->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    m_actionBar = new QHBoxLayout;
    m_actionBar->setSpacing(6);

    m_linesView = makeTable(m_linesModel, QStringLiteral("detailLines"), m_content);
    m_linesView->horizontalHeader()->setSectionResizeMode(OrderLinesModel::NameColumn, QHeaderView::Stretch);
    m_comparisonView = makeTable(m_highlight, QStringLiteral("detailComparison"), m_content);
    m_comparisonView->horizontalHeader()->setSectionResizeMode(OrderComparisonModel::NameColumn,
                                                               QHeaderView::Stretch);
    m_history = new QTreeWidget(m_content);
    m_history->setObjectName(QStringLiteral("detailHistory"));
    m_history->setHeaderLabels({tr("When"), tr("From"), tr("To"), tr("Reason")});
    m_history->setRootIsDecorated(false);

    m_tabs = new QTabWidget(m_content);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->insertTab(LinesTab, m_linesView, tr("&Lines"));
    m_tabs->insertTab(ComparisonTab, m_comparisonView, tr("&Side by side"));
    m_tabs->insertTab(HistoryTab, m_history, tr("Status &history"));
    m_documents = new DocumentsView(DocumentsView::Orders::Hidden, m_content);
    m_documents->setObjectName(QStringLiteral("detailDocuments"));
    m_tabs->insertTab(DocumentsTab, m_documents, tr("&Documents"));

    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(8);
    contentLayout->addWidget(m_title);
    contentLayout->addLayout(m_form);
    contentLayout->addLayout(m_actionBar);
    contentLayout->addWidget(m_notice);
    contentLayout->addWidget(m_outcome);
    contentLayout->addWidget(m_reasons);
    contentLayout->addWidget(m_tabs, 1);

    auto *stack = new QStackedLayout(this);
    stack->addWidget(m_empty);
    stack->addWidget(m_content);
    showNothing(tr("Choose an order to see its detail."));
}

OrderDetailPane::~OrderDetailPane() = default;

QLabel *OrderDetailPane::addField(const QString &label)
{
    auto *value = new QLabel(m_content);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(label, value);
    return value;
}

void OrderDetailPane::setActions(const QList<QAction *> &actions)
{
    for (QAction *action : actions) {
        auto *button = new QToolButton(m_content);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setObjectName(action->objectName() + QStringLiteral("Button"));
        // A tool button takes its action's text and state, not whether it is shown.
        button->setVisible(action->isVisible());
        connect(action, &QAction::changed, button,
                [button, action] { button->setVisible(action->isVisible()); });
        m_actionBar->addWidget(button);
    }
    m_actionBar->addStretch(1);
}

void OrderDetailPane::showNothing(const QString &message)
{
    m_empty->setText(message);
    static_cast<QStackedLayout *>(layout())->setCurrentWidget(m_empty);
    m_linesModel->setLines({});
    m_comparisonModel->setComparison({});
}

void OrderDetailPane::focusContent()
{
    if (m_content->isVisible())
        m_tabs->currentWidget()->setFocus(Qt::OtherFocusReason);
}

void OrderDetailPane::showDetail(const OrderDetail &detail)
{
    const Order &order = detail.order.order;
    const QLocale locale;
    const QString number = order.number.isEmpty() ? order.clientNumber : order.number;
    m_title->setText(tr("Order %1").arg(number));
    m_number->setText(order.number.isEmpty()
                          ? tr("%1 (no server number yet)").arg(order.clientNumber)
                          : tr("%1, on this computer %2").arg(order.number, order.clientNumber));
    m_customer->setText(detail.customerName.isEmpty() ? tr("Unknown customer") : detail.customerName);
    m_created->setText(dateTimeText(order.createdAt));
    m_delivery->setText(order.deliveryDate.isValid()
                            ? locale.toString(order.deliveryDate, QLocale::ShortFormat)
                            : tr("Not set"));
    m_comment->setText(order.comment);
    m_pricesAsOf->setText(order.pricesAsOf.isValid() ? dateTimeText(order.pricesAsOf) : tr("Unknown"));
    const QString localState = OrderStatusText::localState(detail.order.localState);
    m_status->setText(localState.isEmpty()
                          ? OrderStatusText::status(order.status)
                          : tr("%1 (%2)").arg(OrderStatusText::status(order.status), localState));
    m_total->setText(
        tr("%1, VAT %2")
            .arg(order.totals.total.toDisplayString(locale), order.totals.vat.toDisplayString(locale)));

    showOutcome(detail);

    m_linesModel->setLines(detail.lines);
    m_comparisonModel->setComparison(detail.comparison);
    m_tabs->setTabEnabled(ComparisonTab, !detail.comparison.isEmpty());
    const bool withChanges = order.status == OrderStatus::AcceptedWithChanges && !detail.comparison.isEmpty();
    m_tabs->setCurrentIndex(withChanges ? ComparisonTab : LinesTab);

    m_history->clear();
    for (const StatusChange &change : order.history) {
        auto *item = new QTreeWidgetItem(m_history);
        item->setText(0, dateTimeText(change.at));
        item->setText(1, OrderStatusText::status(change.from));
        item->setText(2, OrderStatusText::status(change.to));
        item->setText(3, change.reason);
    }
    for (int column = 0; column < 3; ++column)
        m_history->resizeColumnToContents(column);
    showDocuments(detail.documents);

    static_cast<QStackedLayout *>(layout())->setCurrentWidget(m_content);
}

void OrderDetailPane::showDocuments(const QList<Document> &documents)
{
    m_documents->showDocuments(documents);
    m_tabs->setTabEnabled(DocumentsTab, !documents.isEmpty());
    m_tabs->setTabText(DocumentsTab,
                       documents.isEmpty() ? tr("&Documents") : tr("&Documents (%1)").arg(documents.size()));
}

void OrderDetailPane::showOutcome(const OrderDetail &detail)
{
    const Order &order = detail.order.order;
    QStringList notices;
    if (detail.hasPendingAction(OutboxItem::Kind::SubmitOrder))
        notices.append(tr("The order is waiting to be uploaded."));
    if (detail.hasPendingAction(OutboxItem::Kind::CancelOrder))
        notices.append(tr("Your cancellation is waiting to be uploaded."));
    if (detail.hasPendingAction(OutboxItem::Kind::ConfirmOrder))
        notices.append(tr("Your acceptance of the changes is waiting to be uploaded."));
    if (!detail.refusedAction.isEmpty())
        notices.append(tr("The server refused your last action: %1").arg(detail.refusedAction));
    m_notice->setText(notices.join(QLatin1Char('\n')));
    m_notice->setVisible(!notices.isEmpty());

    QString outcome;
    if (detail.outcomeStatus) {
        switch (*detail.outcomeStatus) {
        case OrderStatus::AcceptedWithChanges:
            outcome = tr("The server accepted the order with changes: compare the versions side by side, "
                         "then accept the changes or edit the order.");
            break;
        case OrderStatus::Rejected:
            outcome = tr("The server rejected the order.");
            break;
        case OrderStatus::NeedsApproval:
            outcome = tr("The order waits for a manager's approval.");
            break;
        case OrderStatus::Accepted:
            outcome = tr("The server accepted the order as it was.");
            break;
        default:
            outcome = tr("The server's answer: %1.").arg(OrderStatusText::status(*detail.outcomeStatus));
            break;
        }
    } else if (detail.order.localState == LocalOrder::LocalState::Draft) {
        outcome = tr("A draft: open it to go on editing it in the cart.");
    }
    if (order.status == OrderStatus::AcceptedWithChanges && !detail.comparison.isEmpty()) {
        int changed = 0;
        for (const OrderLineComparison &line : detail.comparison)
            changed += line.changed() ? 1 : 0;
        outcome += QLatin1Char(' ') + tr("%n line(s) changed.", nullptr, changed);
    }
    m_outcome->setText(outcome);
    m_outcome->setVisible(!outcome.isEmpty());

    m_reasons->clear();
    for (const OutcomeReason &reason : detail.reasons) {
        auto *item = new QTreeWidgetItem(m_reasons);
        item->setText(0, reason.lineNo > 0 ? QString::number(reason.lineNo) : QString());
        item->setText(1, reason.sku);
        item->setText(2, reason.message.isEmpty() ? reason.code : reason.message);
    }
    m_reasons->resizeColumnToContents(0);
    m_reasons->resizeColumnToContents(1);
    m_reasons->setVisible(!detail.reasons.isEmpty());
}

} // namespace portico::client
