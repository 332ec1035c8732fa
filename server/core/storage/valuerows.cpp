#include "storage/valuerows.h"

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

} // namespace portico::server
