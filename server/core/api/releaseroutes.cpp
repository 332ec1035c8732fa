#include "api/releaseroutes.h"

#include "api/jsonbody.h"
#include "blobs/blobstore.h"
#include "http/apierror.h"
#include "http/router.h"
#include "log/structuredlog.h"
#include "releases/installerstore.h"
#include "releases/releaserepository.h"
#include "releases/signedrelease.h"
#include "services.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <charconv>

namespace portico::server {

namespace {

// The largest installer chunk one PUT may carry.
constexpr std::size_t ChunkLimit = 8 * 1024 * 1024;
constexpr int FailuresShown = 50;

// An error answer that also carries the release, so that a client can resume from "received".
HttpResponse errorWithRelease(int status, const QString &code, const QString &message, const Release &release)
{
    const QJsonObject body {
        {QStringLiteral("error"),
         QJsonObject {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}},
        {QStringLiteral("release"), release.toJson()},
    };
    return HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse releaseResponse(int status, const Release &release)
{
    return jsonResponse(status, {{QStringLiteral("release"), release.toJson()}});
}

QString releaseId(const HttpRequest &request)
{
    return idParameter(request, "id").toString(QUuid::WithoutBraces);
}

Release existingRelease(ReleaseRepository &releases, const QString &id)
{
    auto release = releases.find(id);
    if (!release)
        throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such release"));
    return *release;
}

struct ContentRange
{
    qint64 start = 0;
    qint64 end = 0; // inclusive
    qint64 total = 0;
};

bool parseNumber(std::string_view text, qint64 &value)
{
    if (text.empty())
        return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && value >= 0;
}

// "bytes START-END/TOTAL"; anything else is 400.
ContentRange parseContentRange(const std::string &header)
{
    const ApiError bad(ApiErrorCode::BadRequest,
                       QStringLiteral("Content-Range must be \"bytes START-END/TOTAL\""),
                       QStringLiteral("Content-Range"));
    std::string_view text(header);
    if (text.substr(0, 6) != "bytes ")
        throw bad;
    text.remove_prefix(6);
    const auto dash = text.find('-');
    const auto slash = text.find('/');
    ContentRange range;
    if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash
        || !parseNumber(text.substr(0, dash), range.start)
        || !parseNumber(text.substr(dash + 1, slash - dash - 1), range.end)
        || !parseNumber(text.substr(slash + 1), range.total) || range.end < range.start
        || range.end >= range.total)
        throw bad;
    return range;
}

HttpResponse createRelease(HttpRequest &request, Services &services)
{
    const QJsonObject body = jsonObjectBody(request);
    const QJsonValue manifest = body.value(QStringLiteral("manifest"));
    const QJsonValue keys = body.value(QStringLiteral("keys"));
    if (!manifest.isObject())
        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("manifest must be a signed envelope"),
                       QStringLiteral("manifest"));
    if (!keys.isObject())
        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("keys must be a signed envelope"),
                       QStringLiteral("keys"));
    ReleaseManifest verified;
    try {
        verified
            = verifyRelease(manifest.toObject(), keys.toObject(), services.releaseRootKey, services.now());
    } catch (const ReleaseRejected &rejected) {
        StructuredLog::info(QStringLiteral("release upload refused"),
                            {{QStringLiteral("user"), request.caller->login},
                             {QStringLiteral("code"), rejected.code()},
                             {QStringLiteral("reason"), rejected.message()}});
        const QJsonObject error {{QStringLiteral("error"),
                                  QJsonObject {{QStringLiteral("code"), rejected.code()},
                                               {QStringLiteral("message"), rejected.message()}}}};
        return HttpResponse::json(statusFor(ApiErrorCode::Unprocessable),
                                  QJsonDocument(error).toJson(QJsonDocument::Compact));
    }
    ReleaseRepository releases(services.database);
    const Release release = releases.create(verified, manifest.toObject(), keys.toObject(),
                                            request.caller->login, services.now());
    StructuredLog::info(QStringLiteral("release created"),
                        {{QStringLiteral("release_id"), release.id},
                         {QStringLiteral("version"), release.version},
                         {QStringLiteral("channel"), release.channel},
                         {QStringLiteral("platform"), release.platform},
                         {QStringLiteral("key_id"), verified.keyId}});
    return releaseResponse(201, release);
}

