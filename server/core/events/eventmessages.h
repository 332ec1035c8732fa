#pragma once

#include <QtGlobal>

#include <string>
#include <string_view>

namespace portico::server {

// The event stream: a WebSocket at EventsPath, opened with "Authorization: Bearer <token>"
// on the upgrade request. The server sends text messages, one JSON object each:
//   {"type":"hello","head":N}  once, right after the upgrade: the feed head when the client
//                              connected; a client whose cursor is below it pulls now
//   {"type":"feed","head":N}   the feed has news this client may read, up to head N; at most
//                              one per 200 ms, heads strictly increasing
// The server pings every 30 s and closes with 1001 (going away) when it shuts down. Messages
// from the client are read and ignored (at most 4 KiB each).
inline constexpr std::string_view EventsPath = "/api/v1/events";

std::string helloEvent(qint64 head);
std::string feedEvent(qint64 head);

} // namespace portico::server
