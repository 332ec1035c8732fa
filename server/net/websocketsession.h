#pragma once

#include "connection.h"
#include "events/feednotifier.h"
#include "events/feedwatch.h"
#include "http/httpmessage.h"
#include "sessioncontext.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace portico::server {

// One client of the event stream (/api/v1/events, see events/eventmessages.h), over a plain or
// a TLS stream taken over from the HttpSession that authenticated the upgrade. It accepts the
// upgrade, says hello with the feed head, subscribes to the FeedNotifier, and sends a feed
// nudge whenever the notifier wakes it with a head the client has not been told yet. Beast
// pings an idle client every ping interval and drops one that does not answer.
//
// An idle connection holds little: the WebSocket stream (Beast reads frames through a small
// fixed buffer), an empty read buffer, one short outgoing message, the caller, and the
// notifier's entry with the caller's audiences. No threads or timers of its own beyond the
// stream's one.
template<class Stream>
class WebSocketSession final
    : public Connection
    , public std::enable_shared_from_this<WebSocketSession<Stream>>
{
public:
    // `upgrade` is the upgrade request (for the request log), `started` when its header came.
    WebSocketSession(Stream &&stream, SessionContext &context, FeedWatch watch, HttpRequest upgrade,
                     std::chrono::steady_clock::time_point started);
    ~WebSocketSession() override;

    // Accepts the upgrade request and starts the conversation.
    void run(boost::beast::http::request<boost::beast::http::string_body> request);
    // Says goodbye with a close frame: 1001, going away.
    void closeGracefully() override;
    void closeNow() override;

private:
    void onAccept(boost::beast::error_code ec);
    void subscribe();
    void read();
    void onRead(boost::beast::error_code ec);
    void onNews(const FeedNotifier::News &news);
    void refreshVisibility();
    void send(std::string message);
    void sendPending();
    void onWritten(boost::beast::error_code ec);
    void goAway();
    void unsubscribe();

    // permessage-deflate stays out: its zlib state would cost far more than the messages save.
    boost::beast::websocket::stream<Stream, false> m_ws;
    boost::asio::any_io_executor m_executor;
    boost::beast::flat_buffer m_buffer;
    SessionContext &m_context;
    FeedWatch m_watch;
    HttpRequest m_upgrade; // cleared once logged
    std::chrono::steady_clock::time_point m_started;
    std::string m_outgoing;
    FeedNotifier::SubscriptionId m_subscription = 0;
    qint64 m_sentHead = 0;
    qint64 m_pendingHead = 0;
    bool m_open = false;
    bool m_writing = false;
    bool m_closing = false;
    bool m_refreshing = false;
};

extern template class WebSocketSession<PlainStream>;
extern template class WebSocketSession<TlsStream>;

} // namespace portico::server
