#include "orders/cachedpricing.h"

#include "cache/cachesql.h"
#include "cache/catalogqueries.h"
#include "protocol/codecs.h"

#include <QJsonDocument>
#include <QSqlDatabase>

namespace portico::client::CachedPricing {

namespace {

// The row's JSON as the feed delivered it, decoded as T; nullopt when absent or unreadable.
template<typename T>
std::optional<T> decodedRow(QSqlDatabase &db, const QString &sql, const QVariantList &keys)
{
    QSqlQuery query = CacheSql::prepare(db, sql);
    for (const QVariant &key : keys)
        query.addBindValue(key);
    CacheSql::exec(query);
    if (!query.next())
        return std::nullopt;
    auto decoded = protocol::fromJson<T>(QJsonDocument::fromJson(CacheSql::bytes(query.value(0))).object());
    if (!decoded)
        return std::nullopt;
    return std::move(decoded).value();
}

} // namespace

std::optional<Customer> customer(QSqlDatabase &db, const Id &id)
{
    return CatalogQueries::customer(db, id);
}

std::optional<PriceType> priceType(QSqlDatabase &db, const Id &id)
{
    return decodedRow<PriceType>(db, QStringLiteral("SELECT CAST(data AS BLOB) FROM price_type WHERE id = ?"),
                                 {CacheSql::idText(id)});
}

QHash<Id, ProductTerms> productTerms(QSqlDatabase &db, const QList<Id> &productIds, const Id &priceTypeId)
{
    QHash<Id, ProductTerms> terms;
    QSqlQuery product
        = CacheSql::prepare(db, QStringLiteral("SELECT active, vat_rate FROM product WHERE id = ?"));
    for (const Id &id : productIds) {
        if (terms.contains(id))
            continue;
        product.addBindValue(CacheSql::idText(id));
        CacheSql::exec(product);
        if (!product.next())
            continue;
        ProductTerms term;
        term.active = product.value(0).toBool();
        term.vatRate = vatRateFromString(product.value(1).toString()).value_or(VatRate::Twenty);
        product.finish();
        term.price = CatalogQueries::price(db, id, priceTypeId);
        terms.insert(id, term);
    }
    return terms;
}

QDateTime dataAsOf(QSqlDatabase &db)
{
    QSqlQuery query = CacheSql::prepare(db, QStringLiteral("SELECT data_as_of FROM sync_state WHERE id = 1"));
    CacheSql::exec(query);
    return query.next() ? CacheSql::timestampFrom(query.value(0)) : QDateTime {};
}

} // namespace portico::client::CachedPricing
