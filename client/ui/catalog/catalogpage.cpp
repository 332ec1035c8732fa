#include "catalog/catalogpage.h"

#include "cache/cachedatabase.h"
#include "cache/productqueries.h"
#include "catalog/productcarddialog.h"
#include "catalog/quantitydelegate.h"
#include "models/grouptreemodel.h"
#include "models/producttablemodel.h"
#include "net/productimages.h"
#include "workspace/customercontext.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <utility>

namespace portico::client {

namespace {

// How long a confirmation ("Added … to the cart.") stays before the count comes back.
constexpr int ConfirmationMs = 4000;

struct LookupResult
{
    std::optional<Product> product;
    int row = -1; // in its group's table; -1 when it is not an active product there
};

} // namespace

CatalogPage::CatalogPage(CacheDatabase &cache, CustomerContext &customer, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_customer(customer)
{
    setObjectName(QStringLiteral("catalogPage"));
    m_groups = new GroupTreeModel(m_cache, this);
    m_products = new ProductTableModel(m_cache, m_customer, this);
    m_quantityDelegate = new QuantityDelegate(this);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(SearchDelay);
    m_messageTimer = new QTimer(this);
    m_messageTimer->setSingleShot(true);
    m_messageTimer->setInterval(ConfirmationMs);

    buildLayout();
    addShortcuts();

    connect(m_searchTimer, &QTimer::timeout, this, &CatalogPage::startSearch);
    connect(m_messageTimer, &QTimer::timeout, this, &CatalogPage::showCount);
    connect(m_search, &QLineEdit::textEdited, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_barcode, &QLineEdit::returnPressed, this, &CatalogPage::lookUpBarcode);
    connect(m_groups, &GroupTreeModel::loaded, this, &CatalogPage::onGroupsLoaded);
    connect(m_groups, &GroupTreeModel::failed, this, [this](const QString &error) {
        showMessage(tr("The groups cannot be read: %1").arg(error), true, false);
    });
    connect(m_products, &ProductTableModel::loaded, this, &CatalogPage::onProductsLoaded);
    connect(m_products, &ProductTableModel::pageLoaded, this, &CatalogPage::onPageLoaded);
    connect(m_products, &ProductTableModel::failed, this, [this](const QString &error) {
        showMessage(tr("The products cannot be read: %1").arg(error), true, false);
    });
    connect(m_groupView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onGroupChosen(current); });
    connect(m_productView, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() != m_products->quantityColumn())
            openProductCard();
    });
    connect(m_quantityDelegate, &QuantityDelegate::quantityConfirmed, this, &CatalogPage::addToCart);
    connect(m_quantityDelegate, &QuantityDelegate::barcodeEntered, this, [this](const QString &barcode) {
        m_barcode->setText(barcode);
        lookUpBarcode();
    });

    m_groups->reload();
}

CatalogPage::~CatalogPage()
{
    // The look-up's continuation must not outlive the page (see ProductTableModel).
    if (m_lookups > 0)
        m_cache.run([](QSqlDatabase &) {});
}

