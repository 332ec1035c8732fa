#include "storage/chunkeddevice.h"

#include "storage/storageerror.h"

#include <algorithm>
#include <cstring>

namespace portico::server {

ChunkedDevice::ChunkedDevice(qint64 size, QString what, Fetch fetch)
    : m_size(size)
    , m_what(std::move(what))
    , m_fetch(std::move(fetch))
{
    QIODevice::open(QIODevice::ReadOnly);
}

ChunkedDevice::~ChunkedDevice() = default;

qint64 ChunkedDevice::bytesAvailable() const
{
    return (m_size - m_consumed) + QIODevice::bytesAvailable();
}

qint64 ChunkedDevice::readData(char *data, qint64 maxSize)
{
    if (m_consumed >= m_size)
        return -1; // the end: there will never be more
    if (m_offset >= m_chunk.size() && !fetchNext())
        return -1;
    const qint64 n = std::min({maxSize, static_cast<qint64>(m_chunk.size() - m_offset), m_size - m_consumed});
    std::memcpy(data, m_chunk.constData() + m_offset, static_cast<size_t>(n));
    m_offset += static_cast<qsizetype>(n);
    m_consumed += n;
    return n;
}

qint64 ChunkedDevice::writeData(const char *, qint64)
{
    return -1;
}

bool ChunkedDevice::fetchNext()
{
    try {
        m_chunk = m_fetch(m_consumed, m_index);
    } catch (const StorageError &e) {
        setErrorString(QString::fromUtf8(e.what()));
        return false;
    }
    m_offset = 0;
    if (m_chunk.isEmpty()) {
        setErrorString(QStringLiteral("%1: the piece at byte %2 is missing").arg(m_what).arg(m_consumed));
        return false;
    }
    ++m_index;
    return true;
}

} // namespace portico::server
