#include "releasecommand.h"

#include "blobs/blobstore.h"
#include "commonoptions.h"
#include "http/apierror.h"
#include "releases/releaserepository.h"
#include "releases/signedrelease.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

namespace portico::server {

namespace {

std::optional<QJsonObject> readJsonFile(const QString &path, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = path + QStringLiteral(": ") + file.errorString();
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        error = path + QStringLiteral(": not a JSON object (") + parseError.errorString() + QLatin1Char(')');
        return std::nullopt;
    }
    return document.object();
}

int publish(const QCommandLineParser &parser, Database &database, const QString &dataDir,
            const QByteArray &rootKey, QTextStream &out, QTextStream &err,
            const QCommandLineOption &manifestOption, const QCommandLineOption &keysOption,
            const QCommandLineOption &installerOption)
{
    if (!parser.isSet(manifestOption) || !parser.isSet(keysOption) || !parser.isSet(installerOption)) {
        err << "portico-server release publish: --manifest, --keys and --installer are required" << Qt::endl;
        return 2;
    }
    QString error;
    const auto manifest = readJsonFile(parser.value(manifestOption), error);
    const auto keys = manifest ? readJsonFile(parser.value(keysOption), error) : std::nullopt;
    if (!manifest || !keys) {
        err << "portico-server release publish: " << error << Qt::endl;
        return 2;
    }
    QFile installer(parser.value(installerOption));
    if (!installer.open(QIODevice::ReadOnly)) {
        err << "portico-server release publish: " << installer.fileName() << ": " << installer.errorString()
            << Qt::endl;
        return 2;
    }
    ReleaseManifest verified;
    try {
        verified = verifyRelease(*manifest, *keys, rootKey, QDateTime::currentMSecsSinceEpoch());
    } catch (const ReleaseRejected &rejected) {
        err << "portico-server release publish: refused (" << rejected.code() << "): " << rejected.message()
            << Qt::endl;
        return 1;
    }
    if (installer.size() != verified.size) {
        err << "portico-server release publish: the installer is " << installer.size()
            << " bytes, the manifest says " << verified.size << Qt::endl;
        return 1;
    }
    // The file is checked before anything is stored, then goes to the blob store as it is:
    // nothing to stage, as nothing can break off half-way.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&installer) || QString::fromLatin1(hash.result().toHex()) != verified.sha256) {
        err << "portico-server release publish: the installer's SHA-256 is not the manifest's" << Qt::endl;
        return 1;
    }
    installer.seek(0);
    ReleaseRepository releases(database);
    BlobStore blobs(database, dataDir);
    const Release release = releases.create(verified, *manifest, *keys, QStringLiteral("cli"),
                                            QDateTime::currentMSecsSinceEpoch());
    const BlobRef stored = blobs.put(installer, QStringLiteral("application/octet-stream"));
    if (stored.sha256 != verified.sha256) {
        releases.finishUpload(release.id, false);
        err << "portico-server release publish: the installer changed while it was stored" << Qt::endl;
        return 1;
    }
    releases.finishUpload(release.id, true);
    out << release.id << '\t' << release.version << '\t' << release.channel << '\t' << release.platform
        << "\tready" << Qt::endl;
    return 0;
}

int channel(const QCommandLineParser &parser, Database &database, QTextStream &out, QTextStream &err,
            const QCommandLineOption &releaseOption, const QCommandLineOption &rolloutOption,
            const QCommandLineOption &pauseOption, const QCommandLineOption &resumeOption,
            const QCommandLineOption &minVersionOption)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        err << "portico-server release channel: name one channel (stable, beta, ...)" << Qt::endl;
        return 2;
    }
    if (parser.isSet(pauseOption) && parser.isSet(resumeOption)) {
        err << "portico-server release channel: --pause or --resume, not both" << Qt::endl;
        return 2;
    }
    ChannelChange change;
    if (parser.isSet(releaseOption))
        change.releaseId = parser.value(releaseOption);
    if (parser.isSet(rolloutOption)) {
        bool ok = false;
        change.rolloutPercent = parser.value(rolloutOption).toInt(&ok);
        if (!ok) {
            err << "portico-server release channel: --rollout expects 0 to 100" << Qt::endl;
            return 2;
        }
    }
    if (parser.isSet(pauseOption))
        change.paused = true;
    if (parser.isSet(resumeOption))
        change.paused = false;
    if (parser.isSet(minVersionOption)) {
        const QString value = parser.value(minVersionOption);
        change.minVersion = value == QLatin1String("none") ? QString() : value;
    }
    try {
        const ReleaseChannel result = ReleaseRepository(database).updateChannel(
            positional.at(1), change, QDateTime::currentMSecsSinceEpoch());
        out << QJsonDocument(result.toJson()).toJson(QJsonDocument::Compact) << Qt::endl;
        return 0;
    } catch (const ApiError &error) {
        err << "portico-server release channel: " << error.message() << Qt::endl;
        return 1;
    }
}

} // namespace

