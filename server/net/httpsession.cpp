#include "httpsession.h"

#include "connectionregistry.h"
#include "events/eventmessages.h"
#include "events/feedwatch.h"
#include "http/apierror.h"
#include "http/gzip.h"
#include "http/router.h"
#include "log/structuredlog.h"
#include "metrics/metrics.h"
#include "requestlog.h"
#include "services.h"
#include "websocketsession.h"

#include <QJsonObject>
#include <QString>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <cctype>
#include <limits>

namespace portico::server {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace asio = boost::asio;

namespace {

// How long a TLS connection waits for the peer's close_notify before the socket closes.
constexpr std::chrono::seconds TlsShutdownTimeout {3};

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

// The peer went away or stopped talking: nothing to answer.
bool isGone(beast::error_code ec)
{
    return ec == http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout
        || ec == asio::ssl::error::stream_truncated || ec == asio::error::connection_reset;
}

} // namespace

template<class Stream>
HttpSession<Stream>::HttpSession(Stream &&stream, SessionContext &context)
    : Connection(context.connections)
    , m_stream(std::move(stream))
    , m_executor(m_stream.get_executor())
    , m_context(context)
{
    beast::error_code ec;
    const auto endpoint = beast::get_lowest_layer(m_stream).socket().remote_endpoint(ec);
    if (!ec)
        m_remote = endpoint.address().to_string();
    m_context.services.metrics.connectionOpened();
}

template<class Stream>
HttpSession<Stream>::~HttpSession()
{
    m_context.services.metrics.connectionClosed();
}

template<class Stream>
void HttpSession<Stream>::start()
{
    asio::dispatch(m_executor, [self = this->shared_from_this()] {
        if constexpr (IsTls<Stream>) {
            beast::get_lowest_layer(self->m_stream).expires_after(self->m_context.options.handshakeTimeout);
            self->m_stream.async_handshake(asio::ssl::stream_base::server,
                                           [self](beast::error_code ec) { self->onHandshake(ec); });
        } else {
            self->readHeader();
        }
    });
}

template<class Stream>
void HttpSession<Stream>::onHandshake(beast::error_code ec)
{
    if (ec) {
        if (ec != asio::error::operation_aborted)
            StructuredLog::info(QStringLiteral("tls handshake failed"),
                                {{QStringLiteral("remote"), QString::fromStdString(m_remote)},
                                 {QStringLiteral("error"), QString::fromStdString(ec.message())}});
        abort();
        return;
    }
    m_encrypted = true;
    readHeader();
}

template<class Stream>
void HttpSession<Stream>::closeGracefully()
{
    asio::dispatch(m_executor, [self = this->shared_from_this()] {
        // A busy connection closes after its reply (reply() sees `stopping`); an idle one has
        // its read cancelled, and onHeader() closes it.
        if (!self->m_closed && self->m_idle)
            beast::get_lowest_layer(self->m_stream).cancel();
    });
}

template<class Stream>
void HttpSession<Stream>::closeNow()
{
    asio::dispatch(m_executor, [self = this->shared_from_this()] { self->abort(); });
}

template<class Stream>
void HttpSession<Stream>::close()
{
    if (m_upgraded)
        return;
    if constexpr (IsTls<Stream>) {
        if (m_encrypted && !m_closed) {
            m_closed = true;
            beast::get_lowest_layer(m_stream).expires_after(TlsShutdownTimeout);
            m_stream.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->abort(); });
            return;
        }
    }
    if (m_lingerOnClose) {
        lingerClose();
        return;
    }
    abort();
}

template<class Stream>
void HttpSession<Stream>::lingerClose()
{
    constexpr auto LingerTimeout = std::chrono::seconds(2);
    m_closed = true;
    beast::error_code ec;
    beast::get_lowest_layer(m_stream).socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    if (ec) {
        abort();
        return;
    }
    m_drain.resize(64 * 1024);
    beast::get_lowest_layer(m_stream).expires_after(LingerTimeout);
    drain();
}

template<class Stream>
void HttpSession<Stream>::drain()
{
    constexpr std::size_t MaxDrained = 16 * 1024 * 1024;
    beast::get_lowest_layer(m_stream).async_read_some(
        asio::buffer(m_drain), [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
            self->m_drained += n;
            if (ec || self->m_drained > MaxDrained) {
                self->abort();
                return;
            }
            self->drain();
        });
}

