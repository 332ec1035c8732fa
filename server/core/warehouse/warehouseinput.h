#pragma once

#include "domain/ids.h"
#include "domain/quantity.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace portico::server {

// Reading the warehouse endpoints' JSON bodies: every refusal is ApiError(BadRequest) naming the
// field by its JSON path, before anything is stored.
namespace warehouseinput {

inline constexpr qsizetype MaxText = 200;

QJsonObject object(const QByteArray &body);
// A canonical UUID text.
Id id(const QJsonObject &object, const QString &key, const QString &path);
// A decimal string with at most three places; positive unless `zeroAllowed` (never negative).
Quantity quantity(const QJsonObject &object, const QString &key, const QString &path, bool zeroAllowed);
// A string of at most `maxLength` characters without control characters; "" when absent
// unless `required`.
QString text(const QJsonObject &object, const QString &key, const QString &path, bool required,
             qsizetype maxLength = MaxText);
// An array (empty when absent unless `required`) of at most `maxItems` items.
QJsonArray array(const QJsonObject &object, const QString &key, const QString &path, bool required,
                 qsizetype maxItems);
QJsonObject item(const QJsonArray &array, qsizetype index, const QString &path);

// A write from a terminal: its body, the client-generated id a repeat is recognised by, and the
// body's hash that tells a repeat from another request under the same id.
struct TerminalWrite
{
    QJsonObject json;
    Id clientId;
    QString kind; // the request log's kind: "scan", "confirm", "pack", "ship", "count_lines"
    QString hash;
};
TerminalWrite terminalWrite(const QByteArray &body, const QString &kind);

} // namespace warehouseinput

} // namespace portico::server
