#include "models/producttablemodel.h"

#include "cache/cachedatabase.h"
#include "rules/pricing.h"
#include "workspace/customercontext.h"

#include <QFuture>
#include <QLocale>
#include <QSqlDatabase>

#include <algorithm>

namespace portico::client {

namespace {

QString percentText(BasisPoints bp)
{
    return QLocale().toString(double(bp) / 100.0, 'g', 6);
}

} // namespace

ProductTableModel::ProductTableModel(CacheDatabase &cache, CustomerContext &customer, QObject *parent)
    : QAbstractTableModel(parent)
    , m_cache(cache)
    , m_customer(customer)
    , m_priceTypeId(customer.priceTypeId())
    , m_discount(customer.hasCustomer() ? customer.customer().discount : 0)
{
    connect(&m_customer, &CustomerContext::changed, this, &ProductTableModel::onCustomerChanged);
}

ProductTableModel::~ProductTableModel()
{
    // Qt 6.4 asserts when a continuation's context dies before its future finishes: let the
    // queued jobs finish; their continuations are then dropped with this object's events.
    if (m_jobsRunning > 0 || m_queriesRunning > 0)
        m_cache.run([](QSqlDatabase &) {});
}

void ProductTableModel::showGroup(const Id &groupId)
{
    m_groupId = groupId;
    m_mode = Mode::Group;
    m_searchText.clear();
    startQuery(false);
}

void ProductTableModel::search(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        if (m_mode == Mode::Search)
            showGroup(m_groupId);
        return;
    }
    m_mode = Mode::Search;
    m_searchText = trimmed;
    startQuery(false);
}

void ProductTableModel::reload()
{
    startQuery(true);
}

void ProductTableModel::onCustomerChanged()
{
    const Id priceTypeId = m_customer.priceTypeId();
    const BasisPoints discount = m_customer.hasCustomer() ? m_customer.customer().discount : 0;
    if (priceTypeId != m_priceTypeId) {
        // Other prices: the rows must be read again with the new price type.
        m_priceTypeId = priceTypeId;
        m_discount = discount;
        startQuery(true);
        return;
    }
    if (discount != m_discount) {
        m_discount = discount;
        if (m_count > 0)
            Q_EMIT dataChanged(index(0, PriceColumn), index(m_count - 1, PriceColumn));
        Q_EMIT headerDataChanged(Qt::Horizontal, PriceColumn, PriceColumn);
    }
}

void ProductTableModel::startQuery(bool keepView)
{
    const quint64 sequence = ++m_sequence;
    m_queryPending = true;
    ++m_queriesRunning;
    const Mode mode = m_mode;
    const Id groupId = m_groupId;
    const QString text = m_searchText;
    const Id priceTypeId = m_priceTypeId;
    // A reload reads again the pages most recently shown, so the view never goes blank.
    QList<int> pages;
    if (keepView && mode == Mode::Group) {
        QList<std::pair<quint64, int>> byUse;
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it)
            byUse.append({it->lastUse, it.key()});
        std::sort(byUse.begin(), byUse.end(), std::greater<>());
        for (qsizetype i = 0; i < byUse.size() && i < 3; ++i)
            pages.append(byUse[i].second);
    } else if (mode == Mode::Group) {
        pages.append(0);
    }
    m_cache.submitThen(
        [=](QSqlDatabase &db) {
            QueryResult result;
            result.warehouses = CatalogQueries::warehouses(db);
            result.priceTypes = CatalogQueries::priceTypes(db);
            if (mode == Mode::Search) {
                QList<ProductRow> rows
                    = CatalogQueries::searchProducts(db, text, priceTypeId, SearchLimit + 1);
                result.truncated = rows.size() > SearchLimit;
                if (result.truncated)
                    rows.resize(SearchLimit);
                result.count = int(rows.size());
                for (int first = 0; first < result.count; first += PageSize)
                    result.pages.insert(first / PageSize, rows.mid(first, PageSize));
            } else {
                result.count = CatalogQueries::groupProductCount(db, groupId);
                for (const int page : pages) {
                    if (page * PageSize < result.count) {
                        result.pages.insert(page,
                                            CatalogQueries::groupProducts(db, groupId, priceTypeId,
                                                                          page * PageSize, PageSize));
                    }
                }
            }
            return result;
        },
        this, later<QueryResult>([this, sequence, keepView](QFuture<QueryResult> done) {
            --m_queriesRunning;
            if (sequence != m_sequence)
                return; // a newer query is on its way
            m_queryPending = false;
            QueryResult result;
            try {
                result = done.result(); // finished: does not wait
            } catch (const std::exception &error) {
                Q_EMIT failed(QString::fromStdString(error.what()));
                return;
            }
            applyQuery(result, keepView);
        }));
}

