#pragma once

#include "update/releaseverifier.h"
#include "update/updateoffer.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

namespace portico::client {

class ApiJob;
class Installer;
class Session;
class UpdateDownload;

// Keeps the desktop up to date with what the company released: asks the server at start and
// every few hours (GET /api/v1/updates, with the last ETag), also takes the offer that comes
// with a 426, verifies it (ReleaseVerifier), and on install() downloads the installer
// (UpdateDownload: resumable, size-capped, hashed), hands the verified file to the Installer and
// reports the outcome to the server. A refused offer is never downloaded; a failed installation
// leaves the running version as it was.
class Updater final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Updater)

public:
    enum class State {
        Idle, // nothing newer
        Available, // a verified release waits for install()
        Downloading,
        Installing,
        Installed, // the installer succeeded (the next start runs the new version)
        Failed, // download or installation failed: install() tries again
    };
    Q_ENUM(State)

    // `folder` keeps the installers being downloaded (and their partial files across restarts).
    Updater(QNetworkAccessManager &network, Session &session, ReleaseVerifier &verifier, QString folder,
            QObject *parent = nullptr);
    ~Updater() override;

    void setInstaller(Installer *installer) { m_installer = installer; }
    void setCheckInterval(std::chrono::milliseconds interval);
    void setLowSpeedLimit(qint64 bytesPerSecond, std::chrono::milliseconds window);
    // The running program, as verify() compares it (AppInfo and the network's channel by default).
    void setRunningVersion(const QString &version) { m_runningVersion = version; }

    // A check now and then every interval.
    void start();
    void stop();
    void check();
    // An offer in the form of GET /api/v1/updates (the "update" of a 426 answer).
    void consider(const QJsonObject &offer);
    // Downloads what is missing of the verified release, checks it, installs it.
    void install();

    State state() const noexcept { return m_state; }
    const std::optional<VerifiedRelease> &release() const { return m_release; }
    QString errorString() const { return m_error; }
    // Why the last offer was refused (the verifier's code), empty when it was not.
    QString lastRefusal() const { return m_refusal; }

Q_SIGNALS:
    void stateChanged(portico::client::Updater::State state);
    void progress(qint64 received, qint64 total);
    // A check or an offer was dealt with (available, nothing new, or refused).
    void checked();
    void refused(const QString &code, const QString &message);
    // The installer runs once this program has quit (Windows).
    void quitRequested();

private:
    void onCheckFinished(ApiJob *job);
    void download();
    void onDownloaded(UpdateDownload *download);
    void runInstaller(const QString &file);
    void report(const QString &outcome, const QString &message);
    void setState(State state);
    QString targetPath(const VerifiedRelease &release) const;

    QNetworkAccessManager &m_network;
    Session &m_session;
    ReleaseVerifier &m_verifier;
    QString m_folder;
    Installer *m_installer = nullptr;
    QTimer m_timer;
    qint64 m_lowSpeedLimit = 1024;
    std::chrono::milliseconds m_lowSpeedWindow {30000};
    QString m_runningVersion;
    QByteArray m_etag;
    QPointer<ApiJob> m_check;
    QPointer<UpdateDownload> m_download;
    std::optional<VerifiedRelease> m_release;
    State m_state = State::Idle;
    QString m_error;
    QString m_refusal;
};

} // namespace portico::client