// The answer once the last byte is staged: the installer checked and stored, or refused.
HttpResponse complete(ReleaseRepository &releases, Services &services, const Release &release)
{
    if (completeInstaller(releases, services.blobs, release))
        return releaseResponse(200, existingRelease(releases, release.id));
    return errorWithRelease(statusFor(ApiErrorCode::Unprocessable), QStringLiteral("sha256_mismatch"),
                            QStringLiteral("The installer's size or SHA-256 is not the manifest's; upload it "
                                           "again from the start"),
                            existingRelease(releases, release.id));
}

HttpResponse putInstallerChunk(HttpRequest &request, Services &services)
{
    ReleaseRepository releases(services.database);
    const Release release = existingRelease(releases, releaseId(request));
    if (release.isReady())
        return errorWithRelease(409, QStringLiteral("conflict"),
                                QStringLiteral("The installer of this release is complete"), release);
    // A server stopped between the last chunk and its check: check now.
    if (release.state == QLatin1String("uploading") && release.received == release.size)
        return complete(releases, services, release);
    const ContentRange range = parseContentRange(request.header("content-range"));
    if (static_cast<qint64>(request.body.size()) != range.end - range.start + 1)
        throw ApiError(ApiErrorCode::BadRequest,
                       QStringLiteral("The body's length is not the Content-Range's"),
                       QStringLiteral("Content-Range"));
    if (range.total != release.size)
        throw ApiError(ApiErrorCode::Unprocessable,
                       QStringLiteral("The installer is %1 bytes, the manifest says %2")
                           .arg(range.total)
                           .arg(release.size),
                       QStringLiteral("Content-Range"));
    switch (releases.appendChunk(release.id, range.start, request.body)) {
    case ReleaseRepository::Append::NotUploading:
        return errorWithRelease(409, QStringLiteral("conflict"),
                                QStringLiteral("The installer of this release is complete"),
                                existingRelease(releases, release.id));
    case ReleaseRepository::Append::WrongOffset: {
        const Release current = existingRelease(releases, release.id);
        return errorWithRelease(
            409, QStringLiteral("conflict"),
            QStringLiteral("The upload stands at byte %1; send from there").arg(current.received), current);
    }
    case ReleaseRepository::Append::Stored:
        break;
    }
    const Release updated = existingRelease(releases, release.id);
    if (updated.received == updated.size)
        return complete(releases, services, updated);
    return releaseResponse(200, updated);
}

HttpResponse listReleases(Services &services)
{
    QJsonArray list;
    for (const Release &release : ReleaseRepository(services.database).list())
        list.append(release.toJson());
    return jsonResponse(200, {{QStringLiteral("releases"), list}});
}

HttpResponse deleteRelease(HttpRequest &request, Services &services)
{
    ReleaseRepository releases(services.database);
    const Release removed = releases.remove(releaseId(request));
    if (removed.isReady() && !releases.installerShared(removed.sha256, removed.id))
        services.blobs.remove(removed.sha256);
    StructuredLog::info(
        QStringLiteral("release removed"),
        {{QStringLiteral("release_id"), removed.id}, {QStringLiteral("user"), request.caller->login}});
    HttpResponse response;
    response.status = 204;
    return response;
}

HttpResponse listChannels(Services &services)
{
    QJsonArray list;
    for (const ReleaseChannel &channel : ReleaseRepository(services.database).channels())
        list.append(channel.toJson());
    return jsonResponse(200, {{QStringLiteral("channels"), list}});
}

