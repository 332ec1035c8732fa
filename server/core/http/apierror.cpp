#include "http/apierror.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace portico::server {

int statusFor(ApiErrorCode code) noexcept
{
    switch (code) {
    case ApiErrorCode::BadRequest:
        return 400;
    case ApiErrorCode::Unauthorized:
        return 401;
    case ApiErrorCode::Forbidden:
        return 403;
    case ApiErrorCode::NotFound:
        return 404;
    case ApiErrorCode::MethodNotAllowed:
        return 405;
    case ApiErrorCode::Conflict:
        return 409;
    case ApiErrorCode::PayloadTooLarge:
        return 413;
    case ApiErrorCode::Unprocessable:
        return 422;
    case ApiErrorCode::UpgradeRequired:
        return 426;
    case ApiErrorCode::TooManyRequests:
        return 429;
    case ApiErrorCode::Internal:
        return 500;
    case ApiErrorCode::Unavailable:
        return 503;
    }
    return 500;
}

const char *wireName(ApiErrorCode code) noexcept
{
    switch (code) {
    case ApiErrorCode::BadRequest:
        return "bad_request";
    case ApiErrorCode::Unauthorized:
        return "unauthorized";
    case ApiErrorCode::Forbidden:
        return "forbidden";
    case ApiErrorCode::NotFound:
        return "not_found";
    case ApiErrorCode::MethodNotAllowed:
        return "method_not_allowed";
    case ApiErrorCode::Conflict:
        return "conflict";
    case ApiErrorCode::PayloadTooLarge:
        return "payload_too_large";
    case ApiErrorCode::Unprocessable:
        return "unprocessable";
    case ApiErrorCode::UpgradeRequired:
        return "upgrade_required";
    case ApiErrorCode::TooManyRequests:
        return "too_many_requests";
    case ApiErrorCode::Internal:
        return "internal";
    case ApiErrorCode::Unavailable:
        return "unavailable";
    }
    return "internal";
}

ApiError::ApiError(ApiErrorCode code, const QString &message, const QString &field)
    : std::runtime_error(message.toStdString())
    , m_code(code)
    , m_message(message)
    , m_field(field)
{ }

HttpResponse ApiError::toResponse() const
{
    return errorResponse(m_code, m_message, m_field);
}

HttpResponse errorResponse(ApiErrorCode code, const QString &message, const QString &field)
{
    QJsonObject error {
        {QStringLiteral("code"), QString::fromLatin1(wireName(code))},
        {QStringLiteral("message"), message},
    };
    if (!field.isEmpty())
        error.insert(QStringLiteral("field"), field);
    const QJsonObject body {{QStringLiteral("error"), error}};
    return HttpResponse::json(statusFor(code), QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace portico::server
