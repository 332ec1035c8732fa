#include "orders/orderfilterbar.h"

#include "models/orderstatustext.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

namespace portico::client {

namespace {

// The status box's entries besides real statuses.
constexpr int AnyStatus = -1;
constexpr int NeedsAttention = -2;

// The period box's presets; Custom is whatever the date boxes say.
enum Period { AnyTime, Today, LastWeek, LastMonth, ThisMonth, ThisYear, Custom };

// A date edit whose lowest date means "no bound".
QDateEdit *makeDateEdit(const QString &objectName, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(QDate(2000, 1, 1));
    edit->setSpecialValueText(OrderFilterBar::tr("Any"));
    edit->setDate(edit->minimumDate());
    return edit;
}

QDate boundOf(const QDateEdit *edit)
{
    return edit->date() == edit->minimumDate() ? QDate() : edit->date();
}

} // namespace

OrderFilterBar::OrderFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_typing(new QTimer(this))
{
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("All statuses"), AnyStatus);
    m_status->addItem(tr("Needs your attention"), NeedsAttention);
    for (OrderStatus status : OrderStatusText::allStatuses())
        m_status->addItem(OrderStatusText::status(status), int(status));

    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("periodFilter"));
    m_period->addItem(tr("Any time"), AnyTime);
    m_period->addItem(tr("Today"), Today);
    m_period->addItem(tr("Last 7 days"), LastWeek);
    m_period->addItem(tr("Last 30 days"), LastMonth);
    m_period->addItem(tr("This month"), ThisMonth);
    m_period->addItem(tr("This year"), ThisYear);
    m_period->addItem(tr("Dates below"), Custom);
    m_from = makeDateEdit(QStringLiteral("fromFilter"), this);
    m_to = makeDateEdit(QStringLiteral("toFilter"), this);

    m_customer = new QComboBox(this);
    m_customer->setObjectName(QStringLiteral("customerFilter"));
    m_customer->addItem(tr("All customers"), QString());
    m_customer->setMinimumContentsLength(16);
    m_customer->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    // Many customers: typing part of a name finds one.
    m_customer->setEditable(true);
    m_customer->setInsertPolicy(QComboBox::NoInsert);
    m_customer->completer()->setFilterMode(Qt::MatchContains);
    m_customer->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_customer->completer()->setCompletionMode(QCompleter::PopupCompletion);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("orderSearch"));
    m_search->setPlaceholderText(tr("Search by number, comment or customer (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);

    auto *statusLabel = new QLabel(tr("&Status:"), this);
    statusLabel->setBuddy(m_status);
    auto *periodLabel = new QLabel(tr("&Period:"), this);
    periodLabel->setBuddy(m_period);
    auto *fromLabel = new QLabel(tr("&From:"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&To:"), this);
    toLabel->setBuddy(m_to);
    auto *customerLabel = new QLabel(tr("C&ustomer:"), this);
    customerLabel->setObjectName(QStringLiteral("customerFilterLabel"));
    customerLabel->setBuddy(m_customer);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_search, 2);
    layout->addSpacing(6);
    layout->addWidget(statusLabel);
    layout->addWidget(m_status);
    layout->addWidget(periodLabel);
    layout->addWidget(m_period);
    layout->addWidget(fromLabel);
    layout->addWidget(m_from);
    layout->addWidget(toLabel);
    layout->addWidget(m_to);
    layout->addWidget(customerLabel);
    layout->addWidget(m_customer, 1);
    setTabOrder(m_search, m_status);
    setTabOrder(m_status, m_period);
    setTabOrder(m_period, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_customer);

    m_typing->setSingleShot(true);
    m_typing->setInterval(250);
    connect(m_typing, &QTimer::timeout, this, &OrderFilterBar::filterChanged);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_typing->isActive()) {
            m_typing->stop();
            Q_EMIT filterChanged();
        }
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, &OrderFilterBar::filterChanged);
    connect(m_customer, &QComboBox::currentIndexChanged, this, &OrderFilterBar::filterChanged);
    connect(m_period, &QComboBox::activated, this, &OrderFilterBar::applyPeriod);
    // Dates chosen by hand: the period is theirs.
    auto datesEdited = [this] {
        const QSignalBlocker blocker(m_period);
        m_period->setCurrentIndex(m_period->findData(Custom));
        Q_EMIT filterChanged();
    };
    connect(m_from, &QDateEdit::dateChanged, this, datesEdited);
    connect(m_to, &QDateEdit::dateChanged, this, datesEdited);
}

OrderFilterBar::~OrderFilterBar() = default;

OrderListFilter OrderFilterBar::filter() const
{
    OrderListFilter filter;
    const int status = m_status->currentData().toInt();
    if (status == NeedsAttention)
        filter.needsAttentionOnly = true;
    else if (status >= 0)
        filter.status = OrderStatus(status);
    filter.from = boundOf(m_from);
    filter.to = boundOf(m_to);
    if (!m_customer->isHidden())
        filter.customerId = Id::fromString(m_customer->currentData().toString());
    filter.text = m_search->text().trimmed();
    return filter;
}

void OrderFilterBar::setCustomers(const QList<CustomerRow> &customers)
{
    const QString chosen = m_customer->currentData().toString();
    const QSignalBlocker blocker(m_customer);
    m_customer->clear();
    m_customer->addItem(tr("All customers"), QString());
    for (const CustomerRow &customer : customers)
        m_customer->addItem(customer.name, customer.id.toString(QUuid::WithoutBraces));
    const int index = m_customer->findData(chosen);
    m_customer->setCurrentIndex(std::max(0, index));
    if (index < 0 && !chosen.isEmpty())
        Q_EMIT filterChanged(); // the chosen customer is gone: the list shows every customer again
}

void OrderFilterBar::setCustomerFilterVisible(bool visible)
{
    m_customer->setVisible(visible);
    if (auto *label = findChild<QLabel *>(QStringLiteral("customerFilterLabel")))
        label->setVisible(visible);
}

void OrderFilterBar::setPeriod(int preset)
{
    m_period->setCurrentIndex(std::max(0, m_period->findData(preset)));
    applyPeriod();
}

void OrderFilterBar::applyPeriod()
{
    const QDate today = QDate::currentDate();
    QDate from;
    QDate to;
    switch (m_period->currentData().toInt()) {
    case Today:
        from = today;
        break;
    case LastWeek:
        from = today.addDays(-6);
        break;
    case LastMonth:
        from = today.addDays(-29);
        break;
    case ThisMonth:
        from = QDate(today.year(), today.month(), 1);
        break;
    case ThisYear:
        from = QDate(today.year(), 1, 1);
        break;
    case Custom:
        m_from->setFocus(Qt::OtherFocusReason);
        return;
    default:
        break;
    }
    {
        const QSignalBlocker fromBlocker(m_from);
        const QSignalBlocker toBlocker(m_to);
        m_from->setDate(from.isValid() ? from : m_from->minimumDate());
        m_to->setDate(to.isValid() ? to : m_to->minimumDate());
    }
    Q_EMIT filterChanged();
}

void OrderFilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

} // namespace portico::client
