#pragma once

#include "storage/database.h"
#include "storage/databaseconfig.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace portico::test {

// A fresh database for one test on the backend that PORTICO_TEST_BACKEND selects: "sqlite"
// (the default; a file in a temporary directory) or "postgres" (a uniquely named database,
// dropped by the destructor).
//
// The PostgreSQL server is, in this order: the one PORTICO_TEST_PG_URL_BASE names
// (postgresql://postgres@127.0.0.1:5433/); the cluster `portico-test-pg start` described in
// the state directory PORTICO_TEST_PG_STATE (CTest's postgres fixture); else a cluster this
// process starts on first use and stops at exit.
//
//   TestDatabase db;
//   QVERIFY2(db.create(), qPrintable(db.errorString()));
//   Repository repository(db.database());
//   TestServer server(db.serverArguments());
class TestDatabase final
{
public:
    enum class Backend { Sqlite, Postgres };
    static Backend backend();
    static QString backendName();

    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    // Creates the empty database and, when `migrate`, applies every migration. False with
    // errorString() when the backend is not available.
    [[nodiscard]] bool create(bool migrate = true);
    QString errorString() const { return m_error; }

    // The database, opened on create(). Its connections are per thread: a thread that used it
    // calls releaseThreadConnection() before it ends.
    server::Database &database() { return *m_database; }
    const server::DatabaseConfig &config() const { return m_config; }
    // Another Database object on the same data, as a second server instance would open it.
    std::unique_ptr<server::Database> openAnother() const;
    // The arguments that point a portico-server (TestServer) at the same data:
    // --data-dir DIR on SQLite, --database URL on PostgreSQL.
    QStringList serverArguments() const;

private:
    QTemporaryDir m_dir;
    QString m_postgresBase;
    QString m_postgresName;
    server::DatabaseConfig m_config;
    std::unique_ptr<server::Database> m_database;
    QString m_error;
};

} // namespace portico::test
