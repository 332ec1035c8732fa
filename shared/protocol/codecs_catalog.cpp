#include "protocol/codecs.h"

namespace portico::protocol {

namespace {

// The currency a Price is written in: its first amount's that has one.
Currency currencyOf(const Price &price)
{
    if (price.unitPrice.currency().isValid())
        return price.unitPrice.currency();
    for (const VolumeTier &tier : price.tiers) {
        if (tier.unitPrice.currency().isValid())
            return tier.unitPrice.currency();
    }
    return Currency::rub();
}

} // namespace

QJsonObject toJson(const ProductGroup &group)
{
    QJsonObject json;
    json.insert(u"id", toJsonValue(group.id));
    json.insert(u"external_id", group.externalId);
    json.insert(u"parent_id", toJsonValue(group.parentId));
    json.insert(u"name", group.name);
    json.insert(u"sort_order", group.sortOrder);
    return json;
}

void read(JsonReader &reader, ProductGroup &out)
{
    out.id = reader.uuid(u"id");
    out.externalId = reader.string(u"external_id", limits::ExternalId, Presence::Optional);
    out.parentId = reader.uuid(u"parent_id", Presence::Optional);
    out.name = reader.string(u"name", limits::Name);
    out.sortOrder = reader.integer(u"sort_order", -MaxSortOrder, MaxSortOrder, 0, Presence::Optional);
}

QJsonObject toJson(const PropertyValue &value)
{
    QJsonObject json;
    json.insert(u"id", toJsonValue(value.id));
    json.insert(u"external_id", value.externalId);
    json.insert(u"value", value.value);
    return json;
}

void read(JsonReader &reader, PropertyValue &out)
{
    out.id = reader.uuid(u"id");
    out.externalId = reader.string(u"external_id", limits::ExternalId, Presence::Optional);
    out.value = reader.string(u"value", limits::Text);
}

QJsonObject toJson(const Property &property)
{
    QJsonObject json;
    json.insert(u"id", toJsonValue(property.id));
    json.insert(u"external_id", property.externalId);
    json.insert(u"name", property.name);
    json.insert(u"type", propertyTypeToString(property.type));
    json.insert(u"values", toJsonArray(property.values));
    return json;
}

void read(JsonReader &reader, Property &out)
{
    out.id = reader.uuid(u"id");
    out.externalId = reader.string(u"external_id", limits::ExternalId, Presence::Optional);
    out.name = reader.string(u"name", limits::Name);
    out.type = reader.enumeration(u"type", propertyTypeFromString, PropertyType::String);
    readList(reader, u"values", out.values, Presence::Optional);
}

QJsonObject toJson(const ProductPropertyValue &value)
{
    QJsonObject json;
    json.insert(u"property_id", toJsonValue(value.propertyId));
    json.insert(u"value_id", toJsonValue(value.valueId));
    json.insert(u"value", value.value);
    return json;
}

void read(JsonReader &reader, ProductPropertyValue &out)
{
    out.propertyId = reader.uuid(u"property_id");
    out.valueId = reader.uuid(u"value_id", Presence::Optional);
    out.value = reader.string(u"value", limits::Text);
}

QJsonObject toJson(const Unit &unit)
{
    QJsonObject json;
    json.insert(u"okei_code", unit.okeiCode);
    json.insert(u"name", unit.name);
    return json;
}

void read(JsonReader &reader, Unit &out)
{
    out.okeiCode = reader.string(u"okei_code", limits::OkeiCode);
    out.name = reader.string(u"name", limits::UnitName);
}

QJsonObject toJson(const Product &product)
{
    QJsonObject json;
    json.insert(u"id", toJsonValue(product.id));
    json.insert(u"external_id", product.externalId);
    json.insert(u"sku", product.sku);
    json.insert(u"barcodes", QJsonArray::fromStringList(product.barcodes));
    json.insert(u"name", product.name);
    json.insert(u"description", product.description);
    json.insert(u"group_id", toJsonValue(product.groupId));
    json.insert(u"unit", toJson(product.unit));
    json.insert(u"vat_rate", vatRateToString(product.vatRate));
    json.insert(u"weight_kg", product.weightKg.toString());
    json.insert(u"volume_m3", product.volumeM3.toString());
    json.insert(u"properties", toJsonArray(product.properties));
    json.insert(u"image_ref", product.imageRef);
    json.insert(u"images", QJsonArray::fromStringList(product.images));
    json.insert(u"active", product.active);
    return json;
}

void read(JsonReader &reader, Product &out)
{
    out.id = reader.uuid(u"id");
    out.externalId = reader.string(u"external_id", limits::ExternalId, Presence::Optional);
    out.sku = reader.string(u"sku", limits::Sku, Presence::Optional);
    out.barcodes = reader.stringList(u"barcodes", limits::Barcode, Presence::Optional);
    out.name = reader.string(u"name", limits::Name);
    out.description = reader.string(u"description", limits::Description, Presence::Optional);
    out.groupId = reader.uuid(u"group_id", Presence::Optional);
    reader.object(u"unit", [&out](JsonReader &unit) { read(unit, out.unit); });
    out.vatRate = reader.enumeration(u"vat_rate", vatRateFromString, VatRate::Twenty);
    out.weightKg = reader.quantity(u"weight_kg", Sign::NonNegative, Presence::Optional);
    out.volumeM3 = reader.quantity(u"volume_m3", Sign::NonNegative, Presence::Optional);
    readList(reader, u"properties", out.properties, Presence::Optional);
    out.imageRef = reader.string(u"image_ref", limits::BlobRef, Presence::Optional);
    out.images = reader.stringList(u"images", limits::BlobRef, Presence::Optional);
    out.active = reader.boolean(u"active", true);
}

QJsonObject toJson(const PriceType &priceType)
{
    QJsonObject json;
    json.insert(u"id", toJsonValue(priceType.id));
    json.insert(u"external_id", priceType.externalId);
    json.insert(u"name", priceType.name);
    json.insert(u"currency", priceType.currency.code());
    json.insert(u"vat_included", priceType.vatIncluded);
    return json;
}

void read(JsonReader &reader, PriceType &out)
{
    out.id = reader.uuid(u"id");
    out.externalId = reader.string(u"external_id", limits::ExternalId, Presence::Optional);
    out.name = reader.string(u"name", limits::Name);
    out.currency = reader.currency();
    out.vatIncluded = reader.boolean(u"vat_included", true);
}

QJsonObject toJson(const VolumeTier &tier)
{
    QJsonObject json;
    json.insert(u"min_quantity", tier.minQuantity.toString());
    json.insert(u"unit_price", tier.unitPrice.toString());
    return json;
}

void read(JsonReader &reader, VolumeTier &out, Currency currency)
{
    out.minQuantity = reader.quantity(u"min_quantity", Sign::NonNegative);
    out.unitPrice = reader.money(u"unit_price", currency, Sign::NonNegative);
}

QJsonObject toJson(const Price &price)
{
    QJsonObject json;
    json.insert(u"product_id", toJsonValue(price.productId));
    json.insert(u"price_type_id", toJsonValue(price.priceTypeId));
    json.insert(u"currency", currencyOf(price).code());
    json.insert(u"unit_price", price.unitPrice.toString());
    json.insert(u"tiers", toJsonArray(price.tiers));
    return json;
}

void read(JsonReader &reader, Price &out)
{
    out.productId = reader.uuid(u"product_id");
    out.priceTypeId = reader.uuid(u"price_type_id");
    const Currency currency = reader.currency();
    out.unitPrice = reader.money(u"unit_price", currency, Sign::NonNegative);
    readList(reader, u"tiers", out.tiers, Presence::Optional, currency);
}

QJsonObject toJson(const Warehouse &warehouse)
{
    QJsonObject json;
    json.insert(u"id", toJsonValue(warehouse.id));
    json.insert(u"external_id", warehouse.externalId);
    json.insert(u"name", warehouse.name);
    json.insert(u"address", warehouse.address);
    return json;
}

void read(JsonReader &reader, Warehouse &out)
{
    out.id = reader.uuid(u"id");
    out.externalId = reader.string(u"external_id", limits::ExternalId, Presence::Optional);
    out.name = reader.string(u"name", limits::Name);
    out.address = reader.string(u"address", limits::Text, Presence::Optional);
}

QJsonObject toJson(const StockLevel &stock)
{
    QJsonObject json;
    json.insert(u"product_id", toJsonValue(stock.productId));
    json.insert(u"warehouse_id", toJsonValue(stock.warehouseId));
    json.insert(u"on_hand", stock.onHand.toString());
    json.insert(u"reserved", stock.reserved.toString());
    json.insert(u"as_of", toJsonValue(stock.asOf));
    return json;
}

void read(JsonReader &reader, StockLevel &out)
{
    out.productId = reader.uuid(u"product_id");
    out.warehouseId = reader.uuid(u"warehouse_id");
    out.onHand = reader.quantity(u"on_hand");
    out.reserved = reader.quantity(u"reserved", Sign::NonNegative);
    out.asOf = reader.dateTime(u"as_of");
}

} // namespace portico::protocol
