#pragma once

#include "storage/databaseconfig.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include <optional>

class QTextStream;

namespace portico::server {

// The process's standard output and error as Qt text streams, for every command.
QTextStream &standardOutput();
QTextStream &standardError();

// The options every subcommand shares: where to listen and where the data lives.
//
// Each setting comes from, in this order: the command-line flag; the environment
// (PORTICO_LISTEN, PORTICO_DATA_DIR, PORTICO_DATABASE, ...: the flag's name in capitals with
// '-' as '_'); the INI file named by --config or PORTICO_CONFIG (keys as the flags' names:
// "listen = 0.0.0.0:8080", "data-dir = /var/lib/portico"); the default.
struct CommonOptions
{
    QCommandLineOption config {QStringLiteral("config"),
                               QStringLiteral("INI file with settings (keys as the long option names)."),
                               QStringLiteral("FILE")};
    QCommandLineOption listen {QStringLiteral("listen"),
                               QStringLiteral("Address to listen on (default 127.0.0.1:8080)."),
                               QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8080")};
    QCommandLineOption dataDir {
        QStringLiteral("data-dir"),
        QStringLiteral("Directory for the embedded SQLite database and the blob store."),
        QStringLiteral("DIR"), QStringLiteral("./portico-data")};
    QCommandLineOption database {
        QStringLiteral("database"),
        QStringLiteral("PostgreSQL connection URL (postgresql://user:pass@host:port/db) instead of SQLite."),
        QStringLiteral("URL")};

    // --listen, --data-dir and --database.
    void addTo(QCommandLineParser &parser) const;
    // --data-dir and --database: for commands that do not listen.
    void addStorageTo(QCommandLineParser &parser) const;

    // The option's value by flag, environment, config file, default (see above).
    QString value(const QCommandLineParser &parser, const QCommandLineOption &option) const;
    bool isSet(const QCommandLineParser &parser, const QCommandLineOption &option) const;
    // A config file named but unreadable or malformed: the reason; empty when fine.
    QString configError(const QCommandLineParser &parser) const;

    // The database the options name; nullopt (after saying why on standard error) when they
    // name none usable.
    std::optional<DatabaseConfig> databaseConfig(const QCommandLineParser &parser,
                                                 const QString &command) const;
};

} // namespace portico::server