void CatalogPage::buildLayout()
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("catalogSearch"));
    m_search->setPlaceholderText(tr("Name, SKU, barcode or property (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(QIcon(QStringLiteral(":/icons/catalog-search.svg")), QLineEdit::LeadingPosition);
    m_search->installEventFilter(this);
    auto *searchLabel = new QLabel(tr("&Search:"), this);
    searchLabel->setBuddy(m_search);

    m_barcode = new QLineEdit(this);
    m_barcode->setObjectName(QStringLiteral("catalogBarcode"));
    m_barcode->setPlaceholderText(tr("Scan or type, then Enter (Ctrl+B)"));
    m_barcode->addAction(QIcon(QStringLiteral(":/icons/catalog-barcode.svg")), QLineEdit::LeadingPosition);
    m_barcode->installEventFilter(this);
    auto *barcodeLabel = new QLabel(tr("&Barcode or SKU:"), this);
    barcodeLabel->setBuddy(m_barcode);

    auto *entries = new QHBoxLayout;
    entries->addWidget(searchLabel);
    entries->addWidget(m_search, 3);
    entries->addSpacing(12);
    entries->addWidget(barcodeLabel);
    entries->addWidget(m_barcode, 1);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("catalogMessage"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("catalogCount"));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // For the mouse; the keyboard has F4 and Enter.
    auto *cardButton = new QToolButton(this);
    cardButton->setObjectName(QStringLiteral("catalogCardButton"));
    cardButton->setIcon(QIcon(QStringLiteral(":/icons/catalog-card.svg")));
    cardButton->setText(tr("Product card"));
    cardButton->setToolTip(tr("Open the card of the selected product (F4)."));
    cardButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    cardButton->setAutoRaise(true);
    cardButton->setFocusPolicy(Qt::NoFocus);
    connect(cardButton, &QToolButton::clicked, this, &CatalogPage::openProductCard);
    auto *messages = new QHBoxLayout;
    messages->addWidget(m_message, 1);
    messages->addWidget(m_count);
    messages->addSpacing(12);
    messages->addWidget(cardButton);

    m_groupView = new QTreeView(this);
    m_groupView->setObjectName(QStringLiteral("catalogGroups"));
    m_groupView->setAccessibleName(tr("Product groups"));
    m_groupView->setModel(m_groups);
    m_groupView->setUniformRowHeights(true);
    m_groupView->setAllColumnsShowFocus(true);
    m_groupView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groupView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_groupView->header()->setStretchLastSection(false);
    m_groupView->header()->setSectionResizeMode(GroupTreeModel::NameColumn, QHeaderView::Stretch);
    m_groupView->header()->setSectionResizeMode(GroupTreeModel::CountColumn, QHeaderView::ResizeToContents);
    m_groupView->installEventFilter(this);

    m_productView = new QTableView(this);
    m_productView->setObjectName(QStringLiteral("products"));
    m_productView->setAccessibleName(tr("Products"));
    m_productView->setModel(m_products);
    m_productView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_productView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_productView->setEditTriggers(QAbstractItemView::AnyKeyPressed | QAbstractItemView::EditKeyPressed
                                   | QAbstractItemView::SelectedClicked);
    m_productView->setTabKeyNavigation(false);
    m_productView->setWordWrap(false);
    m_productView->setAlternatingRowColors(true);
    m_productView->verticalHeader()->hide();
    // Every row the same height, never measured: 100k rows cost nothing to lay out.
    m_productView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_productView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_productView->horizontalHeader()->setHighlightSections(false);
    m_productView->installEventFilter(this);
    connect(m_products, &QAbstractItemModel::modelReset, this, [this] {
        QHeaderView *header = m_productView->horizontalHeader();
        const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
        header->setSectionResizeMode(ProductTableModel::NameColumn, QHeaderView::Stretch);
        header->resizeSection(ProductTableModel::SkuColumn, em * 8);
        header->resizeSection(ProductTableModel::UnitColumn, em * 4);
        header->resizeSection(ProductTableModel::PriceColumn, em * 7);
        // Wide enough for the warehouse's name, within reason.
        for (int column = ProductTableModel::FirstWarehouseColumn; column < m_products->quantityColumn();
             ++column) {
            const QString name = m_products->headerData(column, Qt::Horizontal).toString();
            header->resizeSection(
                column, std::clamp(fontMetrics().horizontalAdvance(name) + em * 3, em * 6, em * 16));
        }
        header->resizeSection(m_products->quantityColumn(), em * 5);
        m_productView->setItemDelegateForColumn(m_products->quantityColumn(), m_quantityDelegate);
    });

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_groupView);
    m_splitter->addWidget(m_productView);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(entries);
    layout->addLayout(messages);
    layout->addWidget(m_splitter, 1);

    setTabOrder(m_search, m_barcode);
    setTabOrder(m_barcode, m_groupView);
    setTabOrder(m_groupView, m_productView);
}

