#pragma once

#include <QHashFunctions>
#include <QString>

#include <array>
#include <optional>

class QDebug;

namespace portico {

// An ISO 4217 currency: its three-letter code and the number of minor-unit digits.
class Currency final
{
public:
    constexpr Currency() = default;

    // Accepts an upper-case three-letter code ("RUB"); also the Russian ruble's legacy "RUR"
    // and 1C's "руб" / "руб." spellings, which map to RUB. Anything else is nullopt.
    static std::optional<Currency> fromCode(QStringView code);
    static Currency rub();

    QString code() const;
    int minorDigits() const noexcept { return m_minorDigits; }
    // 10^minorDigits
    qint64 minorPerMajor() const noexcept;
    // "₽", "$", "€", or the code itself when no symbol is customary.
    QString symbol() const;
    bool isValid() const noexcept { return m_code[0] != 0; }

    friend bool operator==(const Currency &, const Currency &) = default;
    friend size_t qHash(const Currency &currency, size_t seed = 0) noexcept
    {
        return qHashBits(currency.m_code.data(), currency.m_code.size(), seed);
    }

private:
    std::array<char, 3> m_code {};
    int m_minorDigits = 2;
};

QDebug operator<<(QDebug debug, const Currency &currency);

} // namespace portico
