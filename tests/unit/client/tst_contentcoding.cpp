#include "compression.h"
#include "net/contentcoding.h"

#include <QTest>

using namespace portico::client;
using portico::test::gzip;
using portico::test::zstd;

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
        QTest::newRow("gzip") << QByteArray("gzip") << gzip(page) << page;
        QTest::newRow("x-gzip") << QByteArray("x-gzip") << gzip(page) << page;
        QTest::newRow("zstd") << QByteArray("zstd") << zstd(page) << page;
        QTest::newRow("zstd, size not in the frame") << QByteArray("ZSTD") << zstd(page, false) << page;
        QTest::newRow("empty zstd") << QByteArray("zstd") << zstd({}) << QByteArray();
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
        const QByteArray gz = gzip(page);
        const QByteArray zs = zstd(page);
        const QByteArray zsStreamed = zstd(page, false);
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
            const QByteArray body = encoding == "gzip" ? gzip(zeros) : zstd(zeros, false);
            QVERIFY(body.size() < 64 * 1024);
            QString error;
            QVERIFY(!ContentCoding::decode(body, encoding, &error, 1024 * 1024));
            QVERIFY2(error.contains(QLatin1String("more than")), qPrintable(error));
            QVERIFY(ContentCoding::decode(body, encoding, &error, zeros.size()));
        }
        QString error;
        QVERIFY(!ContentCoding::decode(zstd(zeros), "zstd", &error, 1024));
        QVERIFY2(error.contains(QLatin1String("more than")), qPrintable(error));
    }
};

QTEST_APPLESS_MAIN(TestContentCoding)
#include "tst_contentcoding.moc"