void ProductTableModel::applyQuery(const QueryResult &result, bool keepView)
{
    // Pages of the old query still queued are answered for nobody.
    m_wanted.clear();
    m_inFlight.clear();

    bool sameWarehouses = result.warehouses.size() == m_warehouses.size();
    for (qsizetype i = 0; sameWarehouses && i < m_warehouses.size(); ++i)
        sameWarehouses = result.warehouses[i].id == m_warehouses[i].id;

    QHash<int, Page> pages;
    for (auto it = result.pages.cbegin(); it != result.pages.cend(); ++it)
        pages.insert(it.key(), Page {it.value(), ++m_useClock});

    if (keepView && sameWarehouses && result.count == m_count) {
        m_warehouses = result.warehouses;
        m_priceTypes = result.priceTypes;
        m_truncated = result.truncated;
        m_pages = std::move(pages);
        if (m_count > 0)
            Q_EMIT dataChanged(index(0, 0), index(m_count - 1, columnCount() - 1));
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    } else {
        beginResetModel();
        m_warehouses = result.warehouses;
        m_priceTypes = result.priceTypes;
        m_count = result.count;
        m_truncated = result.truncated;
        m_pages = std::move(pages);
        endResetModel();
    }
    Q_EMIT loaded();
}

const ProductTableModel::Page *ProductTableModel::pageOf(int row) const
{
    const auto found = m_pages.find(row / PageSize);
    if (found == m_pages.end())
        return nullptr;
    found->lastUse = ++m_useClock;
    return &*found;
}

const ProductRow *ProductTableModel::product(int row) const
{
    if (row < 0 || row >= m_count)
        return nullptr;
    const Page *page = pageOf(row);
    if (!page || row % PageSize >= page->rows.size())
        return nullptr;
    return &page->rows[row % PageSize];
}

int ProductTableModel::rowOf(const Id &productId) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (qsizetype i = 0; i < it->rows.size(); ++i) {
            if (it->rows[i].id == productId)
                return it.key() * PageSize + int(i);
        }
    }
    return -1;
}

void ProductTableModel::requestPage(int page)
{
    // While a new query is on its way the rows shown are the old query's: reading pages of the
    // new one now would mix the two.
    if (m_mode != Mode::Group || m_queryPending || m_pages.contains(page) || m_inFlight.contains(page))
        return;
    m_wanted.removeOne(page);
    m_wanted.append(page);
    while (m_wanted.size() > MaxWantedPages)
        m_wanted.removeFirst();
    pump();
}

void ProductTableModel::pump()
{
    while (m_jobsRunning < MaxPageJobs && !m_wanted.isEmpty()) {
        const int page = m_wanted.takeLast();
        m_inFlight.insert(page);
        ++m_jobsRunning;
        ++m_pageFetches;
        const quint64 sequence = m_sequence;
        const Id groupId = m_groupId;
        const Id priceTypeId = m_priceTypeId;
        m_cache.submitThen(
            [=](QSqlDatabase &db) {
                return CatalogQueries::groupProducts(db, groupId, priceTypeId, page * PageSize, PageSize);
            },
            this, later<QList<ProductRow>>([this, sequence, page](QFuture<QList<ProductRow>> done) {
                --m_jobsRunning;
                if (sequence == m_sequence) {
                    m_inFlight.remove(page);
                    try {
                        storePage(page, done.result()); // finished: does not wait
                    } catch (const std::exception &error) {
                        Q_EMIT failed(QString::fromStdString(error.what()));
                    }
                }
                pump();
            }));
    }
}

void ProductTableModel::storePage(int page, QList<ProductRow> rows)
{
    const int first = page * PageSize;
    if (first >= m_count)
        return;
    m_pages.insert(page, Page {std::move(rows), ++m_useClock});
    while (m_pages.size() > MaxCachedPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        }
        m_pages.erase(oldest);
    }
    const int last = std::min(m_count, first + PageSize) - 1;
    Q_EMIT dataChanged(index(first, 0), index(last, columnCount() - 1));
    Q_EMIT pageLoaded(page);
}