QCommandLineOption releaseRootKeyOption()
{
    return QCommandLineOption(
        QStringLiteral("release-root-key"),
        QStringLiteral("The release root public key (base64) that uploaded releases must "
                       "chain to, instead of the built-in one."),
        QStringLiteral("FILE"));
}

std::optional<QByteArray> releaseRootKey(const QCommandLineParser &parser, const CommonOptions &common,
                                         const QCommandLineOption &option, const QString &command)
{
    if (!common.isSet(parser, option))
        return builtInRootPublicKey();
    const QString path = common.value(parser, option);
    const QByteArray key = readRootPublicKey(path);
    if (key.isEmpty()) {
        QTextStream(stderr) << "portico-server " << command << ": --release-root-key " << path
                            << " holds no Ed25519 public key" << Qt::endl;
        return std::nullopt;
    }
    return key;
}

int runReleaseCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Publish releases and steer their channels on the database, without HTTP:\n"
        "  release publish --manifest F --keys F --installer F\n"
        "  release channel CHANNEL [--release ID] [--rollout N] [--pause|--resume] [--min-version V|none]\n"
        "  release list"));
    parser.addHelpOption();
    const CommonOptions common;
    common.addStorageTo(parser);
    const QCommandLineOption rootKey = releaseRootKeyOption();
    const QCommandLineOption manifest(QStringLiteral("manifest"),
                                      QStringLiteral("The signed manifest (JSON)."), QStringLiteral("FILE"));
    const QCommandLineOption keys(QStringLiteral("keys"),
                                  QStringLiteral("The signed release key list (JSON)."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption installer(QStringLiteral("installer"), QStringLiteral("The installer file."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption release(QStringLiteral("release"), QStringLiteral("Make this release current."),
                                     QStringLiteral("ID"));
    const QCommandLineOption rollout(QStringLiteral("rollout"),
                                     QStringLiteral("Offer the release to this percentage of devices."),
                                     QStringLiteral("N"));
    const QCommandLineOption pause(QStringLiteral("pause"), QStringLiteral("Stop offering the release."));
    const QCommandLineOption resume(QStringLiteral("resume"), QStringLiteral("Offer the release again."));
    const QCommandLineOption minVersion(
        QStringLiteral("min-version"),
        QStringLiteral("Refuse sync and orders below this version (none: clear)."), QStringLiteral("V"));
    parser.addOptions({rootKey, manifest, keys, installer, release, rollout, pause, resume, minVersion});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("publish, channel or list"));
    parser.process(arguments);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (action != QLatin1String("publish") && action != QLatin1String("channel")
        && action != QLatin1String("list")) {
        err << "portico-server release: say publish, channel or list" << Qt::endl;
        return 2;
    }
    const auto config = common.databaseConfig(parser, QStringLiteral("release"));
    if (!config)
        return 2;
    const auto key = releaseRootKey(parser, common, rootKey, QStringLiteral("release"));
    if (!key)
        return 2;
    try {
        Database database(*config);
        Migrations::apply(database);
        if (action == QLatin1String("publish")) {
            const QString dataDir = QDir(common.value(parser, common.dataDir)).absolutePath();
            QDir().mkpath(dataDir);
            return publish(parser, database, dataDir, *key, out, err, manifest, keys, installer);
        }
        if (action == QLatin1String("channel"))
            return channel(parser, database, out, err, release, rollout, pause, resume, minVersion);
        for (const Release &r : ReleaseRepository(database).list())
            out << r.id << '\t' << r.version << '\t' << r.channel << '\t' << r.platform << '\t' << r.state
                << '\t' << r.received << '/' << r.size << Qt::endl;
        return 0;
    } catch (const ApiError &error) {
        err << "portico-server release: " << error.message() << Qt::endl;
        return 1;
    } catch (const std::exception &e) {
        err << "portico-server release: " << e.what() << Qt::endl;
        return 1;
    }
}

} // namespace portico::server
