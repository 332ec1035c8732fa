#pragma once

class QSqlDatabase;
class QString;

namespace portico::client {

// The cache's tables, as numbered forward migrations. The file records every version applied in
// `schema_version(version, applied_at)`; each migration runs in its own transaction together with
// its row there, so a file is always at exactly one version. A migration, once released, never
// changes: a new need is a new migration.
//
// Version 1: `meta`, `sync_state`, the server-owned tables (`product_group`, `property`,
//            `product`, `product_barcode`, `price_type`, `price`, `warehouse`, `stock`,
//            `customer`, `document`), `orders` (local and server orders in one row per id) and
//            `outbox`.
// Version 2: `product_fts`, the product search index (FTS5 over folded name, SKU, barcodes and
//            property values), filled from the products already cached.
// Version 3: the product's folded search columns.
// Version 4: the warehouse terminal: `pick_list`, `pick_pending`, `count_session`,
//            `count_local`, `bin_location`.
// Version 5: `price`, `stock` and `bin_location` as rowid tables keyed by a unique index, and
//            `deferred_delete`, the tombstones an initial sync receives while those indexes are
//            dropped.
// Version 6: `product_fts` leaves the main file for the search index's own file (below).
//
// The search index (`product_fts`, and `search_meta`) lives in a file of its own beside the
// cache, attached to the connection as `search`: at the end of an initial sync a thread of its
// own fills it while the cache thread builds the main file's indexes. Statements name it without
// the schema. The two files commit one after the other, so each transaction that changes the
// index also advances a generation number kept in both (touchSearchIndex); a file out of step
// with the other after a crash (or a search file deleted or replaced) is filled again from the
// product table when the cache opens.
namespace CacheSchema {

// The version this build migrates to.
int latestVersion() noexcept;

// The file's version: 0 for an empty database. Throws CacheError.
int currentVersion(QSqlDatabase &db);

// Attaches the search index's file as `search` (creating its tables) unless it is attached, then
// applies the migrations above the file's version, up to `target` (the latest when negative), and
// at the latest version refills the search index when it is out of step (see above). Returns the
// version reached. Throws CacheError when a migration fails (that migration leaves nothing
// behind) or when the file is newer than this build.
int migrate(QSqlDatabase &db, int target = -1);

// The search index's file for the cache file at `path`: "cache.sqlite" → "cache-search.sqlite";
// an in-memory cache has an in-memory index.
QString searchIndexPath(const QString &path);

// In the caller's transaction: refills the search index from the product table (its folded
// search columns; active products only).
void fillSearchIndex(QSqlDatabase &db);

// The same in a connection of its own to the search file, reading the committed products of the
// cache file at `cachePath`; for a thread other than the cache thread, while that thread writes
// nothing to the search file. Throws CacheError.
void fillSearchIndexFile(const QString &cachePath);

// In a transaction that changed the search index: advances the generation in both files.
void touchSearchIndex(QSqlDatabase &db);

// The product table's secondary indexes, the barcode table's index by product, the bin
// locations' index by bin, and the key indexes of prices, stock levels and bin locations. An
// initial sync drops them at its first page and creates them again at its last
// (CatalogCache::applyPage): building an index once over sorted rows costs a fraction of keeping
// it in step row by row, and without their key indexes those tables' rows are appended rather
// than scattered. Meanwhile a row may arrive twice (it changed during the sync) and its
// tombstones wait in deferred_delete; creating the key indexes keeps each key's last row, then
// applies and empties deferred_delete. Creating is idempotent.
void dropDeferredIndexes(QSqlDatabase &db);
void createDeferredIndexes(QSqlDatabase &db);

} // namespace CacheSchema

} // namespace portico::client
