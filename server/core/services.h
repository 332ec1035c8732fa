#pragma once

#include <QString>

#include <chrono>
#include <functional>

namespace portico::server {

class Database;

// What handlers get to work with. Created once by the composition root (server/app) and
// passed by reference; no globals.
struct Services
{
    Database &database;
    QString dataDir; // blob store files (SQLite deployments)
    // Milliseconds since the epoch, UTC; tests substitute a controllable clock.
    std::function<qint64()> now;
};

} // namespace portico::server
