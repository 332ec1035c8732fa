#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace portico::client::ContentCoding {

// The Accept-Encoding of a request whose reply the client decodes itself (a sync page, decoded
// on a pool thread with the page's parsing): Zstandard first, gzip for a server without it. Qt
// decodes only the replies of requests that leave Accept-Encoding to it.
inline constexpr char Accepted[] = "zstd, gzip";

// The most a reply may decode to: a sync page is a few MiB; anything far beyond is a
// decompression bomb, not a page.
inline constexpr qint64 MaxDecodedBytes = qint64 {256} * 1024 * 1024;

// `body` decoded per its Content-Encoding: none or "identity" as it is, "gzip" (or "x-gzip")
// and "zstd". Nothing, with *error, for another coding, a corrupt or truncated body, bytes after
// its end, or one that decodes beyond maxBytes.
std::optional<QByteArray> decode(const QByteArray &body, const QByteArray &encoding, QString *error,
                                 qint64 maxBytes = MaxDecodedBytes);

} // namespace portico::client::ContentCoding
