#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace portico::client {

// A reply body that must be one JSON object; nullopt with *error ("$: not valid JSON: ... at
// offset 12", "$: expected an object") otherwise.
std::optional<QJsonObject> parseJsonObject(const QByteArray &body, QString *error);

} // namespace portico::client
