#pragma once

#include "auth/credentialstore.h"
#include "net/apiclient.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace portico::client {

// The signed-in state of one profile: the access and refresh tokens (kept in the keychain
// through the CredentialStore, never the password), their renewal, and sign-out. Requests ask
// for a usable access token with withAccessToken(); concurrent askers share one refresh.
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    enum class State {
        SignedOut, // no tokens: the user must log in
        SignedIn, // tokens present (the access token may need a refresh)
    };
    Q_ENUM(State)

    using TokenReady = std::function<void(const ApiError &error)>;

    Session(QNetworkAccessManager &network, CredentialStore &credentials, QUrl server, QString credentialKey,
            QString deviceId, QObject *parent = nullptr);
    ~Session() override;

    State state() const noexcept { return m_tokens ? State::SignedIn : State::SignedOut; }
    QUrl server() const { return m_server; }
    QString deviceId() const { return m_deviceId; }
    QJsonObject user() const; // the User object from the last login or refresh; empty when signed out
    QString accessToken() const; // as it is now (may be expired); empty when signed out
    // A keychain problem of the last restore or save, for the user ("no keychain: you will be
    // asked to log in each time"); empty when the keychain works.
    QString keychainMessage() const { return m_keychainMessage; }

    // Reads the tokens from the keychain; restored() follows.
    void restore();
    // Signs in; signedIn() or loginFailed() follows. The password is used for this request only.
    void login(const QString &login, const QString &password);
    // Revokes the tokens on the server (best effort) and removes them here and in the keychain.
    void logout();

    // Calls `ready` (on this object's thread, never synchronously) with no error once the access
    // token is good for at least a minute, refreshing it first when needed; with the refresh's
    // error otherwise (then state() is SignedOut when the server refused the refresh token).
    void withAccessToken(QObject *context, TokenReady ready);
    // The server answered 401 to the current access token: the next withAccessToken refreshes.
    void invalidateAccessToken();

    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }

Q_SIGNALS:
    void restored(bool signedIn);
    void signedIn();
    void loginFailed(const portico::client::ApiError &error);
    // The refresh token was refused (expired, revoked, spent): the user must log in again.
    // Nothing local is lost: the outbox waits.
    void signInRequired(const portico::client::ApiError &error);
    void signedOut();
    void tokensChanged();

private:
    void adopt(const TokenPair &tokens);
    void save();
    void clear();
    void startRefresh();
    void finishWaiters(const ApiError &error);

    QNetworkAccessManager &m_network;
    CredentialStore &m_credentials;
    QUrl m_server;
    QString m_credentialKey;
    QString m_deviceId;
    std::optional<TokenPair> m_tokens;
    bool m_accessInvalid = false;
    QPointer<RefreshJob> m_refresh;
    struct Waiter
    {
        QPointer<QObject> context;
        TokenReady ready;
    };
    QList<Waiter> m_waiters;
    QString m_keychainMessage;
    std::function<QDateTime()> m_now;
};

} // namespace portico::client
