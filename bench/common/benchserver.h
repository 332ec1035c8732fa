#pragma once

#include "blobs/blobstore.h"
#include "events/feednotifier.h"
#include "http/router.h"
#include "httpserver.h"
#include "metrics/metrics.h"
#include "services.h"
#include "storage/database.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <thread>

namespace portico::bench {

// The server's composition root as portico-server serve builds it (server/app/servercommands.cpp),
// on a database the benchmark made: notifier, metrics, services, every API route.
class BenchApp final
{
public:
    explicit BenchApp(server::Database &database, const QString &dataDir);
    ~BenchApp();
    BenchApp(const BenchApp &) = delete;
    BenchApp &operator=(const BenchApp &) = delete;

    server::Router &router() { return m_router; }
    server::Services &services() { return *m_services; }
    server::Database &database() { return m_database; }

    // A fresh access token for a user of the database, as a login would issue it.
    std::string issueToken(const QString &login);

private:
    server::Database &m_database;
    server::FeedNotifier m_notifier;
    server::Metrics m_metrics;
    server::BlobStore m_blobs;
    std::optional<server::Services> m_services;
    server::Router m_router;
};

// The real HTTP server (Boost.Beast, I/O threads, worker pool) of a BenchApp, on an ephemeral
// port of 127.0.0.1, running on a thread of its own until stop().
class BenchServer final
{
public:
    // 0 threads: the server's defaults (one per core; workers at least 2).
    BenchServer(BenchApp &app, int ioThreads = 0, int workerThreads = 0);
    ~BenchServer();
    BenchServer(const BenchServer &) = delete;
    BenchServer &operator=(const BenchServer &) = delete;

    void start();
    void stop();
    std::uint16_t port() const { return m_server->port(); }

private:
    std::unique_ptr<server::HttpServer> m_server;
    std::thread m_thread;
    std::atomic<bool> m_running {false};
};

} // namespace portico::bench
