#include "sync/session.h"

#include <QNetworkAccessManager>
#include <QTimer>

namespace portico::client {

namespace {

constexpr qint64 RefreshMarginSeconds = 60;

bool refusesToken(const ApiError &error)
{
    return error.kind == ApiError::Kind::Http && (error.httpStatus == 400 || error.httpStatus == 401);
}

ApiError signInError(const QString &message)
{
    ApiError error;
    error.kind = ApiError::Kind::Http;
    error.httpStatus = 401;
    error.code = QStringLiteral("unauthorized");
    error.message = message;
    return error;
}

} // namespace

Session::Session(QNetworkAccessManager &network, CredentialStore &credentials, QUrl server,
                 QString credentialKey, QString deviceId, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_credentials(credentials)
    , m_server(std::move(server))
    , m_credentialKey(std::move(credentialKey))
    , m_deviceId(std::move(deviceId))
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{ }

Session::~Session()
{
    if (m_refresh)
        m_refresh->abort();
}

QJsonObject Session::user() const
{
    return m_tokens ? m_tokens->user : QJsonObject {};
}

QString Session::accessToken() const
{
    return m_tokens ? m_tokens->accessToken : QString {};
}

void Session::restore()
{
    m_credentials.read(m_credentialKey, this, [this](const CredentialResult &result) {
        using Status = CredentialResult::Status;
        m_keychainMessage = (result.status == Status::Ok || result.status == Status::NotFound)
            ? QString {}
            : result.message;
        if (result.status == Status::Ok) {
            if (auto tokens = TokenPair::fromJson(result.secret)) {
                m_tokens = std::move(tokens);
                m_accessInvalid = false;
                Q_EMIT restored(true);
                return;
            }
        }
        Q_EMIT restored(false);
    });
}

void Session::login(const QString &login, const QString &password)
{
    auto *job = new LoginJob(m_network, m_server, login, password, m_deviceId, this);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (!job->error().ok()) {
            Q_EMIT loginFailed(job->error());
            return;
        }
        adopt(job->tokens());
        Q_EMIT signedIn();
    });
    job->start();
}

void Session::logout()
{
    if (m_tokens) {
        // Best effort: a server that cannot be reached keeps the tokens until they expire, but
        // this device forgets them now.
        auto *job = new LogoutJob(m_network, m_server, m_tokens->accessToken, this);
        job->setTimeout(std::chrono::seconds(5));
        job->start();
    }
    clear();
    m_credentials.remove(m_credentialKey, this, [](const CredentialResult &) {});
    finishWaiters(signInError(tr("Signed out.")));
    Q_EMIT signedOut();
}

void Session::withAccessToken(QObject *context, TokenReady ready)
{
    if (!m_tokens) {
        QTimer::singleShot(0, context,
                           [ready = std::move(ready)] { ready(signInError(tr("Please log in."))); });
        return;
    }
    const bool fresh = !m_accessInvalid && m_tokens->accessExpiresAt.isValid()
        && m_now().secsTo(m_tokens->accessExpiresAt) > RefreshMarginSeconds;
    if (fresh) {
        QTimer::singleShot(0, context, [ready = std::move(ready)] { ready({}); });
        return;
    }
    m_waiters.append({context, std::move(ready)});
    startRefresh();
}

void Session::invalidateAccessToken()
{
    m_accessInvalid = true;
}

void Session::startRefresh()
{
    if (m_refresh)
        return;
    m_refresh = new RefreshJob(m_network, m_server, m_tokens->refreshToken, m_deviceId, this);
    connect(m_refresh, &ApiJob::finished, this, [this](ApiJob *finished) {
        auto *job = static_cast<RefreshJob *>(finished);
        const ApiError error = job->error();
        if (error.ok()) {
            adopt(job->tokens());
        } else if (refusesToken(error)) {
            clear();
            m_credentials.remove(m_credentialKey, this, [](const CredentialResult &) {});
            Q_EMIT signInRequired(error);
        }
        finishWaiters(error);
    });
    m_refresh->start();
}

void Session::finishWaiters(const ApiError &error)
{
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.ready(error);
    }
}

void Session::adopt(const TokenPair &tokens)
{
    m_tokens = tokens;
    m_accessInvalid = false;
    save();
    Q_EMIT tokensChanged();
}

void Session::save()
{
    m_credentials.write(m_credentialKey, m_tokens->toJson(), this, [this](const CredentialResult &result) {
        m_keychainMessage = result.status == CredentialResult::Status::Ok ? QString {} : result.message;
    });
}

void Session::clear()
{
    m_tokens.reset();
    m_accessInvalid = false;
    Q_EMIT tokensChanged();
}

} // namespace portico::client
