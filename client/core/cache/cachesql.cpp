#include "cache/cachesql.h"

#include "cache/cachedatabase.h"

#include <QSqlError>

namespace portico::client::CacheSql {

namespace {

[[noreturn]] void fail(const QSqlError &error, const QString &sql)
{
    const QString message = error.text() + QLatin1String(" [") + sql.simplified() + QLatin1Char(']');
    throw CacheError(message.toStdString());
}

} // namespace

QSqlQuery prepare(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        fail(query.lastError(), sql);
    return query;
}

void exec(QSqlQuery &query)
{
    if (!query.exec())
        fail(query.lastError(), query.lastQuery());
}

void exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        fail(query.lastError(), sql);
}

QString idText(const Id &id)
{
    return id.toString(QUuid::WithoutBraces);
}

QVariant idValue(const Id &id)
{
    return id.isNull() ? nullText() : QVariant(idText(id));
}

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

QVariant nullInteger()
{
    return QVariant(QMetaType::fromType<qlonglong>());
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? nullText() : QVariant(text);
}

QString timestampText(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timestampFrom(const QVariant &value)
{
    if (value.isNull())
        return {};
    QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return at.isValid() ? at.toUTC() : QDateTime();
}

QByteArray bytes(const QVariant &value)
{
    return value.toByteArray();
}

} // namespace portico::client::CacheSql
