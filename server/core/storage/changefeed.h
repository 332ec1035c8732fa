#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>

namespace portico::server {

// One row a pull reads, by column: text as the UTF-8 it is stored as, integers.
class PulledRow
{
public:
    virtual ~PulledRow() = default;
    // Valid while the row is: empty for NULL.
    virtual QByteArrayView text(int column) const = 0;
    virtual qint64 integer(int column) const = 0;
};

// Who may see a change. Stored as one text ("all", "customer:<uuid>", "price_type:<uuid>",
// "user:<uuid>", "role:<role>", "warehouse:<uuid>"), matched exactly by the pull.
struct Audience
{
    static QString everyone() { return QStringLiteral("all"); }
    static QString customer(const QString &id) { return QStringLiteral("customer:") + id; }
    static QString priceType(const QString &id) { return QStringLiteral("price_type:") + id; }
    static QString user(const QString &id) { return QStringLiteral("user:") + id; }
    static QString role(const QString &role) { return QStringLiteral("role:") + role; }
    // The staff of one warehouse (users.warehouse_id): pick lists, counts, bins.
    static QString warehouse(const QString &id) { return QStringLiteral("warehouse:") + id; }
};

// A table whose rows are their own feed entries: each row carries the seq of its last change in
// an indexed `seq` column, the changes table holds none of them, and the pull reads them from
// the table itself. Prices and stock levels are such tables (catalog/catalogfeed.h): an offers
// file rewrites hundreds of thousands of them, and a copy of each in the changes table cost
// more than the rows themselves. Keyed by two text columns; the entity id is "<first>/<second>".
struct RowTable
{
    QString entity; // "price"
    QString table; // "prices"
    QString firstKey; // "product_id"
    QString secondKey; // "price_type_id"
    // A row's audience is this prefix followed by its second key ("price_type:<id>"), or
    // Audience::everyone() when empty.
    QString audiencePrefix;
    // What the pull reads of a row after its keys and seq, as select-list text.
    QString columns;
    // The row's JSON from its values: the two keys at 0 and 1, seq at 2, then `columns` from 3
    // on.
    std::function<QByteArray(const PulledRow &row)> payload;

    QString audienceOf(const QString &second) const;
};

// One row's latest version in the feed. `payload` is the row's JSON (the wire DTO), kept as
// text so a pull streams it without decoding; empty for a tombstone.
struct Change
{
    QString entity; // "product", "price", "customer", "order", ...
    QString entityId; // the row's key ("<product>/<price type>" for compound keys)
    QString audience; // set by writers; pull() leaves it empty (it returns only what the reader may see)
    bool deleted = false;
    QByteArray payload;
    qint64 seq = 0;
    // Set for a row of a RowTable: the append stamps the row's seq column instead of writing
    // a feed row, unless `stamped` says the row was written with its seq already.
    const RowTable *rowTable = nullptr;
    bool stamped = false;
};

// The change feed: every change to a synced row gives that row a new, server-wide increasing
// sequence number; the feed keeps only the latest version of each row (deletes as tombstones).
//
// Sequence numbers are allocated by an UPDATE of the single feed_state row, the last statement
// of a writing transaction. That row lock is held until commit, so on PostgreSQL as on SQLite
// sequence order equals commit order: a reader whose snapshot shows head H has every change
// with seq <= H, and a cursor never passes a change that is still being committed.
class ChangeFeed final
{
public:
    // Records changes inside the caller's write transaction; call it last in the transaction.
    // Returns the new head. The i-th change gets seq head + 1 + i; `expectedFirst`, when not
    // zero, is the seq the caller gave the first change already (rows written with their seq,
    // FeedBatch::rowSeq), and the append fails if the head moved since.
    static qint64 append(const QSqlDatabase &tx, const QList<Change> &changes, qint64 expectedFirst = 0);

    // The tables whose rows are their own feed entries (catalog/catalogfeed.cpp).
    static const QList<RowTable> &rowTables();

    // Gives the rows of `audience` (all of them when null), those of the row tables included,
    // the next sequence numbers, so that readers whose cursor is past them receive them again
    // (a customer newly visible to a rep).
    static qint64 touchAudience(const QSqlDatabase &tx, const QString &audience);

    struct Page
    {
        QList<Change> changes;
        qint64 nextCursor = 0;
        bool hasMore = false;
        qint64 head = 0;
    };

    // A page ends at the first change that brings its payloads to this many bytes, even short
    // of `limit`: the rows of a page are held and parsed whole by the client, and some entities'
    // rows are much larger than others.
    static constexpr qsizetype PagePayloadBytes = 4 * 1024 * 1024;

    // Changes after `cursor` visible to any of `audiences` (or to every audience when
    // `everything` is set), at most `limit` and about `maxBytes` of payload (never fewer than
    // one), in sequence order: the changes table's rows merged with those of the row tables.
    // Run it inside a read transaction so that head and rows come from one snapshot.
    static Page pull(const QSqlDatabase &tx, qint64 cursor, int limit, const QStringList &audiences,
                     bool everything = false, qsizetype maxBytes = PagePayloadBytes);

    static qint64 head(const QSqlDatabase &tx);
};

} // namespace portico::server
