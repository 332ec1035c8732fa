#include "events/feedwatch.h"

#include "storage/changefeed.h"
#include "storage/database.h"

namespace portico::server {

FeedWatch FeedWatch::open(Database &database, const Caller &caller)
{
    return database.read([&caller](QSqlDatabase &tx) {
        FeedWatch watch;
        watch.caller = caller;
        watch.visibility = Visibility::of(tx, caller);
        watch.head = ChangeFeed::head(tx);
        return watch;
    });
}

Visibility FeedWatch::visibilityOf(Database &database, const Caller &caller)
{
    return database.read([&caller](QSqlDatabase &tx) { return Visibility::of(tx, caller); });
}

QString FeedWatch::personalAudience() const
{
    return Audience::user(caller.userId);
}

bool FeedWatch::visibilityMayChange() const noexcept
{
    return caller.role == Role::Buyer || caller.role == Role::SalesRep;
}

} // namespace portico::server
