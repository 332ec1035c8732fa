#pragma once

#include <QList>

class QSqlDatabase;

namespace portico::client {

struct SyncChange;

namespace CatalogCache {

// Writes a page's changes (each upsert or tombstone, in order) into the server-owned tables,
// with statements prepared once for the page. With maintainIndexes false (an initial sync) the
// search index and the barcode table are left alone, and tombstones of prices, stock levels and
// bin locations wait in deferred_delete for the key indexes (CacheSchema::createDeferredIndexes).
// Throws CacheError on a change whose key fields are missing or malformed.
void writeChanges(QSqlDatabase &db, const QList<const SyncChange *> &changes, bool maintainIndexes);

} // namespace CatalogCache

} // namespace portico::client
