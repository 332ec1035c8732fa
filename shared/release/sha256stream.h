#pragma once

#include "releaseerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace portico::release {

// SHA-256 over data that arrives in pieces (a download, a large file), with libsodium.
class Sha256Stream final
{
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream &) = delete;
    Sha256Stream &operator=(const Sha256Stream &) = delete;

    void add(QByteArrayView data);
    qint64 bytesAdded() const { return m_bytes; }
    // Lowercase hex of the digest; the stream starts over afterwards.
    QString finishHex();

private:
    struct State;
    std::unique_ptr<State> m_state;
    qint64 m_bytes = 0;
};

struct FileDigest
{
    qint64 size = 0;
    QString sha256; // lowercase hex
};

// The size and SHA-256 of a file, read in blocks (FileError when it cannot be read).
Result<FileDigest> digestFile(const QString &path);

} // namespace portico::release
