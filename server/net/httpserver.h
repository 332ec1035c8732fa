#pragma once

#include "http/trustedproxies.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace portico::server {

class Router;
struct Services;

struct HttpServerOptions
{
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080; // 0: an ephemeral port, see HttpServer::port()
    int ioThreads = 0; // 0: one per core
    int workerThreads = 0; // handler and database work; 0: one per core, at least 2
    std::chrono::milliseconds headerTimeout {10'000};
    std::chrono::milliseconds bodyTimeout {60'000};
    std::chrono::milliseconds idleTimeout {60'000}; // keep-alive wait for the next request
    std::chrono::milliseconds drainTimeout {10'000}; // graceful shutdown deadline
    std::size_t headerLimit = 16 * 1024;
    // HTTPS when both are set (PEM files: certificate chain, unencrypted private key); plain
    // HTTP when both are empty.
    std::string tlsCertificateFile;
    std::string tlsKeyFile;
    std::chrono::milliseconds handshakeTimeout {10'000}; // TLS handshake
    // WebSocket keep-alive: a ping after this long without traffic; a client that has not
    // answered within another interval is dropped.
    std::chrono::milliseconds webSocketPingInterval {30'000};
    // Reverse proxies whose X-Forwarded-For names the client (for the login limits and the log).
    TrustedProxies trustedProxies;

    bool tls() const noexcept { return !tlsCertificateFile.empty() || !tlsKeyFile.empty(); }
};

// Asynchronous HTTP/1.1 server with the event stream WebSocket: one acceptor, a fixed pool of
// I/O threads on one io_context, one strand per connection, plain or TLS, and handlers run on
// a separate worker pool so that database work never blocks the I/O threads.
class HttpServer final
{
public:
    // `services` gives the sessions the database (event stream snapshots), the feed notifier
    // and the metrics; it and `router` must outlive the server.
    HttpServer(HttpServerOptions options, const Router &router, Services &services);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    // Loads the TLS certificate when configured, binds and starts accepting; throws
    // std::runtime_error (std::system_error for the address) when it cannot.
    // With handleSignals, SIGINT and SIGTERM start a graceful stop.
    void start(bool handleSignals = true);
    std::uint16_t port() const;
    // Runs the I/O threads; blocks until the server stopped.
    void run();
    // Graceful stop from any thread: stop accepting, /readyz turns 503, idle connections close,
    // WebSockets get a close frame (going away), in-flight requests finish within the drain
    // deadline; then what is left is closed.
    void stop();

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace portico::server
