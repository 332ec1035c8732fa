#include "cache/catalogcache.h"

#include "cache/cachedatabase.h"
#include "cache/cacheschema.h"
#include "cache/cachesql.h"
#include "cache/pagewriter.h"
#include "warehouse/warehousefeed.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <exception>
#include <thread>

namespace portico::client::CatalogCache {

namespace {

void clearServerData(QSqlDatabase &db)
{
    static constexpr const char *Statements[] = {
        "DELETE FROM product_group",
        "DELETE FROM property",
        "DELETE FROM product",
        "DELETE FROM product_barcode",
        "DELETE FROM product_fts",
        "DELETE FROM price_type",
        "DELETE FROM price",
        "DELETE FROM warehouse",
        "DELETE FROM stock",
        "DELETE FROM customer",
        "DELETE FROM document",
        "DELETE FROM orders WHERE local_state IS NULL",
        "UPDATE orders SET server_data = NULL WHERE server_data IS NOT NULL",
        // No products, empty indexes: they are in step again.
        "DELETE FROM meta WHERE key = 'search_index_stale'",
    };
    for (const char *sql : Statements)
        CacheSql::exec(db, QString::fromUtf8(sql));
    CacheSchema::touchSearchIndex(db);
    WarehouseFeed::clear(db);
    // An initial sync cut short leaves them dropped.
    CacheSchema::createDeferredIndexes(db);
}

// The meta key that marks product_fts and product_barcode as behind the product table, and the
// product indexes of CacheSchema::dropDeferredIndexes as dropped (an initial sync skips them and
// rebuilds them at its last page).
const QLatin1StringView StaleIndexKey("search_index_stale");

bool searchIndexStale(QSqlDatabase &db)
{
    QSqlQuery q = CacheSql::prepare(db, QStringLiteral("SELECT 1 FROM meta WHERE key = ?"));
    q.bindValue(0, QString(StaleIndexKey));
    CacheSql::exec(q);
    return q.next();
}

void markSearchIndexStale(QSqlDatabase &db)
{
    QSqlQuery q
        = CacheSql::prepare(db, QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')"));
    q.bindValue(0, QString(StaleIndexKey));
    CacheSql::exec(q);
}

// The connection's page cache at 8 MiB while it lives, and as it was again afterwards.
class SmallPageCache final
{
public:
    explicit SmallPageCache(QSqlDatabase &db)
        : m_db(db)
    {
        QSqlQuery q = CacheSql::prepare(db, QStringLiteral("PRAGMA cache_size"));
        CacheSql::exec(q);
        m_size = q.next() ? q.value(0).toLongLong() : 0;
        CacheSql::exec(db, QStringLiteral("PRAGMA cache_size = -8192"));
    }
    ~SmallPageCache()
    {
        if (m_size == 0)
            return;
        try {
            CacheSql::exec(m_db, QStringLiteral("PRAGMA cache_size = %1").arg(m_size));
        } catch (const CacheError &) {
            // Setting a pragma does not fail on an open connection; if it did, the cache would
            // only be smaller.
        }
    }
    SmallPageCache(const SmallPageCache &) = delete;
    SmallPageCache &operator=(const SmallPageCache &) = delete;

private:
    QSqlDatabase &m_db;
    qint64 m_size = 0;
};

// The product_barcode table from the products' JSON arrays of barcodes, in one statement.
void fillBarcodes(QSqlDatabase &db)
{
    CacheSql::exec(db, QStringLiteral("DELETE FROM product_barcode"));
    CacheSql::exec(db,
                   QStringLiteral("INSERT OR IGNORE INTO product_barcode (barcode, product_id) "
                                  "SELECT b.value, p.id FROM product p, json_each(p.barcodes) b "
                                  "WHERE b.value <> '' ORDER BY 1, 2"));
}

// At the end of an initial sync, in the caller's transaction: refills product_fts and
// product_barcode from the product table (the folded search columns and the barcodes' JSON array
// are stored with each product), creates the product indexes again and clears the stale mark.
void rebuildIndexes(QSqlDatabase &db)
{
    // The builds sort every product, price, stock level and bin location. SQLite's sorter keeps
    // up to the page cache's size in memory before it goes on in a temporary file (temp_store is
    // FILE): with a small page cache for the builds, memory stays flat in the catalog's size.
    SmallPageCache smallCache(db);
    CacheSql::exec(db, QStringLiteral("DELETE FROM product_fts"));
    CacheSchema::fillSearchIndex(db);
    CacheSchema::touchSearchIndex(db);
    fillBarcodes(db);
    CacheSchema::createDeferredIndexes(db);
    CacheSql::exec(db, QStringLiteral("DELETE FROM meta WHERE key = 'search_index_stale'"));
}

// The same in its own transaction, after the last page committed with the stale mark: the
// search index, in a file of its own, is filled by a second thread (from the committed products)
// while this one builds the main file's indexes, on the two cores the sync had kept busy. A
// failure, or a kill, leaves the mark: the next page that ends a pull builds them again.
void rebuildIndexesAlongside(QSqlDatabase &db, const QString &path)
{
    CacheTransaction transaction(db);
    SmallPageCache smallCache(db);
    std::exception_ptr searchFailure;
    std::thread search([&path, &searchFailure] {
        try {
            CacheSchema::fillSearchIndexFile(path);
        } catch (...) {
            searchFailure = std::current_exception();
        }
    });
    try {
        fillBarcodes(db);
        CacheSchema::createDeferredIndexes(db);
    } catch (...) {
        search.join();
        throw;
    }
    search.join();
    if (searchFailure)
        std::rethrow_exception(searchFailure);
    CacheSchema::touchSearchIndex(db);
    CacheSql::exec(db, QStringLiteral("DELETE FROM meta WHERE key = 'search_index_stale'"));
    transaction.commit();
}

void writeSyncState(QSqlDatabase &db, const QString &epoch, qint64 cursor, qint64 head,
                    const QDateTime &completedAt)
{
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral("UPDATE sync_state SET epoch = ?, cursor = ?, head = ?, "
                       "last_success = COALESCE(?, last_success), data_as_of = COALESCE(?, data_as_of) "
                       "WHERE id = 1"));
    const QVariant completed
        = completedAt.isValid() ? QVariant(CacheSql::timestampText(completedAt)) : CacheSql::nullText();
    q.bindValue(0, epoch);
    q.bindValue(1, cursor);
    q.bindValue(2, head);
    q.bindValue(3, completed);
    q.bindValue(4, completed);
    CacheSql::exec(q);
    if (q.numRowsAffected() != 1)
        throw CacheError("The cache has no sync_state row.");
}

} // namespace

SyncState readSyncState(QSqlDatabase &db)
{
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral("SELECT epoch, cursor, head, last_success, data_as_of FROM sync_state WHERE id = 1"));
    CacheSql::exec(q);
    SyncState state;
    if (!q.next())
        throw CacheError("The cache has no sync_state row.");
    state.epoch = q.value(0).toString();
    state.cursor = q.value(1).toLongLong();
    state.head = q.value(2).toLongLong();
    state.lastSuccess = CacheSql::timestampFrom(q.value(3));
    state.dataAsOf = CacheSql::timestampFrom(q.value(4));
    return state;
}

