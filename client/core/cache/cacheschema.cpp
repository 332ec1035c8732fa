#include "cache/cacheschema.h"

#include "cache/cachedatabase.h"
#include "cache/cachesql.h"
#include "cache/searchtext.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

#include <span>

namespace portico::client::CacheSchema {

namespace {

void execAll(QSqlDatabase &db, std::span<const char *const> statements)
{
    for (const char *sql : statements)
        CacheSql::exec(db, QString::fromUtf8(sql));
}

// Server-owned tables hold the columns the queries filter, join and sort on, and `data`: the
// change's JSON object as received, which the domain decoders read back. They have no foreign
// keys: the feed delivers rows in the order they changed on the server, so a price may arrive
// before its product, and a tombstone may leave rows that still name the deleted row.
constexpr const char *Version1[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",

    "CREATE TABLE sync_state ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " epoch TEXT NOT NULL DEFAULT '',"
    " cursor INTEGER NOT NULL DEFAULT 0,"
    " head INTEGER NOT NULL DEFAULT 0,"
    " last_success TEXT,"
    " data_as_of TEXT)",
    "INSERT INTO sync_state (id) VALUES (1)",

    "CREATE TABLE product_group ("
    " id TEXT PRIMARY KEY,"
    " parent_id TEXT,"
    " name TEXT NOT NULL,"
    " sort_order INTEGER NOT NULL DEFAULT 0,"
    " data TEXT NOT NULL)",
    "CREATE INDEX product_group_parent ON product_group (parent_id)",

    "CREATE TABLE property ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " type TEXT NOT NULL,"
    " data TEXT NOT NULL)",

    // rid is the product's row in the search index (product_fts.rowid).
    "CREATE TABLE product ("
    " rid INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " group_id TEXT,"
    " sku TEXT NOT NULL,"
    " sku_key TEXT NOT NULL,"
    " name TEXT NOT NULL,"
    " name_key TEXT NOT NULL,"
    " barcodes TEXT NOT NULL,"
    " unit_code TEXT NOT NULL,"
    " unit TEXT NOT NULL,"
    " vat_rate TEXT NOT NULL,"
    " active INTEGER NOT NULL,"
    " data TEXT NOT NULL)",
    "CREATE INDEX product_group_name ON product (group_id, active, name_key)",
    "CREATE INDEX product_sku ON product (sku_key)",

    "CREATE TABLE product_barcode ("
    " barcode TEXT NOT NULL,"
    " product_id TEXT NOT NULL,"
    " PRIMARY KEY (barcode, product_id)) WITHOUT ROWID",
    "CREATE INDEX product_barcode_product ON product_barcode (product_id)",

    "CREATE TABLE price_type ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " currency TEXT NOT NULL,"
    " vat_included INTEGER NOT NULL,"
    " data TEXT NOT NULL)",

    "CREATE TABLE price ("
    " product_id TEXT NOT NULL,"
    " price_type_id TEXT NOT NULL,"
    " unit_price_minor INTEGER NOT NULL,"
    " currency TEXT NOT NULL,"
    " tiers TEXT NOT NULL,"
    " data TEXT NOT NULL,"
    " PRIMARY KEY (product_id, price_type_id)) WITHOUT ROWID",

    "CREATE TABLE warehouse ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " address TEXT NOT NULL,"
    " data TEXT NOT NULL)",

    "CREATE TABLE stock ("
    " product_id TEXT NOT NULL,"
    " warehouse_id TEXT NOT NULL,"
    " on_hand_milli INTEGER NOT NULL,"
    " reserved_milli INTEGER NOT NULL,"
    " as_of TEXT,"
    " data TEXT NOT NULL,"
    " PRIMARY KEY (product_id, warehouse_id)) WITHOUT ROWID",

    // The credit_* columns are the customer's credit state as the feed last reported it
    // (`credit` in the customer's JSON); NULL when the feed sends none.
    "CREATE TABLE customer ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " name_key TEXT NOT NULL,"
    " search_key TEXT NOT NULL,"
    " legal_name TEXT NOT NULL,"
    " inn TEXT NOT NULL,"
    " price_type_id TEXT,"
    " discount_bp INTEGER NOT NULL DEFAULT 0,"
    " currency TEXT,"
    " credit_limit_minor INTEGER,"
    " blocked INTEGER NOT NULL DEFAULT 0,"
    " credit_currency TEXT,"
    " balance_minor INTEGER,"
    " overdue_minor INTEGER,"
    " open_orders_minor INTEGER,"
    " available_minor INTEGER,"
    " data TEXT NOT NULL)",
    "CREATE INDEX customer_name ON customer (name_key)",

    "CREATE TABLE document ("
    " id TEXT PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " number TEXT NOT NULL,"
    " date TEXT,"
    " customer_id TEXT,"
    " order_id TEXT,"
    " amount_minor INTEGER,"
    " currency TEXT,"
    " data TEXT NOT NULL)",
    "CREATE INDEX document_customer ON document (customer_id, date)",
    "CREATE INDEX document_order ON document (order_id)",

    // Local and server orders in one row per order id (the UUID the client generated; the
    // server keeps it). The feed writes the server columns and server_data; the client writes
    // local_state, local_data, outcome and outcome_seen. local_state is NULL for an order only
    // the server knows, else 'draft', 'queued', 'uploaded' or 'failed'.
    "CREATE TABLE orders ("
    " id TEXT PRIMARY KEY,"
    " client_number TEXT,"
    " number TEXT,"
    " customer_id TEXT,"
    " status TEXT,"
    " created_at TEXT,"
    " updated_at TEXT,"
    " total_minor INTEGER,"
    " currency TEXT,"
    " local_state TEXT,"
    " local_data TEXT,"
    " server_data TEXT,"
    " outcome TEXT,"
    " outcome_seen INTEGER DEFAULT 0)",
    "CREATE INDEX orders_created ON orders (created_at)",
    "CREATE INDEX orders_customer ON orders (customer_id, created_at)",

    // What the client still has to tell the server, in order; the sync engine owns it.
    "CREATE TABLE outbox ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " id TEXT UNIQUE NOT NULL,"
    " kind TEXT NOT NULL,"
    " target_id TEXT,"
    " payload BLOB NOT NULL,"
    " created_at TEXT NOT NULL,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT,"
    " state TEXT NOT NULL DEFAULT 'pending')",
};

void migrateTo1(QSqlDatabase &db)
{
    execAll(db, Version1);
}

// The search index holds only active products (inactive ones cannot be ordered); its rowid is
// product.rid. The prefix indexes make the short prefixes people type first ("б", "бо", "бол")
// one doclist each instead of a merge over every word that starts so (at 100k products a lone
// "м" merged in ~20 ms, with its index in well under 1 ms). bm25 weighs a hit in the name above
// one in the SKU, barcodes or property values.
constexpr const char *Version2[] = {
    "CREATE VIRTUAL TABLE product_fts USING fts5("
    " name, sku, barcodes, properties,"
    " tokenize = 'unicode61 remove_diacritics 0',"
    " prefix = '1 2 3')",
    "INSERT INTO product_fts (product_fts, rank) VALUES ('rank', 'bm25(10.0, 6.0, 4.0, 2.0)')",
};

void migrateTo2(QSqlDatabase &db)
{
    execAll(db, Version2);
    QSqlQuery products = CacheSql::prepare(
        db, QStringLiteral("SELECT rid, CAST(data AS BLOB) FROM product WHERE active = 1 ORDER BY rid"));
    CacheSql::exec(products);
    QSqlQuery insert = CacheSql::prepare(
        db,
        QStringLiteral(
            "INSERT INTO product_fts (rowid, name, sku, barcodes, properties) VALUES (?, ?, ?, ?, ?)"));
    while (products.next()) {
        const auto columns = SearchText::productColumns(
            QJsonDocument::fromJson(CacheSql::bytes(products.value(1))).object());
        insert.bindValue(0, products.value(0));
        insert.bindValue(1, columns.name);
        insert.bindValue(2, columns.sku);
        insert.bindValue(3, columns.barcodes);
        insert.bindValue(4, columns.properties);
        CacheSql::exec(insert);
    }
}

// The product's folded search columns (SearchText::productColumns; the folded SKU is sku_key), so
// that the search index can be rebuilt in one INSERT ... SELECT after an initial sync.
constexpr const char *Version3[] = {
    "ALTER TABLE product ADD COLUMN search_name TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE product ADD COLUMN search_barcodes TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE product ADD COLUMN search_properties TEXT NOT NULL DEFAULT ''",
};

void migrateTo3(QSqlDatabase &db)
{
    execAll(db, Version3);
    QSqlQuery products
        = CacheSql::prepare(db, QStringLiteral("SELECT rid, CAST(data AS BLOB) FROM product ORDER BY rid"));
    CacheSql::exec(products);
    QSqlQuery update = CacheSql::prepare(
        db,
        QStringLiteral("UPDATE product SET search_name = ?, search_barcodes = ?, search_properties = ? "
                       "WHERE rid = ?"));
    while (products.next()) {
        const auto columns = SearchText::productColumns(
            QJsonDocument::fromJson(CacheSql::bytes(products.value(1))).object());
        update.bindValue(0, columns.name);
        update.bindValue(1, columns.barcodes);
        update.bindValue(2, columns.properties);
        update.bindValue(3, products.value(0));
        CacheSql::exec(update);
    }
}

// The warehouse terminal's rows (the feed's pick_list, count_session and bin entities) and what
// the terminal did that the server has not answered yet: scans of a pick list still in the
// outbox (pick_pending, one row per outbox item, added to the server's picked quantity) and the
// quantities counted here (count_local). local_status is the pick list's or count's status after
// the terminal's own confirm, pack, ship or submit that waits to upload; conflict is the last
// refusal the server gave to this terminal's scans, shown until the user moves on.
constexpr const char *Version4[] = {
    "CREATE TABLE pick_list ("
    " id TEXT PRIMARY KEY,"
    " number TEXT NOT NULL,"
    " warehouse_id TEXT,"
    " status TEXT NOT NULL,"
    " created_at TEXT,"
    " updated_at TEXT,"
    " version INTEGER NOT NULL DEFAULT 0,"
    " data TEXT NOT NULL,"
    " local_status TEXT,"
    " conflict TEXT)",
    "CREATE INDEX pick_list_status ON pick_list (status, number)",

    "CREATE TABLE pick_pending ("
    " outbox_id TEXT PRIMARY KEY,"
    " pick_list_id TEXT NOT NULL,"
    " line_id TEXT NOT NULL,"
    " quantity_milli INTEGER NOT NULL)",
    "CREATE INDEX pick_pending_list ON pick_pending (pick_list_id)",

    "CREATE TABLE count_session ("
    " id TEXT PRIMARY KEY,"
    " number TEXT NOT NULL,"
    " warehouse_id TEXT,"
    " status TEXT NOT NULL,"
    " created_at TEXT,"
    " data TEXT NOT NULL,"
    " local_status TEXT)",

    "CREATE TABLE count_local ("
    " session_id TEXT NOT NULL,"
    " product_id TEXT NOT NULL,"
    " bin TEXT NOT NULL,"
    " counted_milli INTEGER NOT NULL,"
    " PRIMARY KEY (session_id, product_id, bin)) WITHOUT ROWID",

    "CREATE TABLE bin_location ("
    " product_id TEXT NOT NULL,"
    " warehouse_id TEXT NOT NULL,"
    " bin TEXT NOT NULL,"
    " data TEXT NOT NULL,"
    " PRIMARY KEY (product_id, warehouse_id)) WITHOUT ROWID",
    "CREATE INDEX bin_location_bin ON bin_location (warehouse_id, bin)",
};

void migrateTo4(QSqlDatabase &db)
{
    execAll(db, Version4);
}

// Prices, stock levels and bin locations become rowid tables whose key is a unique index: their
// keys are random UUIDs, so rows stored in key order (WITHOUT ROWID) land all over the table, and
// every page of an initial sync dirtied most of it again (the WAL wrote five times the data). As
// rowid tables their rows are appended, and an initial sync drops the key indexes with the
// product indexes and builds them once at its end (createDeferredIndexes). deferred_delete holds
// the tombstones such a sync receives meanwhile: `before_rowid` is the table's last row when the
// tombstone arrived, so it removes that row's earlier versions and never a later one.
constexpr const char *Version5[] = {
    "CREATE TABLE price_v5 ("
    " product_id TEXT NOT NULL,"
    " price_type_id TEXT NOT NULL,"
    " unit_price_minor INTEGER NOT NULL,"
    " currency TEXT NOT NULL,"
    " tiers TEXT NOT NULL,"
    " data TEXT NOT NULL)",
    "INSERT INTO price_v5 (product_id, price_type_id, unit_price_minor, currency, tiers, data) "
    "SELECT product_id, price_type_id, unit_price_minor, currency, tiers, data FROM price",
    "DROP TABLE price",
    "ALTER TABLE price_v5 RENAME TO price",
    "CREATE UNIQUE INDEX price_key ON price (product_id, price_type_id)",

    "CREATE TABLE stock_v5 ("
    " product_id TEXT NOT NULL,"
    " warehouse_id TEXT NOT NULL,"
    " on_hand_milli INTEGER NOT NULL,"
    " reserved_milli INTEGER NOT NULL,"
    " as_of TEXT,"
    " data TEXT NOT NULL)",
    "INSERT INTO stock_v5 (product_id, warehouse_id, on_hand_milli, reserved_milli, as_of, data) "
    "SELECT product_id, warehouse_id, on_hand_milli, reserved_milli, as_of, data FROM stock",
    "DROP TABLE stock",
    "ALTER TABLE stock_v5 RENAME TO stock",
    "CREATE UNIQUE INDEX stock_key ON stock (product_id, warehouse_id)",

    "CREATE TABLE bin_location_v5 ("
    " product_id TEXT NOT NULL,"
    " warehouse_id TEXT NOT NULL,"
    " bin TEXT NOT NULL,"
    " data TEXT NOT NULL)",
    "INSERT INTO bin_location_v5 (product_id, warehouse_id, bin, data) "
    "SELECT product_id, warehouse_id, bin, data FROM bin_location",
    "DROP TABLE bin_location",
    "ALTER TABLE bin_location_v5 RENAME TO bin_location",
    "CREATE UNIQUE INDEX bin_location_key ON bin_location (product_id, warehouse_id)",
    "CREATE INDEX bin_location_bin ON bin_location (warehouse_id, bin)",

    "CREATE TABLE deferred_delete ("
    " entity TEXT NOT NULL,"
    " key1 TEXT NOT NULL,"
    " key2 TEXT NOT NULL,"
    " before_rowid INTEGER NOT NULL)",
};

void migrateTo5(QSqlDatabase &db)
{
    execAll(db, Version5);
}

// The search index moves to its own file, attached to every connection as `search`
// (CacheSchema::attachSearchIndex): at the end of an initial sync it is built there by a thread of
// its own while the cache thread builds the other indexes in the main file.
void migrateTo6(QSqlDatabase &db)
{
    CacheSql::exec(db, QStringLiteral("DROP TABLE IF EXISTS main.product_fts"));
    // Whatever the search file holds was not written with this main file's generation.
    CacheSql::exec(db, QStringLiteral("DELETE FROM main.meta WHERE key = 'search_generation'"));
}

struct Migration
{
    int version;
    void (*apply)(QSqlDatabase &db);
};

constexpr Migration Migrations[] = {
    {1, migrateTo1}, {2, migrateTo2}, {3, migrateTo3}, {4, migrateTo4}, {5, migrateTo5}, {6, migrateTo6},
};

bool hasVersionTable(QSqlDatabase &db)
{
    QSqlQuery q = CacheSql::prepare(
        db, QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"));
    CacheSql::exec(q);
    return q.next();
}

// The tables whose key index an initial sync drops, with the entity of their feed rows.
struct KeyedTable
{
    const char *table;
    const char *index;
    const char *key1;
    const char *key2;
    const char *entity;
};

constexpr KeyedTable KeyedTables[] = {
    {"price", "price_key", "product_id", "price_type_id", "price"},
    {"stock", "stock_key", "product_id", "warehouse_id", "stock"},
    {"bin_location", "bin_location_key", "product_id", "warehouse_id", "bin"},
};

void createKeyIndex(QSqlDatabase &db, const KeyedTable &keyed)
{
    const QString create = QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS %1 ON %2 (%3, %4)")
                               .arg(QLatin1StringView(keyed.index), QLatin1StringView(keyed.table),
                                    QLatin1StringView(keyed.key1), QLatin1StringView(keyed.key2));
    try {
        CacheSql::exec(db, create);
    } catch (const CacheError &) {
        // A row that changed while the initial sync ran arrived twice: its later version stays.
        // (The failed statement changed nothing; the transaction goes on.)
        CacheSql::exec(db,
                       QStringLiteral("DELETE FROM %1 WHERE rowid NOT IN "
                                      "(SELECT MAX(rowid) FROM %1 GROUP BY %2, %3)")
                           .arg(QLatin1StringView(keyed.table), QLatin1StringView(keyed.key1),
                                QLatin1StringView(keyed.key2)));
        CacheSql::exec(db, create);
    }
    CacheSql::exec(db,
                   QStringLiteral("DELETE FROM %1 WHERE rowid IN (SELECT t.rowid FROM deferred_delete d "
                                  "JOIN %1 t ON t.%2 = d.key1 AND t.%3 = d.key2 "
                                  "WHERE d.entity = '%4' AND t.rowid <= d.before_rowid)")
                       .arg(QLatin1StringView(keyed.table), QLatin1StringView(keyed.key1),
                            QLatin1StringView(keyed.key2), QLatin1StringView(keyed.entity)));
}

// The search index's tables in the attached `search` schema (see migrateTo2 for the index).
constexpr const char *SearchSchema[] = {
    "CREATE VIRTUAL TABLE IF NOT EXISTS search.product_fts USING fts5("
    " name, sku, barcodes, properties,"
    " tokenize = 'unicode61 remove_diacritics 0',"
    " prefix = '1 2 3')",
    "INSERT INTO search.product_fts (product_fts, rank) VALUES ('rank', 'bm25(10.0, 6.0, 4.0, 2.0)')",
    // Terms gather in memory up to 8 MiB (FTS5's default is 1 MiB) before they go to the file as
    // a segment: filling the index with 100k products takes a quarter less time.
    "INSERT INTO search.product_fts (product_fts, rank) VALUES ('hashsize', 8388608)",
    "CREATE TABLE IF NOT EXISTS search.search_meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
};

constexpr const char *FillSearchIndex
    = "INSERT INTO %1product_fts (rowid, name, sku, barcodes, properties) "
      "SELECT rid, search_name, sku_key, search_barcodes, search_properties FROM %2product "
      "WHERE active = 1 ORDER BY rid";

bool isAttached(QSqlDatabase &db, const QString &schema)
{
    QSqlQuery q = CacheSql::prepare(db, QStringLiteral("SELECT 1 FROM pragma_database_list WHERE name = ?"));
    q.bindValue(0, schema);
    CacheSql::exec(q);
    return q.next();
}

// The main file's path as SQLite opened it; empty for an in-memory database.
QString mainFile(QSqlDatabase &db)
{
    QSqlQuery q
        = CacheSql::prepare(db, QStringLiteral("SELECT file FROM pragma_database_list WHERE name = 'main'"));
    CacheSql::exec(q);
    return q.next() ? q.value(0).toString() : QString();
}

void attachSearchIndex(QSqlDatabase &db)
{
    if (isAttached(db, QStringLiteral("search")))
        return;
    const QString file = mainFile(db);
    QSqlQuery attach = CacheSql::prepare(db, QStringLiteral("ATTACH DATABASE ? AS search"));
    attach.bindValue(0, file.isEmpty() ? QStringLiteral(":memory:") : searchIndexPath(file));
    CacheSql::exec(attach);
    if (!file.isEmpty()) {
        QSqlQuery mode = CacheSql::prepare(db, QStringLiteral("PRAGMA search.journal_mode = WAL"));
        CacheSql::exec(mode);
        CacheSql::exec(db, QStringLiteral("PRAGMA search.synchronous = NORMAL"));
    }
    CacheTransaction transaction(db);
    QSqlQuery exists = CacheSql::prepare(
        db, QStringLiteral("SELECT 1 FROM search.sqlite_master WHERE name = 'product_fts'"));
    CacheSql::exec(exists);
    if (!exists.next())
        execAll(db, SearchSchema);
    transaction.commit();
}

// Whether both files carry the same generation (see touchSearchIndex).
bool searchIndexInStep(QSqlDatabase &db)
{
    QSqlQuery q
        = CacheSql::prepare(db,
                            QStringLiteral("SELECT m.value = s.value FROM main.meta m, search.search_meta s "
                                           "WHERE m.key = 'search_generation' AND s.key = 'generation'"));
    CacheSql::exec(q);
    return q.next() && q.value(0).toInt() == 1;
}

void checkSearchIndex(QSqlDatabase &db)
{
    if (searchIndexInStep(db))
        return;
    CacheTransaction transaction(db);
    CacheSql::exec(db, QStringLiteral("DELETE FROM search.product_fts"));
    // An initial sync under way fills it at its end (CatalogCache::applyPage).
    QSqlQuery syncing
        = CacheSql::prepare(db, QStringLiteral("SELECT 1 FROM main.meta WHERE key = 'search_index_stale'"));
    CacheSql::exec(syncing);
    if (!syncing.next())
        fillSearchIndex(db);
    touchSearchIndex(db);
    transaction.commit();
}

} // namespace

QString searchIndexPath(const QString &path)
{
    if (path.isEmpty() || path == QLatin1String(":memory:"))
        return QStringLiteral(":memory:");
    const QFileInfo info(path);
    const QString suffix = info.suffix();
    return info.dir().filePath(info.completeBaseName() + QLatin1String("-search")
                               + (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix));
}

void fillSearchIndex(QSqlDatabase &db)
{
    CacheSql::exec(
        db, QString::fromLatin1(FillSearchIndex).arg(QStringLiteral("search."), QStringLiteral("main.")));
}

void fillSearchIndexFile(const QString &cachePath)
{
    const QString name
        = QLatin1String("portico-search-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(searchIndexPath(cachePath));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(CacheSql::BusyTimeoutMs));
        try {
            if (!db.open())
                throw CacheError(QStringLiteral("Cannot open the search index of %1: %2")
                                     .arg(cachePath, db.lastError().text())
                                     .toStdString());
            QSqlQuery attach = CacheSql::prepare(db, QStringLiteral("ATTACH DATABASE ? AS cache"));
            attach.bindValue(0, cachePath);
            CacheSql::exec(attach);
            CacheTransaction transaction(db);
            CacheSql::exec(db, QStringLiteral("DELETE FROM main.product_fts"));
            CacheSql::exec(
                db,
                QString::fromLatin1(FillSearchIndex).arg(QStringLiteral("main."), QStringLiteral("cache.")));
            transaction.commit();
        } catch (...) {
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            throw;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void touchSearchIndex(QSqlDatabase &db)
{
    CacheSql::exec(db,
                   QStringLiteral("INSERT INTO main.meta (key, value) VALUES ('search_generation', '1') "
                                  "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"));
    CacheSql::exec(
        db,
        QStringLiteral("INSERT OR REPLACE INTO search.search_meta (key, value) "
                       "SELECT 'generation', value FROM main.meta WHERE key = 'search_generation'"));
}

void dropDeferredIndexes(QSqlDatabase &db)
{
    static constexpr const char *Statements[] = {
        "DROP INDEX IF EXISTS product_group_name",
        "DROP INDEX IF EXISTS product_sku",
        "DROP INDEX IF EXISTS product_barcode_product",
        "DROP INDEX IF EXISTS price_key",
        "DROP INDEX IF EXISTS stock_key",
        "DROP INDEX IF EXISTS bin_location_key",
        "DROP INDEX IF EXISTS bin_location_bin",
    };
    execAll(db, Statements);
}

void createDeferredIndexes(QSqlDatabase &db)
{
    static constexpr const char *Statements[] = {
        "CREATE INDEX IF NOT EXISTS product_group_name ON product (group_id, active, name_key)",
        "CREATE INDEX IF NOT EXISTS product_sku ON product (sku_key)",
        "CREATE INDEX IF NOT EXISTS product_barcode_product ON product_barcode (product_id)",
        "CREATE INDEX IF NOT EXISTS bin_location_bin ON bin_location (warehouse_id, bin)",
    };
    for (const KeyedTable &keyed : KeyedTables)
        createKeyIndex(db, keyed);
    CacheSql::exec(db, QStringLiteral("DELETE FROM deferred_delete"));
    execAll(db, Statements);
}

int latestVersion() noexcept
{
    return static_cast<int>(std::size(Migrations));
}

int currentVersion(QSqlDatabase &db)
{
    if (!hasVersionTable(db))
        return 0;
    QSqlQuery q
        = CacheSql::prepare(db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    CacheSql::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}

int migrate(QSqlDatabase &db, int target)
{
    attachSearchIndex(db);
    const int latest = latestVersion();
    if (target < 0 || target > latest)
        target = latest;
    int version = currentVersion(db);
    if (version > latest) {
        throw CacheError(QStringLiteral("The cache file is at schema version %1; this build knows up to %2.")
                             .arg(version)
                             .arg(latest)
                             .toStdString());
    }
    for (const Migration &migration : Migrations) {
        if (migration.version <= version || migration.version > target)
            continue;
        CacheTransaction transaction(db);
        CacheSql::exec(db,
                       QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                      " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
        migration.apply(db);
        QSqlQuery record = CacheSql::prepare(
            db, QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"));
        record.bindValue(0, migration.version);
        record.bindValue(1, CacheSql::timestampText(QDateTime::currentDateTimeUtc()));
        CacheSql::exec(record);
        transaction.commit();
        version = migration.version;
    }
    if (version == latest)
        checkSearchIndex(db);
    return version;
}

} // namespace portico::client::CacheSchema
