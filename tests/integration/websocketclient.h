#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>

namespace portico::test {

// A WebSocket client for tests, on Beast, driven from the test's thread: every call runs the
// client's own io_context until what it waits for happened or its timeout passed. Messages
// are read continuously into a queue, so waiting for one never cancels anything.
//   WebSocketClient<> client;
//   QCOMPARE(client.open(port, "/api/v1/events", token), 101);
//   auto hello = client.next(1s);
template<class NextLayer = boost::beast::tcp_stream>
class WebSocketClient final
{
public:
    static constexpr bool Tls = !std::is_same_v<NextLayer, boost::beast::tcp_stream>;

    WebSocketClient() requires(!Tls)
        : m_ws(m_ioc)
    { }
    explicit WebSocketClient(boost::asio::ssl::context &tls) requires(Tls)
        : m_ws(m_ioc, tls)
    { }
    ~WebSocketClient()
    {
        boost::beast::get_lowest_layer(m_ws).close();
        m_ioc.restart();
        m_ioc.run_for(std::chrono::milliseconds(200));
    }
    WebSocketClient(const WebSocketClient &) = delete;
    WebSocketClient &operator=(const WebSocketClient &) = delete;

    // Connects to 127.0.0.1:port and upgrades `target`, with "Authorization: Bearer <token>"
    // unless the token is empty. Returns the handshake response's status (101 on success, 0
    // when the connection failed or timed out).
    int open(unsigned short port, const std::string &target, const std::string &token,
             std::chrono::milliseconds timeout = std::chrono::seconds(5))
    {
        namespace asio = boost::asio;
        namespace websocket = boost::beast::websocket;
        bool done = false;
        boost::beast::error_code result;
        const asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
        boost::beast::get_lowest_layer(m_ws).async_connect(endpoint, [&](boost::beast::error_code ec) {
            result = ec;
            done = true;
        });
        if (!finish(done, timeout) || result)
            return 0;
        if constexpr (Tls) {
            done = false;
            m_ws.next_layer().async_handshake(asio::ssl::stream_base::client,
                                              [&](boost::beast::error_code ec) {
                                                  result = ec;
                                                  done = true;
                                              });
            if (!finish(done, timeout) || result)
                return 0;
        }
        m_ws.set_option(websocket::stream_base::decorator([token](websocket::request_type &request) {
            if (!token.empty())
                request.set(boost::beast::http::field::authorization, "Bearer " + token);
        }));
        m_ws.control_callback([this](websocket::frame_type kind, boost::beast::string_view) {
            if (kind == websocket::frame_type::ping)
                ++m_pings;
        });
        done = false;
        m_ws.async_handshake(m_response, "127.0.0.1", target, [&](boost::beast::error_code ec) {
            result = ec;
            done = true;
        });
        if (!finish(done, timeout))
            return 0;
        if (!result)
            readNext();
        return static_cast<int>(m_response.result_int());
    }

    const boost::beast::websocket::response_type &response() const { return m_response; }

    // The next text message, or nullopt when none came within the timeout or the connection
    // closed.
    std::optional<std::string> next(std::chrono::milliseconds timeout)
    {
        runUntil([this] { return !m_messages.empty() || m_closed; }, timeout);
        if (m_messages.empty())
            return std::nullopt;
        std::string message = std::move(m_messages.front());
        m_messages.pop_front();
        return message;
    }

    // Waits for the connection to end; true when it did within the timeout.
    bool waitClosed(std::chrono::milliseconds timeout)
    {
        return runUntil([this] { return m_closed; }, timeout);
    }
    // Keeps the connection serviced (answering pings) for a while.
    void service(std::chrono::milliseconds duration)
    {
        runUntil([] { return false; }, duration);
    }
    bool closed() const { return m_closed; }
    boost::beast::error_code error() const { return m_error; }
    // The close frame the server sent (code 0 when none came).
    boost::beast::websocket::close_reason closeReason() const { return m_ws.reason(); }
    int pings() const { return m_pings; }

private:
    // Waits for an operation whose handler sets `done`; on timeout closes the connection and
    // lets the handler run before returning false, since it refers to the caller's locals.
    bool finish(const bool &done, std::chrono::milliseconds timeout)
    {
        if (runUntil([&] { return done; }, timeout))
            return true;
        boost::beast::get_lowest_layer(m_ws).close();
        runUntil([&] { return done; }, std::chrono::seconds(5));
        return false;
    }

    bool runUntil(const std::function<bool()> &condition, std::chrono::milliseconds timeout)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        m_ioc.restart();
        while (!condition()) {
            const auto now = std::chrono::steady_clock::now();
            if (now >= deadline)
                return false;
            m_ioc.run_one_for(deadline - now);
            if (m_ioc.stopped())
                m_ioc.restart();
        }
        return true;
    }

    void readNext()
    {
        m_ws.async_read(m_buffer, [this](boost::beast::error_code ec, std::size_t) {
            if (ec) {
                m_error = ec;
                m_closed = true;
                return;
            }
            m_messages.push_back(boost::beast::buffers_to_string(m_buffer.data()));
            m_buffer.consume(m_buffer.size());
            readNext();
        });
    }

    boost::asio::io_context m_ioc;
    boost::beast::websocket::stream<NextLayer> m_ws;
    boost::beast::websocket::response_type m_response;
    boost::beast::flat_buffer m_buffer;
    std::deque<std::string> m_messages;
    boost::beast::error_code m_error;
    bool m_closed = false;
    int m_pings = 0;
};

} // namespace portico::test
