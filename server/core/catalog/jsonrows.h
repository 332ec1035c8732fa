#pragma once

#include "domain/ids.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace portico::server {

// The rows of a bulk statement as one JSON array of arrays, for SQLite, where json_each() hands
// them to a single INSERT ... SELECT (see jsonRowValues): Qt binds a value in about a
// microsecond, more than SQLite takes to insert it, and a statement of several hundred named
// values costs a name lookup for each. Values land as a bound value would: text as TEXT, ids and
// "text or null" as NULL when empty, integers and booleans as INTEGER.
class JsonRows final
{
public:
    explicit JsonRows(qsizetype reserve = 0);

    JsonRows &row(); // starts the next row
    JsonRows &text(QStringView value);
    JsonRows &utf8(const QByteArray &value); // UTF-8 text, escaped as needed
    JsonRows &textOrNull(const QString &value);
    JsonRows &id(const Id &value);
    JsonRows &integer(qint64 value);
    JsonRows &boolean(bool value) { return integer(value ? 1 : 0); }

    bool isEmpty() const noexcept { return m_rows == 0; }
    // The array, closed.
    QByteArray json() const;

private:
    void separate();

    QByteArray m_json;
    qsizetype m_rows = 0;
    bool m_firstValue = true;
};

// "json_extract(r.value, '$[0]'), ..., json_extract(r.value, '$[<count - 1>]')": the columns of
// `SELECT ... FROM json_each(CAST(:rows AS TEXT)) r`.
QString jsonRowValues(int count);

} // namespace portico::server
