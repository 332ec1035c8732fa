#pragma once

#include "domain/ids.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <functional>
#include <vector>

class QSqlDatabase;
struct sqlite3_stmt;

namespace portico::server {

// The rows of a bulk write. On SQLite they run as one statement per row with the values bound
// through SQLite's C API on the connection's own handle. Qt binds a value in about a
// microsecond, more than SQLite takes to insert it, and looks each placeholder up by a generated
// name; a JSON parameter taken apart with json_each() parses each row again for every column.
// Values land as a bound value would: text as TEXT, ids and "text or null" as NULL when empty,
// integers and booleans as INTEGER.
//
// On PostgreSQL, where each statement is a round trip, insert() runs multi-row statements of
// named values instead (storage/valuerows.h).
//
//   BulkRows rows;
//   rows.row().id(p.id).text(p.name).integer(p.weight);
//   rows.exec(tx, "INSERT INTO t (id, name, weight) VALUES (?1, ?2, ?3) ON CONFLICT ...");  // SQLite
//   rows.insert(tx, "INSERT INTO t (id, name, weight)", " ON CONFLICT ...");  // either backend
class BulkRows final
{
public:
    // A row that the statement returned (RETURNING), valid in the callback only.
    class Returned final
    {
    public:
        explicit Returned(sqlite3_stmt *statement) noexcept
            : m_statement(statement)
        { }
        qint64 integer(int column) const;
        QByteArrayView utf8(int column) const;
        QString text(int column) const;

    private:
        sqlite3_stmt *m_statement;
    };

    explicit BulkRows(qsizetype reserveBytes = 0);

    BulkRows &row(); // starts the next row
    BulkRows &text(QStringView value);
    BulkRows &utf8(QByteArrayView value); // UTF-8 text, as it is
    BulkRows &textOrNull(const QString &value);
    BulkRows &id(const Id &value);
    BulkRows &integer(qint64 value);
    BulkRows &boolean(bool value); // 1 or 0 on SQLite, a boolean on PostgreSQL
    BulkRows &null();

    bool isEmpty() const noexcept { return m_rowStarts.empty(); }
    qsizetype rows() const noexcept { return static_cast<qsizetype>(m_rowStarts.size()); }

    // "(?1, ?2, ..., ?<count>)": one row's VALUES.
    static QString values(int count);

    // Runs `statement`, whose parameters ?1 ... ?N take one row's values, once for each row
    // in the transaction `tx` has open (a QSQLITE connection); `returned` sees every row the
    // statement returns. The statement is prepared once per connection (see Sql). Throws
    // StorageError with SQLite's message. Number the parameters in the order they stand in the
    // statement: Qt prepares it, and the values then bind in that order whatever the numbers
    // say ("SET a = ?1, b = ?3 WHERE c = ?2" gives b the second value).
    void exec(const QSqlDatabase &tx, const QString &statement,
              const std::function<void(const Returned &)> &returned = {}) const;

    // `head` VALUES <the rows> `tail` ("INSERT INTO t (a, b)", " ON CONFLICT DO NOTHING") on
    // either backend: on SQLite through exec(), one statement per row; on PostgreSQL in
    // multi-row statements of at most 900 values. Every row must have the same width.
    void insert(const QSqlDatabase &tx, const QString &head, const QString &tail = QString()) const;

private:
    enum class Kind : unsigned char { Null, Integer, Boolean, Text };
    struct Value
    {
        Kind kind;
        qint64 integer; // or the text's offset in m_text
        qsizetype size;
    };
    BulkRows &add(Kind kind, qint64 integer, qsizetype size = 0);

    QByteArray m_text;
    std::vector<Value> m_values;
    std::vector<std::size_t> m_rowStarts;
};

} // namespace portico::server
