#include "protocol/codecs.h"

#include <array>

namespace portico::protocol {

namespace {

constexpr std::array kPropertyTypes {PropertyType::String, PropertyType::Number, PropertyType::Reference};
constexpr std::array kAddressKinds {AddressKind::Legal, AddressKind::Actual, AddressKind::Delivery};

QLatin1String wireName(PropertyType type) noexcept
{
    switch (type) {
    case PropertyType::String:
        return QLatin1String("string");
    case PropertyType::Number:
        return QLatin1String("number");
    case PropertyType::Reference:
        return QLatin1String("reference");
    }
    return QLatin1String("string");
}

QLatin1String wireName(AddressKind kind) noexcept
{
    switch (kind) {
    case AddressKind::Legal:
        return QLatin1String("legal");
    case AddressKind::Actual:
        return QLatin1String("actual");
    case AddressKind::Delivery:
        return QLatin1String("delivery");
    }
    return QLatin1String("delivery");
}

} // namespace

QString propertyTypeToString(PropertyType type)
{
    return wireName(type);
}

std::optional<PropertyType> propertyTypeFromString(QStringView text)
{
    for (PropertyType type : kPropertyTypes) {
        if (text == wireName(type))
            return type;
    }
    return std::nullopt;
}

QString addressKindToString(AddressKind kind)
{
    return wireName(kind);
}

std::optional<AddressKind> addressKindFromString(QStringView text)
{
    for (AddressKind kind : kAddressKinds) {
        if (text == wireName(kind))
            return kind;
    }
    return std::nullopt;
}

QJsonValue toJsonValue(const Id &id)
{
    if (id.isNull())
        return QJsonValue::Null;
    return id.toString(QUuid::WithoutBraces);
}

QJsonValue toJsonValue(QDate date)
{
    if (!date.isValid())
        return QJsonValue::Null;
    return date.toString(Qt::ISODate);
}

QJsonValue toJsonValue(const QDateTime &at)
{
    if (!at.isValid())
        return QJsonValue::Null;
    const QDateTime utc = at.toUTC();
    return utc.toString(utc.time().msec() == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

} // namespace portico::protocol
