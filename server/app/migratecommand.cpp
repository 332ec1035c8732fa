#include "migratecommand.h"

#include "commonoptions.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace portico::server {

int runMigrateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Apply the database migrations this server knows and print the schema version. "
        "`serve` does the same at start; run this to migrate before starting several instances."));
    parser.addHelpOption();
    const CommonOptions common;
    common.addStorageTo(parser);
    const QCommandLineOption status(QStringLiteral("status"),
                                    QStringLiteral("Only print the versions; change nothing."));
    parser.addOption(status);
    parser.process(arguments);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto config = common.databaseConfig(parser, QStringLiteral("migrate"));
    if (!config)
        return 2;
    try {
        Database database(*config);
        const int before = Migrations::currentVersion(database);
        if (parser.isSet(status)) {
            out << "database " << config->describe() << ": schema version " << before << ", this server "
                << Migrations::latestVersion() << Qt::endl;
            return before == Migrations::latestVersion() ? 0 : 1;
        }
        const int applied = Migrations::apply(database);
        out << "database " << config->describe() << ": schema version "
            << Migrations::currentVersion(database) << " (" << applied << " migration(s) applied)"
            << Qt::endl;
        return 0;
    } catch (const std::exception &e) {
        err << "portico-server migrate: " << e.what() << Qt::endl;
        return 1;
    }
}

} // namespace portico::server
