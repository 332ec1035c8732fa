#include "domain/currency.h"

#include <QDebug>

#include <algorithm>
#include <iterator>

namespace portico {

namespace {

struct CurrencyInfo
{
    char code[4];
    int minorDigits;
    const char16_t *symbol; // nullptr: the code is shown
};

// Currencies the portal meets in practice, plus the ISO 4217 codes whose minor unit is not two
// digits (so an unknown-but-well-formed code can safely default to two).
constexpr CurrencyInfo KnownCurrencies[] = {
    {"RUB", 2, u"\u20BD"}, {"USD", 2, u"$"},      {"EUR", 2, u"\u20AC"}, {"CNY", 2, u"\u00A5"},
    {"KZT", 2, u"\u20B8"}, {"GBP", 2, u"\u00A3"}, {"BYN", 2, nullptr},   {"UAH", 2, nullptr},
    {"CHF", 2, nullptr},   {"TRY", 2, nullptr},   {"AMD", 2, nullptr},   {"UZS", 2, nullptr},
    {"KGS", 2, nullptr},   {"JPY", 0, nullptr},   {"KRW", 0, nullptr},   {"VND", 0, nullptr},
    {"CLP", 0, nullptr},   {"ISK", 0, nullptr},   {"PYG", 0, nullptr},   {"UGX", 0, nullptr},
    {"XAF", 0, nullptr},   {"XOF", 0, nullptr},   {"KWD", 3, nullptr},   {"BHD", 3, nullptr},
    {"OMR", 3, nullptr},   {"JOD", 3, nullptr},   {"IQD", 3, nullptr},   {"LYD", 3, nullptr},
    {"TND", 3, nullptr},
};

const CurrencyInfo *findKnown(const std::array<char, 3> &code)
{
    const auto it
        = std::find_if(std::begin(KnownCurrencies), std::end(KnownCurrencies), [&](const CurrencyInfo &info) {
              return std::equal(code.begin(), code.end(), info.code);
          });
    return it == std::end(KnownCurrencies) ? nullptr : &*it;
}

bool isRubleSpelling(QStringView code)
{
    static const QString spellings[] = {QStringLiteral(u"руб"), QStringLiteral(u"руб.")};
    return std::any_of(std::begin(spellings), std::end(spellings), [&](const QString &spelling) {
        return code.compare(spelling, Qt::CaseInsensitive) == 0;
    });
}

} // namespace

std::optional<Currency> Currency::fromCode(QStringView code)
{
    if (isRubleSpelling(code))
        return rub();
    if (code.size() != 3)
        return std::nullopt;

    Currency currency;
    for (qsizetype i = 0; i < 3; ++i) {
        const char16_t c = code[i].unicode();
        if (c < u'A' || c > u'Z')
            return std::nullopt;
        currency.m_code[static_cast<size_t>(i)] = static_cast<char>(c);
    }
    if (currency.m_code == std::array<char, 3> {'R', 'U', 'R'})
        return rub();
    if (const CurrencyInfo *info = findKnown(currency.m_code))
        currency.m_minorDigits = info->minorDigits;
    return currency;
}

Currency Currency::rub()
{
    Currency currency;
    currency.m_code = {'R', 'U', 'B'};
    currency.m_minorDigits = 2;
    return currency;
}

QString Currency::code() const
{
    if (!isValid())
        return QString();
    return QString::fromLatin1(m_code.data(), static_cast<qsizetype>(m_code.size()));
}

qint64 Currency::minorPerMajor() const noexcept
{
    qint64 result = 1;
    for (int i = 0; i < m_minorDigits; ++i)
        result *= 10;
    return result;
}

QString Currency::symbol() const
{
    if (const CurrencyInfo *info = findKnown(m_code); info && info->symbol)
        return QString::fromUtf16(info->symbol);
    return code();
}

QDebug operator<<(QDebug debug, const Currency &currency)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "Currency(" << (currency.isValid() ? currency.code() : QStringLiteral("none")) << ", "
                    << currency.minorDigits() << ')';
    return debug;
}

} // namespace portico
