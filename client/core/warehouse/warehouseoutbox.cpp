#include "warehouse/warehouseoutbox.h"

#include "cache/cachesql.h"
#include "warehouse/warehousefeed.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace portico::client::WarehouseOutbox {

namespace {

bool isPickListKind(OutboxItem::Kind kind)
{
    return kind == OutboxItem::Kind::PickScan || kind == OutboxItem::Kind::ConfirmPick
        || kind == OutboxItem::Kind::PackPackages || kind == OutboxItem::Kind::Ship;
}

void run(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery q = CacheSql::prepare(db, sql);
    for (const QVariant &value : values)
        q.addBindValue(value);
    CacheSql::exec(q);
}

// The terminal's step on the pick list that still waits after `item`: the last of its pending
// confirm, pack and ship items, or none.
void recomputeLocalStatus(QSqlDatabase &db, const OutboxItem &item)
{
    run(db,
        QStringLiteral(
            "UPDATE pick_list SET local_status = (SELECT CASE kind WHEN 'confirm_pick' THEN 'picked' "
            "WHEN 'pack_packages' THEN 'packed' WHEN 'ship' THEN 'shipped' END FROM outbox "
            "WHERE target_id = ? AND id <> ? AND state = 'pending' "
            "AND kind IN ('confirm_pick', 'pack_packages', 'ship') ORDER BY seq DESC LIMIT 1) WHERE id = ?"),
        {item.targetId, item.id, item.targetId});
}

QString storeAnswer(QSqlDatabase &db, const OutboxItem &item, const QJsonObject &reply)
{
    if (isPickListKind(item.kind)) {
        const QJsonObject list = reply.value(QLatin1StringView("pick_list")).toObject();
        if (!list.isEmpty())
            WarehouseFeed::storePickList(db, list);
        run(db, QStringLiteral("DELETE FROM pick_pending WHERE outbox_id = ?"), {item.id});
        recomputeLocalStatus(db, item);
        return list.value(QLatin1StringView("status")).toString();
    }
    const QJsonObject session = reply.value(QLatin1StringView("count_session")).toObject();
    if (!session.isEmpty())
        WarehouseFeed::storeCountSession(db, session);
    return session.value(QLatin1StringView("status")).toString();
}

} // namespace

bool handles(OutboxItem::Kind kind)
{
    return isPickListKind(kind) || kind == OutboxItem::Kind::CountLines
        || kind == OutboxItem::Kind::SubmitCount;
}

QString uploadPath(const OutboxItem &item)
{
    switch (item.kind) {
    case OutboxItem::Kind::PickScan:
        return QStringLiteral("/api/v1/warehouse/pick-lists/%1/scans").arg(item.targetId);
    case OutboxItem::Kind::ConfirmPick:
        return QStringLiteral("/api/v1/warehouse/pick-lists/%1/confirm").arg(item.targetId);
    case OutboxItem::Kind::PackPackages:
        return QStringLiteral("/api/v1/warehouse/pick-lists/%1/packages").arg(item.targetId);
    case OutboxItem::Kind::Ship:
        return QStringLiteral("/api/v1/warehouse/pick-lists/%1/ship").arg(item.targetId);
    case OutboxItem::Kind::CountLines:
        return QStringLiteral("/api/v1/warehouse/counts/%1/lines").arg(item.targetId);
    case OutboxItem::Kind::SubmitCount:
        return QStringLiteral("/api/v1/warehouse/counts/%1/submit").arg(item.targetId);
    default:
        return {};
    }
}

QString recordAnswer(QSqlDatabase &db, const OutboxItem &item, const QJsonObject &reply)
{
    return storeAnswer(db, item, reply);
}

void recordRefusal(QSqlDatabase &db, const OutboxItem &item, const ApiError &error, const QByteArray &body)
{
    const QJsonObject reply = QJsonDocument::fromJson(body).object();
    storeAnswer(db, item, reply);
    const QString reason = error.message.isEmpty() ? error.toString() : error.message;
    if (isPickListKind(item.kind)) {
        const QString code = error.code.isEmpty() ? QStringLiteral("refused") : error.code;
        run(db, QStringLiteral("UPDATE pick_list SET conflict = ? WHERE id = ?"),
            {QString(code + QLatin1Char(':') + reason), item.targetId});
    } else if (item.kind == OutboxItem::Kind::SubmitCount) {
        run(db, QStringLiteral("UPDATE count_session SET local_status = NULL WHERE id = ?"), {item.targetId});
    }
}

} // namespace portico::client::WarehouseOutbox
