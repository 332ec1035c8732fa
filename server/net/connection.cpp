#include "connection.h"

#include "connectionregistry.h"

namespace portico::server {

Connection::Connection(ConnectionRegistry &registry)
    : m_registry(registry)
{
    m_registry.opened();
}

Connection::~Connection()
{
    m_registry.closed();
}

} // namespace portico::server
