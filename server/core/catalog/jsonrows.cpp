#include "catalog/jsonrows.h"

#include "catalog/feedjson.h"
#include "storage/jsonstring.h"

#include <QStringList>

namespace portico::server {

JsonRows::JsonRows(qsizetype reserve)
{
    m_json.reserve(reserve + 2);
    m_json += '[';
}

JsonRows &JsonRows::row()
{
    if (m_rows > 0)
        m_json += "],";
    m_json += '[';
    ++m_rows;
    m_firstValue = true;
    return *this;
}

void JsonRows::separate()
{
    if (!m_firstValue)
        m_json += ',';
    m_firstValue = false;
}

JsonRows &JsonRows::text(QStringView value)
{
    separate();
    FeedJson::appendString(m_json, value);
    return *this;
}

JsonRows &JsonRows::utf8(const QByteArray &value)
{
    separate();
    appendJsonString(m_json, value);
    return *this;
}

JsonRows &JsonRows::textOrNull(const QString &value)
{
    if (!value.isEmpty())
        return text(value);
    separate();
    m_json += "null";
    return *this;
}

JsonRows &JsonRows::id(const Id &value)
{
    separate();
    if (value.isNull()) {
        m_json += "null";
    } else {
        m_json += '"';
        m_json += value.toByteArray(QUuid::WithoutBraces);
        m_json += '"';
    }
    return *this;
}

JsonRows &JsonRows::integer(qint64 value)
{
    separate();
    m_json += QByteArray::number(value);
    return *this;
}

QByteArray JsonRows::json() const
{
    return m_rows > 0 ? m_json + "]]" : QByteArrayLiteral("[]");
}

QString jsonRowValues(int count)
{
    QStringList columns;
    columns.reserve(count);
    for (int i = 0; i < count; ++i)
        columns << QStringLiteral("json_extract(r.value, '$[%1]')").arg(i);
    return columns.join(QStringLiteral(", "));
}

} // namespace portico::server
