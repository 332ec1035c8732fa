#include "domain/vatrate.h"

#include <array>

namespace portico {

namespace {

constexpr std::array kAllRates {VatRate::None, VatRate::Zero,   VatRate::Five,     VatRate::Seven,
                                VatRate::Ten,  VatRate::Twenty, VatRate::TwentyTwo};

QLatin1String wireName(VatRate rate) noexcept
{
    switch (rate) {
    case VatRate::None:
        return QLatin1String("none");
    case VatRate::Zero:
        return QLatin1String("0");
    case VatRate::Five:
        return QLatin1String("5");
    case VatRate::Seven:
        return QLatin1String("7");
    case VatRate::Ten:
        return QLatin1String("10");
    case VatRate::Twenty:
        return QLatin1String("20");
    case VatRate::TwentyTwo:
        return QLatin1String("22");
    }
    return QLatin1String("none");
}

} // namespace

BasisPoints vatBasisPoints(VatRate rate) noexcept
{
    switch (rate) {
    case VatRate::None:
    case VatRate::Zero:
        return 0;
    case VatRate::Five:
        return 500;
    case VatRate::Seven:
        return 700;
    case VatRate::Ten:
        return 1000;
    case VatRate::Twenty:
        return 2000;
    case VatRate::TwentyTwo:
        return 2200;
    }
    return 0;
}

QString vatRateToString(VatRate rate)
{
    return wireName(rate);
}

std::optional<VatRate> vatRateFromString(QStringView text)
{
    for (VatRate rate : kAllRates) {
        if (text == wireName(rate))
            return rate;
    }
    return std::nullopt;
}

} // namespace portico
