#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace portico::client {

class CacheDatabase;
class CredentialStore;
class ProfileLock;
class Session;
class SyncEngine;
struct SyncSummary;

// `portico --sync`: one sync of one profile without a window, for scripts and tests. With a
// server and login it creates the profile first and signs in with the given password (read from
// standard input by the caller, never from the command line); otherwise it signs in with the
// tokens the keychain holds for the profile. finished() carries the exit code and a JSON summary.
class HeadlessSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessSync)

public:
    struct Options
    {
        QString profileDir;
        QUrl server; // with login: create the profile and sign in
        QString login;
        QString password;
        int timeoutSeconds = 600;
        int pageSize = 0; // changes per pull request; 0: the engine's default
    };

    // Exit codes.
    enum Exit { Ok = 0, SyncFailed = 1, SignInFailed = 2, ProfileBusy = 3, BadProfile = 4 };

    HeadlessSync(Options options, QNetworkAccessManager &network, CredentialStore &credentials,
                 QObject *parent = nullptr);
    ~HeadlessSync() override;

    void start();

Q_SIGNALS:
    void finished(int exitCode, const QJsonObject &summary);

private:
    void fail(int exitCode, const QString &message);
    void runSync();

    Options m_options;
    QNetworkAccessManager &m_network;
    CredentialStore &m_credentials;
    std::unique_ptr<ProfileLock> m_lock;
    std::unique_ptr<CacheDatabase> m_cache;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<SyncEngine> m_engine;
    QJsonObject m_extra;
    bool m_done = false;
};

} // namespace portico::client
