#include "auth/accesstokencache.h"

namespace portico::server {

std::optional<AccessTokenCache::Entry> AccessTokenCache::find(const QString &tokenHash, qint64 revision)
{
    {
        const std::lock_guard lock(m_mutex);
        if (current(revision)) {
            const auto found = m_entries.constFind(tokenHash);
            if (found != m_entries.cend()) {
                m_hits.fetch_add(1, std::memory_order_relaxed);
                return *found;
            }
        }
    }
    m_misses.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
}

void AccessTokenCache::put(const QString &tokenHash, Entry entry, qint64 revision)
{
    const std::lock_guard lock(m_mutex);
    if (!current(revision))
        return;
    if (m_entries.size() >= MaxEntries)
        m_entries.clear();
    m_entries.insert(tokenHash, std::move(entry));
}

bool AccessTokenCache::current(qint64 revision)
{
    if (revision > m_revision) {
        m_entries.clear();
        m_revision = revision;
    }
    return revision == m_revision;
}

} // namespace portico::server
