#include "sync/outbox.h"

#include "cache/cachedatabase.h"
#include "cache/cachesql.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace portico::client {

namespace {

OutboxItem itemFrom(const QSqlQuery &query)
{
    OutboxItem item;
    item.seq = query.value(0).toLongLong();
    item.id = query.value(1).toString();
    item.kind = outboxKindFromString(query.value(2).toString()).value_or(OutboxItem::Kind::SubmitOrder);
    item.targetId = query.value(3).toString();
    item.payload = query.value(4).toByteArray();
    item.createdAt = QDateTime::fromString(query.value(5).toString(), Qt::ISODateWithMs);
    item.attempts = query.value(6).toInt();
    item.lastError = query.value(7).toString();
    return item;
}

const QString SelectColumns = QStringLiteral(
    "SELECT seq, id, kind, target_id, payload, created_at, attempts, last_error FROM outbox ");

int countIn(QSqlDatabase &db, const QString &state)
{
    QSqlQuery query = CacheSql::prepare(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = ?"));
    query.addBindValue(state);
    CacheSql::exec(query);
    return query.next() ? query.value(0).toInt() : 0;
}

} // namespace

QString outboxKindToString(OutboxItem::Kind kind)
{
    switch (kind) {
    case OutboxItem::Kind::SubmitOrder:
        return QStringLiteral("submit_order");
    case OutboxItem::Kind::CancelOrder:
        return QStringLiteral("cancel_order");
    case OutboxItem::Kind::ConfirmOrder:
        return QStringLiteral("confirm_order");
    case OutboxItem::Kind::PickScan:
        return QStringLiteral("pick_scan");
    case OutboxItem::Kind::ConfirmPick:
        return QStringLiteral("confirm_pick");
    case OutboxItem::Kind::PackPackages:
        return QStringLiteral("pack_packages");
    case OutboxItem::Kind::Ship:
        return QStringLiteral("ship");
    case OutboxItem::Kind::CountLines:
        return QStringLiteral("count_lines");
    case OutboxItem::Kind::SubmitCount:
        return QStringLiteral("submit_count");
    }
    return {};
}

std::optional<OutboxItem::Kind> outboxKindFromString(QStringView text)
{
    for (auto kind :
         {OutboxItem::Kind::SubmitOrder, OutboxItem::Kind::CancelOrder, OutboxItem::Kind::ConfirmOrder,
          OutboxItem::Kind::PickScan, OutboxItem::Kind::ConfirmPick, OutboxItem::Kind::PackPackages,
          OutboxItem::Kind::Ship, OutboxItem::Kind::CountLines, OutboxItem::Kind::SubmitCount}) {
        if (text == outboxKindToString(kind))
            return kind;
    }
    return std::nullopt;
}

namespace Outbox {

OutboxItem enqueue(QSqlDatabase &db, OutboxItem::Kind kind, const QString &targetId,
                   const QByteArray &payload, const QDateTime &now)
{
    return enqueue(db, QUuid::createUuid().toString(QUuid::WithoutBraces), kind, targetId, payload, now);
}

OutboxItem enqueue(QSqlDatabase &db, const QString &id, OutboxItem::Kind kind, const QString &targetId,
                   const QByteArray &payload, const QDateTime &now)
{
    OutboxItem item;
    item.id = id;
    item.kind = kind;
    item.targetId = targetId;
    item.payload = payload;
    item.createdAt = now.toUTC();
    QSqlQuery query
        = CacheSql::prepare(db,
                            QStringLiteral("INSERT INTO outbox (id, kind, target_id, payload, "
                                           "created_at, state) VALUES (?, ?, ?, ?, ?, 'pending')"));
    query.addBindValue(item.id);
    query.addBindValue(outboxKindToString(kind));
    query.addBindValue(targetId);
    query.addBindValue(payload);
    query.addBindValue(item.createdAt.toString(Qt::ISODateWithMs));
    CacheSql::exec(query);
    item.seq = query.lastInsertId().toLongLong();
    return item;
}

QList<OutboxItem> pending(QSqlDatabase &db, int limit)
{
    QSqlQuery query = CacheSql::prepare(
        db, SelectColumns + QStringLiteral("WHERE state = 'pending' ORDER BY seq LIMIT ?"));
    query.addBindValue(limit);
    CacheSql::exec(query);
    QList<OutboxItem> items;
    while (query.next())
        items.append(itemFrom(query));
    return items;
}

int pendingCount(QSqlDatabase &db)
{
    return countIn(db, QStringLiteral("pending"));
}

int failedCount(QSqlDatabase &db)
{
    return countIn(db, QStringLiteral("failed"));
}

std::optional<OutboxItem> find(QSqlDatabase &db, const QString &id)
{
    QSqlQuery query = CacheSql::prepare(db, SelectColumns + QStringLiteral("WHERE id = ?"));
    query.addBindValue(id);
    CacheSql::exec(query);
    if (!query.next())
        return std::nullopt;
    return itemFrom(query);
}

void remove(QSqlDatabase &db, const QString &id)
{
    QSqlQuery query = CacheSql::prepare(db, QStringLiteral("DELETE FROM outbox WHERE id = ?"));
    query.addBindValue(id);
    CacheSql::exec(query);
}

void noteAttempt(QSqlDatabase &db, const QString &id, const QString &error)
{
    QSqlQuery query = CacheSql::prepare(
        db, QStringLiteral("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?"));
    query.addBindValue(error);
    query.addBindValue(id);
    CacheSql::exec(query);
}

void setAside(QSqlDatabase &db, const QString &id, const QString &error)
{
    QSqlQuery query = CacheSql::prepare(db,
                                        QStringLiteral("UPDATE outbox SET attempts = attempts + 1, "
                                                       "last_error = ?, state = 'failed' WHERE id = ?"));
    query.addBindValue(error);
    query.addBindValue(id);
    CacheSql::exec(query);
}

} // namespace Outbox

} // namespace portico::client
