#include "testclient.h"

#include "sync/cachemeta.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace portico::test {

TestClient::TestClient(QUrl server, QString dir)
    : m_server(std::move(server))
    , m_dir(dir.isEmpty() ? m_temp.path() : std::move(dir))
{ }

TestClient::~TestClient()
{
    m_engine.reset();
    m_session.reset();
    m_cache.reset();
}

bool TestClient::open()
{
    m_cache = std::make_unique<client::CacheDatabase>(m_dir + QStringLiteral("/cache.sqlite"));
    if (!m_cache->open(&m_error))
        return false;
    const QString deviceId = m_cache->run([](QSqlDatabase &db) { return client::CacheMeta::deviceId(db); });
    m_session = std::make_unique<client::Session>(m_network, m_credentials, m_server,
                                                  QStringLiteral("profile/test"), deviceId);
    m_engine = std::make_unique<client::SyncEngine>(*m_cache, m_network, *m_session);
    m_engine->setUseEvents(false);
    m_engine->setRequestTimeout(std::chrono::seconds(10));
    return true;
}

bool TestClient::login(const QString &login, const QString &password, int timeoutMs)
{
    QSignalSpy signedIn(m_session.get(), &client::Session::signedIn);
    QSignalSpy failed(m_session.get(), &client::Session::loginFailed);
    m_session->login(login, password);
    for (int waited = 0; waited < timeoutMs && signedIn.isEmpty() && failed.isEmpty(); waited += 50)
        signedIn.wait(50);
    if (!signedIn.isEmpty())
        return true;
    m_error = failed.isEmpty() ? QStringLiteral("login timed out")
                               : failed.first().first().value<client::ApiError>().toString();
    return false;
}

std::optional<client::SyncSummary> TestClient::waitForCycle(int timeoutMs)
{
    QSignalSpy finished(m_engine.get(), &client::SyncEngine::cycleFinished);
    if (!finished.wait(timeoutMs))
        return std::nullopt;
    return finished.first().first().value<client::SyncSummary>();
}

std::optional<client::SyncSummary> TestClient::sync(int timeoutMs)
{
    // A cycle already running (a nudge, the retry timer) would answer the wait below with what it
    // did before this call: let it, and any it chains, end first.
    QDeadlineTimer deadline(timeoutMs);
    while (m_engine->state() == client::SyncEngine::State::Syncing && !deadline.hasExpired()) {
        QSignalSpy running(m_engine.get(), &client::SyncEngine::cycleFinished);
        running.wait(int(std::max<qint64>(1, deadline.remainingTime())));
    }
    QSignalSpy finished(m_engine.get(), &client::SyncEngine::cycleFinished);
    m_engine->syncNow();
    if (!finished.wait(timeoutMs))
        return std::nullopt;
    return finished.first().first().value<client::SyncSummary>();
}

QString TestClient::userId() const
{
    return m_session->user().value(QStringLiteral("id")).toString();
}

qint64 TestClient::count(const QString &table, const QString &where)
{
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM ") + table
        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    return m_cache->run([sql](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (!query.exec(sql) || !query.next())
            return qint64(-1);
        return query.value(0).toLongLong();
    });
}

} // namespace portico::test
