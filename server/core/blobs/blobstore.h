#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <memory>
#include <optional>
#include <stdexcept>

class QIODevice;

namespace portico::server {

class Database;

// A stored blob: the SHA-256 of its content (64 lower-case hex digits, the blob's name
// everywhere: products' image_ref, documents' file_ref), its size and its media type.
struct BlobRef
{
    QString sha256;
    qint64 size = 0;
    QString contentType;

    friend bool operator==(const BlobRef &, const BlobRef &) = default;
};

// A blob operation that failed for a reason of the blob store's own; the database's failures
// come as StorageError.
class BlobError final : public std::runtime_error
{
public:
    enum class Kind {
        TooLarge, // over the store's size limit
        Corrupt, // the stored content does not match its hash or size, or is missing
        Io, // reading the source or writing the blob directory failed
    };

    BlobError(Kind kind, const QString &message);
    Kind kind() const noexcept { return m_kind; }

private:
    Kind m_kind;
};

// Content-addressed storage for files: product images, documents, installers. A blob is named
// by the SHA-256 of its content, so the same bytes are stored once however often they are put,
// and what a name gives back can be checked.
//
// With SQLite the content lives in files under <data-dir>/blobs/ab/cd/<sha256>, written to a
// temporary file in <data-dir>/blobs/tmp, synced, and renamed into place; the blobs table
// records size and type. With PostgreSQL the content lives in the database (blob_chunks, in
// pieces of ChunkSize bytes), so that every instance sharing the database sees every blob.
// Content streams through in chunks both ways: putting or opening a blob of hundreds of MB
// never holds it in memory.
//
// Safe to use from any number of threads (Database is).
class BlobStore final
{
public:
    static constexpr qint64 DefaultMaxSize = 512LL * 1024 * 1024;
    static constexpr qint64 ChunkSize = 512 * 1024;

    // `dataDir`: the server's data directory, where SQLite keeps the blob files.
    BlobStore(Database &database, const QString &dataDir, qint64 maxSize = DefaultMaxSize);
    ~BlobStore();
    BlobStore(const BlobStore &) = delete;
    BlobStore &operator=(const BlobStore &) = delete;

    // Reads `source` (open for reading) to its end and stores what it read. The same content
    // put again, or by several threads or instances at once, gives the same ref and is stored
    // once; the content type is the first put's. Throws BlobError(TooLarge) past maxSize(),
    // BlobError(Io) when the source fails or stalls for 30 s, StorageError; nothing is stored then.
    BlobRef put(QIODevice &source, const QString &contentType);
    BlobRef put(const QByteArray &content, const QString &contentType);

    // The blob's size and type; nullopt when there is no such blob (or the name is not a hash).
    std::optional<BlobRef> find(const QString &sha256);
    bool exists(const QString &sha256) { return find(sha256).has_value(); }

    // The content as a device open for reading, served in chunks; null when there is no such
    // blob. It is not checked against the hash: read() is, or hash what you read. The device
    // reads through this store's database: it must not outlive the store.
    // Throws BlobError(Corrupt) when the blob is recorded but its content is gone.
    std::unique_ptr<QIODevice> open(const QString &sha256);

    // The whole content, checked against its hash and size (BlobError(Corrupt) otherwise);
    // nullopt when there is no such blob. For blobs that fit in memory, such as images.
    std::optional<QByteArray> read(const QString &sha256);

    // Removes the blob; false when there was none. Whoever still names it (an image_ref) gets
    // 404 from then on.
    bool remove(const QString &sha256);

    qint64 maxSize() const noexcept { return m_maxSize; }
    // SQLite: the file that holds a blob's content (which need not exist); empty on PostgreSQL.
    QString filePath(const QString &sha256) const;

    // 64 lower-case hex digits.
    static bool isValidHash(QStringView text) noexcept;

private:
    BlobRef putFile(QIODevice &source, const QString &contentType);
    BlobRef putRows(QIODevice &source, const QString &contentType);
    bool removeFile(const QString &sha256);

    Database &m_database;
    QString m_directory; // SQLite: <data-dir>/blobs
    qint64 m_maxSize;
};

} // namespace portico::server
