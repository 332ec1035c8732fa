#pragma once

#include "http/httpmessage.h"

#include <QString>

#include <stdexcept>

namespace portico::server {

// Every error the API can answer, mapped to an HTTP status in one place (statusFor).
enum class ApiErrorCode {
    BadRequest, // malformed JSON, wrong types, bad query parameters
    Unauthorized, // no or bad credentials
    Forbidden, // authenticated, but the role or tenant may not do this
    NotFound, // no such route or object (also for other tenants' objects)
    MethodNotAllowed,
    Conflict, // idempotency key reused with another body, concurrent change
    PayloadTooLarge,
    Unprocessable, // well-formed but violates a business rule
    TooManyRequests,
    UpgradeRequired, // client below the minimum supported version
    Internal,
    Unavailable, // database not answering
};

int statusFor(ApiErrorCode code) noexcept;
const char *wireName(ApiErrorCode code) noexcept; // "bad_request", "not_found", ...

// Thrown by handlers and services; the router turns it into the JSON error body
// {"error": {"code": "...", "message": "...", "field": "..."}}.
class ApiError final : public std::runtime_error
{
public:
    ApiError(ApiErrorCode code, const QString &message, const QString &field = {});

    ApiErrorCode code() const noexcept { return m_code; }
    const QString &message() const noexcept { return m_message; }
    const QString &field() const noexcept { return m_field; }

    HttpResponse toResponse() const;

private:
    ApiErrorCode m_code;
    QString m_message;
    QString m_field;
};

HttpResponse errorResponse(ApiErrorCode code, const QString &message, const QString &field = {});

} // namespace portico::server
