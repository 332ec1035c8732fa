#include "customers/customerpicker.h"

#include "models/customerlistmodel.h"
#include "workspace/customercontext.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLineEdit>
#include <QShortcut>

namespace portico::client {

CustomerPicker::CustomerPicker(CacheDatabase &cache, CustomerContext &customer, QWidget *parent)
    : QWidget(parent)
    , m_customer(customer)
    , m_model(new CustomerListModel(cache, this))
{
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("customerPickerEdit"));
    m_edit->setMinimumWidth(260);
    m_edit->setPlaceholderText(tr("Type a customer's name or INN"));
    m_edit->setToolTip(tr("The customer you are ordering for. Type part of the name or the INN."));

    m_completer = new QCompleter(m_model, this);
    m_completer->setCompletionColumn(CustomerListModel::NameColumn);
    m_completer->setCompletionRole(CustomerListModel::SearchTextRole);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_edit->setCompleter(m_completer);
    // Installed after the completer's own filter, so it sees the list's keys first.
    m_completer->popup()->installEventFilter(this);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    setFocusProxy(m_edit);

    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            &CustomerPicker::choose);
    connect(m_edit, &QLineEdit::returnPressed, this, &CustomerPicker::chooseTyped);
    connect(m_edit, &QLineEdit::editingFinished, this, [this] {
        // Left without choosing: show the customer that is still chosen.
        if (!m_completer->popup()->isVisible())
            showCurrent();
    });
    connect(&m_customer, &CustomerContext::changed, this, &CustomerPicker::showCurrent);
    // The completer matches over every customer, not only the first chunk.
    connect(m_model, &CustomerListModel::loaded, m_model, &CustomerListModel::showAll);

    showCurrent();
    reload();
}

CustomerPicker::~CustomerPicker() = default;

void CustomerPicker::setShortcut(const QKeySequence &sequence)
{
    if (!m_shortcut) {
        m_shortcut = new QShortcut(this);
        m_shortcut->setContext(Qt::WindowShortcut);
        connect(m_shortcut, &QShortcut::activated, this, [this] {
            if (!m_edit->isEnabled())
                return;
            m_edit->setFocus(Qt::ShortcutFocusReason);
            m_edit->selectAll();
        });
    }
    m_shortcut->setKey(sequence);
    setShortcutHint(sequence);
}

void CustomerPicker::setShortcutHint(const QKeySequence &sequence)
{
    const QString key = sequence.toString(QKeySequence::NativeText);
    m_edit->setPlaceholderText(tr("Type a customer's name or INN (%1)").arg(key));
    m_edit->setToolTip(
        tr("The customer you are ordering for. Press %1 and type part of the name or the INN.").arg(key));
}

bool CustomerPicker::eventFilter(QObject *watched, QEvent *event)
{
    // Enter in the open list with no row chosen yet: when only one customer matches, it is the
    // one meant.
    if (watched == m_completer->popup() && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        QAbstractItemView *popup = m_completer->popup();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && !popup->currentIndex().isValid()
            && m_completer->completionCount() == 1)
            popup->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    }
    return QWidget::eventFilter(watched, event);
}

void CustomerPicker::reload()
{
    m_model->reload();
}

void CustomerPicker::showCurrent()
{
    const bool fixed = m_customer.isFixed();
    m_edit->setEnabled(!fixed);
    m_edit->setText(m_customer.hasCustomer() ? m_customer.customer().name : QString());
    m_edit->setCursorPosition(0);
}

void CustomerPicker::choose(const QModelIndex &completionIndex)
{
    const Id id = Id::fromString(completionIndex.data(CustomerListModel::IdRole).toString());
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    if (m_customer.setCustomer(m_model->customer(row)))
        Q_EMIT customerChosen();
    // The completer wrote its completion text into the box: show the customer's name instead.
    QMetaObject::invokeMethod(this, &CustomerPicker::showCurrent, Qt::QueuedConnection);
}

void CustomerPicker::chooseTyped()
{
    if (m_completer->popup()->isVisible())
        return; // the list's own Enter chooses its current row
    // Enter on what was typed: the one customer it matches, when there is one.
    m_completer->setCompletionPrefix(m_edit->text());
    if (m_completer->completionCount() == 1 && m_completer->setCurrentRow(0))
        choose(m_completer->currentIndex());
    else
        showCurrent();
}

} // namespace portico::client
