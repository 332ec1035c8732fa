#include "connectionregistry.h"

#include "connection.h"

#include <algorithm>

namespace portico::server {

void ConnectionRegistry::track(const std::shared_ptr<Connection> &connection)
{
    const std::lock_guard lock(m_mutex);
    // Forget closed connections now and then, so the list stays near the live count.
    if (m_connections.size() >= 2 * m_count + 64)
        std::erase_if(m_connections, [](const std::weak_ptr<Connection> &weak) { return weak.expired(); });
    m_connections.push_back(connection);
}

std::vector<std::shared_ptr<Connection>> ConnectionRegistry::live() const
{
    std::vector<std::shared_ptr<Connection>> result;
    const std::lock_guard lock(m_mutex);
    result.reserve(m_connections.size());
    for (const auto &weak : m_connections) {
        if (auto connection = weak.lock())
            result.push_back(std::move(connection));
    }
    return result;
}

std::size_t ConnectionRegistry::count() const
{
    const std::lock_guard lock(m_mutex);
    return m_count;
}

void ConnectionRegistry::opened()
{
    const std::lock_guard lock(m_mutex);
    ++m_count;
}

void ConnectionRegistry::closed()
{
    const std::lock_guard lock(m_mutex);
    --m_count;
}

} // namespace portico::server
