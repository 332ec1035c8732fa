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

    // A row of a row table (storage/changefeed.h) that the transaction wrote: the append gives
    // its seq column the row's new seq.
    void touch(const RowTable &table, const QString &first, const QString &second);
    // The same for a row about to be written, with the seq to write into it. On SQLite, where
    // the transaction holds the write lock from its start, that is the seq the append will
    // give the change, and the append then writes nothing more; on PostgreSQL the seq comes
    // only with the append's lock, so this returns 0 and the append stamps the row as touch()
    // does.
    qint64 rowSeq(const QSqlDatabase &tx, const RowTable &table, const QString &first, const QString &second);

    // Appends everything to the feed; call as the last statement of the transaction.
    qint64 append(const QSqlDatabase &tx);

    bool isEmpty() const noexcept { return m_changes.isEmpty(); }
    qsizetype size() const noexcept { return m_changes.size(); }
    QStringList audiences() const { return QStringList(m_audiences.cbegin(), m_audiences.cend()); }

private:
    Change &add(const QString &entity, const QString &id, const QString &audience);

    QList<Change> m_changes;
    QSet<QString> m_audiences;
    // The head when rowSeq() first gave a seq (SQLite), 0 before.
    qint64 m_base = 0;
};

} // namespace portico::server
