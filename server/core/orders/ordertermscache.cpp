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
    QList<Key> keys;
    keys.reserve(ids.size());
    for (const Id &id : ids)
        keys.append({id, typeId});
    QHash<Id, ProductTerms> result;
    const QList<Key> missing = m_kept.find(
        keys, revision, [&](const Key &key, const ProductTerms &terms) { result.insert(key.first, terms); });
    if (!missing.isEmpty()) {
        QList<Id> unread;
        unread.reserve(missing.size());
        for (const Key &key : missing)
            unread.append(key.first);
        const QHash<Id, ProductTerms> read = catalog.productTerms(unread, priceType);
        QList<std::pair<Key, ProductTerms>> entries;
        entries.reserve(read.size());
        for (auto it = read.cbegin(); it != read.cend(); ++it) {
            result.insert(it.key(), it.value());
            entries.append({{it.key(), typeId}, it.value()});
        }
        m_kept.put(entries, revision);
    }
    return result;
}

} // namespace portico::server
