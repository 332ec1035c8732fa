#pragma once

#include "auth/caller.h"
#include "storage/revisioncache.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace portico::server {

// The callers behind access tokens, kept in memory on SQLite: every request authenticates, and
// each lookup otherwise read the token's and the user's B-tree pages again after the last
// commit (the writer's, of anything) emptied the connection's page cache.
//
// An entry is as new as the access revision it was read with. That revision is a row the
// database counts up itself, by triggers, whenever a token or a user row changes (a logout, a
// refresh, a revocation, a user disabled or given another role, by this server or by the
// command line beside it; migration 15). TokenService::authenticate reads it in the same
// transaction it would read the token in, and uses an entry only when nothing changed since:
// a revoked token or a disabled user is refused at once, never from memory. Expiry is checked
// against the entry's own time. Safe to use from any number of threads.
class AccessTokenCache final
{
public:
    // Entries kept at most: past it the copy starts again empty.
    static constexpr qsizetype MaxEntries = 20'000;

    struct Entry
    {
        Caller caller; // role included
        qint64 expiresAt = 0; // milliseconds since the epoch, UTC
    };

    // The caller of the token with this hash, if it was read at `revision`. A lookup at a newer
    // revision forgets every entry: they describe tokens and users as they were.
    std::optional<Entry> find(const QString &tokenHash, qint64 revision)
    {
        return m_kept.find(tokenHash, revision);
    }
    // Keeps what was read at `revision` (dropped if a later revision was seen meanwhile).
    void put(const QString &tokenHash, Entry entry, qint64 revision)
    {
        m_kept.put({{tokenHash, std::move(entry)}}, revision);
    }

    // Tokens found in memory, and not (read from the database), since the start.
    std::int64_t hits() const noexcept { return m_kept.hits(); }
    std::int64_t misses() const noexcept { return m_kept.misses(); }

private:
    RevisionCache<QString, Entry> m_kept {MaxEntries};
};

} // namespace portico::server
