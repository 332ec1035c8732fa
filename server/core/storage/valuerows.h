#pragma once

#include <QList>
#include <QString>

#include <algorithm>

class QSqlDatabase;

namespace portico::server {

// Multi-row statements with named values: "(:v0,:v1),(:v2,:v3)". Qt binds a name with one
// lookup, where binding by position costs it a formatted placeholder name for every value.

// The name of the n-th value (":v<n>", n < 1000), made once.
const QString &valueName(int n);

// `rows` rows of `columns` values each, named from :v0 on.
QString valueRows(qsizetype rows, qsizetype columns);

// Runs `fn(first, count)` over `total` rows in statements of at most 900 values: under
// SQLite's oldest limit of 999 variables, and far under PostgreSQL's 65535.
template<typename Fn>
void forRowChunks(qsizetype total, qsizetype columns, Fn &&fn)
{
    const qsizetype chunk = std::max<qsizetype>(1, 900 / columns);
    for (qsizetype start = 0; start < total; start += chunk)
        fn(start, std::min(chunk, total - start));
}

// One row's two keys and the integer it is to hold.
struct KeyedInteger
{
    QString first;
    QString second;
    qint64 value = 0;
};

// PostgreSQL: sets the BIGINT `column` of the rows of `table` whose (firstKey, secondKey) are
// each entry's keys, in UPDATE ... FROM (VALUES ...) statements of a few hundred rows: one round
// trip where a statement per row took one each.
void updateKeyedIntegers(const QSqlDatabase &tx, const QString &table, const QString &column,
                         const QString &firstKey, const QString &secondKey, const QList<KeyedInteger> &rows);

} // namespace portico::server
