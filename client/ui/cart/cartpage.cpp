#include "cart/cartpage.h"

#include "cache/cachedatabase.h"
#include "cart/cartlinedelegate.h"
#include "cart/importreportdialog.h"
#include "cart/quickentrybar.h"
#include "models/cartmodel.h"
#include "orders/orderlineimport.h"
#include "rules/creditcheck.h"
#include "workspace/cart.h"
#include "workspace/customercontext.h"

#include <QApplication>
#include <QClipboard>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace portico::client {

namespace {

// A spreadsheet bigger than this is not an order.
constexpr qint64 MaxImportBytes = 16 * 1024 * 1024;

QString moneyText(const Money &money)
{
    return money.toDisplayString(QLocale());
}

QString shortcutHint(const QString &text, const QKeySequence &keys)
{
    return QString(text + QStringLiteral(" (") + keys.toString(QKeySequence::NativeText) + QLatin1Char(')'));
}

} // namespace

CartPage::CartPage(Cart &cart, CacheDatabase &cache, CustomerContext &customer, QWidget *parent)
    : QWidget(parent)
    , m_cart(cart)
    , m_cache(cache)
    , m_customer(customer)
    , m_model(new CartModel(cart, this))
    , m_entry(new QuickEntryBar(cache, this))
{
    setObjectName(QStringLiteral("cartPage"));
    buildLayout();
    connectCart();
    addShortcuts();
    refreshCustomer();
    refresh();
}

CartPage::~CartPage()
{
    // An import still queued must finish while the page exists: its answer comes back here.
    m_cache.run([](QSqlDatabase &) {});
}

