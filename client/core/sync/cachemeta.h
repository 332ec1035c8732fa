#pragma once

#include <QString>

class QSqlDatabase;

namespace portico::client {

// Small facts about the cache kept in its `meta` table. Functions of the cache connection.
namespace CacheMeta {

QString value(QSqlDatabase &db, const QString &key, const QString &fallback = {});
void setValue(QSqlDatabase &db, const QString &key, const QString &value);
// This installation's id for the server (login and refresh are bound to it), created on first use.
QString deviceId(QSqlDatabase &db);

} // namespace CacheMeta

} // namespace portico::client
