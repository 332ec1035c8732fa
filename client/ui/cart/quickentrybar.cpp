#include "cart/quickentrybar.h"

#include "cache/cachedatabase.h"
#include "cache/catalogqueries.h"
#include "orders/orderlineimport.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace portico::client {

namespace {

struct Lookup
{
    std::optional<Product> product;
    QString error;
};

} // namespace

QuickEntryBar::QuickEntryBar(CacheDatabase &cache, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_code(new QLineEdit(this))
    , m_quantity(new QLineEdit(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_message(new QLabel(this))
{
    m_code->setObjectName(QStringLiteral("quickCode"));
    m_code->setPlaceholderText(tr("SKU or barcode"));
    m_code->setClearButtonEnabled(true);
    m_code->setMinimumWidth(180);
    m_quantity->setObjectName(QStringLiteral("quickQuantity"));
    m_quantity->setPlaceholderText(tr("Quantity"));
    m_quantity->setText(QStringLiteral("1"));
    m_quantity->setMaximumWidth(100);
    m_quantity->setAlignment(Qt::AlignRight);
    m_add->setObjectName(QStringLiteral("quickAdd"));
    m_add->setAutoDefault(false);
    m_message->setObjectName(QStringLiteral("quickMessage"));
    m_message->setWordWrap(true);

    auto *codeLabel = new QLabel(tr("&Code:"), this);
    codeLabel->setBuddy(m_code);
    auto *quantityLabel = new QLabel(tr("&Quantity:"), this);
    quantityLabel->setBuddy(m_quantity);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(codeLabel);
    layout->addWidget(m_code, 2);
    layout->addWidget(quantityLabel);
    layout->addWidget(m_quantity);
    layout->addWidget(m_add);
    layout->addWidget(m_message, 3);
    setTabOrder(m_code, m_quantity);
    setTabOrder(m_quantity, m_add);

    // Enter after the code (a scanner sends one) goes on to the quantity, all of it selected.
    connect(m_code, &QLineEdit::returnPressed, this, [this] {
        if (m_code->text().trimmed().isEmpty())
            return;
        m_quantity->setFocus(Qt::OtherFocusReason);
        m_quantity->selectAll();
    });
    connect(m_quantity, &QLineEdit::returnPressed, this, &QuickEntryBar::submitEntry);
    connect(m_add, &QPushButton::clicked, this, &QuickEntryBar::submitEntry);
    connect(m_code, &QLineEdit::textEdited, this, [this] { showMessage({}, false); });
}

QuickEntryBar::~QuickEntryBar()
{
    // A lookup still queued must finish while this widget exists (its answer comes back here).
    m_cache.run([](QSqlDatabase &) {});
}

QString QuickEntryBar::message() const
{
    return m_message->text();
}

void QuickEntryBar::focusCode()
{
    m_code->setFocus(Qt::ShortcutFocusReason);
    m_code->selectAll();
}

void QuickEntryBar::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #b3261e;") : QString());
}

void QuickEntryBar::submitEntry()
{
    const QString code = m_code->text().trimmed();
    if (code.isEmpty()) {
        showMessage(tr("Type a SKU or scan a barcode first."), true);
        m_code->setFocus(Qt::OtherFocusReason);
        return;
    }
    const std::optional<Quantity> quantity = OrderLineImport::parseQuantity(m_quantity->text());
    if (!quantity || !quantity->isPositive()) {
        showMessage(tr("The quantity must be a number greater than zero."), true);
        m_quantity->setFocus(Qt::OtherFocusReason);
        m_quantity->selectAll();
        return;
    }
    const int lookup = ++m_lookups;
    m_cache.submitThen(
        [code](QSqlDatabase &db) {
            Lookup result;
            try {
                result.product = CatalogQueries::productBySku(db, code);
                if (!result.product)
                    result.product = CatalogQueries::productByBarcode(db, code);
            } catch (const std::exception &error) {
                result.error = QString::fromUtf8(error.what());
            }
            return result;
        },
        this,
        [this, lookup, code, quantity = *quantity](const Lookup &result) {
            if (lookup != m_lookups)
                return;
            if (!result.error.isEmpty()) {
                showMessage(tr("The catalog on this device cannot be read: %1").arg(result.error), true);
                return;
            }
            if (!result.product) {
                showMessage(tr("No product with the SKU or barcode “%1”.").arg(code), true);
                m_code->setFocus(Qt::OtherFocusReason);
                m_code->selectAll();
                return;
            }
            if (!result.product->active) {
                showMessage(tr("“%1” is no longer sold.").arg(result.product->name), true);
                m_code->setFocus(Qt::OtherFocusReason);
                m_code->selectAll();
                return;
            }
            const QString description = result.product->sku + QStringLiteral(" ") + result.product->name;
            showMessage(tr("Added %1 × %2.").arg(quantity.toDisplayString(QLocale()), description), false);
            m_code->clear();
            m_quantity->setText(QStringLiteral("1"));
            m_code->setFocus(Qt::OtherFocusReason);
            Q_EMIT productEntered(result.product->id, quantity, description);
        });
}

} // namespace portico::client