void CartPage::buildLayout()
{
    m_customerLabel = new QLabel(this);
    m_customerLabel->setObjectName(QStringLiteral("cartCustomer"));

    m_paste = new QPushButton(tr("&Paste from Excel"), this);
    m_paste->setObjectName(QStringLiteral("pasteButton"));
    m_paste->setToolTip(
        tr("Adds the SKU and quantity columns copied from a spreadsheet (Ctrl+V on the lines)."));
    m_import = new QPushButton(tr("&Import CSV…"), this);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setToolTip(
        shortcutHint(tr("Adds the lines of a CSV file"), QKeySequence(Qt::CTRL | Qt::Key_I)));
    for (QPushButton *button : {m_paste, m_import})
        button->setAutoDefault(false);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("cartLines"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new CartLineDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CartModel::NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(CartModel::ProblemColumn, QHeaderView::Interactive);
    m_table->setWordWrap(false);

    m_deliveryDate = new QDateEdit(this);
    m_deliveryDate->setObjectName(QStringLiteral("deliveryDate"));
    m_deliveryDate->setCalendarPopup(true);
    // The day before today stands for "no date": the shown minimum, never a date to deliver on.
    m_deliveryDate->setSpecialValueText(tr("Not set"));
    m_deliveryDate->setMinimumDate(QDate::currentDate().addDays(-1));
    m_deliveryDate->setDate(m_deliveryDate->minimumDate());
    m_deliveryDate->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_deliveryDate->setMinimumWidth(160);
    m_comment = new QLineEdit(this);
    m_comment->setObjectName(QStringLiteral("cartComment"));
    m_comment->setPlaceholderText(tr("For the warehouse or the manager"));
    m_comment->setMaxLength(1000);

    m_net = new QLabel(this);
    m_vat = new QLabel(this);
    m_total = new QLabel(this);
    m_total->setObjectName(QStringLiteral("cartTotal"));
    QFont bold = m_total->font();
    bold.setBold(true);
    m_total->setFont(bold);
    m_pricesAsOf = new QLabel(this);
    m_pricesAsOf->setObjectName(QStringLiteral("pricesAsOf"));
    m_unpriced = new QLabel(this);
    m_unpriced->setStyleSheet(QStringLiteral("color: #b3261e;"));
    for (QLabel *label : {m_net, m_vat, m_total})
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("cartMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_clear = new QPushButton(tr("C&lear"), this);
    m_clear->setObjectName(QStringLiteral("clearButton"));
    m_save = new QPushButton(tr("Save as &draft"), this);
    m_save->setObjectName(QStringLiteral("saveDraftButton"));
    m_save->setToolTip(shortcutHint(tr("Keeps the order as a draft and starts an empty cart"),
                                    QKeySequence(Qt::CTRL | Qt::Key_S)));
    m_submit = new QPushButton(tr("&Submit order"), this);
    m_submit->setObjectName(QStringLiteral("submitButton"));
    m_submit->setToolTip(shortcutHint(tr("Sends the order, or queues it while offline"),
                                      QKeySequence(Qt::CTRL | Qt::Key_Return)));
    for (QPushButton *button : {m_clear, m_save, m_submit})
        button->setAutoDefault(false);
    // resources/icons, compiled into portico_client_ui.
    m_paste->setIcon(QIcon(QStringLiteral(":/icons/cart-paste.svg")));
    m_import->setIcon(QIcon(QStringLiteral(":/icons/cart-import.svg")));
    m_clear->setIcon(QIcon(QStringLiteral(":/icons/cart-clear.svg")));
    m_save->setIcon(QIcon(QStringLiteral(":/icons/cart-draft.svg")));
    m_submit->setIcon(QIcon(QStringLiteral(":/icons/cart-submit.svg")));

    auto *top = new QHBoxLayout;
    top->addWidget(m_customerLabel, 1);
    top->addWidget(m_paste);
    top->addWidget(m_import);

    auto *details = new QFormLayout;
    details->addRow(tr("&Delivery date:"), m_deliveryDate);
    details->addRow(tr("C&omment:"), m_comment);

    auto *totals = new QGridLayout;
    totals->addWidget(new QLabel(tr("Net:"), this), 0, 0);
    totals->addWidget(m_net, 0, 1);
    totals->addWidget(new QLabel(tr("VAT:"), this), 1, 0);
    totals->addWidget(m_vat, 1, 1);
    totals->addWidget(new QLabel(tr("Total:"), this), 2, 0);
    totals->addWidget(m_total, 2, 1);
    totals->addWidget(m_pricesAsOf, 3, 0, 1, 2);
    totals->addWidget(m_unpriced, 4, 0, 1, 2);

    auto *bottom = new QHBoxLayout;
    bottom->addLayout(details, 3);
    bottom->addSpacing(24);
    bottom->addLayout(totals, 2);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    buttons->addWidget(m_submit);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_entry);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    // Keyboard path: the code, the quantity, the lines, the date, the comment, then the actions.
    setTabOrder(m_entry->quantityField(), m_table);
    setTabOrder(m_table, m_deliveryDate);
    setTabOrder(m_deliveryDate, m_comment);
    setTabOrder(m_comment, m_submit);
    setTabOrder(m_submit, m_save);
    setTabOrder(m_save, m_clear);
    setTabOrder(m_clear, m_paste);
    setTabOrder(m_paste, m_import);
    setFocusProxy(m_entry->codeField());
}

void CartPage::connectCart()
{
    connect(&m_cart, &Cart::changed, this, &CartPage::refresh);
    connect(&m_cart, &Cart::restored, this, &CartPage::refresh);
    connect(&m_cart, &Cart::failed, this, [this](const QString &message) { showMessage(message, true); });
    connect(&m_cart, &Cart::keptAsDraft, this, [this](const QString &number) {
        showMessage(number.isEmpty()
                        ? tr("The order was saved as a draft; the cart is empty again.")
                        : tr("Saved as draft %1; find it under Orders. The cart is empty again.").arg(number),
                    false);
    });
    connect(&m_cart, &Cart::submitted, this, [this](const Order &order) {
        m_submitted = order;
        showSubmitted();
        m_entry->focusCode();
        Q_EMIT orderSubmitted(order);
    });
    connect(&m_customer, &CustomerContext::changed, this, &CartPage::refreshCustomer);
    connect(m_entry, &QuickEntryBar::productEntered, this,
            [this](const Id &productId, const Quantity &quantity) {
                m_cart.add(productId, quantity);
                // A product already in the cart: show the line its quantity went to.
                for (int row = 0; row < m_model->rowCount(); ++row) {
                    if (m_model->productId(row) != productId)
                        continue;
                    m_table->selectionModel()->setCurrentIndex(m_model->index(row, CartModel::QuantityColumn),
                                                               QItemSelectionModel::ClearAndSelect
                                                                   | QItemSelectionModel::Rows);
                    m_table->scrollTo(m_table->currentIndex());
                }
            });
    // A new line becomes the current one, its quantity ready to be typed over.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int, int last) {
        m_table->selectionModel()->setCurrentIndex(m_model->index(last, CartModel::QuantityColumn),
                                                   QItemSelectionModel::ClearAndSelect
                                                       | QItemSelectionModel::Rows);
        m_table->scrollTo(m_table->currentIndex());
    });
    connect(m_paste, &QPushButton::clicked, this, &CartPage::pasteFromClipboard);
    connect(m_import, &QPushButton::clicked, this, &CartPage::importCsv);
    connect(m_clear, &QPushButton::clicked, this, &CartPage::clearCart);
    connect(m_save, &QPushButton::clicked, this, &CartPage::saveAsDraft);
    connect(m_submit, &QPushButton::clicked, this, &CartPage::submitOrder);
    connect(m_deliveryDate, &QDateEdit::dateChanged, this, [this](const QDate &date) {
        m_cart.setDeliveryDate(date <= m_deliveryDate->minimumDate() ? QDate() : date);
    });
    connect(m_comment, &QLineEdit::textEdited, this,
            [this](const QString &text) { m_cart.setComment(text); });
}