template<class Stream>
void HttpSession<Stream>::abort()
{
    m_closed = true;
    if (m_upgraded)
        return;
    beast::error_code ec;
    auto &socket = beast::get_lowest_layer(m_stream).socket();
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    socket.close(ec);
}

template<class Stream>
void HttpSession<Stream>::readHeader()
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
    if (m_buffer.size() > 0) {
        readStartedHeader();
        return;
    }
    // A keep-alive connection may wait idleTimeout for the next request; once its first bytes
    // are here, the whole header has headerTimeout (a client that trickles a header is cut off).
    constexpr std::size_t FirstRead = 4096;
    beast::get_lowest_layer(m_stream).expires_after(m_context.options.idleTimeout);
    m_stream.async_read_some(m_buffer.prepare(FirstRead),
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                                 self->m_buffer.commit(n);
                                 if (ec)
                                     self->onHeader(ec);
                                 else
                                     self->readStartedHeader();
                             });
}

template<class Stream>
void HttpSession<Stream>::readStartedHeader()
{
    beast::get_lowest_layer(m_stream).expires_after(m_context.options.headerTimeout);
    http::async_read_header(
        m_stream, m_buffer, *m_parser,
        [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
}

template<class Stream>
void HttpSession<Stream>::onHeader(beast::error_code ec)
{
    if (m_closed || isGone(ec)) {
        abort();
        return;
    }
    if (ec == asio::error::operation_aborted) {
        close(); // drained while idle
        return;
    }
    m_started = std::chrono::steady_clock::now();
    m_idle = false;
    m_request = {};
    m_request.remoteAddress = m_remote;
    m_request.requestId = newRequestId();
    if (ec) {
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
        m_lingerOnClose = true;
        reply(errorResponse(
                  ApiErrorCode::PayloadTooLarge,
                  QStringLiteral("Request body exceeds %1 bytes").arg(static_cast<qulonglong>(limit))),
              true);
        return;
    }
    m_parser->body_limit(limit);
    beast::get_lowest_layer(m_stream).expires_after(m_context.options.bodyTimeout);
    http::async_read(m_stream, m_buffer, *m_parser,
                     [self = this->shared_from_this()](beast::error_code readError, std::size_t) {
                         self->onBody(readError);
                     });
}

template<class Stream>
void HttpSession<Stream>::onBody(beast::error_code ec)
{
    if (ec == http::error::body_limit) {
        m_lingerOnClose = true;
        reply(errorResponse(ApiErrorCode::PayloadTooLarge, QStringLiteral("Request body too large")), true);
        return;
    }
    if (ec) {
        // Timeout, reset or truncated body: the client is gone or misbehaving; nothing was
        // handled, so nothing changed.
        if (isGone(ec) || ec == http::error::partial_message || ec == asio::error::operation_aborted) {
            abort();
            return;
        }
        reply(errorResponse(ApiErrorCode::BadRequest, QStringLiteral("Malformed HTTP request")), true);
        return;
    }
    handle();
}

template<class Stream>
void HttpSession<Stream>::handle()
{
    Request message = m_parser->release();
    m_parser.reset();
    HttpRequest request = toRequest(message);
    request.path = std::move(m_request.path);
    request.query = std::move(m_request.query);
    request.remoteAddress
        = m_context.options.trustedProxies.clientAddress(m_remote, request.header("x-forwarded-for"));
    const auto clientId = request.header("x-request-id");
    request.requestId = !clientId.empty() && clientId.size() <= 64 ? clientId : m_request.requestId;
    if (beast::websocket::is_upgrade(message) && request.path == EventsPath) {
        upgrade(std::move(message), std::move(request));
        return;
    }
    dispatch(std::move(request), message.keep_alive());
}

template<class Stream>
void HttpSession<Stream>::dispatch(HttpRequest request, bool keepAlive)
{
    // Handlers may block on the database: run them on the worker pool, reply on our strand.
    // Compression runs there too, off the I/O threads.
    asio::post(m_context.workers,
               [self = this->shared_from_this(), request = std::move(request), keepAlive]() mutable {
                   HttpResponse response = self->m_context.router.dispatch(request);
                   compressResponse(request.header("accept-encoding"), response);
                   asio::post(self->m_executor,
                              [self, response = std::move(response), request = std::move(request),
                               keepAlive]() mutable {
                                  self->m_request = std::move(request);
                                  self->reply(std::move(response), !keepAlive);
                              });
               });
}

template<class Stream>
void HttpSession<Stream>::upgrade(Request message, HttpRequest request)
{
    // Authentication and the caller's visibility need the database: worker pool.
    asio::post(m_context.workers,
               [self = this->shared_from_this(), message = std::move(message),
                request = std::move(request)]() mutable {
                   std::optional<FeedWatch> watch;
                   HttpResponse refusal;
                   try {
                       if (self->m_context.stopping)
                           throw ApiError(ApiErrorCode::Unavailable,
                                          QStringLiteral("The server is shutting down"));
                       const Caller caller = self->m_context.router.authenticate(request);
                       request.user = caller.login.toStdString();
                       watch = FeedWatch::open(self->m_context.services.database, caller);
                   } catch (const ApiError &error) {
                       refusal = error.toResponse();
                   } catch (const std::exception &e) {
                       StructuredLog::error(
                           QStringLiteral("event stream upgrade failed"),
                           {{QStringLiteral("request_id"), QString::fromStdString(request.requestId)},
                            {QStringLiteral("error"), QString::fromUtf8(e.what())}});
                       refusal = errorResponse(ApiErrorCode::Internal,
                                               QStringLiteral("Internal error; see the server log"));
                   }
                   asio::post(self->m_executor,
                              [self, message = std::move(message), request = std::move(request),
                               watch = std::move(watch), refusal = std::move(refusal)]() mutable {
                                  self->m_request = std::move(request);
                                  if (!watch) {
                                      self->reply(std::move(refusal), true);
                                      return;
                                  }
                                  self->openEvents(std::move(message), std::move(*watch));
                              });
               });
}

template<class Stream>
void HttpSession<Stream>::openEvents(Request message, FeedWatch watch)
{
    if (m_closed)
        return;
    if (m_context.stopping) {
        reply(errorResponse(ApiErrorCode::Unavailable, QStringLiteral("The server is shutting down")), true);
        return;
    }
    m_upgraded = true;
    m_closed = true;
    auto session = std::make_shared<WebSocketSession<Stream>>(
        std::move(m_stream), m_context, std::move(watch), std::move(m_request), m_started);
    m_context.connections.track(session);
    session->run(std::move(message));
}

template<class Stream>
void HttpSession<Stream>::reply(HttpResponse response, bool forceClose)
{
    if (m_closed)
        return;
    const bool closeAfter = forceClose || m_context.stopping;
    if (response.stream && m_request.method != HttpMethod::Head) {
        replyStreamed(std::move(response), closeAfter);
        return;
    }
    m_response.emplace(static_cast<http::status>(response.status), 11);
    m_response->set(http::field::server, "portico-server");
    m_response->set(http::field::content_type, response.contentType);
    m_response->set("X-Request-Id", m_request.requestId);
    for (const auto &[name, value] : response.headers)
        m_response->set(name, value);
    if (m_request.method != HttpMethod::Head)
        m_response->body() = std::move(response.body);
    m_response->keep_alive(!closeAfter);
    m_response->prepare_payload();
    if (m_request.method == HttpMethod::Head)
        m_response->content_length(response.stream ? static_cast<std::uint64_t>(response.stream->size())
                                                   : response.body.size());
    countRequest(m_context.services.metrics, m_request, response.status, m_started);
    beast::get_lowest_layer(m_stream).expires_after(m_context.options.bodyTimeout);
    http::async_write(m_stream, *m_response,
                      [self = this->shared_from_this(), closeAfter](beast::error_code ec, std::size_t bytes) {
                          self->onWritten(closeAfter, ec, bytes);
                      });
}

template<class Stream>
void HttpSession<Stream>::onWritten(bool closeAfter, beast::error_code ec, std::size_t bytes)
{
    logRequest(m_request, m_response ? static_cast<int>(m_response->result_int()) : 0, bytes, m_started);
    m_response.reset();
    if (ec) {
        abort();
        return;
    }
    if (closeAfter) {
        close();
        return;
    }
    readHeader();
}

template<class Stream>
void HttpSession<Stream>::replyStreamed(HttpResponse response, bool closeAfter)
{
    m_streamed.emplace(static_cast<http::status>(response.status), 11);
    m_streamed->set(http::field::server, "portico-server");
    m_streamed->set(http::field::content_type, response.contentType);
    m_streamed->set("X-Request-Id", m_request.requestId);
    for (const auto &[name, value] : response.headers)
        m_streamed->set(name, value);
    m_streamed->keep_alive(!closeAfter);
    m_bodyStream = std::move(response.stream);
    m_streamLeft = std::max<std::int64_t>(m_bodyStream->size(), 0);
    m_streamWritten = 0;
    m_streamed->content_length(static_cast<std::uint64_t>(m_streamLeft));
    m_streamed->body().data = nullptr;
    m_streamed->body().more = true;
    m_serializer.emplace(*m_streamed);
    countRequest(m_context.services.metrics, m_request, response.status, m_started);
    beast::get_lowest_layer(m_stream).expires_after(m_context.options.bodyTimeout);
    http::async_write_header(
        m_stream, *m_serializer,
        [self = this->shared_from_this(), closeAfter](beast::error_code ec, std::size_t bytes) {
            self->onPieceWritten(closeAfter, ec, bytes);
        });
}

template<class Stream>
void HttpSession<Stream>::readPiece(bool closeAfter)
{
    constexpr std::size_t PieceSize = 256 * 1024;
    if (m_streamLeft == 0) {
        writePiece(closeAfter, 0);
        return;
    }
    // Reading may wait on a disk or the database: worker pool; the piece is then written here.
    asio::post(m_context.workers, [self = this->shared_from_this(), closeAfter]() {
        const std::size_t want
            = static_cast<std::size_t>(std::min<std::int64_t>(self->m_streamLeft, PieceSize));
        self->m_piece.resize(want);
        std::size_t got = 0;
        try {
            while (got < want) {
                const std::size_t n = self->m_bodyStream->read(self->m_piece.data() + got, want - got);
                if (n == 0)
                    break;
                got += n;
            }
        } catch (const std::exception &e) {
            StructuredLog::error(
                QStringLiteral("streaming a response failed"),
                {{QStringLiteral("request_id"), QString::fromStdString(self->m_request.requestId)},
                 {QStringLiteral("error"), QString::fromUtf8(e.what())}});
            got = 0;
        }
        asio::post(self->m_executor, [self, closeAfter, got]() {
            if (got == 0) {
                // The promised length can no longer be kept: the client must see a cut.
                self->abort();
                return;
            }
            self->writePiece(closeAfter, got);
        });
    });
}

template<class Stream>
void HttpSession<Stream>::writePiece(bool closeAfter, std::size_t size)
{
    if (m_closed)
        return;
    m_streamLeft -= static_cast<std::int64_t>(size);
    m_streamed->body().data = size > 0 ? m_piece.data() : nullptr;
    m_streamed->body().size = size;
    m_streamed->body().more = m_streamLeft > 0;
    beast::get_lowest_layer(m_stream).expires_after(m_context.options.bodyTimeout);
    http::async_write(m_stream, *m_serializer,
                      [self = this->shared_from_this(), closeAfter](beast::error_code ec, std::size_t bytes) {
                          self->onPieceWritten(closeAfter, ec, bytes);
                      });
}

template<class Stream>
void HttpSession<Stream>::onPieceWritten(bool closeAfter, beast::error_code ec, std::size_t bytes)
{
    m_streamWritten += bytes;
    if (ec == http::error::need_buffer)
        ec = {};
    if (ec || m_serializer->is_done()) {
        logRequest(m_request, static_cast<int>(m_streamed->result_int()), m_streamWritten, m_started);
        m_serializer.reset();
        m_streamed.reset();
        m_bodyStream.reset();
        m_piece = {};
        if (ec) {
            abort();
            return;
        }
        if (closeAfter) {
            close();
            return;
        }
        readHeader();
        return;
    }
    readPiece(closeAfter);
}

template class HttpSession<PlainStream>;
template class HttpSession<TlsStream>;

} // namespace portico::server
