#include "catalog/feedjson.h"
#include "protocol/codecs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace portico;
using namespace portico::server;

// The feed's JSON written straight must be what protocol::toJson and QJsonDocument make.
class TestFeedJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timesAreWrittenAsTheProtocolWritesThem_data()
    {
        QTest::addColumn<QDateTime>("at");
        const QTimeZone moscow(QByteArrayLiteral("Europe/Moscow"));
        QTest::newRow("whole seconds") << QDateTime(QDate(2026, 11, 29), QTime(8, 30), Qt::UTC);
        QTest::newRow("milliseconds") << QDateTime(QDate(2026, 12, 1), QTime(23, 59, 59, 7), Qt::UTC);
        QTest::newRow("midnight") << QDateTime(QDate(2024, 2, 29), QTime(0, 0), Qt::UTC);
        QTest::newRow("another zone, across midnight")
            << QDateTime(QDate(2026, 1, 1), QTime(1, 15, 0, 500), moscow);
        QTest::newRow("before 1970") << QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 999), Qt::UTC);
        QTest::newRow("first year") << QDateTime(QDate(1, 1, 1), QTime(0, 0, 1), Qt::UTC);
        QTest::newRow("last year") << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC);
        QTest::newRow("year 10000") << QDateTime(QDate(10000, 1, 1), QTime(12, 0), Qt::UTC);
        QTest::newRow("epoch") << QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
        QTest::newRow("invalid") << QDateTime();
    }

    void timesAreWrittenAsTheProtocolWritesThem()
    {
        QFETCH(QDateTime, at);
        QByteArray written;
        FeedJson::appendTime(written, at);
        const QJsonValue expected = protocol::toJsonValue(at);
        QCOMPARE(written,
                 QJsonDocument(QJsonArray {expected}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
    }

    void aStockLevelIsWrittenAsTheProtocolWritesIt()
    {
        StockLevel level;
        level.productId = Id::createUuid();
        level.warehouseId = Id::createUuid();
        level.onHand = Quantity::fromMilli(12'500);
        level.reserved = Quantity::fromMilli(2'000);
        level.asOf = QDateTime(QDate(2026, 12, 1), QTime(6, 0, 0, 250), Qt::UTC);
        QByteArray asOf;
        FeedJson::appendTime(asOf, level.asOf);
        QCOMPARE(FeedJson::stock(level, asOf),
                 QJsonDocument(protocol::toJson(level)).toJson(QJsonDocument::Compact));
    }
};

QTEST_GUILESS_MAIN(TestFeedJson)
#include "tst_feedjson.moc"
