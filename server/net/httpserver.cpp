#include "httpserver.h"

#include "connection.h"
#include "connectionregistry.h"
#include "http/router.h"
#include "httpsession.h"
#include "log/structuredlog.h"
#include "metrics/metrics.h"
#include "services.h"
#include "sessioncontext.h"
#include "storage/database.h"
#include "system/threads.h"
#include "tlscontext.h"

#include <QJsonObject>
#include <QString>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <algorithm>
#include <optional>
#include <thread>
#include <vector>

namespace portico::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

int threadsOr(int wanted, int minimum)
{
    if (wanted > 0)
        return wanted;
    return std::max(minimum, static_cast<int>(std::thread::hardware_concurrency()));
}

// How often a draining server looks whether its connections are gone.
constexpr std::chrono::milliseconds DrainPoll {50};
// After the deadline closed what was left, how long to wait for those sessions to end.
constexpr std::chrono::seconds ForcedCloseGrace {2};
// An accept that failed (out of file descriptors) is retried after this pause.
constexpr std::chrono::milliseconds AcceptRetry {100};

} // namespace

class HttpServer::Impl
{
public:
    Impl(HttpServerOptions options, const Router &router, Services &services)
        : m_options(std::move(options))
        , m_services(services)
        , m_context {m_options, router, services, m_workers, m_stopping, m_connections}
        , m_ioc(threadsOr(m_options.ioThreads, 1))
        , m_workers(threadsOr(m_options.workerThreads, 2))
        , m_acceptor(asio::make_strand(m_ioc))
        , m_drainTimer(m_acceptor.get_executor())
        , m_acceptRetryTimer(m_acceptor.get_executor())
    { }

    void start(bool handleSignals)
    {
        if (m_options.tls()) {
            if (m_options.tlsCertificateFile.empty() || m_options.tlsKeyFile.empty())
                throw std::runtime_error("TLS needs both a certificate and a key file");
            m_tls.emplace(makeTlsContext(m_options.tlsCertificateFile, m_options.tlsKeyFile));
        }
        if (handleSignals) {
            // Installed before the port is announced, so a SIGTERM right after start-up drains
            // instead of killing the process.
            m_signals.emplace(m_ioc, SIGINT, SIGTERM);
            m_signals->async_wait([this](const boost::system::error_code &ec, int signal) {
                if (ec)
                    return;
                StructuredLog::info(QStringLiteral("signal received, draining"),
                                    {{QStringLiteral("signal"), signal}});
                stop();
            });
        }
        const tcp::endpoint endpoint(asio::ip::make_address(m_options.host), m_options.port);
        m_acceptor.open(endpoint.protocol());
        m_acceptor.set_option(asio::socket_base::reuse_address(true));
        m_acceptor.bind(endpoint);
        m_acceptor.listen(asio::socket_base::max_listen_connections);
        m_port = m_acceptor.local_endpoint().port();
        accept();
    }

    void run()
    {
        // Worker threads run handlers until the I/O is over and their queue is empty, then give
        // back their database connections (Qt Sql connections belong to their thread).
        auto work = asio::make_work_guard(m_workers);
        std::vector<std::thread> workers;
        const int workerCount = threadsOr(m_options.workerThreads, 2);
        workers.reserve(static_cast<std::size_t>(workerCount));
        for (int i = 0; i < workerCount; ++i) {
            workers.emplace_back([this] {
                nameThisThread("portico-handler");
                m_workers.run();
                m_services.database.releaseThreadConnection();
            });
        }
        const int count = threadsOr(m_options.ioThreads, 1);
        std::vector<std::thread> threads;
        threads.reserve(static_cast<std::size_t>(count - 1));
        for (int i = 1; i < count; ++i)
            threads.emplace_back([this] {
                nameThisThread("portico-io");
                m_ioc.run();
            });
        m_ioc.run();
        for (auto &thread : threads)
            thread.join();
        work.reset();
        for (auto &worker : workers)
            worker.join();
    }

