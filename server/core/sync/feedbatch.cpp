#include "sync/feedbatch.h"

#include <QJsonDocument>

namespace portico::server {

void FeedBatch::upsert(const QString &entity, const QString &id, const QString &audience,
                       const QJsonObject &payload)
{
    upsert(entity, id, audience, QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

void FeedBatch::upsert(const QString &entity, const QString &id, const QString &audience,
                       const QByteArray &compactJson)
{
    Change change;
    change.entity = entity;
    change.entityId = id;
    change.audience = audience;
    change.payload = compactJson;
    m_changes.append(std::move(change));
    m_audiences.insert(audience);
}

void FeedBatch::remove(const QString &entity, const QString &id, const QString &audience)
{
    Change change;
    change.entity = entity;
    change.entityId = id;
    change.audience = audience;
    change.deleted = true;
    m_changes.append(std::move(change));
    m_audiences.insert(audience);
}

qint64 FeedBatch::append(const QSqlDatabase &tx)
{
    return ChangeFeed::append(tx, m_changes);
}

} // namespace portico::server
