#include "net/contentcoding.h"

#include <algorithm>
#include <memory>
#include <zlib.h>
#include <zstd.h>

namespace portico::client::ContentCoding {

namespace {

// inflateInit2's windowBits: 15 (32 KiB window) plus 16 reads the gzip wrapper only.
constexpr int GzipWindowBits = 15 + 16;
// The output grows in steps of this much, or of what is left to the limit.
constexpr qint64 Step = qint64 {256} * 1024;

std::optional<QByteArray> failed(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

QString tooLarge(qint64 maxBytes)
{
    return QStringLiteral("The reply decodes to more than %1 bytes.").arg(maxBytes);
}

// Grows `out` by a step, never past maxBytes; false when it is at maxBytes already.
bool grow(QByteArray &out, qint64 used, qint64 maxBytes)
{
    if (used >= maxBytes)
        return false;
    if (used == out.size())
        out.resize(std::min(maxBytes, std::max(used * 2, used + Step)));
    return true;
}

std::optional<QByteArray> gunzip(const QByteArray &body, QString *error, qint64 maxBytes)
{
    z_stream stream {};
    if (inflateInit2(&stream, GzipWindowBits) != Z_OK)
        return failed(error, QStringLiteral("zlib cannot start decoding."));
    const std::unique_ptr<z_stream, int (*)(z_stream *)> end(&stream, inflateEnd);
    // A page is far below 4 GiB: zlib's uInt counts hold it in one piece.
    if (body.size() > qsizetype {UINT32_MAX})
        return failed(error, tooLarge(maxBytes));
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(body.constData()));
    stream.avail_in = static_cast<uInt>(body.size());
    QByteArray out;
    qint64 used = 0;
    for (;;) {
        if (!grow(out, used, maxBytes))
            return failed(error, tooLarge(maxBytes));
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + used);
        stream.avail_out = static_cast<uInt>(out.size() - used);
        const int status = inflate(&stream, Z_NO_FLUSH);
        used = out.size() - stream.avail_out;
        if (status == Z_STREAM_END)
            break;
        if (status == Z_OK)
            continue;
        if (status == Z_BUF_ERROR && stream.avail_out > 0)
            return failed(error, QStringLiteral("The gzip body is truncated."));
        if (status != Z_BUF_ERROR)
            return failed(error,
                          QStringLiteral("The gzip body is corrupt: %1.")
                              .arg(QString::fromUtf8(stream.msg ? stream.msg : "no detail")));
    }
    if (stream.avail_in != 0)
        return failed(error, QStringLiteral("The gzip body goes on after its end."));
    out.resize(used);
    return out;
}

std::optional<QByteArray> unzstd(const QByteArray &body, QString *error, qint64 maxBytes)
{
    const std::unique_ptr<ZSTD_DStream, std::size_t (*)(ZSTD_DStream *)> stream(ZSTD_createDStream(),
                                                                                ZSTD_freeDStream);
    if (!stream)
        return failed(error, QStringLiteral("zstd cannot start decoding."));
    QByteArray out;
    // The frame says its size when the server knew it: one allocation then.
    const unsigned long long declared = ZSTD_getFrameContentSize(body.constData(), std::size_t(body.size()));
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != ZSTD_CONTENTSIZE_ERROR) {
        if (declared > static_cast<unsigned long long>(maxBytes))
            return failed(error, tooLarge(maxBytes));
        out.resize(static_cast<qsizetype>(declared));
    }
    ZSTD_inBuffer in {body.constData(), std::size_t(body.size()), 0};
    qint64 used = 0;
    std::size_t status = 1;
    while (status != 0) {
        if (used == out.size() && !grow(out, used, maxBytes))
            return failed(error, tooLarge(maxBytes));
        ZSTD_outBuffer piece {out.data() + used, std::size_t(out.size() - used), 0};
        const std::size_t before = in.pos;
        status = ZSTD_decompressStream(stream.get(), &piece, &in);
        if (ZSTD_isError(status))
            return failed(error,
                          QStringLiteral("The zstd body is corrupt: %1.")
                              .arg(QString::fromUtf8(ZSTD_getErrorName(status))));
        used += static_cast<qint64>(piece.pos);
        if (status != 0 && in.pos == in.size && piece.pos == 0 && before == in.pos)
            return failed(error, QStringLiteral("The zstd body is truncated."));
    }
    if (in.pos != in.size)
        return failed(error, QStringLiteral("The zstd body goes on after its end."));
    out.resize(used);
    return out;
}

} // namespace

std::optional<QByteArray> decode(const QByteArray &body, const QByteArray &encoding, QString *error,
                                 qint64 maxBytes)
{
    const QByteArray coding = encoding.trimmed().toLower();
    if (coding.isEmpty() || coding == "identity") {
        if (body.size() > maxBytes)
            return failed(error, tooLarge(maxBytes));
        return body;
    }
    if (coding == "gzip" || coding == "x-gzip")
        return gunzip(body, error, maxBytes);
    if (coding == "zstd")
        return unzstd(body, error, maxBytes);
    return failed(error,
                  QStringLiteral("The reply is in an encoding the client does not read: %1.")
                      .arg(QString::fromLatin1(encoding)));
}

} // namespace portico::client::ContentCoding
