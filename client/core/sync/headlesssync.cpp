#include "sync/headlesssync.h"

#include "cache/cachedatabase.h"
#include "profile/profilelock.h"
#include "profile/profilestore.h"
#include "sync/cachemeta.h"
#include "sync/session.h"
#include "sync/syncengine.h"

#include <QDir>
#include <QSqlDatabase>
#include <QTimer>

namespace portico::client {

HeadlessSync::HeadlessSync(Options options, QNetworkAccessManager &network, CredentialStore &credentials,
                           QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_network(network)
    , m_credentials(credentials)
{ }

HeadlessSync::~HeadlessSync()
{
    // The engine and session go before the cache they use; the lock last.
    m_engine.reset();
    m_session.reset();
    m_cache.reset();
    m_lock.reset();
}

void HeadlessSync::fail(int exitCode, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    QJsonObject summary = m_extra;
    summary.insert(QStringLiteral("ok"), false);
    summary.insert(QStringLiteral("error"), message);
    Q_EMIT finished(exitCode, summary);
}

void HeadlessSync::start()
{
    const QString dir = QDir(m_options.profileDir).absolutePath();
    QString error;
    std::optional<Profile> profile;
    if (!m_options.server.isEmpty() || !m_options.login.isEmpty()) {
        if (m_options.server.isEmpty() || m_options.login.isEmpty()) {
            fail(BadProfile, tr("Creating a profile needs both --server and --login."));
            return;
        }
        profile = ProfileStore::createAt(dir, m_options.server, m_options.login, &error);
    } else {
        profile = ProfileStore::load(dir, &error);
    }
    if (!profile) {
        fail(BadProfile, error);
        return;
    }
    m_extra.insert(QStringLiteral("profile"), profile->dir);
    m_extra.insert(QStringLiteral("server"), profile->server.toString());
    m_extra.insert(QStringLiteral("login"), profile->login);

    m_lock = std::make_unique<ProfileLock>(profile->dir);
    if (!m_lock->tryLock()) {
        fail(ProfileBusy, m_lock->errorString());
        return;
    }
    m_cache = std::make_unique<CacheDatabase>(profile->cachePath());
    if (!m_cache->open(&error)) {
        fail(BadProfile, error);
        return;
    }
    QString deviceId;
    try {
        deviceId = m_cache->run([](QSqlDatabase &db) { return CacheMeta::deviceId(db); });
    } catch (const std::exception &e) {
        fail(BadProfile, QString::fromStdString(e.what()));
        return;
    }
    m_session = std::make_unique<Session>(m_network, m_credentials, profile->server, profile->credentialKey(),
                                          deviceId);
    m_engine = std::make_unique<SyncEngine>(*m_cache, m_network, *m_session);
    m_engine->setUseEvents(false);
    if (m_options.pageSize > 0)
        m_engine->setPageSize(m_options.pageSize);
    m_engine->setBackoff(std::chrono::hours(1), std::chrono::hours(1)); // one cycle, no retries

    QTimer::singleShot(std::chrono::seconds(m_options.timeoutSeconds), this,
                       [this] { fail(SyncFailed, tr("The sync did not finish in time.")); });

    if (!m_options.password.isEmpty() || !m_options.login.isEmpty()) {
        connect(m_session.get(), &Session::signedIn, this, [this, profile = *profile]() mutable {
            profile.displayName = m_session->user().value(QStringLiteral("display_name")).toString();
            profile.lastUsed = QDateTime::currentDateTimeUtc();
            ProfileStore::save(profile);
            runSync();
        });
        connect(m_session.get(), &Session::loginFailed, this,
                [this](const ApiError &failure) { fail(SignInFailed, failure.toString()); });
        m_session->login(m_options.login, m_options.password);
        m_options.password.fill(QLatin1Char('\0'));
        m_options.password.clear();
        return;
    }
    connect(m_session.get(), &Session::restored, this, [this](bool signedIn) {
        if (!signedIn) {
            const QString keychain = m_session->keychainMessage();
            fail(SignInFailed,
                 keychain.isEmpty() ? tr("This profile is not signed in: run again with --server, --login "
                                         "and --password-stdin.")
                                    : keychain);
            return;
        }
        runSync();
    });
    m_session->restore();
}

void HeadlessSync::runSync()
{
    connect(m_engine.get(), &SyncEngine::cycleFinished, this, [this](const SyncSummary &summary) {
        if (m_done)
            return;
        m_done = true;
        QJsonObject json = summary.toJson();
        for (auto it = m_extra.constBegin(); it != m_extra.constEnd(); ++it)
            json.insert(it.key(), it.value());
        if (!m_session->keychainMessage().isEmpty())
            json.insert(QStringLiteral("keychain"), m_session->keychainMessage());
        Q_EMIT finished(
            summary.ok ? Ok : (m_session->state() == Session::State::SignedOut ? SignInFailed : SyncFailed),
            json);
    });
    m_engine->syncNow();
}

} // namespace portico::client
