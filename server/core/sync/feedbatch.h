#pragma once

#include "storage/changefeed.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace portico::server {

// The feed entries of one write transaction. Repositories add a change for every synced row
// they write; the transaction appends the batch last (ChangeFeed::append), and after commit
// the audiences tell the notifier whom to nudge.
class FeedBatch final
{
public:
    void upsert(const QString &entity, const QString &id, const QString &audience,
                const QJsonObject &payload);
    // The same with the payload already written as compact JSON.
    void upsert(const QString &entity, const QString &id, const QString &audience,
                const QByteArray &compactJson);
    void remove(const QString &entity, const QString &id, const QString &audience);

    // Appends everything to the feed; call as the last statement of the transaction.
    qint64 append(const QSqlDatabase &tx);

    bool isEmpty() const noexcept { return m_changes.isEmpty(); }
    qsizetype size() const noexcept { return m_changes.size(); }
    QStringList audiences() const { return QStringList(m_audiences.cbegin(), m_audiences.cend()); }

private:
    QList<Change> m_changes;
    QSet<QString> m_audiences;
};

} // namespace portico::server
