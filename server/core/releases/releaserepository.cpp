#include "releases/releaserepository.h"

#include "http/apierror.h"
#include "release/releaseversion.h"
#include "storage/chunkeddevice.h"
#include "storage/database.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

#include <cstring>

namespace portico::server {

using release::ReleaseVersion;

namespace {

const QStringList DefaultChannels {QStringLiteral("stable"), QStringLiteral("beta")};

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject objectFrom(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QJsonValue textOrNullJson(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

const QString ReleaseColumns = QStringLiteral(
    "id, version, channel, platform, file_name, size, sha256, min_supported_version, notes_json, "
    "manifest_json, keys_json, state, received, created_at, created_by");

Release releaseFrom(const Sql &q)
{
    Release r;
    r.id = q.value(0).toString();
    r.version = q.value(1).toString();
    r.channel = q.value(2).toString();
    r.platform = q.value(3).toString();
    r.fileName = q.value(4).toString();
    r.size = q.value(5).toLongLong();
    r.sha256 = q.value(6).toString();
    r.minSupportedVersion = q.value(7).toString();
    r.notes = objectFrom(q.value(8));
    r.manifest = objectFrom(q.value(9));
    r.keys = objectFrom(q.value(10));
    r.state = q.value(11).toString();
    r.received = q.value(12).toLongLong();
    r.createdAt = q.value(13).toLongLong();
    r.createdBy = q.value(14).toString();
    return r;
}

std::optional<Release> findIn(const QSqlDatabase &tx, const QString &id)
{
    Sql q(tx, QStringLiteral("SELECT ") + ReleaseColumns + QStringLiteral(" FROM releases WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return releaseFrom(q);
}

std::optional<ReleaseChannel> channelIn(const QSqlDatabase &tx, const QString &name)
{
    Sql q(tx,
          QStringLiteral("SELECT c.channel, c.release_id, r.version, c.rollout_percent, c.paused, "
                         "c.min_version, c.updated_at FROM release_channels c "
                         "LEFT JOIN releases r ON r.id = c.release_id WHERE c.channel = :channel"));
    q.bind(QStringLiteral(":channel"), name).exec();
    if (!q.next())
        return std::nullopt;
    ReleaseChannel c;
    c.channel = q.value(0).toString();
    c.releaseId = q.value(1).toString();
    c.version = q.value(2).toString();
    c.rolloutPercent = q.value(3).toInt();
    c.paused = q.value(4).toBool();
    c.minVersion = q.value(5).toString();
    c.updatedAt = q.value(6).toLongLong();
    return c;
}

ReleaseChannel defaultChannel(const QString &name)
{
    ReleaseChannel c;
    c.channel = name;
    return c;
}

} // namespace

QJsonObject Release::toJson() const
{
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("version"), version},
        {QStringLiteral("channel"), channel},
        {QStringLiteral("platform"), platform},
        {QStringLiteral("file_name"), fileName},
        {QStringLiteral("size"), size},
        {QStringLiteral("sha256"), sha256},
        {QStringLiteral("min_supported_version"), textOrNullJson(minSupportedVersion)},
        {QStringLiteral("state"), state},
        {QStringLiteral("received"), received},
        {QStringLiteral("created_at"), isoTime(createdAt)},
        {QStringLiteral("notes"), notes},
    };
}

QJsonObject ReleaseChannel::toJson() const
{
    return QJsonObject {
        {QStringLiteral("channel"), channel},
        {QStringLiteral("release_id"), textOrNullJson(releaseId)},
        {QStringLiteral("version"), textOrNullJson(version)},
        {QStringLiteral("rollout_percent"), rolloutPercent},
        {QStringLiteral("paused"), paused},
        {QStringLiteral("min_version"), textOrNullJson(minVersion)},
        {QStringLiteral("updated_at"), updatedAt > 0 ? QJsonValue(isoTime(updatedAt)) : QJsonValue()},
    };
}

ReleaseRepository::ReleaseRepository(Database &database)
    : m_database(database)
{ }

bool ReleaseRepository::isValidChannelName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,31}$"));
    return pattern.match(name).hasMatch();
}

Release ReleaseRepository::create(const ReleaseManifest &manifest, const QJsonObject &manifestEnvelope,
                                  const QJsonObject &keysEnvelope, const QString &createdBy, qint64 now)
{
    Release r;
    r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.version = manifest.version;
    r.channel = manifest.channel;
    r.platform = manifest.platform;
    r.fileName = manifest.fileName;
    r.size = manifest.size;
    r.sha256 = manifest.sha256;
    r.minSupportedVersion = manifest.minSupportedVersion;
    r.notes = manifest.notes;
    r.manifest = manifestEnvelope;
    r.keys = keysEnvelope;
    r.state = QStringLiteral("uploading");
    r.createdAt = now;
    r.createdBy = createdBy;
    m_database.write([&](QSqlDatabase &tx) {
        Sql taken(
            tx,
            QStringLiteral("SELECT id FROM releases WHERE version = :v AND channel = :c AND platform = :p"));
        taken.bind(QStringLiteral(":v"), r.version)
            .bind(QStringLiteral(":c"), r.channel)
            .bind(QStringLiteral(":p"), r.platform)
            .exec();
        if (taken.next())
            throw ApiError(ApiErrorCode::Conflict,
                           QStringLiteral("Version %1 for %2 on the %3 channel was uploaded before")
                               .arg(r.version, r.platform, r.channel));
        Sql(tx,
            QStringLiteral("INSERT INTO releases (") + ReleaseColumns
                + QStringLiteral(") VALUES (:id, :version, :channel, :platform, :file, :size, :sha, :min, "
                                 ":notes, :manifest, :keys, :state, 0, :at, :by)"))
            .bind(QStringLiteral(":id"), r.id)
            .bind(QStringLiteral(":version"), r.version)
            .bind(QStringLiteral(":channel"), r.channel)
            .bind(QStringLiteral(":platform"), r.platform)
            .bind(QStringLiteral(":file"), r.fileName)
            .bind(QStringLiteral(":size"), r.size)
            .bind(QStringLiteral(":sha"), r.sha256)
            .bind(QStringLiteral(":min"), r.minSupportedVersion)
            .bind(QStringLiteral(":notes"), compactJson(r.notes))
            .bind(QStringLiteral(":manifest"), compactJson(manifestEnvelope))
            .bind(QStringLiteral(":keys"), compactJson(keysEnvelope))
            .bind(QStringLiteral(":state"), r.state)
            .bind(QStringLiteral(":at"), now)
            .bind(QStringLiteral(":by"), createdBy)
            .exec();
    });
    return r;
}

std::optional<Release> ReleaseRepository::find(const QString &id)
{
    return m_database.read([&](QSqlDatabase &tx) { return findIn(tx, id); });
}

QList<Release> ReleaseRepository::list()
{
    return m_database.read([&](QSqlDatabase &tx) {
        QList<Release> releases;
        Sql q(tx,
              QStringLiteral("SELECT ") + ReleaseColumns
                  + QStringLiteral(" FROM releases ORDER BY created_at DESC, id"));
        q.exec();
        while (q.next())
            releases << releaseFrom(q);
        return releases;
    });
}

ReleaseRepository::Append ReleaseRepository::appendChunk(const QString &id, qint64 start,
                                                         std::string_view data)
{
    return m_database.write([&](QSqlDatabase &tx) {
        const auto release = findIn(tx, id);
        if (!release || release->isReady())
            return Append::NotUploading;
        const bool restart = release->state == QLatin1String("failed");
        const qint64 received = restart ? 0 : release->received;
        if (start != received)
            return Append::WrongOffset;
        Sql(tx,
            QStringLiteral(
                "INSERT INTO release_chunks (release_id, start_at, data) VALUES (:id, :start, :data)"))
            .bind(QStringLiteral(":id"), id)
            .bind(QStringLiteral(":start"), start)
            .bind(QStringLiteral(":data"), QByteArray(data.data(), static_cast<qsizetype>(data.size())))
            .exec();
        Sql(tx,
            QStringLiteral("UPDATE releases SET received = :received, state = 'uploading' WHERE id = :id"))
            .bind(QStringLiteral(":received"), start + static_cast<qint64>(data.size()))
            .bind(QStringLiteral(":id"), id)
            .exec();
        return Append::Stored;
    });
}

std::unique_ptr<QIODevice> ReleaseRepository::openStaged(const QString &id)
{
    const auto release = find(id);
    if (!release || release->received <= 0)
        return nullptr;
    // The staged chunks in order, one row at a time, through the connection as it is: inside the
    // blob store's write transaction on PostgreSQL, on its own (autocommit) with SQLite.
    return std::make_unique<ChunkedDevice>(
        release->received, QStringLiteral("the staged installer of release %1").arg(id),
        [&database = m_database, id](qint64 offset, int) {
            Sql q(database.connection(),
                  QStringLiteral(
                      "SELECT data FROM release_chunks WHERE release_id = :id AND start_at = :start"));
            q.bind(QStringLiteral(":id"), id).bind(QStringLiteral(":start"), offset).exec();
            return q.next() ? q.value(0).toByteArray() : QByteArray();
        });
}

void ReleaseRepository::finishUpload(const QString &id, bool ready)
{
    m_database.write([&](QSqlDatabase &tx) {
        Sql(tx, QStringLiteral("DELETE FROM release_chunks WHERE release_id = :id"))
            .bind(QStringLiteral(":id"), id)
            .exec();
        Sql(tx,
            ready ? QStringLiteral("UPDATE releases SET state = 'ready', received = size WHERE id = :id")
                  : QStringLiteral("UPDATE releases SET state = 'failed', received = 0 WHERE id = :id"))
            .bind(QStringLiteral(":id"), id)
            .exec();
    });
}

Release ReleaseRepository::remove(const QString &id)
{
    return m_database.write([&](QSqlDatabase &tx) {
        const auto release = findIn(tx, id);
        if (!release)
            throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such release"));
        Sql current(tx, QStringLiteral("SELECT channel FROM release_channels WHERE release_id = :id"));
        current.bind(QStringLiteral(":id"), id).exec();
        if (current.next())
            throw ApiError(ApiErrorCode::Conflict,
                           QStringLiteral("The release is the current one of the %1 channel")
                               .arg(current.value(0).toString()));
        Sql(tx, QStringLiteral("DELETE FROM release_chunks WHERE release_id = :id"))
            .bind(QStringLiteral(":id"), id)
            .exec();
        Sql(tx, QStringLiteral("DELETE FROM releases WHERE id = :id")).bind(QStringLiteral(":id"), id).exec();
        return *release;
    });
}

bool ReleaseRepository::installerShared(const QString &sha256, const QString &exceptId)
{
    return m_database.read([&](QSqlDatabase &tx) {
        Sql q(tx,
              QStringLiteral("SELECT 1 FROM releases WHERE sha256 = :sha AND id <> :id AND state = 'ready'"));
        q.bind(QStringLiteral(":sha"), sha256).bind(QStringLiteral(":id"), exceptId).exec();
        return q.next();
    });
}

QList<ReleaseChannel> ReleaseRepository::channels()
{
    return m_database.read([&](QSqlDatabase &tx) {
        QStringList names = DefaultChannels;
        Sql q(tx, QStringLiteral("SELECT channel FROM release_channels ORDER BY channel"));
        q.exec();
        while (q.next()) {
            const QString name = q.value(0).toString();
            if (!names.contains(name))
                names << name;
        }
        QList<ReleaseChannel> channels;
        for (const QString &name : std::as_const(names))
            channels << channelIn(tx, name).value_or(defaultChannel(name));
        return channels;
    });
}

ReleaseChannel ReleaseRepository::channel(const QString &name)
{
    return m_database.read(
        [&](QSqlDatabase &tx) { return channelIn(tx, name).value_or(defaultChannel(name)); });
}

ReleaseChannel ReleaseRepository::updateChannel(const QString &name, const ChannelChange &change, qint64 now)
{
    if (!isValidChannelName(name))
        throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such channel"));
    if (change.rolloutPercent && (*change.rolloutPercent < 0 || *change.rolloutPercent > 100))
        throw ApiError(ApiErrorCode::Unprocessable, QStringLiteral("rollout_percent must be 0 to 100"),
                       QStringLiteral("rollout_percent"));
    if (change.minVersion && !change.minVersion->isEmpty()
        && !ReleaseVersion::parse(*change.minVersion).has_value())
        throw ApiError(ApiErrorCode::Unprocessable,
                       QStringLiteral("min_version must be a version such as 1.4.0"),
                       QStringLiteral("min_version"));
    return m_database.write([&](QSqlDatabase &tx) {
        ReleaseChannel c = channelIn(tx, name).value_or(defaultChannel(name));
        const bool existed = c.updatedAt > 0;
        if (change.releaseId) {
            const auto release = findIn(tx, *change.releaseId);
            if (!release || release->channel != name)
                throw ApiError(ApiErrorCode::Unprocessable,
                               QStringLiteral("The release is not one of the %1 channel").arg(name),
                               QStringLiteral("release_id"));
            if (!release->isReady())
                throw ApiError(
                    ApiErrorCode::Unprocessable,
                    QStringLiteral("The release's installer has not been uploaded and checked yet"),
                    QStringLiteral("release_id"));
            c.releaseId = release->id;
            c.version = release->version;
        }
        if (change.rolloutPercent)
            c.rolloutPercent = *change.rolloutPercent;
        if (change.paused)
            c.paused = *change.paused;
        if (change.minVersion)
            c.minVersion = *change.minVersion;
        c.updatedAt = now;
        const QString statement = existed
            ? QStringLiteral(
                "UPDATE release_channels SET release_id = :release, rollout_percent = :rollout, "
                "paused = :paused, min_version = :min, updated_at = :at WHERE channel = :channel")
            : QStringLiteral(
                "INSERT INTO release_channels (channel, release_id, rollout_percent, paused, "
                "min_version, updated_at) VALUES (:channel, :release, :rollout, :paused, :min, :at)");
        const QVariant null(QMetaType(QMetaType::QString));
        Sql(tx, statement)
            .bind(QStringLiteral(":channel"), name)
            .bind(QStringLiteral(":release"), c.releaseId.isEmpty() ? null : QVariant(c.releaseId))
            .bind(QStringLiteral(":rollout"), c.rolloutPercent)
            .bind(QStringLiteral(":paused"), c.paused)
            .bind(QStringLiteral(":min"), c.minVersion.isEmpty() ? null : QVariant(c.minVersion))
            .bind(QStringLiteral(":at"), now)
            .exec();
        return c;
    });
}

void ReleaseRepository::recordDevice(const DeviceSighting &s)
{
    constexpr qint64 RefreshAfterMs = 5 * 60 * 1000;
    const bool fresh = m_database.read([&](QSqlDatabase &tx) {
        Sql q(tx,
              QStringLiteral("SELECT version, platform, channel, last_seen FROM devices "
                             "WHERE device_id = :device AND user_id = :user"));
        q.bind(QStringLiteral(":device"), s.deviceId).bind(QStringLiteral(":user"), s.userId).exec();
        return q.next() && q.value(0).toString() == s.version && q.value(1).toString() == s.platform
            && q.value(2).toString() == s.channel && q.value(3).toLongLong() > s.at - RefreshAfterMs;
    });
    if (fresh)
        return;
    m_database.write([&](QSqlDatabase &tx) {
        Sql(tx,
            QStringLiteral("INSERT INTO devices (device_id, user_id, version, platform, channel, last_seen) "
                           "VALUES (:device, :user, :version, :platform, :channel, :at) "
                           "ON CONFLICT (device_id, user_id) DO UPDATE SET version = excluded.version, "
                           "platform = excluded.platform, channel = excluded.channel, "
                           "last_seen = excluded.last_seen"))
            .bind(QStringLiteral(":device"), s.deviceId)
            .bind(QStringLiteral(":user"), s.userId)
            .bind(QStringLiteral(":version"), s.version)
            .bind(QStringLiteral(":platform"), s.platform)
            .bind(QStringLiteral(":channel"), s.channel)
            .bind(QStringLiteral(":at"), s.at)
            .exec();
    });
}

QJsonArray ReleaseRepository::versionCounts()
{
    return m_database.read([&](QSqlDatabase &tx) {
        QJsonArray versions;
        Sql q(tx,
              QStringLiteral("SELECT version, platform, channel, COUNT(*) FROM devices "
                             "GROUP BY version, platform, channel ORDER BY version, platform, channel"));
        q.exec();
        while (q.next())
            versions.append(QJsonObject {{QStringLiteral("version"), q.value(0).toString()},
                                         {QStringLiteral("platform"), q.value(1).toString()},
                                         {QStringLiteral("channel"), q.value(2).toString()},
                                         {QStringLiteral("devices"), q.value(3).toLongLong()}});
        return versions;
    });
}

QJsonArray ReleaseRepository::recentFailures(int limit)
{
    return m_database.read([&](QSqlDatabase &tx) {
        QJsonArray failures;
        Sql q(tx,
              QStringLiteral("SELECT device_id, login, version, release_id, message, at FROM update_reports "
                             "WHERE outcome = 'failed' ORDER BY at DESC, id LIMIT :limit"));
        q.bind(QStringLiteral(":limit"), limit).exec();
        while (q.next())
            failures.append(QJsonObject {{QStringLiteral("device_id"), q.value(0).toString()},
                                         {QStringLiteral("user"), q.value(1).toString()},
                                         {QStringLiteral("version"), q.value(2).toString()},
                                         {QStringLiteral("release_id"), q.value(3).toString()},
                                         {QStringLiteral("message"), q.value(4).toString()},
                                         {QStringLiteral("at"), isoTime(q.value(5).toLongLong())}});
        return failures;
    });
}

void ReleaseRepository::addReport(const UpdateReport &report)
{
    m_database.write([&](QSqlDatabase &tx) {
        Sql(tx,
            QStringLiteral("INSERT INTO update_reports (id, device_id, user_id, login, release_id, version, "
                           "outcome, message, at) VALUES (:id, :device, :user, :login, :release, :version, "
                           ":outcome, :message, :at)"))
            .bind(QStringLiteral(":id"), QUuid::createUuid().toString(QUuid::WithoutBraces))
            .bind(QStringLiteral(":device"), report.deviceId)
            .bind(QStringLiteral(":user"), report.userId)
            .bind(QStringLiteral(":login"), report.login)
            .bind(QStringLiteral(":release"), report.releaseId)
            .bind(QStringLiteral(":version"), report.version)
            .bind(QStringLiteral(":outcome"),
                  report.installed ? QStringLiteral("installed") : QStringLiteral("failed"))
            .bind(QStringLiteral(":message"), report.message)
            .bind(QStringLiteral(":at"), report.at)
            .exec();
    });
}

} // namespace portico::server
