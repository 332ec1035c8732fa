#include "requestlog.h"

#include "log/structuredlog.h"
#include "metrics/metrics.h"

#include <QJsonObject>
#include <QString>

#include <random>

namespace portico::server {

std::string newRequestId()
{
    thread_local std::mt19937_64 generator {std::random_device {}()};
    static constexpr char Hex[] = "0123456789abcdef";
    std::string id(16, '0');
    std::uint64_t value = generator();
    for (auto &c : id) {
        c = Hex[value & 0xF];
        value >>= 4;
    }
    return id;
}

void recordRequest(Metrics &metrics, const HttpRequest &request, int status, std::size_t bytes,
                   std::chrono::steady_clock::time_point started)
{
    countRequest(metrics, request, status, started);
    logRequest(request, status, bytes, started);
}

void countRequest(Metrics &metrics, const HttpRequest &request, int status,
                  std::chrono::steady_clock::time_point started)
{
    metrics.requestFinished(request.method, status, std::chrono::steady_clock::now() - started);
}

void logRequest(const HttpRequest &request, int status, std::size_t bytes,
                std::chrono::steady_clock::time_point started)
{
    const auto elapsed = std::chrono::steady_clock::now() - started;
    const double ms
        = static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count())
        / 1000.0;
    StructuredLog::info(
        QStringLiteral("request"),
        {
            {QStringLiteral("request_id"), QString::fromStdString(request.requestId)},
            {QStringLiteral("user"), QString::fromStdString(request.user)},
            {QStringLiteral("method"), QString::fromLatin1(httpMethodToString(request.method))},
            {QStringLiteral("path"), QString::fromStdString(request.path)},
            {QStringLiteral("status"), status},
            {QStringLiteral("bytes"), static_cast<qint64>(bytes)},
            {QStringLiteral("duration_ms"), ms},
            {QStringLiteral("remote"), QString::fromStdString(request.remoteAddress)},
        });
}

} // namespace portico::server
