#pragma once

#include <QByteArrayView>
#include <QString>

namespace portico::server {

// The SHA-256 of a request body as lowercase hex: what an idempotent write stores with its
// client-generated id, to tell a repeat of the request from another body under the same id.
// OpenSSL's digest, which uses the processor's SHA instructions where it has them (a 4 KiB order
// in about 3 µs, where Qt 6.4's own took 20 µs).
QString requestHash(QByteArrayView body);

} // namespace portico::server
