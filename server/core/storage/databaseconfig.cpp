#include "storage/databaseconfig.h"

#include <QDir>
#include <QUrl>
#include <QUrlQuery>

namespace portico::server {

DatabaseConfig DatabaseConfig::sqlite(const QString &dataDir)
{
    DatabaseConfig config;
    config.kind = Kind::Sqlite;
    config.sqlitePath = QDir(dataDir).absoluteFilePath(QStringLiteral("portico.db"));
    return config;
}

std::optional<DatabaseConfig> DatabaseConfig::fromUrl(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres"))) {
        if (error)
            *error = QStringLiteral("expected postgresql://user:password@host:port/database");
        return std::nullopt;
    }
    DatabaseConfig config;
    config.kind = Kind::Postgres;
    config.host = url.host().isEmpty() ? QStringLiteral("localhost") : url.host();
    config.port = url.port(5432);
    config.name = url.path().mid(1);
    config.user = url.userName(QUrl::FullyDecoded);
    config.password = url.password(QUrl::FullyDecoded);
    if (config.name.isEmpty()) {
        if (error)
            *error = QStringLiteral("the URL names no database");
        return std::nullopt;
    }
    QStringList options;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items)
        options << key + QLatin1Char('=') + value;
    config.options = options.join(QLatin1Char(';'));
    return config;
}

QString DatabaseConfig::describe() const
{
    if (kind == Kind::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(name);
}

} // namespace portico::server
