#include "sha256stream.h"

#include "sodiuminit.h"

#include <QFile>

#include <sodium.h>

namespace portico::release {

struct Sha256Stream::State
{
    crypto_hash_sha256_state hash {};
};

Sha256Stream::Sha256Stream()
    : m_state(std::make_unique<State>())
{
    ensureSodium();
    crypto_hash_sha256_init(&m_state->hash);
}

Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::add(QByteArrayView data)
{
    crypto_hash_sha256_update(&m_state->hash, reinterpret_cast<const unsigned char *>(data.data()),
                              static_cast<unsigned long long>(data.size()));
    m_bytes += data.size();
}

QString Sha256Stream::finishHex()
{
    QByteArray digest(crypto_hash_sha256_BYTES, Qt::Uninitialized);
    crypto_hash_sha256_final(&m_state->hash, reinterpret_cast<unsigned char *>(digest.data()));
    crypto_hash_sha256_init(&m_state->hash);
    m_bytes = 0;
    return QString::fromLatin1(digest.toHex());
}

Result<FileDigest> digestFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error {ErrorCode::FileError,
                      QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    Sha256Stream stream;
    QByteArray block(1024 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 read = file.read(block.data(), block.size());
        if (read < 0)
            return Error {ErrorCode::FileError,
                          QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
        if (read == 0)
            break;
        stream.add(QByteArrayView(block.constData(), read));
    }
    const qint64 size = stream.bytesAdded();
    return FileDigest {size, stream.finishHex()};
}

} // namespace portico::release
