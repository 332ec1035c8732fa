#pragma once

#include <QByteArrayView>
#include <QString>

#include <memory>

class QSqlDatabase;
struct sqlite3_stmt;

namespace portico::server {

class Sql;

// The statement Qt prepared for `q` (its cache of prepared statements, storage/database.h), as
// SQLite's own handle. Throws StorageError when `q` is not a prepared SQLite statement.
sqlite3_stmt *sqliteStatement(Sql &q, const QString &statement);

// The rows of a SELECT on SQLite, stepped and read through SQLite's C API on the statement Qt
// prepared: text as the UTF-8 it is stored as and integers as they are, where Qt Sql makes a
// QVariant of every value of every row (and a QString of every text) before anyone reads it.
//
//   SqliteRows rows(tx, "SELECT id, seq FROM t WHERE seq > :after ORDER BY seq");
//   rows.bind(":after", cursor);
//   while (rows.next())
//       use(rows.text(0), rows.integer(1));
class SqliteRows final
{
public:
    SqliteRows(const QSqlDatabase &tx, const QString &statement);
    ~SqliteRows();
    SqliteRows(const SqliteRows &) = delete;
    SqliteRows &operator=(const SqliteRows &) = delete;

    SqliteRows &bind(const QString &name, qint64 value);
    // The text is copied.
    SqliteRows &bind(const QString &name, const QString &value);
    // The next row; false after the last. Throws StorageError.
    bool next();
    // Valid until next(): empty for NULL.
    QByteArrayView text(int column) const;
    qint64 integer(int column) const;

private:
    int parameter(const QString &name) const;

    std::unique_ptr<Sql> m_query;
    QString m_statement;
    sqlite3_stmt *m_prepared = nullptr;
};

} // namespace portico::server
