#include "api/jsonbody.h"

#include "http/apierror.h"
#include "protocol/jsonreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace portico::server {

int jsonNestingDepth(std::string_view json, int stopAt) noexcept
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            if (++depth > deepest) {
                deepest = depth;
                if (deepest >= stopAt)
                    return deepest;
            }
            break;
        case ']':
        case '}':
            if (depth > 0)
                --depth;
            break;
        default:
            break;
        }
    }
    return deepest;
}

void requireJsonDepth(std::string_view json)
{
    if (jsonNestingDepth(json) > MaxJsonDepth)
        throw ApiError(ApiErrorCode::BadRequest,
                       QStringLiteral("JSON nested deeper than %1 levels").arg(MaxJsonDepth),
                       QStringLiteral("$"));
}

QJsonObject jsonObjectBody(const HttpRequest &request, bool emptyIsObject)
{
    requireJsonDepth(request.body);
    const QByteArray body = QByteArray::fromStdString(request.body);
    if (emptyIsObject && body.trimmed().isEmpty())
        return {};
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError(ApiErrorCode::BadRequest,
                       QStringLiteral("The body is not valid JSON: %1 at offset %2")
                           .arg(error.errorString())
                           .arg(error.offset),
                       QStringLiteral("$"));
    if (!document.isObject())
        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("The body must be a JSON object"),
                       QStringLiteral("$"));
    return document.object();
}

void requireDecoded(const protocol::JsonReader &reader)
{
    if (const auto &error = reader.error())
        throw ApiError(ApiErrorCode::BadRequest,
                       QStringLiteral("%1: %2 (%3)")
                           .arg(error->path, error->message, protocol::reasonToString(error->reason)),
                       error->path);
}

QUuid idParameter(const HttpRequest &request, const std::string &name)
{
    const auto it = request.pathParams.find(name);
    const QString text = it == request.pathParams.end() ? QString() : QString::fromStdString(it->second);
    const QUuid id = text.size() == 36 ? QUuid::fromString(text) : QUuid();
    if (id.isNull() || id.toString(QUuid::WithoutBraces) != text.toLower())
        throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such resource: %1").arg(text.left(64)));
    return id;
}

HttpResponse jsonResponse(int status, const QJsonObject &body)
{
    return HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace portico::server
