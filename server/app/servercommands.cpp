#include "servercommands.h"

#include "api/routes.h"
#include "blobs/blobstore.h"
#include "commonoptions.h"
#include "demo/demodataset.h"
#include "events/feedlistener.h"
#include "events/feednotifier.h"
#include "http/router.h"
#include "httpserver.h"
#include "importcommand.h"
#include "log/structuredlog.h"
#include "metrics/metrics.h"
#include "migratecommand.h"
#include "releasecommand.h"
#include "services.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "usercommand.h"

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
    return standardOutput();
}

QTextStream &err()
{
    return standardError();
}

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

// The demo's data: generated on the first start (when the database has no catalog), served as
// it is afterwards; its users are printed on standard output. Returns an exit code, 0 to go on.
int prepareDemo(Database &database, BlobStore &blobs, const QString &products, const QString &name)
{
    DemoDataSet::Options options;
    options.pictures = &blobs;
    bool ok = false;
    options.productCount = products.toInt(&ok);
    if (!ok || options.productCount < 1) {
        err() << name << ": --products expects a positive number, got " << products << Qt::endl;
        return 2;
    }
    try {
        if (!DemoDataSet::hasCatalog(database)) {
            const DemoDataSet::Summary summary = DemoDataSet::generate(database, options);
            StructuredLog::info(QStringLiteral("demo data generated"),
                                {{QStringLiteral("products"), summary.products},
                                 {QStringLiteral("customers"), summary.customers},
                                 {QStringLiteral("orders"), summary.orders},
                                 {QStringLiteral("pictures"), summary.pictures},
                                 {QStringLiteral("feed_changes"), summary.feedChanges},
                                 {QStringLiteral("duration_ms"), summary.elapsedMs}});
        }
        out() << DemoDataSet::loginTable(DemoDataSet::logins(database));
        out().flush();
    } catch (const std::exception &e) {
        err() << name << ": demo data: " << e.what() << Qt::endl;
        return 1;
    }
    return 0;
}

