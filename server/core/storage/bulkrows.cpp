#include "storage/bulkrows.h"

#include "storage/database.h"
#include "storage/sqliterows.h"
#include "storage/storageerror.h"
#include "storage/valuerows.h"

#include <QSqlDriver>
#include <QSqlResult>

#include <sqlite3.h>

namespace portico::server {

namespace {

[[noreturn]] void fail(sqlite3_stmt *prepared, const QString &statement)
{
    const QString message = QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(prepared)));
    sqlite3_reset(prepared);
    sqlite3_clear_bindings(prepared);
    throw StorageError(QStringLiteral("statement failed: %1 [%2]").arg(message, statement));
}

} // namespace

qint64 BulkRows::Returned::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QByteArrayView BulkRows::Returned::utf8(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return text ? QByteArrayView(text, sqlite3_column_bytes(m_statement, column)) : QByteArrayView();
}

QString BulkRows::Returned::text(int column) const
{
    return QString::fromUtf8(utf8(column));
}

QString BulkRows::values(int count)
{
    QString text = QStringLiteral("(");
    for (int i = 1; i <= count; ++i)
        text += (i > 1 ? QStringLiteral(", ?") : QStringLiteral("?")) + QString::number(i);
    return text + QLatin1Char(')');
}

BulkRows::BulkRows(qsizetype reserveBytes)
{
    m_text.reserve(reserveBytes);
}

BulkRows &BulkRows::row()
{
    m_rowStarts.push_back(m_values.size());
    return *this;
}

BulkRows &BulkRows::add(Kind kind, qint64 integer, qsizetype size)
{
    m_values.push_back({kind, integer, size});
    return *this;
}

BulkRows &BulkRows::text(QStringView value)
{
    const qsizetype offset = m_text.size();
    m_text += value.toUtf8();
    return add(Kind::Text, offset, m_text.size() - offset);
}

BulkRows &BulkRows::utf8(QByteArrayView value)
{
    const qsizetype offset = m_text.size();
    m_text.append(value);
    return add(Kind::Text, offset, value.size());
}

BulkRows &BulkRows::textOrNull(const QString &value)
{
    return value.isEmpty() ? null() : text(value);
}

BulkRows &BulkRows::id(const Id &value)
{
    if (value.isNull())
        return null();
    return utf8(value.toByteArray(QUuid::WithoutBraces));
}

BulkRows &BulkRows::integer(qint64 value)
{
    return add(Kind::Integer, value);
}

BulkRows &BulkRows::boolean(bool value)
{
    return add(Kind::Boolean, value ? 1 : 0);
}

BulkRows &BulkRows::null()
{
    return add(Kind::Null, 0);
}

void BulkRows::exec(const QSqlDatabase &tx, const QString &statement,
                    const std::function<void(const Returned &)> &returned) const
{
    if (m_rowStarts.empty())
        return;
    Sql q(tx, statement);
    sqlite3_stmt *const prepared = sqliteStatement(q, statement);
    const int parameters = sqlite3_bind_parameter_count(prepared);
    const char *const text = m_text.constData();
    for (std::size_t r = 0; r < m_rowStarts.size(); ++r) {
        const std::size_t first = m_rowStarts[r];
        const std::size_t end = r + 1 < m_rowStarts.size() ? m_rowStarts[r + 1] : m_values.size();
        if (static_cast<int>(end - first) != parameters)
            throw StorageError(QStringLiteral("row %1 has %2 values for %3 parameters [%4]")
                                   .arg(r)
                                   .arg(end - first)
                                   .arg(parameters)
                                   .arg(statement));
        sqlite3_reset(prepared);
        for (std::size_t v = first; v < end; ++v) {
            const Value &value = m_values[v];
            const int index = static_cast<int>(v - first) + 1;
            int rc = SQLITE_OK;
            switch (value.kind) {
            case Kind::Null:
                rc = sqlite3_bind_null(prepared, index);
                break;
            case Kind::Integer:
            case Kind::Boolean:
                rc = sqlite3_bind_int64(prepared, index, value.integer);
                break;
            case Kind::Text:
                // The bytes stay where they are until the statement is reset below.
                rc = sqlite3_bind_text(prepared, index, text + value.integer, static_cast<int>(value.size),
                                       SQLITE_STATIC);
                break;
            }
            if (rc != SQLITE_OK)
                fail(prepared, statement);
        }
        int rc = sqlite3_step(prepared);
        for (; rc == SQLITE_ROW; rc = sqlite3_step(prepared)) {
            if (returned)
                returned(Returned(prepared));
        }
        if (rc != SQLITE_DONE)
            fail(prepared, statement);
    }
    sqlite3_reset(prepared);
    sqlite3_clear_bindings(prepared);
}

} // namespace portico::server

namespace portico::server {

void BulkRows::insert(const QSqlDatabase &tx, const QString &head, const QString &tail) const
{
    if (m_rowStarts.empty())
        return;
    const auto columns = static_cast<qsizetype>((m_rowStarts.size() > 1 ? m_rowStarts[1] : m_values.size())
                                                - m_rowStarts.front());
    if (tx.driver()->dbmsType() != QSqlDriver::PostgreSQL) {
        exec(tx, head + QStringLiteral(" VALUES ") + values(static_cast<int>(columns)) + tail);
        return;
    }
    if (m_values.size() != m_rowStarts.size() * static_cast<std::size_t>(columns))
        throw StorageError(QStringLiteral("rows of different widths [%1]").arg(head));
    forRowChunks(rows(), columns, [&](qsizetype first, qsizetype count) {
        Sql q(tx, head + QStringLiteral(" VALUES ") + valueRows(count, columns) + tail);
        const auto base = static_cast<std::size_t>(first * columns);
        for (qsizetype i = 0; i < count * columns; ++i) {
            const Value &value = m_values[base + static_cast<std::size_t>(i)];
            const QString &name = valueName(static_cast<int>(i));
            switch (value.kind) {
            case Kind::Null:
                q.bind(name, QVariant(QMetaType(QMetaType::QString)));
                break;
            case Kind::Integer:
                q.bind(name, value.integer);
                break;
            case Kind::Boolean:
                q.bind(name, value.integer != 0);
                break;
            case Kind::Text:
                q.bind(name, QString::fromUtf8(m_text.constData() + value.integer, value.size));
                break;
            }
        }
        q.exec();
    });
}

} // namespace portico::server
