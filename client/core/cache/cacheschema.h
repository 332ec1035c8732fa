#pragma once

class QSqlDatabase;

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
namespace CacheSchema {

// The version this build migrates to.
int latestVersion() noexcept;

// The file's version: 0 for an empty database. Throws CacheError.
int currentVersion(QSqlDatabase &db);

// Applies the migrations above the file's version, up to `target` (the latest when negative).
// Returns the version reached. Throws CacheError when a migration fails (that migration leaves
// nothing behind) or when the file is newer than this build.
int migrate(QSqlDatabase &db, int target = -1);

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
