#pragma once

#include "profile/profilestore.h"
#include "workspace/appsettings.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <memory>

class QSettings;

namespace portico::client {

class CredentialStore;
class Installer;
class ReleaseVerifier;
class SystemInstaller;
class Updater;
class LoginDialog;
class MainWindow;
class Workspace;

// The composition root of the window: the network, the profiles, the settings and the keychain
// are created by main() and handed in; this object opens a profile's Workspace and moves between
// the sign-in dialog and the main window. A known profile whose session the keychain still holds
// opens straight onto its cached data, online or not.
class Application final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)

public:
    struct Options
    {
        QUrl serverUrl; // prefilled for a new profile
        QString profileDir; // open this profile (portico --profile DIR)
    };

    Application(Options options, CredentialStore &credentials, ProfileStore &profiles, QSettings &settings,
                QObject *parent = nullptr);
    ~Application() override;

    // Updates: the root public key that must sign the release key list (the built-in one when
    // empty), the folder for downloads and the key-list serial (the user's app-data folder when
    // empty), the installer (the system's when null) and how often to ask. Set before start().
    struct UpdateOptions
    {
        QByteArray rootKey;
        QString folder;
        Installer *installer = nullptr;
        std::chrono::milliseconds checkInterval {std::chrono::hours(4)};
    };
    void setUpdateOptions(UpdateOptions options) { m_updateOptions = std::move(options); }

    // Opens the last profile, or asks to sign in.
    void start();

    // For tests and screenshots.
    LoginDialog *loginDialog() const;
    MainWindow *mainWindow() const;
    Workspace *workspace() const { return m_workspace.get(); }
    Updater *updater() const { return m_updater.get(); }
    const AppSettings &settings() const noexcept { return m_settings; }

Q_SIGNALS:
    // The main window is up (after sign-in or a restored session).
    void mainWindowShown();

private:
    bool openWorkspace(const Profile &profile, QString *error);
    void closeWorkspace();
    void showLogin(const QString &notice = {});
    void signIn(const QUrl &server, const QString &login, const QString &password);
    void showMainWindow();
    void showSettings();
    void startUpdater();
    void rememberProfile(const Profile &profile);

    Options m_options;
    CredentialStore &m_credentials;
    ProfileStore &m_profiles;
    QSettings &m_settingsStore;
    AppSettings m_settings;
    QNetworkAccessManager m_network;
    UpdateOptions m_updateOptions;
    std::unique_ptr<ReleaseVerifier> m_verifier;
    std::unique_ptr<SystemInstaller> m_systemInstaller;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<Updater> m_updater; // of m_workspace's session
    QPointer<MainWindow> m_mainWindow;
    QPointer<LoginDialog> m_login;
};

} // namespace portico::client
