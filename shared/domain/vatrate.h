#pragma once

#include "domain/money.h"

#include <QString>

#include <optional>

namespace portico {

// VAT rates of the Russian tax code as the accounting system names them. "None" is
// "Без НДС" (not subject to VAT), distinct from a 0% rate.
enum class VatRate { None, Zero, Five, Seven, Ten, Twenty, TwentyTwo };

// Rate in basis points (Twenty -> 2000); None and Zero -> 0.
BasisPoints vatBasisPoints(VatRate rate) noexcept;
// Wire names: "none", "0", "5", "7", "10", "20", "22".
QString vatRateToString(VatRate rate);
std::optional<VatRate> vatRateFromString(QStringView text);

} // namespace portico
