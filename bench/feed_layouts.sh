#!/usr/bin/env bash
# What SQLite alone needs to store the rows of a 100k-product offers.xml (3 prices and 2 stock
# levels a product, in random key order, one transaction, 64 MiB page cache), in three layouts
# of the change feed; the median of three runs each, the layouts alternating:
#
#   feed-copy    prices and stock tables, and a feed row (table, key, seq index) for every price
#                and every stock level: 1,000,000 rows, what the server stored before migration 11
#   row-seq      no feed rows for prices and stock: each row carries its own seq, indexed; what
#                the server stores since migration 11 (storage/changefeed.h, RowTable)
#   per-product  one feed row per product for all its prices and stock levels
#
#   bench/feed_layouts.sh [PRODUCTS]        (default 100000; needs the sqlite3 shell)
set -euo pipefail

products="${1:-100000}"
command -v sqlite3 >/dev/null || { echo "feed_layouts: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/common.sql" <<EOF
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE ids (n INTEGER PRIMARY KEY, pid TEXT);
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < $products)
INSERT INTO ids SELECT n, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
    || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-'
    || hex(randomblob(6))) FROM c;
CREATE TABLE pt (k INTEGER PRIMARY KEY, id TEXT);
INSERT INTO pt VALUES (0, '11111111-1111-4111-8111-111111111111'),
    (1, '22222222-2222-4222-8222-222222222222'), (2, '33333333-3333-4333-8333-333333333333');
CREATE TABLE wh (k INTEGER PRIMARY KEY, id TEXT);
INSERT INTO wh VALUES (0, '44444444-4444-4444-8444-444444444444'),
    (1, '55555555-5555-4555-8555-555555555555');
EOF

# The tables as migration 10 leaves them; $1 adds a seq column to prices and stock.
tables() {
    cat <<EOF
CREATE TABLE prices (product_id TEXT NOT NULL, price_type_id TEXT NOT NULL,
    unit_price_minor BIGINT NOT NULL, tiers_json TEXT NOT NULL $1,
    PRIMARY KEY (product_id, price_type_id)) WITHOUT ROWID;
CREATE TABLE stock (product_id TEXT NOT NULL, warehouse_id TEXT NOT NULL, on_hand_milli BIGINT NOT NULL,
    reserved_milli BIGINT NOT NULL, as_of BIGINT NOT NULL $1, PRIMARY KEY (product_id, warehouse_id))
    WITHOUT ROWID;
CREATE TABLE changes (entity TEXT NOT NULL, entity_id TEXT NOT NULL, seq BIGINT NOT NULL,
    audience TEXT NOT NULL, deleted INTEGER NOT NULL, payload TEXT, PRIMARY KEY (entity, entity_id));
CREATE INDEX changes_seq ON changes (seq);
EOF
}

rows() {
    cat <<EOF
PRAGMA cache_size=-65536;
BEGIN;
INSERT INTO prices SELECT i.pid, p.id, 1000 + i.n, '[]' $1 FROM ids i, pt p ORDER BY i.n, p.k;
INSERT INTO stock SELECT i.pid, w.id, 5000 * i.n, 0, 1764547200000 $2 FROM ids i, wh w ORDER BY i.n, w.k;
EOF
}

{
    tables ""
    echo ".timer on"
    rows "" ""
    cat <<'EOF'
INSERT INTO changes SELECT 'price', i.pid || '/' || p.id, i.n * 5 + p.k, 'price_type:' || p.id, 0,
    '{"product_id":"' || i.pid || '","price_type_id":"' || p.id || '","unit_price":"' || (1000 + i.n)
    || '.00","currency":"RUB","tiers":[]}' FROM ids i, pt p ORDER BY i.n, p.k;
INSERT INTO changes SELECT 'stock', i.pid || '/' || w.id, i.n * 5 + 3 + w.k, 'all', 0,
    '{"product_id":"' || i.pid || '","warehouse_id":"' || w.id || '","on_hand":"' || (5 * i.n)
    || '","reserved":"0","as_of":"2025-12-01T00:00:00Z"}' FROM ids i, wh w ORDER BY i.n, w.k;
COMMIT;
EOF
} >"$work/feed-copy.sql"

{
    tables ", seq BIGINT NOT NULL"
    echo "CREATE INDEX prices_seq ON prices (seq);"
    echo "CREATE INDEX stock_seq ON stock (seq);"
    echo ".timer on"
    rows ", i.n * 5 + p.k" ", i.n * 5 + 3 + w.k"
    echo "COMMIT;"
} >"$work/row-seq.sql"

{
    tables ""
    echo ".timer on"
    rows "" ""
    cat <<'EOF'
INSERT INTO changes SELECT 'offer', i.pid, i.n, 'all', 0, '{"product_id":"' || i.pid
    || '","prices":[{"price_type_id":"11111111-1111-4111-8111-111111111111","unit_price":"1.00"},'
    || '{"price_type_id":"22222222-2222-4222-8222-222222222222","unit_price":"2.00"},'
    || '{"price_type_id":"33333333-3333-4333-8333-333333333333","unit_price":"3.00"}],'
    || '"stock":[{"warehouse_id":"44444444-4444-4444-8444-444444444444","on_hand":"5"},'
    || '{"warehouse_id":"55555555-5555-4555-8555-555555555555","on_hand":"6"}]}' FROM ids i ORDER BY i.n;
COMMIT;
EOF
} >"$work/per-product.sql"

declare -A times
for _ in 1 2 3; do
    for layout in feed-copy row-seq per-product; do
        rm -f "$work"/e.db*
        sqlite3 "$work/e.db" <"$work/common.sql" >/dev/null
        seconds=$(sqlite3 "$work/e.db" <"$work/$layout.sql" | awk '/^Run Time/ { s += $4 } END { printf "%.2f", s }')
        times[$layout]+="$seconds "
    done
done
echo "feed layouts: the rows of a ${products}-product offers.xml in the sqlite3 shell (seconds, median of 3)"
for layout in feed-copy row-seq per-product; do
    median=$(echo "${times[$layout]}" | tr ' ' '\n' | grep -v '^$' | sort -n | sed -n 2p)
    printf '  %-12s %6s s   (runs: %s)\n' "$layout" "$median" "${times[$layout]% }"
done
