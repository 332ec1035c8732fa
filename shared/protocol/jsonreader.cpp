#include "protocol/jsonreader.h"

#include "domain/arithmeticerror.h"

#include <QTime>

#include <algorithm>
#include <cmath>

namespace portico::protocol {

namespace {

bool isAsciiDigit(QChar c) noexcept
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isHexDigit(QChar c) noexcept
{
    return isAsciiDigit(c) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

// 8-4-4-4-12 hex digits, no braces, no URN prefix.
bool isCanonicalUuid(QStringView text) noexcept
{
    if (text.size() != 36)
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != QLatin1Char('-') : !isHexDigit(text[i]))
            return false;
    }
    return true;
}

// Optional '-', one or more digits, optional '.' followed by one or more digits.
bool isDecimalText(QStringView text) noexcept
{
    qsizetype i = 0;
    if (i < text.size() && text[i] == QLatin1Char('-'))
        ++i;
    const qsizetype integerStart = i;
    while (i < text.size() && isAsciiDigit(text[i]))
        ++i;
    if (i == integerStart)
        return false;
    if (i == text.size())
        return true;
    if (text[i] != QLatin1Char('.'))
        return false;
    ++i;
    const qsizetype fractionStart = i;
    while (i < text.size() && isAsciiDigit(text[i]))
        ++i;
    return i > fractionStart && i == text.size();
}

qsizetype decimalsOf(QStringView text) noexcept
{
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    return dot < 0 ? 0 : text.size() - dot - 1;
}

// Reads `count` ASCII digits at `pos`; -1 when any is not a digit.
int digitsAt(QStringView text, qsizetype pos, qsizetype count) noexcept
{
    int value = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        if (i >= text.size() || !isAsciiDigit(text[i]))
            return -1;
        value = value * 10 + (text[i].unicode() - u'0');
    }
    return value;
}

// "YYYY-MM-DD" exactly.
QDate parseDate(QStringView text)
{
    if (text.size() != 10 || text[4] != QLatin1Char('-') || text[7] != QLatin1Char('-'))
        return {};
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    if (year < 1 || month < 0 || day < 0)
        return {};
    return QDate(year, month, day); // invalid for month 13, February 30 and the like
}

// "YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z".
QDateTime parseUtcDateTime(QStringView text)
{
    if (text.size() < 20 || text[10] != QLatin1Char('T') || text[13] != QLatin1Char(':')
        || text[16] != QLatin1Char(':') || text.back() != QLatin1Char('Z'))
        return {};
    const QDate date = parseDate(text.first(10));
    const int hour = digitsAt(text, 11, 2);
    const int minute = digitsAt(text, 14, 2);
    const int second = digitsAt(text, 17, 2);
    int msec = 0;
    const QStringView rest = text.sliced(19, text.size() - 20);
    if (!rest.isEmpty()) {
        if (rest.size() < 2 || rest.size() > 4 || rest[0] != QLatin1Char('.'))
            return {};
        const int fraction = digitsAt(rest, 1, rest.size() - 1);
        if (fraction < 0)
            return {};
        msec = fraction * (rest.size() == 2 ? 100 : rest.size() == 3 ? 10 : 1);
    }
    if (!date.isValid() || hour < 0 || minute < 0 || second < 0
        || !QTime::isValid(hour, minute, second, msec))
        return {};
    return QDateTime(date, QTime(hour, minute, second, msec), Qt::UTC);
}

const char *jsonTypeName(const QJsonValue &value) noexcept
{
    switch (value.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "a boolean";
    case QJsonValue::Double:
        return "a number";
    case QJsonValue::String:
        return "a string";
    case QJsonValue::Array:
        return "an array";
    case QJsonValue::Object:
        return "an object";
    case QJsonValue::Undefined:
        break;
    }
    return "nothing";
}

} // namespace

QString reasonToString(Reason reason)
{
    switch (reason) {
    case Reason::Missing:
        return QStringLiteral("missing");
    case Reason::WrongType:
        return QStringLiteral("wrong_type");
    case Reason::Negative:
        return QStringLiteral("negative");
    case Reason::OutOfRange:
        return QStringLiteral("out_of_range");
    case Reason::UnknownEnum:
        return QStringLiteral("unknown_enum");
    case Reason::Malformed:
        return QStringLiteral("malformed");
    case Reason::TooLong:
        return QStringLiteral("too_long");
    }
    return QStringLiteral("malformed");
}

JsonReader::JsonReader(const QJsonValue &root)
    : m_state(&m_ownState)
    , m_object(root.toObject())
    , m_path(QStringLiteral("$"))
{
    if (!root.isObject())
        failHere(Reason::WrongType, expectedMessage("an object", root));
}

