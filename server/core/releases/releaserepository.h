#pragma once

#include "releases/signedrelease.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <string_view>

class QIODevice;

namespace portico::server {

class Database;

// A release as admins uploaded it: what its verified manifest says, the signed manifest and
// key list as they came (served to clients unchanged), and how far its installer has arrived.
struct Release
{
    QString id;
    QString version;
    QString channel;
    QString platform;
    QString fileName;
    qint64 size = 0;
    QString sha256;
    QString minSupportedVersion;
    QJsonObject notes;
    QJsonObject manifest; // the signed envelope
    QJsonObject keys; // the signed key list envelope
    QString state; // "uploading", "ready", "failed"
    qint64 received = 0; // installer bytes staged so far
    qint64 createdAt = 0;
    QString createdBy;

    bool isReady() const { return state == QLatin1String("ready"); }
    // The API's <release> object (docs/API.md).
    QJsonObject toJson() const;
};

// A channel ("stable", "beta"): its current release, the share of devices it is offered to,
// whether offering is paused, and the version below which clients must update.
struct ReleaseChannel
{
    QString channel;
    QString releaseId; // empty: none yet
    QString version; // of the current release
    int rolloutPercent = 100;
    bool paused = false;
    QString minVersion; // empty: none
    qint64 updatedAt = 0;

    QJsonObject toJson() const;
};

// What a PUT /admin/channels/{channel} changes; unset members stay as they are.
struct ChannelChange
{
    std::optional<QString> releaseId;
    std::optional<int> rolloutPercent;
    std::optional<bool> paused;
    std::optional<QString> minVersion; // an empty string clears it
};

// A device's client as it announced itself on a sync.
struct DeviceSighting
{
    QString deviceId;
    QString userId;
    QString version;
    QString platform;
    QString channel;
    qint64 at = 0;
};

// A client's word on how installing a release went.
struct UpdateReport
{
    QString deviceId;
    QString userId;
    QString login;
    QString releaseId;
    QString version;
    bool installed = false;
    QString message;
    qint64 at = 0;
};

// Storage of releases, their staged installers, channels, devices and install reports.
// SQL lives here and nowhere else; safe from any thread (Database is).
class ReleaseRepository final
{
public:
    explicit ReleaseRepository(Database &database);

    // Stores a verified release in state "uploading" with nothing received. Throws
    // ApiError(Conflict) when (version, channel, platform) already has a release.
    Release create(const ReleaseManifest &manifest, const QJsonObject &manifestEnvelope,
                   const QJsonObject &keysEnvelope, const QString &createdBy, qint64 now);
    std::optional<Release> find(const QString &id);
    QList<Release> list(); // newest first

    // Appends a chunk of the installer at `start`, which must be what was received so far;
    // a release that failed its check starts again at 0. Nothing is stored when the release is
    // not uploading (or failed) or `start` is not where it stands.
    enum class Append { Stored, WrongOffset, NotUploading };
    Append appendChunk(const QString &id, qint64 start, std::string_view data);
    // The staged chunks in order, as one sequential device; null when there are none. It reads
    // one chunk at a time through the calling thread's connection, inside whatever transaction
    // that connection has open.
    std::unique_ptr<QIODevice> openStaged(const QString &id);
    // Ends an upload: "ready" (the installer is in the blob store; received = size) or "failed"
    // (it did not match the manifest; received goes back to 0). The staged chunks are dropped
    // either way. The command line's publish, which puts the file in the blob store itself,
    // ends with it too.
    void finishUpload(const QString &id, bool ready);

    // Removes a release that no channel has as its current one, with its staged chunks.
    // Throws ApiError(NotFound) or ApiError(Conflict). Returns the removed release.
    Release remove(const QString &id);
    // Whether another release than `exceptId` has an installer with this hash.
    bool installerShared(const QString &sha256, const QString &exceptId);

    // Every channel that has a row, plus "stable" and "beta" with their defaults.
    QList<ReleaseChannel> channels();
    ReleaseChannel channel(const QString &name);
    // Applies a change; the release named must be ready and of that channel, min_version a
    // version. Throws ApiError (NotFound, Unprocessable).
    ReleaseChannel updateChannel(const QString &name, const ChannelChange &change, qint64 now);

    // Upserts the device's row; a sighting that changes nothing within five minutes of the
    // last one is not written again (a sync pulls many pages).
    void recordDevice(const DeviceSighting &sighting);
    // [{"version","platform","channel","devices"}] over every device seen.
    QJsonArray versionCounts();
    // The last `limit` failed installs, newest first.
    QJsonArray recentFailures(int limit);
    void addReport(const UpdateReport &report);

    // "stable", "beta", "nightly-2": 1-32 lower-case letters, digits, '-' and '_'.
    static bool isValidChannelName(const QString &name);

private:
    Database &m_database;
};

} // namespace portico::server
