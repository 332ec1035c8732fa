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
// The two halves of recordRequest. An HTTP session counts a request when its response is ready,
// before the first byte goes out, so a client that has read the response and asks /metrics next
// always finds it counted; it logs the line once the bytes are written.
void countRequest(Metrics &metrics, const HttpRequest &request, int status,
                  std::chrono::steady_clock::time_point started);
void logRequest(const HttpRequest &request, int status, std::size_t bytes,
                std::chrono::steady_clock::time_point started);

} // namespace portico::server
