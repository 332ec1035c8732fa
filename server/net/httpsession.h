#pragma once

#include "connection.h"
#include "http/httpmessage.h"
#include "sessioncontext.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace portico::server {

struct FeedWatch;

// One HTTP/1.1 connection on its own strand, over a plain or a TLS stream: the TLS handshake
// within a timeout, a timeout before every read, a body limit chosen per route before the body
// is read, the handler run on the worker pool, gzip for clients that accept it, keep-alive.
// An upgrade request for the event stream is authenticated on the worker pool and then hands
// the stream over to a WebSocketSession.
template<class Stream>
class HttpSession final
    : public Connection
    , public std::enable_shared_from_this<HttpSession<Stream>>
{
public:
    HttpSession(Stream &&stream, SessionContext &context);
    ~HttpSession() override;

    void start();
    void closeGracefully() override;
    void closeNow() override;

private:
    using Request = boost::beast::http::request<boost::beast::http::string_body>;
    using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;
    using Response = boost::beast::http::response<boost::beast::http::string_body>;
    using StreamedResponse = boost::beast::http::response<boost::beast::http::buffer_body>;
    using StreamedSerializer = boost::beast::http::response_serializer<boost::beast::http::buffer_body>;

    void onHandshake(boost::beast::error_code ec);
    void readHeader();
    // Reads the rest of a header whose first bytes are in m_buffer, within the header timeout.
    void readStartedHeader();
    void onHeader(boost::beast::error_code ec);
    void onBody(boost::beast::error_code ec);
    void handle();
    void dispatch(HttpRequest request, bool keepAlive);
    void upgrade(Request message, HttpRequest request);
    void openEvents(Request message, FeedWatch watch);
    void reply(HttpResponse response, bool forceClose);
    void onWritten(bool closeAfter, boost::beast::error_code ec, std::size_t bytes);
    // A response with a ResponseStream body: the header, then one piece at a time, each read
    // on the worker pool and written on the strand, so memory holds one piece.
    void replyStreamed(HttpResponse response, bool closeAfter);
    void readPiece(bool closeAfter);
    void writePiece(bool closeAfter, std::size_t size);
    void onPieceWritten(bool closeAfter, boost::beast::error_code ec, std::size_t bytes);
    // Ends the connection: TLS says close_notify first when it can; then the socket closes.
    void close();
    // Closes the socket at once.
    void abort();
    // Closes after a reply sent before the request's body was read (413): stops sending, then
    // reads and drops what the client is still sending for a moment, so that the reply is not
    // lost to a reset that closing with unread data would cause.
    void lingerClose();
    void drain();

    Stream m_stream;
    // The connection's strand; kept apart because m_stream moves to a WebSocketSession.
    boost::asio::any_io_executor m_executor;
    boost::beast::flat_buffer m_buffer;
    SessionContext &m_context;
    std::optional<Parser> m_parser;
    std::optional<Response> m_response;
    std::optional<StreamedResponse> m_streamed;
    std::optional<StreamedSerializer> m_serializer;
    std::shared_ptr<ResponseStream> m_bodyStream;
    std::vector<char> m_piece;
    std::int64_t m_streamLeft = 0; // bytes of the streamed body not yet read
    std::size_t m_streamWritten = 0; // bytes written of the streamed response
    HttpRequest m_request;
    std::chrono::steady_clock::time_point m_started;
    std::string m_remote;
    bool m_idle = true; // waiting for (the header of) the next request
    bool m_closed = false;
    bool m_lingerOnClose = false; // the reply answers a request whose body was never read
    std::vector<char> m_drain;
    std::size_t m_drained = 0;
    bool m_encrypted = false; // the TLS handshake completed
    bool m_upgraded = false; // m_stream belongs to a WebSocketSession now
};

extern template class HttpSession<PlainStream>;
extern template class HttpSession<TlsStream>;

} // namespace portico::server
