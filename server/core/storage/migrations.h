#pragma once

#include <QString>

namespace portico::server {

class Database;

// The schema, migrated forward by numbered migrations. Each migration runs in its own
// transaction and is recorded in schema_migrations; on PostgreSQL an advisory lock makes
// instances that start together apply them once.
class Migrations final
{
public:
    // Applies every migration newer than the database's version; returns how many ran.
    static int apply(Database &database);
    // The same, stopping after version `upTo` (a database upgraded from an older server).
    static int apply(Database &database, int upTo);
    static int currentVersion(Database &database);
    static int latestVersion();
    // How many migrations this server knows: latestVersion() unless a number is not taken yet.
    static int knownCount();
};

} // namespace portico::server
