#include "api/queryparams.h"

#include "http/apierror.h"

#include <charconv>

namespace portico::server {

Id queryId(const HttpRequest &request, const std::string &name)
{
    const std::string text = request.queryValue(name);
    if (text.empty())
        return {};
    const Id id = Id::fromString(QString::fromStdString(text));
    if (id.isNull())
        throw ApiError(ApiErrorCode::BadRequest,
                       QStringLiteral("%1 must be a UUID").arg(QString::fromStdString(name)),
                       QString::fromStdString(name));
    return id;
}

int queryInt(const HttpRequest &request, const std::string &name, int fallback, int max)
{
    const std::string text = request.queryValue(name);
    if (text.empty())
        return fallback;
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0)
        throw ApiError(ApiErrorCode::BadRequest,
                       QStringLiteral("%1 must be a non-negative integer").arg(QString::fromStdString(name)),
                       QString::fromStdString(name));
    return std::min(value, max);
}

} // namespace portico::server
