#include "servercommands.h"

#include "api/routes.h"
#include "http/router.h"
#include "httpserver.h"
#include "log/structuredlog.h"
#include "services.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>
#include <exception>

namespace portico::server {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

struct CommonOptions
{
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

    void addTo(QCommandLineParser &parser) const
    {
        parser.addOption(listen);
        parser.addOption(dataDir);
        parser.addOption(database);
    }

    // The database the options name; nullopt (after saying why) when they name none usable.
    std::optional<DatabaseConfig> databaseConfig(const QCommandLineParser &parser,
                                                 const QString &command) const
    {
        if (!parser.isSet(database))
            return DatabaseConfig::sqlite(parser.value(dataDir));
        QString error;
        auto config = DatabaseConfig::fromUrl(parser.value(database), &error);
        if (!config)
            err() << "portico-server " << command << ": --database: " << error << Qt::endl;
        return config;
    }
};

qint64 systemNow()
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool parseListen(const QString &text, HttpServerOptions &options)
{
    const auto colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    options.host = host.toStdString();
    options.port = static_cast<std::uint16_t>(port);
    return true;
}

int serve(const QStringList &arguments, const QString &name, const QString &description)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    const CommonOptions common;
    common.addTo(parser);
    parser.process(arguments);

    HttpServerOptions options;
    if (!parseListen(parser.value(common.listen), options)) {
        err() << name << ": --listen expects HOST:PORT, got " << parser.value(common.listen) << Qt::endl;
        return 2;
    }
    const auto config = common.databaseConfig(parser, name);
    if (!config)
        return 2;
    const QString dataDir = QDir(parser.value(common.dataDir)).absolutePath();
    QDir().mkpath(dataDir);
    Database database(*config);
    try {
        const int applied = Migrations::apply(database);
        StructuredLog::info(QStringLiteral("database ready"),
                            {{QStringLiteral("database"), config->describe()},
                             {QStringLiteral("migrations_applied"), applied},
                             {QStringLiteral("schema_version"), Migrations::latestVersion()}});
    } catch (const std::exception &e) {
        err() << name << ": database " << config->describe() << ": " << e.what() << Qt::endl;
        return 1;
    }
    Services services {database, dataDir, systemNow};
    Router router;
    addAllRoutes(router, services);
    HttpServer server(options, router);
    try {
        server.start();
    } catch (const std::exception &e) {
        err() << name << ": cannot listen on " << parser.value(common.listen) << ": " << e.what() << Qt::endl;
        return 1;
    }
    StructuredLog::info(QStringLiteral("listening"),
                        {{QStringLiteral("host"), QString::fromStdString(options.host)},
                         {QStringLiteral("port"), server.port()}});
    server.run();
    StructuredLog::info(QStringLiteral("stopped"));
    return 0;
}

void printUsage()
{
    out() << "Usage: portico-server <command> [options]\n\n"
             "Commands:\n"
             "  serve    Serve the Portico API.\n"
             "  demo     Serve a generated demo data set on an embedded database.\n\n"
             "Run 'portico-server <command> --help' for the options of a command.\n";
    out().flush();
}

} // namespace

int runCommand(const QStringList &arguments)
{
    if (arguments.size() < 2 || arguments.at(1) == QLatin1String("--help")
        || arguments.at(1) == QLatin1String("-h")) {
        printUsage();
        return arguments.size() < 2 ? 2 : 0;
    }
    if (arguments.at(1) == QLatin1String("--version")) {
        out() << "portico-server " << PORTICO_VERSION << Qt::endl;
        return 0;
    }
    const QString command = arguments.at(1);
    QStringList rest = arguments;
    rest.removeAt(1);
    rest[0] = QStringLiteral("portico-server ") + command;
    if (command == QLatin1String("serve"))
        return serve(rest, command, QStringLiteral("Serve the Portico API."));
    if (command == QLatin1String("demo"))
        return serve(
            rest, command,
            QStringLiteral("Serve a generated demo data set on an embedded database in --data-dir."));
    err() << "portico-server: unknown command '" << command << "'\n";
    printUsage();
    return 2;
}

} // namespace portico::server
