#pragma once

#include "http/httpmessage.h"

#include <QJsonObject>
#include <QUuid>

namespace portico::protocol {
class JsonReader;
}

#include <string_view>

namespace portico::server {

// How deeply a request body may nest arrays and objects ({"a": [1]} is two levels). Nothing the
// API takes comes close; QJsonDocument's own limit (about 1024) would let a body of a few KiB of
// brackets cost a recursion per level before any handler could refuse it.
inline constexpr int MaxJsonDepth = 64;

// The deepest nesting of arrays and objects in `json`: a byte scan that counts [ and { (and
// their closing brackets) outside string literals, honouring backslash escapes, and returns as
// soon as the depth reaches `stopAt`. It does not validate: malformed JSON is the parser's to
// refuse.
int jsonNestingDepth(std::string_view json, int stopAt = MaxJsonDepth + 1) noexcept;

// Throws ApiError(BadRequest) "JSON nested deeper than 64 levels" for a body over MaxJsonDepth.
// Call it before handing a request body to QJsonDocument.
void requireJsonDepth(std::string_view json);

// The request body as a JSON object. An empty body reads as {} when `emptyIsObject` is set;
// anything that is not a JSON object, or nests deeper than MaxJsonDepth, is
// ApiError(BadRequest).
QJsonObject jsonObjectBody(const HttpRequest &request, bool emptyIsObject = false);

// Throws ApiError(BadRequest) naming the first field the reader refused, by its JSON path.
void requireDecoded(const protocol::JsonReader &reader);

// A path parameter that must be a canonical UUID; anything else is ApiError(NotFound), as an
// id that names nothing is.
QUuid idParameter(const HttpRequest &request, const std::string &name);

HttpResponse jsonResponse(int status, const QJsonObject &body);

} // namespace portico::server
