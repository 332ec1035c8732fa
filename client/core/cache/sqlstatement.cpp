#include "cache/sqlstatement.h"

#include "cache/cachedatabase.h"

#include <QSqlDatabase>
#include <QSqlDriver>

#include <sqlite3.h>

namespace portico::client {

namespace {

sqlite3 *handleOf(QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        throw CacheError("The cache connection is not an SQLite connection.");
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    if (!connection)
        throw CacheError("The cache connection is not open.");
    return connection;
}

} // namespace

bool inTransaction(QSqlDatabase &db)
{
    return sqlite3_get_autocommit(handleOf(db)) == 0;
}

SqlStatement::SqlStatement(QSqlDatabase &db, const char *sql)
    : m_db(handleOf(db))
{
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) != SQLITE_OK) {
        const std::string message = std::string(sqlite3_errmsg(m_db)) + " in: " + sql;
        sqlite3_finalize(m_statement);
        throw CacheError(message);
    }
    m_texts.resize(static_cast<std::size_t>(sqlite3_bind_parameter_count(m_statement)));
}

SqlStatement::~SqlStatement()
{
    sqlite3_finalize(m_statement);
}

void SqlStatement::fail(const char *what) const
{
    throw CacheError(std::string(what) + ": " + sqlite3_errmsg(m_db) + " in: " + sqlite3_sql(m_statement));
}

void SqlStatement::reset()
{
    // The result code repeats the last step's failure, which step() has already reported.
    sqlite3_reset(m_statement);
}

void SqlStatement::bindNull(int index)
{
    if (sqlite3_bind_null(m_statement, index + 1) != SQLITE_OK)
        fail("bind");
}

void SqlStatement::bind(int index, qint64 value)
{
    if (sqlite3_bind_int64(m_statement, index + 1, value) != SQLITE_OK)
        fail("bind");
}

void SqlStatement::bind(int index, const QString &text)
{
    // Encoded to UTF-8 here into the parameter's own buffer, kept until the next bind of that
    // parameter: SQLite's conversion of UTF-16 (bind_text16) goes character by character, and
    // was most of the cost of binding a synced row.
    if (index < 0 || index >= static_cast<int>(m_texts.size()))
        fail("bind");
    QByteArray &buffer = m_texts[static_cast<std::size_t>(index)];
    buffer.resize(m_encoder.requiredSpace(text.size()));
    char *end = m_encoder.appendToBuffer(buffer.data(), text);
    const auto size = static_cast<int>(end - buffer.constData());
    const char *data = size > 0 ? buffer.constData() : "";
    if (sqlite3_bind_text(m_statement, index + 1, data, size, SQLITE_STATIC) != SQLITE_OK)
        fail("bind");
}

void SqlStatement::bind(int index, QByteArrayView utf8)
{
    const char *data = utf8.data() ? utf8.data() : "";
    if (sqlite3_bind_text(m_statement, index + 1, data, static_cast<int>(utf8.size()), SQLITE_TRANSIENT)
        != SQLITE_OK)
        fail("bind");
}

void SqlStatement::bind(int index, const QVariant &value)
{
    if (value.isNull())
        return bindNull(index);
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return bind(index, value.toLongLong());
    case QMetaType::QByteArray:
        return bind(index, QByteArrayView(value.toByteArray()));
    default:
        return bind(index, value.toString());
    }
}

bool SqlStatement::step()
{
    switch (sqlite3_step(m_statement)) {
    case SQLITE_ROW:
        return true;
    case SQLITE_DONE:
        return false;
    default:
        fail("step");
    }
}

bool SqlStatement::execute()
{
    return step();
}

bool SqlStatement::next()
{
    return step();
}

qint64 SqlStatement::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QString SqlStatement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

qint64 SqlStatement::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

} // namespace portico::client
