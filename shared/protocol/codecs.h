#pragma once

#include "domain/arithmeticerror.h"
#include "domain/catalog.h"
#include "domain/customer.h"
#include "domain/document.h"
#include "domain/order.h"
#include "domain/user.h"
#include "protocol/jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>

#include <optional>
#include <utility>

// JSON codecs for the domain DTOs. Wire conventions:
//  - keys are snake_case; unknown keys are ignored when decoding;
//  - ids are canonical lower-case UUID strings without braces; a null id is written as null
//    and read from null or an absent key;
//  - money is a decimal string ("1234.56", every minor digit written) and the currency code is
//    given once per object that carries money ("currency": "RUB"); nested lines, tiers and
//    totals use their parent's currency;
//  - quantities are decimal strings with up to three decimals ("12.5");
//  - enums are their wire names; dates "2026-11-29"; timestamps UTC "2026-11-29T08:30:00Z"
//    (".250" milliseconds only when non-zero); an invalid date or timestamp is written as null;
//  - every string field is written, empty or not.
// Encoders expect an object's money to be in one currency: the object's own (Order::currency)
// or, for objects without one, the currency of its first amount that has one (RUB when none).
// Decoders never throw; the first problem is reported as a DecodeError with its JSON path.
namespace portico::protocol {

// Maximum string lengths accepted by the decoders, in UTF-16 code units.
namespace limits {
inline constexpr qsizetype ExternalId = 255;
inline constexpr qsizetype Name = 500;
inline constexpr qsizetype Sku = 100;
inline constexpr qsizetype Barcode = 64;
inline constexpr qsizetype Description = 20000;
inline constexpr qsizetype BlobRef = 128;
inline constexpr qsizetype FileName = 255;
inline constexpr qsizetype Text = 1000;
inline constexpr qsizetype PostalCode = 16;
inline constexpr qsizetype Phone = 64;
inline constexpr qsizetype Email = 320;
inline constexpr qsizetype Login = 100;
inline constexpr qsizetype Number = 64;
inline constexpr qsizetype Comment = 4000;
inline constexpr qsizetype Inn = 12;
inline constexpr qsizetype Kpp = 9;
inline constexpr qsizetype OkeiCode = 8;
inline constexpr qsizetype UnitName = 32;
} // namespace limits

// Range limits of integer fields.
inline constexpr int MaxLineNo = 100000;
inline constexpr int MaxPaymentTermsDays = 3650;
inline constexpr int MaxSortOrder = 1000000000;

// Wire names of the domain enums that have no name functions of their own.
// PropertyType: "string", "number", "reference". AddressKind: "legal", "actual", "delivery".
QString propertyTypeToString(PropertyType type);
std::optional<PropertyType> propertyTypeFromString(QStringView text);
QString addressKindToString(AddressKind kind);
std::optional<AddressKind> addressKindFromString(QStringView text);

// Scalar wire forms.
QJsonValue toJsonValue(const Id &id); // "0b7e6d3c-..." or null
QJsonValue toJsonValue(QDate date); // "2026-11-29" or null
QJsonValue toJsonValue(const QDateTime &at); // "2026-11-29T08:30:00Z" or null

QJsonObject toJson(const ProductGroup &group);
QJsonObject toJson(const PropertyValue &value);
QJsonObject toJson(const Property &property);
QJsonObject toJson(const ProductPropertyValue &value);
QJsonObject toJson(const Unit &unit);
QJsonObject toJson(const Product &product);
QJsonObject toJson(const PriceType &priceType);
QJsonObject toJson(const VolumeTier &tier); // no currency: the enclosing Price's
QJsonObject toJson(const Price &price);
QJsonObject toJson(const Warehouse &warehouse);
QJsonObject toJson(const StockLevel &stock);
QJsonObject toJson(const Address &address);
QJsonObject toJson(const Contact &contact);
QJsonObject toJson(const Customer &customer);
QJsonObject toJson(const CustomerBalance &balance);
QJsonObject toJson(const User &user);
QJsonObject toJson(const Document &document);
QJsonObject toJson(const OrderLine &line); // no currency: the enclosing Order's
QJsonObject toJson(const OrderTotals &totals); // no currency: the enclosing Order's
QJsonObject toJson(const StatusChange &change);
QJsonObject toJson(const Order &order);

template<typename T>
QJsonArray toJsonArray(const QList<T> &items)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(toJson(item));
    return array;
}

// Readers for composing larger messages: they read the reader's current object into `out`
// and leave any error in the reader, so paths stay complete ("$.changes[3].row.name").
void read(JsonReader &reader, ProductGroup &out);
void read(JsonReader &reader, PropertyValue &out);
void read(JsonReader &reader, Property &out);
void read(JsonReader &reader, ProductPropertyValue &out);
void read(JsonReader &reader, Unit &out);
void read(JsonReader &reader, Product &out);
void read(JsonReader &reader, PriceType &out);
void read(JsonReader &reader, VolumeTier &out, Currency currency);
void read(JsonReader &reader, Price &out);
void read(JsonReader &reader, Warehouse &out);
void read(JsonReader &reader, StockLevel &out);
void read(JsonReader &reader, Address &out);
void read(JsonReader &reader, Contact &out);
void read(JsonReader &reader, Customer &out);
void read(JsonReader &reader, CustomerBalance &out);
void read(JsonReader &reader, User &out);
void read(JsonReader &reader, Document &out);
void read(JsonReader &reader, OrderLine &out, Currency currency);
void read(JsonReader &reader, OrderTotals &out, Currency currency);
void read(JsonReader &reader, StatusChange &out);
void read(JsonReader &reader, Order &out);

// Reads an array of objects at `key` into `out` (appending), passing `context` (a Currency
// for lines, tiers and totals) to each element's read().
template<typename T, typename... Context>
void readList(JsonReader &reader, QStringView key, QList<T> &out, Presence presence,
              const Context &...context)
{
    reader.array(
        key,
        [&](JsonReader &element) {
            T item;
            read(element, item, context...);
            out.append(std::move(item));
        },
        presence);
}

// Decodes one DTO: fromJson<Order>(value), fromJson<OrderLine>(value, Currency::rub()).
template<typename T, typename... Context>
DecodeResult<T> fromJson(const QJsonValue &value, const Context &...context)
{
    try {
        JsonReader reader(value);
        T out;
        if (reader.ok())
            read(reader, out, context...);
        if (const std::optional<DecodeError> &error = reader.error())
            return *error;
        return out;
    } catch (const ArithmeticError &error) {
        return DecodeError {QStringLiteral("$"), Reason::OutOfRange, QString::fromLatin1(error.what())};
    }
}

} // namespace portico::protocol
