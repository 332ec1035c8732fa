#include "api/updateroutes.h"

#include "api/jsonbody.h"
#include "blobs/blobstore.h"
#include "http/apierror.h"
#include "http/router.h"
#include "release/releaseversion.h"
#include "releases/clientrelease.h"
#include "releases/installerstore.h"
#include "releases/releaserepository.h"
#include "services.h"

#include <QCryptographicHash>
#include <QIODevice>
#include <QJsonDocument>

#include <charconv>

namespace portico::server {

using release::ReleaseVersion;

namespace {

constexpr int MaxReportMessage = 4000;

// Whether an If-None-Match value names this strong tag ("*", or in a comma-separated list).
bool namesTag(const std::string &ifNoneMatch, const QByteArray &etag)
{
    const QByteArray header = QByteArray::fromStdString(ifNoneMatch).trimmed();
    if (header == "*")
        return true;
    for (const QByteArray &tag : header.split(',')) {
        QByteArray candidate = tag.trimmed();
        if (candidate.startsWith("W/"))
            candidate.remove(0, 2);
        if (candidate == etag)
            return true;
    }
    return false;
}

QString deviceOf(const Caller &caller)
{
    return caller.deviceId.isEmpty() ? caller.userId : caller.deviceId;
}

HttpResponse checkForUpdate(const HttpRequest &request, Services &services)
{
    const ClientRelease client = ClientRelease::of(request, true);
    if (!ReleaseVersion::parse(client.version).has_value())
        throw ApiError(
            ApiErrorCode::BadRequest,
            QStringLiteral("Say the running version (X-Portico-Version or ?version=), such as 1.4.0"),
            QStringLiteral("version"));
    if (client.platform.isEmpty())
        throw ApiError(ApiErrorCode::BadRequest,
                       QStringLiteral("Say the platform (X-Portico-Platform or ?platform=)"),
                       QStringLiteral("platform"));
    ReleaseRepository releases(services.database);
    const auto offer = updateOfferFor(releases, client, deviceOf(*request.caller));
    HttpResponse response;
    response.headers.emplace_back("Cache-Control", "private, no-cache");
    if (!offer) {
        response.status = 204;
        return response;
    }
    response.body = QJsonDocument(*offer).toJson(QJsonDocument::Compact).toStdString();
    const QByteArray etag = '"'
        + QCryptographicHash::hash(QByteArray::fromStdString(response.body), QCryptographicHash::Sha256)
              .toHex()
        + '"';
    response.headers.emplace_back("ETag", etag.toStdString());
    if (namesTag(request.header("if-none-match"), etag)) {
        response.status = 304;
        response.body.clear();
        return response;
    }
    response.status = 200;
    return response;
}

struct ByteRange
{
    qint64 start = 0;
    qint64 length = 0;
};

bool parseNumber(std::string_view text, qint64 &value)
{
    if (text.empty())
        return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && value >= 0;
}

// The Range header for a body of `size` bytes: nullopt for the whole body (no header, or one
// this server does not take: several ranges, another unit, malformed), a range, or
// {-1, 0} when it cannot be satisfied (416).
std::optional<ByteRange> requestedRange(const std::string &header, qint64 size)
{
    std::string_view text(header);
    if (text.substr(0, 6) != "bytes=" || text.find(',') != std::string_view::npos)
        return std::nullopt;
    text.remove_prefix(6);
    const auto dash = text.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    const std::string_view first = text.substr(0, dash);
    const std::string_view last = text.substr(dash + 1);
    qint64 a = 0;
    qint64 b = 0;
    if (first.empty()) { // bytes=-n: the last n bytes
        if (!parseNumber(last, b))
            return std::nullopt;
        if (b == 0 || size == 0)
            return ByteRange {-1, 0};
        const qint64 n = std::min(b, size);
        return ByteRange {size - n, n};
    }
    if (!parseNumber(first, a) || (!last.empty() && !parseNumber(last, b)) || (!last.empty() && b < a))
        return std::nullopt;
    if (a >= size)
        return ByteRange {-1, 0};
    const qint64 end = last.empty() ? size - 1 : std::min(b, size - 1);
    return ByteRange {a, end - a + 1};
}

HttpResponse downloadInstaller(const HttpRequest &request, Services &services)
{
    const QString id = idParameter(request, "id").toString(QUuid::WithoutBraces);
    const ApiError notFound(ApiErrorCode::NotFound, QStringLiteral("No such installer"));
    const auto release = ReleaseRepository(services.database).find(id);
    if (!release || !release->isReady())
        throw notFound;
    const auto ref = services.blobs.find(release->sha256);
    if (!ref)
        throw notFound;
    HttpResponse response;
    response.contentType = "application/octet-stream";
    const QByteArray etag = '"' + release->sha256.toLatin1() + '"';
    response.headers.emplace_back("ETag", etag.toStdString());
    response.headers.emplace_back("Accept-Ranges", "bytes");
    response.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"" + release->fileName.toStdString() + "\"");
    if (namesTag(request.header("if-none-match"), etag)) {
        response.status = 304;
        return response;
    }
    ByteRange range {0, ref->size};
    response.status = 200;
    // If-Range with another tag asks for the whole (new) body.
    const std::string ifRange = request.header("if-range");
    if (const auto wanted = requestedRange(request.header("range"), ref->size);
        wanted && (ifRange.empty() || QByteArray::fromStdString(ifRange).trimmed() == etag)) {
        if (wanted->start < 0) {
            const QJsonObject error {
                {QStringLiteral("error"),
                 QJsonObject {
                     {QStringLiteral("code"), QStringLiteral("range_not_satisfiable")},
                     {QStringLiteral("message"), QStringLiteral("The range is outside the installer")}}}};
            HttpResponse refusal
                = HttpResponse::json(416, QJsonDocument(error).toJson(QJsonDocument::Compact));
            refusal.headers.emplace_back("Content-Range", "bytes */" + std::to_string(ref->size));
            refusal.headers.emplace_back("Accept-Ranges", "bytes");
            return refusal;
        }
        range = *wanted;
        response.status = 206;
        response.headers.emplace_back("Content-Range",
                                      "bytes " + std::to_string(range.start) + '-'
                                          + std::to_string(range.start + range.length - 1) + '/'
                                          + std::to_string(ref->size));
    }
    auto device = services.blobs.open(release->sha256);
    if (!device)
        throw notFound;
    response.stream = std::make_shared<DeviceRangeStream>(std::move(device), range.start, range.length);
    return response;
}

HttpResponse reportOutcome(const HttpRequest &request, Services &services)
{
    const QJsonObject body = jsonObjectBody(request);
    const QString releaseId = body.value(QStringLiteral("release_id")).toString();
    const QString version = body.value(QStringLiteral("version")).toString();
    const QString outcome = body.value(QStringLiteral("outcome")).toString();
    if (QUuid::fromString(releaseId).isNull())
        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("release_id must be a release's id"),
                       QStringLiteral("release_id"));
    if (!ReleaseVersion::parse(version).has_value())
        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("version must be a version such as 1.4.0"),
                       QStringLiteral("version"));
    if (outcome != QLatin1String("installed") && outcome != QLatin1String("failed"))
        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("outcome must be installed or failed"),
                       QStringLiteral("outcome"));
    const QJsonValue message = body.value(QStringLiteral("message"));
    if (!message.isUndefined() && !message.isNull() && !message.isString())
        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("message must be text"),
                       QStringLiteral("message"));
    const Caller &caller = *request.caller;
    ReleaseRepository(services.database)
        .addReport({deviceOf(caller), caller.userId, caller.login,
                    QUuid::fromString(releaseId).toString(QUuid::WithoutBraces), version,
                    outcome == QLatin1String("installed"), message.toString().left(MaxReportMessage),
                    services.now()});
    HttpResponse response;
    response.status = 204;
    return response;
}

} // namespace

void addUpdateRoutes(Router &router, Services &services)
{
    router.add({HttpMethod::Get, "/api/v1/updates", Access::Authenticated, DefaultBodyLimit,
                [&services](HttpRequest &request) {
                    return checkForUpdate(request, services);
                }});
    router.add({HttpMethod::Get, "/api/v1/updates/{id}/installer", Access::Authenticated, DefaultBodyLimit,
                [&services](HttpRequest &request) {
                    return downloadInstaller(request, services);
                }});
    router.add({HttpMethod::Post, "/api/v1/updates/report", Access::Authenticated, DefaultBodyLimit,
                [&services](HttpRequest &request) {
                    return reportOutcome(request, services);
                }});
}

} // namespace portico::server