std::optional<Quantity> ProductTableModel::quantity(const Id &productId) const
{
    const auto found = m_quantities.constFind(productId);
    if (found == m_quantities.constEnd())
        return std::nullopt;
    return *found;
}

void ProductTableModel::setQuantity(const Id &productId, const std::optional<Quantity> &quantity)
{
    if (quantity && quantity->isPositive())
        m_quantities.insert(productId, *quantity);
    else if (!m_quantities.remove(productId))
        return;
    const int row = rowOf(productId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, quantityColumn()), index(row, quantityColumn()));
}

std::optional<Quantity> ProductTableModel::parseQuantity(const QString &text)
{
    // Digit groups only as spaces; a comma is a decimal point as in Russian ("1,5").
    QString plain = text.trimmed();
    plain.remove(QChar(0x00a0));
    plain.remove(QChar(0x202f));
    plain.remove(QLatin1Char(' '));
    plain.replace(QLatin1Char(','), QLatin1Char('.'));
    const std::optional<Quantity> quantity = Quantity::parse(plain);
    if (!quantity || !quantity->isPositive())
        return std::nullopt;
    return quantity;
}

std::optional<Money> ProductTableModel::customerPrice(const ProductRow &row) const
{
    if (!row.price || m_priceTypeId.isNull())
        return std::nullopt;
    if (m_discount == 0)
        return row.price;
    rules::PricingContext context;
    context.priceType.id = m_priceTypeId;
    context.priceType.currency = row.price->currency();
    context.customerDiscount = m_discount;
    rules::PricingLineInput input;
    input.productId = row.id;
    input.quantity = Quantity::fromInt(1);
    input.price = Price {row.id, m_priceTypeId, *row.price, {}};
    const rules::LinePricing priced = rules::priceLine(context, input);
    if (!priced.ok())
        return std::nullopt;
    return priced.line->amount;
}

int ProductTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int ProductTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : quantityColumn() + 1;
}

QVariant ProductTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = index.column();
    const bool warehouseColumn = column >= FirstWarehouseColumn && column < quantityColumn();
    // A view asks every cell for about ten roles each time it paints: answer the ones that do
    // not depend on the row at once, and never look a row up for a role this model has no use for.
    switch (role) {
    case Qt::TextAlignmentRole:
        if (column == PriceColumn || warehouseColumn || column == quantityColumn())
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DisplayRole:
    case Qt::EditRole:
    case Qt::ToolTipRole:
        break;
    default:
        if (role < ProductIdRole || role > WarehouseIdRole)
            return {};
    }
    const ProductRow *row = product(index.row());
    if (!row) {
        // Views ask only for what they show: that is the moment to read the page. Reading is
        // queued on the cache thread, so this is cheap and changes nothing a view can see now.
        if (m_mode == Mode::Group)
            const_cast<ProductTableModel *>(this)->requestPage(index.row() / PageSize);
        if (role == RowLoadedRole)
            return false;
        if (role == Qt::DisplayRole && column == NameColumn)
            return tr("Loading…");
        return {};
    }
    const QLocale locale;
    auto availableHere = [&]() -> Quantity {
        const Id warehouseId = m_warehouses[column - FirstWarehouseColumn].id;
        for (const WarehouseStock &level : row->stock) {
            if (level.warehouseId == warehouseId)
                return level.available();
        }
        return {};
    };

    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (column == SkuColumn)
            return row->sku;
        if (column == NameColumn)
            return row->name;
        if (column == UnitColumn)
            return row->unitName;
        if (column == PriceColumn) {
            const std::optional<Money> price = customerPrice(*row);
            return price ? price->toDisplayString(locale) : QString();
        }
        if (warehouseColumn)
            return availableHere().toDisplayString(locale);
        if (column == quantityColumn()) {
            const std::optional<Quantity> typed = quantity(row->id);
            return typed ? typed->toDisplayString(locale) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (column == NameColumn)
            return row->name;
        if (column == PriceColumn && row->price && m_discount != 0)
            return tr("%1 before the customer's discount.").arg(row->price->toDisplayString(locale));
        if (column == quantityColumn())
            return tr("Type a quantity and press Enter to add the product to the cart.");
        return {};
    case ProductIdRole:
        return QVariant::fromValue(row->id);
    case SkuRole:
        return row->sku;
    case NameRole:
        return row->name;
    case UnitRole:
        return row->unitName;
    case PriceRole:
        if (const std::optional<Money> price = customerPrice(*row))
            return QVariant::fromValue(*price);
        return {};
    case BasePriceRole:
        if (row->price && !m_priceTypeId.isNull())
            return QVariant::fromValue(*row->price);
        return {};
    case AvailableRole:
        return QVariant::fromValue(warehouseColumn ? availableHere() : row->available());
    case QuantityRole:
        if (const std::optional<Quantity> typed = quantity(row->id))
            return QVariant::fromValue(*typed);
        return {};
    case RowLoadedRole:
        return true;
    case WarehouseIdRole:
        if (warehouseColumn)
            return QVariant::fromValue(m_warehouses[column - FirstWarehouseColumn].id);
        return {};
    default:
        return {};
    }
}

