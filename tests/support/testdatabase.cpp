#include "testdatabase.h"

#include "postgrescluster.h"
#include "storage/migrations.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <atomic>
#include <exception>

namespace portico::test {

namespace {

struct PostgresServer
{
    QString baseUrl;
    QString error;
};

std::unique_ptr<PostgresCluster> &processCluster()
{
    static std::unique_ptr<PostgresCluster> cluster;
    return cluster;
}

PostgresServer findPostgresServer()
{
    PostgresServer server;
    const QString external = qEnvironmentVariable("PORTICO_TEST_PG_URL_BASE");
    if (!external.isEmpty()) {
        server.baseUrl = external;
        return server;
    }
    const QString stateDirectory = qEnvironmentVariable("PORTICO_TEST_PG_STATE");
    if (!stateDirectory.isEmpty()) {
        QString error;
        const auto state = SharedClusterState::load(stateDirectory);
        if (state && postgres::execute(state->baseUrl, QStringLiteral("SELECT 1"), &error)) {
            server.baseUrl = state->baseUrl;
            return server;
        }
    }
    auto &cluster = processCluster();
    cluster = std::make_unique<PostgresCluster>();
    if (!cluster->start()) {
        server.error = QStringLiteral("cannot start a PostgreSQL cluster: ") + cluster->errorString();
        return server;
    }
    cluster->stopWhenProcessEnds(QCoreApplication::applicationPid());
    server.baseUrl = cluster->baseUrl();
    return server;
}

// One server per process, found (or started) on first use.
const PostgresServer &postgresServer()
{
    static const PostgresServer server = findPostgresServer();
    return server;
}

QString uniqueDatabaseName()
{
    static std::atomic<int> counter {0};
    return QStringLiteral("portico_test_%1_%2_%3")
        .arg(QCoreApplication::applicationPid())
        .arg(++counter)
        .arg(QRandomGenerator::global()->bounded(0x1000000), 6, 16, QLatin1Char('0'));
}

} // namespace

TestDatabase::Backend TestDatabase::backend()
{
    const QString name = qEnvironmentVariable("PORTICO_TEST_BACKEND").trimmed().toLower();
    return name == QLatin1String("postgres") || name == QLatin1String("postgresql") ? Backend::Postgres
                                                                                    : Backend::Sqlite;
}

QString TestDatabase::backendName()
{
    return backend() == Backend::Postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite");
}

TestDatabase::TestDatabase() = default;

TestDatabase::~TestDatabase()
{
    m_database.reset();
    if (!m_postgresName.isEmpty()) {
        QString error;
        if (!postgres::dropDatabase(m_postgresBase, m_postgresName, &error))
            qWarning("TestDatabase: cannot drop %s: %s", qPrintable(m_postgresName), qPrintable(error));
    }
}

bool TestDatabase::create(bool migrate)
{
    if (backend() == Backend::Sqlite) {
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("cannot create a temporary directory: ") + m_dir.errorString();
            return false;
        }
        m_config = server::DatabaseConfig::sqlite(m_dir.path());
    } else {
        const auto &server = postgresServer();
        if (server.baseUrl.isEmpty()) {
            m_error = server.error;
            return false;
        }
        const QString name = uniqueDatabaseName();
        if (!postgres::createDatabase(server.baseUrl, name, &m_error))
            return false;
        m_postgresBase = server.baseUrl;
        m_postgresName = name;
        const auto config
            = server::DatabaseConfig::fromUrl(postgres::databaseUrl(server.baseUrl, name), &m_error);
        if (!config)
            return false;
        m_config = *config;
    }
    m_database = std::make_unique<server::Database>(m_config);
    if (!migrate)
        return true;
    try {
        server::Migrations::apply(*m_database);
    } catch (const std::exception &e) {
        m_error = QStringLiteral("migrations failed: ") + QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

std::unique_ptr<server::Database> TestDatabase::openAnother() const
{
    return std::make_unique<server::Database>(m_config);
}

QStringList TestDatabase::serverArguments() const
{
    if (m_config.kind == server::DatabaseConfig::Kind::Sqlite)
        return {QStringLiteral("--data-dir"), m_dir.path()};
    return {QStringLiteral("--database"), postgres::databaseUrl(m_postgresBase, m_postgresName)};
}

} // namespace portico::test
