#pragma once

#include "domain/currency.h"
#include "domain/quantity.h"

#include <QString>

#include <compare>
#include <optional>

class QDebug;
class QLocale;

namespace portico {

// Basis points: hundredths of a percent. 7.5% == 750 bp. Used for discounts and VAT rates.
using BasisPoints = qint32;
inline constexpr BasisPoints FullPercent = 10000; // 100%

// Rounding used everywhere money is derived: half away from zero (2.5 -> 3, -2.5 -> -3),
// as Russian accounting practice and 1C do.
enum class Rounding { HalfAwayFromZero };

// An amount of money: a signed 64-bit count of minor units (kopecks, cents) and its currency.
// There is no floating point anywhere in it. Every operation that could overflow is checked and
// throws ArithmeticError; so does mixing currencies.
class Money final
{
public:
    constexpr Money() = default; // zero of no currency; adopts the other side's in + and -
    static Money fromMinor(qint64 minor, Currency currency);
    static Money zero(Currency currency) { return fromMinor(0, currency); }

    // Canonical wire text: optional '-', digits, optional '.' and at most minorDigits decimals
    // ("1234.56", "-0.5", "100"). Also accepts ',' as the decimal separator (CommerceML).
    // More decimals than the currency has is nullopt, not silently rounded.
    static std::optional<Money> parse(QStringView text, Currency currency);
    // Display text as a user types it: grouping spaces (incl. U+00A0/U+202F) or commas per the
    // locale, the locale's decimal separator, an optional currency symbol or code.
    // "1 234,56 ₽" in ru, "₽1,234.56" / "1,234.56 RUB" in en.
    static std::optional<Money> parseDisplay(QStringView text, const QLocale &locale, Currency currency);

    // "1234.56" (always all minor digits: "100.00").
    QString toString() const;
    // "1 234,56 ₽" for ru (U+00A0 group separator and before the symbol), "₽1,234.56" for en.
    QString toDisplayString(const QLocale &locale) const;

    constexpr qint64 minor() const noexcept { return m_minor; }
    constexpr Currency currency() const noexcept { return m_currency; }
    constexpr bool isZero() const noexcept { return m_minor == 0; }
    constexpr bool isNegative() const noexcept { return m_minor < 0; }
    constexpr bool isPositive() const noexcept { return m_minor > 0; }

    Money operator+(const Money &other) const;
    Money operator-(const Money &other) const;
    Money operator-() const;
    Money &operator+=(const Money &other);
    Money &operator-=(const Money &other);

    // unit price x quantity, rounded once to the currency's minor unit.
    Money times(Quantity quantity, Rounding rounding = Rounding::HalfAwayFromZero) const;
    Money times(qint64 factor) const;
    // this x bp / 10000, rounded once. percentOf(2000) of 100.00 is 20.00.
    Money percent(BasisPoints bp, Rounding rounding = Rounding::HalfAwayFromZero) const;
    // this x numerator / denominator, rounded once (denominator > 0). Used for VAT extraction:
    // amount * rate / (100% + rate).
    Money mulDiv(qint64 numerator, qint64 denominator, Rounding rounding = Rounding::HalfAwayFromZero) const;

    // Comparison requires the same currency (or a currency-less zero); mismatch throws.
    friend bool operator==(const Money &a, const Money &b);
    friend std::strong_ordering operator<=>(const Money &a, const Money &b);

private:
    constexpr Money(qint64 minor, Currency currency)
        : m_minor(minor)
        , m_currency(currency)
    { }
    qint64 m_minor = 0;
    Currency m_currency;
};

QDebug operator<<(QDebug debug, const Money &money);

} // namespace portico
