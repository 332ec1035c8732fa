#include "sync/feedbatch.h"

#include <QJsonDocument>
#include <QSqlDriver>

namespace portico::server {

void FeedBatch::upsert(const QString &entity, const QString &id, const QString &audience,
                       const QJsonObject &payload)
{
    upsert(entity, id, audience, QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

void FeedBatch::upsert(const QString &entity, const QString &id, const QString &audience,
                       const QByteArray &compactJson)
{
    add(entity, id, audience).payload = compactJson;
}

void FeedBatch::remove(const QString &entity, const QString &id, const QString &audience)
{
    add(entity, id, audience).deleted = true;
}

void FeedBatch::touch(const RowTable &table, const QString &first, const QString &second)
{
    add(table.entity, first + QLatin1Char('/') + second, table.audienceOf(second)).rowTable = &table;
}

qint64 FeedBatch::rowSeq(const QSqlDatabase &tx, const RowTable &table, const QString &first,
                         const QString &second)
{
    touch(table, first, second);
    if (tx.driver()->dbmsType() == QSqlDriver::PostgreSQL)
        return 0;
    if (m_base == 0)
        m_base = ChangeFeed::head(tx) + 1;
    m_changes.last().stamped = true;
    return m_base + m_changes.size() - 1;
}

Change &FeedBatch::add(const QString &entity, const QString &id, const QString &audience)
{
    Change change;
    change.entity = entity;
    change.entityId = id;
    change.audience = audience;
    m_changes.append(std::move(change));
    m_audiences.insert(audience);
    return m_changes.last();
}

qint64 FeedBatch::append(const QSqlDatabase &tx)
{
    return ChangeFeed::append(tx, m_changes, m_base);
}

} // namespace portico::server
