#include "storage/changefeed.h"

#include "storage/bulkrows.h"
#include "storage/database.h"
#include "storage/feednotification.h"
#include "storage/jsonstring.h"
#include "storage/sqliterows.h"
#include "storage/valuerows.h"

#include <QHash>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QStringView>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>
#include <vector>

namespace portico::server {

namespace {

// Moves the feed head on by `count` and returns the new head. On PostgreSQL the same statement
// tells every server instance's FeedListener, at commit, which audiences have news
// (storage/feednotification.h); SQLite has one instance, whose committers call
// FeedNotifier::published() after the commit instead.
qint64 allocate(const QSqlDatabase &tx, qint64 count, const QStringList &audiences)
{
    const bool postgres = tx.driver()->dbmsType() == QSqlDriver::PostgreSQL;
    Sql update(tx,
               postgres
                   ? QStringLiteral("UPDATE feed_state SET head = head + :n WHERE id = 1 "
                                    "RETURNING head, pg_notify(:channel, :payload)")
                   : QStringLiteral("UPDATE feed_state SET head = head + :n WHERE id = 1 RETURNING head"));
    update.bind(QStringLiteral(":n"), count);
    if (postgres)
        update.bind(QStringLiteral(":channel"), FeedNotification::channel())
            .bind(QStringLiteral(":payload"), FeedNotification::payload(audiences));
    update.exec();
    if (!update.next())
        throw StorageError(QStringLiteral("feed_state row is missing"));
    return update.value(0).toLongLong();
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
    const QString &decode(QByteArrayView utf8)
    {
        if (utf8 != QByteArrayView(m_utf8) || m_text.isNull()) {
            m_utf8 = utf8.toByteArray();
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
// each, for the changes at `rows`.
void upsertRows(const QSqlDatabase &tx, const QList<Change> &changes, const QList<qsizetype> &rows,
                qint64 first)
{
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
void upsertBulkRows(const QSqlDatabase &tx, const QList<Change> &changes, const QList<qsizetype> &rows,
                    qint64 first)
{
    if (rows.isEmpty())
        return;
    qsizetype size = 0;
    for (const qsizetype i : rows)
        size += changes.at(i).payload.size() + changes.at(i).entityId.size() + changes.at(i).audience.size()
            + 16;
    BulkRows values(size);
    for (const qsizetype i : rows) {
        const Change &change = changes.at(i);
        values.row().text(change.entity).text(change.entityId).integer(first + i).text(change.audience);
        values.boolean(change.deleted);
        if (change.deleted || change.payload.isEmpty())
            values.null();
        else
            values.utf8(change.payload);
    }
    values.exec(tx,
                QStringLiteral("INSERT INTO changes (entity, entity_id, seq, audience, deleted, payload) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                               "ON CONFLICT (entity, entity_id) DO UPDATE SET seq = excluded.seq, "
                               "audience = excluded.audience, deleted = excluded.deleted, "
                               "payload = excluded.payload"));
}

// The two keys of a row table's entity id "<first>/<second>".
std::pair<QStringView, QStringView> rowKeys(const Change &change)
{
    const QStringView id(change.entityId);
    const qsizetype slash = id.indexOf(QLatin1Char('/'));
    if (slash < 0)
        throw StorageError(
            QStringLiteral("%1 %2 is not a key of two parts").arg(change.entity, change.entityId));
    return {id.first(slash), id.sliced(slash + 1)};
}

// Sets the seq column of the row-table rows of the changes at `rows` (all of one table).
void stampRows(const QSqlDatabase &tx, const RowTable &table, const QList<Change> &changes,
               const QList<qsizetype> &rows, qint64 first)
{
    if (rows.isEmpty())
        return;
    if (tx.driver()->dbmsType() != QSqlDriver::PostgreSQL) {
        BulkRows values(rows.size() * 96);
        for (const qsizetype i : rows) {
            const auto [a, b] = rowKeys(changes.at(i));
            values.row().integer(first + i).text(a).text(b);
        }
        values.exec(tx,
                    QStringLiteral("UPDATE %1 SET seq = ?1 WHERE %2 = ?2 AND %3 = ?3")
                        .arg(table.table, table.firstKey, table.secondKey));
        return;
    }
    QList<KeyedInteger> stamps;
    stamps.reserve(rows.size());
    for (const qsizetype i : rows) {
        const auto [a, b] = rowKeys(changes.at(i));
        stamps.append({a.toString(), b.toString(), first + i});
    }
    updateKeyedIntegers(tx, table.table, QStringLiteral("seq"), table.firstKey, table.secondKey, stamps);
}

} // namespace

QString RowTable::audienceOf(const QString &second) const
{
    return audiencePrefix.isEmpty() ? Audience::everyone() : audiencePrefix + second;
}

qint64 ChangeFeed::append(const QSqlDatabase &tx, const QList<Change> &changes, qint64 expectedFirst)
{
    if (changes.isEmpty())
        return head(tx);
    const bool postgres = tx.driver()->dbmsType() == QSqlDriver::PostgreSQL;
    QStringList audiences;
    if (postgres) {
        audiences.reserve(changes.size());
        for (const auto &change : changes)
            audiences.append(change.audience);
    }
    const qint64 last = allocate(tx, changes.size(), audiences);
    // The i-th change gets seq first + i, as if each were upserted in turn: a key that comes
    // again in the batch keeps only its last version (and that version's seq).
    const qint64 first = last - changes.size() + 1;
    if (expectedFirst != 0 && expectedFirst != first)
        throw StorageError(QStringLiteral("the change feed moved while rows were written with their seqs "
                                          "(expected %1, head gave %2)")
                               .arg(expectedFirst)
                               .arg(first));
    QList<qsizetype> feedRows;
    QList<std::pair<const RowTable *, QList<qsizetype>>> stamps;
    for (const qsizetype i : lastVersions(changes)) {
        const Change &change = changes.at(i);
        if (change.rowTable == nullptr) {
            feedRows.append(i);
        } else if (!change.stamped) {
            auto found = std::find_if(stamps.begin(), stamps.end(),
                                      [&](const auto &s) { return s.first == change.rowTable; });
            if (found == stamps.end())
                found = stamps.insert(stamps.end(), {change.rowTable, {}});
            found->second.append(i);
        }
    }
    for (const auto &[table, rows] : std::as_const(stamps))
        stampRows(tx, *table, changes, rows, first);
    if (postgres)
        upsertRows(tx, changes, feedRows, first);
    else
        upsertBulkRows(tx, changes, feedRows, first);
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
    // The rows of each row table that belong to the audience, as changes to stamp.
    QList<Change> tableRows;
    for (const RowTable &table : rowTables()) {
        QString filter;
        if (!everyRow && table.audiencePrefix.isEmpty()) {
            if (audience != Audience::everyone())
                continue;
        } else if (!everyRow) {
            if (!audience.startsWith(table.audiencePrefix))
                continue;
            filter = QStringLiteral(" WHERE %1 = :second").arg(table.secondKey);
        }
        Sql select(tx,
                   QStringLiteral("SELECT %1, %2 FROM %3%4 ORDER BY seq")
                       .arg(table.firstKey, table.secondKey, table.table, filter));
        if (!filter.isEmpty())
            select.bind(QStringLiteral(":second"), audience.mid(table.audiencePrefix.size()));
        select.exec();
        while (select.next()) {
            Change change;
            change.entity = table.entity;
            change.entityId = select.value(0).toString() + QLatin1Char('/') + select.value(1).toString();
            change.rowTable = &table;
            tableRows.append(std::move(change));
        }
    }
    if (keys.isEmpty() && tableRows.isEmpty())
        return head(tx);
    const qint64 last
        = allocate(tx, keys.size() + tableRows.size(), {everyRow ? FeedNotification::everyone() : audience});
    qint64 seq = last - keys.size() - tableRows.size();
    Sql update(tx,
               QStringLiteral("UPDATE changes SET seq = :seq WHERE entity = :entity AND entity_id = :id"));
    for (const auto &[entity, id] : keys) {
        update.bind(QStringLiteral(":seq"), ++seq)
            .bind(QStringLiteral(":entity"), entity)
            .bind(QStringLiteral(":id"), id)
            .exec();
    }
    // Each table's rows are consecutive in tableRows.
    for (qsizetype start = 0; start < tableRows.size();) {
        qsizetype end = start;
        QList<qsizetype> positions;
        while (end < tableRows.size() && tableRows.at(end).rowTable == tableRows.at(start).rowTable)
            positions.append(end++);
        stampRows(tx, *tableRows.at(start).rowTable, tableRows, positions, seq + 1);
        start = end;
    }
    return last;
}

qint64 ChangeFeed::head(const QSqlDatabase &tx)
{
    Sql query(tx, QStringLiteral("SELECT head FROM feed_state WHERE id = 1"));
    query.exec();
    return query.next() ? query.value(0).toLongLong() : 0;
}

namespace {

// A row of a pull's query through Qt Sql (PostgreSQL).
class QueryRow final : public PulledRow
{
public:
    explicit QueryRow(const QSqlQuery &query)
        : m_query(query)
    { }
    QByteArrayView text(int column) const override
    {
        QByteArray &text = m_texts.at(static_cast<std::size_t>(column));
        text = m_query.value(column).toString().toUtf8();
        return text;
    }
    qint64 integer(int column) const override { return m_query.value(column).toLongLong(); }

private:
    const QSqlQuery &m_query;
    mutable std::array<QByteArray, 8> m_texts;
};

// A row of a pull's query through SQLite's C API.
class SqliteRow final : public PulledRow
{
public:
    explicit SqliteRow(const SqliteRows &rows)
        : m_rows(rows)
    { }
    QByteArrayView text(int column) const override { return m_rows.text(column); }
    qint64 integer(int column) const override { return m_rows.integer(column); }

private:
    const SqliteRows &m_rows;
};

// One row as a change: the changes table's (`table` null: entity, id, seq, deleted, payload)
// or a row table's.
Change pulledChange(const PulledRow &row, const RowTable *table, Utf8Text &entity)
{
    Change change;
    change.seq = row.integer(2);
    if (table != nullptr) {
        change.entity = table->entity;
        change.entityId = QString::fromUtf8(row.text(0)) + QLatin1Char('/') + QString::fromUtf8(row.text(1));
        change.payload = table->payload(row);
    } else {
        change.entity = entity.decode(row.text(0));
        change.entityId = QString::fromUtf8(row.text(1));
        change.deleted = row.integer(3) != 0;
        change.payload = row.text(4).toByteArray();
    }
    return change;
}

// One ordered source of a pull: the changes table or a row table. On SQLite its rows are
// stepped through SQLite's C API as the merge takes them. PostgreSQL's driver keeps one result
// set open per connection, so there each source is read whole (at most limit + 1 rows) before
// the next runs.
class PullSource final
{
public:
    PullSource(const QSqlDatabase &tx, const QString &statement, const RowTable *table, bool sqlite)
        : m_table(table)
    {
        if (sqlite)
            m_rows = std::make_unique<SqliteRows>(tx, statement);
        else
            m_query = std::make_unique<Sql>(tx, statement);
    }

    void bind(const QString &name, const QVariant &value)
    {
        if (!m_rows)
            m_query->bind(name, value);
        else if (value.typeId() == QMetaType::QString)
            m_rows->bind(name, value.toString());
        else
            m_rows->bind(name, value.toLongLong());
    }

    // After binding.
    void start(Utf8Text &entity)
    {
        if (!m_rows) {
            m_query->exec();
            const QueryRow row(m_query->query());
            while (m_query->next())
                m_read.append(pulledChange(row, m_table, entity));
        }
        advance();
    }
    bool valid() const { return m_valid; }
    qint64 seq() const { return m_seq; }
    Change take(Utf8Text &entity)
    {
        Change change
            = m_rows ? pulledChange(SqliteRow(*m_rows), m_table, entity) : std::move(m_read[m_at++]);
        advance();
        return change;
    }

private:
    void advance()
    {
        if (m_rows) {
            m_valid = m_rows->next();
            if (m_valid)
                m_seq = m_rows->integer(2);
        } else {
            m_valid = m_at < m_read.size();
            if (m_valid)
                m_seq = m_read.at(m_at).seq;
        }
    }

    std::unique_ptr<SqliteRows> m_rows;
    std::unique_ptr<Sql> m_query;
    const RowTable *m_table = nullptr;
    QList<Change> m_read;
    qsizetype m_at = 0;
    bool m_valid = false;
    qint64 m_seq = 0;
};

} // namespace

ChangeFeed::Page ChangeFeed::pull(const QSqlDatabase &tx, qint64 cursor, int limit,
                                  const QStringList &audiences, bool everything, qsizetype maxBytes)
{
    Page page;
    page.head = head(tx);
    if (cursor >= page.head || limit <= 0) {
        page.nextCursor = std::max(cursor, page.head);
        return page;
    }
    // On SQLite the rows are read through SQLite's C API (storage/sqliterows.h), and the audience
    // is a filter, not an index: `+audience` keeps the planner on the seq order, where the
    // (audience, seq) index would make it read and sort every remaining visible row for each
    // page (initial pulls see most rows). PostgreSQL walks the seq index for ORDER BY seq LIMIT
    // by itself, and the form is not valid there.
    const bool sqlite = tx.driver()->dbmsType() != QSqlDriver::PostgreSQL;
    // " AND <column> IN (:a0, ...)" over `values`, bound by bindAll below.
    const auto inList = [](const QString &column, qsizetype count) -> QString {
        QStringList placeholders;
        for (qsizetype i = 0; i < count; ++i)
            placeholders << QStringLiteral(":a%1").arg(i);
        return QStringLiteral(" AND %1 IN (").arg(column) + placeholders.join(QLatin1Char(','))
            + QLatin1Char(')');
    };
    const auto bindAll = [&](PullSource &source, const QStringList &values) {
        source.bind(QStringLiteral(":cursor"), cursor);
        source.bind(QStringLiteral(":head"), page.head);
        for (qsizetype i = 0; i < values.size(); ++i)
            source.bind(QStringLiteral(":a%1").arg(i), values.at(i));
        source.bind(QStringLiteral(":limit"), limit + 1);
    };
    const QString range = QStringLiteral(" WHERE seq > :cursor AND seq <= :head");
    const QString order = QStringLiteral(" ORDER BY seq LIMIT :limit");

    // Runs of rows share their entity: its name is decoded once per run.
    Utf8Text entity;
    std::vector<PullSource> sources;
    sources.reserve(static_cast<std::size_t>(1 + rowTables().size()));
    if (everything || !audiences.isEmpty()) {
        QString statement
            = QStringLiteral("SELECT entity, entity_id, seq, deleted, payload FROM changes") + range;
        if (!everything)
            statement += inList(sqlite ? QStringLiteral("+audience") : QStringLiteral("audience"),
                                audiences.size());
        sources.emplace_back(tx, statement + order, nullptr, sqlite);
        bindAll(sources.back(), everything ? QStringList() : audiences);
        sources.back().start(entity);
    }
    for (const RowTable &table : rowTables()) {
        // The rows visible to the audiences: all of them, or those whose second key the
        // audiences name.
        QStringList seconds;
        bool visible = everything;
        if (!everything && table.audiencePrefix.isEmpty()) {
            visible = audiences.contains(Audience::everyone());
        } else if (!everything) {
            for (const QString &audience : audiences) {
                if (audience.startsWith(table.audiencePrefix))
                    seconds.append(audience.mid(table.audiencePrefix.size()));
            }
            visible = !seconds.isEmpty();
        }
        if (!visible)
            continue;
        QString statement = QStringLiteral("SELECT %1, %2, seq, %3 FROM %4")
                                .arg(table.firstKey, table.secondKey, table.columns, table.table)
            + range;
        if (!seconds.isEmpty())
            statement += inList(table.secondKey, seconds.size());
        sources.emplace_back(tx, statement + order, &table, sqlite);
        bindAll(sources.back(), seconds);
        sources.back().start(entity);
    }

    page.changes.reserve(limit);
    qsizetype bytes = 0;
    while (true) {
        PullSource *next = nullptr;
        for (auto &source : sources) {
            if (source.valid() && (next == nullptr || source.seq() < next->seq()))
                next = &source;
        }
        if (next == nullptr)
            break;
        if (page.changes.size() == limit || bytes >= maxBytes) {
            page.hasMore = true;
            break;
        }
        page.changes.append(next->take(entity));
        bytes += page.changes.last().payload.size();
    }
    page.nextCursor = page.hasMore ? page.changes.last().seq : page.head;
    return page;
}

} // namespace portico::server
