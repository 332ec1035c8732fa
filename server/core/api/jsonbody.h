#pragma once

#include "http/httpmessage.h"

#include <QJsonObject>
#include <QUuid>

namespace portico::protocol {
class JsonReader;
}

namespace portico::server {

// The request body as a JSON object. An empty body reads as {} when `emptyIsObject` is set;
// anything that is not a JSON object is ApiError(BadRequest).
QJsonObject jsonObjectBody(const HttpRequest &request, bool emptyIsObject = false);

// Throws ApiError(BadRequest) naming the first field the reader refused, by its JSON path.
void requireDecoded(const protocol::JsonReader &reader);

// A path parameter that must be a canonical UUID; anything else is ApiError(NotFound), as an
// id that names nothing is.
QUuid idParameter(const HttpRequest &request, const std::string &name);

HttpResponse jsonResponse(int status, const QJsonObject &body);

} // namespace portico::server