void CartPage::addShortcuts()
{
    auto shortcut
        = [this](const QKeySequence &keys, QWidget *parent, Qt::ShortcutContext context, auto slot) {
              auto *s = new QShortcut(keys, parent);
              s->setContext(context);
              connect(s, &QShortcut::activated, this, slot);
          };
    const auto page = Qt::WidgetWithChildrenShortcut;
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_S), this, page, &CartPage::saveAsDraft);
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this, page, &CartPage::submitOrder);
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this, page, &CartPage::submitOrder);
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_I), this, page, &CartPage::importCsv);
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this, page, &CartPage::focusQuickEntry);
    // Ctrl+V and Delete on the lines are handled in eventFilter(): elsewhere they edit text.
    m_table->installEventFilter(this);
}

bool CartPage::eventFilter(QObject *watched, QEvent *event)
{
    // While a quantity is edited the keys go to the editor, not here.
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Paste)) {
            pasteFromClipboard();
            return true;
        }
        if (key->matches(QKeySequence::Delete)
            || (key->key() == Qt::Key_Delete && key->modifiers() == Qt::NoModifier)) {
            removeSelectedLines();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QString CartPage::message() const
{
    return m_message->text();
}

void CartPage::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    if (m_submitted)
        showSubmitted();
}

void CartPage::setSubmitBlocked(const QString &reason)
{
    if (m_submitBlocked == reason)
        return;
    const QString previous = std::exchange(m_submitBlocked, reason);
    m_submit->setToolTip(reason.isEmpty() ? shortcutHint(tr("Sends the order, or queues it while offline"),
                                                         QKeySequence(Qt::CTRL | Qt::Key_Return))
                                          : reason);
    if (!reason.isEmpty())
        showMessage(reason, true);
    else if (m_message->text() == previous)
        showMessage({}, false);
}

void CartPage::focusQuickEntry()
{
    m_entry->focusCode();
}

void CartPage::showMessage(const QString &text, bool problem)
{
    m_submitted.reset();
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #b3261e;") : QString());
}

void CartPage::showSubmitted()
{
    const Order order = *m_submitted;
    const QString number = order.clientNumber;
    showMessage(m_online ? tr("Order %1 sent; waiting for the server's answer.").arg(number)
                         : tr("Order %1 is queued and will upload when the client is online.").arg(number),
                false);
    m_submitted = order;
}

void CartPage::refreshCustomer()
{
    if (m_customer.hasCustomer())
        m_customerLabel->setText(
            tr("Ordering for <b>%1</b>").arg(m_customer.customer().name.toHtmlEscaped()));
    else
        m_customerLabel->setText(tr("No customer chosen: choose one to see prices and submit."));
    refresh();
}

