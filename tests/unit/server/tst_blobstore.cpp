#include "blobs/blobstore.h"
#include "storage/database.h"
#include "testservices.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace portico::server;
using portico::test::TestDatabase;
using portico::test::TestServices;

namespace {

// `size` pseudo-random bytes made up as they are read, at most `piece` bytes per read: a
// blob of 20 MB streams through without ever existing whole.
class GeneratedSource final : public QIODevice
{
public:
    GeneratedSource(qint64 size, quint32 seed, qint64 piece = 64 * 1024)
        : m_size(size)
        , m_piece(piece)
        , m_state(seed | 1U)
    {
        open(QIODevice::ReadOnly);
    }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return (m_size - m_produced) + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_produced >= m_size)
            return -1;
        const qint64 n = std::min({maxSize, m_piece, m_size - m_produced});
        for (qint64 i = 0; i < n; ++i) {
            m_state ^= m_state << 13;
            m_state ^= m_state >> 17;
            m_state ^= m_state << 5;
            data[i] = static_cast<char>(m_state & 0xffU);
        }
        m_produced += n;
        return n;
    }

    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_size;
    qint64 m_piece;
    quint32 m_state;
    qint64 m_produced = 0;
};

// Gives `good` bytes, then fails.
class FailingSource final : public QIODevice
{
public:
    explicit FailingSource(qint64 good)
        : m_good(good)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return 1 + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_given >= m_good) {
            setErrorString(QStringLiteral("the line went dead"));
            return -1;
        }
        const qint64 n = std::min(maxSize, m_good - m_given);
        std::fill_n(data, n, 'x');
        m_given += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_good;
    qint64 m_given = 0;
};

QString sha256Of(const QByteArray &content)
{
    return QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

QString sha256Of(QIODevice &device)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&device);
    return QString::fromLatin1(hash.result().toHex());
}

QByteArray bytes(qint64 size, quint32 seed)
{
    GeneratedSource source(size, seed);
    return source.readAll();
}

} // namespace

