#include "domain/quantity.h"

#include "domain/arithmeticerror.h"

#include <QDebug>
#include <QLocale>

#include <limits>

namespace portico {

namespace detail {

namespace {

constexpr int MaxDecimals = 18;

constexpr bool isAsciiDigit(QChar c) noexcept
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// magnitude = magnitude * 10 + digit, false on overflow.
bool appendDigit(quint64 &magnitude, char16_t digit) noexcept
{
    return !__builtin_mul_overflow(magnitude, quint64 {10}, &magnitude)
        && !__builtin_add_overflow(magnitude, static_cast<quint64>(digit - u'0'), &magnitude);
}

} // namespace

std::optional<qint64> parseFixedPoint(QStringView text, int maxDecimals)
{
    if (maxDecimals < 0 || maxDecimals > MaxDecimals)
        return std::nullopt;

    qsizetype pos = 0;
    const bool negative = !text.isEmpty() && text.front() == QLatin1Char('-');
    if (negative)
        ++pos;

    quint64 magnitude = 0;
    const qsizetype integerStart = pos;
    for (; pos < text.size() && isAsciiDigit(text[pos]); ++pos) {
        if (!appendDigit(magnitude, text[pos].unicode()))
            return std::nullopt;
    }
    if (pos == integerStart)
        return std::nullopt;

    int decimals = 0;
    if (pos < text.size()) {
        if (text[pos] != QLatin1Char('.') && text[pos] != QLatin1Char(','))
            return std::nullopt;
        ++pos;
        for (; pos < text.size() && isAsciiDigit(text[pos]); ++pos) {
            if (++decimals > maxDecimals || !appendDigit(magnitude, text[pos].unicode()))
                return std::nullopt;
        }
        if (decimals == 0 || pos != text.size())
            return std::nullopt;
    }
    for (; decimals < maxDecimals; ++decimals) {
        if (__builtin_mul_overflow(magnitude, quint64 {10}, &magnitude))
            return std::nullopt;
    }

    constexpr quint64 maxPositive = static_cast<quint64>(std::numeric_limits<qint64>::max());
    if (magnitude > maxPositive + (negative ? 1 : 0))
        return std::nullopt;
    if (negative && magnitude == maxPositive + 1)
        return std::numeric_limits<qint64>::min();
    const auto value = static_cast<qint64>(magnitude);
    return negative ? -value : value;
}

QString formatFixedPoint(quint64 magnitude, int decimals, QStringView decimalPoint,
                         QStringView groupSeparator, bool trimTrailingZeros)
{
    quint64 scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;

    const QString integerDigits = QString::number(magnitude / scale);
    QString result;
    result.reserve(integerDigits.size() * 2 + decimals + 1);
    for (qsizetype i = 0; i < integerDigits.size(); ++i) {
        const qsizetype remaining = integerDigits.size() - i;
        if (i > 0 && remaining % 3 == 0)
            result.append(groupSeparator);
        result.append(integerDigits[i]);
    }

    if (decimals > 0) {
        QString fraction = QString::number(magnitude % scale).rightJustified(decimals, QLatin1Char('0'));
        if (trimTrailingZeros) {
            qsizetype length = fraction.size();
            while (length > 0 && fraction[length - 1] == QLatin1Char('0'))
                --length;
            fraction.truncate(length);
        }
        if (!fraction.isEmpty()) {
            result.append(decimalPoint);
            result.append(fraction);
        }
    }
    return result;
}

} // namespace detail

Quantity Quantity::fromInt(qint64 units)
{
    qint64 milli = 0;
    if (__builtin_mul_overflow(units, Scale, &milli))
        throw ArithmeticError(ArithmeticError::Kind::Overflow, "Quantity::fromInt overflows");
    return Quantity(milli);
}

std::optional<Quantity> Quantity::parse(QStringView text)
{
    if (const std::optional<qint64> milli = detail::parseFixedPoint(text, 3))
        return Quantity(*milli);
    return std::nullopt;
}

QString Quantity::toString() const
{
    const QString digits = detail::formatFixedPoint(detail::magnitude(m_milli), 3, u".", QStringView(),
                                                    /*trimTrailingZeros=*/true);
    if (m_milli < 0)
        return QLatin1Char('-') + digits;
    return digits;
}

QString Quantity::toDisplayString(const QLocale &locale) const
{
    const QString decimalPoint = locale.decimalPoint();
    const QString groupSeparator = locale.groupSeparator();
    const QString digits
        = detail::formatFixedPoint(detail::magnitude(m_milli), 3, decimalPoint, groupSeparator,
                                   /*trimTrailingZeros=*/true);
    if (m_milli < 0)
        return locale.negativeSign() + digits;
    return digits;
}

Quantity Quantity::operator+(Quantity other) const
{
    qint64 milli = 0;
    if (__builtin_add_overflow(m_milli, other.m_milli, &milli))
        throw ArithmeticError(ArithmeticError::Kind::Overflow, "Quantity addition overflows");
    return Quantity(milli);
}

Quantity Quantity::operator-(Quantity other) const
{
    qint64 milli = 0;
    if (__builtin_sub_overflow(m_milli, other.m_milli, &milli))
        throw ArithmeticError(ArithmeticError::Kind::Overflow, "Quantity subtraction overflows");
    return Quantity(milli);
}

Quantity Quantity::operator-() const
{
    return Quantity() - *this;
}

Quantity &Quantity::operator+=(Quantity other)
{
    *this = *this + other;
    return *this;
}

Quantity &Quantity::operator-=(Quantity other)
{
    *this = *this - other;
    return *this;
}

Unit Unit::piece()
{
    return Unit {QStringLiteral("796"), QStringLiteral(u"шт")};
}

QDebug operator<<(QDebug debug, Quantity quantity)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "Quantity(" << quantity.toString() << ')';
    return debug;
}

} // namespace portico
