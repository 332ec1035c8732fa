#pragma once

#include <QByteArray>

#include <zlib.h>
#include <zstd.h>

namespace portico::test {

// `data` as one gzip member at zlib's fastest level, as a server sends a compressed body.
inline QByteArray gzip(const QByteArray &data)
{
    z_stream stream {};
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(static_cast<qsizetype>(deflateBound(&stream, static_cast<uLong>(data.size()))), '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(static_cast<qsizetype>(stream.total_out));
    deflateEnd(&stream);
    return status == Z_STREAM_END ? out : QByteArray();
}

// `data` as one Zstandard frame at level 1; without its size in the frame header when
// `withSize` is false (as a streaming encoder writes it).
inline QByteArray zstd(const QByteArray &data, bool withSize = true)
{
    ZSTD_CCtx *context = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 1);
    ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, withSize ? 1 : 0);
    QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(std::size_t(data.size()))), '\0');
    const std::size_t written = ZSTD_compress2(context, out.data(), std::size_t(out.size()), data.constData(),
                                               std::size_t(data.size()));
    ZSTD_freeCCtx(context);
    out.resize(ZSTD_isError(written) ? 0 : static_cast<qsizetype>(written));
    return out;
}

} // namespace portico::test
