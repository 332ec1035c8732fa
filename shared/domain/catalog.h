#pragma once

#include "domain/ids.h"
#include "domain/money.h"
#include "domain/quantity.h"
#include "domain/vatrate.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace portico {

struct ProductGroup
{
    Id id;
    ExternalId externalId;
    Id parentId; // null for a root group
    QString name;
    int sortOrder = 0;
    friend bool operator==(const ProductGroup &, const ProductGroup &) = default;
};

enum class PropertyType { String, Number, Reference };

struct PropertyValue
{
    Id id;
    ExternalId externalId;
    QString value;
    friend bool operator==(const PropertyValue &, const PropertyValue &) = default;
};

// A product property ("Цвет", "Материал"); Reference properties choose from `values`.
struct Property
{
    Id id;
    ExternalId externalId;
    QString name;
    PropertyType type = PropertyType::String;
    QList<PropertyValue> values;
    friend bool operator==(const Property &, const Property &) = default;
};

// One property's value on a product: a reference value's id, or free text / a number as text.
struct ProductPropertyValue
{
    Id propertyId;
    Id valueId; // set for Reference properties
    QString value; // the displayed value in every case
    friend bool operator==(const ProductPropertyValue &, const ProductPropertyValue &) = default;
};

struct Product
{
    Id id;
    ExternalId externalId;
    QString sku; // "Артикул"
    QStringList barcodes; // EAN-13, EAN-8, UPC, Code128 as printed
    QString name;
    QString description;
    Id groupId;
    Unit unit;
    VatRate vatRate = VatRate::Twenty;
    Quantity weightKg; // three decimals: grams precision
    Quantity volumeM3; // three decimals: litres precision
    QList<ProductPropertyValue> properties;
    QString imageRef; // the main picture's content hash in the blob store, empty when none
    QStringList images; // every picture's content hash, the main one first; may be empty with an imageRef
    bool active = true;
    friend bool operator==(const Product &, const Product &) = default;
};

// A kind of price ("Оптовая", "Розничная"): every customer is assigned one.
struct PriceType
{
    Id id;
    ExternalId externalId;
    QString name;
    Currency currency = Currency::rub();
    bool vatIncluded = true;
    friend bool operator==(const PriceType &, const PriceType &) = default;
};

// From `minQuantity` upward the unit price is `unitPrice` (volume price break).
struct VolumeTier
{
    Quantity minQuantity;
    Money unitPrice;
    friend bool operator==(const VolumeTier &, const VolumeTier &) = default;
};

struct Price
{
    Id productId;
    Id priceTypeId;
    Money unitPrice; // per product unit, in the price type's currency
    QList<VolumeTier> tiers; // ascending by minQuantity; may be empty
    friend bool operator==(const Price &, const Price &) = default;
};

struct Warehouse
{
    Id id;
    ExternalId externalId;
    QString name;
    QString address;
    friend bool operator==(const Warehouse &, const Warehouse &) = default;
};

struct StockLevel
{
    Id productId;
    Id warehouseId;
    Quantity onHand;
    Quantity reserved;
    QDateTime asOf; // UTC
    Quantity available() const { return onHand - reserved; }
    friend bool operator==(const StockLevel &, const StockLevel &) = default;
};

} // namespace portico
