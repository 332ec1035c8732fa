#pragma once

#include "http/httpmessage.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace portico::server {

class ReleaseRepository;
struct Services;

// Which build a client runs, as it says in X-Portico-Version, X-Portico-Platform and
// X-Portico-Channel (desktops send them on every request; tools and integrations do not).
struct ClientRelease
{
    QString version; // empty: not said
    QString platform;
    QString channel; // "stable" when not said

    // From the headers; with `queryToo`, the query parameters version, platform and channel
    // override them (GET /api/v1/updates).
    static ClientRelease of(const HttpRequest &request, bool queryToo = false);
};

// The update the channel offers this client on this device, as GET /api/v1/updates answers it
// ({"release_id","version","manifest","keys","download","min_version",...}), or nullopt: no
// current release, another platform, not newer than what the client runs, the channel paused,
// or the device outside the rollout. A client below the channel's minimum version is offered
// the release whatever the pause and the rollout say.
std::optional<QJsonObject> updateOfferFor(ReleaseRepository &releases, const ClientRelease &client,
                                          const QString &deviceId);

// What sync and the desktop's write routes call first. With `recordSighting` (GET /api/v1/sync)
// the device's version is recorded for the admin screen. Returns the 426 answer when the client
// runs a version below its channel's minimum ({"error": {"code": "upgrade_required", ...},
// "min_version", "update": <offer or null>}); nullopt to go on. A request without
// X-Portico-Version is never refused.
std::optional<HttpResponse> admitClient(const HttpRequest &request, Services &services, bool recordSighting);

} // namespace portico::server
