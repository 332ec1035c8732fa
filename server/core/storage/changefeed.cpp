#include "storage/changefeed.h"

#include "storage/database.h"
#include "storage/feednotification.h"

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
    QString statement = QStringLiteral("SELECT entity, entity_id, seq, audience, deleted, payload FROM "
                                       "changes WHERE seq > :cursor AND seq <= :head");
    if (!everything) {
        QStringList placeholders;
        for (qsizetype i = 0; i < audiences.size(); ++i)
            placeholders << QStringLiteral(":a%1").arg(i);
        statement += placeholders.isEmpty()
            ? QStringLiteral(" AND 1 = 0")
            : QStringLiteral(" AND audience IN (") + placeholders.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    statement += QStringLiteral(" ORDER BY seq LIMIT :limit");
    Sql query(tx, statement);
    query.query().setForwardOnly(true);
    query.bind(QStringLiteral(":cursor"), cursor).bind(QStringLiteral(":head"), page.head);
    if (!everything) {
        for (qsizetype i = 0; i < audiences.size(); ++i)
            query.bind(QStringLiteral(":a%1").arg(i), audiences.at(i));
    }
    query.bind(QStringLiteral(":limit"), limit + 1).exec();
    page.changes.reserve(limit);
    while (query.next()) {
        if (page.changes.size() == limit) {
            page.hasMore = true;
            break;
        }
        Change change;
        change.entity = query.value(0).toString();
        change.entityId = query.value(1).toString();
        change.seq = query.value(2).toLongLong();
        change.audience = query.value(3).toString();
        change.deleted = query.value(4).toBool();
        change.payload = query.value(5).toString().toUtf8();
        page.changes.append(std::move(change));
    }
    page.nextCursor = page.hasMore ? page.changes.last().seq : page.head;
    return page;
}

} // namespace portico::server
