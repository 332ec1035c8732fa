#include "storage/changefeed.h"

#include "storage/bulkrows.h"
#include "storage/database.h"
#include "storage/feednotification.h"
#include "storage/jsonstring.h"

#include <QHash>
#include <QSqlDriver>
#include <QStringView>

#include <utility>

namespace portico::server {

namespace {

qint64 allocate(const QSqlDatabase &tx, qint64 count)
{
    Sql update(tx, QStringLiteral("UPDATE feed_state SET head = head + :n WHERE id = 1 RETURNING head"));
    update.bind(QStringLiteral(":n"), count).exec();
    if (!update.next())
        throw StorageError(QStringLiteral("feed_state row is missing"));
    return update.value(0).toLongLong();
}

// PostgreSQL: tells every server instance's FeedListener, at commit, which audiences have news
// (storage/feednotification.h). SQLite has one instance; its committers call
// FeedNotifier::published() after the commit instead.
void notifyListeners(const QSqlDatabase &tx, const QStringList &audiences)
{
    if (tx.driverName() != QLatin1String("QPSQL"))
        return;
    Sql(tx, QStringLiteral("SELECT pg_notify(:channel, :payload)"))
        .bind(QStringLiteral(":channel"), FeedNotification::channel())
        .bind(QStringLiteral(":payload"), FeedNotification::payload(audiences))
        .exec();
}

// The columns of one feed row in the multi-row upsert of append().
constexpr int UpsertColumns = 6;
// Rows per upsert statement: at most 900 parameters (under SQLite's oldest limit of 999
// variables), and only a few sizes, so that each statement text is prepared once per
// connection and stays in the cache of prepared statements: full statements of 150 rows, then
// what is left in powers of two (64, 32, ... 1).
constexpr qsizetype FullStatementRows = 900 / UpsertColumns;

qsizetype statementRows(qsizetype left)
{
    if (left >= FullStatementRows)
        return FullStatementRows;
    qsizetype rows = 1;
    while (rows * 2 <= left)
        rows *= 2;
    return rows;
}

// The name of the n-th value of a multi-row statement, made once (Qt binds a name with one
// lookup; a position costs it a formatted name as well).
const QString &valueName(int n)
{
    static const QStringList names = [] {
        QStringList all;
        for (int i = 0; i < FullStatementRows * UpsertColumns; ++i)
            all << QStringLiteral(":v") + QString::number(i);
        return all;
    }();
    return names.at(n);
}

// INSERT ... VALUES (...), ... ON CONFLICT DO UPDATE for `rows` feed rows.
QString makeUpsertStatement(qsizetype rows)
{
    QString text
        = QStringLiteral("INSERT INTO changes (entity, entity_id, seq, audience, deleted, payload) VALUES ");
    int n = 0;
    for (qsizetype r = 0; r < rows; ++r) {
        text += r > 0 ? QStringLiteral(",(") : QStringLiteral("(");
        for (int c = 0; c < UpsertColumns; ++c) {
            if (c > 0)
                text += QLatin1Char(',');
            text += valueName(n++);
        }
        text += QLatin1Char(')');
    }
    text += QStringLiteral(
        " ON CONFLICT (entity, entity_id) DO UPDATE SET seq = excluded.seq, audience = excluded.audience, "
        "deleted = excluded.deleted, payload = excluded.payload");
    return text;
}

// The statement of statementRows(n) rows, made once per size.
const QString &upsertStatement(qsizetype rows)
{
    static const QHash<qsizetype, QString> statements = [] {
        QHash<qsizetype, QString> all;
        all.insert(FullStatementRows, makeUpsertStatement(FullStatementRows));
        for (qsizetype n = 1; n < FullStatementRows; n *= 2)
            all.insert(n, makeUpsertStatement(n));
        return all;
    }();
    return *statements.find(rows);
}

// The text of the last UTF-8 bytes decoded, given again while the bytes repeat.
class Utf8Text final
{
public:
    const QString &decode(const QByteArray &utf8)
    {
        if (utf8 != m_utf8 || m_text.isNull()) {
            m_utf8 = utf8;
            m_text = QString::fromUtf8(utf8);
        }
        return m_text;
    }

private:
    QByteArray m_utf8;
    QString m_text;
};

// The positions of the changes that are their key's last version in the batch, in order. One
// statement may not name a key twice (PostgreSQL refuses to update a row twice in one
// statement), so only those are written.
QList<qsizetype> lastVersions(const QList<Change> &changes)
{
    QList<qsizetype> rows;
    rows.reserve(changes.size());
    QHash<std::pair<QStringView, QStringView>, qsizetype> lastOf;
    lastOf.reserve(changes.size());
    for (qsizetype i = 0; i < changes.size(); ++i)
        lastOf.insert({changes.at(i).entity, changes.at(i).entityId}, i);
    for (qsizetype i = 0; i < changes.size(); ++i) {
        if (lastOf.value({changes.at(i).entity, changes.at(i).entityId}) == i)
            rows.append(i);
    }
    return rows;
}

// PostgreSQL: multi-row INSERT ... ON CONFLICT statements of up to 150 rows, one round trip
// each.
void upsertRows(const QSqlDatabase &tx, const QList<Change> &changes, qint64 first)
{
    const QList<qsizetype> rows = lastVersions(changes);
    qsizetype done = 0;
    while (done < rows.size()) {
        const qsizetype count = statementRows(rows.size() - done);
        Sql upsert(tx, upsertStatement(count));
        int at = 0;
        for (qsizetype r = done; r < done + count; ++r) {
            const qsizetype i = rows.at(r);
            const Change &change = changes.at(i);
            upsert.bind(valueName(at), change.entity)
                .bind(valueName(at + 1), change.entityId)
                .bind(valueName(at + 2), first + i)
                .bind(valueName(at + 3), change.audience)
                .bind(valueName(at + 4), change.deleted)
                .bind(valueName(at + 5),
                      change.deleted ? QVariant(QMetaType(QMetaType::QString))
                                     : QVariant(QString::fromUtf8(change.payload)));
            at += UpsertColumns;
        }
        upsert.exec();
        done += count;
    }
}

// SQLite: one prepared upsert per row with the values bound through SQLite's C API
// (storage/bulkrows.h); the payload goes in as the UTF-8 JSON it is, never converted to
// UTF-16 and back.
void upsertBulkRows(const QSqlDatabase &tx, const QList<Change> &changes, qint64 first)
{
    qsizetype size = 0;
    for (const auto &change : changes)
        size += change.payload.size() + change.entityId.size() + change.audience.size() + 16;
    BulkRows rows(size);
    for (const qsizetype i : lastVersions(changes)) {
        const Change &change = changes.at(i);
        rows.row().text(change.entity).text(change.entityId).integer(first + i).text(change.audience);
        rows.boolean(change.deleted);
        if (change.deleted || change.payload.isEmpty())
            rows.null();
        else
            rows.utf8(change.payload);
    }
    rows.exec(tx,
              QStringLiteral("INSERT INTO changes (entity, entity_id, seq, audience, deleted, payload) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                             "ON CONFLICT (entity, entity_id) DO UPDATE SET seq = excluded.seq, "
                             "audience = excluded.audience, deleted = excluded.deleted, "
                             "payload = excluded.payload"));
}

} // namespace

qint64 ChangeFeed::append(const QSqlDatabase &tx, const QList<Change> &changes)
{
    if (changes.isEmpty())
        return head(tx);
    const qint64 last = allocate(tx, changes.size());
    // The i-th change gets seq first + i, as if each were upserted in turn: a key that comes
    // again in the batch keeps only its last version (and that version's seq).
    const qint64 first = last - changes.size() + 1;
    if (tx.driver()->dbmsType() == QSqlDriver::PostgreSQL) {
        upsertRows(tx, changes, first);
        QStringList audiences;
        audiences.reserve(changes.size());
        for (const auto &change : changes)
            audiences.append(change.audience);
        notifyListeners(tx, audiences);
    } else {
        upsertBulkRows(tx, changes, first);
    }
    return last;
}

qint64 ChangeFeed::touchAudience(const QSqlDatabase &tx, const QString &audience)
{
    // A null audience means every row (Sql::bind would turn it into '', which matches none).
    const bool everyRow = audience.isNull();
    Sql rows(tx,
             everyRow ? QStringLiteral("SELECT entity, entity_id FROM changes ORDER BY seq")
                      : QStringLiteral(
                          "SELECT entity, entity_id FROM changes WHERE audience = :audience ORDER BY seq"));
    if (!everyRow)
        rows.bind(QStringLiteral(":audience"), audience);
    rows.exec();
    QList<std::pair<QString, QString>> keys;
    while (rows.next())
        keys.append({rows.value(0).toString(), rows.value(1).toString()});
    if (keys.isEmpty())
        return head(tx);
    const qint64 last = allocate(tx, keys.size());
    qint64 seq = last - keys.size();
    Sql update(tx,
               QStringLiteral("UPDATE changes SET seq = :seq WHERE entity = :entity AND entity_id = :id"));
    for (const auto &[entity, id] : keys) {
        update.bind(QStringLiteral(":seq"), ++seq)
            .bind(QStringLiteral(":entity"), entity)
            .bind(QStringLiteral(":id"), id)
            .exec();
    }
    notifyListeners(tx, {everyRow ? FeedNotification::everyone() : audience});
    return last;
}

qint64 ChangeFeed::head(const QSqlDatabase &tx)
{
    Sql query(tx, QStringLiteral("SELECT head FROM feed_state WHERE id = 1"));
    query.exec();
    return query.next() ? query.value(0).toLongLong() : 0;
}

ChangeFeed::Page ChangeFeed::pull(const QSqlDatabase &tx, qint64 cursor, int limit,
                                  const QStringList &audiences, bool everything, qsizetype maxBytes)
{
    Page page;
    page.head = head(tx);
    if (cursor >= page.head || limit <= 0) {
        page.nextCursor = std::max(cursor, page.head);
        return page;
    }
    // On SQLite the text columns are read as BLOBs: the driver hands over their UTF-8 bytes as
    // they are, where TEXT would be converted to UTF-16 (and the payload back to UTF-8) for
    // every row. And the audience is a filter, not an index: `+audience` keeps the planner on
    // the seq order, where the (audience, seq) index would make it read and sort every
    // remaining visible row for each page (initial pulls see most rows). PostgreSQL walks the
    // seq index for ORDER BY seq LIMIT by itself, and neither form is valid there.
    const bool sqlite = tx.driver()->dbmsType() != QSqlDriver::PostgreSQL;
    QString statement = sqlite
        ? QStringLiteral("SELECT CAST(entity AS BLOB), CAST(entity_id AS BLOB), seq, deleted, "
                         "CAST(payload AS BLOB) FROM changes WHERE seq > :cursor AND seq <= :head")
        : QStringLiteral("SELECT entity, entity_id, seq, deleted, payload FROM changes "
                         "WHERE seq > :cursor AND seq <= :head");
    if (!everything) {
        QStringList placeholders;
        for (qsizetype i = 0; i < audiences.size(); ++i)
            placeholders << QStringLiteral(":a%1").arg(i);
        statement += placeholders.isEmpty()
            ? QStringLiteral(" AND 1 = 0")
            : (sqlite ? QStringLiteral(" AND +audience IN (") : QStringLiteral(" AND audience IN ("))
                + placeholders.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    statement += QStringLiteral(" ORDER BY seq LIMIT :limit");
    Sql query(tx, statement);
    query.bind(QStringLiteral(":cursor"), cursor).bind(QStringLiteral(":head"), page.head);
    if (!everything) {
        for (qsizetype i = 0; i < audiences.size(); ++i)
            query.bind(QStringLiteral(":a%1").arg(i), audiences.at(i));
    }
    query.bind(QStringLiteral(":limit"), limit + 1).exec();
    page.changes.reserve(limit);
    // Runs of rows share their entity: its name is decoded once per run.
    Utf8Text entity;
    qsizetype bytes = 0;
    while (query.next()) {
        if (page.changes.size() == limit || bytes >= maxBytes) {
            page.hasMore = true;
            break;
        }
        Change change;
        change.seq = query.value(2).toLongLong();
        change.deleted = query.value(3).toBool();
        if (sqlite) {
            change.entity = entity.decode(query.value(0).toByteArray());
            change.entityId = QString::fromUtf8(query.value(1).toByteArray());
            change.payload = query.value(4).toByteArray();
        } else {
            change.entity = query.value(0).toString();
            change.entityId = query.value(1).toString();
            change.payload = query.value(4).toString().toUtf8();
        }
        bytes += change.payload.size();
        page.changes.append(std::move(change));
    }
    page.nextCursor = page.hasMore ? page.changes.last().seq : page.head;
    return page;
}

} // namespace portico::server
