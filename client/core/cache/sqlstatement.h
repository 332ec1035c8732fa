#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringEncoder>
#include <QVariant>

#include <vector>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace portico::client {

// Whether the connection is inside a transaction (SQLite's autocommit is off): a
// CacheTransaction's commit inside another one commits nothing yet. Throws CacheError for a
// connection that is not an open SQLite one.
bool inTransaction(QSqlDatabase &db);

// A statement on the cache connection's own SQLite handle, for the writers that run once per
// synced row: binding through SQLite's C API costs a fraction of QSqlQuery's, which wraps every
// value in a QVariant and looks each placeholder up by a generated name. It runs inside
// whatever transaction the connection has open, like any QSqlQuery on it. Failures throw
// CacheError with SQLite's message and the statement.
class SqlStatement final
{
public:
    // Prepares `sql` (UTF-8) on `db`, which must be a QSQLITE connection.
    SqlStatement(QSqlDatabase &db, const char *sql);
    ~SqlStatement();
    SqlStatement(const SqlStatement &) = delete;
    SqlStatement &operator=(const SqlStatement &) = delete;

    // Clears the previous run; bind after this. Indexes are 0-based, as QSqlQuery's.
    void reset();
    void bindNull(int index);
    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, static_cast<qint64>(value)); }
    void bind(int index, bool value) { bind(index, static_cast<qint64>(value)); }
    void bind(int index, const QString &text); // a null QString binds an empty text
    void bind(int index, QByteArrayView utf8); // UTF-8 text, copied
    void bind(int index, const QByteArray &utf8) { bind(index, QByteArrayView(utf8)); }
    // NULL for a null QVariant; else an integer, a text or UTF-8 bytes by its type.
    void bind(int index, const QVariant &value);

    // Runs the statement up to its first result row: true when there is one (then read it with
    // the column functions and go on with next()), false when it has finished.
    bool execute();
    bool next();

    qint64 int64(int column) const;
    QString text(int column) const;
    // The rowid of the connection's last INSERT.
    qint64 lastInsertRowId() const;

private:
    [[noreturn]] void fail(const char *what) const;
    bool step();

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QStringEncoder m_encoder {QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
    std::vector<QByteArray> m_texts; // the UTF-8 of each parameter bound from a QString
};

} // namespace portico::client
