#include "httpsession.h"

#include "http/apierror.h"
#include "http/router.h"
#include "log/structuredlog.h"

#include <QJsonObject>
#include <QString>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include <limits>
#include <random>

namespace portico::server {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace asio = boost::asio;

namespace {

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

HttpRequest toRequest(const http::request<http::string_body> &message)
{
    HttpRequest request;
    request.method = httpMethodFromString(std::string_view(message.method_string()));
    for (const auto &field : message) {
        std::string name(field.name_string());
        for (auto &c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers[std::move(name)] = std::string(field.value());
    }
    request.body = message.body();
    return request;
}

} // namespace

HttpSession::HttpSession(asio::ip::tcp::socket &&socket, SessionContext &context)
    : m_stream(std::move(socket))
    , m_context(context)
{
    beast::error_code ec;
    const auto endpoint = m_stream.socket().remote_endpoint(ec);
    if (!ec)
        m_remote = endpoint.address().to_string();
}

HttpSession::~HttpSession()
{
    if (m_context.onSessionClosed)
        m_context.onSessionClosed();
}

void HttpSession::start()
{
    asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->readHeader(); });
}

void HttpSession::closeIfIdle()
{
    asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] {
        if (self->m_idle)
            self->close();
    });
}

void HttpSession::closeNow()
{
    asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->close(); });
}

void HttpSession::close()
{
    if (m_closed)
        return;
    m_closed = true;
    beast::error_code ec;
    m_stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    m_stream.socket().close(ec);
}

void HttpSession::readHeader()
{
    if (m_closed || m_context.stopping) {
        close();
        return;
    }
    m_idle = true;
    m_parser.emplace();
    m_parser->header_limit(static_cast<std::uint32_t>(m_context.options.headerLimit));
    // The route's limit is applied once the header tells which route this is.
    m_parser->body_limit(std::numeric_limits<std::uint64_t>::max());
    m_stream.expires_after(m_buffer.size() > 0 ? m_context.options.headerTimeout
                                               : m_context.options.idleTimeout);
    http::async_read_header(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
}

void HttpSession::onHeader(beast::error_code ec)
{
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted || m_closed) {
        close();
        return;
    }
    m_started = std::chrono::steady_clock::now();
    m_idle = false;
    m_request = {};
    m_request.remoteAddress = m_remote;
    m_request.requestId = newRequestId();
    if (ec) {
        if (ec == beast::error::timeout) {
            close();
            return;
        }
        const bool tooLarge = ec == http::error::header_limit;
        reply(errorResponse(ApiErrorCode::BadRequest,
                            tooLarge ? QStringLiteral("Request header too large")
                                     : QStringLiteral("Malformed HTTP request")),
              true);
        return;
    }
    const auto &header = m_parser->get();
    const auto method = httpMethodFromString(std::string_view(header.method_string()));
    std::string path;
    std::map<std::string, std::string> query;
    if (!parseRequestTarget(std::string_view(header.target()), path, query)) {
        reply(errorResponse(ApiErrorCode::BadRequest, QStringLiteral("Malformed request target")), true);
        return;
    }
    m_request.method = method;
    m_request.path = path;
    m_request.query = std::move(query);
    const std::size_t limit = m_context.router.bodyLimitFor(method, path);
    const auto declared = m_parser->content_length();
    if (declared && *declared > limit) {
        reply(errorResponse(
                  ApiErrorCode::PayloadTooLarge,
                  QStringLiteral("Request body exceeds %1 bytes").arg(static_cast<qulonglong>(limit))),
              true);
        return;
    }
    m_parser->body_limit(limit);
    m_stream.expires_after(m_context.options.bodyTimeout);
    http::async_read(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](beast::error_code readError, std::size_t) { self->onBody(readError); });
}

void HttpSession::onBody(beast::error_code ec)
{
    if (ec == http::error::body_limit) {
        reply(errorResponse(ApiErrorCode::PayloadTooLarge, QStringLiteral("Request body too large")), true);
        return;
    }
    if (ec) {
        // Timeout, reset or truncated body: the client is gone or misbehaving; nothing was
        // handled, so nothing changed. Answer if the socket still takes it, then close.
        if (ec == beast::error::timeout || ec == http::error::partial_message || ec == asio::error::eof) {
            close();
            return;
        }
        reply(errorResponse(ApiErrorCode::BadRequest, QStringLiteral("Malformed HTTP request")), true);
        return;
    }
    handle();
}

void HttpSession::handle()
{
    auto message = m_parser->release();
    HttpRequest request = toRequest(message);
    request.path = std::move(m_request.path);
    request.query = std::move(m_request.query);
    request.remoteAddress = m_remote;
    const auto clientId = request.header("x-request-id");
    request.requestId = !clientId.empty() && clientId.size() <= 64 ? clientId : m_request.requestId;
    const bool keepAlive = message.keep_alive();
    // Handlers may block on the database: run them on the worker pool, reply on our strand.
    asio::post(m_context.workers,
               [self = shared_from_this(), request = std::move(request), keepAlive]() mutable {
                   HttpResponse response = self->m_context.router.dispatch(request);
                   asio::post(self->m_stream.get_executor(),
                              [self, response = std::move(response), request = std::move(request),
                               keepAlive]() mutable {
                                  self->m_request = std::move(request);
                                  self->reply(std::move(response), !keepAlive);
                              });
               });
}

void HttpSession::reply(HttpResponse response, bool forceClose)
{
    if (m_closed)
        return;
    const bool close = forceClose || m_context.stopping;
    m_response = std::make_shared<Response>(static_cast<http::status>(response.status), 11);
    m_response->set(http::field::server, "portico-server");
    m_response->set(http::field::content_type, response.contentType);
    m_response->set("X-Request-Id", m_request.requestId);
    for (const auto &[name, value] : response.headers)
        m_response->set(name, value);
    if (m_request.method != HttpMethod::Head)
        m_response->body() = std::move(response.body);
    m_response->keep_alive(!close);
    m_response->prepare_payload();
    if (m_request.method == HttpMethod::Head)
        m_response->content_length(response.body.size());
    m_stream.expires_after(m_context.options.bodyTimeout);
    http::async_write(m_stream, *m_response,
                      [self = shared_from_this(), close](beast::error_code ec, std::size_t bytes) {
                          self->onWritten(close, ec, bytes);
                      });
}

void HttpSession::onWritten(bool closeAfter, beast::error_code ec, std::size_t bytes)
{
    logRequest(m_response ? static_cast<int>(m_response->result_int()) : 0, bytes);
    m_response.reset();
    if (ec || closeAfter) {
        close();
        return;
    }
    readHeader();
}

void HttpSession::logRequest(int status, std::size_t bytes) const
{
    const auto elapsed = std::chrono::steady_clock::now() - m_started;
    const double ms
        = static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count())
        / 1000.0;
    StructuredLog::info(
        QStringLiteral("request"),
        {
            {QStringLiteral("request_id"), QString::fromStdString(m_request.requestId)},
            {QStringLiteral("user"), QString::fromStdString(m_request.user)},
            {QStringLiteral("method"), QString::fromLatin1(httpMethodToString(m_request.method))},
            {QStringLiteral("path"), QString::fromStdString(m_request.path)},
            {QStringLiteral("status"), status},
            {QStringLiteral("bytes"), static_cast<qint64>(bytes)},
            {QStringLiteral("duration_ms"), ms},
            {QStringLiteral("remote"), QString::fromStdString(m_remote)},
        });
}

} // namespace portico::server