void CatalogPage::addShortcuts()
{
    for (const QKeySequence &key : {QKeySequence(QKeySequence::Find), QKeySequence(Qt::Key_F3)}) {
        auto *shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &CatalogPage::focusSearch);
    }
    auto *barcode = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_B), this);
    barcode->setContext(Qt::WidgetWithChildrenShortcut);
    connect(barcode, &QShortcut::activated, this, &CatalogPage::focusBarcode);
    auto *card = new QShortcut(QKeySequence(Qt::Key_F4), this);
    card->setContext(Qt::WidgetWithChildrenShortcut);
    connect(card, &QShortcut::activated, this, &CatalogPage::openProductCard);
}

void CatalogPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void CatalogPage::focusBarcode()
{
    m_barcode->setFocus(Qt::ShortcutFocusReason);
    m_barcode->selectAll();
}

QString CatalogPage::message() const
{
    return m_message->text();
}

Id CatalogPage::currentProductId() const
{
    const QModelIndex current = m_productView->currentIndex();
    if (!current.isValid())
        return {};
    return current.data(ProductTableModel::ProductIdRole).value<Id>();
}

void CatalogPage::reload()
{
    PendingSelection keep;
    keep.productId = currentProductId();
    keep.row = m_productView->currentIndex().row();
    keep.scroll = m_productView->verticalScrollBar()->value();
    m_pending = keep;
    m_groups->reload();
    m_products->reload();
}

void CatalogPage::onGroupsLoaded()
{
    if (m_groupsShown)
        return; // a reload: the model kept the selection
    m_groupsShown = true;
    // Start on the first group that has products of its own, so the table is not empty.
    std::function<QModelIndex(const QModelIndex &)> firstWithProducts = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_groups->rowCount(parent); ++row) {
            const QModelIndex index = m_groups->index(row, 0, parent);
            if (index.data(GroupTreeModel::ProductCountRole).toInt() > 0)
                return index;
            if (const QModelIndex below = firstWithProducts(index); below.isValid())
                return below;
        }
        return QModelIndex();
    };
    const QModelIndex first = firstWithProducts({});
    if (!first.isValid()) {
        m_products->showGroup({}); // no groups: the products without one
        return;
    }
    for (QModelIndex parent = first.parent(); parent.isValid(); parent = parent.parent())
        m_groupView->expand(parent);
    m_groupView->setCurrentIndex(first);
}

void CatalogPage::onGroupChosen(const QModelIndex &current)
{
    if (!current.isValid())
        return;
    const Id groupId = m_groups->groupId(current);
    if (m_products->mode() == ProductTableModel::Mode::Group && groupId == m_products->groupId()
        && !m_products->isLoading() && !m_pending)
        return;
    // A group chosen ends the search.
    m_searchTimer->stop();
    m_search->clear();
    m_products->showGroup(groupId);
}

void CatalogPage::startSearch()
{
    m_pending.reset();
    m_products->search(m_search->text());
}

void CatalogPage::onProductsLoaded()
{
    if (m_pending) {
        const PendingSelection pending = *m_pending;
        m_pending.reset();
        int row = pending.row;
        const bool stayed
            = !pending.editQuantity && !pending.productId.isNull() && currentProductId() == pending.productId;
        if (stayed)
            row = -1; // the view kept it (and any quantity being typed)
        else if (!pending.productId.isNull()) {
            const QModelIndex at = m_products->index(row, 0);
            if (!at.isValid() || at.data(ProductTableModel::ProductIdRole).value<Id>() != pending.productId) {
                const int loadedRow = m_products->rowOf(pending.productId);
                if (loadedRow >= 0 || !pending.editQuantity)
                    row = loadedRow;
            }
        }
        if (pending.scroll >= 0 && !stayed)
            m_productView->verticalScrollBar()->setValue(pending.scroll);
        if (row >= 0 && row < m_products->rowCount())
            selectRow(row, pending.editQuantity);
    }
    if (!m_messageTimer->isActive())
        showCount();
}

