#include "catalog/feedjson.h"
#include "protocol/codecs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

#include <limits>

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

    void aStockLevelIsWrittenAsTheProtocolWritesIt_data()
    {
        QTest::addColumn<qint64>("onHand");
        QTest::addColumn<qint64>("reserved");
        QTest::newRow("fractions") << qint64 {12'500} << qint64 {2'000};
        QTest::newRow("zero") << qint64 {0} << qint64 {0};
        QTest::newRow("thousandths") << qint64 {1} << qint64 {999};
        QTest::newRow("negative") << qint64 {-2'050} << qint64 {-1};
        QTest::newRow("large") << qint64 {123'456'789'000} << qint64 {1'000'001};
        QTest::newRow("extremes") << std::numeric_limits<qint64>::max() << std::numeric_limits<qint64>::min();
    }

    void aStockLevelIsWrittenAsTheProtocolWritesIt()
    {
        QFETCH(qint64, onHand);
        QFETCH(qint64, reserved);
        StockLevel level;
        level.productId = Id::createUuid();
        level.warehouseId = Id::createUuid();
        level.onHand = Quantity::fromMilli(onHand);
        level.reserved = Quantity::fromMilli(reserved);
        level.asOf = QDateTime(QDate(2026, 12, 1), QTime(6, 0, 0, 250), Qt::UTC);
        QByteArray asOf;
        FeedJson::appendTime(asOf, level.asOf);
        QCOMPARE(FeedJson::stockRow(level.productId.toByteArray(QUuid::WithoutBraces),
                                    level.warehouseId.toByteArray(QUuid::WithoutBraces), level.onHand,
                                    level.reserved, asOf),
                 QJsonDocument(protocol::toJson(level)).toJson(QJsonDocument::Compact));
    }

    void aPriceIsWrittenAsTheProtocolWritesIt_data()
    {
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<bool>("tiers");
        QTest::newRow("roubles") << qint64 {12'345} << QStringLiteral("RUB") << false;
        QTest::newRow("kopecks") << qint64 {5} << QStringLiteral("RUB") << false;
        QTest::newRow("zero") << qint64 {0} << QStringLiteral("USD") << false;
        QTest::newRow("tiers") << qint64 {100'000} << QStringLiteral("EUR") << true;
        QTest::newRow("negative") << qint64 {-1'050} << QStringLiteral("RUB") << true;
        QTest::newRow("no fraction digits") << qint64 {1'500} << QStringLiteral("JPY") << true;
    }

    void aPriceIsWrittenAsTheProtocolWritesIt()
    {
        QFETCH(qint64, minor);
        QFETCH(QString, currency);
        QFETCH(bool, tiers);
        const Currency in = *Currency::fromCode(currency);
        Price price {Id::createUuid(), Id::createUuid(), Money::fromMinor(minor, in), {}};
        if (tiers) {
            price.tiers = {VolumeTier {Quantity::fromMilli(10'000), Money::fromMinor(minor - 100, in)},
                           VolumeTier {Quantity::fromMilli(2'500), Money::fromMinor(7, in)}};
        }
        QCOMPARE(FeedJson::priceRow(price.productId.toByteArray(QUuid::WithoutBraces),
                                    price.priceTypeId.toByteArray(QUuid::WithoutBraces), price.unitPrice,
                                    price.tiers),
                 QJsonDocument(protocol::toJson(price)).toJson(QJsonDocument::Compact));
    }
};

QTEST_GUILESS_MAIN(TestFeedJson)
#include "tst_feedjson.moc"
