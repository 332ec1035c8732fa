#pragma once

#include "httpserver.h"

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <atomic>
#include <type_traits>

namespace portico::server {

class ConnectionRegistry;
class Router;
struct Services;

// The two transports a session runs on; HttpSession and WebSocketSession are instantiated for
// both (Beast's "flex" pattern), so plain and TLS connections share all of their logic.
using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
template<class Stream>
inline constexpr bool IsTls = std::is_same_v<Stream, TlsStream>;

// What sessions share with the server that owns them.
struct SessionContext
{
    const HttpServerOptions &options;
    const Router &router;
    Services &services;
    boost::asio::io_context &workers; // run by the worker threads: handlers, database work
    std::atomic<bool> &stopping;
    ConnectionRegistry &connections;
};

} // namespace portico::server
