#include "exchange/catalogimport.h"

#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "exchange/decimaltext.h"
#include "exchange/exchangerepository.h"
#include "exchange/importerror.h"
#include "exchange/orderchangesimport.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "warehouse/stockledger.h"

namespace portico::server {

namespace {

constexpr qsizetype ProductBatch = 500;
constexpr qsizetype FeedFlush = 5000;

// Short names of the OKEI units 1C sends most, for files that give only the code.
QString unitNameFor(const QString &code)
{
    static const QHash<QString, QString> names {
        {QStringLiteral("796"), QStringLiteral("шт")},    {QStringLiteral("166"), QStringLiteral("кг")},
        {QStringLiteral("006"), QStringLiteral("м")},     {QStringLiteral("112"), QStringLiteral("л")},
        {QStringLiteral("055"), QStringLiteral("м2")},    {QStringLiteral("113"), QStringLiteral("м3")},
        {QStringLiteral("163"), QStringLiteral("г")},     {QStringLiteral("778"), QStringLiteral("упак")},
        {QStringLiteral("704"), QStringLiteral("набор")}, {QStringLiteral("715"), QStringLiteral("пар")},
    };
    return names.value(code, code);
}

Quantity quantityFrom(const QString &text, const QString &what)
{
    const auto milli = parseDecimal(text, 3);
    if (!milli)
        throw ImportError(QStringLiteral("%1: \"%2\" is not a quantity").arg(what, text));
    return Quantity::fromMilli(*milli);
}

} // namespace

CatalogImport::CatalogImport(Context context, ImportCounts &counts, FeedBatch &feed,
                             OrderChangesImport *orders)
    : m_context(std::move(context))
    , m_counts(counts)
    , m_feed(feed)
    , m_orders(orders)
{ }

CatalogImport::~CatalogImport() = default;

void CatalogImport::finish()
{
    flushProducts();
    flushOffers();
    // Stock levels came in: backorders take what is available now.
    if (m_counts.stock > 0) {
        StockLedger ledger(m_context.tx, m_context.now, m_context.userId);
        ledger.fillAllBackorders();
        ledger.finish(m_feed);
    }
    flushFeed(true);
}

QStringList CatalogImport::audiences() const
{
    QSet<QString> all = m_audiences;
    for (const QString &audience : m_feed.audiences())
        all.insert(audience);
    return QStringList(all.cbegin(), all.cend());
}

void CatalogImport::package(bool changesOnly)
{
    m_counts.changesOnly = m_counts.changesOnly || changesOnly;
}

void CatalogImport::group(const CmlGroup &cml)
{
    // Batched products and offers are merged with the classifier as it was when they came.
    flushProducts();
    flushOffers();
    CatalogRepository catalog(m_context.tx);
    ProductGroup group;
    group.id = catalog.idForExternal(QStringLiteral("product_groups"), cml.id).value_or(QUuid::createUuid());
    group.externalId = cml.id;
    group.name = cml.name.isEmpty() ? cml.id : cml.name;
    group.sortOrder = cml.sortOrder;
    if (!cml.parentId.isEmpty()) {
        group.parentId = groupFor(cml.parentId).value_or(Id {});
        if (group.parentId.isNull())
            m_counts.warn(
                QStringLiteral("group %1: parent %2 is not in the classifier").arg(cml.id, cml.parentId));
    }
    catalog.upsertGroups({group}, m_feed);
    m_groups.insert(cml.id, group.id);
    ++m_counts.groups;
    flushFeed(false);
}

void CatalogImport::property(const CmlProperty &cml)
{
    // Batched products and offers are merged with the classifier as it was when they came.
    flushProducts();
    flushOffers();
    CatalogRepository catalog(m_context.tx);
    Property property;
    if (const auto id = catalog.idForExternal(QStringLiteral("properties"), cml.id))
        property = catalog.property(*id).value_or(Property {});
    if (property.id.isNull())
        property.id = QUuid::createUuid();
    property.externalId = cml.id;
    property.name = cml.name.isEmpty() ? cml.id : cml.name;
    property.type = cml.type;
    // Reference values keep their ids across imports: products point at them.
    for (const auto &[valueId, text] : cml.values) {
        auto found = std::find_if(property.values.begin(), property.values.end(),
                                  [&](const PropertyValue &v) { return v.externalId == valueId; });
        if (found != property.values.end())
            found->value = text;
        else
            property.values.append({QUuid::createUuid(), valueId, text});
    }
    catalog.upsertProperties({property}, m_feed);
    m_properties.insert(cml.id, property);
    ++m_counts.properties;
    flushFeed(false);
}

void CatalogImport::product(const CmlProduct &cml)
{
    // Offers before this product were resolved against the catalog as it was then.
    flushOffers();
    m_pendingProducts.append(cml);
    ++m_counts.products;
    if (m_pendingProducts.size() >= ProductBatch)
        flushProducts();
}

Product CatalogImport::merged(const CmlProduct &cml, std::optional<Product> stored, const Id &id)
{
    Product product = stored.value_or(Product {});
    if (!stored) {
        product.id = id;
        product.unit = Unit::piece();
    }
    product.externalId = cml.id;
    if (!cml.name.isEmpty())
        product.name = cml.name;
    if (product.name.isEmpty())
        throw ImportError(QStringLiteral("product %1 has no name").arg(cml.id));
    if (cml.sku)
        product.sku = *cml.sku;
    if (cml.barcodes)
        product.barcodes = *cml.barcodes;
    if (cml.description)
        product.description = *cml.description;
    if (cml.groupId && !cml.groupId->isEmpty()) {
        // A changes-only package names groups an earlier full one sent; one that never came
        // leaves the product where it was rather than failing the file.
        if (const auto group = groupFor(*cml.groupId))
            product.groupId = *group;
        else
            m_counts.warn(
                QStringLiteral("product %1: group %2 is not in the classifier").arg(cml.id, *cml.groupId));
    }
    if (cml.unitCode && !cml.unitCode->isEmpty())
        product.unit = {*cml.unitCode, cml.unitName.isEmpty() ? unitNameFor(*cml.unitCode) : cml.unitName};
    if (cml.vatRate)
        product.vatRate = *cml.vatRate;
    product.active = !cml.deleted;
    for (const auto &[name, value] : cml.requisites) {
        if (name == u"Вес" && !value.isEmpty())
            product.weightKg = quantityFrom(value, QStringLiteral("product %1 weight").arg(cml.id));
        else if (name == u"Полное наименование" && product.description.isEmpty() && value != product.name)
            product.description = value;
    }
    if (cml.properties) {
        product.properties.clear();
        for (const auto &[propertyId, value] : *cml.properties) {
            const Property *property = propertyFor(propertyId);
            if (!property) {
                m_counts.warn(QStringLiteral("product %1: property %2 is not in the classifier")
                                  .arg(cml.id, propertyId));
                continue;
            }
            ProductPropertyValue pv {property->id, {}, value};
            if (property->type == PropertyType::Reference) {
                const auto found
                    = std::find_if(property->values.cbegin(), property->values.cend(),
                                   [&](const PropertyValue &v) { return v.externalId == value; });
                if (found != property->values.cend()) {
                    pv.valueId = found->id;
                    pv.value = found->value;
                }
            }
            if (!pv.value.isEmpty())
                product.properties.append(pv);
        }
    }
    // Every picture that was uploaded, in the file's order; the first is the main one. A product
    // whose pictures were all left out (a changes-only package without import_files) keeps the
    // ones it had.
    QStringList images;
    for (const QString &path : cml.images) {
        const QString hash = m_context.images.value(path);
        if (hash.isEmpty()) {
            m_counts.warn(QStringLiteral("product %1: image %2 was not uploaded").arg(cml.id, path));
        } else if (!images.contains(hash)) {
            images << hash;
            ++m_counts.images;
        }
    }
    if (!images.isEmpty()) {
        product.images = images;
        product.imageRef = images.first();
    }
    return product;
}

void CatalogImport::priceType(const CmlPriceType &cml)
{
    // Batched offers are priced and stocked with what came before them.
    flushOffers();
    CatalogRepository catalog(m_context.tx);
    PriceType type;
    if (const auto id = catalog.idForExternal(QStringLiteral("price_types"), cml.id))
        type = catalog.priceType(*id).value_or(PriceType {});
    if (type.id.isNull())
        type.id = QUuid::createUuid();
    type.externalId = cml.id;
    type.name = cml.name.isEmpty() ? cml.id : cml.name;
    if (!cml.currency.isEmpty())
        type.currency = currencyFrom(cml.currency, QStringLiteral("price type ") + cml.id);
    type.vatIncluded = cml.vatIncluded;
    catalog.upsertPriceTypes({type}, m_feed);
    m_priceTypes.insert(cml.id, type);
    ++m_counts.priceTypes;
}

void CatalogImport::warehouse(const CmlWarehouse &cml)
{
    // Batched offers are priced and stocked with what came before them.
    flushOffers();
    CatalogRepository catalog(m_context.tx);
    Warehouse warehouse;
    warehouse.id = catalog.idForExternal(QStringLiteral("warehouses"), cml.id).value_or(QUuid::createUuid());
    warehouse.externalId = cml.id;
    warehouse.name = cml.name.isEmpty() ? cml.id : cml.name;
    warehouse.address = cml.address;
    catalog.upsertWarehouses({warehouse}, m_feed);
    m_warehouses.insert(cml.id, warehouse.id);
    ++m_counts.warehouses;
}

void CatalogImport::offer(const CmlOffer &cml)
{
    // Offers may follow products in the same file: they must see them.
    flushProducts();
    m_pendingOfferRows += cml.prices.size() + std::max<qsizetype>(cml.stock.size(), cml.quantity ? 1 : 0);
    m_pendingOffers.append(cml);
    if (m_pendingOfferRows >= ProductBatch)
        flushOffers();
}

void CatalogImport::flushOffers()
{
    if (m_pendingOffers.isEmpty())
        return;
    QStringList externalIds;
    externalIds.reserve(m_pendingOffers.size());
    for (const CmlOffer &cml : std::as_const(m_pendingOffers))
        externalIds << cml.id;
    const QHash<QString, Id> ids = productIds(externalIds);
    // One row per product and price type (warehouse) in a statement: a product offered twice
    // in a batch keeps its last offer, as when the rows were written one by one.
    QList<Price> prices;
    QHash<std::pair<Id, Id>, qsizetype> priceRow;
    QList<StockLevel> levels;
    QHash<std::pair<Id, Id>, qsizetype> stockRow;
    const QDateTime asOf = utcFromMsecs(m_context.now);
    for (const CmlOffer &cml : std::as_const(m_pendingOffers)) {
        const auto found = ids.constFind(cml.id);
        if (found == ids.cend())
            throw ImportError(
                QStringLiteral("offer %1 is for a product that was never imported").arg(cml.id));
        const Id productId = *found;
        for (const CmlPrice &price : cml.prices) {
            const PriceType &type = priceTypeFor(price.priceTypeId);
            const Currency currency = price.currency.isEmpty()
                ? type.currency
                : currencyFrom(price.currency, QStringLiteral("offer ") + cml.id);
            if (currency != type.currency)
                throw ImportError(QStringLiteral("offer %1: price in %2 for price type %3 in %4")
                                      .arg(cml.id, currency.code(), type.name, type.currency.code()));
            const auto minor = parseDecimal(price.unitPrice, currency.minorDigits());
            if (!minor || *minor < 0)
                throw ImportError(
                    QStringLiteral("offer %1: \"%2\" is not a price").arg(cml.id, price.unitPrice));
            Price row {productId, type.id, Money::fromMinor(*minor, currency), {}};
            if (const auto at = priceRow.constFind({productId, type.id}); at != priceRow.cend()) {
                prices[*at] = std::move(row);
            } else {
                priceRow.insert({productId, type.id}, prices.size());
                prices.append(std::move(row));
            }
            ++m_counts.prices;
        }
        QList<StockLevel> offered;
        for (const auto &[warehouseId, quantity] : cml.stock) {
            offered.append(StockLevel {productId, warehouseFor(warehouseId),
                                       quantityFrom(quantity, QStringLiteral("offer ") + cml.id), Quantity {},
                                       asOf});
        }
        if (offered.isEmpty() && cml.quantity) {
            offered.append(StockLevel {productId, defaultWarehouse(),
                                       quantityFrom(*cml.quantity, QStringLiteral("offer ") + cml.id),
                                       Quantity {}, asOf});
        }
        for (StockLevel &level : offered) {
            const std::pair<Id, Id> key {productId, level.warehouseId};
            if (const auto at = stockRow.constFind(key); at != stockRow.cend()) {
                levels[*at] = std::move(level);
            } else {
                stockRow.insert(key, levels.size());
                levels.append(std::move(level));
            }
            ++m_counts.stock;
        }
    }
    CatalogRepository catalog(m_context.tx);
    catalog.bulkUpsertPrices(prices, m_feed);
    catalog.bulkUpsertStock(levels, m_feed);
    m_pendingOffers.clear();
    m_pendingOfferRows = 0;
    flushFeed(false);
}

void CatalogImport::counterparty(const CmlCounterparty &cml)
{
    CatalogRepository catalog(m_context.tx);
    CustomerRepository customers(m_context.tx);
    Customer customer;
    if (const auto id = catalog.idForExternal(QStringLiteral("customers"), cml.id))
        customer = customers.customer(*id).value_or(Customer {});
    if (customer.id.isNull())
        customer.id = QUuid::createUuid();
    customer.externalId = cml.id;
    customer.name = cml.name.isEmpty() ? cml.legalName : cml.name;
    if (customer.name.isEmpty())
        throw ImportError(QStringLiteral("counterparty %1 has no name").arg(cml.id));
    customer.legalName = cml.legalName.isEmpty() ? customer.name : cml.legalName;
    customer.inn = cml.inn;
    customer.kpp = cml.kpp;
    if (!cml.addresses.isEmpty())
        customer.addresses = cml.addresses;
    if (!cml.contacts.isEmpty())
        customer.contacts = cml.contacts;
    customer.blocked = customer.blocked || cml.deleted;
    customers.upsert({customer}, m_feed);
    ++m_counts.customers;
    flushFeed(false);
}

void CatalogImport::document(const CmlDocument &document)
{
    if (!m_orders)
        throw ImportError(
            QStringLiteral("document %1: orders come back through a sale exchange").arg(document.id));
    flushProducts();
    flushOffers();
    if (m_orders->apply(document))
        ++m_counts.orders;
    flushFeed(false);
}

int CatalogImport::deactivateOthers()
{
    flushProducts();
    flushOffers();
    ExchangeRepository exchange(m_context.tx);
    CatalogRepository catalog(m_context.tx);
    int total = 0;
    for (;;) {
        const QList<Id> ids = exchange.productsNotImportedBy(m_context.sessionId, 500);
        if (ids.isEmpty())
            break;
        QList<Product> products = catalog.products(ids).values();
        for (Product &product : products)
            product.active = false;
        catalog.upsertProducts(products, m_feed);
        total += static_cast<int>(products.size());
        flushFeed(false);
        if (products.size() < ids.size())
            break; // rows vanished under us: nothing more to find
    }
    m_counts.deactivated += total;
    flushFeed(true);
    return total;
}

QHash<QString, Id> CatalogImport::productIds(const QStringList &externalIds)
{
    CatalogRepository catalog(m_context.tx);
    QHash<QString, Id> ids = catalog.idsForExternal(QStringLiteral("products"), externalIds);
    // "product#characteristic": Portico has no characteristics of its own, so one the catalog
    // does not hold as a product of its own is its product.
    QStringList products;
    for (const QString &externalId : externalIds) {
        if (const qsizetype hash = externalId.indexOf(QLatin1Char('#'));
            hash > 0 && !ids.contains(externalId))
            products << externalId.left(hash);
    }
    if (!products.isEmpty()) {
        const QHash<QString, Id> found = catalog.idsForExternal(QStringLiteral("products"), products);
        for (const QString &externalId : externalIds) {
            const qsizetype hash = externalId.indexOf(QLatin1Char('#'));
            if (hash <= 0 || ids.contains(externalId))
                continue;
            if (const auto product = found.constFind(externalId.left(hash)); product != found.cend())
                ids.insert(externalId, *product);
        }
    }
    return ids;
}

std::optional<Id> CatalogImport::groupFor(const QString &externalId)
{
    if (const auto found = m_groups.constFind(externalId); found != m_groups.cend())
        return *found;
    const auto id
        = CatalogRepository(m_context.tx).idForExternal(QStringLiteral("product_groups"), externalId);
    if (id)
        m_groups.insert(externalId, *id);
    return id;
}

const PriceType &CatalogImport::priceTypeFor(const QString &externalId)
{
    if (const auto found = m_priceTypes.constFind(externalId); found != m_priceTypes.cend())
        return *found;
    CatalogRepository catalog(m_context.tx);
    const auto id = catalog.idForExternal(QStringLiteral("price_types"), externalId);
    const auto type = id ? catalog.priceType(*id) : std::nullopt;
    if (!type)
        throw ImportError(QStringLiteral("price type %1 is not known").arg(externalId));
    return *m_priceTypes.insert(externalId, *type);
}

Id CatalogImport::warehouseFor(const QString &externalId)
{
    if (const auto found = m_warehouses.constFind(externalId); found != m_warehouses.cend())
        return *found;
    const auto id = CatalogRepository(m_context.tx).idForExternal(QStringLiteral("warehouses"), externalId);
    if (!id)
        throw ImportError(QStringLiteral("warehouse %1 is not known").arg(externalId));
    m_warehouses.insert(externalId, *id);
    return *id;
}

Id CatalogImport::defaultWarehouse()
{
    if (m_defaultWarehouse)
        return *m_defaultWarehouse;
    CatalogRepository catalog(m_context.tx);
    const QList<Warehouse> all = catalog.warehouses();
    if (all.size() == 1) {
        m_defaultWarehouse = all.first().id;
    } else if (const auto id
               = catalog.idForExternal(QStringLiteral("warehouses"), QStringLiteral("default"))) {
        m_defaultWarehouse = *id;
    } else {
        // Stock without a warehouse, and no single warehouse to give it to: one of its own.
        const Warehouse main {
            QUuid::createUuid(), QStringLiteral("default"), QStringLiteral("Основной склад"), {}};
        catalog.upsertWarehouses({main}, m_feed);
        m_defaultWarehouse = main.id;
    }
    return *m_defaultWarehouse;
}

const Property *CatalogImport::propertyFor(const QString &externalId)
{
    if (const auto found = m_properties.constFind(externalId); found != m_properties.cend())
        return &*found;
    CatalogRepository catalog(m_context.tx);
    const auto id = catalog.idForExternal(QStringLiteral("properties"), externalId);
    const auto property = id ? catalog.property(*id) : std::nullopt;
    if (!property)
        return nullptr;
    return &*m_properties.insert(externalId, *property);
}

Currency CatalogImport::currencyFrom(const QString &text, const QString &what) const
{
    const QString code = text.trimmed();
    if (code == u"руб" || code == u"руб." || code == QLatin1String("643") || code == QLatin1String("RUR"))
        return Currency::rub();
    if (const auto currency = Currency::fromCode(code.toUpper()))
        return *currency;
    throw ImportError(QStringLiteral("%1: unknown currency \"%2\"").arg(what, text));
}

void CatalogImport::flushProducts()
{
    if (m_pendingProducts.isEmpty())
        return;
    QStringList externalIds;
    externalIds.reserve(m_pendingProducts.size());
    for (const CmlProduct &cml : std::as_const(m_pendingProducts))
        externalIds << cml.id;
    QHash<QString, Id> ids = productIds(externalIds);
    CatalogRepository catalog(m_context.tx);
    const QHash<Id, Product> stored = catalog.products(QSet<Id>(ids.cbegin(), ids.cend()).values());
    // One row per product: a product twice in a batch is the second merged over the first,
    // as when each was written before the next was read.
    QList<Product> rows;
    rows.reserve(m_pendingProducts.size());
    QHash<Id, qsizetype> rowOf;
    for (const CmlProduct &cml : std::as_const(m_pendingProducts)) {
        auto id = ids.constFind(cml.id);
        if (id == ids.cend())
            id = ids.insert(cml.id, QUuid::createUuid());
        if (const auto row = rowOf.constFind(*id); row != rowOf.cend()) {
            rows[*row] = merged(cml, rows.at(*row), *id);
            continue;
        }
        const auto found = stored.constFind(*id);
        rowOf.insert(*id, rows.size());
        rows.append(merged(cml, found == stored.cend() ? std::nullopt : std::optional<Product>(*found), *id));
    }
    // A product the file leaves as it is stored is not written again, nor sent to every desktop.
    QList<Product> changed;
    changed.reserve(rows.size());
    QList<Id> imported;
    imported.reserve(rows.size());
    for (Product &product : rows) {
        imported << product.id;
        const auto found = stored.constFind(product.id);
        if (found == stored.cend() || !(*found == product))
            changed.append(std::move(product));
    }
    catalog.bulkUpsertProducts(changed, m_feed);
    if (!m_context.sessionId.isEmpty())
        ExchangeRepository(m_context.tx).markProducts(imported, m_context.sessionId);
    m_pendingProducts.clear();
    flushFeed(false);
}

void CatalogImport::flushFeed(bool force)
{
    if (m_feed.isEmpty() || (!force && m_feed.size() < FeedFlush))
        return;
    m_feed.append(m_context.tx);
    for (const QString &audience : m_feed.audiences())
        m_audiences.insert(audience);
    m_feed = FeedBatch {};
}

} // namespace portico::server
