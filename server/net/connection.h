#pragma once

namespace portico::server {

class ConnectionRegistry;

// One client connection, HTTP or WebSocket, as the server sees it during a graceful stop.
// Constructing one counts it in the registry, destroying it uncounts it: the server has
// drained when the count is back to zero.
class Connection
{
public:
    explicit Connection(ConnectionRegistry &registry);
    virtual ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Draining: an idle HTTP connection closes, a busy one after its reply; a WebSocket says
    // goodbye with a close frame (1001, going away).
    virtual void closeGracefully() = 0;
    // The drain deadline passed: close now, whatever the connection is doing.
    virtual void closeNow() = 0;

private:
    ConnectionRegistry &m_registry;
};

} // namespace portico::server
