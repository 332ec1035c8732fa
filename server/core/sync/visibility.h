#pragma once

#include <QSqlDatabase>
#include <QStringList>

namespace portico::server {

struct Caller;

// The feed audiences a caller may read. Admins and managers read everything; everyone reads
// "all", their role's and their own; buyers their customer and its price type; sales reps the
// customers assigned to them and those customers' price types. The exchange user reads none.
struct Visibility
{
    bool everything = false;
    QStringList audiences;

    static Visibility of(const QSqlDatabase &tx, const Caller &caller);
    bool allows(const QString &audience) const { return everything || audiences.contains(audience); }
};

} // namespace portico::server
