#include "http/gzip.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <zlib.h>
#include <zstd.h>

namespace portico::server {

namespace {

// deflateInit2's windowBits: 15 (32 KiB window) plus 16 asks for the gzip wrapper.
constexpr int GzipWindowBits = 15 + 16;
constexpr int DefaultMemLevel = 8;

std::string_view trim(std::string_view text) noexcept
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x))
                   == std::tolower(static_cast<unsigned char>(y));
           });
}

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) noexcept
{
    return text.size() >= prefix.size() && equalsIgnoringCase(text.substr(0, prefix.size()), prefix);
}

// The q-value of one Accept-Encoding element's parameters ("q=0.5"); 1 without one, 0 when
// it does not parse (a malformed preference never enables an encoding).
double qualityOf(std::string_view parameters) noexcept
{
    while (!parameters.empty()) {
        const auto semicolon = parameters.find(';');
        const auto parameter = trim(parameters.substr(0, semicolon));
        parameters
            = semicolon == std::string_view::npos ? std::string_view() : parameters.substr(semicolon + 1);
        if (parameter.size() < 2 || std::tolower(static_cast<unsigned char>(parameter[0])) != 'q'
            || parameter[1] != '=')
            continue;
        const auto value = trim(parameter.substr(2));
        double q = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), q);
        if (error != std::errc() || end != value.data() + value.size() || q < 0 || q > 1)
            return 0;
        return q;
    }
    return 1;
}

} // namespace

std::optional<std::string> gzipCompress(std::string_view data)
{
    z_stream stream {};
    const int level = data.size() >= GzipFastFromSize ? Z_BEST_SPEED : Z_DEFAULT_COMPRESSION;
    if (deflateInit2(&stream, level, Z_DEFLATED, GzipWindowBits, DefaultMemLevel, Z_DEFAULT_STRATEGY) != Z_OK)
        return std::nullopt;
    // zlib counts in uInt: hand it input and output in pieces that fit.
    constexpr std::size_t Piece = std::size_t {1} << 30;
    std::string out(
        static_cast<std::size_t>(deflateBound(&stream, static_cast<uLong>(std::min(data.size(), Piece)))),
        '\0');
    std::size_t consumed = 0;
    std::size_t written = 0;
    int status = Z_OK;
    do {
        if (stream.avail_in == 0 && consumed < data.size()) {
            const std::size_t piece = std::min(data.size() - consumed, Piece);
            // zlib's next_in is not const, but deflate never writes through it.
            stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data() + consumed));
            stream.avail_in = static_cast<uInt>(piece);
            consumed += piece;
        }
        if (written == out.size())
            out.resize(out.size() * 2);
        const std::size_t room = std::min(out.size() - written, Piece);
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + written);
        stream.avail_out = static_cast<uInt>(room);
        status = deflate(&stream, consumed == data.size() ? Z_FINISH : Z_NO_FLUSH);
        written += room - stream.avail_out;
        if (status == Z_STREAM_ERROR) {
            deflateEnd(&stream);
            return std::nullopt;
        }
    } while (status != Z_STREAM_END);
    deflateEnd(&stream);
    out.resize(written);
    return out;
}

std::optional<std::string> zstdCompress(std::string_view data)
{
    std::string out(ZSTD_compressBound(data.size()), '\0');
    const std::size_t written = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 1);
    if (ZSTD_isError(written))
        return std::nullopt;
    out.resize(written);
    return out;
}

namespace {

// The q-values an Accept-Encoding header gives gzip (or x-gzip), zstd and "*", when it names them.
struct Preferences
{
    std::optional<double> gzip;
    std::optional<double> zstd;
    std::optional<double> any;
};

Preferences preferencesOf(std::string_view acceptEncoding) noexcept
{
    Preferences preferences;
    while (!acceptEncoding.empty()) {
        const auto comma = acceptEncoding.find(',');
        const auto element = acceptEncoding.substr(0, comma);
        acceptEncoding
            = comma == std::string_view::npos ? std::string_view() : acceptEncoding.substr(comma + 1);
        const auto semicolon = element.find(';');
        const auto coding = trim(element.substr(0, semicolon));
        const double q = qualityOf(semicolon == std::string_view::npos ? std::string_view()
                                                                       : element.substr(semicolon + 1));
        if (equalsIgnoringCase(coding, "gzip") || equalsIgnoringCase(coding, "x-gzip"))
            preferences.gzip = std::max(preferences.gzip.value_or(0), q);
        else if (equalsIgnoringCase(coding, "zstd"))
            preferences.zstd = std::max(preferences.zstd.value_or(0), q);
        else if (coding == "*")
            preferences.any = q;
    }
    return preferences;
}

double gzipQuality(const Preferences &preferences) noexcept
{
    return preferences.gzip.value_or(preferences.any.value_or(0));
}

} // namespace

bool acceptsGzip(std::string_view acceptEncoding) noexcept
{
    return gzipQuality(preferencesOf(acceptEncoding)) > 0;
}

bool acceptsZstd(std::string_view acceptEncoding) noexcept
{
    const Preferences preferences = preferencesOf(acceptEncoding);
    return preferences.zstd.value_or(0) > 0 && *preferences.zstd >= gzipQuality(preferences);
}

bool isCompressibleType(std::string_view contentType) noexcept
{
    const auto type = trim(contentType.substr(0, contentType.find(';')));
    if (startsWithIgnoringCase(type, "text/"))
        return true;
    if (!startsWithIgnoringCase(type, "application/"))
        return false;
    const auto subtype = type.substr(std::string_view("application/").size());
    if (equalsIgnoringCase(subtype, "json") || equalsIgnoringCase(subtype, "xml")
        || equalsIgnoringCase(subtype, "javascript"))
        return true;
    for (std::string_view suffix : {std::string_view("+json"), std::string_view("+xml")}) {
        if (subtype.size() > suffix.size()
            && equalsIgnoringCase(subtype.substr(subtype.size() - suffix.size()), suffix))
            return true;
    }
    return false;
}

void compressResponse(std::string_view acceptEncoding, HttpResponse &response)
{
    if (response.body.size() <= GzipMinimumSize || !isCompressibleType(response.contentType))
        return;
    std::string *vary = nullptr;
    for (auto &[name, value] : response.headers) {
        if (equalsIgnoringCase(name, "content-encoding"))
            return;
        if (equalsIgnoringCase(name, "vary"))
            vary = &value;
    }
    if (!vary)
        response.headers.emplace_back("Vary", "Accept-Encoding");
    else if (*vary != "*")
        *vary += ", Accept-Encoding";
    const bool zstd = acceptsZstd(acceptEncoding);
    if (!zstd && !acceptsGzip(acceptEncoding))
        return;
    auto compressed = zstd ? zstdCompress(response.body) : gzipCompress(response.body);
    if (!compressed || compressed->size() >= response.body.size())
        return;
    response.body = std::move(*compressed);
    response.headers.emplace_back("Content-Encoding", zstd ? "zstd" : "gzip");
}

} // namespace portico::server