    void stop()
    {
        asio::post(m_acceptor.get_executor(), [this] {
            if (m_stopping.exchange(true))
                return;
            m_services.metrics.setDraining(true);
            boost::system::error_code ec;
            m_acceptor.close(ec);
            m_acceptRetryTimer.cancel();
            if (m_signals)
                m_signals->cancel(ec);
            for (const auto &connection : m_connections.live())
                connection->closeGracefully();
            m_drainDeadline = std::chrono::steady_clock::now() + m_options.drainTimeout;
            watchDrain();
        });
    }

    std::uint16_t port() const { return m_port; }

private:
    void accept()
    {
        m_acceptor.async_accept(
            asio::make_strand(m_ioc), [this](boost::system::error_code ec, tcp::socket socket) {
                if (m_stopping)
                    return;
                if (ec) {
                    if (ec == asio::error::operation_aborted)
                        return;
                    StructuredLog::warning(QStringLiteral("accept failed"),
                                           {{QStringLiteral("error"), QString::fromStdString(ec.message())}});
                    m_acceptRetryTimer.expires_after(AcceptRetry);
                    m_acceptRetryTimer.async_wait([this](boost::system::error_code timerError) {
                        if (!timerError && !m_stopping)
                            accept();
                    });
                    return;
                }
                if (m_tls)
                    open(std::make_shared<HttpSession<TlsStream>>(TlsStream(std::move(socket), *m_tls),
                                                                  m_context));
                else
                    open(std::make_shared<HttpSession<PlainStream>>(PlainStream(std::move(socket)),
                                                                    m_context));
                accept();
            });
    }

    template<class Session>
    void open(const std::shared_ptr<Session> &session)
    {
        m_connections.track(session);
        session->start();
    }

    // Polls until every connection is gone; at the deadline closes what is left.
    void watchDrain()
    {
        m_drainTimer.expires_after(DrainPoll);
        m_drainTimer.async_wait([this](const boost::system::error_code &ec) {
            if (ec || m_connections.count() == 0)
                return;
            if (std::chrono::steady_clock::now() >= m_drainDeadline) {
                if (m_forcedClose) {
                    StructuredLog::warning(
                        QStringLiteral("connections still open after the drain deadline"),
                        {{QStringLiteral("count"), static_cast<qint64>(m_connections.count())}});
                    return;
                }
                StructuredLog::warning(
                    QStringLiteral("drain deadline passed, closing remaining connections"),
                    {{QStringLiteral("count"), static_cast<qint64>(m_connections.count())}});
                m_forcedClose = true;
                m_drainDeadline = std::chrono::steady_clock::now() + ForcedCloseGrace;
                for (const auto &connection : m_connections.live())
                    connection->closeNow();
            }
            watchDrain();
        });
    }

    // Declared before the io_context and the worker pool: sessions that handlers still queued
    // there hold when those are destroyed use the context and uncount themselves here.
    HttpServerOptions m_options;
    Services &m_services;
    std::atomic<bool> m_stopping {false};
    ConnectionRegistry m_connections;
    std::optional<asio::ssl::context> m_tls;
    SessionContext m_context;

    asio::io_context m_ioc;
    asio::io_context m_workers;
    tcp::acceptor m_acceptor;
    asio::steady_timer m_drainTimer;
    asio::steady_timer m_acceptRetryTimer;
    std::optional<asio::signal_set> m_signals;
    std::chrono::steady_clock::time_point m_drainDeadline;
    bool m_forcedClose = false;
    std::uint16_t m_port = 0;
};

HttpServer::HttpServer(HttpServerOptions options, const Router &router, Services &services)
    : m_impl(std::make_unique<Impl>(std::move(options), router, services))
{ }

HttpServer::~HttpServer() = default;

void HttpServer::start(bool handleSignals)
{
    m_impl->start(handleSignals);
}

std::uint16_t HttpServer::port() const
{
    return m_impl->port();
}

void HttpServer::run()
{
    m_impl->run();
}

void HttpServer::stop()
{
    m_impl->stop();
}

} // namespace portico::server
