#pragma once

#include "auth/caller.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portico::server {

enum class HttpMethod { Get, Head, Post, Put, Patch, Delete, Options, Other };

HttpMethod httpMethodFromString(std::string_view method) noexcept;
std::string_view httpMethodToString(HttpMethod method) noexcept;

// A request as the handlers see it: parsed by the network layer, free of Beast types so that
// handlers are plain functions of (request, services) and test without a socket.
struct HttpRequest
{
    HttpMethod method = HttpMethod::Get;
    std::string path; // decoded path without the query string
    std::map<std::string, std::string> query; // decoded query parameters (last one wins)
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;
    std::string remoteAddress;
    std::string requestId;
    std::map<std::string, std::string> pathParams; // filled by the router: {id} -> value
    std::string user; // login of the authenticated caller, for the request log
    std::optional<Caller> caller; // set by the router for every non-public route

    std::string header(const std::string &lowerCaseName) const;
    std::string queryValue(const std::string &name) const;
};

// A response body produced piece by piece while it is sent, for content too large to hold in
// memory (an installer of hundreds of MB). The network layer calls read() on a worker thread,
// one piece at a time and never concurrently, until size() bytes have come.
class ResponseStream
{
public:
    virtual ~ResponseStream() = default;
    // The bytes it produces in all (the Content-Length).
    virtual std::int64_t size() const = 0;
    // Up to `maxSize` bytes into `data`; 0 only at the end. Throws std::exception on failure:
    // the connection is then closed, as the length already sent cannot be kept.
    virtual std::size_t read(char *data, std::size_t maxSize) = 0;
};

struct HttpResponse
{
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // When set, the body comes from here instead of `body` (which stays empty).
    std::shared_ptr<ResponseStream> stream;

    static HttpResponse json(int status, const QByteArray &body);
    static HttpResponse text(int status, std::string body);
};

// Splits "/a/b?x=1&y=%20" into a percent-decoded path and query map. Returns false when the
// target is not origin-form or its escapes are malformed.
bool parseRequestTarget(std::string_view target, std::string &path,
                        std::map<std::string, std::string> &query);

} // namespace portico::server
