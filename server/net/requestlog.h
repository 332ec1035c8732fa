#pragma once

#include "http/httpmessage.h"

#include <chrono>
#include <cstddef>
#include <string>

namespace portico::server {

class Metrics;

// A fresh request id: 16 hex digits.
std::string newRequestId();

// One answered request: the JSON request log line on stderr (request id, user, method, path,
// status, bytes, duration, remote) and the request counters of /metrics.
void recordRequest(Metrics &metrics, const HttpRequest &request, int status, std::size_t bytes,
                   std::chrono::steady_clock::time_point started);

} // namespace portico::server