bool ProductTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (index.column() != quantityColumn() || (role != Qt::EditRole && role != QuantityRole))
        return false;
    const ProductRow *row = product(index.row());
    if (!row)
        return false;
    std::optional<Quantity> typed;
    if (value.metaType() == QMetaType::fromType<Quantity>()) {
        typed = value.value<Quantity>();
    } else {
        const QString text = value.toString().trimmed();
        typed = parseQuantity(text);
        // Empty or zero clears the quantity; anything else that is not a quantity is refused.
        const bool zero = !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
            return c == u'0' || c == u',' || c == u'.' || c.isSpace();
        });
        if (!typed && !text.isEmpty() && !zero)
            return false;
    }
    setQuantity(row->id, typed);
    return true;
}

Qt::ItemFlags ProductTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags result = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == quantityColumn() && product(index.row()))
        result |= Qt::ItemIsEditable;
    return result;
}

QString ProductTableModel::priceHeaderTip() const
{
    if (m_priceTypeId.isNull())
        return tr("Choose a customer to see their prices.");
    QString priceType;
    for (const PriceType &type : m_priceTypes) {
        if (type.id == m_priceTypeId)
            priceType = type.name;
    }
    if (m_discount == 0)
        return tr("Price per unit of the customer's price type %1, before volume breaks.").arg(priceType);
    return tr("Price per unit of the customer's price type %1 after the customer's discount of %2%, "
              "before volume breaks.")
        .arg(priceType, percentText(m_discount));
}

QVariant ProductTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const bool warehouseColumn = section >= FirstWarehouseColumn && section < quantityColumn();
    if (role == Qt::DisplayRole) {
        if (section == SkuColumn)
            return tr("SKU");
        if (section == NameColumn)
            return tr("Name");
        if (section == UnitColumn)
            return tr("Unit");
        if (section == PriceColumn)
            return tr("Price");
        if (warehouseColumn)
            return m_warehouses[section - FirstWarehouseColumn].name;
        return tr("Qty");
    }
    if (role == Qt::ToolTipRole) {
        if (section == PriceColumn)
            return priceHeaderTip();
        if (warehouseColumn) {
            return tr("Available at %1: on hand less reserved.")
                .arg(m_warehouses[section - FirstWarehouseColumn].name);
        }
        if (section == quantityColumn())
            return tr("Type a quantity and press Enter to add the product to the cart.");
        return {};
    }
    if (role == WarehouseIdRole && warehouseColumn)
        return QVariant::fromValue(m_warehouses[section - FirstWarehouseColumn].id);
    if (role == Qt::TextAlignmentRole
        && (section == PriceColumn || warehouseColumn || section == quantityColumn()))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QHash<int, QByteArray> ProductTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ProductIdRole, "productId");
    names.insert(SkuRole, "sku");
    names.insert(NameRole, "name");
    names.insert(UnitRole, "unit");
    names.insert(PriceRole, "price");
    names.insert(BasePriceRole, "basePrice");
    names.insert(AvailableRole, "available");
    names.insert(QuantityRole, "quantity");
    names.insert(RowLoadedRole, "rowLoaded");
    names.insert(WarehouseIdRole, "warehouseId");
    return names;
}

} // namespace portico::client
