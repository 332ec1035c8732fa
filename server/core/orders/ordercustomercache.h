#pragma once

#include "domain/customer.h"
#include "domain/ids.h"

#include <QHash>
#include <QJsonObject>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>

namespace portico::server {

// The customers order pricing reads (CustomerRepository::customerAndRevision), with their JSON
// (protocol::toJson), kept in memory from one order to the next: on SQLite each upload's read
// transaction otherwise read the customer's B-tree pages again after the last commit emptied
// its connection's cache.
//
// What an upload is priced against may then be older than the database: that is safe because
// the write transaction reads the customer's revision at commit, which every change of the
// customer's own fields counts up, and prices the upload again when it differs
// (orders/orderservice.cpp); it puts the customer it read there back here. A customer changed
// by another process (another instance on PostgreSQL, the command line) is read again when its
// entry is MaxAgeMs old at the latest. Balances are not kept: they change without a revision,
// and the write transaction reads them. Safe to use from any number of threads.
class OrderCustomerCache final
{
public:
    // Entries kept at most: past it the copy starts again empty.
    static constexpr qsizetype MaxEntries = 20'000;
    // How long an entry is used after it was read.
    static constexpr qint64 MaxAgeMs = 5'000;

    struct Entry
    {
        Customer customer;
        qint64 revision = 0;
        QJsonObject json; // protocol::toJson(customer)
        qint64 readAtMs = 0; // when it was read (Services::now)
    };

    OrderCustomerCache() = default;
    OrderCustomerCache(const OrderCustomerCache &) = delete;
    OrderCustomerCache &operator=(const OrderCustomerCache &) = delete;

    // The customer as last read, unless it was read MaxAgeMs or more before `nowMs`.
    std::optional<Entry> find(const Id &customerId, qint64 nowMs);
    // Keeps `entry` (what a read transaction read) unless a newer revision of the customer is
    // kept already.
    void put(Entry entry);
    // Keeps `entry`, what a write transaction read: the customer as it is now, whatever is kept.
    void replace(Entry entry);

    // Customers found in memory, and not (read from the database), since the start.
    std::int64_t hits() const noexcept { return m_hits.load(std::memory_order_relaxed); }
    std::int64_t misses() const noexcept { return m_misses.load(std::memory_order_relaxed); }

private:
    void store(Entry entry, bool always);

    std::mutex m_mutex;
    QHash<Id, Entry> m_entries;
    std::atomic<std::int64_t> m_hits {0};
    std::atomic<std::int64_t> m_misses {0};
};

} // namespace portico::server
