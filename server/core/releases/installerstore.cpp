#include "releases/installerstore.h"

#include "blobs/blobstore.h"
#include "log/structuredlog.h"
#include "releases/releaserepository.h"

#include <QCryptographicHash>
#include <QIODevice>

#include <stdexcept>

namespace portico::server {

namespace {

constexpr qint64 HashPiece = 1024 * 1024;

// SHA-256 (hex) and size of what the device gives until its end.
std::pair<QString, qint64> hashOf(QIODevice &device)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray piece(static_cast<qsizetype>(HashPiece), Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qint64 n = device.read(piece.data(), HashPiece);
        if (n < 0 && !device.atEnd())
            throw std::runtime_error("reading the staged installer failed: "
                                     + device.errorString().toStdString());
        if (n <= 0)
            break;
        hash.addData(QByteArrayView(piece.constData(), static_cast<qsizetype>(n)));
        total += n;
    }
    return {QString::fromLatin1(hash.result().toHex()), total};
}

} // namespace

bool completeInstaller(ReleaseRepository &releases, BlobStore &blobs, const Release &release)
{
    auto staged = releases.openStaged(release.id);
    if (!staged)
        throw std::runtime_error("the release has no staged installer");
    const auto [sha256, size] = hashOf(*staged);
    if (sha256 != release.sha256 || size != release.size) {
        StructuredLog::info(QStringLiteral("release installer refused"),
                            {{QStringLiteral("release_id"), release.id},
                             {QStringLiteral("sha256"), sha256},
                             {QStringLiteral("expected"), release.sha256},
                             {QStringLiteral("size"), size}});
        releases.finishUpload(release.id, false);
        return false;
    }
    staged = releases.openStaged(release.id);
    const BlobRef ref = blobs.put(*staged, QStringLiteral("application/octet-stream"));
    if (ref.sha256 != release.sha256) // changed between the two reads: refuse rather than guess
        throw std::runtime_error("the staged installer changed while it was stored");
    releases.finishUpload(release.id, true);
    StructuredLog::info(QStringLiteral("release installer stored"),
                        {{QStringLiteral("release_id"), release.id},
                         {QStringLiteral("version"), release.version},
                         {QStringLiteral("size"), release.size}});
    return true;
}

DeviceRangeStream::DeviceRangeStream(std::unique_ptr<QIODevice> device, std::int64_t start,
                                     std::int64_t length)
    : m_device(std::move(device))
    , m_start(start)
    , m_length(length)
{ }

DeviceRangeStream::~DeviceRangeStream() = default;

std::size_t DeviceRangeStream::read(char *data, std::size_t maxSize)
{
    if (!m_positioned) {
        m_positioned = true;
        if (!m_device->isSequential()) {
            if (!m_device->seek(m_start))
                throw std::runtime_error("seeking in the installer failed");
        } else if (m_start > 0 && m_device->skip(m_start) != m_start) {
            throw std::runtime_error("skipping to the range failed: "
                                     + m_device->errorString().toStdString());
        }
    }
    const std::int64_t want = std::min<std::int64_t>(static_cast<std::int64_t>(maxSize), m_length - m_done);
    if (want <= 0)
        return 0;
    const qint64 n = m_device->read(data, want);
    if (n <= 0)
        throw std::runtime_error("reading the installer failed: " + m_device->errorString().toStdString());
    m_done += n;
    return static_cast<std::size_t>(n);
}

} // namespace portico::server