HttpResponse putChannel(HttpRequest &request, Services &services)
{
    const QString name = QString::fromStdString(request.pathParams.at("channel"));
    if (!ReleaseRepository::isValidChannelName(name))
        throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such channel"));
    const QJsonObject body = jsonObjectBody(request);
    ChannelChange change;
    const auto badType = [](const char *field, const char *what) {
        return ApiError(ApiErrorCode::BadRequest,
                        QStringLiteral("%1 must be %2").arg(QLatin1String(field), QLatin1String(what)),
                        QLatin1String(field));
    };
    if (body.contains(QStringLiteral("release_id"))) {
        if (!body.value(QStringLiteral("release_id")).isString())
            throw badType("release_id", "a release id");
        change.releaseId = body.value(QStringLiteral("release_id")).toString();
    }
    if (body.contains(QStringLiteral("rollout_percent"))) {
        const QJsonValue value = body.value(QStringLiteral("rollout_percent"));
        if (!value.isDouble() || value.toDouble() != static_cast<double>(value.toInt()))
            throw badType("rollout_percent", "a whole number from 0 to 100");
        change.rolloutPercent = value.toInt();
    }
    if (body.contains(QStringLiteral("paused"))) {
        if (!body.value(QStringLiteral("paused")).isBool())
            throw badType("paused", "true or false");
        change.paused = body.value(QStringLiteral("paused")).toBool();
    }
    if (body.contains(QStringLiteral("min_version"))) {
        const QJsonValue value = body.value(QStringLiteral("min_version"));
        if (!value.isNull() && !value.isString())
            throw badType("min_version", "a version or null");
        change.minVersion = value.isNull() ? QString() : value.toString();
    }
    const ReleaseChannel channel
        = ReleaseRepository(services.database).updateChannel(name, change, services.now());
    StructuredLog::info(QStringLiteral("release channel changed"),
                        {{QStringLiteral("channel"), name},
                         {QStringLiteral("release_id"), channel.releaseId},
                         {QStringLiteral("rollout_percent"), channel.rolloutPercent},
                         {QStringLiteral("paused"), channel.paused},
                         {QStringLiteral("min_version"), channel.minVersion},
                         {QStringLiteral("user"), request.caller->login}});
    return jsonResponse(200, {{QStringLiteral("channel"), channel.toJson()}});
}

HttpResponse listDevices(Services &services)
{
    ReleaseRepository releases(services.database);
    return jsonResponse(200,
                        {{QStringLiteral("versions"), releases.versionCounts()},
                         {QStringLiteral("failures"), releases.recentFailures(FailuresShown)}});
}

} // namespace

void addReleaseRoutes(Router &router, Services &services)
{
    router.add({HttpMethod::Post, "/api/v1/admin/releases", Access::Admin, DefaultBodyLimit,
                [&services](HttpRequest &request) {
                    return createRelease(request, services);
                }});
    router.add({HttpMethod::Get, "/api/v1/admin/releases", Access::Admin, DefaultBodyLimit,
                [&services](HttpRequest &) {
                    return listReleases(services);
                }});
    router.add({HttpMethod::Get, "/api/v1/admin/releases/{id}", Access::Admin, DefaultBodyLimit,
                [&services](HttpRequest &request) {
                    ReleaseRepository releases(services.database);
                    return releaseResponse(200, existingRelease(releases, releaseId(request)));
                }});
    router.add({HttpMethod::Delete, "/api/v1/admin/releases/{id}", Access::Admin, DefaultBodyLimit,
                [&services](HttpRequest &request) {
                    return deleteRelease(request, services);
                }});
    router.add({HttpMethod::Put, "/api/v1/admin/releases/{id}/installer", Access::Admin, ChunkLimit,
                [&services](HttpRequest &request) {
                    return putInstallerChunk(request, services);
                }});
    router.add({HttpMethod::Get, "/api/v1/admin/channels", Access::Admin, DefaultBodyLimit,
                [&services](HttpRequest &) {
                    return listChannels(services);
                }});
    router.add({HttpMethod::Put, "/api/v1/admin/channels/{channel}", Access::Admin, DefaultBodyLimit,
                [&services](HttpRequest &request) {
                    return putChannel(request, services);
                }});
    router.add({HttpMethod::Get, "/api/v1/admin/devices", Access::Admin, DefaultBodyLimit,
                [&services](HttpRequest &) {
                    return listDevices(services);
                }});
}

} // namespace portico::server
