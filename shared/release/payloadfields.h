#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace portico::release {

// Readers for the fields of signed payloads; nullopt when the value has the wrong type or form.

// A JSON number that is a whole number in [minimum, 2^53].
std::optional<qint64> integerValue(const QJsonValue &value, qint64 minimum);
// An ISO-8601 UTC timestamp "2026-11-30T02:00:00Z" (seconds precision, 'Z' required).
std::optional<QDateTime> utcTimestampValue(const QJsonValue &value);
QString utcTimestampText(const QDateTime &time);
// A string of at most maxLength UTF-16 units.
std::optional<QString> stringValue(const QJsonValue &value, qsizetype maxLength);

} // namespace portico::release