// The content-addressed blob store on both backends: files under the data directory with
// SQLite, chunk rows with PostgreSQL.
class TestBlobStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        QVERIFY2(m_env.create(), qPrintable(m_env.errorString()));
    }

    void putThenRead()
    {
        BlobStore &blobs = m_env.blobs();
        const BlobRef ref = blobs.put(QByteArray("hello"), QStringLiteral("text/plain"));
        QCOMPARE(ref.sha256,
                 QStringLiteral("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"));
        QCOMPARE(ref.size, 5);
        QCOMPARE(ref.contentType, QStringLiteral("text/plain"));
        QCOMPARE(blobs.find(ref.sha256), std::optional<BlobRef>(ref));
        QVERIFY(blobs.exists(ref.sha256));
        QCOMPARE(blobs.read(ref.sha256), std::optional<QByteArray>("hello"));
        const auto device = blobs.open(ref.sha256);
        QVERIFY(device);
        QCOMPARE(device->readAll(), QByteArray("hello"));
        QVERIFY(device->atEnd());
        if (sqlite()) {
            const QString path = blobs.filePath(ref.sha256);
            QCOMPARE(path,
                     QDir(m_env.dataDir()).absoluteFilePath(QStringLiteral("blobs/2c/f2/") + ref.sha256));
            QCOMPARE(QFileInfo(path).size(), 5);
        } else {
            QVERIFY(blobs.filePath(ref.sha256).isEmpty());
            QCOMPARE(chunkRows(ref.sha256), 1);
        }
    }

    void emptyContent()
    {
        BlobStore &blobs = m_env.blobs();
        const BlobRef ref = blobs.put(QByteArray(), QString());
        QCOMPARE(ref.sha256,
                 QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(ref.size, 0);
        QCOMPARE(ref.contentType, QStringLiteral("application/octet-stream"));
        const auto content = blobs.read(ref.sha256);
        QVERIFY(content.has_value());
        QVERIFY(content->isEmpty());
    }

    void sameContentIsStoredOnce()
    {
        BlobStore &blobs = m_env.blobs();
        const QByteArray content = bytes(BlobStore::ChunkSize * 2 + 17, 11);
        const BlobRef first = blobs.put(content, QStringLiteral("image/png"));
        const int filesBefore = blobFiles();
        const BlobRef again = blobs.put(content, QStringLiteral("image/jpeg"));
        QCOMPARE(again, first); // the first put's type stays
        QCOMPARE(blobRows(first.sha256), 1);
        QCOMPARE(blobFiles(), filesBefore);
        if (!sqlite())
            QCOMPARE(chunkRows(first.sha256), 3);
        QCOMPARE(leftovers(), 0);
        QCOMPARE(blobs.read(first.sha256), std::optional<QByteArray>(content));
    }

    void unknownAndMalformedNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("unknown") << QString(64, QLatin1Char('0'));
        QTest::newRow("upper case") << QStringLiteral(
            "2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824");
        QTest::newRow("too short") << QStringLiteral("2cf24dba");
        QTest::newRow("path") << QStringLiteral("../../../../etc/passwd");
        QTest::newRow("upload rows are not blobs") << QStringLiteral("upload:1");
        QTest::newRow("empty") << QString();
    }

    void unknownAndMalformedNames()
    {
        QFETCH(QString, name);
        BlobStore &blobs = m_env.blobs();
        QVERIFY(!blobs.find(name));
        QVERIFY(!blobs.exists(name));
        QVERIFY(!blobs.read(name));
        QVERIFY(!blobs.open(name));
        QVERIFY(!blobs.remove(name));
        QCOMPARE(BlobStore::isValidHash(name),
                 name.size() == 64 && name == name.toLower() && !name.contains(u'.'));
    }

    // 20 MB from a source that hands out 1000 bytes per read, in and out in chunks.
    void streamsLargeBlobs()
    {
        constexpr qint64 Size = 20LL * 1024 * 1024;
        GeneratedSource expected(Size, 2024);
        const QString expectedHash = sha256Of(expected);

        BlobStore &blobs = m_env.blobs();
        GeneratedSource source(Size, 2024, 1000);
        const BlobRef ref = blobs.put(source, QStringLiteral("application/x-msdownload"));
        QCOMPARE(ref.size, Size);
        QCOMPARE(ref.sha256, expectedHash);
        if (sqlite())
            QCOMPARE(QFileInfo(blobs.filePath(ref.sha256)).size(), Size);
        else
            QCOMPARE(chunkRows(ref.sha256), static_cast<int>(Size / BlobStore::ChunkSize));

        const auto device = blobs.open(ref.sha256);
        QVERIFY(device);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        qint64 total = 0;
        while (!device->atEnd()) {
            const QByteArray piece = device->read(64 * 1024);
            QVERIFY(!piece.isEmpty());
            QVERIFY(piece.size() <= 64 * 1024);
            total += piece.size();
            hash.addData(piece);
        }
        QCOMPARE(total, Size);
        QCOMPARE(QString::fromLatin1(hash.result().toHex()), expectedHash);
        QCOMPARE(leftovers(), 0);
    }

    void concurrentPutsOfTheSameContent()
    {
        const QByteArray content = bytes(3 * BlobStore::ChunkSize + 5, 77);
        BlobStore &blobs = m_env.blobs();
        constexpr int Threads = 4;
        std::vector<BlobRef> refs(Threads);
        std::atomic<int> failures {0};
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back([&, t] {
                try {
                    refs[static_cast<std::size_t>(t)] = blobs.put(content, QStringLiteral("image/webp"));
                } catch (const std::exception &e) {
                    qWarning("put failed: %s", e.what());
                    ++failures;
                }
                m_env.database().releaseThreadConnection();
            });
        }
        for (auto &thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        for (const BlobRef &ref : refs)
            QCOMPARE(ref, refs.front());
        QCOMPARE(refs.front().sha256, sha256Of(content));
        QCOMPARE(blobRows(refs.front().sha256), 1);
        if (!sqlite())
            QCOMPARE(chunkRows(refs.front().sha256), 4);
        QCOMPARE(leftovers(), 0);
        QCOMPARE(blobs.read(refs.front().sha256), std::optional<QByteArray>(content));
    }

    void sizeLimit()
    {
        BlobStore small(m_env.database(), m_env.dataDir(), 1000);
        QCOMPARE(small.maxSize(), 1000);
        QCOMPARE(small.put(QByteArray(1000, 'a'), QString()).size, 1000);
        try {
            small.put(QByteArray(1001, 'b'), QString());
            QFAIL("a blob over the limit was stored");
        } catch (const BlobError &e) {
            QCOMPARE(e.kind(), BlobError::Kind::TooLarge);
        }
        QVERIFY(!small.exists(sha256Of(QByteArray(1001, 'b'))));
        QCOMPARE(leftovers(), 0);
    }

    void failingSourcesStoreNothing()
    {
        FailingSource source(BlobStore::ChunkSize + 10);
        try {
            m_env.blobs().put(source, QString());
            QFAIL("a failed source was stored");
        } catch (const BlobError &e) {
            QCOMPARE(e.kind(), BlobError::Kind::Io);
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("the line went dead")), e.what());
        }
        QCOMPARE(leftovers(), 0);
    }

    void contentTypesAreHeaderSafe()
    {
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            m_env.blobs().put(QByteArray("x"), QStringLiteral("text/plain\r\nX-Evil: 1")));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 m_env.blobs().put(QByteArray("x"), QString(300, QLatin1Char('a'))));
        QCOMPARE(m_env.blobs().put(QByteArray("y"), QStringLiteral("  image/png ")).contentType,
                 QStringLiteral("image/png"));
    }

    void damagedContentIsDetected()
    {
        BlobStore &blobs = m_env.blobs();
        const QByteArray content = bytes(BlobStore::ChunkSize + 100, 5);
        const BlobRef ref = blobs.put(content, QStringLiteral("application/pdf"));
        QByteArray damaged = content;
        damaged[10] = static_cast<char>(damaged[10] ^ 0x01);
        if (sqlite()) {
            const QString path = blobs.filePath(ref.sha256);
            overwrite(path, damaged);
            expectCorrupt(blobs, ref.sha256);
            overwrite(path, content.left(content.size() - 1));
            expectCorrupt(blobs, ref.sha256);
            QVERIFY(QFile::remove(path));
            expectCorrupt(blobs, ref.sha256);
            QVERIFY_THROWS_EXCEPTION(BlobError, blobs.open(ref.sha256));
            // Putting the content again puts its file back.
            QCOMPARE(blobs.put(content, QStringLiteral("application/pdf")), ref);
            QCOMPARE(blobs.read(ref.sha256), std::optional<QByteArray>(content));
        } else {
            m_env.database().write([&](QSqlDatabase &tx) {
                Sql(tx, QStringLiteral("UPDATE blob_chunks SET data = :data WHERE hash = :hash AND seq = 0"))
                    .bind(QStringLiteral(":data"), damaged.left(BlobStore::ChunkSize))
                    .bind(QStringLiteral(":hash"), ref.sha256)
                    .exec();
            });
            expectCorrupt(blobs, ref.sha256);
            m_env.database().write([&](QSqlDatabase &tx) {
                Sql(tx, QStringLiteral("DELETE FROM blob_chunks WHERE hash = :hash AND seq = 1"))
                    .bind(QStringLiteral(":hash"), ref.sha256)
                    .exec();
            });
            expectCorrupt(blobs, ref.sha256);
        }
    }

    void remove()
    {
        BlobStore &blobs = m_env.blobs();
        const QByteArray content = bytes(BlobStore::ChunkSize + 1, 99);
        const BlobRef ref = blobs.put(content, QStringLiteral("image/gif"));
        QVERIFY(blobs.remove(ref.sha256));
        QVERIFY(!blobs.exists(ref.sha256));
        QVERIFY(!blobs.read(ref.sha256));
        QVERIFY(!blobs.remove(ref.sha256));
        QCOMPARE(blobRows(ref.sha256), 0);
        if (sqlite())
            QVERIFY(!QFileInfo::exists(blobs.filePath(ref.sha256)));
        else
            QCOMPARE(chunkRows(ref.sha256), 0);
        QCOMPARE(leftovers(), 0);
        // And back.
        QCOMPARE(blobs.put(content, QStringLiteral("image/gif")), ref);
        QCOMPARE(blobs.read(ref.sha256), std::optional<QByteArray>(content));
    }

