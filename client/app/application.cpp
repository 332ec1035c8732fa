#include "application.h"

#include "logindialog.h"
#include "mainwindow.h"
#include "release/builtinrootkey.h"
#include "settingsdialog.h"
#include "sync/session.h"
#include "update/installer.h"
#include "update/releaseverifier.h"
#include "update/updater.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace portico::client {

Application::Application(Options options, CredentialStore &credentials, ProfileStore &profiles,
                         QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_credentials(credentials)
    , m_profiles(profiles)
    , m_settingsStore(settings)
    , m_settings(AppSettings::load(settings))
{
    ApiJob::setUpdateChannel(m_network, m_settings.updateChannel);
}

Application::~Application()
{
    delete m_login;
    delete m_mainWindow;
    m_updater.reset();
    m_workspace.reset();
}

LoginDialog *Application::loginDialog() const
{
    return m_login;
}

MainWindow *Application::mainWindow() const
{
    return m_mainWindow;
}

void Application::start()
{
    std::optional<Profile> profile;
    QString error;
    if (!m_options.profileDir.isEmpty()) {
        profile = ProfileStore::load(m_options.profileDir, &error);
        if (!profile) {
            showLogin(error);
            return;
        }
    } else if (!m_settings.lastProfileDir.isEmpty() && QDir(m_settings.lastProfileDir).exists()) {
        profile = ProfileStore::load(m_settings.lastProfileDir);
    }
    if (!profile) {
        showLogin();
        return;
    }
    if (!openWorkspace(*profile, &error)) {
        showLogin(error);
        return;
    }
    Session &session = m_workspace->session();
    connect(
        &session, &Session::restored, this,
        [this](bool signedIn) {
            if (signedIn) {
                showMainWindow();
                return;
            }
            showLogin(m_workspace->session().keychainMessage());
            m_login->preselect(m_workspace->profile().server, m_workspace->profile().login);
        },
        Qt::SingleShotConnection);
    session.restore();
}

bool Application::openWorkspace(const Profile &profile, QString *error)
{
    if (m_workspace && m_workspace->profile().dir == profile.dir)
        return true;
    closeWorkspace();
    auto workspace = std::make_unique<Workspace>(profile, m_network, m_credentials);
    if (!workspace->open(error))
        return false;
    workspace->setSyncInterval(m_settings.syncInterval);
    m_workspace = std::move(workspace);
    return true;
}

void Application::closeWorkspace()
{
    delete m_mainWindow;
    m_updater.reset();
    m_workspace.reset();
}

void Application::showLogin(const QString &notice)
{
    if (!m_login) {
        // A profile opened from outside the profiles folder (--profile DIR) is offered too.
        QList<Profile> profiles = m_profiles.list();
        if (m_workspace
            && std::none_of(profiles.cbegin(), profiles.cend(),
                            [dir = m_workspace->profile().dir](const Profile &p) { return p.dir == dir; }))
            profiles.prepend(m_workspace->profile());
        m_login = new LoginDialog(profiles, m_options.serverUrl);
        m_login->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_login, &LoginDialog::signInRequested, this, &Application::signIn);
        connect(m_login, &LoginDialog::offlineRequested, this, [this](const Profile &profile) {
            QString error;
            if (!openWorkspace(profile, &error)) {
                m_login->showError(error);
                return;
            }
            rememberProfile(profile);
            showMainWindow();
            m_login->close(); // after the window is up: closing the last window would quit
        });
        connect(m_login, &QDialog::rejected, this, [this] {
            // Closing the dialog with no window behind it ends the program.
            if (!m_mainWindow)
                closeWorkspace();
        });
    }
    if (m_workspace)
        m_login->preselect(m_workspace->profile().server, m_workspace->profile().login);
    if (!notice.isEmpty())
        m_login->showNotice(notice);
    m_login->show();
    m_login->raise();
    m_login->activateWindow();
}

void Application::signIn(const QUrl &server, const QString &login, const QString &password)
{
    QString error;
    // The open profile first: it may live outside the profiles folder (--profile DIR).
    std::optional<Profile> profile;
    if (m_workspace && m_workspace->profile().isFor(server, login))
        profile = m_workspace->profile();
    else
        profile = m_profiles.find(server, login);
    if (!profile) {
        Profile created = m_profiles.create(server, login, &error);
        if (created.dir.isEmpty()) {
            m_login->showError(error);
            return;
        }
        profile = created;
    }
    if (!openWorkspace(*profile, &error)) {
        m_login->showError(error);
        return;
    }
    m_login->setBusy(true);
    Session &session = m_workspace->session();
    auto *signedIn = new QMetaObject::Connection;
    auto *failed = new QMetaObject::Connection;
    auto disconnectBoth = [signedIn, failed] {
        QObject::disconnect(*signedIn);
        QObject::disconnect(*failed);
        delete signedIn;
        delete failed;
    };
    *signedIn = connect(&session, &Session::signedIn, this, [this, disconnectBoth] {
        disconnectBoth();
        rememberProfile(m_workspace->profile());
        if (m_mainWindow)
            m_workspace->engine().syncNow(); // signed in again from the window: upload what waited
        else
            showMainWindow();
        if (m_login)
            m_login->close(); // after the window is up: closing the last window would quit
    });
    *failed = connect(&session, &Session::loginFailed, this, [this, disconnectBoth](const ApiError &failure) {
        disconnectBoth();
        if (m_login)
            m_login->showError(failure.toString());
    });
    session.login(login, password);
}

