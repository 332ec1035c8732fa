#pragma once

#include <QHash>
#include <QList>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>

namespace portico::server {

// Values read from the database, kept in memory under the revision of the snapshot that read
// them: a number the database counts up with every change of what the values stand on (the
// catalog revision, the access revision). The copy holds one revision at a time. A lookup or an
// insertion at a newer revision empties it and moves on to that one; one at an older revision (a
// snapshot taken before a change) finds nothing and keeps nothing. Past `maxEntries` the copy
// starts again empty. Safe to use from any number of threads.
template<typename Key, typename Value>
class RevisionCache final
{
public:
    explicit RevisionCache(qsizetype maxEntries)
        : m_maxEntries(maxEntries)
    { }
    RevisionCache(const RevisionCache &) = delete;
    RevisionCache &operator=(const RevisionCache &) = delete;

    // Calls found(key, value) for each of `keys` kept at `revision`; returns the others.
    template<typename Found>
    QList<Key> find(const QList<Key> &keys, qint64 revision, Found &&found)
    {
        QList<Key> missing;
        {
            const std::lock_guard lock(m_mutex);
            const bool kept = current(revision);
            for (const Key &key : keys) {
                const auto it = kept ? m_entries.constFind(key) : m_entries.cend();
                if (it != m_entries.cend())
                    found(key, *it);
                else
                    missing.append(key);
            }
        }
        m_hits.fetch_add(static_cast<std::int64_t>(keys.size() - missing.size()), std::memory_order_relaxed);
        m_misses.fetch_add(static_cast<std::int64_t>(missing.size()), std::memory_order_relaxed);
        return missing;
    }

    std::optional<Value> find(const Key &key, qint64 revision)
    {
        std::optional<Value> value;
        find(QList<Key> {key}, revision, [&](const Key &, const Value &kept) { value = kept; });
        return value;
    }

    // Keeps what a snapshot of `revision` read, unless a later revision was seen meanwhile.
    void put(const QList<std::pair<Key, Value>> &entries, qint64 revision)
    {
        const std::lock_guard lock(m_mutex);
        if (!current(revision))
            return;
        if (m_entries.size() + entries.size() > m_maxEntries)
            m_entries.clear();
        for (const auto &[key, value] : entries)
            m_entries.insert(key, value);
    }

    // Lookups answered from memory, and not, since the start.
    std::int64_t hits() const noexcept { return m_hits.load(std::memory_order_relaxed); }
    std::int64_t misses() const noexcept { return m_misses.load(std::memory_order_relaxed); }

private:
    // Moves on to `revision` when it is newer, forgetting every entry; whether the entries are
    // of `revision` (false for an older one).
    bool current(qint64 revision)
    {
        if (revision > m_revision) {
            m_entries.clear();
            m_revision = revision;
        }
        return revision == m_revision;
    }

    const qsizetype m_maxEntries;
    std::mutex m_mutex;
    qint64 m_revision = -1;
    QHash<Key, Value> m_entries;
    std::atomic<std::int64_t> m_hits {0};
    std::atomic<std::int64_t> m_misses {0};
};

} // namespace portico::server
