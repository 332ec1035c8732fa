#include "authfixture.h"
#include "blobs/blobstore.h"
#include "storage/database.h"
#include "storage/databaseconfig.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace portico::test;
using portico::server::BlobRef;
using portico::server::BlobStore;
using portico::server::Database;
using portico::server::DatabaseConfig;
using portico::server::Sql;

namespace {

// The PNG signature and some bytes, as a product image would start.
const QByteArray Image = QByteArray::fromHex("89504e470d0a1a0a") + QByteArray("portico test image");

QByteArray header(const QByteArray &headers, const QByteArray &name)
{
    for (const QByteArray &line : headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

// GET /api/v1/blobs/{sha256} against a real server, with blobs put into its storage (the data
// directory on SQLite, the database on PostgreSQL) the way the exchange will put them.
class TestBlobs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        QVERIFY2(m_api.start(), qPrintable(m_api.errorString()));
        // The server's own storage, opened from the arguments it was started with.
        const QStringList where = m_api.where();
        QString dataDir = m_api.server().dataDir();
        std::optional<DatabaseConfig> config;
        if (const qsizetype i = where.indexOf(QStringLiteral("--data-dir")); i >= 0) {
            dataDir = where.value(i + 1);
            config = DatabaseConfig::sqlite(dataDir);
        } else if (const qsizetype j = where.indexOf(QStringLiteral("--database")); j >= 0) {
            config = DatabaseConfig::fromUrl(where.value(j + 1));
        }
        QVERIFY(config);
        m_database = std::make_unique<Database>(*config);
        m_blobs = std::make_unique<BlobStore>(*m_database, dataDir);
        m_image = m_blobs->put(Image, QStringLiteral("image/png"));
        m_buyer = m_api.tokenOf(QStringLiteral("buyer1"));
        QVERIFY(!m_buyer.isEmpty());
    }

    void cleanupTestCase()
    {
        m_blobs.reset();
        m_database.reset();
        QCOMPARE(m_api.server().terminate(), 0);
    }

    void servesTheContentWithItsType()
    {
        const RawHttpReply reply = get(m_image.sha256, m_buyer);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, Image);
        QCOMPARE(header(reply.headers, "Content-Type"), QByteArray("image/png"));
        QCOMPARE(header(reply.headers, "ETag"), '"' + m_image.sha256.toLatin1() + '"');
        QCOMPARE(header(reply.headers, "Cache-Control"), QByteArray("private, max-age=31536000, immutable"));
        QCOMPARE(header(reply.headers, "X-Content-Type-Options"), QByteArray("nosniff"));
        QVERIFY(header(reply.headers, "Content-Encoding").isEmpty());
    }

    void everySignedInRoleReads_data()
    {
        QTest::addColumn<QString>("login");
        QTest::newRow("admin") << QStringLiteral("admin");
        QTest::newRow("sales rep") << QStringLiteral("rep1");
        QTest::newRow("buyer") << QStringLiteral("buyer1");
    }

    void everySignedInRoleReads()
    {
        QFETCH(QString, login);
        QCOMPARE(get(m_image.sha256, m_api.tokenOf(login)).status, 200);
    }

    void needsASignedInUser()
    {
        const RawHttpReply anonymous = get(m_image.sha256, {});
        QCOMPARE(anonymous.status, 401);
        QVERIFY(!anonymous.body.contains("portico test image"));
        QCOMPARE(get(m_image.sha256, QStringLiteral("not-a-token")).status, 401);
    }

    void conditionalRequests_data()
    {
        QTest::addColumn<QByteArray>("ifNoneMatch");
        QTest::addColumn<int>("status");
        const QByteArray tag = '"' + m_image.sha256.toLatin1() + '"';
        QTest::newRow("its tag") << tag << 304;
        QTest::newRow("weak") << "W/" + tag << 304;
        QTest::newRow("in a list") << "\"abc\", " + tag << 304;
        QTest::newRow("any") << QByteArray("*") << 304;
        QTest::newRow("another tag") << QByteArray("\"abc\"") << 200;
        QTest::newRow("unquoted") << m_image.sha256.toLatin1() << 200;
    }

