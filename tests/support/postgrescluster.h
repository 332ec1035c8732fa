#pragma once

#include "childprocess.h"

#include <QString>

#include <optional>

namespace portico::test {

// A throwaway PostgreSQL cluster: initdb into a fresh temporary directory, trust
// authentication on 127.0.0.1 only, durability off (fsync, synchronous_commit,
// full_page_writes), its Unix socket inside that directory, started on a free port of
// 127.0.0.1. The destructor stops it (pg_ctl stop -m fast) and removes the directory.
//
// initdb and postgres refuse to run as root; when this process is root they run as the
// `postgres` system user (the Debian package creates it), which then owns the directory.
// Binaries come from `pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin.
class PostgresCluster final
{
public:
    PostgresCluster();
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster &) = delete;
    PostgresCluster &operator=(const PostgresCluster &) = delete;

    // initdb, start, and wait until the server accepts connections. False with errorString().
    bool start(int timeoutMs = 60000);
    // Stops the server and removes the directory; the destructor does it unless release()d.
    void stop();
    // Leaves the cluster running when this object goes; whoever holds directory() stops it
    // with stopDirectory().
    void release() { m_released = true; }

    // Stops the cluster, even after this process dies by SIGKILL, as soon as process `pid`
    // is gone: a detached `portico-test-pg watch` process keeps an eye on both.
    bool stopWhenProcessEnds(qint64 pid);

    bool isRunning() const { return m_running; }
    quint16 port() const { return m_port; }
    QString directory() const { return m_directory; }
    // postgresql://postgres@127.0.0.1:PORT/ ; a database's URL is this plus its name.
    QString baseUrl() const;
    QString errorString() const { return m_error; }

    // CREATE DATABASE; returns postgresql://postgres@127.0.0.1:PORT/<name>, or an empty
    // string with errorString() set.
    QString createDatabase(const QString &name);
    bool dropDatabase(const QString &name);

    // The directory holding initdb, pg_ctl and postgres; empty when PostgreSQL is not installed.
    static QString binDirectory();
    // Stops whatever server runs from cluster directory `directory` (immediately: it is
    // throwaway) and removes the directory. For clusters left behind by a killed test run.
    static void stopDirectory(const QString &directory);
    // The watchdog's loop: returns once the cluster in `directory` has stopped, stopping it
    // itself when process `ownerPid` ends first.
    static void watch(const QString &directory, qint64 ownerPid);

private:
    bool createDirectory();
    bool initialize();
    bool writeConfiguration();
    bool startServer(int timeoutMs);
    bool waitUntilAccepting(int timeoutMs);
    void removeDirectory();

    QString m_binDir;
    QString m_directory;
    std::optional<Account> m_account;
    quint16 m_port = 0;
    bool m_running = false;
    bool m_released = false;
    QString m_error;
};

// Databases on any PostgreSQL server given by a base URL such as
// postgresql://postgres@127.0.0.1:5433/ (a cluster of ours or one already running).
namespace postgres {
// The URL of database `name` on the server of `baseUrl` (query options kept).
QString databaseUrl(const QString &baseUrl, const QString &name);
// Runs one statement on the server's maintenance database (the base URL's own database, or
// "postgres"). False with `error` set when the server does not answer or refuses.
bool execute(const QString &baseUrl, const QString &statement, QString *error);
// Names are restricted to [a-z0-9_] so they need no quoting beyond double quotes.
bool createDatabase(const QString &baseUrl, const QString &name, QString *error);
// Drops it even while connections to it remain (WITH (FORCE)).
bool dropDatabase(const QString &baseUrl, const QString &name, QString *error);
} // namespace postgres

// What `portico-test-pg start` leaves in its state directory for the tests it serves and for
// `portico-test-pg stop`: the base URL and the cluster directory.
struct SharedClusterState
{
    QString baseUrl;
    QString directory;

    bool save(const QString &stateDirectory) const;
    static std::optional<SharedClusterState> load(const QString &stateDirectory);
    static void remove(const QString &stateDirectory);
};

} // namespace portico::test
