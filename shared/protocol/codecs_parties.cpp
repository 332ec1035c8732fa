#include "protocol/codecs.h"

#include <initializer_list>

namespace portico::protocol {

namespace {

// The currency an object without its own is written in: its first amount's that has one.
Currency currencyOf(std::initializer_list<Money> amounts)
{
    for (const Money &amount : amounts) {
        if (amount.currency().isValid())
            return amount.currency();
    }
    return Currency::rub();
}

} // namespace

QJsonObject toJson(const Address &address)
{
    QJsonObject json;
    json.insert(u"kind", addressKindToString(address.kind));
    json.insert(u"text", address.text);
    json.insert(u"postal_code", address.postalCode);
    return json;
}

void read(JsonReader &reader, Address &out)
{
    out.kind = reader.enumeration(u"kind", addressKindFromString, AddressKind::Delivery);
    out.text = reader.string(u"text", limits::Text);
    out.postalCode = reader.string(u"postal_code", limits::PostalCode, Presence::Optional);
}

QJsonObject toJson(const Contact &contact)
{
    QJsonObject json;
    json.insert(u"name", contact.name);
    json.insert(u"phone", contact.phone);
    json.insert(u"email", contact.email);
    return json;
}

void read(JsonReader &reader, Contact &out)
{
    out.name = reader.string(u"name", limits::Name);
    out.phone = reader.string(u"phone", limits::Phone, Presence::Optional);
    out.email = reader.string(u"email", limits::Email, Presence::Optional);
}

// A customer without a credit limit has "credit_limit": null and no "currency".
QJsonObject toJson(const Customer &customer)
{
    QJsonObject json;
    json.insert(u"id", toJsonValue(customer.id));
    json.insert(u"external_id", customer.externalId);
    json.insert(u"name", customer.name);
    json.insert(u"legal_name", customer.legalName);
    json.insert(u"inn", customer.inn);
    json.insert(u"kpp", customer.kpp);
    json.insert(u"addresses", toJsonArray(customer.addresses));
    json.insert(u"contacts", toJsonArray(customer.contacts));
    json.insert(u"price_type_id", toJsonValue(customer.priceTypeId));
    json.insert(u"discount_bp", customer.discount);
    if (customer.creditLimitSet) {
        json.insert(u"currency", currencyOf({customer.creditLimit}).code());
        json.insert(u"credit_limit", customer.creditLimit.toString());
    } else {
        json.insert(u"credit_limit", QJsonValue::Null);
    }
    json.insert(u"payment_terms_days", customer.paymentTermsDays);
    json.insert(u"assigned_rep_id", toJsonValue(customer.assignedRepId));
    json.insert(u"blocked", customer.blocked);
    return json;
}

void read(JsonReader &reader, Customer &out)
{
    out.id = reader.uuid(u"id");
    out.externalId = reader.string(u"external_id", limits::ExternalId, Presence::Optional);
    out.name = reader.string(u"name", limits::Name);
    out.legalName = reader.string(u"legal_name", limits::Name, Presence::Optional);
    out.inn = reader.string(u"inn", limits::Inn, Presence::Optional);
    out.kpp = reader.string(u"kpp", limits::Kpp, Presence::Optional);
    readList(reader, u"addresses", out.addresses, Presence::Optional);
    readList(reader, u"contacts", out.contacts, Presence::Optional);
    out.priceTypeId = reader.uuid(u"price_type_id", Presence::Optional);
    out.discount = reader.integer(u"discount_bp", 0, FullPercent, 0, Presence::Optional);
    out.creditLimitSet = reader.has(u"credit_limit");
    if (out.creditLimitSet)
        out.creditLimit = reader.money(u"credit_limit", Sign::NonNegative);
    out.paymentTermsDays
        = reader.integer(u"payment_terms_days", 0, MaxPaymentTermsDays, 0, Presence::Optional);
    out.assignedRepId = reader.uuid(u"assigned_rep_id", Presence::Optional);
    out.blocked = reader.boolean(u"blocked", false);
}

QJsonObject toJson(const CustomerBalance &balance)
{
    QJsonObject json;
    json.insert(u"customer_id", toJsonValue(balance.customerId));
    json.insert(u"currency", currencyOf({balance.balance, balance.overdueDebt}).code());
    json.insert(u"balance", balance.balance.toString());
    json.insert(u"overdue_debt", balance.overdueDebt.toString());
    return json;
}

void read(JsonReader &reader, CustomerBalance &out)
{
    out.customerId = reader.uuid(u"customer_id");
    const Currency currency = reader.currency();
    out.balance = reader.money(u"balance", currency);
    out.overdueDebt = reader.money(u"overdue_debt", currency, Sign::NonNegative);
}

QJsonObject toJson(const User &user)
{
    QJsonObject json;
    json.insert(u"id", toJsonValue(user.id));
    json.insert(u"login", user.login);
    json.insert(u"display_name", user.displayName);
    json.insert(u"role", roleToString(user.role));
    json.insert(u"customer_id", toJsonValue(user.customerId));
    json.insert(u"warehouse_id", toJsonValue(user.warehouseId));
    json.insert(u"active", user.active);
    return json;
}

void read(JsonReader &reader, User &out)
{
    out.id = reader.uuid(u"id");
    out.login = reader.string(u"login", limits::Login);
    out.displayName = reader.string(u"display_name", limits::Name, Presence::Optional);
    out.role = reader.enumeration(u"role", roleFromString, Role::Buyer);
    out.customerId = reader.uuid(u"customer_id", Presence::Optional);
    out.warehouseId = reader.uuid(u"warehouse_id", Presence::Optional);
    out.active = reader.boolean(u"active", true);
}

QJsonObject toJson(const Document &document)
{
    QJsonObject json;
    json.insert(u"id", toJsonValue(document.id));
    json.insert(u"external_id", document.externalId);
    json.insert(u"kind", documentKindToString(document.kind));
    json.insert(u"number", document.number);
    json.insert(u"date", toJsonValue(document.date));
    json.insert(u"currency", currencyOf({document.amount}).code());
    json.insert(u"amount", document.amount.toString());
    json.insert(u"customer_id", toJsonValue(document.customerId));
    json.insert(u"order_id", toJsonValue(document.orderId));
    json.insert(u"file_ref", document.fileRef);
    json.insert(u"file_name", document.fileName);
    return json;
}

void read(JsonReader &reader, Document &out)
{
    out.id = reader.uuid(u"id");
    out.externalId = reader.string(u"external_id", limits::ExternalId, Presence::Optional);
    out.kind = reader.enumeration(u"kind", documentKindFromString, DocumentKind::Other);
    out.number = reader.string(u"number", limits::Number, Presence::Optional);
    out.date = reader.date(u"date");
    out.amount = reader.money(u"amount");
    out.customerId = reader.uuid(u"customer_id");
    out.orderId = reader.uuid(u"order_id", Presence::Optional);
    out.fileRef = reader.string(u"file_ref", limits::BlobRef, Presence::Optional);
    out.fileName = reader.string(u"file_name", limits::FileName, Presence::Optional);
}

} // namespace portico::protocol