JsonReader::JsonReader(QJsonObject object, QString path, State *state)
    : m_state(state)
    , m_object(std::move(object))
    , m_path(std::move(path))
{ }

bool JsonReader::has(QStringView key) const
{
    const QJsonValue value = m_object.value(key);
    return !value.isUndefined() && !value.isNull();
}

void JsonReader::fail(QStringView key, Reason reason, const QString &message)
{
    failAt(childPath(key), reason, message);
}

void JsonReader::failHere(Reason reason, const QString &message)
{
    failAt(m_path, reason, message);
}

void JsonReader::failAt(const QString &path, Reason reason, const QString &message)
{
    if (!m_state->error)
        m_state->error = DecodeError {path, reason, message};
}

QString JsonReader::childPath(QStringView key) const
{
    return m_path % QLatin1Char('.') % key;
}

QString JsonReader::elementPath(QStringView key, qsizetype index) const
{
    return childPath(key) % QLatin1Char('[') % QString::number(index) % QLatin1Char(']');
}

QString JsonReader::expectedMessage(const char *expected, const QJsonValue &actual)
{
    return QStringLiteral("expected %1, got %2")
        .arg(QLatin1String(expected), QLatin1String(jsonTypeName(actual)));
}

QString JsonReader::unknownNameMessage(const QString &text)
{
    return QStringLiteral("unknown value \"%1\"").arg(text.left(64));
}

std::optional<QJsonValue> JsonReader::fetch(QStringView key, Presence presence)
{
    if (!ok())
        return std::nullopt;
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (presence == Presence::Required)
            fail(key, Reason::Missing, QStringLiteral("required field is missing"));
        return std::nullopt;
    }
    return value;
}

std::optional<QString> JsonReader::fetchString(QStringView key, Presence presence)
{
    const std::optional<QJsonValue> value = fetch(key, presence);
    if (!value)
        return std::nullopt;
    if (!value->isString()) {
        fail(key, Reason::WrongType, expectedMessage("a string", *value));
        return std::nullopt;
    }
    return value->toString();
}

std::optional<QJsonArray> JsonReader::fetchArray(QStringView key, Presence presence)
{
    const std::optional<QJsonValue> value = fetch(key, presence);
    if (!value)
        return std::nullopt;
    if (!value->isArray()) {
        fail(key, Reason::WrongType, expectedMessage("an array", *value));
        return std::nullopt;
    }
    return value->toArray();
}

std::optional<QString> JsonReader::fetchDecimalText(QStringView key, Presence presence)
{
    std::optional<QString> text = fetchString(key, presence);
    if (text && !isDecimalText(*text)) {
        fail(key, Reason::Malformed,
             QStringLiteral("expected a decimal number as text like \"-1234.5\", got \"%1\"")
                 .arg(text->left(64)));
        return std::nullopt;
    }
    return text;
}

bool JsonReader::checkSign(QStringView key, qint64 value, Sign sign)
{
    if (sign != Sign::Any && value < 0) {
        fail(key, Reason::Negative, QStringLiteral("must not be negative"));
        return false;
    }
    if (sign == Sign::Positive && value == 0) {
        fail(key, Reason::OutOfRange, QStringLiteral("must be greater than zero"));
        return false;
    }
    return true;
}

QString JsonReader::string(QStringView key, qsizetype maxLength, Presence presence)
{
    std::optional<QString> text = fetchString(key, presence);
    if (!text)
        return {};
    if (text->size() > maxLength) {
        fail(key, Reason::TooLong, QStringLiteral("longer than %1 characters").arg(maxLength));
        return {};
    }
    return std::move(*text);
}

QStringList JsonReader::stringList(QStringView key, qsizetype maxLength, Presence presence)
{
    const std::optional<QJsonArray> items = fetchArray(key, presence);
    if (!items)
        return {};
    QStringList result;
    result.reserve(items->size());
    for (qsizetype index = 0; index < items->size(); ++index) {
        const QJsonValue item = items->at(index);
        if (!item.isString()) {
            failAt(elementPath(key, index), Reason::WrongType, expectedMessage("a string", item));
            return {};
        }
        if (item.toString().size() > maxLength) {
            failAt(elementPath(key, index), Reason::TooLong,
                   QStringLiteral("longer than %1 characters").arg(maxLength));
            return {};
        }
        result.append(item.toString());
    }
    return result;
}

Id JsonReader::uuid(QStringView key, Presence presence)
{
    const std::optional<QString> text = fetchString(key, presence);
    if (!text)
        return {};
    if (!isCanonicalUuid(*text)) {
        fail(key, Reason::Malformed,
             QStringLiteral("expected a UUID like \"0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e\", got \"%1\"")
                 .arg(text->left(64)));
        return {};
    }
    const Id id = QUuid::fromString(*text);
    if (id.isNull() && presence == Presence::Required)
        fail(key, Reason::Malformed, QStringLiteral("the nil UUID is not an id"));
    return id;
}

