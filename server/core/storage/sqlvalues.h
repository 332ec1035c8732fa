#pragma once

#include "domain/ids.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace portico::server {

// Conversions between domain values and the storage's column types (docs: migrations.cpp).
inline QString idText(const Id &id)
{
    return id.isNull() ? QString() : id.toString(QUuid::WithoutBraces);
}

// NULL for a null id, so that optional references stay NULL in the database.
inline QVariant idValue(const Id &id)
{
    return id.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(idText(id));
}

inline Id idFrom(const QVariant &value)
{
    return value.isNull() ? Id() : Id::fromString(value.toString());
}

inline QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

inline qint64 msecs(const QDateTime &at)
{
    return at.isValid() ? at.toMSecsSinceEpoch() : 0;
}

inline QDateTime utcFromMsecs(qint64 ms)
{
    return ms == 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

inline QString compactJson(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

inline QJsonArray jsonArrayFrom(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).array();
}

} // namespace portico::server
