#include "commonoptions.h"

#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTextStream>

#include <cstdio>

namespace portico::server {

QTextStream &standardOutput()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &standardError()
{
    static QTextStream stream(stderr);
    return stream;
}

namespace {

QString environmentName(const QCommandLineOption &option)
{
    return QStringLiteral("PORTICO_")
        + option.names().constLast().toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

QString configFile(const QCommandLineParser &parser, const QCommandLineOption &config)
{
    if (parser.isSet(config))
        return parser.value(config);
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("PORTICO_CONFIG"));
}

} // namespace

void CommonOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOption(listen);
    addStorageTo(parser);
}

void CommonOptions::addStorageTo(QCommandLineParser &parser) const
{
    parser.addOption(config);
    parser.addOption(dataDir);
    parser.addOption(database);
}

QString CommonOptions::value(const QCommandLineParser &parser, const QCommandLineOption &option) const
{
    if (parser.isSet(option))
        return parser.value(option);
    const auto environment = QProcessEnvironment::systemEnvironment();
    const QString variable = environmentName(option);
    if (environment.contains(variable))
        return environment.value(variable);
    const QString file = configFile(parser, config);
    if (!file.isEmpty()) {
        const QSettings settings(file, QSettings::IniFormat);
        const QString key = option.names().constLast();
        if (settings.contains(key))
            return settings.value(key).toString();
    }
    return option.defaultValues().value(0);
}

bool CommonOptions::isSet(const QCommandLineParser &parser, const QCommandLineOption &option) const
{
    if (parser.isSet(option) || QProcessEnvironment::systemEnvironment().contains(environmentName(option)))
        return true;
    const QString file = configFile(parser, config);
    return !file.isEmpty() && QSettings(file, QSettings::IniFormat).contains(option.names().constLast());
}

QString CommonOptions::configError(const QCommandLineParser &parser) const
{
    const QString file = configFile(parser, config);
    if (file.isEmpty())
        return {};
    if (!QFileInfo(file).isReadable())
        return QStringLiteral("cannot read the config file ") + file;
    const QSettings settings(file, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError)
        return QStringLiteral("the config file %1 is not a valid INI file").arg(file);
    return {};
}

std::optional<DatabaseConfig> CommonOptions::databaseConfig(const QCommandLineParser &parser,
                                                            const QString &command) const
{
    QTextStream err(stderr);
    if (const QString problem = configError(parser); !problem.isEmpty()) {
        err << "portico-server " << command << ": " << problem << Qt::endl;
        return std::nullopt;
    }
    if (!isSet(parser, database))
        return DatabaseConfig::sqlite(value(parser, dataDir));
    QString error;
    auto result = DatabaseConfig::fromUrl(value(parser, database), &error);
    if (!result)
        err << "portico-server " << command << ": --database: " << error << Qt::endl;
    return result;
}

} // namespace portico::server