bool JsonReader::boolean(QStringView key, bool fallback, Presence presence)
{
    const std::optional<QJsonValue> value = fetch(key, presence);
    if (!value)
        return fallback;
    if (!value->isBool()) {
        fail(key, Reason::WrongType, expectedMessage("a boolean", *value));
        return fallback;
    }
    return value->toBool();
}

int JsonReader::integer(QStringView key, int min, int max, int fallback, Presence presence)
{
    const std::optional<QJsonValue> value = fetch(key, presence);
    if (!value)
        return fallback;
    if (!value->isDouble()) {
        fail(key, Reason::WrongType, expectedMessage("an integer", *value));
        return fallback;
    }
    const double number = value->toDouble();
    if (!std::isfinite(number) || std::trunc(number) != number) {
        fail(key, Reason::WrongType, QStringLiteral("expected an integer, got a fractional number"));
        return fallback;
    }
    if (number < 0 && min >= 0) {
        fail(key, Reason::Negative, QStringLiteral("must not be negative"));
        return fallback;
    }
    if (number < min || number > max) {
        fail(key, Reason::OutOfRange, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        return fallback;
    }
    return static_cast<int>(number);
}

Currency JsonReader::currency(QStringView key, Presence presence)
{
    const std::optional<QString> text = fetchString(key, presence);
    if (!text)
        return {};
    const bool isoShaped = text->size() == 3 && std::all_of(text->cbegin(), text->cend(), [](QChar c) {
                               return c >= QLatin1Char('A') && c <= QLatin1Char('Z');
                           });
    const std::optional<Currency> currency = isoShaped ? Currency::fromCode(*text) : std::nullopt;
    if (!currency) {
        fail(key, Reason::UnknownEnum, QStringLiteral("unknown currency \"%1\"").arg(text->left(16)));
        return {};
    }
    return *currency;
}

Money JsonReader::money(QStringView key, Currency currency, Sign sign, Presence presence)
{
    const std::optional<QString> text = fetchDecimalText(key, presence);
    if (!text)
        return {};
    std::optional<Money> amount;
    try {
        amount = Money::parse(*text, currency);
    } catch (const ArithmeticError &) {
        amount.reset();
    }
    if (!amount) {
        if (decimalsOf(*text) > currency.minorDigits())
            fail(key, Reason::Malformed,
                 QStringLiteral("more than %1 decimals for %2")
                     .arg(currency.minorDigits())
                     .arg(currency.code()));
        else
            fail(key, Reason::OutOfRange, QStringLiteral("amount is too large"));
        return {};
    }
    if (!checkSign(key, amount->minor(), sign))
        return {};
    return *amount;
}

Money JsonReader::money(QStringView key, Sign sign, Presence presence)
{
    if (!ok() || (presence == Presence::Optional && !has(key)))
        return {};
    const Currency sibling = currency(u"currency", Presence::Required);
    return ok() ? money(key, sibling, sign, presence) : Money();
}

Quantity JsonReader::quantity(QStringView key, Sign sign, Presence presence)
{
    const std::optional<QString> text = fetchDecimalText(key, presence);
    if (!text)
        return {};
    std::optional<Quantity> value;
    try {
        value = Quantity::parse(*text);
    } catch (const ArithmeticError &) {
        value.reset();
    }
    if (!value) {
        if (decimalsOf(*text) > 3)
            fail(key, Reason::Malformed, QStringLiteral("more than 3 decimals"));
        else
            fail(key, Reason::OutOfRange, QStringLiteral("quantity is too large"));
        return {};
    }
    if (!checkSign(key, value->milli(), sign))
        return {};
    return *value;
}

QDate JsonReader::date(QStringView key, Presence presence)
{
    const std::optional<QString> text = fetchString(key, presence);
    if (!text)
        return {};
    const QDate value = parseDate(*text);
    if (!value.isValid())
        fail(key, Reason::Malformed,
             QStringLiteral("expected a date like \"2026-11-29\", got \"%1\"").arg(text->left(64)));
    return value;
}

QDateTime JsonReader::dateTime(QStringView key, Presence presence)
{
    const std::optional<QString> text = fetchString(key, presence);
    if (!text)
        return {};
    const QDateTime value = parseUtcDateTime(*text);
    if (!value.isValid())
        fail(key, Reason::Malformed,
             QStringLiteral("expected a UTC timestamp like \"2026-11-29T08:30:00Z\", got \"%1\"")
                 .arg(text->left(64)));
    return value;
}

} // namespace portico::protocol
