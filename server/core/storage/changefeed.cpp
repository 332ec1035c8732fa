#include "storage/changefeed.h"

#include "storage/database.h"
#include "storage/feednotification.h"

#include <QSqlDriver>

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

} // namespace

qint64 ChangeFeed::append(const QSqlDatabase &tx, const QList<Change> &changes)
{
    if (changes.isEmpty())
        return head(tx);
    const qint64 last = allocate(tx, changes.size());
    qint64 seq = last - changes.size();
    Sql upsert(tx,
               QStringLiteral(
                   "INSERT INTO changes (entity, entity_id, seq, audience, deleted, payload) "
                   "VALUES (:entity, :id, :seq, :audience, :deleted, :payload) "
                   "ON CONFLICT (entity, entity_id) DO UPDATE SET seq = excluded.seq, "
                   "audience = excluded.audience, deleted = excluded.deleted, payload = excluded.payload"));
    for (const auto &change : changes) {
        upsert.bind(QStringLiteral(":entity"), change.entity)
            .bind(QStringLiteral(":id"), change.entityId)
            .bind(QStringLiteral(":seq"), ++seq)
            .bind(QStringLiteral(":audience"), change.audience)
            .bind(QStringLiteral(":deleted"), change.deleted)
            .bind(QStringLiteral(":payload"),
                  change.deleted ? QVariant(QMetaType(QMetaType::QString))
                                 : QVariant(QString::fromUtf8(change.payload)))
            .exec();
    }
    QStringList audiences;
    audiences.reserve(changes.size());
    for (const auto &change : changes)
        audiences.append(change.audience);
    notifyListeners(tx, audiences);
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
                                  const QStringList &audiences, bool everything)
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
    while (query.next()) {
        if (page.changes.size() == limit) {
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
        page.changes.append(std::move(change));
    }
    page.nextCursor = page.hasMore ? page.changes.last().seq : page.head;
    return page;
}

} // namespace portico::server
