#include "api/jsonbody.h"

#include "http/apierror.h"
#include "protocol/jsonreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace portico::server {

QJsonObject jsonObjectBody(const HttpRequest &request, bool emptyIsObject)
{
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
