#pragma once

#include <QIODevice>

#include <functional>

namespace portico::server {

// A read-only, sequential device over content stored in pieces (rows of a table, read one at a
// time so a large file never sits in memory whole). `fetch` returns the piece that begins at
// `offset` — the `index`-th — or an empty array when it is missing; it may throw StorageError.
// The device ends after `size` bytes; a missing piece or a storage error ends it early with
// the reason in errorString().
class ChunkedDevice final : public QIODevice
{

public:
    using Fetch = std::function<QByteArray(qint64 offset, int index)>;

    // `what` names the content in errors ("blob 3f2a…").
    ChunkedDevice(qint64 size, QString what, Fetch fetch);
    ~ChunkedDevice() override;

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    bool fetchNext();

    qint64 m_size;
    QString m_what;
    Fetch m_fetch;
    qint64 m_consumed = 0;
    int m_index = 0;
    QByteArray m_chunk;
    qsizetype m_offset = 0;
};

} // namespace portico::server
