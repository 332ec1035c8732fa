#include "storage/migrations.h"

#include "storage/database.h"

#include <QDateTime>
#include <QStringList>
#include <QUuid>

namespace portico::server {

namespace {

struct Migration
{
    int version;
    const char *name;
    const char *sql; // statements separated by ";\n"; {blob} {bool} {true} {false} per dialect
    // Only SQLite runs the statements; PostgreSQL records the version and has nothing to do.
    bool sqliteOnly = false;
};

// Money is BIGINT minor units, quantities BIGINT thousandths, ids TEXT UUIDs, times BIGINT
// milliseconds since the epoch (UTC), dates TEXT "YYYY-MM-DD".
constexpr Migration AllMigrations[] = {
    {1, "initial schema", R"SQL(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE feed_state (id INTEGER PRIMARY KEY CHECK (id = 1), head BIGINT NOT NULL);
INSERT INTO feed_state (id, head) VALUES (1, 0);
CREATE TABLE changes (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    seq BIGINT NOT NULL UNIQUE,
    audience TEXT NOT NULL,
    deleted {bool} NOT NULL DEFAULT {false},
    payload TEXT,
    PRIMARY KEY (entity, entity_id)
);
CREATE INDEX changes_audience_seq ON changes (audience, seq);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    customer_id TEXT,
    warehouse_id TEXT,
    password_hash TEXT NOT NULL,
    active {bool} NOT NULL DEFAULT {true},
    created_at BIGINT NOT NULL,
    sync_generation INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
    user_id TEXT NOT NULL REFERENCES users (id),
    device_id TEXT NOT NULL,
    family TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked {bool} NOT NULL DEFAULT {false},
    created_at BIGINT NOT NULL
);
CREATE INDEX tokens_user ON tokens (user_id, device_id);
CREATE INDEX tokens_family ON tokens (family);
CREATE INDEX tokens_expiry ON tokens (expires_at);

CREATE TABLE login_failures (
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    failures INTEGER NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX login_failures_window ON login_failures (window_start);

CREATE TABLE product_groups (
    id TEXT PRIMARY KEY,
    external_id TEXT UNIQUE,
    parent_id TEXT,
    name TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE properties (
    id TEXT PRIMARY KEY,
    external_id TEXT UNIQUE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    values_json TEXT NOT NULL
);

CREATE TABLE products (
    id TEXT PRIMARY KEY,
    external_id TEXT UNIQUE,
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    group_id TEXT,
    unit_code TEXT NOT NULL,
    unit_name TEXT NOT NULL,
    vat_rate TEXT NOT NULL,
    weight_milli BIGINT NOT NULL,
    volume_milli BIGINT NOT NULL,
    image_ref TEXT NOT NULL,
    active {bool} NOT NULL,
    barcodes_json TEXT NOT NULL,
    properties_json TEXT NOT NULL
);
CREATE INDEX products_sku ON products (sku);
CREATE TABLE product_barcodes (barcode TEXT NOT NULL, product_id TEXT NOT NULL, PRIMARY KEY (barcode, product_id));
CREATE INDEX product_barcodes_product ON product_barcodes (product_id);

CREATE TABLE price_types (
    id TEXT PRIMARY KEY,
    external_id TEXT UNIQUE,
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    vat_included {bool} NOT NULL
);

CREATE TABLE prices (
    product_id TEXT NOT NULL,
    price_type_id TEXT NOT NULL,
    unit_price_minor BIGINT NOT NULL,
    tiers_json TEXT NOT NULL,
    PRIMARY KEY (product_id, price_type_id)
);

CREATE TABLE warehouses (
    id TEXT PRIMARY KEY,
    external_id TEXT UNIQUE,
    name TEXT NOT NULL,
    address TEXT NOT NULL
);

CREATE TABLE stock (
    product_id TEXT NOT NULL,
    warehouse_id TEXT NOT NULL,
    on_hand_milli BIGINT NOT NULL,
    reserved_milli BIGINT NOT NULL,
    as_of BIGINT NOT NULL,
    PRIMARY KEY (product_id, warehouse_id)
);

CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    external_id TEXT UNIQUE,
    name TEXT NOT NULL,
    legal_name TEXT NOT NULL,
    inn TEXT NOT NULL,
    kpp TEXT NOT NULL,
    price_type_id TEXT,
    discount_bp INTEGER NOT NULL,
    currency TEXT NOT NULL,
    credit_limit_minor BIGINT,
    payment_terms_days INTEGER NOT NULL,
    assigned_rep_id TEXT,
    blocked {bool} NOT NULL,
    addresses_json TEXT NOT NULL,
    contacts_json TEXT NOT NULL,
    balance_minor BIGINT NOT NULL DEFAULT 0,
    overdue_minor BIGINT NOT NULL DEFAULT 0,
    search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX customers_rep ON customers (assigned_rep_id);

CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    number TEXT UNIQUE,
    client_number TEXT NOT NULL,
    external_id TEXT,
    customer_id TEXT NOT NULL,
    created_by TEXT NOT NULL,
    price_type_id TEXT,
    warehouse_id TEXT,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    prices_as_of BIGINT,
    delivery_date TEXT,
    comment TEXT NOT NULL,
    net_minor BIGINT NOT NULL,
    vat_minor BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    discount_minor BIGINT NOT NULL,
    request_hash TEXT NOT NULL,
    outcome_json TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    author_only {bool} NOT NULL DEFAULT {false}
);
CREATE INDEX orders_customer ON orders (customer_id, status);

CREATE TABLE order_lines (
    order_id TEXT NOT NULL REFERENCES orders (id),
    line_no INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    quantity_milli BIGINT NOT NULL,
    unit_price_minor BIGINT NOT NULL,
    discount_bp INTEGER NOT NULL,
    vat_rate TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    vat_minor BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE order_history (
    order_id TEXT NOT NULL REFERENCES orders (id),
    seq INTEGER NOT NULL,
    at BIGINT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    by_user TEXT,
    reason TEXT NOT NULL,
    PRIMARY KEY (order_id, seq)
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    external_id TEXT UNIQUE,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    doc_date TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    order_id TEXT,
    file_ref TEXT NOT NULL,
    file_name TEXT NOT NULL
);
CREATE INDEX documents_customer ON documents (customer_id);

CREATE TABLE blobs (
    hash TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE blob_chunks (
    hash TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data {blob} NOT NULL,
    PRIMARY KEY (hash, seq)
)
)SQL"},
    {2, "accounting exchange", R"SQL(
CREATE TABLE exchange_sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    login TEXT NOT NULL,
    remote TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'open',
    pending_orders TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX exchange_sessions_started ON exchange_sessions (started_at);
CREATE TABLE exchange_steps (
    session_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    mode TEXT NOT NULL,
    file_name TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    counts_json TEXT NOT NULL,
    duration_ms BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    error TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
CREATE TABLE exchange_order_marks (
    order_id TEXT PRIMARY KEY,
    exported_version BIGINT NOT NULL,
    exported_at BIGINT NOT NULL
);
CREATE TABLE exchange_product_marks (
    product_id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL
);
CREATE INDEX exchange_product_marks_session ON exchange_product_marks (session_id)
)SQL"},
    // Releases: what admins uploaded (the signed manifest and key list as they came), the
    // installer staged chunk by chunk until it is whole, the current release of each channel with
    // its rollout, the devices' versions and their install reports.
    {3, "warehouse", R"SQL(
CREATE TABLE stock_reservations (
    order_id TEXT NOT NULL,
    line_no INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    warehouse_id TEXT NOT NULL,
    reserved_milli BIGINT NOT NULL,
    backorder_milli BIGINT NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX stock_reservations_stock ON stock_reservations (product_id, warehouse_id);
CREATE TABLE stock_movements (
    id BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    product_id TEXT NOT NULL,
    warehouse_id TEXT NOT NULL,
    quantity_milli BIGINT NOT NULL,
    on_hand_delta_milli BIGINT NOT NULL,
    reserved_delta_milli BIGINT NOT NULL,
    by_user TEXT,
    order_id TEXT,
    pick_list_id TEXT,
    count_id TEXT,
    note TEXT NOT NULL
);
CREATE INDEX stock_movements_stock ON stock_movements (warehouse_id, product_id, id);
CREATE TABLE bins (
    product_id TEXT NOT NULL,
    warehouse_id TEXT NOT NULL,
    bin TEXT NOT NULL,
    PRIMARY KEY (product_id, warehouse_id)
);
CREATE TABLE pick_lists (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    warehouse_id TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL,
    created_by TEXT
);
CREATE INDEX pick_lists_warehouse ON pick_lists (warehouse_id, status);
CREATE TABLE pick_list_orders (
    pick_list_id TEXT NOT NULL,
    order_id TEXT NOT NULL,
    PRIMARY KEY (pick_list_id, order_id)
);
CREATE INDEX pick_list_orders_order ON pick_list_orders (order_id);
CREATE TABLE pick_list_lines (
    id TEXT PRIMARY KEY,
    pick_list_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    order_id TEXT NOT NULL,
    line_no INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    bin TEXT NOT NULL,
    quantity_milli BIGINT NOT NULL,
    picked_milli BIGINT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX pick_list_lines_list ON pick_list_lines (pick_list_id, position);
CREATE INDEX pick_list_lines_product ON pick_list_lines (product_id);
CREATE TABLE pick_packages (
    id TEXT PRIMARY KEY,
    pick_list_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    weight_milli BIGINT NOT NULL,
    lines_json TEXT NOT NULL
);
CREATE INDEX pick_packages_list ON pick_packages (pick_list_id, number);
CREATE TABLE shipments (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    pick_list_id TEXT NOT NULL UNIQUE,
    warehouse_id TEXT NOT NULL,
    shipped_at BIGINT NOT NULL,
    carrier TEXT NOT NULL,
    tracking TEXT NOT NULL,
    by_user TEXT
);
CREATE INDEX shipments_shipped ON shipments (shipped_at);
CREATE TABLE exchange_shipment_marks (
    shipment_id TEXT PRIMARY KEY,
    exported_at BIGINT NOT NULL
);
CREATE TABLE warehouse_requests (
    client_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE TABLE count_sessions (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    warehouse_id TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    bins_json TEXT NOT NULL,
    created_by TEXT,
    decided_by TEXT
);
CREATE INDEX count_sessions_warehouse ON count_sessions (warehouse_id, status);
CREATE TABLE count_lines (
    count_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    bin TEXT NOT NULL,
    counted_milli BIGINT NOT NULL,
    expected_milli BIGINT,
    by_user TEXT,
    at BIGINT NOT NULL,
    PRIMARY KEY (count_id, product_id, bin)
)
)SQL"},
    {4, "releases", R"SQL(
CREATE TABLE releases (
    id TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    channel TEXT NOT NULL,
    platform TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    min_supported_version TEXT NOT NULL,
    notes_json TEXT NOT NULL,
    manifest_json TEXT NOT NULL,
    keys_json TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('uploading', 'ready', 'failed')),
    received BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (version, channel, platform)
);
CREATE TABLE release_chunks (
    release_id TEXT NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    start_at BIGINT NOT NULL,
    data {blob} NOT NULL,
    PRIMARY KEY (release_id, start_at)
);
CREATE TABLE release_channels (
    channel TEXT PRIMARY KEY,
    release_id TEXT REFERENCES releases (id),
    rollout_percent INTEGER NOT NULL DEFAULT 100 CHECK (rollout_percent BETWEEN 0 AND 100),
    paused {bool} NOT NULL DEFAULT {false},
    min_version TEXT,
    updated_at BIGINT NOT NULL
);
CREATE TABLE devices (
    device_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    version TEXT NOT NULL,
    platform TEXT NOT NULL,
    channel TEXT NOT NULL,
    last_seen BIGINT NOT NULL,
    PRIMARY KEY (device_id, user_id)
);
CREATE TABLE update_reports (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    login TEXT NOT NULL,
    release_id TEXT NOT NULL,
    version TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('installed', 'failed')),
    message TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX update_reports_at ON update_reports (at)
)SQL"},
    // Every picture of a product (a JSON array of content hashes, the main one first), beside
    // image_ref, the main one.
    {5, "product pictures", R"SQL(
ALTER TABLE products ADD COLUMN images_json TEXT NOT NULL DEFAULT '[]'
)SQL"},
    // The blob route looks up whose document a blob is the file of (api/blobroutes.cpp).
    {6, "documents by file", R"SQL(
CREATE INDEX documents_file_ref ON documents (file_ref)
)SQL"},
    // A customer's open orders are summed from the index alone (the credit check of every
    // order, CustomerRepository::openOrdersTotal), not from each order's row.
    {7, "open orders by customer", R"SQL(
DROP INDEX orders_customer;
CREATE INDEX orders_customer ON orders (customer_id, status, total_minor)
)SQL"},
    // Only a rare admin change (a customer's rep or price type, ChangeFeed::touchAudience)
    // looks changes up by audience, and it reads them in seq order anyway; the pull filters the
    // seq order by audience. Keeping an (audience, seq) index cost every feed row, a fifth of
    // what offers.xml's rows take to insert.
    {8, "feed without the audience index", R"SQL(
DROP INDEX changes_audience_seq
)SQL"},
    // An order's write transaction tells by this number whether the customer it priced against
    // in its read transaction changed since, without reading the whole row again.
    {9, "customer revisions", R"SQL(
ALTER TABLE customers ADD COLUMN revision BIGINT NOT NULL DEFAULT 0
)SQL"},
    // On SQLite a table whose primary key is not an INTEGER is a table in rowid order plus an
    // index of its key, so every row was written twice and found through two B-trees. The small
    // rows that orders and exchanges write by the thousand (prices, stock levels, barcodes,
    // marks, order lines and history, reservations) are stored in their key's B-tree alone
    // (WITHOUT ROWID), and the stock journal's BIGINT key becomes the rowid itself.
    {10, "tables stored by their keys", R"SQL(
CREATE TABLE prices_by_key (
    product_id TEXT NOT NULL,
    price_type_id TEXT NOT NULL,
    unit_price_minor BIGINT NOT NULL,
    tiers_json TEXT NOT NULL,
    PRIMARY KEY (product_id, price_type_id)
) WITHOUT ROWID;
INSERT INTO prices_by_key (product_id, price_type_id, unit_price_minor, tiers_json)
    SELECT product_id, price_type_id, unit_price_minor, tiers_json FROM prices;
DROP TABLE prices;
ALTER TABLE prices_by_key RENAME TO prices;
CREATE TABLE stock_by_key (
    product_id TEXT NOT NULL,
    warehouse_id TEXT NOT NULL,
    on_hand_milli BIGINT NOT NULL,
    reserved_milli BIGINT NOT NULL,
    as_of BIGINT NOT NULL,
    PRIMARY KEY (product_id, warehouse_id)
) WITHOUT ROWID;
INSERT INTO stock_by_key (product_id, warehouse_id, on_hand_milli, reserved_milli, as_of)
    SELECT product_id, warehouse_id, on_hand_milli, reserved_milli, as_of FROM stock;
DROP TABLE stock;
ALTER TABLE stock_by_key RENAME TO stock;
CREATE TABLE product_barcodes_by_key (
    barcode TEXT NOT NULL,
    product_id TEXT NOT NULL,
    PRIMARY KEY (barcode, product_id)
) WITHOUT ROWID;
INSERT INTO product_barcodes_by_key (barcode, product_id) SELECT barcode, product_id FROM product_barcodes;
DROP TABLE product_barcodes;
ALTER TABLE product_barcodes_by_key RENAME TO product_barcodes;
CREATE INDEX product_barcodes_product ON product_barcodes (product_id);
CREATE TABLE exchange_product_marks_by_key (
    product_id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO exchange_product_marks_by_key (product_id, session_id)
    SELECT product_id, session_id FROM exchange_product_marks;
DROP TABLE exchange_product_marks;
ALTER TABLE exchange_product_marks_by_key RENAME TO exchange_product_marks;
CREATE INDEX exchange_product_marks_session ON exchange_product_marks (session_id);
CREATE TABLE order_lines_by_key (
    order_id TEXT NOT NULL REFERENCES orders (id),
    line_no INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    quantity_milli BIGINT NOT NULL,
    unit_price_minor BIGINT NOT NULL,
    discount_bp INTEGER NOT NULL,
    vat_rate TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    vat_minor BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;
INSERT INTO order_lines_by_key (order_id, line_no, product_id, quantity_milli, unit_price_minor,
        discount_bp, vat_rate, amount_minor, vat_minor, total_minor)
    SELECT order_id, line_no, product_id, quantity_milli, unit_price_minor, discount_bp, vat_rate,
        amount_minor, vat_minor, total_minor FROM order_lines;
DROP TABLE order_lines;
ALTER TABLE order_lines_by_key RENAME TO order_lines;
CREATE TABLE order_history_by_key (
    order_id TEXT NOT NULL REFERENCES orders (id),
    seq INTEGER NOT NULL,
    at BIGINT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    by_user TEXT,
    reason TEXT NOT NULL,
    PRIMARY KEY (order_id, seq)
) WITHOUT ROWID;
INSERT INTO order_history_by_key (order_id, seq, at, from_status, to_status, by_user, reason)
    SELECT order_id, seq, at, from_status, to_status, by_user, reason FROM order_history;
DROP TABLE order_history;
ALTER TABLE order_history_by_key RENAME TO order_history;
CREATE TABLE stock_reservations_by_key (
    order_id TEXT NOT NULL,
    line_no INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    warehouse_id TEXT NOT NULL,
    reserved_milli BIGINT NOT NULL,
    backorder_milli BIGINT NOT NULL,
    PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;
INSERT INTO stock_reservations_by_key (order_id, line_no, product_id, warehouse_id, reserved_milli,
        backorder_milli)
    SELECT order_id, line_no, product_id, warehouse_id, reserved_milli, backorder_milli
    FROM stock_reservations;
DROP TABLE stock_reservations;
ALTER TABLE stock_reservations_by_key RENAME TO stock_reservations;
CREATE INDEX stock_reservations_stock ON stock_reservations (product_id, warehouse_id);
CREATE TABLE stock_movements_by_id (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    product_id TEXT NOT NULL,
    warehouse_id TEXT NOT NULL,
    quantity_milli BIGINT NOT NULL,
    on_hand_delta_milli BIGINT NOT NULL,
    reserved_delta_milli BIGINT NOT NULL,
    by_user TEXT,
    order_id TEXT,
    pick_list_id TEXT,
    count_id TEXT,
    note TEXT NOT NULL
);
INSERT INTO stock_movements_by_id (id, at, kind, product_id, warehouse_id, quantity_milli,
        on_hand_delta_milli, reserved_delta_milli, by_user, order_id, pick_list_id, count_id, note)
    SELECT id, at, kind, product_id, warehouse_id, quantity_milli, on_hand_delta_milli,
        reserved_delta_milli, by_user, order_id, pick_list_id, count_id, note FROM stock_movements;
DROP TABLE stock_movements;
ALTER TABLE stock_movements_by_id RENAME TO stock_movements;
CREATE INDEX stock_movements_stock ON stock_movements (warehouse_id, product_id, id)
)SQL",
     true},
    // Prices and stock levels are their own feed entries (storage/changefeed.h, RowTable): each
    // row carries the seq of its last change, and their copies leave the changes table. An
    // offers file rewrites every one of them; the copy, its key and its seq index cost more than
    // the rows. A row the feed never had keeps seq 0, below every cursor, as it was unseen. The
    // seq indexes hold every column the pull reads, so a pull walks them in seq order and never
    // looks a row up by its key (the keys are random UUIDs: every lookup a page of its own).
    {11, "prices and stock carry their feed seq", R"SQL(
ALTER TABLE prices ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stock ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE prices SET seq = COALESCE((SELECT c.seq FROM changes c WHERE c.entity = 'price'
    AND c.entity_id = prices.product_id || '/' || prices.price_type_id AND NOT c.deleted), 0);
UPDATE stock SET seq = COALESCE((SELECT c.seq FROM changes c WHERE c.entity = 'stock'
    AND c.entity_id = stock.product_id || '/' || stock.warehouse_id AND NOT c.deleted), 0);
DELETE FROM changes WHERE entity IN ('price', 'stock');
CREATE INDEX prices_seq ON prices (seq, unit_price_minor, tiers_json, product_id, price_type_id);
CREATE INDEX stock_seq ON stock (seq, on_hand_milli, reserved_milli, as_of, product_id, warehouse_id)
)SQL"},
    // What pricing an order reads of products, prices and price types is kept in memory between
    // orders on SQLite (orders/ordertermscache.h), where every transaction that follows another
    // connection's commit starts with an empty page cache. This number tells whether that copy
    // still holds: CatalogRepository, which every write to those tables goes through, raises it
    // in the change's own transaction, whichever process writes. (Triggers would do it for any
    // writer, but a row trigger makes each row's statement keep a statement journal: an import
    // of 100,000 products took 30 % longer.) PostgreSQL keeps its pages between transactions and
    // reads the terms with the order.
    {12, "catalog revision", R"SQL(
CREATE TABLE catalog_state (id INTEGER PRIMARY KEY CHECK (id = 1), revision BIGINT NOT NULL);
INSERT INTO catalog_state (id, revision) VALUES (1, 0)
)SQL",
     true},
    // The journal of a stock row is a chain: each movement names the row's movement before it,
    // and the row names its last. An index of the journal by product put every movement's entry
    // on a page of its own (products come in any order), and a reservation of twenty lines wrote
    // twenty of them; the stock row a movement changes is written anyway. What is left is an
    // index by warehouse and id, which a transaction appends to at one place per warehouse.
    {13, "stock journal chained per stock row", R"SQL(
ALTER TABLE stock ADD COLUMN last_movement BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stock_movements ADD COLUMN previous BIGINT NOT NULL DEFAULT 0;
UPDATE stock_movements SET previous = COALESCE((SELECT MAX(p.id) FROM stock_movements p
    WHERE p.warehouse_id = stock_movements.warehouse_id AND p.product_id = stock_movements.product_id
    AND p.id < stock_movements.id), 0);
UPDATE stock SET last_movement = COALESCE((SELECT MAX(m.id) FROM stock_movements m
    WHERE m.warehouse_id = stock.warehouse_id AND m.product_id = stock.product_id), 0);
DROP INDEX stock_movements_stock;
CREATE INDEX stock_movements_warehouse ON stock_movements (warehouse_id, id)
)SQL"},
    // Reservations by stock row only while they wait for stock. The index of every reservation
    // by product put each of an order's twenty lines on a page of its own; what finds a row's
    // reservations now is a backorder fill (backorder_milli > 0, this index) and a count that
    // finds less than is reserved, which walks back the row's journal to the orders that reserved
    // (StockLedger::unpickedReservations).
    {14, "reservations indexed by stock row while backordered", R"SQL(
DROP INDEX stock_reservations_stock;
CREATE INDEX stock_reservations_backordered ON stock_reservations (product_id, warehouse_id)
    WHERE backorder_milli > 0
)SQL"},
    // SQLite: a revision of everything that authenticates a request, for the callers kept in
    // memory (auth/accesstokencache.h). Triggers count it up, whichever process and whichever
    // code changes a token or a user (a logout, a refresh, a revocation, a user disabled or
    // given another role or customer); a login's new tokens change nothing a kept caller
    // stands on. PostgreSQL reads the token on every request.
    {15, "access revision", R"SQL(
CREATE TABLE access_state (id INTEGER PRIMARY KEY CHECK (id = 1), revision BIGINT NOT NULL);
INSERT INTO access_state (id, revision) VALUES (1, 0);
CREATE TRIGGER tokens_changed AFTER UPDATE ON tokens
    BEGIN UPDATE access_state SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER tokens_removed AFTER DELETE ON tokens WHEN old.revoked = 0 AND old.kind = 'access'
    BEGIN UPDATE access_state SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER users_changed AFTER UPDATE ON users
    BEGIN UPDATE access_state SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER users_removed AFTER DELETE ON users
    BEGIN UPDATE access_state SET revision = revision + 1 WHERE id = 1; END
)SQL",
     true},
};

QString dialect(const Database &database, const char *sql)
{
    QString text = QString::fromUtf8(sql);
    const bool pg = database.isPostgres();
    text.replace(QLatin1String("{blob}"), pg ? QLatin1String("BYTEA") : QLatin1String("BLOB"));
    text.replace(QLatin1String("{bool}"), pg ? QLatin1String("BOOLEAN") : QLatin1String("INTEGER"));
    text.replace(QLatin1String("{true}"), pg ? QLatin1String("TRUE") : QLatin1String("1"));
    text.replace(QLatin1String("{false}"), pg ? QLatin1String("FALSE") : QLatin1String("0"));
    return text;
}

// Same 64-bit key for every Portico instance: serialises start-up migrations.
constexpr qint64 MigrationLockKey = 0x706f727469636f01;

int versionOf(const QSqlDatabase &db)
{
    Sql query(db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    query.exec();
    return query.next() ? query.value(0).toInt() : 0;
}

} // namespace

int Migrations::latestVersion()
{
    return AllMigrations[std::size(AllMigrations) - 1].version;
}

int Migrations::knownCount()
{
    return static_cast<int>(std::size(AllMigrations));
}

int Migrations::currentVersion(Database &database)
{
    auto db = database.connection();
    execSql(db,
            QStringLiteral(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
                "NULL, applied_at BIGINT NOT NULL)"));
    return versionOf(db);
}

int Migrations::apply(Database &database)
{
    return apply(database, latestVersion());
}

int Migrations::apply(Database &database, int upTo)
{
    auto db = database.connection();
    if (database.isPostgres())
        Sql(db, QStringLiteral("SELECT pg_advisory_lock(:key)"))
            .bind(QStringLiteral(":key"), MigrationLockKey)
            .exec();
    int applied = 0;
    try {
        const int current = currentVersion(database);
        if (current > latestVersion())
            throw StorageError(
                QStringLiteral("the database is at schema version %1, newer than this server's %2")
                    .arg(current)
                    .arg(latestVersion()));
        for (const auto &migration : AllMigrations) {
            if (migration.version <= current || migration.version > upTo)
                continue;
            const bool ran = database.write([&](QSqlDatabase &tx) {
                // Another instance may have applied it since we looked: on SQLite the write
                // lock (BEGIN IMMEDIATE) makes instances take turns, so look again under it.
                if (versionOf(tx) >= migration.version)
                    return false;
                const auto statements = migration.sqliteOnly && database.isPostgres()
                    ? QStringList()
                    : dialect(database, migration.sql).split(QStringLiteral(";\n"));
                for (const auto &statement : statements) {
                    if (!statement.trimmed().isEmpty())
                        execSql(tx, statement);
                }
                if (migration.version == 1) {
                    Sql(tx, QStringLiteral("INSERT INTO meta (key, value) VALUES ('epoch', :epoch)"))
                        .bind(QStringLiteral(":epoch"), QUuid::createUuid().toString(QUuid::WithoutBraces))
                        .exec();
                }
                Sql(tx,
                    QStringLiteral(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)"))
                    .bind(QStringLiteral(":v"), migration.version)
                    .bind(QStringLiteral(":n"), QString::fromUtf8(migration.name))
                    .bind(QStringLiteral(":t"), QDateTime::currentMSecsSinceEpoch())
                    .exec();
                return true;
            });
            if (ran)
                ++applied;
        }
    } catch (...) {
        if (database.isPostgres())
            Sql(db, QStringLiteral("SELECT pg_advisory_unlock(:key)"))
                .bind(QStringLiteral(":key"), MigrationLockKey)
                .exec();
        throw;
    }
    if (database.isPostgres())
        Sql(db, QStringLiteral("SELECT pg_advisory_unlock(:key)"))
            .bind(QStringLiteral(":key"), MigrationLockKey)
            .exec();
    return applied;
}

} // namespace portico::server