int serve(const QStringList &arguments, const QString &name, const QString &description, bool demo = false)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    const CommonOptions common;
    common.addTo(parser);
    const QCommandLineOption tlsCert {
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve HTTPS with this certificate chain (PEM); needs --tls-key."),
        QStringLiteral("FILE")};
    const QCommandLineOption tlsKey {QStringLiteral("tls-key"),
                                     QStringLiteral("The private key (PEM, unencrypted) of --tls-cert."),
                                     QStringLiteral("FILE")};
    parser.addOption(tlsCert);
    parser.addOption(tlsKey);
    const QCommandLineOption trustedProxies {
        QStringLiteral("trusted-proxies"),
        QStringLiteral("Reverse proxies (addresses or networks, e.g. 10.0.0.0/8,::1) whose X-Forwarded-For "
                       "names the client; from anyone else the header is ignored."),
        QStringLiteral("LIST")};
    parser.addOption(trustedProxies);
    const QCommandLineOption exchangeEncoding {
        QStringLiteral("exchange-encoding"),
        QStringLiteral("Encoding of the orders handed to 1C: UTF-8 (default) or windows-1251."),
        QStringLiteral("NAME"), QStringLiteral("UTF-8")};
    const QCommandLineOption exchangeUploadLimit {
        QStringLiteral("exchange-upload-limit"),
        QStringLiteral("Megabytes one 1C exchange may upload, zips unpacked (default 2048)."),
        QStringLiteral("MB"), QStringLiteral("2048")};
    const QCommandLineOption exchangeProgressWait {
        QStringLiteral("exchange-progress-wait"),
        QStringLiteral("Milliseconds a 1C import request waits for the import before answering progress "
                       "(default 2000)."),
        QStringLiteral("MS"), QStringLiteral("2000")};
    parser.addOption(exchangeEncoding);
    parser.addOption(exchangeUploadLimit);
    parser.addOption(exchangeProgressWait);
    const QCommandLineOption releaseRootKeyFile = releaseRootKeyOption();
    parser.addOption(releaseRootKeyFile);
    const QCommandLineOption reservationPolicy {
        QStringLiteral("reservation-policy"),
        QStringLiteral("What accepting an order does to stock it cannot have in full: reserve (what is "
                       "available), backorder (the same, and record the rest as backorder; the default) or "
                       "hold (reserve only in full, else the order waits for a manager)."),
        QStringLiteral("POLICY"), QStringLiteral("backorder")};
    parser.addOption(reservationPolicy);
    const QCommandLineOption products {
        QStringLiteral("products"),
        QStringLiteral("How many products the demo data set has when generated (default 5000)."),
        QStringLiteral("N"), QStringLiteral("5000")};
    if (demo)
        parser.addOption(products);
    parser.process(arguments);

    HttpServerOptions options;
    if (!parseListen(common.value(parser, common.listen), options)) {
        err() << name << ": --listen expects HOST:PORT, got " << common.value(parser, common.listen)
              << Qt::endl;
        return 2;
    }
    if (common.isSet(parser, tlsCert) != common.isSet(parser, tlsKey)) {
        err() << name << ": --tls-cert and --tls-key go together" << Qt::endl;
        return 2;
    }
    QString proxiesError;
    const std::optional<TrustedProxies> proxies
        = TrustedProxies::parse(common.value(parser, trustedProxies), &proxiesError);
    if (!proxies) {
        err() << name << ": --trusted-proxies: " << proxiesError << Qt::endl;
        return 2;
    }
    options.trustedProxies = *proxies;
    options.tlsCertificateFile = common.value(parser, tlsCert).toStdString();
    options.tlsKeyFile = common.value(parser, tlsKey).toStdString();
    const auto config = common.databaseConfig(parser, name);
    if (!config)
        return 2;
    const QString dataDir = QDir(common.value(parser, common.dataDir)).absolutePath();
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
    options.workerThreads = database.suggestedWorkerThreads();
    BlobStore blobs(database, dataDir);
    if (demo) {
        if (const int code = prepareDemo(database, blobs, parser.value(products), name); code != 0)
            return code;
    }
    FeedNotifier notifier(database);
    FeedListener listener(database, notifier);
    if (database.isPostgres())
        listener.start();
    Metrics metrics;
    Services services {.database = database,
                       .dataDir = dataDir,
                       .now = systemNow,
                       .notifier = notifier,
                       .metrics = metrics,
                       .blobs = blobs};
    const QString encoding = common.value(parser, exchangeEncoding);
    if (encoding.compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) != 0
        && encoding.compare(QLatin1String("windows-1251"), Qt::CaseInsensitive) != 0) {
        err() << name << ": --exchange-encoding expects UTF-8 or windows-1251, got " << encoding << Qt::endl;
        return 2;
    }
    services.exchange.saleEncoding = encoding.compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) == 0
        ? QStringLiteral("UTF-8")
        : QStringLiteral("windows-1251");
    bool limitOk = false;
    const qint64 uploadMb = common.value(parser, exchangeUploadLimit).toLongLong(&limitOk);
    if (!limitOk || uploadMb < 1) {
        err() << name << ": --exchange-upload-limit expects a positive number of megabytes" << Qt::endl;
        return 2;
    }
    services.exchange.uploadLimit = uploadMb * 1024 * 1024;
    bool waitOk = false;
    const int progressWait = common.value(parser, exchangeProgressWait).toInt(&waitOk);
    if (!waitOk || progressWait < 0) {
        err() << name << ": --exchange-progress-wait expects milliseconds" << Qt::endl;
        return 2;
    }
    services.exchange.progressWaitMs = progressWait;
    services.exchange.fileLimit = std::min(services.exchange.fileLimit, services.exchange.uploadLimit);
    const auto rootKey = releaseRootKey(parser, common, releaseRootKeyFile, name);
    if (!rootKey)
        return 2;
    services.releaseRootKey = *rootKey;
    const QString policy = common.value(parser, reservationPolicy);
    const auto parsedPolicy = reservationPolicyFromString(policy);
    if (!parsedPolicy) {
        err() << name << ": --reservation-policy expects reserve, backorder or hold, got " << policy
              << Qt::endl;
        return 2;
    }
    services.reservationPolicy = *parsedPolicy;
    Router router;
    addAllRoutes(router, services);
    HttpServer server(options, router, services);
    try {
        server.start();
    } catch (const std::exception &e) {
        err() << name << ": cannot listen on " << common.value(parser, common.listen) << ": " << e.what()
              << Qt::endl;
        return 1;
    }
    StructuredLog::info(QStringLiteral("listening"),
                        {{QStringLiteral("host"), QString::fromStdString(options.host)},
                         {QStringLiteral("port"), server.port()},
                         {QStringLiteral("tls"), options.tls()},
                         {QStringLiteral("handler_threads"), options.workerThreads}});
    server.run();
    StructuredLog::info(QStringLiteral("stopped"));
    return 0;
}

void printUsage()
{
    out() << "Usage: portico-server <command> [options]\n\n"
             "Commands:\n"
             "  serve    Serve the Portico API.\n"
             "  demo     Serve a generated demo data set on an embedded database.\n"
             "  migrate  Apply the database migrations and print the schema version.\n"
             "  user     Add users, disable them, set their passwords.\n"
             "  import   Import accounting files (CommerceML from 1C, or CSV) without HTTP.\n"
             "  release  Publish releases, steer channels and list them without HTTP.\n\n"
             "Settings come from flags, then PORTICO_* environment variables, then the INI file\n"
             "named by --config or PORTICO_CONFIG (see docs/OPERATIONS.md).\n\n"
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
    if (command == QLatin1String("migrate"))
        return runMigrateCommand(rest);
    if (command == QLatin1String("user"))
        return runUserCommand(rest);
    if (command == QLatin1String("import"))
        return runImportCommand(rest);
    if (command == QLatin1String("release"))
        return runReleaseCommand(rest);
    if (command == QLatin1String("demo"))
        return serve(rest, command,
                     QStringLiteral("Serve a generated demo data set on an embedded database in --data-dir."),
                     true);
    err() << "portico-server: unknown command '" << command << "'\n";
    printUsage();
    return 2;
}

} // namespace portico::server
