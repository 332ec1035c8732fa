#include "update/updater.h"

#include "appinfo.h"
#include "net/apiclient.h"
#include "net/jsonobject.h"
#include "sync/session.h"
#include "update/installer.h"
#include "update/updatedownload.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>

namespace portico::client {

namespace {

// GET /api/v1/updates: 200 with an offer, 204 (nothing for this device), 304 (as before).
class UpdateCheckJob final : public ApiJob
{
public:
    UpdateCheckJob(QNetworkAccessManager &network, const QUrl &server, const QString &accessToken,
                   QObject *parent)
        : ApiJob(network, endpoint(server, QStringLiteral("/api/v1/updates")), "GET", accessToken.toUtf8(),
                 {}, parent)
    { }
    const QJsonObject &offer() const { return m_offer; }

private:
    bool parseReply(const QByteArray &body, QString *error) override
    {
        if (body.trimmed().isEmpty())
            return true; // 204
        auto object = parseJsonObject(body, error);
        if (!object)
            return false;
        m_offer = std::move(*object);
        return true;
    }
    QJsonObject m_offer;
};

} // namespace

Updater::Updater(QNetworkAccessManager &network, Session &session, ReleaseVerifier &verifier, QString folder,
                 QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_session(session)
    , m_verifier(verifier)
    , m_folder(std::move(folder))
    , m_runningVersion(AppInfo::version())
{
    m_timer.setInterval(std::chrono::hours(4));
    connect(&m_timer, &QTimer::timeout, this, &Updater::check);
    // Started offline or signed out: ask as soon as there is a session.
    connect(&m_session, &Session::signedIn, this, [this] {
        if (m_timer.isActive())
            check();
    });
}

Updater::~Updater()
{
    if (m_check)
        m_check->abort();
    delete m_download;
}

void Updater::setCheckInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void Updater::setLowSpeedLimit(qint64 bytesPerSecond, std::chrono::milliseconds window)
{
    m_lowSpeedLimit = bytesPerSecond;
    m_lowSpeedWindow = window;
}

void Updater::start()
{
    m_timer.start();
    check();
}

void Updater::stop()
{
    m_timer.stop();
}

void Updater::check()
{
    if (m_check || m_session.state() != Session::State::SignedIn)
        return;
    m_session.withAccessToken(this, [this](const ApiError &error) {
        if (!error.ok() || m_check)
            return;
        auto *job = new UpdateCheckJob(m_network, m_session.server(), m_session.accessToken(), this);
        if (!m_etag.isEmpty())
            job->setRequestHeader("If-None-Match", m_etag);
        m_check = job;
        connect(job, &ApiJob::finished, this, &Updater::onCheckFinished);
        job->start();
    });
}

void Updater::onCheckFinished(ApiJob *job)
{
    m_check = nullptr;
    const ApiError &error = job->error();
    if (error.kind == ApiError::Kind::Http && error.httpStatus == 304) {
        Q_EMIT checked(); // as before
        return;
    }
    if (!error.ok()) {
        // Offline, a server without updates, a refused session: the next check tries again.
        if (error.kind == ApiError::Kind::Http && error.httpStatus == 401)
            m_session.invalidateAccessToken();
        Q_EMIT checked();
        return;
    }
    m_etag = job->replyHeader("ETag");
    const QJsonObject offer = static_cast<UpdateCheckJob *>(job)->offer();
    if (job->httpStatus() == 204 || offer.isEmpty()) {
        if (m_state == State::Available) {
            m_release.reset(); // withdrawn (paused, or no longer for this device)
            setState(State::Idle);
        }
        Q_EMIT checked();
        return;
    }
    consider(offer);
}

void Updater::consider(const QJsonObject &json)
{
    if (m_state == State::Downloading || m_state == State::Installing || m_state == State::Installed) {
        Q_EMIT checked();
        return;
    }
    QString why;
    const std::optional<UpdateOffer> offer = UpdateOffer::fromJson(json, m_session.server(), &why);
    if (!offer) {
        m_refusal = QStringLiteral("Malformed");
        Q_EMIT refused(m_refusal, why);
        Q_EMIT checked();
        return;
    }
    const ReleaseVerifier::Running running {m_runningVersion, AppInfo::platform(),
                                            ApiJob::updateChannel(m_network)};
    ReleaseVerifier::Result result = m_verifier.verify(*offer, running, QDateTime::currentDateTimeUtc());
    if (!result.release) {
        qWarning("Update %s refused: %s (%s)", qPrintable(offer->version), qPrintable(result.message),
                 qPrintable(result.code));
        m_refusal = result.code;
        Q_EMIT refused(result.code, result.message);
        Q_EMIT checked();
        return;
    }
    m_refusal.clear();
    const bool same = m_release && m_release->sha256 == result.release->sha256;
    m_release = std::move(result.release);
    if (!same || m_state == State::Idle)
        setState(State::Available);
    Q_EMIT checked();
}

void Updater::install()
{
    if (!m_release || m_state == State::Downloading || m_state == State::Installing
        || m_state == State::Installed)
        return;
    download();
}

QString Updater::targetPath(const VerifiedRelease &release) const
{
    // Named by the signed hash: a partial file is only ever resumed for the same bytes.
    const QString name = QFileInfo(release.fileName).fileName();
    return QDir(m_folder).filePath(QString::fromLatin1(release.sha256.left(16)) + QLatin1Char('-')
                                   + (name.isEmpty() ? QStringLiteral("installer") : name));
}

void Updater::download()
{
    const VerifiedRelease release = *m_release;
    const QString target = targetPath(release);
    // A file finished by an earlier run is checked again like a partial one that is complete.
    if (QFile::exists(target)) {
        QFile::remove(target + QStringLiteral(".partial"));
        QFile::rename(target, target + QStringLiteral(".partial"));
    }
    m_error.clear();
    setState(State::Downloading);
    m_session.withAccessToken(this, [this, release, target](const ApiError &) {
        // The token only goes to the server itself, never to another host.
        const bool sameOrigin = release.downloadUrl.scheme() == m_session.server().scheme()
            && release.downloadUrl.host() == m_session.server().host()
            && release.downloadUrl.port() == m_session.server().port();
        auto *download = new UpdateDownload(m_network, release.downloadUrl,
                                            sameOrigin ? m_session.accessToken().toUtf8() : QByteArray(),
                                            target, release.size, release.sha256, this);
        download->setLowSpeedLimit(m_lowSpeedLimit, m_lowSpeedWindow);
        m_download = download;
        connect(download, &UpdateDownload::progress, this, &Updater::progress);
        connect(download, &UpdateDownload::finished, this, &Updater::onDownloaded);
        download->start();
    });
}

void Updater::onDownloaded(UpdateDownload *download)
{
    download->deleteLater();
    m_download = nullptr;
    if (download->error() != UpdateDownload::Error::None) {
        m_error = download->errorString();
        qWarning("Update download failed: %s", qPrintable(m_error));
        if (download->error() == UpdateDownload::Error::HashMismatch
            || download->error() == UpdateDownload::Error::TooLarge)
            report(QStringLiteral("failed"), m_error);
        setState(State::Failed);
        return;
    }
    runInstaller(download->target());
}

void Updater::runInstaller(const QString &file)
{
    if (!m_installer) {
        m_error = tr("This program cannot install updates by itself: install %1 by hand.")
                      .arg(QDir::toNativeSeparators(file));
        setState(State::Failed);
        return;
    }
    setState(State::Installing);
    m_installer->install(file, m_release->version, this, [this](const InstallResult &result) {
        if (!result.ok) {
            m_error = result.message;
            report(QStringLiteral("failed"), result.message);
            setState(State::Failed);
            return;
        }
        report(QStringLiteral("installed"), {});
        setState(State::Installed);
        if (result.quitForRestart)
            Q_EMIT quitRequested();
    });
}

void Updater::report(const QString &outcome, const QString &message)
{
    if (!m_release || m_session.state() != Session::State::SignedIn)
        return;
    const QByteArray body = QJsonDocument(QJsonObject {
                                              {QStringLiteral("release_id"), m_release->releaseId},
                                              {QStringLiteral("version"), m_release->version},
                                              {QStringLiteral("outcome"), outcome},
                                              {QStringLiteral("message"), message.left(1000)},
                                          })
                                .toJson(QJsonDocument::Compact);
    m_session.withAccessToken(this, [this, body](const ApiError &error) {
        if (!error.ok())
            return;
        auto *job = new JsonPostJob(m_network, m_session.server(), m_session.accessToken(),
                                    QStringLiteral("/api/v1/updates/report"), body, this);
        job->start();
    });
}

void Updater::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace portico::client