    void conditionalRequests()
    {
        QFETCH(QByteArray, ifNoneMatch);
        QFETCH(int, status);
        const RawHttpReply reply = get(m_image.sha256, m_buyer, "If-None-Match: " + ifNoneMatch + "\r\n");
        QCOMPARE(reply.status, status);
        QCOMPARE(header(reply.headers, "ETag"), '"' + m_image.sha256.toLatin1() + '"');
        QCOMPARE(reply.body.isEmpty(), status == 304);
    }

    void headHasTheLengthAndNoBody()
    {
        // Connection: close, so that the reply ends with the connection rather than after a
        // body that a HEAD never gets.
        const RawHttpReply reply = rawHttp(m_api.server().port(),
                                           "HEAD /api/v1/blobs/" + m_image.sha256.toLatin1()
                                               + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                                 "Authorization: Bearer "
                                               + m_buyer.toLatin1() + "\r\n\r\n");
        QCOMPARE(reply.status, 200);
        QCOMPARE(header(reply.headers, "Content-Length"), QByteArray::number(Image.size()));
        QVERIFY(reply.body.isEmpty());
    }

    void unknownOrMalformedNamesAre404_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("unknown") << QByteArray(64, 'a');
        QTest::newRow("upper case") << m_image.sha256.toUpper().toLatin1();
        QTest::newRow("short") << m_image.sha256.left(40).toLatin1();
        QTest::newRow("not hex") << QByteArray(64, 'z');
        QTest::newRow("escaped path") << QByteArray("..%2F..%2Fportico.db");
    }

    void unknownOrMalformedNamesAre404()
    {
        QFETCH(QByteArray, name);
        const RawHttpReply reply = get(QString::fromLatin1(name), m_buyer);
        QCOMPARE(reply.status, 404);
        QCOMPARE(QJsonDocument::fromJson(reply.body)
                     .object()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("not_found"));
    }

    // Several chunks of the PostgreSQL store, one file of SQLite's: the bytes arrive as stored.
    void largeBlobsArriveWhole()
    {
        QByteArray content(3 * BlobStore::ChunkSize + 123, Qt::Uninitialized);
        for (qsizetype i = 0; i < content.size(); ++i)
            content[i] = static_cast<char>((i * 7919) >> 3);
        const BlobRef ref = m_blobs->put(content, QStringLiteral("application/octet-stream"));
        const RawHttpReply reply = get(ref.sha256, m_buyer, {}, 30000);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body.size(), content.size());
        QCOMPARE(QCryptographicHash::hash(reply.body, QCryptographicHash::Sha256).toHex(),
                 ref.sha256.toLatin1());
    }

    // Bytes that no longer match their name are a server error, never served as that name.
    void damagedContentIsAnError()
    {
        const QByteArray content("content that will be damaged");
        const BlobRef ref = m_blobs->put(content, QStringLiteral("text/plain"));
        QByteArray damaged = content;
        damaged[0] = 'C';
        if (TestDatabase::backend() == TestDatabase::Backend::Sqlite) {
            QFile file(m_blobs->filePath(ref.sha256));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QCOMPARE(file.write(damaged), damaged.size());
        } else {
            m_database->write([&](QSqlDatabase &tx) {
                Sql(tx, QStringLiteral("UPDATE blob_chunks SET data = :data WHERE hash = :hash"))
                    .bind(QStringLiteral(":data"), damaged)
                    .bind(QStringLiteral(":hash"), ref.sha256)
                    .exec();
            });
        }
        const RawHttpReply reply = get(ref.sha256, m_buyer);
        QCOMPARE(reply.status, 500);
        QVERIFY(!reply.body.contains("damaged"));
        // A conditional request needs no content, so it still gets its 304.
        QCOMPARE(get(ref.sha256, m_buyer, "If-None-Match: \"" + ref.sha256.toLatin1() + "\"\r\n").status,
                 304);
    }

    void removedBlobsAre404()
    {
        const BlobRef ref = m_blobs->put(QByteArray("short-lived"), QStringLiteral("text/plain"));
        QCOMPARE(get(ref.sha256, m_buyer).status, 200);
        QVERIFY(m_blobs->remove(ref.sha256));
        QCOMPARE(get(ref.sha256, m_buyer).status, 404);
    }

    // The file of a document is its customer's: the buyer of that customer, its rep and staff read
    // it; another customer's buyer and a rep of other customers get 404, as for a blob that
    // never was. The same bytes shown as a product's picture are for everyone.
    void aDocumentsFileIsItsCustomers()
    {
        const QString own = scalar(QStringLiteral("SELECT customer_id FROM users WHERE login = 'buyer1'"));
        const QString rep = scalar(QStringLiteral("SELECT id FROM users WHERE login = 'rep1'"));
        QVERIFY(!own.isEmpty() && !rep.isEmpty());
        // A customer of neither buyer1 nor rep1 (the fixture's server has no other customer row;
        // whose document it is is all the route looks at).
        const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const BlobRef mine
            = m_blobs->put(QByteArray("%PDF-1.7 buyer1's invoice"), QStringLiteral("application/pdf"));
        const BlobRef theirs = m_blobs->put(QByteArray("%PDF-1.7 another customer's invoice"),
                                            QStringLiteral("application/pdf"));
        addDocument(own, mine.sha256);
        addDocument(other, theirs.sha256);

        const QString admin = m_api.tokenOf(QStringLiteral("admin"));
        const QString rep1 = m_api.tokenOf(QStringLiteral("rep1"));
        QCOMPARE(get(mine.sha256, m_buyer).status, 200);
        QCOMPARE(get(mine.sha256, admin).status, 200);
        const RawHttpReply foreign = get(theirs.sha256, m_buyer);
        QCOMPARE(foreign.status, 404);
        QVERIFY(!foreign.body.contains("invoice"));
        QCOMPARE(get(theirs.sha256, rep1).status, 404);
        QCOMPARE(get(theirs.sha256, admin).status, 200);

        // Shown as a product's picture, the same bytes are the catalog's.
        Sql picture(m_database->connection(),
                    QStringLiteral("INSERT INTO products (id, sku, name, description, unit_code, unit_name, "
                                   "vat_rate, weight_milli, volume_milli, image_ref, active, barcodes_json, "
                                   "properties_json) VALUES (:id, 'BL-1', 'Бланк счёта', '', '796', 'шт', "
                                   "'20', 0, 0, :hash, :active, '[]', '[]')"));
        picture.bind(QStringLiteral(":id"), QUuid::createUuid().toString(QUuid::WithoutBraces))
            .bind(QStringLiteral(":hash"), theirs.sha256)
            .bind(QStringLiteral(":active"), true)
            .exec();
        QCOMPARE(get(theirs.sha256, m_buyer).status, 200);
    }

