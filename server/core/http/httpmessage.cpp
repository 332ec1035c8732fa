#include "http/httpmessage.h"

#include <array>

namespace portico::server {

namespace {

struct MethodName
{
    HttpMethod method;
    std::string_view name;
};

constexpr std::array<MethodName, 7> MethodNames {{
    {HttpMethod::Get, "GET"},
    {HttpMethod::Head, "HEAD"},
    {HttpMethod::Post, "POST"},
    {HttpMethod::Put, "PUT"},
    {HttpMethod::Patch, "PATCH"},
    {HttpMethod::Delete, "DELETE"},
    {HttpMethod::Options, "OPTIONS"},
}};

int hexValue(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool percentDecode(std::string_view in, bool plusIsSpace, std::string &out)
{
    out.clear();
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size())
                return false;
            const int hi = hexValue(in[i + 1]);
            const int lo = hexValue(in[i + 2]);
            if (hi < 0 || lo < 0)
                return false;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return true;
}

} // namespace

HttpMethod httpMethodFromString(std::string_view method) noexcept
{
    for (const auto &entry : MethodNames) {
        if (entry.name == method)
            return entry.method;
    }
    return HttpMethod::Other;
}

std::string_view httpMethodToString(HttpMethod method) noexcept
{
    for (const auto &entry : MethodNames) {
        if (entry.method == method)
            return entry.name;
    }
    return "OTHER";
}

std::string HttpRequest::header(const std::string &lowerCaseName) const
{
    const auto it = headers.find(lowerCaseName);
    return it == headers.end() ? std::string() : it->second;
}

std::string HttpRequest::queryValue(const std::string &name) const
{
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

HttpResponse HttpResponse::json(int status, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.body = body.toStdString();
    return response;
}

HttpResponse HttpResponse::text(int status, std::string body)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "text/plain; charset=utf-8";
    response.body = std::move(body);
    return response;
}

bool parseRequestTarget(std::string_view target, std::string &path, std::map<std::string, std::string> &query)
{
    if (target.empty() || target.front() != '/')
        return false;
    const auto questionMark = target.find('?');
    if (!percentDecode(target.substr(0, questionMark), false, path))
        return false;
    if (path.find('\0') != std::string::npos)
        return false;
    query.clear();
    if (questionMark == std::string_view::npos)
        return true;
    std::string_view rest = target.substr(questionMark + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        if (pair.empty())
            continue;
        const auto eq = pair.find('=');
        std::string key;
        std::string value;
        if (!percentDecode(pair.substr(0, eq), true, key))
            return false;
        if (eq != std::string_view::npos && !percentDecode(pair.substr(eq + 1), true, value))
            return false;
        query[std::move(key)] = std::move(value);
    }
    return true;
}

} // namespace portico::server
