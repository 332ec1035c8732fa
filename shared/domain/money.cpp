#include "domain/money.h"

#include "domain/arithmeticerror.h"

#include <QDebug>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <limits>

namespace portico {

namespace {

__extension__ typedef __int128 Int128;

constexpr QChar NoBreakSpace(0x00A0);
constexpr QChar MinusSign(0x2212);

[[noreturn]] void throwOverflow(const char *what)
{
    throw ArithmeticError(ArithmeticError::Kind::Overflow, what);
}

// The currency of a result of a and b; a currency-less operand takes the other's.
Currency commonCurrency(const Money &a, const Money &b)
{
    const Currency first = a.currency();
    const Currency second = b.currency();
    if (!first.isValid())
        return second;
    if (!second.isValid() || first == second)
        return first;
    throw ArithmeticError(ArithmeticError::Kind::CurrencyMismatch,
                          "Money operands have different currencies");
}

qint64 toInt64(Int128 value, const char *what)
{
    if (value < std::numeric_limits<qint64>::min() || value > std::numeric_limits<qint64>::max())
        throwOverflow(what);
    return static_cast<qint64>(value);
}

// numerator / denominator rounded once; both operands come from int64 factors, so neither the
// product before nor the doubled remainder here can overflow 128 bits.
qint64 divideRounded(Int128 numerator, Int128 denominator, Rounding rounding, const char *what)
{
    if (denominator == 0)
        throw ArithmeticError(ArithmeticError::Kind::DivisionByZero, "Money division by zero");
    Int128 quotient = numerator / denominator;
    const Int128 remainder = numerator % denominator;
    const Int128 absRemainder = remainder < 0 ? -remainder : remainder;
    const Int128 absDenominator = denominator < 0 ? -denominator : denominator;
    if (rounding == Rounding::HalfAwayFromZero && 2 * absRemainder >= absDenominator)
        quotient += (numerator < 0) == (denominator < 0) ? 1 : -1;
    return toInt64(quotient, what);
}

bool symbolPrecedesNumber(const QLocale &locale)
{
    return locale.language() == QLocale::English || locale.language() == QLocale::C;
}

// Everything a user may write next to an amount in `currency`, longest first so that "руб."
// wins over "руб" and "р".
QStringList currencyMarkers(const Currency &currency)
{
    QStringList markers;
    if (!currency.isValid())
        return markers;
    markers << currency.symbol() << currency.code();
    if (currency == Currency::rub()) {
        markers << QStringLiteral(u"руб.") << QStringLiteral(u"руб") << QStringLiteral(u"р.")
                << QStringLiteral(u"р") << QStringLiteral("RUR");
    }
    markers.removeDuplicates();
    std::stable_sort(markers.begin(), markers.end(),
                     [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return markers;
}

bool takeNegativeSign(QStringView &text, const QLocale &locale)
{
    const QString localeSign = locale.negativeSign();
    if (!localeSign.isEmpty() && text.startsWith(localeSign)) {
        text = text.mid(localeSign.size());
        return true;
    }
    if (text.startsWith(QLatin1Char('-')) || text.startsWith(MinusSign)) {
        text = text.mid(1);
        return true;
    }
    return false;
}

bool isAsciiDigit(QChar c) noexcept
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// Turns a displayed number ("1 234,56", "1,234.56") into the canonical "1234.56", checking that
// grouping separators stand every three digits of the integer part. Any space character groups
// (U+0020, U+00A0, U+202F, U+2009...), as does the locale's own separator; one number uses one
// kind. Besides the locale's decimal point, '.' or ',' is read as the decimal point when the
// locale does not group with it (so "1234.56" works in ru, but "1,5" is never 1.5 in en).
std::optional<QString> canonicalNumber(QStringView text, const QLocale &locale)
{
    const QString decimalPoint = locale.decimalPoint();
    const QString groupSeparator = locale.groupSeparator();
    QChar alternativeDecimal;
    if (decimalPoint == QLatin1String(",") && groupSeparator != QLatin1String("."))
        alternativeDecimal = QLatin1Char('.');
    else if (decimalPoint == QLatin1String(".") && groupSeparator != QLatin1String(","))
        alternativeDecimal = QLatin1Char(',');

    enum class Group { None, Space, Locale };
    Group groupKind = Group::None;
    bool grouped = false;
    bool inFraction = false;
    qsizetype digitsInGroup = 0;
    QString integerDigits;
    QString fractionDigits;

    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (isAsciiDigit(c)) {
            if (inFraction) {
                fractionDigits.append(c);
            } else {
                integerDigits.append(c);
                ++digitsInGroup;
            }
            continue;
        }
        if (inFraction)
            return std::nullopt;

        const QStringView rest = text.mid(i);
        const bool isDecimal = (!decimalPoint.isEmpty() && rest.startsWith(decimalPoint))
            || (!alternativeDecimal.isNull() && c == alternativeDecimal);
        if (isDecimal) {
            if (integerDigits.isEmpty() || (grouped && digitsInGroup != 3))
                return std::nullopt;
            inFraction = true;
            if (c != alternativeDecimal)
                i += decimalPoint.size() - 1;
            continue;
        }

        Group kind = Group::None;
        qsizetype length = 1;
        if (c.category() == QChar::Separator_Space) {
            kind = Group::Space;
        } else if (!groupSeparator.isEmpty() && rest.startsWith(groupSeparator)) {
            kind = Group::Locale;
            length = groupSeparator.size();
        }
        if (kind == Group::None || (grouped && kind != groupKind))
            return std::nullopt;
        if (grouped ? digitsInGroup != 3 : (digitsInGroup < 1 || digitsInGroup > 3))
            return std::nullopt;
        grouped = true;
        groupKind = kind;
        digitsInGroup = 0;
        i += length - 1;
    }

    if (integerDigits.isEmpty() || (inFraction && fractionDigits.isEmpty()))
        return std::nullopt;
    if (grouped && !inFraction && digitsInGroup != 3)
        return std::nullopt;
    if (fractionDigits.isEmpty())
        return integerDigits;
    return integerDigits + QLatin1Char('.') + fractionDigits;
}

} // namespace

Money Money::fromMinor(qint64 minor, Currency currency)
{
    return Money(minor, currency);
}

std::optional<Money> Money::parse(QStringView text, Currency currency)
{
    if (const std::optional<qint64> minor = detail::parseFixedPoint(text, currency.minorDigits()))
        return Money(*minor, currency);
    return std::nullopt;
}

std::optional<Money> Money::parseDisplay(QStringView text, const QLocale &locale, Currency currency)
{
    QStringView rest = text.trimmed();
    bool negative = takeNegativeSign(rest, locale);

    const QStringList markers = currencyMarkers(currency);
    bool prefixed = false;
    for (const QString &marker : markers) {
        if (rest.startsWith(marker, Qt::CaseInsensitive)) {
            rest = rest.mid(marker.size()).trimmed();
            prefixed = true;
            break;
        }
    }
    if (prefixed) {
        if (!negative)
            negative = takeNegativeSign(rest, locale);
    } else {
        for (const QString &marker : markers) {
            if (rest.endsWith(marker, Qt::CaseInsensitive)) {
                rest = rest.chopped(marker.size()).trimmed();
                break;
            }
        }
    }

    const std::optional<QString> number = canonicalNumber(rest, locale);
    if (!number)
        return std::nullopt;
    if (negative)
        return parse(QString(QLatin1Char('-') + *number), currency);
    return parse(*number, currency);
}

QString Money::toString() const
{
    const QString digits = detail::formatFixedPoint(detail::magnitude(m_minor), m_currency.minorDigits(),
                                                    u".", QStringView(), /*trimTrailingZeros=*/false);
    if (m_minor < 0)
        return QLatin1Char('-') + digits;
    return digits;
}

QString Money::toDisplayString(const QLocale &locale) const
{
    const QString decimalPoint = locale.decimalPoint();
    const QString groupSeparator = locale.groupSeparator();
    const QString number
        = detail::formatFixedPoint(detail::magnitude(m_minor), m_currency.minorDigits(), decimalPoint,
                                   groupSeparator, /*trimTrailingZeros=*/false);
    const QString sign = m_minor < 0 ? locale.negativeSign() : QString();
    if (!m_currency.isValid())
        return sign + number;

    const QString symbol = m_currency.symbol();
    const bool hasSymbol = symbol != m_currency.code();
    if (hasSymbol && symbolPrecedesNumber(locale))
        return sign + symbol + number;
    return sign + number + NoBreakSpace + symbol;
}

Money Money::operator+(const Money &other) const
{
    const Currency currency = commonCurrency(*this, other);
    qint64 minor = 0;
    if (__builtin_add_overflow(m_minor, other.m_minor, &minor))
        throwOverflow("Money addition overflows");
    return Money(minor, currency);
}

Money Money::operator-(const Money &other) const
{
    const Currency currency = commonCurrency(*this, other);
    qint64 minor = 0;
    if (__builtin_sub_overflow(m_minor, other.m_minor, &minor))
        throwOverflow("Money subtraction overflows");
    return Money(minor, currency);
}

Money Money::operator-() const
{
    qint64 minor = 0;
    if (__builtin_sub_overflow(qint64 {0}, m_minor, &minor))
        throwOverflow("Money negation overflows");
    return Money(minor, m_currency);
}

Money &Money::operator+=(const Money &other)
{
    *this = *this + other;
    return *this;
}

Money &Money::operator-=(const Money &other)
{
    *this = *this - other;
    return *this;
}

Money Money::times(Quantity quantity, Rounding rounding) const
{
    const Int128 product = Int128 {m_minor} * quantity.milli();
    return Money(divideRounded(product, Quantity::Scale, rounding, "Money times quantity overflows"),
                 m_currency);
}

Money Money::times(qint64 factor) const
{
    qint64 minor = 0;
    if (__builtin_mul_overflow(m_minor, factor, &minor))
        throwOverflow("Money multiplication overflows");
    return Money(minor, m_currency);
}

Money Money::percent(BasisPoints bp, Rounding rounding) const
{
    const Int128 product = Int128 {m_minor} * bp;
    return Money(divideRounded(product, FullPercent, rounding, "Money percentage overflows"), m_currency);
}

Money Money::mulDiv(qint64 numerator, qint64 denominator, Rounding rounding) const
{
    const Int128 product = Int128 {m_minor} * numerator;
    return Money(divideRounded(product, denominator, rounding, "Money mulDiv overflows"), m_currency);
}

bool operator==(const Money &a, const Money &b)
{
    commonCurrency(a, b);
    return a.m_minor == b.m_minor;
}

std::strong_ordering operator<=>(const Money &a, const Money &b)
{
    commonCurrency(a, b);
    return a.m_minor <=> b.m_minor;
}

QDebug operator<<(QDebug debug, const Money &money)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "Money(" << money.toString();
    if (money.currency().isValid())
        debug << ' ' << money.currency().code();
    return debug << ')';
}

} // namespace portico
