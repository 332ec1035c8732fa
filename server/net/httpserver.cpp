#include "httpserver.h"

#include "http/router.h"
#include "httpsession.h"
#include "log/structuredlog.h"

#include <QJsonObject>
#include <QString>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <list>
#include <mutex>
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
} // namespace

class HttpServer::Impl
{
public:
    Impl(HttpServerOptions options, const Router &router)
        : m_options(std::move(options))
        , m_ioc(threadsOr(m_options.ioThreads, 1))
        , m_workers(static_cast<std::size_t>(threadsOr(m_options.workerThreads, 2)))
        , m_acceptor(asio::make_strand(m_ioc))
        , m_drainTimer(m_ioc)
        , m_context {m_options, router, m_workers, m_stopping, [this] {
                         onSessionClosed();
                     }}
    { }

    void start(bool handleSignals)
    {
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
        const int count = threadsOr(m_options.ioThreads, 1);
        std::vector<std::thread> threads;
        threads.reserve(static_cast<std::size_t>(count - 1));
        for (int i = 1; i < count; ++i)
            threads.emplace_back([this] { m_ioc.run(); });
        m_ioc.run();
        for (auto &thread : threads)
            thread.join();
        m_workers.join();
    }

    void stop()
    {
        asio::post(m_acceptor.get_executor(), [this] {
            if (m_stopping.exchange(true))
                return;
            boost::system::error_code ec;
            m_acceptor.close(ec);
            if (m_signals)
                m_signals->cancel(ec);
            closeIdleSessions();
            m_drainTimer.expires_after(m_options.drainTimeout);
            m_drainTimer.async_wait([this](const boost::system::error_code &timerError) {
                if (timerError)
                    return;
                StructuredLog::warning(
                    QStringLiteral("drain deadline passed, closing remaining connections"));
                closeAllSessions();
            });
            checkDrained();
        });
    }

    std::uint16_t port() const { return m_port; }

private:
    void accept()
    {
        m_acceptor.async_accept(
            asio::make_strand(m_ioc), [this](boost::system::error_code ec, tcp::socket socket) {
                if (ec) {
                    if (ec != asio::error::operation_aborted && !m_stopping)
                        accept();
                    return;
                }
                if (m_stopping)
                    return;
                auto session = std::make_shared<HttpSession>(std::move(socket), m_context);
                {
                    const std::lock_guard lock(m_mutex);
                    m_sessions.remove_if(
                        [](const std::weak_ptr<HttpSession> &weak) { return weak.expired(); });
                    m_sessions.push_back(session);
                    ++m_active;
                }
                session->start();
                accept();
            });
    }

    std::vector<std::shared_ptr<HttpSession>> liveSessions()
    {
        std::vector<std::shared_ptr<HttpSession>> live;
        const std::lock_guard lock(m_mutex);
        for (const auto &weak : m_sessions) {
            if (auto session = weak.lock())
                live.push_back(std::move(session));
        }
        return live;
    }

    void closeIdleSessions()
    {
        for (const auto &session : liveSessions())
            session->closeIfIdle();
    }

    void closeAllSessions()
    {
        for (const auto &session : liveSessions())
            session->closeNow();
    }

    void onSessionClosed()
    {
        {
            const std::lock_guard lock(m_mutex);
            --m_active;
        }
        if (m_stopping)
            asio::post(m_acceptor.get_executor(), [this] { checkDrained(); });
    }

    void checkDrained()
    {
        bool drained = false;
        {
            const std::lock_guard lock(m_mutex);
            drained = m_active == 0;
        }
        if (drained)
            m_drainTimer.cancel();
    }

    HttpServerOptions m_options;
    asio::io_context m_ioc;
    asio::thread_pool m_workers;
    tcp::acceptor m_acceptor;
    asio::steady_timer m_drainTimer;
    std::optional<asio::signal_set> m_signals;
    std::atomic<bool> m_stopping {false};
    SessionContext m_context;
    std::mutex m_mutex;
    std::list<std::weak_ptr<HttpSession>> m_sessions;
    int m_active = 0;
    std::uint16_t m_port = 0;
};

HttpServer::HttpServer(HttpServerOptions options, const Router &router)
    : m_impl(std::make_unique<Impl>(std::move(options), router))
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
