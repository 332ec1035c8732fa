#include "protocol/codecs.h"

namespace portico::protocol {

QJsonObject toJson(const OrderLine &line)
{
    QJsonObject json;
    json.insert(u"line_no", line.lineNo);
    json.insert(u"product_id", toJsonValue(line.productId));
    json.insert(u"quantity", line.quantity.toString());
    json.insert(u"unit_price", line.unitPrice.toString());
    json.insert(u"discount_bp", line.discount);
    json.insert(u"vat_rate", vatRateToString(line.vatRate));
    json.insert(u"amount", line.amount.toString());
    json.insert(u"vat_amount", line.vatAmount.toString());
    json.insert(u"total", line.total.toString());
    return json;
}

void read(JsonReader &reader, OrderLine &out, Currency currency)
{
    out.lineNo = reader.integer(u"line_no", 1, MaxLineNo);
    out.productId = reader.uuid(u"product_id");
    out.quantity = reader.quantity(u"quantity", Sign::Positive);
    out.unitPrice = reader.money(u"unit_price", currency, Sign::NonNegative);
    out.discount = reader.integer(u"discount_bp", 0, FullPercent, 0, Presence::Optional);
    out.vatRate = reader.enumeration(u"vat_rate", vatRateFromString, VatRate::Twenty);
    out.amount = reader.money(u"amount", currency, Sign::NonNegative);
    out.vatAmount = reader.money(u"vat_amount", currency, Sign::NonNegative);
    out.total = reader.money(u"total", currency, Sign::NonNegative);
}

QJsonObject toJson(const OrderTotals &totals)
{
    QJsonObject json;
    json.insert(u"net", totals.net.toString());
    json.insert(u"vat", totals.vat.toString());
    json.insert(u"total", totals.total.toString());
    json.insert(u"discount", totals.discount.toString());
    return json;
}

void read(JsonReader &reader, OrderTotals &out, Currency currency)
{
    out.net = reader.money(u"net", currency, Sign::NonNegative);
    out.vat = reader.money(u"vat", currency, Sign::NonNegative);
    out.total = reader.money(u"total", currency, Sign::NonNegative);
    out.discount = reader.money(u"discount", currency, Sign::NonNegative);
}

QJsonObject toJson(const StatusChange &change)
{
    QJsonObject json;
    json.insert(u"from", orderStatusToString(change.from));
    json.insert(u"to", orderStatusToString(change.to));
    json.insert(u"at", toJsonValue(change.at));
    json.insert(u"by_user_id", toJsonValue(change.byUserId));
    json.insert(u"reason", change.reason);
    return json;
}

void read(JsonReader &reader, StatusChange &out)
{
    out.from = reader.enumeration(u"from", orderStatusFromString, OrderStatus::Draft);
    out.to = reader.enumeration(u"to", orderStatusFromString, OrderStatus::Draft);
    out.at = reader.dateTime(u"at");
    out.byUserId = reader.uuid(u"by_user_id", Presence::Optional);
    out.reason = reader.string(u"reason", limits::Comment, Presence::Optional);
}

QJsonObject toJson(const Order &order)
{
    QJsonObject json;
    json.insert(u"id", toJsonValue(order.id));
    json.insert(u"number", order.number);
    json.insert(u"client_number", order.clientNumber);
    json.insert(u"external_id", order.externalId);
    json.insert(u"customer_id", toJsonValue(order.customerId));
    json.insert(u"created_by", toJsonValue(order.createdBy));
    json.insert(u"price_type_id", toJsonValue(order.priceTypeId));
    json.insert(u"warehouse_id", toJsonValue(order.warehouseId));
    json.insert(u"currency", order.currency.code());
    json.insert(u"status", orderStatusToString(order.status));
    json.insert(u"created_at", toJsonValue(order.createdAt));
    json.insert(u"prices_as_of", toJsonValue(order.pricesAsOf));
    json.insert(u"delivery_date", toJsonValue(order.deliveryDate));
    json.insert(u"comment", order.comment);
    json.insert(u"lines", toJsonArray(order.lines));
    json.insert(u"totals", toJson(order.totals));
    json.insert(u"history", toJsonArray(order.history));
    return json;
}

void read(JsonReader &reader, Order &out)
{
    out.id = reader.uuid(u"id");
    out.number = reader.string(u"number", limits::Number, Presence::Optional);
    out.clientNumber = reader.string(u"client_number", limits::Number, Presence::Optional);
    out.externalId = reader.string(u"external_id", limits::ExternalId, Presence::Optional);
    out.customerId = reader.uuid(u"customer_id");
    out.createdBy = reader.uuid(u"created_by", Presence::Optional);
    out.priceTypeId = reader.uuid(u"price_type_id", Presence::Optional);
    out.warehouseId = reader.uuid(u"warehouse_id", Presence::Optional);
    out.currency = reader.currency();
    out.status = reader.enumeration(u"status", orderStatusFromString, OrderStatus::Draft);
    out.createdAt = reader.dateTime(u"created_at");
    out.pricesAsOf = reader.dateTime(u"prices_as_of", Presence::Optional);
    out.deliveryDate = reader.date(u"delivery_date", Presence::Optional);
    out.comment = reader.string(u"comment", limits::Comment, Presence::Optional);
    readList(reader, u"lines", out.lines, Presence::Required, out.currency);
    reader.object(u"totals", [&out](JsonReader &totals) { read(totals, out.totals, out.currency); });
    readList(reader, u"history", out.history, Presence::Optional);
}

} // namespace portico::protocol
