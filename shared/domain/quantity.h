#pragma once

#include <QString>

#include <compare>
#include <optional>

class QDebug;
class QLocale;

namespace portico {

// A quantity with exactly three decimals (the accounting system's precision), stored as an
// integer number of thousandths. Arithmetic is checked: overflow throws ArithmeticError.
class Quantity final
{
public:
    static constexpr qint64 Scale = 1000;

    constexpr Quantity() = default;
    static constexpr Quantity fromMilli(qint64 milli) { return Quantity(milli); }
    static Quantity fromInt(qint64 units); // throws on overflow

    // Canonical decimal text as used on the wire and in CommerceML: optional '-', digits,
    // optional '.' or ',' and at most three decimals ("12", "0.5", "1,250"). No grouping,
    // no exponent. More than three decimals is nullopt, not silently rounded.
    static std::optional<Quantity> parse(QStringView text);
    // "12.5" -> "12.5", "3" -> "3", "0.125" -> "0.125" (no trailing zeros).
    QString toString() const;
    // Locale-aware display: "1 234,5" in ru, "1,234.5" in en.
    QString toDisplayString(const QLocale &locale) const;

    constexpr qint64 milli() const noexcept { return m_milli; }
    constexpr bool isZero() const noexcept { return m_milli == 0; }
    constexpr bool isNegative() const noexcept { return m_milli < 0; }
    constexpr bool isPositive() const noexcept { return m_milli > 0; }

    Quantity operator+(Quantity other) const;
    Quantity operator-(Quantity other) const;
    Quantity operator-() const;
    Quantity &operator+=(Quantity other);
    Quantity &operator-=(Quantity other);

    friend constexpr bool operator==(Quantity, Quantity) = default;
    friend constexpr auto operator<=>(Quantity, Quantity) = default;

private:
    constexpr explicit Quantity(qint64 milli)
        : m_milli(milli)
    { }
    qint64 m_milli = 0;
};

// A unit of measure, identified by its OKEI code (Russian classifier of units: "796" piece,
// "166" kilogram, "006" metre, "112" litre, "055" square metre, "113" cubic metre).
struct Unit
{
    QString okeiCode;
    QString name; // short name as the accounting system spells it ("шт", "кг")

    static Unit piece();
    friend bool operator==(const Unit &, const Unit &) = default;
};

QDebug operator<<(QDebug debug, Quantity quantity);

namespace detail {

// Fixed-point decimal text shared by Quantity and Money; not meant for use elsewhere.

// Parses the canonical form: optional '-', at least one ASCII digit, then optionally '.' or ','
// followed by 1..maxDecimals ASCII digits. Returns value * 10^maxDecimals, or nullopt on
// malformed text, too many decimals or overflow. maxDecimals is in [0, 18].
std::optional<qint64> parseFixedPoint(QStringView text, int maxDecimals);

// |value| as an unsigned number (also for the minimum qint64).
constexpr quint64 magnitude(qint64 value) noexcept
{
    return value < 0 ? quint64 {0} - static_cast<quint64>(value) : static_cast<quint64>(value);
}

// Formats magnitude / 10^decimals without a sign. The integer part is grouped in threes with
// groupSeparator when it is not empty; trimTrailingZeros drops zero decimals (and the point
// when none remain).
QString formatFixedPoint(quint64 magnitude, int decimals, QStringView decimalPoint,
                         QStringView groupSeparator, bool trimTrailingZeros);

} // namespace detail

} // namespace portico
