#pragma once

#include "domain/ids.h"
#include "http/httpmessage.h"

namespace portico::server {

// Query parameters of list endpoints.

// A UUID when present; ApiError(BadRequest) when it is not one.
Id queryId(const HttpRequest &request, const std::string &name);
// A non-negative integer, at most `max`; ApiError(BadRequest) when malformed.
int queryInt(const HttpRequest &request, const std::string &name, int fallback, int max);

} // namespace portico::server
