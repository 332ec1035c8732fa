#include "exchange/decimaltext.h"

#include <limits>

namespace portico::server {

std::optional<qint64> parseDecimal(const QString &text, int decimals)
{
    QString clean;
    clean.reserve(text.size());
    for (const QChar c : text) {
        if (c.isSpace() || c == QChar(0x00A0) || c == QChar(0x202F))
            continue;
        clean.append(c == QLatin1Char(',') ? QLatin1Char('.') : c);
    }
    if (clean.isEmpty())
        return std::nullopt;
    bool negative = false;
    qsizetype i = 0;
    if (clean.at(0) == QLatin1Char('-') || clean.at(0) == QLatin1Char('+')) {
        negative = clean.at(0) == QLatin1Char('-');
        ++i;
    }
    constexpr qint64 Max = std::numeric_limits<qint64>::max() / 10 - 10;
    qint64 value = 0;
    int places = -1; // -1: before the point
    bool digits = false;
    bool roundUp = false;
    for (; i < clean.size(); ++i) {
        const QChar c = clean.at(i);
        if (c == QLatin1Char('.')) {
            if (places >= 0)
                return std::nullopt;
            places = 0;
            continue;
        }
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
        digits = true;
        const int digit = c.digitValue();
        if (places >= decimals) {
            if (places == decimals)
                roundUp = digit >= 5;
            ++places;
            continue;
        }
        if (value > Max)
            return std::nullopt;
        value = value * 10 + digit;
        if (places >= 0)
            ++places;
    }
    if (!digits)
        return std::nullopt;
    for (int p = std::max(places, 0); p < decimals; ++p) {
        if (value > Max)
            return std::nullopt;
        value *= 10;
    }
    if (roundUp)
        ++value;
    return negative ? -value : value;
}

} // namespace portico::server