void CatalogPage::selectRow(int row, bool editQuantity)
{
    const int column = editQuantity ? m_products->quantityColumn() : int(ProductTableModel::NameColumn);
    const QModelIndex index = m_products->index(row, column);
    m_productView->setCurrentIndex(index);
    m_productView->scrollTo(
        index, editQuantity ? QAbstractItemView::PositionAtCenter : QAbstractItemView::EnsureVisible);
    m_editRow = -1;
    if (editQuantity) {
        m_productView->setFocus(Qt::OtherFocusReason);
        if (index.flags() & Qt::ItemIsEditable)
            m_productView->edit(index);
        else
            m_editRow = row; // its page is on its way (onPageLoaded)
    }
}

void CatalogPage::onPageLoaded(int page)
{
    if (m_editRow < 0 || m_editRow / ProductTableModel::PageSize != page)
        return;
    const QModelIndex current = m_productView->currentIndex();
    const int row = std::exchange(m_editRow, -1);
    // Only when the user is still on that row.
    if (current.row() == row && current.column() == m_products->quantityColumn() && m_productView->hasFocus())
        m_productView->edit(current);
}

void CatalogPage::lookUpBarcode()
{
    const QString text = m_barcode->text().trimmed();
    if (text.isEmpty())
        return;
    ++m_lookups;
    const quint64 sequence = ++m_lookupSequence;
    m_cache.submitThen(
        [text](QSqlDatabase &db) {
            LookupResult result;
            result.product = CatalogQueries::productByBarcode(db, text);
            if (!result.product)
                result.product = CatalogQueries::productBySku(db, text);
            if (result.product)
                result.row = ProductQueries::groupPosition(db, result.product->groupId, result.product->id);
            return result;
        },
        this,
        [this, sequence, text](QFuture<LookupResult> done) {
            // Posted again: never inside this call, and dropped with the page (see the models).
            QMetaObject::invokeMethod(
                this,
                [this, sequence, text, done]() mutable {
                    --m_lookups;
                    if (sequence != m_lookupSequence)
                        return;
                    LookupResult result;
                    try {
                        result = done.result(); // finished: does not wait
                    } catch (const std::exception &error) {
                        showMessage(tr("The product cannot be looked up: %1")
                                        .arg(QString::fromStdString(error.what())),
                                    true, false);
                        return;
                    }
                    if (!result.product) {
                        showMessage(tr("No product has the barcode or SKU “%1”.").arg(text), true, false);
                        m_barcode->selectAll();
                        return;
                    }
                    if (result.row < 0) {
                        showMessage(
                            tr("“%1” (%2) is no longer sold.").arg(result.product->name, result.product->sku),
                            true, false);
                        m_barcode->selectAll();
                        return;
                    }
                    m_barcode->clear();
                    showMessage(tr("Found “%1” (%2): type the quantity and press Enter.")
                                    .arg(result.product->name, result.product->sku),
                                false, true);
                    showFound(result.product->id, result.product->groupId, result.row);
                },
                Qt::QueuedConnection);
        });
}

void CatalogPage::showFound(const Id &productId, const Id &groupId, int row)
{
    PendingSelection found;
    found.productId = productId;
    found.row = row;
    found.editQuantity = true;
    m_pending = found;
    m_searchTimer->stop();
    m_search->clear();
    const QModelIndex group = m_groups->indexOf(groupId);
    for (QModelIndex parent = group.parent(); parent.isValid(); parent = parent.parent())
        m_groupView->expand(parent);
    if (group.isValid() && m_groupView->currentIndex() != group) {
        m_groupView->setCurrentIndex(group); // shows the group (onGroupChosen)
        m_groupView->scrollTo(group);
    } else {
        m_products->showGroup(groupId);
    }
}

