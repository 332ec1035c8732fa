#pragma once

#include "net/apierror.h"

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QNetworkAccessManager;

namespace portico::client {

class ApiJob;
class Session;

// A release as the server keeps it (GET /api/v1/admin/releases).
struct ReleaseRow
{
    QString id;
    QString version;
    QString channel;
    QString platform;
    QString fileName;
    qint64 size = 0;
    QString sha256;
    QString state; // "uploading", "ready", ...
    qint64 received = 0; // installer bytes the server holds
    QDateTime createdAt;
    QString notesEn;
    QString notesRu;

    static ReleaseRow fromJson(const QJsonObject &json);
};

// A channel's settings (GET /api/v1/admin/channels; PUT /api/v1/admin/channels/{channel}).
struct ChannelRow
{
    QString channel;
    QString releaseId; // empty: none offered
    int rolloutPercent = 0;
    bool paused = false;
    QString minVersion; // empty: no minimum

    static ChannelRow fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// How many devices run what (GET /api/v1/admin/devices).
struct DeviceVersionRow
{
    QString version;
    QString platform;
    QString channel;
    qint64 devices = 0;
};

struct InstallFailureRow
{
    QString deviceId;
    QString version;
    QString message;
    QDateTime at;
};

struct DeviceReport
{
    QList<DeviceVersionRow> versions;
    QList<InstallFailureRow> failures;
};

// The admin side of updates, over the admin API: the releases, the channels (current release,
// rollout percentage, pause, minimum version) and the devices per version. Each call answers
// with one signal, or failed() with a sentence for the user.
class ReleaseAdmin final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseAdmin)

public:
    ReleaseAdmin(QNetworkAccessManager &network, Session &session, QObject *parent = nullptr);
    ~ReleaseAdmin() override;

    void loadReleases();
    void loadChannels();
    void loadDevices();
    void saveChannel(const ChannelRow &channel);
    void deleteRelease(const QString &releaseId);

Q_SIGNALS:
    void releasesLoaded(const QList<portico::client::ReleaseRow> &releases);
    void channelsLoaded(const QList<portico::client::ChannelRow> &channels);
    void devicesLoaded(const portico::client::DeviceReport &report);
    void channelSaved(const portico::client::ChannelRow &channel);
    void releaseDeleted(const QString &releaseId);
    void failed(const QString &message);

private:
    using Done = std::function<void(ApiJob *job)>;
    void send(const QByteArray &method, const QString &path, const QByteArray &body, Done done);

    QNetworkAccessManager &m_network;
    Session &m_session;
};

// Publishes one release: the signed manifest and key list first (POST /api/v1/admin/releases),
// then the installer in chunks of at most 8 MiB (PUT .../installer with Content-Range), each
// from what the server says it holds, so an upload cut off anywhere goes on with resume() from
// where the server stopped rather than from the start.
class ReleaseUpload final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseUpload)

public:
    static constexpr qint64 ChunkSize = 8 * 1024 * 1024;

    ReleaseUpload(QNetworkAccessManager &network, Session &session, QString installerPath,
                  QJsonObject manifest, QJsonObject keys, QObject *parent = nullptr);
    ~ReleaseUpload() override;

    void setChunkSize(qint64 bytes) { m_chunkSize = bytes; }
    void start();
    // After failed(): carries on from the last offset the server confirmed.
    void resume();
    void abort();

    QString releaseId() const { return m_release.id; }
    const ReleaseRow &release() const { return m_release; }
    qint64 sent() const noexcept { return m_offset; }
    qint64 total() const noexcept { return m_total; }

Q_SIGNALS:
    void progress(qint64 sent, qint64 total);
    void finished(const portico::client::ReleaseRow &release);
    void failed(const QString &message);

private:
    void createRelease();
    void sendChunk();
    void onChunk(ApiJob *job);
    void fail(const QString &message);

    QNetworkAccessManager &m_network;
    Session &m_session;
    QString m_installerPath;
    QJsonObject m_manifest;
    QJsonObject m_keys;
    QFile m_file;
    ReleaseRow m_release;
    qint64 m_offset = 0;
    qint64 m_total = 0;
    qint64 m_chunkSize = ChunkSize;
    QPointer<ApiJob> m_job;
    int m_conflicts = 0;
};

// Reads a signed envelope file (manifest or key list) as JSON; nullopt with *error otherwise.
std::optional<QJsonObject> readEnvelopeFile(const QString &path, QString *error);

} // namespace portico::client
