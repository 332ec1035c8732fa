#include "net/contentcoding.h"

#include <QTest>

#include <zlib.h>
#include <zstd.h>

using namespace portico::client;

namespace {

QByteArray pageLike(int rows)
{
    QByteArray body("{\"changes\":[");
    for (int i = 0; i < rows; ++i)
        body += "{\"seq\":" + QByteArray::number(i) + ",\"entity\":\"product\",\"name\":\"Болт М8\"},";
    body.chop(1);
    body += "]}";
    return body;
}

QByteArray gzipped(const QByteArray &data)
{
    z_stream stream {};
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(static_cast<qsizetype>(deflateBound(&stream, static_cast<uLong>(data.size()))), '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(static_cast<qsizetype>(stream.total_out));
    deflateEnd(&stream);
    return status == Z_STREAM_END ? out : QByteArray();
}

QByteArray zstded(const QByteArray &data, bool withSize = true)
{
    if (!withSize) {
        // A streamed frame: its header does not say the decoded size.
        ZSTD_CCtx *context = ZSTD_createCCtx();
        ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 0);
        QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(std::size_t(data.size()))), '\0');
        const std::size_t written = ZSTD_compress2(context, out.data(), std::size_t(out.size()),
                                                   data.constData(), std::size_t(data.size()));
        ZSTD_freeCCtx(context);
        out.resize(ZSTD_isError(written) ? 0 : static_cast<qsizetype>(written));
        return out;
    }
    QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(std::size_t(data.size()))), '\0');
    const std::size_t written
        = ZSTD_compress(out.data(), std::size_t(out.size()), data.constData(), std::size_t(data.size()), 1);
    out.resize(ZSTD_isError(written) ? 0 : static_cast<qsizetype>(written));
    return out;
}

} // namespace

class TestContentCoding final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesWhatTheServerSends_data()
    {
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray page = pageLike(20000);
        QTest::newRow("identity") << QByteArray("identity") << page << page;
        QTest::newRow("none") << QByteArray() << page << page;
        QTest::newRow("gzip") << QByteArray("gzip") << gzipped(page) << page;
        QTest::newRow("x-gzip") << QByteArray("x-gzip") << gzipped(page) << page;
        QTest::newRow("zstd") << QByteArray("zstd") << zstded(page) << page;
        QTest::newRow("zstd, size not in the frame") << QByteArray("ZSTD") << zstded(page, false) << page;
        QTest::newRow("empty zstd") << QByteArray("zstd") << zstded({}) << QByteArray();
    }

    void decodesWhatTheServerSends()
    {
        QFETCH(QByteArray, encoding);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expected);
        QVERIFY(!body.isEmpty());
        QString error;
        const auto decoded = ContentCoding::decode(body, encoding, &error);
        QVERIFY2(decoded, qPrintable(error));
        QCOMPARE(*decoded, expected);
    }

    void refusesWhatIsNotAWholeBody_data()
    {
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        const QByteArray page = pageLike(2000);
        const QByteArray gz = gzipped(page);
        const QByteArray zs = zstded(page);
        const QByteArray zsStreamed = zstded(page, false);
        QByteArray corruptGz = gz;
        corruptGz[corruptGz.size() / 2] = char(corruptGz[corruptGz.size() / 2] ^ 0x55);
        QByteArray corruptZs = zs;
        corruptZs[corruptZs.size() / 2] = char(corruptZs[corruptZs.size() / 2] ^ 0x55);
        QTest::newRow("truncated gzip") << QByteArray("gzip") << gz.left(gz.size() / 2) << "truncated";
        QTest::newRow("corrupt gzip") << QByteArray("gzip") << corruptGz << "gzip";
        QTest::newRow("gzip and more") << QByteArray("gzip") << gz + "junk"
                                       << "after its end";
        QTest::newRow("truncated zstd") << QByteArray("zstd") << zs.left(zs.size() / 2) << "zstd";
        QTest::newRow("truncated streamed zstd")
            << QByteArray("zstd") << zsStreamed.left(zsStreamed.size() / 2) << "zstd";
        QTest::newRow("corrupt zstd") << QByteArray("zstd") << corruptZs << "zstd";
        QTest::newRow("zstd and more") << QByteArray("zstd") << zs + "junk"
                                       << "zstd";
        QTest::newRow("not zstd at all") << QByteArray("zstd") << page << "zstd";
        QTest::newRow("unknown coding") << QByteArray("br") << page << "br";
    }

    void refusesWhatIsNotAWholeBody()
    {
        QFETCH(QByteArray, encoding);
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!ContentCoding::decode(body, encoding, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    // A small body that decodes to more than the limit is refused without decoding it all.
    void bombsStopAtTheLimit()
    {
        const QByteArray zeros(8 * 1024 * 1024, '\0');
        for (const QByteArray &encoding : {QByteArray("gzip"), QByteArray("zstd")}) {
            const QByteArray body = encoding == "gzip" ? gzipped(zeros) : zstded(zeros, false);
            QVERIFY(body.size() < 64 * 1024);
            QString error;
            QVERIFY(!ContentCoding::decode(body, encoding, &error, 1024 * 1024));
            QVERIFY2(error.contains(QLatin1String("more than")), qPrintable(error));
            QVERIFY(ContentCoding::decode(body, encoding, &error, zeros.size()));
        }
        QString error;
        QVERIFY(!ContentCoding::decode(zstded(zeros), "zstd", &error, 1024));
        QVERIFY2(error.contains(QLatin1String("more than")), qPrintable(error));
    }
};

QTEST_APPLESS_MAIN(TestContentCoding)
#include "tst_contentcoding.moc"
