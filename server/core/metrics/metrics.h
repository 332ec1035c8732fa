#pragma once

#include "http/httpmessage.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace portico::server {

// The running server's counters and gauges, rendered in the Prometheus text exposition
// format 0.0.4 by GET /metrics. Every update is a relaxed atomic operation: no locks on the
// request path. Also tells /readyz whether the server is draining.
class Metrics final
{
public:
    static constexpr const char *ContentType = "text/plain; version=0.0.4; charset=utf-8";
    // Upper bounds of the request duration histogram's buckets, in seconds.
    static constexpr std::array<double, 11> DurationBuckets {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                             0.5,   1,    2.5,   5,    10};

    Metrics() = default;
    Metrics(const Metrics &) = delete;
    Metrics &operator=(const Metrics &) = delete;

    // One answered request: counted by method and status, its duration in the histogram.
    void requestFinished(HttpMethod method, int status, std::chrono::nanoseconds duration) noexcept;

    void connectionOpened() noexcept { m_httpConnections.fetch_add(1, std::memory_order_relaxed); }
    void connectionClosed() noexcept { m_httpConnections.fetch_sub(1, std::memory_order_relaxed); }
    void webSocketOpened() noexcept { m_webSocketClients.fetch_add(1, std::memory_order_relaxed); }
    void webSocketClosed() noexcept { m_webSocketClients.fetch_sub(1, std::memory_order_relaxed); }
    std::int64_t httpConnections() const noexcept
    {
        return m_httpConnections.load(std::memory_order_relaxed);
    }
    std::int64_t webSocketClients() const noexcept
    {
        return m_webSocketClients.load(std::memory_order_relaxed);
    }

    // Set when a graceful stop begins: /readyz answers 503 from then on.
    void setDraining(bool draining) noexcept { m_draining.store(draining, std::memory_order_relaxed); }
    bool draining() const noexcept { return m_draining.load(std::memory_order_relaxed); }

    // Values owned elsewhere, read when /metrics is scraped.
    struct Scrape
    {
        std::optional<std::int64_t> feedHead; // absent when the database does not answer
        std::chrono::nanoseconds databaseReadTime {0};
        std::chrono::nanoseconds databaseWriteTime {0};
        std::int64_t databaseWrites = 0;
        std::int64_t databaseWriteTransactions = 0;
        std::chrono::nanoseconds databaseWriterCpuTime {0};
        // Products' order terms found in memory and read from the database (orders/ordertermscache.h).
        std::int64_t orderTermsFromMemory = 0;
        std::int64_t orderTermsFromDatabase = 0;
        // The nice value of SQLite's writer thread; absent before the first write and on PostgreSQL.
        std::optional<int> databaseWriterNice {};
    };
    std::string render(const Scrape &scrape) const;

private:
    static constexpr int MethodCount = static_cast<int>(HttpMethod::Other) + 1;
    static constexpr int FirstStatus = 100;
    static constexpr int StatusCount = 500; // 100..599; anything else is counted as 599
    static std::size_t counterIndex(HttpMethod method, int status) noexcept;

    std::array<std::atomic<std::uint64_t>, MethodCount * StatusCount> m_requests {};
    std::array<std::atomic<std::uint64_t>, DurationBuckets.size() + 1> m_durationBuckets {}; // last: +Inf
    std::atomic<std::uint64_t> m_durationSumNanos {0};
    std::atomic<std::int64_t> m_httpConnections {0};
    std::atomic<std::int64_t> m_webSocketClients {0};
    std::atomic<bool> m_draining {false};
};

} // namespace portico::server
