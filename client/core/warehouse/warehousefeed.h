#pragma once

#include <QJsonObject>
#include <QString>

class QSqlDatabase;

namespace portico::client {

struct SyncChange;

// The warehouse's rows in the cache, as the feed and the upload answers deliver them. Functions
// of the cache connection, called inside the caller's transaction.
namespace WarehouseFeed {

// Whether `entity` is one of the warehouse's feed entities (pick_list, count_session; the feed's
// bin locations are catalog rows, written by CatalogCache::applyPage).
bool handles(QStringView entity);
// Applies one change of such an entity (upsert or tombstone). Throws CacheError on a change
// without its key fields.
void apply(QSqlDatabase &db, const SyncChange &change);
// Stores a pick list as the server described it (a feed row or the answer to an upload), unless
// the cache already holds a newer version of it.
void storePickList(QSqlDatabase &db, const QJsonObject &pickList);
void storeCountSession(QSqlDatabase &db, const QJsonObject &session);
// Drops the server-owned warehouse rows and the bin locations (resync); what waits to upload
// stays.
void clear(QSqlDatabase &db);

} // namespace WarehouseFeed

} // namespace portico::client