private:
    static bool sqlite() { return TestDatabase::backend() == TestDatabase::Backend::Sqlite; }

    int count(const QString &statement, const QString &hash = {})
    {
        return m_env.database().read([&](QSqlDatabase &tx) {
            Sql query(tx, statement);
            if (!hash.isEmpty())
                query.bind(QStringLiteral(":hash"), hash);
            query.exec();
            return query.next() ? query.value(0).toInt() : -1;
        });
    }

    int blobRows(const QString &hash)
    {
        return count(QStringLiteral("SELECT COUNT(*) FROM blobs WHERE hash = :hash"), hash);
    }

    int chunkRows(const QString &hash)
    {
        return count(QStringLiteral("SELECT COUNT(*) FROM blob_chunks WHERE hash = :hash"), hash);
    }

    // Files of blobs on SQLite.
    int blobFiles() const
    {
        int files = 0;
        QDirIterator it(m_env.dataDir() + QStringLiteral("/blobs"), QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            if (!it.next().contains(QStringLiteral("/blobs/tmp/")))
                ++files;
        }
        return files;
    }

    // What unfinished puts and removes left behind: temporary files, or chunk rows of uploads.
    int leftovers()
    {
        if (!sqlite())
            return count(QStringLiteral("SELECT COUNT(*) FROM blob_chunks WHERE hash LIKE 'upload:%'"));
        return static_cast<int>(
            QDir(m_env.dataDir() + QStringLiteral("/blobs/tmp")).entryList(QDir::Files).size());
    }

    static void overwrite(const QString &path, const QByteArray &content)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(content), content.size());
    }

    static void expectCorrupt(BlobStore &blobs, const QString &hash)
    {
        try {
            blobs.read(hash);
            QFAIL("damaged content was read as good");
        } catch (const BlobError &e) {
            QCOMPARE(e.kind(), BlobError::Kind::Corrupt);
        }
    }

    TestServices m_env;
};

QTEST_GUILESS_MAIN(TestBlobStore)
#include "tst_blobstore.moc"
