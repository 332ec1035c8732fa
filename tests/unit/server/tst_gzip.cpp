#include "http/gzip.h"

#include <QTest>

#include <optional>
#include <random>
#include <string>
#include <zlib.h>
#include <zstd.h>

using namespace portico::server;

namespace {

// Inflates a gzip member (windowBits 15+16: gzip wrapper only); nullopt when it is not one.
std::optional<std::string> gunzip(const std::string &data)
{
    z_stream stream {};
    if (inflateInit2(&stream, 15 + 16) != Z_OK)
        return std::nullopt;
    std::string out;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    int status = Z_OK;
    char chunk[16384];
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - stream.avail_out);
    }
    const bool complete = status == Z_STREAM_END && stream.avail_in == 0;
    inflateEnd(&stream);
    return complete ? std::optional<std::string>(out) : std::nullopt;
}

// Decodes one Zstandard frame whose header says its size; nullopt when it is not one.
std::optional<std::string> unzstd(const std::string &data)
{
    const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
    if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR)
        return std::nullopt;
    std::string out(static_cast<std::size_t>(size), '\0');
    const std::size_t written = ZSTD_decompress(out.data(), out.size(), data.data(), data.size());
    if (ZSTD_isError(written) || written != out.size())
        return std::nullopt;
    return out;
}

std::string jsonBody(std::size_t approximateSize)
{
    std::string body = "[";
    for (int i = 0; body.size() < approximateSize; ++i)
        body += R"({"id":)" + std::to_string(i) + R"(,"name":"Product )" + std::to_string(i)
            + R"(","price":1234},)";
    body.back() = ']';
    return body;
}

bool hasHeader(const HttpResponse &response, const std::string &name, const std::string &value)
{
    for (const auto &[n, v] : response.headers) {
        if (n == name && v == value)
            return true;
    }
    return false;
}

bool hasHeaderNamed(const HttpResponse &response, const std::string &name)
{
    for (const auto &header : response.headers) {
        if (header.first == name)
            return true;
    }
    return false;
}

} // namespace

