#include "warehouse/warehousefeed.h"

#include "cache/cachedatabase.h"
#include "cache/cachesql.h"
#include "sync/syncpage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

namespace portico::client::WarehouseFeed {

namespace {

QString canonicalId(const QString &text)
{
    const QUuid id = QUuid::fromString(text);
    return id.isNull() ? QString() : id.toString(QUuid::WithoutBraces);
}

QString requiredId(const QJsonObject &object, QLatin1StringView key, QLatin1StringView entity)
{
    const QString id = canonicalId(object.value(key).toString());
    if (id.isEmpty())
        throw CacheError(
            QStringLiteral("Malformed %1: %2 is missing or not a UUID").arg(entity, key).toStdString());
    return id;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void run(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery q = CacheSql::prepare(db, sql);
    for (const QVariant &value : values)
        q.addBindValue(value);
    CacheSql::exec(q);
}

} // namespace

bool handles(QStringView entity)
{
    return entity == u"pick_list" || entity == u"count_session";
}

void storePickList(QSqlDatabase &db, const QJsonObject &data)
{
    const QLatin1StringView entity("pick_list");
    const QString id = requiredId(data, QLatin1StringView("id"), entity);
    const QString status = data.value(QLatin1StringView("status")).toString();
    if (status.isEmpty())
        throw CacheError(QStringLiteral("Malformed pick_list %1: no status").arg(id).toStdString());
    // A newer version replaces the row; the terminal's own pending step is dropped once the
    // server's status has caught up with it (the answer to that step carries it).
    run(db,
        QStringLiteral(
            "INSERT INTO pick_list (id, number, warehouse_id, status, created_at, updated_at, version, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT)) "
            "ON CONFLICT (id) DO UPDATE SET number = excluded.number, warehouse_id = excluded.warehouse_id, "
            "status = excluded.status, created_at = excluded.created_at, updated_at = excluded.updated_at, "
            "version = excluded.version, data = excluded.data "
            "WHERE excluded.version >= pick_list.version"),
        {id, data.value(QLatin1StringView("number")).toString(),
         CacheSql::textOrNull(canonicalId(data.value(QLatin1StringView("warehouse_id")).toString())), status,
         CacheSql::textOrNull(data.value(QLatin1StringView("created_at")).toString()),
         CacheSql::textOrNull(data.value(QLatin1StringView("updated_at")).toString()),
         data.value(QLatin1StringView("version")).toInt(), compact(data)});
}

void storeCountSession(QSqlDatabase &db, const QJsonObject &data)
{
    const QLatin1StringView entity("count_session");
    const QString id = requiredId(data, QLatin1StringView("id"), entity);
    run(db,
        QStringLiteral("INSERT INTO count_session (id, number, warehouse_id, status, created_at, data) "
                       "VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT)) "
                       "ON CONFLICT (id) DO UPDATE SET number = excluded.number, "
                       "warehouse_id = excluded.warehouse_id, status = excluded.status, "
                       "created_at = excluded.created_at, data = excluded.data"),
        {id, data.value(QLatin1StringView("number")).toString(),
         CacheSql::textOrNull(canonicalId(data.value(QLatin1StringView("warehouse_id")).toString())),
         data.value(QLatin1StringView("status")).toString(QStringLiteral("open")),
         CacheSql::textOrNull(data.value(QLatin1StringView("created_at")).toString()), compact(data)});
}

void apply(QSqlDatabase &db, const SyncChange &change)
{
    if (change.entity == u"pick_list") {
        if (change.deleted)
            run(db, QStringLiteral("DELETE FROM pick_list WHERE id = ?"), {canonicalId(change.id)});
        else
            storePickList(db, change.data);
    } else if (change.entity == u"count_session") {
        if (change.deleted)
            run(db, QStringLiteral("DELETE FROM count_session WHERE id = ?"), {canonicalId(change.id)});
        else
            storeCountSession(db, change.data);
    }
}

void clear(QSqlDatabase &db)
{
    CacheSql::exec(
        db, QStringLiteral("DELETE FROM pick_list WHERE id NOT IN (SELECT pick_list_id FROM pick_pending)"));
    CacheSql::exec(db,
                   QStringLiteral("DELETE FROM count_session WHERE local_status IS NULL AND id NOT IN "
                                  "(SELECT session_id FROM count_local)"));
    CacheSql::exec(db, QStringLiteral("DELETE FROM bin_location"));
}

} // namespace portico::client::WarehouseFeed
