#pragma once

#include <QString>

#include <optional>

namespace portico::server {

// Where the data lives: an embedded SQLite file in the data directory (default) or a
// PostgreSQL server given by URL.
struct DatabaseConfig
{
    enum class Kind { Sqlite, Postgres };

    Kind kind = Kind::Sqlite;
    QString sqlitePath; // Sqlite: <data-dir>/portico.db
    QString host; // Postgres
    int port = 5432;
    QString name;
    QString user;
    QString password;
    QString options; // Postgres connect options ("sslmode=require")

    static DatabaseConfig sqlite(const QString &dataDir);
    // postgresql://user:password@host:port/dbname?sslmode=require (also postgres://).
    // nullopt with `error` set when the URL is not one.
    static std::optional<DatabaseConfig> fromUrl(const QString &url, QString *error = nullptr);

    // For logs: the URL without the password.
    QString describe() const;
};

} // namespace portico::server
