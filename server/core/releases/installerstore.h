#pragma once

#include "http/httpmessage.h"

#include <memory>

class QIODevice;

namespace portico::server {

class BlobStore;
class ReleaseRepository;
struct Release;

// Ends an upload whose last chunk has arrived: hashes the staged installer; when size and
// SHA-256 are the manifest's it goes into the blob store and the release is "ready" (true);
// otherwise the release is "failed" and its upload starts again from 0 (false). The staged
// chunks are dropped either way. Reads the installer twice, one chunk at a time.
bool completeInstaller(ReleaseRepository &releases, BlobStore &blobs, const Release &release);

// Bytes [start, start + length) of a device (a blob from BlobStore::open) as a response body.
// A seekable device (a blob file) seeks; a sequential one (blob rows) skips by reading.
class DeviceRangeStream final : public ResponseStream
{
public:
    DeviceRangeStream(std::unique_ptr<QIODevice> device, std::int64_t start, std::int64_t length);
    ~DeviceRangeStream() override;

    std::int64_t size() const override { return m_length; }
    std::size_t read(char *data, std::size_t maxSize) override;

private:
    std::unique_ptr<QIODevice> m_device;
    std::int64_t m_start;
    std::int64_t m_length;
    std::int64_t m_done = 0;
    bool m_positioned = false;
};

} // namespace portico::server
