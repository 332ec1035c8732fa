#pragma once

#include "domain/catalog.h"
#include "domain/customer.h"

#include <QDateTime>
#include <QHash>
#include <QList>

#include <optional>

class QSqlDatabase;

namespace portico::client {

// What offline pricing reads from the cache: the customer, its price type, and for each product
// whether it is known and active, its VAT rate and its price of the price type.
namespace CachedPricing {

struct ProductTerms
{
    bool active = true;
    VatRate vatRate = VatRate::Twenty;
    std::optional<Price> price;
};

std::optional<Customer> customer(QSqlDatabase &db, const Id &id);
std::optional<PriceType> priceType(QSqlDatabase &db, const Id &id);
// Products missing from the cache are missing from the result.
QHash<Id, ProductTerms> productTerms(QSqlDatabase &db, const QList<Id> &productIds, const Id &priceTypeId);
// When the cached prices and stock were last brought up to date; invalid before the first sync.
QDateTime dataAsOf(QSqlDatabase &db);

} // namespace CachedPricing

} // namespace portico::client