void CartPage::refresh()
{
    const std::optional<Order> &priced = m_cart.priced();
    const bool pricedForCustomer = m_customer.hasCustomer() && priced && !m_cart.isEmpty();
    m_net->setText(pricedForCustomer ? moneyText(priced->totals.net) : QStringLiteral("—"));
    m_vat->setText(pricedForCustomer ? moneyText(priced->totals.vat) : QStringLiteral("—"));
    m_total->setText(pricedForCustomer ? moneyText(priced->totals.total) : QStringLiteral("—"));
    if (!m_customer.hasCustomer())
        m_pricesAsOf->setText(tr("Choose a customer to see prices."));
    else if (priced && priced->pricesAsOf.isValid())
        m_pricesAsOf->setText(
            tr("Prices as of %1")
                .arg(QLocale().toString(priced->pricesAsOf.toLocalTime(), QLocale::ShortFormat)));
    else if (priced)
        m_pricesAsOf->setText(tr("Prices have not been synced yet."));
    else
        m_pricesAsOf->clear();

    int unpriced = 0;
    for (const CartLine &line : m_cart.lines()) {
        if (!line.problem.isEmpty())
            ++unpriced;
    }
    m_unpriced->setText(unpriced > 0
                            ? tr("%n line(s) have no price and are not in the total.", nullptr, unpriced)
                            : QString());
    m_unpriced->setVisible(unpriced > 0);
    m_table->setColumnHidden(CartModel::ProblemColumn, unpriced == 0);

    const QDate date = m_cart.deliveryDate();
    const QSignalBlocker dateBlocker(m_deliveryDate);
    m_deliveryDate->setMinimumDate(QDate::currentDate().addDays(-1));
    m_deliveryDate->setDate(
        date.isValid() && date > m_deliveryDate->minimumDate() ? date : m_deliveryDate->minimumDate());
    if (m_comment->text() != m_cart.comment()) {
        const QSignalBlocker commentBlocker(m_comment);
        m_comment->setText(m_cart.comment());
    }

    const bool busy = m_cart.isSubmitting();
    const bool empty = m_cart.isEmpty();
    m_submit->setEnabled(!busy && !empty);
    m_save->setEnabled(!busy && !empty);
    m_clear->setEnabled(!busy && (!empty || !m_cart.comment().isEmpty()));
    m_table->setEnabled(!busy);
}

void CartPage::removeSelectedLines()
{
    QList<Id> products;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        products.append(m_model->productId(index.row()));
    if (products.isEmpty() && m_table->currentIndex().isValid())
        products.append(m_model->productId(m_table->currentIndex().row()));
    const int current = m_table->currentIndex().row();
    for (const Id &product : std::as_const(products))
        m_cart.remove(product);
    if (m_model->rowCount() > 0) {
        const int row = std::min(std::max(current, 0), m_model->rowCount() - 1);
        m_table->selectionModel()->setCurrentIndex(m_model->index(row, CartModel::QuantityColumn),
                                                   QItemSelectionModel::ClearAndSelect
                                                       | QItemSelectionModel::Rows);
    }
}

void CartPage::pasteFromClipboard()
{
    const QString text = QApplication::clipboard()->text();
    if (text.trimmed().isEmpty()) {
        showMessage(tr("The clipboard holds no text: copy the SKU and quantity columns in Excel first."),
                    true);
        return;
    }
    pasteText(text);
}

void CartPage::pasteText(const QString &text)
{
    runImport(tr("Paste from Excel"), [text](QSqlDatabase &db) {
        return OrderLineImport::resolve(db, OrderLineImport::parseText(text));
    });
}

void CartPage::importCsv()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import order lines"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("CSV and text files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void CartPage::importFile(const QString &path)
{
    runImport(QFileInfo(path).fileName(), [path](QSqlDatabase &db) {
        QFile file(path);
        ImportResult result;
        if (!file.open(QIODevice::ReadOnly)) {
            result.problems.append({0, path, tr("The file cannot be read: %1").arg(file.errorString())});
            return result;
        }
        if (file.size() > MaxImportBytes) {
            result.problems.append({0, path, tr("The file is too large for an order (over 16 MB).")});
            return result;
        }
        return OrderLineImport::resolve(db, OrderLineImport::parseFile(file.readAll()));
    });
}

void CartPage::runImport(const QString &source, std::function<ImportResult(QSqlDatabase &)> job)
{
    m_cache.submitThen(
        [job = std::move(job)](QSqlDatabase &db) {
            try {
                return job(db);
            } catch (const std::exception &error) {
                ImportResult result;
                result.problems.append({0,
                                        {},
                                        tr("The catalog on this device cannot be read: %1")
                                            .arg(QString::fromUtf8(error.what()))});
                return result;
            }
        },
        this, [this, source](const ImportResult &result) { showImport(source, result); });
}

void CartPage::showImport(const QString &source, const ImportResult &result)
{
    if (!result.lines.isEmpty())
        m_cart.add(result.lines);
    const int added = static_cast<int>(result.lines.size());
    if (result.problems.isEmpty()) {
        showMessage(added > 0 ? tr("%1: %n line(s) added to the cart.", nullptr, added).arg(source)
                              : tr("%1: there were no rows with a SKU and a quantity.").arg(source),
                    added == 0);
        return;
    }
    showMessage(tr("%1: %n row(s) were not understood.", nullptr, static_cast<int>(result.problems.size()))
                    .arg(source),
                true);
    auto *report = new ImportReportDialog(source, added, result.problems, this);
    report->setAttribute(Qt::WA_DeleteOnClose);
    report->open();
}

