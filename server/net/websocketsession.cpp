#include "websocketsession.h"

#include "events/eventmessages.h"
#include "log/structuredlog.h"
#include "metrics/metrics.h"
#include "requestlog.h"
#include "services.h"

#include <QJsonObject>
#include <QString>

#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace portico::server {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
namespace asio = boost::asio;

namespace {
// Clients have nothing to say on this stream; what they send anyway is read and dropped.
constexpr std::size_t MaxClientMessage = 4096;
// Keep the read buffer's memory when it is this small; give back more.
constexpr std::size_t KeptBufferCapacity = 512;
// How long the server waits for the client to answer its close frame.
constexpr std::chrono::seconds CloseTimeout {3};
} // namespace

template<class Stream>
WebSocketSession<Stream>::WebSocketSession(Stream &&stream, SessionContext &context, FeedWatch watch,
                                           HttpRequest upgrade, std::chrono::steady_clock::time_point started)
    : Connection(context.connections)
    , m_ws(std::move(stream))
    , m_executor(m_ws.get_executor())
    , m_buffer(MaxClientMessage)
    , m_context(context)
    , m_watch(std::move(watch))
    , m_upgrade(std::move(upgrade))
    , m_started(started)
{ }

template<class Stream>
WebSocketSession<Stream>::~WebSocketSession()
{
    unsubscribe();
    if (m_open)
        m_context.services.metrics.webSocketClosed();
}

template<class Stream>
void WebSocketSession<Stream>::run(beast::http::request<beast::http::string_body> request)
{
    // The WebSocket stream keeps its own time: handshake and close timeouts, and a ping after
    // half the idle timeout without traffic; no pong by the idle timeout ends the connection.
    beast::get_lowest_layer(m_ws).expires_never();
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.idle_timeout = 2
        * std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                m_context.options.webSocketPingInterval);
    timeouts.keep_alive_pings = true;
    m_ws.set_option(timeouts);
    m_ws.set_option(
        websocket::stream_base::decorator([id = m_upgrade.requestId](websocket::response_type &response) {
            response.set(beast::http::field::server, "portico-server");
            response.set("X-Request-Id", id);
        }));
    m_ws.read_message_max(MaxClientMessage);
    m_ws.async_accept(request,
                      [self = this->shared_from_this()](beast::error_code ec) { self->onAccept(ec); });
}

template<class Stream>
void WebSocketSession<Stream>::onAccept(beast::error_code ec)
{
    recordRequest(m_context.services.metrics, m_upgrade, ec ? 400 : 101, 0, m_started);
    m_upgrade = {};
    if (ec)
        return; // Beast answered the failed handshake; the stream closes with this session.
    m_open = true;
    m_context.services.metrics.webSocketOpened();
    subscribe();
    read();
    if (m_context.stopping)
        goAway();
}

template<class Stream>
void WebSocketSession<Stream>::subscribe()
{
    const std::weak_ptr<WebSocketSession> weak = this->shared_from_this();
    const auto executor = m_executor;
    auto subscription = m_context.services.notifier.subscribe(
        std::move(m_watch.visibility), m_watch.personalAudience(),
        [weak, executor](const FeedNotifier::News &news) {
            if (auto self = weak.lock())
                asio::post(executor, [self = std::move(self), news] { self->onNews(news); });
        });
    m_subscription = subscription.id;
    m_watch.visibility = {};
    // News published between the snapshot and the subscription is in the notifier's head.
    m_sentHead = std::max(m_watch.head, subscription.head);
    send(helloEvent(m_sentHead));
}

template<class Stream>
void WebSocketSession<Stream>::read()
{
    m_ws.async_read(
        m_buffer, [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->onRead(ec); });
}

template<class Stream>
void WebSocketSession<Stream>::onRead(beast::error_code ec)
{
    if (ec) {
        // Closed by either side, timed out, or broken: the session ends with its last handler.
        unsubscribe();
        return;
    }
    m_buffer.consume(m_buffer.size());
    if (m_buffer.capacity() > KeptBufferCapacity)
        m_buffer.shrink_to_fit();
    read();
}

template<class Stream>
void WebSocketSession<Stream>::onNews(const FeedNotifier::News &news)
{
    if (!m_open || m_closing)
        return;
    m_pendingHead = std::max(m_pendingHead, news.head);
    if (news.personal && m_watch.visibilityMayChange())
        refreshVisibility();
    sendPending();
}

template<class Stream>
void WebSocketSession<Stream>::refreshVisibility()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    asio::post(m_context.workers, [self = this->shared_from_this()] {
        std::optional<Visibility> visibility;
        try {
            visibility = FeedWatch::visibilityOf(self->m_context.services.database, self->m_watch.caller);
        } catch (const std::exception &e) {
            StructuredLog::warning(QStringLiteral("event stream visibility not refreshed"),
                                   {{QStringLiteral("user"), self->m_watch.caller.login},
                                    {QStringLiteral("error"), QString::fromUtf8(e.what())}});
        }
        asio::post(self->m_executor, [self, visibility = std::move(visibility)]() mutable {
            self->m_refreshing = false;
            if (visibility && self->m_subscription != 0)
                self->m_context.services.notifier.setVisibility(self->m_subscription, std::move(*visibility));
        });
    });
}

template<class Stream>
void WebSocketSession<Stream>::sendPending()
{
    if (m_writing || m_closing || m_pendingHead <= m_sentHead)
        return;
    m_sentHead = m_pendingHead;
    send(feedEvent(m_sentHead));
}

template<class Stream>
void WebSocketSession<Stream>::send(std::string message)
{
    m_outgoing = std::move(message);
    m_writing = true;
    m_ws.text(true);
    m_ws.async_write(
        asio::buffer(m_outgoing),
        [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->onWritten(ec); });
}

template<class Stream>
void WebSocketSession<Stream>::onWritten(beast::error_code ec)
{
    m_writing = false;
    if (ec) {
        unsubscribe();
        return;
    }
    sendPending();
}

template<class Stream>
void WebSocketSession<Stream>::closeGracefully()
{
    // Before the upgrade completes there is nobody to say goodbye to: onAccept() sees
    // `stopping` and closes then.
    asio::dispatch(m_executor, [self = this->shared_from_this()] {
        if (self->m_open)
            self->goAway();
    });
}

template<class Stream>
void WebSocketSession<Stream>::goAway()
{
    if (m_closing)
        return;
    m_closing = true;
    unsubscribe();
    // Beast times the close handshake with the handshake timeout: make it short, a client
    // that does not answer must not hold up the shutdown.
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.handshake_timeout = CloseTimeout;
    timeouts.idle_timeout = websocket::stream_base::none();
    m_ws.set_option(timeouts);
    // The pending read ends when the client answers the close frame (or the close times out).
    m_ws.async_close(websocket::close_reason(websocket::close_code::going_away, "server shutting down"),
                     [self = this->shared_from_this()](beast::error_code) {});
}

template<class Stream>
void WebSocketSession<Stream>::closeNow()
{
    asio::dispatch(m_executor, [self = this->shared_from_this()] {
        self->m_closing = true;
        self->unsubscribe();
        beast::get_lowest_layer(self->m_ws).close();
    });
}

template<class Stream>
void WebSocketSession<Stream>::unsubscribe()
{
    if (m_subscription == 0)
        return;
    m_context.services.notifier.unsubscribe(std::exchange(m_subscription, 0));
}

template class WebSocketSession<PlainStream>;
template class WebSocketSession<TlsStream>;

} // namespace portico::server
