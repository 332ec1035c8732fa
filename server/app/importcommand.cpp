#include "importcommand.h"

#include "blobs/blobstore.h"
#include "commonoptions.h"
#include "events/feednotifier.h"
#include "exchange/commercemlreader.h"
#include "exchange/exchangeimporter.h"
#include "exchange/exchangerepository.h"
#include "exchange/importerror.h"
#include "metrics/metrics.h"
#include "services.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>
#include <QUuid>

namespace portico::server {

int runImportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Import accounting files into the catalog, prices, stock, customers and orders: CommerceML "
        "2.03-2.10 and 3.x files as 1C exports them (import*.xml, offers*.xml, prices*.xml, rests*.xml, "
        "counterparties, order documents), or CSV files (*.csv; docs/EXCHANGE.md). Each file is imported "
        "whole or not at all, in the order given; images named under import_files/ are taken from the "
        "file's folder. Prints one JSON line per file; exits 1 at the first file that fails."));
    parser.addHelpOption();
    const CommonOptions common;
    common.addStorageTo(parser);
    const QCommandLineOption deactivate(
        QStringLiteral("deactivate"),
        QStringLiteral("After the files, make every product from the accounting system that they did not "
                       "name inactive (for a full catalog)."));
    parser.addOption(deactivate);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Files to import, in order."),
                                 QStringLiteral("FILE..."));
    parser.process(arguments);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        err << "portico-server import: name at least one file" << Qt::endl;
        return 2;
    }
    const auto config = common.databaseConfig(parser, QStringLiteral("import"));
    if (!config)
        return 2;
    const QString dataDir = QDir(common.value(parser, common.dataDir)).absolutePath();
    QDir().mkpath(dataDir);
    try {
        Database database(*config);
        Migrations::apply(database);
        FeedNotifier notifier(database);
        Metrics metrics;
        BlobStore blobs(database, dataDir);
        Services services {.database = database,
                           .dataDir = dataDir,
                           .now = [] { return QDateTime::currentMSecsSinceEpoch(); },
                           .notifier = notifier,
                           .metrics = metrics,
                           .blobs = blobs};
        // Desktops learn of the changes from the feed on their next pull; a running server's
        // notifier nudges them on its own poll of the feed head.
        ExchangeImporter importer(services, {});
        const QString session = QStringLiteral("cli-") + QUuid::createUuid().toString(QUuid::Id128);
        database.write([&](QSqlDatabase &tx) {
            ExchangeSession row;
            row.id = session;
            row.login = QStringLiteral("portico-server import");
            row.remote = QStringLiteral("local");
            row.startedAt = services.now();
            ExchangeRepository(tx).createSession(row);
        });
        int code = 0;
        for (const QString &name : files) {
            ExchangeStep step;
            step.sessionId = session;
            step.at = services.now();
            step.kind = QStringLiteral("cli");
            step.mode = QStringLiteral("import");
            step.fileName = name;
            step.bytes = QFileInfo(name).size();
            QElapsedTimer timer;
            timer.start();
            QJsonObject line {{QStringLiteral("file"), name}};
            try {
                const ImportCounts counts
                    = importer.importFile({QFileInfo(name).absoluteFilePath(), {}, session, {}, true});
                step.counts = counts.toJson();
                step.outcome = QStringLiteral("success");
                line.insert(QStringLiteral("counts"), step.counts);
            } catch (const std::exception &e) {
                step.outcome = QStringLiteral("failure");
                step.error = QString::fromUtf8(e.what());
                line.insert(QStringLiteral("error"), step.error);
                code = 1;
            }
            step.durationMs = timer.elapsed();
            line.insert(QStringLiteral("duration_ms"), step.durationMs);
            database.write([&](QSqlDatabase &tx) { ExchangeRepository(tx).appendStep(step); });
            out << QJsonDocument(line).toJson(QJsonDocument::Compact) << Qt::endl;
            if (code != 0)
                break;
        }
        if (code == 0 && parser.isSet(deactivate)) {
            const int count = importer.deactivate(session);
            out << QJsonDocument(QJsonObject {{QStringLiteral("deactivated"), count}})
                       .toJson(QJsonDocument::Compact)
                << Qt::endl;
        }
        database.write([&](QSqlDatabase &tx) {
            ExchangeRepository(tx).finishSession(
                session, code == 0 ? QStringLiteral("complete") : QStringLiteral("failure"), services.now());
        });
        return code;
    } catch (const std::exception &e) {
        err << "portico-server import: " << e.what() << Qt::endl;
        return 1;
    }
}

} // namespace portico::server