private:
    QString scalar(const QString &statement)
    {
        Sql q(m_database->connection(), statement);
        q.exec();
        return q.next() ? q.value(0).toString() : QString();
    }

    void addDocument(const QString &customerId, const QString &fileRef)
    {
        Sql q(
            m_database->connection(),
            QStringLiteral("INSERT INTO documents (id, kind, number, doc_date, amount_minor, currency, "
                           "customer_id, file_ref, file_name) VALUES (:id, 'invoice', :number, '2026-11-30', "
                           "100000, 'RUB', :customer, :file, 'invoice.pdf')"));
        q.bind(QStringLiteral(":id"), QUuid::createUuid().toString(QUuid::WithoutBraces))
            .bind(QStringLiteral(":number"), QStringLiteral("INV-%1").arg(fileRef.left(8)))
            .bind(QStringLiteral(":customer"), customerId)
            .bind(QStringLiteral(":file"), fileRef)
            .exec();
    }

    RawHttpReply get(const QString &name, const QString &token, const QByteArray &extraHeaders = {},
                     int timeoutMs = 10000)
    {
        QByteArray request
            = "GET /api/v1/blobs/" + name.toLatin1() + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders;
        if (!token.isEmpty())
            request += "Authorization: Bearer " + token.toLatin1() + "\r\n";
        return rawHttp(m_api.server().port(), request + "\r\n", timeoutMs);
    }

    AuthFixture m_api;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<BlobStore> m_blobs;
    BlobRef m_image;
    QString m_buyer;
};

QTEST_GUILESS_MAIN(TestBlobs)
#include "tst_blobs.moc"
