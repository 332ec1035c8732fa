#pragma once

#include "domain/currency.h"
#include "domain/ids.h"
#include "domain/money.h"
#include "domain/quantity.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <variant>

namespace portico::protocol {

// Why a JSON document was refused. The wire names ("missing", "wrong_type", ...) come from
// reasonToString and appear in 422 error bodies.
enum class Reason {
    Missing, // a required key is absent or null
    WrongType, // e.g. a number where a string is expected, or a non-integral number for an int
    Negative, // a negative amount or quantity where only zero or more makes sense
    OutOfRange, // outside the allowed range, or too large to represent
    UnknownEnum, // a string that is not one of the allowed wire names
    Malformed, // a string of the right type in the wrong format: UUID, money, date
    TooLong, // a string longer than its limit
};

QString reasonToString(Reason reason);

struct DecodeError
{
    QString path; // JSONPath of the offending value: "$.lines[2].quantity"
    Reason reason = Reason::Malformed;
    QString message; // for logs and developers, in English; not shown to end users
    friend bool operator==(const DecodeError &, const DecodeError &) = default;
};

// Either a decoded value or the first error found while decoding it.
template<typename T>
class DecodeResult final
{
public:
    DecodeResult(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    DecodeResult(DecodeError error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const noexcept { return m_data.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    // Only when ok().
    const T &value() const & { return *std::get_if<0>(&m_data); }
    T &value() & { return *std::get_if<0>(&m_data); }
    T &&value() && { return std::move(*std::get_if<0>(&m_data)); }
    // Only when !ok().
    const DecodeError &error() const { return *std::get_if<1>(&m_data); }

private:
    std::variant<T, DecodeError> m_data;
};

enum class Presence {
    Required, // absent or null is Missing
    Optional, // absent or null gives the getter's default
};

enum class Sign {
    Any,
    NonNegative, // below zero is Negative
    Positive, // below zero is Negative, zero is OutOfRange
};

// Walks one JSON object strictly and keeps the first error with its path. Getters never
// coerce types (a number is never read as a string or the reverse) and never throw; after
// the first error every getter returns its default without looking at the input, so a
// decoder can read all its fields and check ok() or error() once at the end.
// Keys not asked for are ignored, so newer peers may add fields.
class JsonReader final
{
public:
    // A non-object root is a WrongType error at "$".
    explicit JsonReader(const QJsonValue &root);
    Q_DISABLE_COPY_MOVE(JsonReader)

    bool ok() const noexcept { return !m_state->error.has_value(); }
    const std::optional<DecodeError> &error() const noexcept { return m_state->error; }
    const QString &path() const noexcept { return m_path; }
    const QJsonObject &json() const noexcept { return m_object; }
    // Present and not null.
    bool has(QStringView key) const;

    // Records an error at this object's `key` (or at this object itself) unless one exists.
    void fail(QStringView key, Reason reason, const QString &message);
    void failHere(Reason reason, const QString &message);

    // Optional absent strings read as empty. maxLength counts UTF-16 code units.
    QString string(QStringView key, qsizetype maxLength, Presence presence = Presence::Required);
    // An array of strings, each at most maxLength.
    QStringList stringList(QStringView key, qsizetype maxLength, Presence presence = Presence::Optional);
    // Canonical 8-4-4-4-12 hex text without braces (either case accepted, lower case written).
    // Optional absent ids and the nil UUID read as a null Id; a required nil UUID is Malformed.
    Id uuid(QStringView key, Presence presence = Presence::Required);
    bool boolean(QStringView key, bool fallback, Presence presence = Presence::Optional);
    // A JSON number with no fraction within [min, max].
    int integer(QStringView key, int min, int max, int fallback = 0, Presence presence = Presence::Required);
    // An ISO 4217 code in upper case ("RUB").
    Currency currency(QStringView key = u"currency", Presence presence = Presence::Required);
    // A JSON string "-1234.56": optional '-', digits, optional '.' and at most the currency's
    // minor digits. No ',' separator, exponent, '+' or spaces. Absent optional money is Money().
    Money money(QStringView key, Currency currency, Sign sign = Sign::Any,
                Presence presence = Presence::Required);
    // The same, in the currency named by this object's "currency" key.
    Money money(QStringView key, Sign sign = Sign::Any, Presence presence = Presence::Required);
    // A JSON string "12.5" with at most three decimals; absent optional quantity is zero.
    Quantity quantity(QStringView key, Sign sign = Sign::Any, Presence presence = Presence::Required);
    // "2026-11-29". Absent optional dates are invalid QDate().
    QDate date(QStringView key, Presence presence = Presence::Required);
    // "2026-11-29T08:30:00Z" or with 1-3 fractional digits "...:00.250Z"; UTC only ('Z').
    // Absent optional timestamps are an invalid QDateTime().
    QDateTime dateTime(QStringView key, Presence presence = Presence::Required);

    // A wire name turned into an enum by `fromString` (QStringView -> std::optional<E>).
    template<typename E, typename FromString>
    E enumeration(QStringView key, FromString &&fromString, E fallback,
                  Presence presence = Presence::Required)
    {
        const std::optional<QString> text = fetchString(key, presence);
        if (!text)
            return fallback;
        if (const std::optional<E> value = fromString(QStringView(*text)))
            return *value;
        fail(key, Reason::UnknownEnum, unknownNameMessage(*text));
        return fallback;
    }

    // Calls read(JsonReader &) with a reader over the nested object. Returns whether the object
    // was present and read without error.
    template<typename F>
    bool object(QStringView key, F &&read, Presence presence = Presence::Required)
    {
        const std::optional<QJsonValue> value = fetch(key, presence);
        if (!value)
            return false;
        if (!value->isObject()) {
            fail(key, Reason::WrongType, expectedMessage("an object", *value));
            return false;
        }
        JsonReader nested(value->toObject(), childPath(key), m_state);
        read(nested);
        return ok();
    }

    // Calls readElement(JsonReader &) for every element of an array of objects; element paths
    // are "key[index]". Stops at the first error. Returns whether it was present and read.
    template<typename F>
    bool array(QStringView key, F &&readElement, Presence presence = Presence::Optional)
    {
        const std::optional<QJsonArray> items = fetchArray(key, presence);
        if (!items)
            return false;
        for (qsizetype index = 0; index < items->size() && ok(); ++index) {
            const QJsonValue item = items->at(index);
            const QString itemPath = elementPath(key, index);
            if (!item.isObject()) {
                failAt(itemPath, Reason::WrongType, expectedMessage("an object", item));
                break;
            }
            JsonReader element(item.toObject(), itemPath, m_state);
            readElement(element);
        }
        return ok();
    }

private:
    struct State
    {
        std::optional<DecodeError> error;
    };

    JsonReader(QJsonObject object, QString path, State *state);

    // The value at key, or nullopt when absent/null (recording Missing when required) or when
    // an error already exists.
    std::optional<QJsonValue> fetch(QStringView key, Presence presence);
    std::optional<QString> fetchString(QStringView key, Presence presence);
    std::optional<QJsonArray> fetchArray(QStringView key, Presence presence);
    std::optional<QString> fetchDecimalText(QStringView key, Presence presence);
    bool checkSign(QStringView key, qint64 value, Sign sign);
    void failAt(const QString &path, Reason reason, const QString &message);
    QString childPath(QStringView key) const;
    QString elementPath(QStringView key, qsizetype index) const;
    static QString expectedMessage(const char *expected, const QJsonValue &actual);
    static QString unknownNameMessage(const QString &text);

    State m_ownState;
    State *m_state;
    QJsonObject m_object;
    QString m_path;
};

} // namespace portico::protocol
