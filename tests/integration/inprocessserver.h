#pragma once

#include "api/systemroutes.h"
#include "blobs/blobstore.h"
#include "events/feedlistener.h"
#include "events/feednotifier.h"
#include "http/router.h"
#include "httpserver.h"
#include "metrics/metrics.h"
#include "services.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QString>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

namespace portico::test {

// A Portico HTTP server inside the test process, on the database backend the test runs on
// (TestDatabase), with the system routes and whatever routes and authenticator the test adds
// to router() before start(). For tests that need a route or a hook no real server has: slow
// handlers, feed writes on demand, short timeouts.
class InProcessServer final
{
public:
    static server::HttpServerOptions defaultOptions()
    {
        server::HttpServerOptions options;
        options.port = 0;
        options.ioThreads = 2;
        options.workerThreads = 4;
        return options;
    }

    explicit InProcessServer(server::HttpServerOptions options = defaultOptions())
        : m_options(std::move(options))
    { }
    ~InProcessServer() { stop(); }
    InProcessServer(const InProcessServer &) = delete;
    InProcessServer &operator=(const InProcessServer &) = delete;

    // The database, the notifier (and on PostgreSQL its listener), the services and the system
    // routes. False with errorString() when the database backend is not available.
    bool create()
    {
        if (!m_database.create()) {
            m_error = m_database.errorString();
            return false;
        }
        server::Database &database = m_database.database();
        m_notifier = std::make_unique<server::FeedNotifier>(database);
        m_listener = std::make_unique<server::FeedListener>(database, *m_notifier);
        if (database.isPostgres() && !m_listener->start()) {
            m_error = QStringLiteral("the feed listener did not connect");
            return false;
        }
        m_blobs = std::make_unique<server::BlobStore>(database, m_dataDir.path());
        m_services.emplace(server::Services {.database = database,
                                             .dataDir = m_dataDir.path(),
                                             .now = [] { return QDateTime::currentMSecsSinceEpoch(); },
                                             .notifier = *m_notifier,
                                             .metrics = m_metrics,
                                             .blobs = *m_blobs});
        server::addSystemRoutes(m_router, *m_services);
        return true;
    }

    server::Router &router() { return m_router; }
    server::Services &services() { return *m_services; }
    server::Database &database() { return m_database.database(); }
    TestDatabase &testDatabase() { return m_database; }
    server::Metrics &metrics() { return m_metrics; }
    server::FeedNotifier &notifier() { return *m_notifier; }
    QString errorString() const { return m_error; }

    // Listens on an ephemeral port of 127.0.0.1 and runs the server on a thread of its own.
    bool start(bool handleSignals = false)
    {
        m_server = std::make_unique<server::HttpServer>(m_options, m_router, *m_services);
        try {
            m_server->start(handleSignals);
        } catch (const std::exception &e) {
            m_error = QString::fromUtf8(e.what());
            return false;
        }
        m_running = true;
        m_thread = std::thread([this] {
            m_server->run();
            m_running = false;
        });
        return true;
    }

    quint16 port() const { return m_server ? m_server->port() : 0; }
    // Starts a graceful stop and returns at once.
    void requestStop()
    {
        if (m_server)
            m_server->stop();
    }
    // Waits until run() returned; false when it did not within the timeout.
    bool waitStopped(int timeoutMs = 15000)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (m_running && !deadline.hasExpired())
            QThread::msleep(10);
        if (m_running)
            return false;
        if (m_thread.joinable())
            m_thread.join();
        return true;
    }
    void stop()
    {
        if (!m_thread.joinable())
            return;
        requestStop();
        waitStopped(60000);
    }

private:
    server::HttpServerOptions m_options;
    TestDatabase m_database;
    QTemporaryDir m_dataDir;
    server::Metrics m_metrics;
    std::unique_ptr<server::BlobStore> m_blobs;
    std::unique_ptr<server::FeedNotifier> m_notifier;
    std::unique_ptr<server::FeedListener> m_listener;
    std::optional<server::Services> m_services;
    server::Router m_router;
    std::unique_ptr<server::HttpServer> m_server;
    std::thread m_thread;
    std::atomic<bool> m_running {false};
    QString m_error;
};

} // namespace portico::test