void CartPage::saveAsDraft()
{
    if (m_cart.isEmpty()) {
        showMessage(tr("The cart is empty: there is nothing to save."), true);
        return;
    }
    m_cart.keepAsDraft();
}

void CartPage::clearCart()
{
    if (m_cart.isEmpty() && m_cart.comment().isEmpty())
        return;
    auto *confirm = new QMessageBox(QMessageBox::Question, tr("Clear the cart"),
                                    tr("Remove every line from the cart and delete its draft?"),
                                    QMessageBox::Yes | QMessageBox::No, this);
    confirm->setObjectName(QStringLiteral("clearConfirmation"));
    confirm->setDefaultButton(QMessageBox::No);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QMessageBox::finished, this, [this](int result) {
        if (result != QMessageBox::Yes)
            return;
        m_cart.clear();
        showMessage(tr("The cart was cleared."), false);
        m_entry->focusCode();
    });
    confirm->open();
}

QString CartPage::creditWarning() const
{
    const std::optional<Order> &priced = m_cart.priced();
    if (!priced)
        return {};
    const CustomerRow &row = m_customer.customer();
    Customer customer;
    customer.id = row.id;
    customer.name = row.name;
    customer.blocked = row.blocked;
    customer.creditLimitSet = row.creditLimit.has_value();
    customer.creditLimit = row.creditLimit.value_or(Money());
    CustomerBalance balance;
    balance.customerId = row.id;
    Money openOrders;
    if (row.credit) {
        balance.balance = row.credit->balance;
        balance.overdueDebt = row.credit->overdue;
        openOrders = row.credit->openOrders;
    }
    const Money total = priced->totals.total;
    const rules::CreditDecision decision
        = rules::checkCredit(rules::CreditPolicy {}, customer, balance, openOrders, total);
    QStringList sentences;
    for (const rules::CreditReason &reason : decision.reasons) {
        switch (reason.code) {
        case rules::CreditReasonCode::Blocked:
            sentences.append(tr("%1 is blocked: the server will refuse the order.").arg(row.name));
            break;
        case rules::CreditReasonCode::OverLimit:
            sentences.append(tr("This order of %1 exceeds the available credit of %2 by %3.")
                                 .arg(moneyText(total), row.name, moneyText(reason.exceededBy)));
            break;
        case rules::CreditReasonCode::OverdueDebt:
            sentences.append(tr("%1 has overdue debt of %2.").arg(row.name, moneyText(reason.overdue)));
            break;
        case rules::CreditReasonCode::CalculationError:
            sentences.append(tr("The credit of %1 cannot be checked on this device.").arg(row.name));
            break;
        }
    }
    if (sentences.isEmpty())
        return {};
    sentences.append(decision.outcome == rules::CreditOutcome::Rejected
                         ? tr("Submit it anyway?")
                         : tr("The server may hold the order for a manager's approval. Submit it anyway?"));
    return sentences.join(QLatin1Char(' '));
}

void CartPage::submitOrder()
{
    if (m_cart.isSubmitting())
        return;
    if (!m_submitBlocked.isEmpty()) {
        showMessage(m_submitBlocked, true);
        return;
    }
    if (!m_customer.hasCustomer()) {
        showMessage(tr("Choose a customer before submitting the order."), true);
        return;
    }
    if (m_cart.isEmpty()) {
        showMessage(tr("The cart is empty: add products before submitting the order."), true);
        return;
    }
    for (const CartLine &line : m_cart.lines()) {
        if (!line.problem.isEmpty()) {
            showMessage(tr("%1 has no price: remove the line or sync before submitting.").arg(line.sku),
                        true);
            return;
        }
    }
    const QString warning = creditWarning();
    if (warning.isEmpty()) {
        m_cart.submit();
        refresh();
        return;
    }
    auto *confirm = new QMessageBox(QMessageBox::Warning, tr("Credit limit"), warning,
                                    QMessageBox::Yes | QMessageBox::No, this);
    confirm->setObjectName(QStringLiteral("creditConfirmation"));
    confirm->button(QMessageBox::Yes)->setText(tr("&Submit anyway"));
    confirm->button(QMessageBox::No)->setText(tr("&Back to the cart"));
    confirm->setDefaultButton(QMessageBox::No);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QMessageBox::finished, this, [this](int result) {
        if (result != QMessageBox::Yes)
            return;
        m_cart.submit();
        refresh();
    });
    confirm->open();
}

} // namespace portico::client
