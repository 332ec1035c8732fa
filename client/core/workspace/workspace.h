#pragma once

#include "profile/profilestore.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>

#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace portico {
enum class Role;
}

namespace portico::client {

class CacheDatabase;
class Cart;
class CredentialStore;
class CustomerContext;
class ProductImages;
class ProfileLock;
class ServerStatusMonitor;
class Session;
class SyncEngine;
struct SyncSummary;

// One open profile, as the window works with it: the profile lock (one writer per profile), the
// cache, the session, the sync engine, the server's reachability, the customer being ordered for
// and the cart. The user (role, customer of a buyer) is remembered in the cache, so a profile
// opens onto its cached data offline and without a session.
class Workspace final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Workspace)

public:
    Workspace(Profile profile, QNetworkAccessManager &network, CredentialStore &credentials,
              QObject *parent = nullptr);
    ~Workspace() override;

    // Takes the profile's lock and opens its cache. False with *error (another Portico holds the
    // profile, the cache cannot be opened) — nothing else may be used then.
    bool open(QString *error = nullptr);
    // Starts syncing (a first cycle at once), watching the server and restoring the customer
    // being ordered for. Call after the session is signed in, or to work offline.
    void start();

    const Profile &profile() const noexcept { return m_profile; }
    CacheDatabase &cache() { return *m_cache; }
    QNetworkAccessManager &network() { return m_network; }
    Session &session() { return *m_session; }
    SyncEngine &engine() { return *m_engine; }
    ServerStatusMonitor &serverStatus() { return *m_serverStatus; }
    CustomerContext &customer() { return *m_customer; }
    Cart &cart() { return *m_cart; } // after start()
    // Product pictures, downloaded once into the profile's images folder.
    ProductImages &productImages() { return *m_productImages; }

    // The signed-in user as the server last described them (kept in the cache for offline starts).
    QJsonObject user() const { return m_user; }
    std::optional<Role> role() const;
    QString displayName() const;
    // Whether the user orders for customers of their choice (reps, managers, admins) or for one
    // fixed customer (buyers).
    bool choosesCustomer() const;
    // When the last sync cycle succeeded; invalid before the first.
    QDateTime lastSyncAt() const { return m_lastSyncAt; }
    // How old the cached prices and stock are (the "as of" of offline work); invalid before the
    // first sync. Refreshed after every sync cycle.
    QDateTime dataAsOf() const { return m_dataAsOf; }

    void setSyncInterval(std::chrono::seconds interval);

    // The server refuses this version (426): ordering is blocked until the update is installed,
    // while drafts and everything waiting in the outbox stay. requiredVersion() is the version
    // to install (the offered update's, or else the minimum the server named).
    bool updateRequired() const;
    QString requiredVersion() const;
    // The offer that came with the 426 (GET /api/v1/updates form), empty when there was none.
    QJsonObject requiredUpdate() const;

Q_SIGNALS:
    void userChanged();
    void lastSyncChanged();
    // updateRequired() may have changed.
    void updateRequirementChanged();

private:
    void adoptUser(const QJsonObject &user);
    void onCycleFinished(const SyncSummary &summary);
    void refreshCustomer();
    void rememberCustomer();

    Profile m_profile;
    QNetworkAccessManager &m_network;
    CredentialStore &m_credentials;
    std::unique_ptr<ProfileLock> m_lock;
    std::unique_ptr<CacheDatabase> m_cache;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<SyncEngine> m_engine;
    std::unique_ptr<ServerStatusMonitor> m_serverStatus;
    std::unique_ptr<CustomerContext> m_customer;
    std::unique_ptr<Cart> m_cart;
    std::unique_ptr<ProductImages> m_productImages;
    QJsonObject m_user;
    QDateTime m_lastSyncAt;
    QDateTime m_dataAsOf;
    bool m_started = false;
};

} // namespace portico::client
