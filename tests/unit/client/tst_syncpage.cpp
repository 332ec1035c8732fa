#include "sync/syncpage.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using portico::client::parseSyncPage;
using portico::client::SyncPage;

namespace {

// A page body around `changes` (a JSON array's text); `header` replaces the fields before it.
QByteArray page(const QByteArray &changes,
                const QByteArray &header
                = R"("epoch":"db1.3","cursor":7,"head":9,"has_more":false,"resync":false)")
{
    return "{" + header + R"(,"changes":)" + changes + "}";
}

const QByteArray Row = R"({"seq":5,"entity":"product","id":"p1","deleted":false,"data":{"name":"Bolt"}})";

} // namespace

// The strict parser of GET /api/v1/sync bodies: what it accepts, and the JSON path it names
// for everything it refuses.
class TestSyncPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAPage()
    {
        const QByteArray body = page(
            R"([{"seq":5,"entity":"product","id":"p1","deleted":false,"data":{"name":"Bolt","price":"1.50"}},
                {"seq":6,"entity":"price","id":"p1/retail","deleted":true},
                {"seq":7,"entity":"stock","id":"p1/w1","deleted":true,"data":null}])",
            R"("epoch":"db1.3","cursor":7,"head":9,"has_more":true,"resync":false)");
        QString error;
        const auto parsed = parseSyncPage(body, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->epoch, QStringLiteral("db1.3"));
        QCOMPARE(parsed->cursor, 7);
        QCOMPARE(parsed->head, 9);
        QCOMPARE(parsed->hasMore, true);
        QCOMPARE(parsed->resync, false);
        QCOMPARE(parsed->bytes, body.size());
        QCOMPARE(parsed->changes.size(), 3);
        const auto &row = parsed->changes.at(0);
        QCOMPARE(row.seq, 5);
        QCOMPARE(row.entity, QStringLiteral("product"));
        QCOMPARE(row.id, QStringLiteral("p1"));
        QCOMPARE(row.deleted, false);
        QCOMPARE(row.data.value(QStringLiteral("name")).toString(), QStringLiteral("Bolt"));
        QCOMPARE(parsed->changes.at(1).id, QStringLiteral("p1/retail"));
        QVERIFY(parsed->changes.at(1).deleted);
        QVERIFY(parsed->changes.at(1).data.isEmpty());
        QVERIFY(parsed->changes.at(2).data.isEmpty());
    }

    // Each change's data object is kept as the text the page carried, byte for byte, for the
    // cache to store without serialising it again: strings with quotes, backslashes and braces,
    // nested values, whitespace, keys in any order and a "data" that is not the last member.
    void keepsTheDataText()
    {
        const QByteArray first = "{\"name\":\"Bolt \\\"M8\\\" {x}\",\"tiers\":[[1,2],[3,{\"a\":\"]\"}]],"
                                 "\"n\":-1.5e3,\"ok\":true}";
        const QByteArray second = "{ \"z\" : null , \"a\" : \"\\\\\" }";
        const QByteArray body
            = page("[ {\"data\":" + first
                   + ",\"seq\":5,\"entity\":\"product\",\"id\":\"p1\",\"deleted\":false},"
                     "{\"seq\":6,\"entity\":\"price\",\"id\":\"p1/retail\",\"deleted\":true,"
                     "\"data\":{\"x\":1}},"
                     "{\"seq\":7,\"entity\":\"group\",\"id\":\"g1\",\"deleted\":false,"
                     "\"data\": "
                   + second + " } ]");
        QString error;
        const auto parsed = parseSyncPage(body, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->changes.size(), 3);
        QCOMPARE(parsed->changes.at(0).dataJson, first);
        QCOMPARE(QJsonDocument::fromJson(parsed->changes.at(0).dataJson).object(),
                 parsed->changes.at(0).data);
        QVERIFY(parsed->changes.at(1).dataJson.isEmpty()); // a tombstone keeps no data
        QCOMPARE(parsed->changes.at(2).dataJson, second);
    }

    void acceptsValidBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("changes");
        QTest::newRow("empty page") << page("[]") << 0;
        QTest::newRow("resync") << page(
            "[]", R"("epoch":"db2.0","cursor":0,"head":120,"has_more":false,"resync":true)")
                                << 0;
        QTest::newRow("unknown entity kept")
            << page(R"([{"seq":1,"entity":"hologram","id":"h","deleted":true}])") << 1;
        QTest::newRow("unknown fields ignored")
            << page(R"([{"seq":1,"entity":"group","id":"g","deleted":true,"later":[1,2]}])",
                    R"("epoch":"e","cursor":1,"head":1,"has_more":false,"resync":false,"server_time":"now")")
            << 1;
        QTest::newRow("whole number written with a fraction")
            << page("[]", R"("epoch":"e","cursor":3.0,"head":3,"has_more":false,"resync":false)") << 0;
        QTest::newRow("empty data object")
            << page(R"([{"seq":1,"entity":"group","id":"g","deleted":false,"data":{}}])") << 1;
        QTest::newRow("surrounding white space") << QByteArray("\n  " + page("[" + Row + "]") + "  \n") << 1;
    }

    void acceptsValidBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, changes);
        QString error;
        const auto parsed = parseSyncPage(body, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->changes.size(), changes);
    }

    void keepsLargeIntegersExact()
    {
        // 2^53 + 1 has no exact double; the cursor must survive anyway.
        const auto parsed = parseSyncPage(page(
            "[]",
            R"("epoch":"e","cursor":9007199254740993,"head":9007199254740993,"has_more":false,"resync":false)"));
        QVERIFY(parsed);
        QCOMPARE(parsed->cursor, Q_INT64_C(9007199254740993));
    }

    void refusesInvalidBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        const QByteArray fine = R"("cursor":1,"head":1,"has_more":false,"resync":false)";
        QTest::newRow("empty") << QByteArray() << QStringLiteral("$: not valid JSON");
        QTest::newRow("truncated") << page("[" + Row + "]").chopped(3) << QStringLiteral("$: not valid JSON");
        QTest::newRow("an array") << QByteArray("[]") << QStringLiteral("$: expected an object");
        QTest::newRow("no epoch") << page("[]", fine) << QStringLiteral("$.epoch: missing");
        QTest::newRow("epoch a number")
            << page("[]", R"("epoch":3,)" + fine) << QStringLiteral("$.epoch: expected a string");
        QTest::newRow("epoch empty") << page("[]", R"("epoch":"",)" + fine)
                                     << QStringLiteral("$.epoch: expected a non-empty string");
        QTest::newRow("cursor a string")
            << page("[]", R"("epoch":"e","cursor":"7","head":9,"has_more":false,"resync":false)")
            << QStringLiteral("$.cursor: expected an integer");
        QTest::newRow("cursor a fraction")
            << page("[]", R"("epoch":"e","cursor":7.5,"head":9,"has_more":false,"resync":false)")
            << QStringLiteral("$.cursor: expected an integer");
        QTest::newRow("cursor beyond int64")
            << page("[]", R"("epoch":"e","cursor":1e30,"head":9,"has_more":false,"resync":false)")
            << QStringLiteral("$.cursor: expected an integer");
        QTest::newRow("head null") << page(
            "[]", R"("epoch":"e","cursor":7,"head":null,"has_more":false,"resync":false)")
                                   << QStringLiteral("$.head: expected an integer");
        QTest::newRow("head negative")
            << page("[]", R"("epoch":"e","cursor":7,"head":-1,"has_more":false,"resync":false)")
            << QStringLiteral("$.head: expected a non-negative integer");
        QTest::newRow("has_more a number")
            << page("[]", R"("epoch":"e","cursor":7,"head":9,"has_more":1,"resync":false)")
            << QStringLiteral("$.has_more: expected a boolean");
        QTest::newRow("no resync") << page("[]", R"("epoch":"e","cursor":7,"head":9,"has_more":false)")
                                   << QStringLiteral("$.resync: missing");
        QTest::newRow("no changes") << QByteArray(
            R"({"epoch":"e","cursor":7,"head":9,"has_more":false,"resync":false})")
                                    << QStringLiteral("$.changes: missing");
        QTest::newRow("changes an object") << page("{}") << QStringLiteral("$.changes: expected an array");
        QTest::newRow("change not an object")
            << page("[" + Row + ",42]") << QStringLiteral("$.changes[1]: expected an object");
        QTest::newRow("seq missing") << page("[" + Row + R"(,{"entity":"group","id":"g","deleted":true}])")
                                     << QStringLiteral("$.changes[1].seq: missing");
        QTest::newRow("seq a string") << page("[" + Row + "," + Row + "," + Row
                                              + R"(,{"seq":"8","entity":"group","id":"g","deleted":true}])")
                                      << QStringLiteral("$.changes[3].seq: expected an integer");
        QTest::newRow("seq zero") << page(R"([{"seq":0,"entity":"group","id":"g","deleted":true}])")
                                  << QStringLiteral("$.changes[0].seq: expected a positive integer");
        QTest::newRow("entity a number") << page(R"([{"seq":1,"entity":7,"id":"g","deleted":true}])")
                                         << QStringLiteral("$.changes[0].entity: expected a string");
        QTest::newRow("entity empty") << page(R"([{"seq":1,"entity":"","id":"g","deleted":true}])")
                                      << QStringLiteral("$.changes[0].entity: expected a non-empty string");
        QTest::newRow("id missing") << page(R"([{"seq":1,"entity":"group","deleted":true}])")
                                    << QStringLiteral("$.changes[0].id: missing");
        QTest::newRow("id empty") << page(R"([{"seq":1,"entity":"group","id":"","deleted":true}])")
                                  << QStringLiteral("$.changes[0].id: expected a non-empty string");
        QTest::newRow("deleted a string") << page(R"([{"seq":1,"entity":"group","id":"g","deleted":"no"}])")
                                          << QStringLiteral("$.changes[0].deleted: expected a boolean");
        QTest::newRow("row without data") << page(R"([{"seq":1,"entity":"group","id":"g","deleted":false}])")
                                          << QStringLiteral("$.changes[0].data: missing");
        QTest::newRow("row with null data")
            << page(R"([{"seq":1,"entity":"group","id":"g","deleted":false,"data":null}])")
            << QStringLiteral("$.changes[0].data: expected an object");
        QTest::newRow("data an array")
            << page(R"([{"seq":1,"entity":"group","id":"g","deleted":false,"data":[]}])")
            << QStringLiteral("$.changes[0].data: expected an object");
        QTest::newRow("tombstone with a string for data")
            << page(R"([{"seq":1,"entity":"group","id":"g","deleted":true,"data":"x"}])")
            << QStringLiteral("$.changes[0].data: expected an object");
    }

    void refusesInvalidBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        QString actual;
        QVERIFY(!parseSyncPage(body, &actual));
        if (error.endsWith(QLatin1String("not valid JSON")))
            QVERIFY2(actual.startsWith(error), qPrintable(actual));
        else
            QCOMPARE(actual, error);
        // Without an error string the answer is the same.
        QVERIFY(!parseSyncPage(body));
    }

    // A full page of the biggest size the API hands out: 5000 rows, about 1.5 MB.
    void parsesAFullPageQuickly()
    {
        QJsonArray changes;
        for (int i = 1; i <= 5000; ++i) {
            const QString id = QStringLiteral("3f2b8c1e-0000-4000-8000-%1").arg(100000000000 + i);
            const QJsonObject data {
                {QStringLiteral("id"), id},
                {QStringLiteral("sku"), QStringLiteral("SKU-%1").arg(i)},
                {QStringLiteral("name"),
                 QStringLiteral("Болт шестигранный М8×40 оцинкованный, DIN 933, класс прочности 8.8")},
                {QStringLiteral("group_id"), QStringLiteral("9a1c0d2e-1111-4000-8000-000000000001")},
                {QStringLiteral("unit"), QStringLiteral("pcs")},
                {QStringLiteral("vat_rate"), QStringLiteral("20")},
                {QStringLiteral("pack"), QStringLiteral("100")},
                {QStringLiteral("active"), true},
                {QStringLiteral("properties"),
                 QJsonObject {{QStringLiteral("thread"), QStringLiteral("M8")},
                              {QStringLiteral("length_mm"), QStringLiteral("40")}}},
            };
            changes.append(QJsonObject {{QStringLiteral("seq"), i},
                                        {QStringLiteral("entity"), QStringLiteral("product")},
                                        {QStringLiteral("id"), id},
                                        {QStringLiteral("deleted"), false},
                                        {QStringLiteral("data"), data}});
        }
        const QByteArray body = page(QJsonDocument(changes).toJson(QJsonDocument::Compact));
        QVERIFY2(body.size() > 1'000'000, qPrintable(QString::number(body.size())));
        QElapsedTimer timer;
        timer.start();
        QString error;
        const auto parsed = parseSyncPage(body, &error);
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(parsed, qPrintable(error));
        qInfo("parsed %lld bytes, %lld changes in %lld ms", qint64(body.size()),
              qint64(parsed->changes.size()), elapsed);
        QCOMPARE(parsed->changes.size(), 5000);
        QCOMPARE(parsed->changes.last().seq, 5000);
        QCOMPARE(parsed->changes.last().data.value(QStringLiteral("sku")).toString(),
                 QStringLiteral("SKU-5000"));
        // Generous enough for a debug build under a sanitizer; a copy per field or a quadratic
        // step would still blow it.
        QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
    }
};

QTEST_APPLESS_MAIN(TestSyncPage)
#include "tst_syncpage.moc"
