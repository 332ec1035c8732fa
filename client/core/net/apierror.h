#pragma once

#include <QString>

namespace portico::client {

// What went wrong with one request, typed so callers decide without parsing text.
struct ApiError
{
    enum class Kind {
        None,
        Network, // no connection, refused, reset, DNS, TLS: try again later
        Timeout, // no complete reply in time: the request may or may not have been applied
        Http, // the server answered with an error status (httpStatus, code, message)
        Protocol, // a 2xx reply that is not what the API describes
        Aborted, // abort() was called
    };
    Kind kind = Kind::None;
    int httpStatus = 0; // Kind::Http
    QString code; // the API's error code ("unauthorized", "conflict", ...) when it sent one
    QString message; // human-readable: the server's message or the network error text
    QString field; // JSON path of the offending field, when the server named it
    int retryAfterSeconds = 0; // from Retry-After on 429/503

    bool ok() const noexcept { return kind == Kind::None; }
    // Worth retrying later with the same request: network trouble, timeouts, 5xx, 429.
    bool isTransient() const noexcept;
    QString toString() const;
};

} // namespace portico::client
