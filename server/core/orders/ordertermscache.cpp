#include "orders/ordertermscache.h"

namespace portico::server {

QHash<Id, ProductTerms> OrderTermsCache::terms(const QSqlDatabase &tx, const QList<Id> &ids,
                                               const std::optional<PriceType> &priceType)
{
    const CatalogRepository catalog(tx);
    const qint64 revision = catalog.revision();
    if (revision < 0)
        return catalog.productTerms(ids, priceType);

    const Id typeId = priceType ? priceType->id : Id();
    QHash<Id, ProductTerms> result;
    QList<Id> missing;
    {
        const std::lock_guard lock(m_mutex);
        if (revision > m_revision) {
            m_entries.clear();
            m_revision = revision;
        }
        for (const Id &id : ids) {
            const auto found = revision == m_revision ? m_entries.constFind({id, typeId}) : m_entries.cend();
            if (found != m_entries.cend())
                result.insert(id, *found);
            else
                missing.append(id);
        }
    }
    m_hits.fetch_add(static_cast<std::int64_t>(result.size()), std::memory_order_relaxed);
    m_misses.fetch_add(static_cast<std::int64_t>(missing.size()), std::memory_order_relaxed);
    if (!missing.isEmpty()) {
        const QHash<Id, ProductTerms> read = catalog.productTerms(missing, priceType);
        const std::lock_guard lock(m_mutex);
        const bool keep = revision == m_revision;
        if (keep && m_entries.size() + read.size() > MaxEntries)
            m_entries.clear();
        for (auto it = read.cbegin(); it != read.cend(); ++it) {
            result.insert(it.key(), it.value());
            if (keep)
                m_entries.insert({it.key(), typeId}, it.value());
        }
    }
    return result;
}

} // namespace portico::server
