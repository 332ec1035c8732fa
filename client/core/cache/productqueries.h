#pragma once

#include "cache/catalogqueries.h"

#include <QList>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace portico::client {

// Everything the product card shows about one product, read in one cache job.
struct ProductCard
{
    struct Property
    {
        QString name;
        QString value;
    };
    struct PriceOfType
    {
        PriceType priceType;
        Price price;
    };
    struct StockAt
    {
        Warehouse warehouse;
        WarehouseStock level;
    };

    Product product;
    QString groupName; // empty when the product has no group the cache knows
    QList<Property> properties; // in the product's order
    QList<PriceOfType> prices; // every cached price type that has a price for it, by name
    QList<StockAt> stock; // every cached warehouse, by name; zero levels where nothing is counted
};

// Product queries of the catalog page beyond CatalogQueries. Functions of the connection, for a
// CacheDatabase job; they throw CacheError on a failed statement.
namespace ProductQueries {

// None when the cache does not hold the product.
std::optional<ProductCard> productCard(QSqlDatabase &db, const Id &productId);

// The product's row in CatalogQueries::groupProducts of its group (same order); -1 when it is not
// an active product of `groupId`.
int groupPosition(QSqlDatabase &db, const Id &groupId, const Id &productId);

} // namespace ProductQueries

} // namespace portico::client
