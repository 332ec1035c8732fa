#include "benchserver.h"

#include "api/routes.h"
#include "auth/tokenservice.h"
#include "auth/userrepository.h"

#include <QDateTime>

#include <chrono>
#include <stdexcept>

namespace portico::bench {

BenchApp::BenchApp(server::Database &database, const QString &dataDir)
    : m_database(database)
    , m_notifier(database)
    , m_blobs(database, dataDir)
{
    m_services.emplace(server::Services {.database = database,
                                         .dataDir = dataDir,
                                         .now = [] { return QDateTime::currentMSecsSinceEpoch(); },
                                         .notifier = m_notifier,
                                         .metrics = m_metrics,
                                         .blobs = m_blobs});
    server::addAllRoutes(m_router, *m_services);
}

BenchApp::~BenchApp() = default;

std::string BenchApp::issueToken(const QString &login)
{
    const auto user
        = m_database.read([&](QSqlDatabase &tx) { return server::UserRepository(tx).findByLogin(login); });
    if (!user)
        throw std::runtime_error("no such user: " + login.toStdString());
    server::TokenService tokens(*m_services);
    return tokens.issue(user->user.id.toString(QUuid::WithoutBraces), QStringLiteral("bench"))
        .accessToken.toStdString();
}

BenchServer::BenchServer(BenchApp &app, int ioThreads, int workerThreads)
{
    server::HttpServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.ioThreads = ioThreads;
    options.workerThreads = workerThreads;
    m_server = std::make_unique<server::HttpServer>(options, app.router(), app.services());
}

BenchServer::~BenchServer()
{
    stop();
}

void BenchServer::start()
{
    m_server->start(false);
    m_running = true;
    m_thread = std::thread([this] {
        m_server->run();
        m_running = false;
    });
}

void BenchServer::stop()
{
    if (!m_thread.joinable())
        return;
    m_server->stop();
    m_thread.join();
}

} // namespace portico::bench