void CatalogPage::addToCart(const QModelIndex &index)
{
    const Id productId = index.data(ProductTableModel::ProductIdRole).value<Id>();
    if (productId.isNull())
        return;
    const std::optional<Quantity> quantity = m_products->quantity(productId);
    if (!quantity) {
        showMessage(tr("Type a quantity greater than zero."), true, false);
        return;
    }
    const QString name = index.data(ProductTableModel::NameRole).toString();
    const QString unit = index.data(ProductTableModel::UnitRole).toString();
    Q_EMIT addToCartRequested(productId, *quantity);
    m_products->setQuantity(productId, std::nullopt);
    showMessage(tr("Added %1 %2 of “%3” to the cart.").arg(quantity->toDisplayString(QLocale()), unit, name),
                false, true);
    m_productView->setCurrentIndex(m_products->index(index.row(), ProductTableModel::NameColumn));
    m_productView->setFocus(Qt::OtherFocusReason);
}

ProductCardDialog *CatalogPage::productCard() const
{
    return m_card;
}

void CatalogPage::setProductImages(ProductImages *images)
{
    m_images = images;
}

void CatalogPage::openProductCard()
{
    const Id productId = currentProductId();
    if (productId.isNull())
        return;
    if (m_card)
        m_card->close();
    m_card = new ProductCardDialog(m_cache, productId, m_images, this);
    m_card->setCustomerPriceType(m_customer.priceTypeId());
    m_card->setAttribute(Qt::WA_DeleteOnClose);
    m_card->show();
    m_card->raise();
    m_card->activateWindow();
}

void CatalogPage::showMessage(const QString &text, bool problem, bool transient)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #b3261e;") : QString());
    m_message->setProperty("problem", problem);
    if (transient)
        m_messageTimer->start();
    else
        m_messageTimer->stop();
}

void CatalogPage::showCount()
{
    if (m_messageTimer->isActive())
        return;
    const int count = m_products->rowCount();
    if (m_products->isLoading())
        m_count->setText(tr("Reading the products…"));
    else if (m_products->mode() == ProductTableModel::Mode::Search && m_products->isTruncated())
        m_count->setText(
            tr("The best %n matches are shown; type more to narrow the search.", nullptr, count));
    else if (m_products->mode() == ProductTableModel::Mode::Search)
        m_count->setText(tr("%n product(s) found.", nullptr, count));
    else
        m_count->setText(tr("%n product(s) in this group.", nullptr, count));
    if (!m_message->property("problem").toBool())
        m_message->clear();
}

bool CatalogPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const bool plain = key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier;

    if (watched == m_search || watched == m_barcode) {
        auto *line = static_cast<QLineEdit *>(watched);
        if (key->key() == Qt::Key_Escape && !line->text().isEmpty()) {
            line->clear();
            if (line == m_search) {
                m_searchTimer->stop();
                startSearch();
            }
            return true;
        }
        if (key->key() == Qt::Key_Down && plain) {
            if (!m_productView->currentIndex().isValid() && m_products->rowCount() > 0)
                selectRow(0, false);
            m_productView->setFocus(Qt::TabFocusReason);
            return true;
        }
        if (watched == m_search && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            // Enter searches at once instead of waiting for the delay.
            m_searchTimer->stop();
            startSearch();
            return true;
        }
        return false;
    }

    if (watched == m_groupView && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
        if (!m_productView->currentIndex().isValid() && m_products->rowCount() > 0)
            selectRow(0, false);
        m_productView->setFocus(Qt::TabFocusReason);
        return true;
    }

    if (watched == m_productView) { // an open editor takes its keys itself
        const QModelIndex current = m_productView->currentIndex();
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && current.isValid()) {
            const Id productId = current.data(ProductTableModel::ProductIdRole).value<Id>();
            if (m_products->quantity(productId))
                addToCart(current);
            else
                openProductCard();
            return true;
        }
        if ((key->key() == Qt::Key_Up && plain && current.row() == 0) || key->key() == Qt::Key_Escape) {
            focusSearch();
            return true;
        }
        // A digit on a row starts its quantity: the view opens the quantity editor with the key.
        const QString text = key->text();
        if (current.isValid() && !text.isEmpty() && text.front().isDigit()
            && current.column() != m_products->quantityColumn()) {
            m_productView->setCurrentIndex(m_products->index(current.row(), m_products->quantityColumn()));
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace portico::client
