#include "blobs/blobstore.h"

#include "storage/chunkeddevice.h"
#include "storage/database.h"
#include "storage/storageerror.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QTemporaryFile>
#include <QUuid>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace portico::server {

namespace {

constexpr int SourceStallMs = 30000;
constexpr qsizetype MaxContentTypeLength = 255;
constexpr qint64 StaleUploadMs = 24LL * 60 * 60 * 1000;

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QString hexOf(const QCryptographicHash &hash)
{
    return QString::fromLatin1(hash.result().toHex());
}

// Reads up to `size` bytes, waiting for a sequential source that has none yet; empty at the
// source's end. Throws BlobError(Io) when the source fails or stalls.
QByteArray readChunk(QIODevice &source, qint64 size)
{
    QByteArray chunk(static_cast<qsizetype>(size), Qt::Uninitialized);
    qint64 filled = 0;
    while (filled < size) {
        const qint64 n = source.read(chunk.data() + filled, size - filled);
        // A sequential device says -1 both at its end and on an error; only atEnd() tells.
        if (n < 0 && source.atEnd())
            break;
        if (n < 0)
            throw BlobError(BlobError::Kind::Io,
                            QStringLiteral("reading the blob source failed: %1").arg(source.errorString()));
        if (n > 0) {
            filled += n;
            continue;
        }
        if (source.atEnd())
            break;
        if (!source.waitForReadyRead(SourceStallMs) && source.bytesAvailable() == 0) {
            if (source.atEnd())
                break;
            throw BlobError(
                BlobError::Kind::Io,
                QStringLiteral("the blob source sent nothing for %1 s").arg(SourceStallMs / 1000));
        }
    }
    chunk.truncate(static_cast<qsizetype>(filled));
    return chunk;
}

// Passes the source to `sink` chunk by chunk, hashing it; returns its size. Throws
// BlobError(TooLarge) as soon as it grows past `maxSize`.
template<typename Sink>
qint64 copyChunks(QIODevice &source, qint64 maxSize, QCryptographicHash &hash, Sink &&sink)
{
    qint64 total = 0;
    for (;;) {
        const QByteArray chunk = readChunk(source, BlobStore::ChunkSize);
        if (chunk.isEmpty())
            return total;
        total += chunk.size();
        if (total > maxSize)
            throw BlobError(BlobError::Kind::TooLarge,
                            QStringLiteral("the blob is larger than %1 bytes").arg(maxSize));
        hash.addData(chunk);
        sink(chunk);
    }
}

QString checkedContentType(const QString &contentType)
{
    const QString type = contentType.trimmed();
    if (type.isEmpty())
        return QStringLiteral("application/octet-stream");
    const bool printable = std::all_of(type.cbegin(), type.cend(),
                                       [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; });
    if (!printable || type.size() > MaxContentTypeLength)
        throw std::invalid_argument("a blob's content type is printable ASCII of at most 255 characters");
    return type;
}

// Makes a rename or a new entry in `path` durable.
void syncDirectory(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

// Atomically replaces `to` with `from` (rename(2): unlike QFile::rename, it overwrites).
bool renameOver(const QString &from, const QString &to)
{
    return ::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

std::optional<BlobRef> findIn(const QSqlDatabase &tx, const QString &sha256)
{
    Sql query(tx, QStringLiteral("SELECT size, content_type FROM blobs WHERE hash = :hash"));
    query.bind(QStringLiteral(":hash"), sha256).exec();
    if (!query.next())
        return std::nullopt;
    return BlobRef {sha256, query.value(0).toLongLong(), query.value(1).toString()};
}

// Thrown inside a write transaction to roll it back: the content was stored before.
struct AlreadyStored
{
};

} // namespace

BlobError::BlobError(Kind kind, const QString &message)
    : std::runtime_error(message.toStdString())
    , m_kind(kind)
{ }

BlobStore::BlobStore(Database &database, const QString &dataDir, qint64 maxSize)
    : m_database(database)
    , m_maxSize(maxSize)
{
    if (m_database.isPostgres())
        return;
    m_directory = QDir(dataDir).absoluteFilePath(QStringLiteral("blobs"));
    // Uploads that a crash interrupted leave temporary files behind; a day later nothing can
    // still be writing them.
    const qint64 staleBefore = QDateTime::currentMSecsSinceEpoch() - StaleUploadMs;
    QDirIterator leftovers(m_directory + QStringLiteral("/tmp"), QDir::Files | QDir::Hidden);
    while (leftovers.hasNext()) {
        const QFileInfo file(leftovers.next());
        if (file.lastModified().toMSecsSinceEpoch() < staleBefore)
            QFile::remove(file.absoluteFilePath());
    }
}

BlobStore::~BlobStore() = default;

bool BlobStore::isValidHash(QStringView text) noexcept
{
    return text.size() == 64 && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
               return (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
                   || (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
           });
}

QString BlobStore::filePath(const QString &sha256) const
{
    if (m_directory.isEmpty() || !isValidHash(sha256))
        return {};
    return QStringLiteral("%1/%2/%3/%4").arg(m_directory, sha256.left(2), sha256.mid(2, 2), sha256);
}

BlobRef BlobStore::put(const QByteArray &content, const QString &contentType)
{
    QByteArray copy = content;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return put(buffer, contentType);
}

BlobRef BlobStore::put(QIODevice &source, const QString &contentType)
{
    const QString type = checkedContentType(contentType);
    return m_database.isPostgres() ? putRows(source, type) : putFile(source, type);
}

BlobRef BlobStore::putFile(QIODevice &source, const QString &contentType)
{
    const QString uploads = m_directory + QStringLiteral("/tmp");
    if (!QDir().mkpath(uploads))
        throw BlobError(BlobError::Kind::Io, QStringLiteral("cannot create %1").arg(uploads));
    QTemporaryFile temporary(uploads + QStringLiteral("/upload-XXXXXX"));
    if (!temporary.open())
        throw BlobError(
            BlobError::Kind::Io,
            QStringLiteral("cannot create a file in %1: %2").arg(uploads, temporary.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const qint64 size = copyChunks(source, m_maxSize, hash, [&](const QByteArray &chunk) {
        if (temporary.write(chunk) != chunk.size())
            throw BlobError(
                BlobError::Kind::Io,
                QStringLiteral("writing %1 failed: %2").arg(temporary.fileName(), temporary.errorString()));
    });
    if (!temporary.flush() || ::fsync(temporary.handle()) != 0)
        throw BlobError(BlobError::Kind::Io,
                        QStringLiteral("syncing %1 failed: %2").arg(temporary.fileName(), errnoText()));
    const BlobRef ref {hexOf(hash), size, contentType};
    const QString target = filePath(ref.sha256);
    const QString leaf = QFileInfo(target).absolutePath();
    if (!QFileInfo::exists(leaf)) {
        if (!QDir().mkpath(leaf))
            throw BlobError(BlobError::Kind::Io, QStringLiteral("cannot create %1").arg(leaf));
        const QString parent = QFileInfo(leaf).absolutePath();
        syncDirectory(parent);
        syncDirectory(m_directory);
    }
    // Under the write lock, so that a remove() of the same blob runs wholly before or after.
    // The file goes into place even when the blob is stored already: the bytes are the same,
    // and a file that went missing or was damaged is whole again.
    return m_database.write([&](QSqlDatabase &tx) {
        if (!renameOver(temporary.fileName(), target))
            throw BlobError(BlobError::Kind::Io,
                            QStringLiteral("cannot move a blob into %1: %2").arg(target, errnoText()));
        temporary.setAutoRemove(false);
        syncDirectory(leaf);
        if (const auto stored = findIn(tx, ref.sha256))
            return *stored;
        Sql(tx,
            QStringLiteral("INSERT INTO blobs (hash, size, content_type, created_at) "
                           "VALUES (:hash, :size, :type, :at)"))
            .bind(QStringLiteral(":hash"), ref.sha256)
            .bind(QStringLiteral(":size"), ref.size)
            .bind(QStringLiteral(":type"), ref.contentType)
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .exec();
        return ref;
    });
}

BlobRef BlobStore::putRows(QIODevice &source, const QString &contentType)
{
    // The chunks go in under a name of this upload; once the hash is known, the blob row is
    // claimed and the chunks renamed, in the same transaction. When another put claimed the
    // hash first (it waits for that one to commit), this one rolls back.
    const QString upload = QStringLiteral("upload:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString sha256;
    try {
        return m_database.write([&](QSqlDatabase &tx) {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            int seq = 0;
            const qint64 size = copyChunks(source, m_maxSize, hash, [&](const QByteArray &chunk) {
                Sql(tx,
                    QStringLiteral("INSERT INTO blob_chunks (hash, seq, data) VALUES (:hash, :seq, :data)"))
                    .bind(QStringLiteral(":hash"), upload)
                    .bind(QStringLiteral(":seq"), seq++)
                    .bind(QStringLiteral(":data"), chunk)
                    .exec();
            });
            const BlobRef ref {hexOf(hash), size, contentType};
            sha256 = ref.sha256;
            Sql claim(tx,
                      QStringLiteral("INSERT INTO blobs (hash, size, content_type, created_at) "
                                     "VALUES (:hash, :size, :type, :at) ON CONFLICT (hash) DO NOTHING"));
            claim.bind(QStringLiteral(":hash"), ref.sha256)
                .bind(QStringLiteral(":size"), ref.size)
                .bind(QStringLiteral(":type"), ref.contentType)
                .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
                .exec();
            if (claim.rowsAffected() == 0)
                throw AlreadyStored {};
            Sql(tx, QStringLiteral("UPDATE blob_chunks SET hash = :hash WHERE hash = :upload"))
                .bind(QStringLiteral(":hash"), ref.sha256)
                .bind(QStringLiteral(":upload"), upload)
                .exec();
            return ref;
        });
    } catch (const AlreadyStored &) {
        if (auto stored = find(sha256))
            return *stored;
        // Removed between the two transactions; the source is spent, so the caller puts again.
        throw StorageError(QStringLiteral("blob %1 was removed while it was being stored").arg(sha256));
    }
}

std::optional<BlobRef> BlobStore::find(const QString &sha256)
{
    if (!isValidHash(sha256))
        return std::nullopt;
    return m_database.read([&](QSqlDatabase &tx) { return findIn(tx, sha256); });
}

std::unique_ptr<QIODevice> BlobStore::open(const QString &sha256)
{
    const auto ref = find(sha256);
    if (!ref)
        return nullptr;
    if (m_database.isPostgres())
        // One chunk at a time, each in a read transaction of its own (blobs never change, so the
        // chunks fit together).
        return std::make_unique<ChunkedDevice>(
            ref->size, QStringLiteral("blob %1").arg(ref->sha256),
            [&database = m_database, sha256 = ref->sha256](qint64, int index) {
                return database.read([&](QSqlDatabase &tx) {
                    Sql query(
                        tx, QStringLiteral("SELECT data FROM blob_chunks WHERE hash = :hash AND seq = :seq"));
                    query.bind(QStringLiteral(":hash"), sha256).bind(QStringLiteral(":seq"), index).exec();
                    return query.next() ? query.value(0).toByteArray() : QByteArray();
                });
            });
    auto file = std::make_unique<QFile>(filePath(ref->sha256));
    if (!file->open(QIODevice::ReadOnly))
        throw BlobError(
            BlobError::Kind::Corrupt,
            QStringLiteral("the content of blob %1 is gone: %2").arg(ref->sha256, file->errorString()));
    return file;
}

std::optional<QByteArray> BlobStore::read(const QString &sha256)
{
    const auto ref = find(sha256);
    if (!ref)
        return std::nullopt;
    const auto device = open(sha256);
    if (!device)
        return std::nullopt;
    QByteArray content;
    content.reserve(static_cast<qsizetype>(std::min(ref->size, m_maxSize)));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (;;) {
        const QByteArray chunk = device->read(ChunkSize);
        if (chunk.isEmpty())
            break;
        hash.addData(chunk);
        content += chunk;
        if (content.size() > ref->size)
            break;
    }
    if (content.size() != ref->size || hexOf(hash) != ref->sha256)
        throw BlobError(
            BlobError::Kind::Corrupt,
            QStringLiteral("the content of blob %1 does not match its hash (%2 of %3 bytes read%4)")
                .arg(ref->sha256)
                .arg(content.size())
                .arg(ref->size)
                .arg(device->errorString().isEmpty() ? QString()
                                                     : QStringLiteral(": ") + device->errorString()));
    return content;
}

bool BlobStore::remove(const QString &sha256)
{
    if (!isValidHash(sha256))
        return false;
    if (!m_database.isPostgres())
        return removeFile(sha256);
    return m_database.write([&](QSqlDatabase &tx) {
        Sql(tx, QStringLiteral("DELETE FROM blob_chunks WHERE hash = :hash"))
            .bind(QStringLiteral(":hash"), sha256)
            .exec();
        Sql blob(tx, QStringLiteral("DELETE FROM blobs WHERE hash = :hash"));
        blob.bind(QStringLiteral(":hash"), sha256).exec();
        return blob.rowsAffected() > 0;
    });
}

bool BlobStore::removeFile(const QString &sha256)
{
    // The file moves aside inside the transaction and goes for good after the commit; if the
    // commit fails, it moves back.
    const QString target = filePath(sha256);
    const QString uploads = m_directory + QStringLiteral("/tmp");
    const QString aside
        = uploads + QStringLiteral("/removed-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool moved = false;
    try {
        const bool removed = m_database.write([&](QSqlDatabase &tx) {
            Sql blob(tx, QStringLiteral("DELETE FROM blobs WHERE hash = :hash"));
            blob.bind(QStringLiteral(":hash"), sha256).exec();
            const bool existed = blob.rowsAffected() > 0;
            if (QFileInfo::exists(target)) {
                QDir().mkpath(uploads);
                moved = renameOver(target, aside);
                if (!moved)
                    throw BlobError(BlobError::Kind::Io,
                                    QStringLiteral("cannot remove %1: %2").arg(target, errnoText()));
            }
            return existed;
        });
        if (moved)
            QFile::remove(aside);
        return removed;
    } catch (...) {
        if (moved)
            renameOver(aside, target);
        throw;
    }
}

} // namespace portico::server
