#pragma once

#include "cache/cachedatabase.h"
#include "fakecredentialstore.h"
#include "sync/session.h"
#include "sync/syncengine.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <optional>

namespace portico::test {

// A desktop client's core without a window: a profile folder with its cache, an in-memory
// credential store, a session and a sync engine pointed at `server` (a TestServer, or a
// FaultProxy in front of one). Blocking helpers drive it from a test.
class TestClient final
{
public:
    explicit TestClient(QUrl server, QString dir = {});
    ~TestClient();
    TestClient(const TestClient &) = delete;
    TestClient &operator=(const TestClient &) = delete;

    bool open(); // the cache (false with errorString)
    // Signs in and waits; false with errorString when the server refused.
    bool login(const QString &login, const QString &password, int timeoutMs = 20000);
    // One sync cycle; nullopt when none finished in time.
    std::optional<client::SyncSummary> sync(int timeoutMs = 60000);
    // Waits for the next cycle that ends (started by a nudge, a timer or a retry).
    std::optional<client::SyncSummary> waitForCycle(int timeoutMs);

    client::CacheDatabase &cache() { return *m_cache; }
    client::Session &session() { return *m_session; }
    client::SyncEngine &engine() { return *m_engine; }
    FakeCredentialStore &credentials() { return m_credentials; }
    QNetworkAccessManager &network() { return m_network; }
    QString dir() const { return m_dir; }
    QString errorString() const { return m_error; }
    QString userId() const; // from the session's user
    // SELECT COUNT(*) FROM table [WHERE ...] on the cache.
    qint64 count(const QString &table, const QString &where = {});

private:
    QUrl m_server;
    QTemporaryDir m_temp;
    QString m_dir;
    QString m_error;
    QNetworkAccessManager m_network;
    FakeCredentialStore m_credentials;
    std::unique_ptr<client::CacheDatabase> m_cache;
    std::unique_ptr<client::Session> m_session;
    std::unique_ptr<client::SyncEngine> m_engine;
};

} // namespace portico::test
