#pragma once

#include <QString>

#include <optional>

namespace portico::server {

// Numbers as accounting exports write them: "1 234,50", "790.0000", " 12 ", "-3,5". Group
// spaces (also no-break and thin spaces) are dropped, a decimal comma is a point. The value is
// returned scaled to `decimals` places (1234.5 at 2 -> 123450), rounded half away from zero
// when the text has more places. nullopt for anything else (letters, two separators, overflow).
std::optional<qint64> parseDecimal(const QString &text, int decimals);

} // namespace portico::server