class TestGzip final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("empty") << 0;
        QTest::newRow("one byte") << 1;
        QTest::newRow("2 KiB") << 2048;
        QTest::newRow("1 MiB") << 1024 * 1024;
    }

    void roundTrip()
    {
        QFETCH(int, size);
        const std::string body
            = jsonBody(static_cast<std::size_t>(size)).substr(0, static_cast<std::size_t>(size));
        const auto compressed = gzipCompress(body);
        QVERIFY(compressed);
        // The gzip magic, deflate method.
        QVERIFY(compressed->size() >= 18);
        QCOMPARE(static_cast<unsigned char>((*compressed)[0]), 0x1f);
        QCOMPARE(static_cast<unsigned char>((*compressed)[1]), 0x8b);
        QCOMPARE(static_cast<unsigned char>((*compressed)[2]), 8);
        const auto restored = gunzip(*compressed);
        QVERIFY(restored);
        QVERIFY(*restored == body);
    }

    // The gzip header's XFL byte names the level: 4 for the fastest, 0 for the default.
    void largeBodiesUseTheFastestLevel()
    {
        const std::string small = jsonBody(GzipFastFromSize - 1).substr(0, GzipFastFromSize - 1);
        const std::string large = jsonBody(GzipFastFromSize).substr(0, GzipFastFromSize);
        const auto smallCompressed = gzipCompress(small);
        const auto largeCompressed = gzipCompress(large);
        QVERIFY(smallCompressed && largeCompressed);
        QCOMPARE(static_cast<unsigned char>((*smallCompressed)[8]), 0);
        QCOMPARE(static_cast<unsigned char>((*largeCompressed)[8]), 4);
        QVERIFY(gunzip(*largeCompressed) == large);
        QVERIFY(largeCompressed->size() < large.size() / 4);
    }

    void incompressibleDataRoundTrips()
    {
        std::mt19937 random(42);
        std::string noise(300'000, '\0');
        for (auto &c : noise)
            c = static_cast<char>(random() & 0xFF);
        const auto compressed = gzipCompress(noise);
        QVERIFY(compressed);
        QVERIFY(gunzip(*compressed) == noise);
    }

    void acceptEncoding_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("accepts");
        QTest::newRow("gzip") << QByteArray("gzip") << true;
        QTest::newRow("upper case") << QByteArray("GZIP") << true;
        QTest::newRow("browser list") << QByteArray("gzip, deflate, br") << true;
        QTest::newRow("with q") << QByteArray("deflate, gzip;q=0.5") << true;
        QTest::newRow("spaces around q") << QByteArray("gzip ; q=0.8 , br") << true;
        QTest::newRow("x-gzip") << QByteArray("x-gzip") << true;
        QTest::newRow("q zero") << QByteArray("gzip;q=0") << false;
        QTest::newRow("q zero point") << QByteArray("gzip;q=0.000, br") << false;
        QTest::newRow("star") << QByteArray("*") << true;
        QTest::newRow("star refused") << QByteArray("*;q=0") << false;
        QTest::newRow("gzip refused despite star") << QByteArray("*, gzip;q=0") << false;
        QTest::newRow("identity only") << QByteArray("identity") << false;
        QTest::newRow("brotli only") << QByteArray("br") << false;
        QTest::newRow("empty") << QByteArray("") << false;
        QTest::newRow("gzip prefix is not gzip") << QByteArray("gzipped") << false;
        QTest::newRow("malformed q") << QByteArray("gzip;q=abc") << false;
    }

    void acceptEncoding()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, accepts);
        QCOMPARE(acceptsGzip(std::string_view(header.constData(), static_cast<std::size_t>(header.size()))),
                 accepts);
    }

    void zstdRoundTrip()
    {
        for (std::size_t size :
             {std::size_t {0}, std::size_t {1}, std::size_t {2048}, std::size_t {1024 * 1024}}) {
            const std::string body = jsonBody(size).substr(0, size);
            const auto compressed = zstdCompress(body);
            QVERIFY(compressed);
            // The Zstandard frame's magic number, little-endian.
            QVERIFY(compressed->size() >= 4);
            QCOMPARE(compressed->substr(0, 4), std::string("\x28\xb5\x2f\xfd"));
            QVERIFY(unzstd(*compressed) == body);
        }
    }

    void acceptZstd_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("accepts");
        QTest::newRow("zstd") << QByteArray("zstd") << true;
        QTest::newRow("client's list") << QByteArray("zstd, gzip") << true;
        QTest::newRow("upper case, later") << QByteArray("gzip, ZSTD") << true;
        QTest::newRow("q zero") << QByteArray("zstd;q=0, gzip") << false;
        QTest::newRow("gzip preferred") << QByteArray("zstd;q=0.5, gzip") << false;
        QTest::newRow("star is not zstd") << QByteArray("*") << false;
        QTest::newRow("browser list") << QByteArray("gzip, deflate, br") << false;
        QTest::newRow("empty") << QByteArray("") << false;
    }

    void acceptZstd()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, accepts);
        QCOMPARE(acceptsZstd(std::string_view(header.constData(), static_cast<std::size_t>(header.size()))),
                 accepts);
    }

    void zstdIsPreferredWhenAccepted()
    {
        HttpResponse response;
        response.body = jsonBody(300 * 1024);
        const std::string original = response.body;
        compressResponse("zstd, gzip", response);
        QVERIFY(hasHeader(response, "Content-Encoding", "zstd"));
        QVERIFY(hasHeader(response, "Vary", "Accept-Encoding"));
        QVERIFY(unzstd(response.body) == original);

        HttpResponse gzipped;
        gzipped.body = original;
        compressResponse("zstd;q=0, gzip", gzipped);
        QVERIFY(hasHeader(gzipped, "Content-Encoding", "gzip"));
        QVERIFY(gunzip(gzipped.body) == original);
    }

    void compressibleTypes_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<bool>("compressible");
        QTest::newRow("json") << QByteArray("application/json") << true;
        QTest::newRow("json charset") << QByteArray("application/json; charset=utf-8") << true;
        QTest::newRow("problem json") << QByteArray("application/problem+json") << true;
        QTest::newRow("text plain") << QByteArray("text/plain; version=0.0.4") << true;
        QTest::newRow("xml") << QByteArray("application/xml") << true;
        QTest::newRow("png") << QByteArray("image/png") << false;
        QTest::newRow("zip") << QByteArray("application/zip") << false;
        QTest::newRow("octets") << QByteArray("application/octet-stream") << false;
    }

    void compressibleTypes()
    {
        QFETCH(QByteArray, type);
        QFETCH(bool, compressible);
        QCOMPARE(
            isCompressibleType(std::string_view(type.constData(), static_cast<std::size_t>(type.size()))),
            compressible);
    }

    void largeJsonIsCompressed()
    {
        HttpResponse response;
        response.body = jsonBody(8192);
        const std::string original = response.body;
        compressResponse("gzip, deflate", response);
        QVERIFY(hasHeader(response, "Content-Encoding", "gzip"));
        QVERIFY(hasHeader(response, "Vary", "Accept-Encoding"));
        QVERIFY(response.body.size() < original.size());
        QVERIFY(gunzip(response.body) == original);
    }

    void smallBodyIsUntouched()
    {
        HttpResponse response;
        response.body = jsonBody(GzipMinimumSize).substr(0, GzipMinimumSize);
        const std::string original = response.body;
        compressResponse("gzip", response);
        QVERIFY(response.body == original);
        QVERIFY(response.headers.empty());
    }

    void notAcceptedIsUntouchedButVaries()
    {
        HttpResponse response;
        response.body = jsonBody(8192);
        const std::string original = response.body;
        compressResponse("", response);
        QVERIFY(response.body == original);
        QVERIFY(!hasHeaderNamed(response, "Content-Encoding"));
        QVERIFY(hasHeader(response, "Vary", "Accept-Encoding"));
    }

    void existingVaryIsExtended()
    {
        HttpResponse response;
        response.body = jsonBody(8192);
        response.headers.emplace_back("Vary", "Authorization");
        compressResponse("gzip", response);
        QVERIFY(hasHeader(response, "Vary", "Authorization, Accept-Encoding"));
        QVERIFY(hasHeader(response, "Content-Encoding", "gzip"));
    }

    void binaryTypeIsUntouched()
    {
        HttpResponse response;
        response.contentType = "application/octet-stream";
        response.body = std::string(8192, 'a');
        compressResponse("gzip", response);
        QCOMPARE(response.body.size(), std::size_t {8192});
        QVERIFY(response.headers.empty());
    }

    void alreadyEncodedIsUntouched()
    {
        HttpResponse response;
        response.body = jsonBody(8192);
        response.headers.emplace_back("Content-Encoding", "br");
        const std::string original = response.body;
        compressResponse("gzip", response);
        QVERIFY(response.body == original);
        QCOMPARE(response.headers.size(), std::size_t {1});
    }
};

QTEST_APPLESS_MAIN(TestGzip)
#include "tst_gzip.moc"
