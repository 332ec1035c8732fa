#pragma once

#include "auth/caller.h"
#include "sync/visibility.h"

#include <QString>

namespace portico::server {

class Database;

// What one client of the event stream (/api/v1/events) hears about: who they are, the feed
// audiences they may read, and the feed head when they connected.
struct FeedWatch
{
    Caller caller;
    Visibility visibility;
    qint64 head = 0;

    // Reads the caller's visibility and the feed head in one snapshot.
    static FeedWatch open(Database &database, const Caller &caller);
    // Re-reads the visibility (a customer assigned to a rep, a buyer's new price type).
    static Visibility visibilityOf(Database &database, const Caller &caller);

    // The caller's own audience: news for it may change what the caller may see.
    QString personalAudience() const;
    // Whether the visibility depends on data that can change while the client is connected.
    bool visibilityMayChange() const noexcept;
};

} // namespace portico::server
