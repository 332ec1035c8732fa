#include "sync/cachemeta.h"

#include "cache/cachesql.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace portico::client::CacheMeta {

QString value(QSqlDatabase &db, const QString &key, const QString &fallback)
{
    QSqlQuery query = CacheSql::prepare(db, QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(key);
    CacheSql::exec(query);
    return query.next() ? query.value(0).toString() : fallback;
}

void setValue(QSqlDatabase &db, const QString &key, const QString &value)
{
    QSqlQuery query
        = CacheSql::prepare(db,
                            QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) "
                                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(key);
    query.addBindValue(value);
    CacheSql::exec(query);
}

QString deviceId(QSqlDatabase &db)
{
    const QString key = QStringLiteral("device_id");
    QString id = value(db, key);
    if (id.isEmpty()) {
        id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        setValue(db, key, id);
    }
    return id;
}

} // namespace portico::client::CacheMeta
