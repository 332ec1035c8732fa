#include "cache/productqueries.h"

#include "cache/cachedatabase.h"
#include "cache/cachesql.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace portico::client::ProductQueries {

std::optional<ProductCard> productCard(QSqlDatabase &db, const Id &productId)
{
    std::optional<Product> product = CatalogQueries::product(db, productId);
    if (!product)
        return std::nullopt;
    ProductCard card;
    card.product = std::move(*product);

    if (!card.product.groupId.isNull()) {
        QSqlQuery group
            = CacheSql::prepare(db, QStringLiteral("SELECT name FROM product_group WHERE id = ?"));
        group.bindValue(0, CacheSql::idText(card.product.groupId));
        CacheSql::exec(group);
        if (group.next())
            card.groupName = group.value(0).toString();
    }

    QHash<QString, QString> propertyNames;
    QSqlQuery properties = CacheSql::prepare(db, QStringLiteral("SELECT id, name FROM property"));
    CacheSql::exec(properties);
    while (properties.next())
        propertyNames.insert(properties.value(0).toString(), properties.value(1).toString());
    for (const ProductPropertyValue &value : std::as_const(card.product.properties)) {
        if (value.value.isEmpty())
            continue;
        card.properties.append({propertyNames.value(CacheSql::idText(value.propertyId)), value.value});
    }

    const QList<PriceType> types = CatalogQueries::priceTypes(db);
    for (const PriceType &type : types) {
        if (std::optional<Price> price = CatalogQueries::price(db, productId, type.id))
            card.prices.append({type, std::move(*price)});
    }

    const QList<WarehouseStock> levels = CatalogQueries::stock(db, productId);
    const QList<Warehouse> warehouses = CatalogQueries::warehouses(db);
    for (const Warehouse &warehouse : warehouses) {
        ProductCard::StockAt at {warehouse, {}};
        at.level.warehouseId = warehouse.id;
        for (const WarehouseStock &level : levels) {
            if (level.warehouseId == warehouse.id)
                at.level = level;
        }
        card.stock.append(at);
    }
    return card;
}

int groupPosition(QSqlDatabase &db, const Id &groupId, const Id &productId)
{
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral(
            "SELECT (SELECT COUNT(*) FROM product p WHERE p.group_id IS t.group_id AND p.active = 1 "
            "AND (p.name_key < t.name_key OR (p.name_key = t.name_key AND p.rid < t.rid))) "
            "FROM product t WHERE t.id = ? AND t.group_id IS ? AND t.active = 1"));
    q.bindValue(0, CacheSql::idText(productId));
    q.bindValue(1, CacheSql::idValue(groupId));
    CacheSql::exec(q);
    return q.next() ? q.value(0).toInt() : -1;
}

} // namespace portico::client::ProductQueries
