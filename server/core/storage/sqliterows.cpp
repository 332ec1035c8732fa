#include "storage/sqliterows.h"

#include "storage/database.h"
#include "storage/storageerror.h"

#include <QSqlResult>

#include <sqlite3.h>

namespace portico::server {

sqlite3_stmt *sqliteStatement(Sql &q, const QString &statement)
{
    const QVariant handle = q.query().result() ? q.query().result()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3_stmt*") != 0)
        throw StorageError(QStringLiteral("not a SQLite statement [%1]").arg(statement));
    sqlite3_stmt *const prepared = *static_cast<sqlite3_stmt *const *>(handle.constData());
    if (!prepared)
        throw StorageError(QStringLiteral("statement not prepared [%1]").arg(statement));
    return prepared;
}

SqliteRows::SqliteRows(const QSqlDatabase &tx, const QString &statement)
    : m_query(std::make_unique<Sql>(tx, statement))
    , m_statement(statement)
    , m_prepared(sqliteStatement(*m_query, statement))
{
    sqlite3_reset(m_prepared);
    sqlite3_clear_bindings(m_prepared);
}

SqliteRows::~SqliteRows()
{
    sqlite3_reset(m_prepared);
    sqlite3_clear_bindings(m_prepared);
}

int SqliteRows::parameter(const QString &name) const
{
    const int index = sqlite3_bind_parameter_index(m_prepared, name.toUtf8().constData());
    if (index == 0)
        throw StorageError(QStringLiteral("no parameter %1 [%2]").arg(name, m_statement));
    return index;
}

SqliteRows &SqliteRows::bind(const QString &name, qint64 value)
{
    if (sqlite3_bind_int64(m_prepared, parameter(name), value) != SQLITE_OK)
        throw StorageError(QStringLiteral("cannot bind %1 [%2]").arg(name, m_statement));
    return *this;
}

SqliteRows &SqliteRows::bind(const QString &name, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    if (sqlite3_bind_text(m_prepared, parameter(name), utf8.constData(), static_cast<int>(utf8.size()),
                          SQLITE_TRANSIENT)
        != SQLITE_OK)
        throw StorageError(QStringLiteral("cannot bind %1 [%2]").arg(name, m_statement));
    return *this;
}

bool SqliteRows::next()
{
    const int rc = sqlite3_step(m_prepared);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString message = QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_prepared)));
    sqlite3_reset(m_prepared);
    throw StorageError(QStringLiteral("statement failed: %1 [%2]").arg(message, m_statement));
}

QByteArrayView SqliteRows::text(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_prepared, column));
    return text ? QByteArrayView(text, sqlite3_column_bytes(m_prepared, column)) : QByteArrayView();
}

qint64 SqliteRows::integer(int column) const
{
    return sqlite3_column_int64(m_prepared, column);
}

} // namespace portico::server
