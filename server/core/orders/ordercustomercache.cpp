#include "orders/ordercustomercache.h"

namespace portico::server {

std::optional<OrderCustomerCache::Entry> OrderCustomerCache::find(const Id &customerId, qint64 nowMs)
{
    {
        const std::lock_guard lock(m_mutex);
        const auto found = m_entries.constFind(customerId);
        if (found != m_entries.cend() && nowMs - found->readAtMs < MaxAgeMs && nowMs >= found->readAtMs) {
            m_hits.fetch_add(1, std::memory_order_relaxed);
            return *found;
        }
    }
    m_misses.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
}

void OrderCustomerCache::put(Entry entry)
{
    store(std::move(entry), false);
}

void OrderCustomerCache::replace(Entry entry)
{
    store(std::move(entry), true);
}

void OrderCustomerCache::store(Entry entry, bool always)
{
    const std::lock_guard lock(m_mutex);
    const auto found = m_entries.find(entry.customer.id);
    if (found != m_entries.end()) {
        if (always || found->revision <= entry.revision)
            *found = std::move(entry);
        return;
    }
    if (m_entries.size() >= MaxEntries)
        m_entries.clear();
    const Id id = entry.customer.id;
    m_entries.insert(id, std::move(entry));
}

} // namespace portico::server
