#pragma once

#include <QJsonObject>
#include <QString>

namespace portico::server {

// One JSON object per line on standard error: {"ts": "...", "level": "info", "msg": "...", ...}.
// Safe to call from any thread; a line is never interleaved with another.
class StructuredLog final
{
public:
    static void info(const QString &message, const QJsonObject &fields = {});
    static void warning(const QString &message, const QJsonObject &fields = {});
    static void error(const QString &message, const QJsonObject &fields = {});
    // Silences the log (tests that provoke errors on purpose).
    static void setEnabled(bool enabled);

private:
    static void write(const char *level, const QString &message, const QJsonObject &fields);
};

} // namespace portico::server