void Application::rememberProfile(const Profile &profile)
{
    Profile used = profile;
    used.lastUsed = QDateTime::currentDateTimeUtc();
    ProfileStore::save(used);
    m_settings.lastProfileDir = profile.dir;
    m_settings.save(m_settingsStore);
}

void Application::showMainWindow()
{
    if (m_mainWindow)
        return;
    rememberProfile(m_workspace->profile());
    m_workspace->start();
    m_mainWindow = new MainWindow(*m_workspace);
    m_mainWindow->setScannerThresholds({m_settings.scanMaxGapMs, m_settings.scanMinLength});
    m_mainWindow->setAttribute(Qt::WA_DeleteOnClose);
    // Queued: these may close the window that asks.
    connect(m_mainWindow, &MainWindow::settingsRequested, this, &Application::showSettings,
            Qt::QueuedConnection);
    // The dialog opens before the window closes: closing the last window would quit.
    connect(
        m_mainWindow, &MainWindow::switchProfileRequested, this,
        [this] {
            showLogin();
            closeWorkspace();
        },
        Qt::QueuedConnection);
    connect(m_mainWindow, &MainWindow::signInRequested, this, [this] { showLogin(); });
    connect(
        m_mainWindow, &MainWindow::signOutRequested, this,
        [this] {
            m_workspace->session().logout();
            showLogin();
            closeWorkspace();
        },
        Qt::QueuedConnection);
    startUpdater();
    connect(m_updater.get(), &Updater::quitRequested, qApp, &QApplication::closeAllWindows,
            Qt::QueuedConnection);
    m_mainWindow->setUpdater(m_updater.get());
    m_updater->start();
    m_mainWindow->show();
    Q_EMIT mainWindowShown();
}

// The updater of the open workspace's session; the verifier and the installer live as long as
// the application (the key-list serial they remember is the company's, not a profile's).
void Application::startUpdater()
{
    if (!m_verifier) {
        QString folder = m_updateOptions.folder;
        if (folder.isEmpty())
            folder = QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                         .filePath(QStringLiteral("updates"));
        m_updateOptions.folder = folder;
        const QByteArray root = m_updateOptions.rootKey.isEmpty() ? release::builtInRootPublicKey().bytes
                                                                  : m_updateOptions.rootKey;
        m_verifier
            = std::make_unique<ReleaseVerifier>(root, QDir(folder).filePath(QStringLiteral("trust.json")));
    }
    if (!m_updateOptions.installer) {
        m_systemInstaller = std::make_unique<SystemInstaller>();
        m_systemInstaller->setOpenFile(
            [](const QString &file) { return QDesktopServices::openUrl(QUrl::fromLocalFile(file)); });
        m_updateOptions.installer = m_systemInstaller.get();
    }
    m_updater
        = std::make_unique<Updater>(m_network, m_workspace->session(), *m_verifier, m_updateOptions.folder);
    m_updater->setInstaller(m_updateOptions.installer);
    m_updater->setCheckInterval(m_updateOptions.checkInterval);
}

void Application::showSettings()
{
    std::optional<Profile> switchTo;
    {
        SettingsDialog dialog(m_settings, m_profiles, m_credentials,
                              m_workspace ? m_workspace->profile().dir : QString(), m_mainWindow);
        connect(&dialog, &SettingsDialog::switchProfileRequested, this,
                [&switchTo](const Profile &profile) { switchTo = profile; });
        if (dialog.exec() == QDialog::Accepted) {
            m_settings = dialog.settings();
            m_settings.save(m_settingsStore);
            ApiJob::setUpdateChannel(m_network, m_settings.updateChannel);
            if (m_workspace)
                m_workspace->setSyncInterval(m_settings.syncInterval);
        }
    }
    if (switchTo) {
        showLogin();
        m_login->preselect(switchTo->server, switchTo->login);
        closeWorkspace();
    }
}

} // namespace portico::client
