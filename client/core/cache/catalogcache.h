#pragma once

#include "sync/syncpage.h"

#include <QDateTime>
#include <QString>

class QSqlDatabase;

namespace portico::client {

// Where this cache stands against the server's feed (one row in the cache).
struct SyncState
{
    QString epoch; // empty before the first pull
    qint64 cursor = 0;
    qint64 head = 0; // the server's head at the last pull
    QDateTime lastSuccess; // UTC; end of the last complete sync (has_more false)
    QDateTime dataAsOf; // UTC; when the cached prices and stock were last brought up to date
};

// The server-owned data in the cache (catalog, prices, stock, customers, the caller's orders as
// the server sees them, document metadata). Functions of the connection: call them inside a
// CacheDatabase job. Writers throw CacheError and leave nothing half-written.
namespace CatalogCache {

SyncState readSyncState(QSqlDatabase &db);

// Applies every change of the page (upsert or tombstone, keeping the search index in step) and
// stores the page's epoch and cursor in the same transaction: a kill at any moment leaves the
// cache at the previous page or at this one, never in between. When the page has has_more
// false, lastSuccess and dataAsOf become `now`.
// A page with resync true drops the server data (as resetServerData) and stores its epoch with
// cursor 0, in one transaction. A page of another epoch than the stored one is refused (reset
// first); within the stored epoch, changes at or below the stored cursor were applied already
// and are skipped, so a page delivered twice cannot bring back older rows. Changes of entities
// this build does not know are ignored; a known change without its key fields, or with a value
// its typed column cannot hold, throws CacheError and nothing of the page is kept.
// During an initial sync (the stored cursor is 0 and the page has has_more true) the product
// search index and the barcode table are not kept in step row by row, and the product table's
// secondary indexes are dropped: the page marks them stale (meta key search_index_stale, in the
// page's transaction) and the page with has_more false rebuilds them in one pass, in its
// transaction. Until then product searches and barcode lookups may miss products the cache
// already holds, and group pages read without their index. A sync killed midway keeps the mark,
// so the page that later ends a sync rebuilds them; a resync or resetServerData clears the mark
// with the data and creates the indexes again.
void applyPage(QSqlDatabase &db, const SyncPage &page, const QDateTime &now);

// Drops every server-owned row and resets the cursor to 0 (epoch change, resync). The outbox,
// local drafts and local order states stay.
void resetServerData(QSqlDatabase &db);

} // namespace CatalogCache

} // namespace portico::client
