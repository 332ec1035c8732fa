#pragma once

#include "releaseerror.h"
#include "releasekeys.h"

#include <QByteArray>
#include <QFileDevice>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace portico::release::keyfiles {

// Shared by the public and the secret key files (internal to portico_release).

inline constexpr qsizetype kMaxKeyFileSize = 4096;

QString kindName(KeyRole role, bool secret);
std::optional<KeyRole> roleOfKind(const QString &kind, bool secret);
Error malformed(const QString &message);
Error fileError(const QString &message);
Result<QByteArray> readSmallFile(const QString &path);
// Creates path (never overwriting it) with the given permissions and writes content.
std::optional<Error> writeNewFile(const QString &path, const QByteArray &content,
                                  QFileDevice::Permissions permissions);
QJsonObject parseObject(const QByteArray &json, bool *ok);

} // namespace portico::release::keyfiles
