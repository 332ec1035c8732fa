#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace portico::server {

class Router;

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
};

// Asynchronous HTTP/1.1 server: one acceptor, a fixed pool of I/O threads on one io_context,
// one strand per connection, and handlers run on a separate worker pool so that database work
// never blocks the I/O threads.
class HttpServer final
{
public:
    HttpServer(HttpServerOptions options, const Router &router);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    // Binds and starts accepting; throws std::system_error when the address is unusable.
    // With handleSignals, SIGINT and SIGTERM start a graceful stop.
    void start(bool handleSignals = true);
    std::uint16_t port() const;
    // Runs the I/O threads; blocks until the server stopped.
    void run();
    // Graceful stop from any thread: stop accepting, let in-flight requests finish within the
    // drain deadline, close idle connections, then cancel what is left.
    void stop();

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace portico::server
