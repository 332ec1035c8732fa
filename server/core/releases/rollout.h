#pragma once

#include <QString>

namespace portico::server {

// The device's place in a staged rollout of a release, 0-99: the first four bytes of
// SHA-256(release_id + ":" + device_id) as a big-endian number, modulo 100. A device is offered
// the release while its bucket is below the channel's rollout percentage, so raising the
// percentage only ever adds devices, and each release draws its own sample.
int rolloutBucket(const QString &releaseId, const QString &deviceId);

} // namespace portico::server
