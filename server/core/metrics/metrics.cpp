#include "metrics/metrics.h"

#include <algorithm>
#include <charconv>

namespace portico::server {

namespace {

// Prometheus floats: shortest round-trip decimal form.
std::string number(double value)
{
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::string("NaN");
}

double seconds(std::chrono::nanoseconds duration)
{
    return std::chrono::duration<double>(duration).count();
}

void family(std::string &out, const char *name, const char *type, const char *help)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void sample(std::string &out, const char *name, const std::string &labels, const std::string &value)
{
    out += name;
    if (!labels.empty()) {
        out += '{';
        out += labels;
        out += '}';
    }
    out += ' ';
    out += value;
    out += '\n';
}

} // namespace

std::size_t Metrics::counterIndex(HttpMethod method, int status) noexcept
{
    const int clamped = status < FirstStatus || status >= FirstStatus + StatusCount
        ? FirstStatus + StatusCount - 1
        : status;
    return static_cast<std::size_t>(static_cast<int>(method) * StatusCount + (clamped - FirstStatus));
}

void Metrics::requestFinished(HttpMethod method, int status, std::chrono::nanoseconds duration) noexcept
{
    m_requests[counterIndex(method, status)].fetch_add(1, std::memory_order_relaxed);
    const double elapsed = seconds(duration);
    std::size_t bucket = 0;
    while (bucket < DurationBuckets.size() && elapsed > DurationBuckets[bucket])
        ++bucket;
    m_durationBuckets[bucket].fetch_add(1, std::memory_order_relaxed);
    m_durationSumNanos.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(0, duration.count())),
                                 std::memory_order_relaxed);
}

std::string Metrics::render(const Scrape &scrape) const
{
    std::string out;
    out.reserve(4096);

    family(out, "portico_http_requests_total", "counter", "HTTP requests answered, by method and status.");
    for (int m = 0; m < MethodCount; ++m) {
        const auto method = static_cast<HttpMethod>(m);
        for (int s = 0; s < StatusCount; ++s) {
            const auto count
                = m_requests[counterIndex(method, FirstStatus + s)].load(std::memory_order_relaxed);
            if (count == 0)
                continue;
            sample(out, "portico_http_requests_total",
                   "method=\"" + std::string(httpMethodToString(method)) + "\",status=\""
                       + std::to_string(FirstStatus + s) + '"',
                   std::to_string(count));
        }
    }

    family(out, "portico_http_request_duration_seconds", "histogram",
           "Time from a request's header to its response, in seconds.");
    // Buckets are kept per interval and summed here, so that _count always equals +Inf.
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < m_durationBuckets.size(); ++b) {
        cumulative += m_durationBuckets[b].load(std::memory_order_relaxed);
        const std::string bound
            = b < DurationBuckets.size() ? number(DurationBuckets[b]) : std::string("+Inf");
        sample(out, "portico_http_request_duration_seconds_bucket", "le=\"" + bound + '"',
               std::to_string(cumulative));
    }
    sample(out, "portico_http_request_duration_seconds_sum", {},
           number(seconds(std::chrono::nanoseconds(
               static_cast<std::int64_t>(m_durationSumNanos.load(std::memory_order_relaxed))))));
    sample(out, "portico_http_request_duration_seconds_count", {}, std::to_string(cumulative));

    family(out, "portico_db_seconds_total", "counter", "Time spent in database transactions, in seconds.");
    sample(out, "portico_db_seconds_total", "mode=\"read\"", number(seconds(scrape.databaseReadTime)));
    sample(out, "portico_db_seconds_total", "mode=\"write\"", number(seconds(scrape.databaseWriteTime)));
    family(out, "portico_db_writes_total", "counter", "Database writes (one per API call that writes).");
    sample(out, "portico_db_writes_total", {}, std::to_string(scrape.databaseWrites));
    family(out, "portico_db_write_transactions_total", "counter",
           "Write transactions committed or rolled back; on SQLite writes that queue together share one.");
    sample(out, "portico_db_write_transactions_total", {}, std::to_string(scrape.databaseWriteTransactions));
    family(out, "portico_db_writer_cpu_seconds_total", "counter",
           "CPU time of the thread that runs every SQLite write; its rate near 1 means writes are queueing.");
    sample(out, "portico_db_writer_cpu_seconds_total", {}, number(seconds(scrape.databaseWriterCpuTime)));
    if (scrape.databaseWriterNice) {
        family(out, "portico_db_writer_nice", "gauge",
               "Nice value of the thread that runs every SQLite write (lower runs ahead of the handlers; 0 "
               "when the process may not raise it).");
        sample(out, "portico_db_writer_nice", {}, std::to_string(*scrape.databaseWriterNice));
    }
    family(out, "portico_order_terms_total", "counter",
           "Products an order was priced for, by where their terms and prices came from (SQLite keeps them "
           "in memory until the catalog changes).");
    sample(out, "portico_order_terms_total", "source=\"memory\"",
           std::to_string(scrape.orderTermsFromMemory));
    sample(out, "portico_order_terms_total", "source=\"database\"",
           std::to_string(scrape.orderTermsFromDatabase));

    if (scrape.feedHead) {
        family(out, "portico_feed_head", "gauge", "The change feed's latest sequence number.");
        sample(out, "portico_feed_head", {}, std::to_string(*scrape.feedHead));
    }

    family(out, "portico_websocket_clients", "gauge", "Open WebSocket event connections.");
    sample(out, "portico_websocket_clients", {}, std::to_string(webSocketClients()));

    family(out, "portico_http_connections", "gauge", "Open HTTP connections (WebSockets not included).");
    sample(out, "portico_http_connections", {}, std::to_string(httpConnections()));
    return out;
}

} // namespace portico::server
