#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace portico::server {

class Connection;

// The server's open connections: how many there are, and weak references to them so that a
// graceful stop can reach each one. Thread-safe.
class ConnectionRegistry final
{
public:
    ConnectionRegistry() = default;
    ConnectionRegistry(const ConnectionRegistry &) = delete;
    ConnectionRegistry &operator=(const ConnectionRegistry &) = delete;

    // Makes a connection reachable by live(); it is counted from its construction on.
    void track(const std::shared_ptr<Connection> &connection);
    std::vector<std::shared_ptr<Connection>> live() const;
    std::size_t count() const;

private:
    friend class Connection;
    void opened();
    void closed();

    mutable std::mutex m_mutex;
    std::vector<std::weak_ptr<Connection>> m_connections;
    std::size_t m_count = 0;
};

} // namespace portico::server
