#include "storage/valuerows.h"

#include "storage/database.h"

#include <QStringList>

namespace portico::server {

const QString &valueName(int n)
{
    static const QStringList names = [] {
        QStringList all;
        for (int i = 0; i < 1000; ++i)
            all << QStringLiteral(":v") + QString::number(i);
        return all;
    }();
    return names.at(n);
}

QString valueRows(qsizetype rows, qsizetype columns)
{
    QString text;
    text.reserve(rows * columns * 6);
    int n = 0;
    for (qsizetype i = 0; i < rows; ++i) {
        text += i > 0 ? QStringLiteral(",(") : QStringLiteral("(");
        for (qsizetype c = 0; c < columns; ++c) {
            if (c > 0)
                text += QLatin1Char(',');
            text += valueName(n++);
        }
        text += QLatin1Char(')');
    }
    return text;
}

void updateKeyedIntegers(const QSqlDatabase &tx, const QString &table, const QString &column,
                         const QString &firstKey, const QString &secondKey, const QList<KeyedInteger> &rows)
{
    constexpr int Columns = 3;
    forRowChunks(rows.size(), Columns, [&](qsizetype start, qsizetype count) {
        Sql update(
            tx,
            QStringLiteral("UPDATE %1 AS t SET %2 = CAST(v.s AS BIGINT) FROM (VALUES %3) AS v (a, b, s) "
                           "WHERE t.%4 = v.a AND t.%5 = v.b")
                .arg(table, column, valueRows(count, Columns), firstKey, secondKey));
        int at = 0;
        for (qsizetype r = start; r < start + count; ++r) {
            const KeyedInteger &row = rows.at(r);
            update.bind(valueName(at), row.first)
                .bind(valueName(at + 1), row.second)
                .bind(valueName(at + 2), row.value);
            at += Columns;
        }
        update.exec();
    });
}

} // namespace portico::server
