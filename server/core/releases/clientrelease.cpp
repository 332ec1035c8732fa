#include "releases/clientrelease.h"

#include "http/apierror.h"
#include "log/structuredlog.h"
#include "release/releaseversion.h"
#include "releases/releaserepository.h"
#include "releases/rollout.h"
#include "services.h"

#include <QJsonDocument>

namespace portico::server {

using release::ReleaseVersion;

namespace {

QString text(const std::string &value)
{
    return QString::fromUtf8(value).trimmed();
}

QString deviceOf(const Caller &caller)
{
    return caller.deviceId.isEmpty() ? caller.userId : caller.deviceId;
}

} // namespace

ClientRelease ClientRelease::of(const HttpRequest &request, bool queryToo)
{
    ClientRelease client;
    client.version = text(request.header("x-portico-version"));
    client.platform = text(request.header("x-portico-platform"));
    client.channel = text(request.header("x-portico-channel"));
    if (queryToo) {
        if (request.query.count("version"))
            client.version = text(request.queryValue("version"));
        if (request.query.count("platform"))
            client.platform = text(request.queryValue("platform"));
        if (request.query.count("channel"))
            client.channel = text(request.queryValue("channel"));
    }
    if (client.channel.isEmpty())
        client.channel = QStringLiteral("stable");
    return client;
}

std::optional<QJsonObject> updateOfferFor(ReleaseRepository &releases, const ClientRelease &client,
                                          const QString &deviceId)
{
    const auto running = ReleaseVersion::parse(client.version);
    if (!running || !ReleaseRepository::isValidChannelName(client.channel))
        return std::nullopt;
    const ReleaseChannel channel = releases.channel(client.channel);
    if (channel.releaseId.isEmpty())
        return std::nullopt;
    const auto release = releases.find(channel.releaseId);
    if (!release || !release->isReady() || release->platform != client.platform)
        return std::nullopt;
    if (ReleaseVersion::parse(release->version) <= running)
        return std::nullopt;
    const auto minimum = ReleaseVersion::parse(channel.minVersion);
    const bool mustUpdate = minimum && *running < *minimum;
    if (!mustUpdate && (channel.paused || rolloutBucket(release->id, deviceId) >= channel.rolloutPercent))
        return std::nullopt;
    return QJsonObject {
        {QStringLiteral("release_id"), release->id},
        {QStringLiteral("version"), release->version},
        {QStringLiteral("channel"), release->channel},
        {QStringLiteral("platform"), release->platform},
        {QStringLiteral("manifest"), release->manifest},
        {QStringLiteral("keys"), release->keys},
        {QStringLiteral("download"),
         QJsonObject {
             {QStringLiteral("url"), QStringLiteral("/api/v1/updates/%1/installer").arg(release->id)},
             {QStringLiteral("size"), release->size},
             {QStringLiteral("sha256"), release->sha256}}},
        {QStringLiteral("min_version"),
         channel.minVersion.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(channel.minVersion)},
        {QStringLiteral("required"), mustUpdate},
        {QStringLiteral("notes"), release->notes},
    };
}

std::optional<HttpResponse> admitClient(const HttpRequest &request, Services &services, bool recordSighting)
{
    const ClientRelease client = ClientRelease::of(request);
    if (client.version.isEmpty() || !request.caller)
        return std::nullopt;
    ReleaseRepository releases(services.database);
    const QString device = deviceOf(*request.caller);
    if (recordSighting && ReleaseVersion::parse(client.version).has_value()) {
        try {
            releases.recordDevice({device, request.caller->userId, client.version, client.platform,
                                   client.channel, services.now()});
        } catch (const std::exception &e) {
            // Counting versions must never stop a sync.
            StructuredLog::error(QStringLiteral("recording the client version failed"),
                                 {{QStringLiteral("error"), QString::fromUtf8(e.what())}});
        }
    }
    if (!ReleaseRepository::isValidChannelName(client.channel))
        return std::nullopt;
    const auto running = ReleaseVersion::parse(client.version);
    const ReleaseChannel channel = releases.channel(client.channel);
    const auto minimum = ReleaseVersion::parse(channel.minVersion);
    if (!running || !minimum || *running >= *minimum)
        return std::nullopt;
    const auto offer = updateOfferFor(releases, client, device);
    QJsonObject body {
        {QStringLiteral("error"),
         QJsonObject {{QStringLiteral("code"), QString::fromLatin1(wireName(ApiErrorCode::UpgradeRequired))},
                      {QStringLiteral("message"),
                       QStringLiteral("Version %1 is no longer supported: update to %2 or newer")
                           .arg(client.version, channel.minVersion)}}},
        {QStringLiteral("min_version"), channel.minVersion},
        {QStringLiteral("update"), offer ? QJsonValue(*offer) : QJsonValue(QJsonValue::Null)},
    };
    return HttpResponse::json(statusFor(ApiErrorCode::UpgradeRequired),
                              QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace portico::server
