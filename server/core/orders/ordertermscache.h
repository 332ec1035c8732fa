#pragma once

#include "catalog/catalogrepository.h"
#include "storage/revisioncache.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

#include <cstdint>
#include <optional>
#include <utility>

namespace portico::server {

// The terms order pricing reads (CatalogRepository::productTerms: whether a product may be
// ordered, its VAT rate, its price of a price type), which only a catalog change changes, kept
// in memory from one order to the next. On SQLite a transaction that follows another
// connection's commit starts with an empty page cache, so every upload read the B-tree pages of
// its twenty products and their prices again. (What is available the write transaction reads,
// where the pages are warm: orders/orderservice.cpp.)
//
// The copy is tied to the catalog revision (CatalogRepository::revision()), which every write
// of products, prices or price types raises in the write's own transaction: a
// transaction reads the revision of its own snapshot, and uses and adds only entries of that
// revision. A newer revision empties the copy; a transaction that reads an older one (a snapshot
// taken before the change) reads everything from the database. Where the database keeps no
// revision (PostgreSQL), every call reads the database. Safe to use from any number of threads.
class OrderTermsCache final
{
public:
    // Entries kept at most: past it the copy starts again empty (products x price types ordered).
    static constexpr qsizetype MaxEntries = 50'000;

    // The terms of `ids` as `tx` sees them, as CatalogRepository::productTerms gives them.
    QHash<Id, ProductTerms> terms(const QSqlDatabase &tx, const QList<Id> &ids,
                                  const std::optional<PriceType> &priceType);

    // Products' terms found in memory, and read from the database, since the start (/metrics,
    // benchmarks). On PostgreSQL neither counts.
    std::int64_t hits() const noexcept { return m_kept.hits(); }
    std::int64_t misses() const noexcept { return m_kept.misses(); }

private:
    using Key = std::pair<Id, Id>; // product, price type (null without one)

    RevisionCache<Key, ProductTerms> m_kept {MaxEntries};
};

} // namespace portico::server
