#pragma once

#include "http/httpmessage.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace portico::server {

// Responses smaller than this are sent as they are: gzip's header and trailer alone are
// 18 bytes, and small bodies gain too little to pay for the CPU.
inline constexpr std::size_t GzipMinimumSize = 1024;

// Bodies from this size on are compressed at zlib's fastest level (1) instead of its default
// (6): they are the pages of an initial sync, where level 6 costs the server more than twice
// the CPU for about a quarter fewer bytes.
inline constexpr std::size_t GzipFastFromSize = 256 * 1024;

// The body compressed as a gzip member (zlib deflate with the gzip wrapper, windowBits 15+16) at
// zlib's default level, or its fastest from GzipFastFromSize on; nullopt when zlib fails, which
// only a lack of memory can cause.
std::optional<std::string> gzipCompress(std::string_view data);

// The body compressed as one Zstandard frame (RFC 8878) at level 1, its size in the frame
// header; nullopt when libzstd fails, which only a lack of memory can cause. Level 1 compresses
// a page of JSON several times faster than zlib's fastest level, to about the same size, and
// decodes several times faster.
std::optional<std::string> zstdCompress(std::string_view data);

// Whether an Accept-Encoding header value admits gzip: "gzip" (or "x-gzip") or "*" with a
// q-value above zero, where an explicit gzip entry wins over "*".
bool acceptsGzip(std::string_view acceptEncoding) noexcept;

// Whether it admits zstd: only by name, with a q-value above zero ("*" never picks zstd: a
// client that asks for anything may not know it), and not below the q-value given to gzip.
bool acceptsZstd(std::string_view acceptEncoding) noexcept;

// JSON (application/json, application/*+json), text/* and XML compress well; images,
// archives and installers do not.
bool isCompressibleType(std::string_view contentType) noexcept;

// Compresses the response in place when the request accepts zstd or gzip (zstd first), the body
// is over GzipMinimumSize, its type is compressible, it has no Content-Encoding yet and
// compression actually makes it smaller; then sets Content-Encoding: zstd or gzip. Every response whose
// representation depends on Accept-Encoding (a compressible type over the size threshold)
// gets Vary: Accept-Encoding, compressed or not, so caches keep the two apart.
void compressResponse(std::string_view acceptEncoding, HttpResponse &response);

} // namespace portico::server
