#include "customers/customercard.h"

#include "cache/cachedatabase.h"
#include "cache/orderqueries.h"
#include "models/orderlistmodel.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStackedLayout>
#include <QTableView>
#include <QVBoxLayout>

namespace portico::client {

CustomerCard::CustomerCard(CacheDatabase &cache, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_orders(new OrderListModel(cache, this))
{
    m_empty = new QLabel(tr("Choose a customer to see its card."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    m_content = new QWidget(this);
    m_title = new QLabel(m_content);
    m_title->setObjectName(QStringLiteral("customerTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);

    m_form = new QFormLayout;
    addField(tr("Legal name:"), QStringLiteral("legalName"));
    addField(tr("INN:"), QStringLiteral("inn"));
    addField(tr("Balance:"), QStringLiteral("balance"));
    addField(tr("Credit limit:"), QStringLiteral("creditLimit"));
    addField(tr("Available credit:"), QStringLiteral("availableCredit"));
    addField(tr("Overdue debt:"), QStringLiteral("overdue"));
    addField(tr("Orders not yet invoiced:"), QStringLiteral("openOrders"));
    addField(tr("State:"), QStringLiteral("state"));

    m_ordersView = new QTableView(m_content);
    m_ordersView->setObjectName(QStringLiteral("customerOrders"));
    m_ordersView->setModel(m_orders);
    m_ordersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ordersView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_ordersView->verticalHeader()->hide();
    m_ordersView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ordersView->setColumnHidden(OrderListModel::CustomerColumn, true);
    m_ordersView->setColumnHidden(OrderListModel::AttentionColumn, true);
    auto *ordersLabel = new QLabel(tr("Last orders"), m_content);
    QFont bold = ordersLabel->font();
    bold.setBold(true);
    ordersLabel->setFont(bold);

    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(8);
    contentLayout->addWidget(m_title);
    contentLayout->addLayout(m_form);
    contentLayout->addWidget(ordersLabel);
    contentLayout->addWidget(m_ordersView, 1);
    auto *documentsLabel = new QLabel(tr("Last documents"), m_content);
    documentsLabel->setFont(bold);
    m_documents = new DocumentsView(DocumentsView::Orders::Shown, m_content);
    m_documents->setObjectName(QStringLiteral("customerDocuments"));
    contentLayout->addWidget(documentsLabel);
    contentLayout->addWidget(m_documents, 1);

    auto *stack = new QStackedLayout(this);
    stack->addWidget(m_empty);
    stack->addWidget(m_content);
}

CustomerCard::~CustomerCard() = default;

QLabel *CustomerCard::addField(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(m_content);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(label, value);
    return value;
}

QString CustomerCard::fieldText(const QString &objectName) const
{
    const auto *label = m_content->findChild<QLabel *>(objectName);
    return label ? label->text() : QString();
}

void CustomerCard::showCustomer(const CustomerRow &customer)
{
    const QLocale locale;
    auto set = [this](const QString &name, const QString &text) {
        if (auto *label = m_content->findChild<QLabel *>(name))
            label->setText(text);
    };
    m_title->setText(customer.name);
    set(QStringLiteral("legalName"), customer.legalName);
    set(QStringLiteral("inn"), customer.inn);
    set(QStringLiteral("creditLimit"),
        customer.creditLimit ? customer.creditLimit->toDisplayString(locale) : tr("No limit"));
    if (customer.credit) {
        const CustomerCredit &credit = *customer.credit;
        set(QStringLiteral("balance"),
            credit.balance.isNegative()
                ? tr("%1 paid in advance").arg((-credit.balance).toDisplayString(locale))
                : credit.balance.toDisplayString(locale));
        set(QStringLiteral("availableCredit"),
            credit.available ? credit.available->toDisplayString(locale) : tr("No limit"));
        set(QStringLiteral("overdue"), credit.overdue.toDisplayString(locale));
        set(QStringLiteral("openOrders"), credit.openOrders.toDisplayString(locale));
    } else {
        const QString unknown = tr("Not reported yet");
        set(QStringLiteral("balance"), unknown);
        set(QStringLiteral("availableCredit"), unknown);
        set(QStringLiteral("overdue"), unknown);
        set(QStringLiteral("openOrders"), unknown);
    }
    set(QStringLiteral("state"),
        customer.blocked ? tr("Blocked: new orders are not accepted") : tr("Active"));
    OrderListFilter filter;
    filter.customerId = customer.id;
    if (m_orders->filter().customerId != customer.id)
        m_orders->setFilter(filter);
    if (m_customerId != customer.id) {
        m_customerId = customer.id;
        m_documents->clear();
        loadDocuments();
    }
    static_cast<QStackedLayout *>(layout())->setCurrentWidget(m_content);
}

void CustomerCard::showNothing()
{
    static_cast<QStackedLayout *>(layout())->setCurrentWidget(m_empty);
}

void CustomerCard::reload()
{
    if (!m_orders->filter().customerId.isNull())
        m_orders->reload();
    if (!m_customerId.isNull())
        loadDocuments();
}

void CustomerCard::loadDocuments()
{
    constexpr int Shown = 50;
    const Id customerId = m_customerId;
    m_cache.submitThen(
        answering([customerId](QSqlDatabase &db) {
            return CatalogQueries::customerDocuments(db, customerId, Shown);
        }),
        this, [this, customerId](const JobAnswer<QList<std::pair<Document, QString>>> &answer) {
            if (customerId != m_customerId)
                return; // another customer was chosen meanwhile
            if (!answer.ok()) {
                m_documents->clear();
                new QTreeWidgetItem(m_documents,
                                    {tr("The documents could not be read: %1").arg(answer.error)});
                return;
            }
            m_documents->showDocuments(answer.value);
            Q_EMIT documentsShown();
        });
}

} // namespace portico::client
