#include "payloadfields.h"

#include <cmath>

namespace portico::release {

std::optional<qint64> integerValue(const QJsonValue &value, qint64 minimum)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    constexpr double kLargest = 9007199254740992.0; // 2^53: every whole number below is exact
    if (!std::isfinite(number) || number != std::floor(number) || number > kLargest
        || number < static_cast<double>(minimum))
        return std::nullopt;
    return static_cast<qint64>(number);
}

std::optional<QDateTime> utcTimestampValue(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    if (text.size() != 20 || !text.endsWith(u'Z'))
        return std::nullopt;
    QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    return time.toUTC();
}

QString utcTimestampText(const QDateTime &time)
{
    QDateTime utc = time.toUTC();
    utc.setTime(QTime(utc.time().hour(), utc.time().minute(), utc.time().second()));
    return utc.toString(Qt::ISODate);
}

std::optional<QString> stringValue(const QJsonValue &value, qsizetype maxLength)
{
    if (!value.isString())
        return std::nullopt;
    QString text = value.toString();
    if (text.size() > maxLength)
        return std::nullopt;
    return text;
}

} // namespace portico::release
