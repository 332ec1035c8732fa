#pragma once

#include <QByteArray>

namespace portico::server {

// Appends UTF-8 text as a JSON string literal, quotes included: `"` and `\` escaped, control
// characters as \u00XX, everything else (UTF-8 sequences too) as it is.
void appendJsonString(QByteArray &out, const QByteArray &utf8);

} // namespace portico::server