void applyPage(QSqlDatabase &db, const SyncPage &page, const QDateTime &now)
{
    CacheTransaction transaction(db);
    const SyncState state = readSyncState(db);
    if (page.resync) {
        // The server starts this cache over: nothing cached from the old feed stays, and the
        // next pull starts at 0 in the page's epoch.
        clearServerData(db);
        writeSyncState(db, page.epoch, 0, page.head, {});
        transaction.commit();
        return;
    }
    if (!state.epoch.isEmpty() && state.epoch != page.epoch) {
        throw CacheError(
            QStringLiteral("A page of epoch %1 cannot be applied over epoch %2; reset the cache first.")
                .arg(page.epoch, state.epoch)
                .toStdString());
    }
    // Within one epoch a change at or below the stored cursor was applied already; a newer
    // version of its row may have followed, so a page delivered twice must not bring it back.
    const qint64 applied = state.epoch.isEmpty() ? 0 : state.cursor;
    QList<const SyncChange *> changes;
    changes.reserve(page.changes.size());
    for (const SyncChange &change : page.changes) {
        if (change.seq > applied)
            changes.append(&change);
    }
    // An initial sync (from cursor 0, more pages to come) leaves the search index, the barcode
    // table and the product indexes alone and rebuilds them in one pass at its last page; the
    // stale mark, written with the page, survives a kill, so whichever page ends the sync later
    // still rebuilds.
    bool stale = searchIndexStale(db);
    if (!stale && applied == 0 && page.hasMore) {
        markSearchIndexStale(db);
        CacheSchema::dropDeferredIndexes(db);
        stale = true;
    }
    writeChanges(db, changes, !stale);
    if (!stale)
        CacheSchema::touchSearchIndex(db); // the page kept the search index in step
    writeSyncState(db, page.epoch, std::max(applied, page.cursor), page.head,
                   page.hasMore ? QDateTime() : now);
    if (!stale || page.hasMore) {
        transaction.commit();
        return;
    }
    // The last page of an initial sync. With the cache in a file, and no transaction around
    // this one, the page commits first and the indexes are built alongside the search index;
    // otherwise all in the page's transaction.
    const QString path = db.databaseName();
    if (path.isEmpty() || path == QLatin1String(":memory:") || !transaction.isOutermost()) {
        rebuildIndexes(db);
        transaction.commit();
        return;
    }
    transaction.commit();
    rebuildIndexesAlongside(db, path);
}

void resetServerData(QSqlDatabase &db)
{
    CacheTransaction transaction(db);
    clearServerData(db);
    CacheSql::exec(db,
                   QStringLiteral("UPDATE sync_state SET epoch = '', cursor = 0, head = 0, "
                                  "last_success = NULL, data_as_of = NULL WHERE id = 1"));
    transaction.commit();
}

} // namespace portico::client::CatalogCache
