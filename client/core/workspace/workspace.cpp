#include "workspace.h"

#include "cache/cachedatabase.h"
#include "cache/catalogqueries.h"
#include "domain/user.h"
#include "net/productimages.h"
#include "net/serverstatusmonitor.h"
#include "orders/cachedpricing.h"
#include "profile/profilelock.h"
#include "sync/cachemeta.h"
#include "sync/session.h"
#include "sync/syncengine.h"
#include "workspace/cart.h"
#include "workspace/customercontext.h"

#include <QDir>
#include <QJsonDocument>
#include <QSqlDatabase>

namespace portico::client {

namespace {

const QString UserKey = QStringLiteral("user");
const QString LastSyncKey = QStringLiteral("last_sync_at");
const QString OrderingForKey = QStringLiteral("ordering_for");

struct StoredState
{
    QString deviceId;
    QJsonObject user;
    QDateTime lastSyncAt;
    QDateTime dataAsOf;
};

} // namespace

Workspace::Workspace(Profile profile, QNetworkAccessManager &network, CredentialStore &credentials,
                     QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_network(network)
    , m_credentials(credentials)
{ }

Workspace::~Workspace()
{
    // Whatever uses the cache goes first; the lock is released last.
    m_cart.reset();
    m_productImages.reset();
    m_engine.reset();
    m_serverStatus.reset();
    m_session.reset();
    if (m_cache)
        m_cache->run([](QSqlDatabase &) {}); // continuations queued by the cache have run
    m_cache.reset();
    m_customer.reset();
    m_lock.reset();
}

bool Workspace::open(QString *error)
{
    m_lock = std::make_unique<ProfileLock>(m_profile.dir);
    if (!m_lock->tryLock()) {
        if (error)
            *error = m_lock->errorString();
        return false;
    }
    m_cache = std::make_unique<CacheDatabase>(m_profile.cachePath());
    if (!m_cache->open(error))
        return false;
    StoredState stored;
    try {
        stored = m_cache->run([](QSqlDatabase &db) {
            StoredState state;
            state.deviceId = CacheMeta::deviceId(db);
            state.user = QJsonDocument::fromJson(CacheMeta::value(db, UserKey).toUtf8()).object();
            state.lastSyncAt = QDateTime::fromString(CacheMeta::value(db, LastSyncKey), Qt::ISODateWithMs);
            state.dataAsOf = CachedPricing::dataAsOf(db);
            return state;
        });
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    m_user = stored.user;
    m_lastSyncAt = stored.lastSyncAt;
    m_dataAsOf = stored.dataAsOf;

    m_session = std::make_unique<Session>(m_network, m_credentials, m_profile.server,
                                          m_profile.credentialKey(), stored.deviceId);
    m_engine = std::make_unique<SyncEngine>(*m_cache, m_network, *m_session);
    m_serverStatus = std::make_unique<ServerStatusMonitor>(m_network, m_profile.server);
    m_customer = std::make_unique<CustomerContext>();
    m_productImages = std::make_unique<ProductImages>(m_network, *m_session,
                                                      QDir(m_profile.dir).filePath(QStringLiteral("images")));

    connect(m_session.get(), &Session::signedIn, this, [this] { adoptUser(m_session->user()); });
    connect(m_session.get(), &Session::tokensChanged, this, [this] {
        if (!m_session->user().isEmpty())
            adoptUser(m_session->user());
    });
    connect(m_engine.get(), &SyncEngine::cycleFinished, this, &Workspace::onCycleFinished);
    connect(m_engine.get(), &SyncEngine::stateChanged, this, [this](SyncEngine::State state) {
        if (state != SyncEngine::State::Syncing)
            Q_EMIT updateRequirementChanged();
    });
    connect(m_serverStatus.get(), &ServerStatusMonitor::statusChanged, this,
            [this](ServerStatusMonitor::Status status) {
                // Back online: do not wait for the retry timer.
                if (status == ServerStatusMonitor::Status::Online && m_started
                    && m_engine->state() == SyncEngine::State::Offline)
                    m_engine->syncNow();
            });
    connect(m_customer.get(), &CustomerContext::changed, this, &Workspace::rememberCustomer);
    return true;
}

void Workspace::start()
{
    if (m_started)
        return;
    m_started = true;
    // The cart stamps its drafts with the user, known once signed in (or from the cache offline).
    m_cart = std::make_unique<Cart>(*m_cache, *m_customer,
                                    Id::fromString(m_user.value(QStringLiteral("id")).toString()));
    refreshCustomer();
    m_serverStatus->start();
    m_cart->restore();
    if (m_session->state() == Session::State::SignedIn)
        m_engine->start();
}

std::optional<Role> Workspace::role() const
{
    return roleFromString(m_user.value(QStringLiteral("role")).toString());
}

QString Workspace::displayName() const
{
    const QString name = m_user.value(QStringLiteral("display_name")).toString();
    return name.isEmpty() ? m_profile.login : name;
}

bool Workspace::choosesCustomer() const
{
    const std::optional<Role> current = role();
    return current && *current != Role::Buyer;
}

void Workspace::setSyncInterval(std::chrono::seconds interval)
{
    m_engine->setInterval(interval);
}

bool Workspace::updateRequired() const
{
    return m_engine->state() == SyncEngine::State::UpdateRequired;
}

QString Workspace::requiredVersion() const
{
    const QJsonObject requirement = m_engine->updateRequirement();
    const QString offered = requiredUpdate().value(QStringLiteral("version")).toString();
    return offered.isEmpty() ? requirement.value(QStringLiteral("min_version")).toString() : offered;
}

QJsonObject Workspace::requiredUpdate() const
{
    return m_engine->updateRequirement().value(QStringLiteral("update")).toObject();
}

void Workspace::adoptUser(const QJsonObject &user)
{
    if (user.isEmpty() || user == m_user)
        return;
    const bool customerChanged
        = user.value(QStringLiteral("customer_id")) != m_user.value(QStringLiteral("customer_id"));
    m_user = user;
    const QString json = QString::fromUtf8(QJsonDocument(user).toJson(QJsonDocument::Compact));
    m_cache->submit([json](QSqlDatabase &db) { CacheMeta::setValue(db, UserKey, json); });
    if (m_profile.displayName != displayName()) {
        m_profile.displayName = displayName();
        ProfileStore::save(m_profile);
    }
    if (customerChanged)
        m_customer->clear();
    if (m_started) {
        m_engine->start();
        refreshCustomer();
    }
    Q_EMIT userChanged();
}

void Workspace::onCycleFinished(const SyncSummary &summary)
{
    if (summary.ok) {
        m_lastSyncAt = QDateTime::currentDateTimeUtc();
        const QString stamp = m_lastSyncAt.toString(Qt::ISODateWithMs);
        m_cache->submit([stamp](QSqlDatabase &db) { CacheMeta::setValue(db, LastSyncKey, stamp); });
    }
    m_cache->submitThen([](QSqlDatabase &db) { return CachedPricing::dataAsOf(db); }, this,
                        [this](const QDateTime &asOf) {
                            m_dataAsOf = asOf;
                            refreshCustomer();
                            Q_EMIT lastSyncChanged();
                        });
}

// The customer being ordered for: a buyer's own, or the one a rep chose last time; its row
// (credit, price type) is re-read after every sync.
void Workspace::refreshCustomer()
{
    Id wanted;
    const bool fixed = !choosesCustomer() && role().has_value();
    if (fixed)
        wanted = Id::fromString(m_user.value(QStringLiteral("customer_id")).toString());
    else if (m_customer->hasCustomer())
        wanted = m_customer->customerId();
    m_cache->submitThen(
        [wanted](QSqlDatabase &db) -> std::optional<CustomerRow> {
            Id id = wanted;
            if (id.isNull())
                id = Id::fromString(CacheMeta::value(db, OrderingForKey));
            if (id.isNull())
                return std::nullopt;
            for (const CustomerRow &row : CatalogQueries::customers(db))
                if (row.id == id)
                    return row;
            return std::nullopt;
        },
        this,
        [this, fixed](const std::optional<CustomerRow> &row) {
            if (!row)
                return;
            m_customer->setFixed(false);
            m_customer->setCustomer(*row);
            m_customer->setFixed(fixed);
        });
}

void Workspace::rememberCustomer()
{
    if (!choosesCustomer())
        return;
    const QString id
        = m_customer->hasCustomer() ? m_customer->customerId().toString(QUuid::WithoutBraces) : QString();
    m_cache->submit([id](QSqlDatabase &db) { CacheMeta::setValue(db, OrderingForKey, id); });
}

} // namespace portico::client
