#include "update/releaseadmin.h"

#include "net/apiclient.h"
#include "sync/session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

namespace portico::client {

namespace {

// One admin request; the reply's JSON (object or array), or nothing (204).
class AdminJob final : public ApiJob
{
public:
    AdminJob(QNetworkAccessManager &network, const QUrl &server, const QString &accessToken,
             QByteArray method, const QString &path, QByteArray body, QObject *parent)
        : ApiJob(network, endpoint(server, path), std::move(method), accessToken.toUtf8(), std::move(body),
                 parent)
    { }
    const QJsonDocument &document() const { return m_document; }

private:
    bool parseReply(const QByteArray &body, QString *error) override
    {
        if (body.trimmed().isEmpty())
            return true;
        QJsonParseError parseError;
        m_document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            if (error)
                *error = parseError.errorString();
            return false;
        }
        return true;
    }
    QJsonDocument m_document;
};

QDateTime timestamp(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

// A list either as the reply itself or under `key`.
QJsonArray listOf(const QJsonDocument &document, const QString &key)
{
    if (document.isArray())
        return document.array();
    return document.object().value(key).toArray();
}

QString idText(const QJsonValue &value)
{
    return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
}

QString sentence(const ApiError &error)
{
    if (error.kind == ApiError::Kind::Http && error.httpStatus == 403)
        return ReleaseAdmin::tr("Only administrators may manage releases.");
    return error.message.isEmpty() ? error.toString() : error.message;
}

} // namespace

ReleaseRow ReleaseRow::fromJson(const QJsonObject &json)
{
    ReleaseRow row;
    row.id = idText(json.value(QStringLiteral("id")));
    row.version = json.value(QStringLiteral("version")).toString();
    row.channel = json.value(QStringLiteral("channel")).toString();
    row.platform = json.value(QStringLiteral("platform")).toString();
    row.fileName = json.value(QStringLiteral("file_name")).toString();
    row.size = json.value(QStringLiteral("size")).toInteger();
    row.sha256 = json.value(QStringLiteral("sha256")).toString();
    row.state = json.value(QStringLiteral("state")).toString();
    row.received = json.value(QStringLiteral("received")).toInteger();
    row.createdAt = timestamp(json.value(QStringLiteral("created_at")));
    const QJsonObject notes = json.value(QStringLiteral("notes")).toObject();
    row.notesEn = notes.value(QStringLiteral("en")).toString();
    row.notesRu = notes.value(QStringLiteral("ru")).toString();
    return row;
}

ChannelRow ChannelRow::fromJson(const QJsonObject &json)
{
    ChannelRow row;
    row.channel = json.value(QStringLiteral("channel")).toString();
    if (row.channel.isEmpty())
        row.channel = json.value(QStringLiteral("name")).toString();
    row.releaseId = idText(json.value(QStringLiteral("release_id")));
    row.rolloutPercent = json.value(QStringLiteral("rollout_percent")).toInt();
    row.paused = json.value(QStringLiteral("paused")).toBool();
    row.minVersion = json.value(QStringLiteral("min_version")).toString();
    return row;
}

QJsonObject ChannelRow::toJson() const
{
    QJsonObject json {
        {QStringLiteral("rollout_percent"), rolloutPercent},
        {QStringLiteral("paused"), paused},
        {QStringLiteral("min_version"), minVersion.isEmpty() ? QJsonValue() : QJsonValue(minVersion)},
    };
    if (!releaseId.isEmpty())
        json.insert(QStringLiteral("release_id"), releaseId); // absent: the channel keeps its release
    return json;
}

ReleaseAdmin::ReleaseAdmin(QNetworkAccessManager &network, Session &session, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_session(session)
{ }

ReleaseAdmin::~ReleaseAdmin() = default;

void ReleaseAdmin::send(const QByteArray &method, const QString &path, const QByteArray &body, Done done)
{
    m_session.withAccessToken(this,
                              [this, method, path, body, done = std::move(done)](const ApiError &error) {
                                  if (!error.ok()) {
                                      Q_EMIT failed(sentence(error));
                                      return;
                                  }
                                  auto *job = new AdminJob(m_network, m_session.server(),
                                                           m_session.accessToken(), method, path, body, this);
                                  connect(job, &ApiJob::finished, this, [this, done](ApiJob *finished) {
                                      if (!finished->error().ok()) {
                                          if (finished->error().httpStatus == 401)
                                              m_session.invalidateAccessToken();
                                          Q_EMIT failed(sentence(finished->error()));
                                          return;
                                      }
                                      done(finished);
                                  });
                                  job->start();
                              });
}

void ReleaseAdmin::loadReleases()
{
    send("GET", QStringLiteral("/api/v1/admin/releases"), {}, [this](ApiJob *job) {
        QList<ReleaseRow> rows;
        for (const QJsonValue &value :
             listOf(static_cast<AdminJob *>(job)->document(), QStringLiteral("releases")))
            rows.append(ReleaseRow::fromJson(value.toObject()));
        Q_EMIT releasesLoaded(rows);
    });
}

void ReleaseAdmin::loadChannels()
{
    send("GET", QStringLiteral("/api/v1/admin/channels"), {}, [this](ApiJob *job) {
        QList<ChannelRow> rows;
        for (const QJsonValue &value :
             listOf(static_cast<AdminJob *>(job)->document(), QStringLiteral("channels")))
            rows.append(ChannelRow::fromJson(value.toObject()));
        Q_EMIT channelsLoaded(rows);
    });
}

void ReleaseAdmin::loadDevices()
{
    send("GET", QStringLiteral("/api/v1/admin/devices"), {}, [this](ApiJob *job) {
        const QJsonObject json = static_cast<AdminJob *>(job)->document().object();
        DeviceReport report;
        for (const QJsonValue &value : json.value(QStringLiteral("versions")).toArray()) {
            const QJsonObject row = value.toObject();
            report.versions.append({row.value(QStringLiteral("version")).toString(),
                                    row.value(QStringLiteral("platform")).toString(),
                                    row.value(QStringLiteral("channel")).toString(),
                                    row.value(QStringLiteral("devices")).toInteger()});
        }
        for (const QJsonValue &value : json.value(QStringLiteral("failures")).toArray()) {
            const QJsonObject row = value.toObject();
            QDateTime at = timestamp(row.value(QStringLiteral("at")));
            if (!at.isValid())
                at = timestamp(row.value(QStringLiteral("reported_at")));
            report.failures.append({row.value(QStringLiteral("device_id")).toString(),
                                    row.value(QStringLiteral("version")).toString(),
                                    row.value(QStringLiteral("message")).toString(), at});
        }
        Q_EMIT devicesLoaded(report);
    });
}

void ReleaseAdmin::saveChannel(const ChannelRow &channel)
{
    const QByteArray body = QJsonDocument(channel.toJson()).toJson(QJsonDocument::Compact);
    send("PUT",
         QStringLiteral("/api/v1/admin/channels/%1")
             .arg(QString::fromLatin1(QUrl::toPercentEncoding(channel.channel))),
         body, [this, channel](ApiJob *job) {
             const QJsonObject json = static_cast<AdminJob *>(job)->document().object();
             ChannelRow saved = json.isEmpty()
                 ? channel
                 : ChannelRow::fromJson(json.value(QStringLiteral("channel")).isObject()
                                            ? json.value(QStringLiteral("channel")).toObject()
                                            : json);
             if (saved.channel.isEmpty())
                 saved.channel = channel.channel;
             Q_EMIT channelSaved(saved);
         });
}

void ReleaseAdmin::deleteRelease(const QString &releaseId)
{
    send("DELETE", QStringLiteral("/api/v1/admin/releases/%1").arg(releaseId), {},
         [this, releaseId](ApiJob *) { Q_EMIT releaseDeleted(releaseId); });
}

std::optional<QJsonObject> readEnvelopeFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = ReleaseAdmin::tr("Cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(1024 * 1024), &parseError);
    if (!document.isObject() || !document.object().contains(QStringLiteral("signature"))) {
        if (error)
            *error = ReleaseAdmin::tr("%1 is not a signed file made by portico-release.").arg(path);
        return std::nullopt;
    }
    return document.object();
}

ReleaseUpload::ReleaseUpload(QNetworkAccessManager &network, Session &session, QString installerPath,
                             QJsonObject manifest, QJsonObject keys, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_session(session)
    , m_installerPath(std::move(installerPath))
    , m_manifest(std::move(manifest))
    , m_keys(std::move(keys))
{ }

ReleaseUpload::~ReleaseUpload()
{
    if (m_job)
        m_job->abort();
}

void ReleaseUpload::start()
{
    m_file.setFileName(m_installerPath);
    if (!m_file.open(QIODevice::ReadOnly)) {
        fail(tr("Cannot read %1: %2").arg(m_installerPath, m_file.errorString()));
        return;
    }
    m_total = m_file.size();
    createRelease();
}

void ReleaseUpload::resume()
{
    if (m_job)
        return;
    if (!m_file.isOpen())
        start();
    else if (m_release.id.isEmpty())
        createRelease();
    else
        sendChunk();
}

void ReleaseUpload::abort()
{
    if (m_job)
        m_job->abort();
}

void ReleaseUpload::createRelease()
{
    const QByteArray body = QJsonDocument(QJsonObject {{QStringLiteral("manifest"), m_manifest},
                                                       {QStringLiteral("keys"), m_keys}})
                                .toJson(QJsonDocument::Compact);
    m_session.withAccessToken(this, [this, body](const ApiError &error) {
        if (!error.ok()) {
            fail(sentence(error));
            return;
        }
        auto *job = new AdminJob(m_network, m_session.server(), m_session.accessToken(), "POST",
                                 QStringLiteral("/api/v1/admin/releases"), body, this);
        m_job = job;
        connect(job, &ApiJob::finished, this, [this](ApiJob *finished) {
            m_job = nullptr;
            if (!finished->error().ok()) {
                fail(sentence(finished->error()));
                return;
            }
            const QJsonObject json = static_cast<AdminJob *>(finished)->document().object();
            m_release = ReleaseRow::fromJson(json.value(QStringLiteral("release")).toObject());
            if (m_release.id.isEmpty()) {
                fail(tr("The server did not say which release it created."));
                return;
            }
            if (m_release.size > 0 && m_release.size != m_total) {
                fail(tr("The installer has %1 bytes, the signed manifest says %2: pick the installer the "
                        "manifest was signed for.")
                         .arg(m_total)
                         .arg(m_release.size));
                return;
            }
            m_offset = std::clamp<qint64>(m_release.received, 0, m_total);
            sendChunk();
        });
        job->start();
    });
}

void ReleaseUpload::sendChunk()
{
    Q_EMIT progress(m_offset, m_total);
    if (m_offset >= m_total && m_total > 0 && m_release.received >= m_total) {
        Q_EMIT finished(m_release);
        return;
    }
    if (!m_file.seek(m_offset)) {
        fail(tr("Cannot read %1: %2").arg(m_installerPath, m_file.errorString()));
        return;
    }
    const QByteArray chunk = m_file.read(std::min(m_chunkSize, m_total - m_offset));
    const qint64 start = m_offset;
    m_session.withAccessToken(this, [this, chunk, start](const ApiError &error) {
        if (!error.ok()) {
            fail(sentence(error));
            return;
        }
        auto *job = new AdminJob(m_network, m_session.server(), m_session.accessToken(), "PUT",
                                 QStringLiteral("/api/v1/admin/releases/%1/installer").arg(m_release.id),
                                 chunk, this);
        job->setRequestHeader("Content-Type", "application/octet-stream");
        job->setRequestHeader("Content-Range",
                              "bytes " + QByteArray::number(start) + '-'
                                  + QByteArray::number(start + chunk.size() - 1) + '/'
                                  + QByteArray::number(m_total));
        job->setTimeout(std::chrono::minutes(2));
        m_job = job;
        connect(job, &ApiJob::finished, this, &ReleaseUpload::onChunk);
        job->start();
    });
}

void ReleaseUpload::onChunk(ApiJob *job)
{
    m_job = nullptr;
    const ApiError &error = job->error();
    const QJsonObject json = static_cast<AdminJob *>(job)->document().object();
    if (error.kind == ApiError::Kind::Http && error.httpStatus == 409) {
        // The server holds another amount than we thought: go on from there.
        const QJsonObject body = QJsonDocument::fromJson(job->body()).object();
        QJsonValue received = body.value(QStringLiteral("received"));
        if (received.isUndefined())
            received = body.value(QStringLiteral("release")).toObject().value(QStringLiteral("received"));
        if (!received.isDouble() || ++m_conflicts > 3) {
            fail(sentence(error));
            return;
        }
        m_offset = std::clamp<qint64>(received.toInteger(), 0, m_total);
        m_release.received = m_offset;
        sendChunk();
        return;
    }
    if (!error.ok()) {
        fail(sentence(error));
        return;
    }
    m_conflicts = 0;
    const QJsonObject release = json.value(QStringLiteral("release")).isObject()
        ? json.value(QStringLiteral("release")).toObject()
        : json;
    const ReleaseRow row = ReleaseRow::fromJson(release);
    if (!row.id.isEmpty())
        m_release = row;
    else if (release.contains(QStringLiteral("received")))
        m_release.received = release.value(QStringLiteral("received")).toInteger();
    else
        m_release.received = m_offset + std::min(m_chunkSize, m_total - m_offset);
    m_offset = std::clamp<qint64>(m_release.received, 0, m_total);
    sendChunk();
}

void ReleaseUpload::fail(const QString &message)
{
    Q_EMIT failed(message);
}

} // namespace portico::client
