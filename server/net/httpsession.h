#pragma once

#include "http/httpmessage.h"
#include "httpserver.h"

#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace portico::server {

class Router;

// What sessions share with the server that owns them.
struct SessionContext
{
    const HttpServerOptions &options;
    const Router &router;
    boost::asio::thread_pool &workers;
    std::atomic<bool> &stopping;
    std::function<void()> onSessionClosed;
};

// One HTTP/1.1 connection on its own strand: a timeout before every read, a body limit chosen
// per route before the body is read, the handler run on the worker pool, keep-alive.
class HttpSession final : public std::enable_shared_from_this<HttpSession>
{
public:
    HttpSession(boost::asio::ip::tcp::socket &&socket, SessionContext &context);
    ~HttpSession();

    void start();
    // Closes the connection if it is waiting for a request; a busy one closes after replying.
    void closeIfIdle();
    // Closes the connection now, whatever it is doing (drain deadline passed).
    void closeNow();

private:
    void close();
    using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;
    using Response = boost::beast::http::response<boost::beast::http::string_body>;

    void readHeader();
    void onHeader(boost::beast::error_code ec);
    void onBody(boost::beast::error_code ec);
    void handle();
    void reply(HttpResponse response, bool forceClose);
    void onWritten(bool close, boost::beast::error_code ec, std::size_t bytes);
    void logRequest(int status, std::size_t bytes) const;

    boost::beast::tcp_stream m_stream;
    boost::beast::flat_buffer m_buffer;
    SessionContext &m_context;
    std::optional<Parser> m_parser;
    std::shared_ptr<Response> m_response;
    HttpRequest m_request;
    std::chrono::steady_clock::time_point m_started;
    std::string m_remote;
    bool m_idle = true;
    bool m_closed = false;
};

} // namespace portico::server
