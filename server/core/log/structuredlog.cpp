#include "log/structuredlog.h"

#include <QDateTime>
#include <QJsonDocument>

#include <atomic>
#include <cstdio>
#include <mutex>

namespace portico::server {

namespace {
std::mutex writeMutex;
std::atomic<bool> enabled {true};
} // namespace

void StructuredLog::info(const QString &message, const QJsonObject &fields)
{
    write("info", message, fields);
}

void StructuredLog::warning(const QString &message, const QJsonObject &fields)
{
    write("warning", message, fields);
}

void StructuredLog::error(const QString &message, const QJsonObject &fields)
{
    write("error", message, fields);
}

void StructuredLog::setEnabled(bool on)
{
    enabled = on;
}

void StructuredLog::write(const char *level, const QString &message, const QJsonObject &fields)
{
    if (!enabled)
        return;
    QJsonObject line = fields;
    line.insert(QStringLiteral("ts"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    line.insert(QStringLiteral("level"), QString::fromLatin1(level));
    line.insert(QStringLiteral("msg"), message);
    QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact);
    bytes.append('\n');
    const std::lock_guard lock(writeMutex);
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace portico::server
