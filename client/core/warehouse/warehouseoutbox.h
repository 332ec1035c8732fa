#pragma once

#include "net/apierror.h"
#include "sync/outbox.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class QSqlDatabase;

namespace portico::client {

// The sync engine's half of the warehouse terminal's outbox items: where each goes and what its
// answer or refusal does to the cache. Called inside the engine's transaction that also removes
// or sets aside the item.
namespace WarehouseOutbox {

bool handles(OutboxItem::Kind kind);
QString uploadPath(const OutboxItem &item);
// The server took the item: the pick list or count session it answered with replaces the cached
// one, the item's pending scan leaves the local sum (the server's picked quantity now holds it).
// Returns the pick list's or count's status after it.
QString recordAnswer(QSqlDatabase &db, const OutboxItem &item, const QJsonObject &reply);
// The server refused the item for good (`body` is its reply): the scan is dropped from the local
// sum, a fresh pick list in the reply replaces the cached one, the terminal's pending step is
// undone and the reason kept on the pick list for the user.
void recordRefusal(QSqlDatabase &db, const OutboxItem &item, const ApiError &error, const QByteArray &body);

} // namespace WarehouseOutbox

} // namespace portico::client
