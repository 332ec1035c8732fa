#pragma once

#include "domain/catalog.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace portico::server {

class FeedBatch;

// Feed entity names and ids of the catalog.
namespace entity {
inline const QString Group = QStringLiteral("group");
inline const QString Property = QStringLiteral("property");
inline const QString Product = QStringLiteral("product");
inline const QString PriceType = QStringLiteral("price_type");
inline const QString Price = QStringLiteral("price"); // id "<product>/<price type>"
inline const QString Warehouse = QStringLiteral("warehouse");
inline const QString Stock = QStringLiteral("stock"); // id "<product>/<warehouse>"
inline const QString Customer = QStringLiteral("customer");
inline const QString Order = QStringLiteral("order");
inline const QString Document = QStringLiteral("document");
} // namespace entity

// What pricing an order needs of a product (CatalogRepository::productTerms): whether it may be
// ordered, its VAT rate and its price of the customer's price type (none without one).
struct ProductTerms
{
    bool active = false;
    VatRate vatRate = VatRate::Twenty;
    std::optional<Price> price;
};

// The catalog as the accounting system owns it: groups, properties, products, price types,
// prices, warehouses and stock. Every upsert writes the row and its feed entry (into `feed`)
// in the caller's transaction; the caller appends the batch last.
class CatalogRepository final
{
public:
    explicit CatalogRepository(const QSqlDatabase &tx)
        : m_tx(tx)
    { }

    void upsertGroups(const QList<ProductGroup> &groups, FeedBatch &feed);
    void upsertProperties(const QList<Property> &properties, FeedBatch &feed);
    void upsertProducts(const QList<Product> &products, FeedBatch &feed);
    void upsertPriceTypes(const QList<PriceType> &priceTypes, FeedBatch &feed);
    void upsertPrices(const QList<Price> &prices, FeedBatch &feed);
    void upsertWarehouses(const QList<Warehouse> &warehouses, FeedBatch &feed);
    void upsertStock(const QList<StockLevel> &levels, FeedBatch &feed);

    // The same rows and feed entries as upsertProducts, upsertPrices and upsertStock, written
    // with multi-row statements: the importer's batches of hundreds of rows. Each id (product,
    // product and price type, product and warehouse) may appear once in a call.
    void bulkUpsertProducts(const QList<Product> &products, FeedBatch &feed);
    void bulkUpsertPrices(const QList<Price> &prices, FeedBatch &feed);
    void bulkUpsertStock(const QList<StockLevel> &levels, FeedBatch &feed);

    std::optional<Product> product(const Id &id) const;
    // A property with its reference values (the exchange merges new values into it).
    std::optional<Property> property(const Id &id) const;
    QHash<Id, Product> products(const QList<Id> &ids) const;
    // The narrow read of order pricing, in one statement per 900 products: each product's terms
    // and its price of `priceType` (none when null), without the descriptions, barcodes and
    // properties of products(). What only a catalog change changes.
    QHash<Id, ProductTerms> productTerms(const QList<Id> &ids,
                                         const std::optional<PriceType> &priceType) const;
    // A number every write of products, prices or price types raises in its transaction (the
    // upserts above; SQLite only, migration 12): two transactions that read the same number see
    // the same productTerms(). -1 where the database keeps none (PostgreSQL). Rows of those
    // tables are written here and nowhere else.
    qint64 revision() const;
    std::optional<PriceType> priceType(const Id &id) const;
    QList<PriceType> priceTypes() const;
    QHash<Id, Price> prices(const QList<Id> &productIds, const Id &priceTypeId) const;
    QHash<Id, Price> prices(const QList<Id> &productIds, const PriceType &priceType) const;
    // Available quantity (on hand - reserved) per product, over every warehouse or one.
    QHash<Id, Quantity> available(const QList<Id> &productIds, const Id &warehouseId = {}) const;
    QList<Warehouse> warehouses() const;

    // Portico's id for an accounting-system id, for the importer.
    std::optional<Id> idForExternal(const QString &table, const QString &externalId) const;
    // The same for many ids in one statement per few hundred; ids not stored are left out.
    QHash<QString, Id> idsForExternal(const QString &table, const QStringList &externalIds) const;

private:
    // Raises revision() (nothing on PostgreSQL).
    void raiseRevision();
    void bulkUpsertProductsOnSqlite(const QList<Product> &products, FeedBatch &feed);
    QSqlDatabase m_tx;
};

// A price's volume tiers from its stored tiers_json.
QList<VolumeTier> tiersFrom(const QVariant &json, Currency currency);

QString priceFeedId(const Id &productId, const Id &priceTypeId);
QString stockFeedId(const Id &productId, const Id &warehouseId);

} // namespace portico::server
