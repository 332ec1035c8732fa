#pragma once

#include "domain/ids.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

class QSqlDatabase;

namespace portico::client {

// Statement functions shared by the cache's writers and queries. Every failure becomes a
// CacheError carrying the driver's message and the statement, never a silent false.
namespace CacheSql {

// How long a statement of a cache connection waits for a lock another connection or process
// holds (a second client on the same profile is refused by the profile lock; this covers the
// search index's filling connection and tools such as the sqlite3 shell).
constexpr int BusyTimeoutMs = 5000;

// A statement prepared on `db`; throws CacheError when it does not compile.
QSqlQuery prepare(QSqlDatabase &db, const QString &sql);
// Executes a prepared statement with the values bound so far.
void exec(QSqlQuery &query);
// Runs one statement without parameters.
void exec(QSqlDatabase &db, const QString &sql);

// Canonical lower-case UUID text without braces, the form ids have in every table.
QString idText(const Id &id);
// A bound id: NULL for the null id.
QVariant idValue(const Id &id);
// Typed NULLs and "NULL when empty" for optional columns.
QVariant nullText();
QVariant nullInteger();
QVariant textOrNull(const QString &text);

// Timestamps are stored as UTC ISO 8601 text with milliseconds ("2026-11-29T08:30:00.000Z").
QString timestampText(const QDateTime &at);
QDateTime timestampFrom(const QVariant &value);

// A column holding JSON text, read without a UTF-16 round trip: select it as
// `CAST(data AS BLOB)` and pass the value here.
QByteArray bytes(const QVariant &value);

} // namespace CacheSql

} // namespace portico::client
