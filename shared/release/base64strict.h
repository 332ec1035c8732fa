#pragma once

#include <QByteArray>
#include <QJsonValue>

#include <optional>

namespace portico::release {

// The bytes of a JSON string holding standard base64 (with padding), at most maxBytes long once
// decoded; nullopt for a non-string, invalid base64 or anything longer (checked before decoding,
// so a huge value costs nothing).
std::optional<QByteArray> decodeBase64Value(const QJsonValue &value, qsizetype maxBytes);

} // namespace portico::release
