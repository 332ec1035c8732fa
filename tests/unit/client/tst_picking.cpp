// The warehouse terminal's cache: pick lists, counts and bins applied from feed-shaped pages;
// scans, confirmations, packing and shipping written with their outbox items in one
// transaction; upload answers and 409 refusals applied as the sync engine applies them.

#include "cache/cacheschema.h"
#include "pickfixture.h"
#include "sync/outbox.h"
#include "warehouse/counting.h"
#include "warehouse/picking.h"
#include "warehouse/warehousefeed.h"
#include "warehouse/warehouseoutbox.h"

#include <QJsonDocument>
#include <QTimeZone>

using namespace portico::client;
using namespace portico::client::pickfixture;
using catalogfixture::tombstone;
using catalogfixture::upsert;

Q_DECLARE_METATYPE(portico::client::ScanResult::Outcome)

class TstPicking final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_cache;
    const QString m_list = uuid(QStringLiteral("pl-123"));
    const QDateTime m_now = QDateTime(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);

    template<typename F>
    auto db(F &&job)
    {
        return m_cache->run(std::forward<F>(job));
    }

    PickList list()
    {
        const auto found = db([this](QSqlDatabase &d) { return Picking::pickList(d, m_list); });
        if (!found)
            qFatal("pick list missing");
        return *found;
    }

    const PickLine &line(const PickList &list, const QString &key)
    {
        for (const PickLine &l : list.lines) {
            if (l.lineId == uuid(key))
                return l;
        }
        qFatal("line missing");
    }

    ScanResult scan(const QString &code, qint64 milli = 1000)
    {
        return db([&](QSqlDatabase &d) { return Picking::scan(d, m_list, code, milli, m_now); });
    }

    QList<OutboxItem> pending()
    {
        return db([](QSqlDatabase &d) { return Outbox::pending(d); });
    }

    void applyPage(const SyncPage &page)
    {
        db([&](QSqlDatabase &d) { CatalogCache::applyPage(d, page, m_now); });
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_cache = std::make_unique<CacheDatabase>(m_dir.filePath(
            QStringLiteral("cache-%1.sqlite").arg(QUuid::createUuid().toString(QUuid::Id128))));
        QString error;
        QVERIFY2(m_cache->open(&error), qPrintable(error));
        applyPage(warehousePage());
    }

    void cleanup() { m_cache.reset(); }

    void feedRowsLandInTheCache()
    {
        const PickList l = list();
        QCOMPARE(l.number, QStringLiteral("PL-000123"));
        QCOMPARE(l.status, QStringLiteral("open"));
        QCOMPARE(l.lines.size(), 3);
        // Sorted by bin: the nuts' A-01-01 first.
        QCOMPARE(l.lines.at(0).bin, QStringLiteral("A-01-01"));
        QCOMPARE(l.lines.at(1).bin, QStringLiteral("A-01-02"));
        QCOMPARE(l.lines.at(2).bin, QStringLiteral("B-02-01"));
        QCOMPARE(line(l, QStringLiteral("line-bolt")).quantityMilli, 3000);
        const auto lists = db([](QSqlDatabase &d) { return Picking::pickLists(d); });
        QCOMPARE(lists.size(), 1);
        QCOMPARE(lists.first().lines, 3);
        QCOMPARE(lists.first().orders, 2);
        QCOMPARE(lists.first().firstBin, QStringLiteral("A-01-01"));
        const auto sessions = db([](QSqlDatabase &d) { return Counting::openSessions(d); });
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(sessions.first().bins, (QStringList {QStringLiteral("A-01-01"), QStringLiteral("A-01-02")}));
        const QString bin = db([](QSqlDatabase &d) {
            QSqlQuery q(QStringLiteral("SELECT bin FROM bin_location"), d);
            return q.next() ? q.value(0).toString() : QString();
        });
        QCOMPARE(bin, QStringLiteral("A-01-02"));
    }

    void olderVersionNeverReplacesNewer()
    {
        applyPage(catalogfixture::page(
            QStringLiteral("e1"), 1000, false,
            {upsert(1000, QStringLiteral("pick_list"), m_list,
                    samplePickList(QStringLiteral("picking"), 5, QStringLiteral("2.000")))}));
        db([](QSqlDatabase &d) {
            WarehouseFeed::storePickList(d, samplePickList(QStringLiteral("open"), 4));
        });
        const PickList l = list();
        QCOMPARE(l.version, 5);
        QCOMPARE(line(l, QStringLiteral("line-bolt")).pickedMilli, 2000);
    }

    void tombstoneRemovesAPickList()
    {
        applyPage(catalogfixture::page(QStringLiteral("e1"), 1000, false,
                                       {tombstone(1000, QStringLiteral("pick_list"), m_list)}));
        QVERIFY(!db([this](QSqlDatabase &d) { return Picking::pickList(d, m_list); }));
    }

    void scanOutcomes_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<qint64>("milli");
        QTest::addColumn<ScanResult::Outcome>("outcome");
        QTest::addColumn<QString>("sku");
        QTest::newRow("barcode of a line") << QStringLiteral("4600000000011") << qint64(1000)
                                           << ScanResult::Outcome::Picked << QStringLiteral("КР-0001");
        QTest::newRow("second barcode of a product")
            << QStringLiteral("4800000000025") << qint64(1000) << ScanResult::Outcome::Picked
            << QStringLiteral("КР-0002");
        QTest::newRow("SKU typed in Latin letters")
            << QStringLiteral("KP-0001") << qint64(1000) << ScanResult::Outcome::Picked
            << QStringLiteral("КР-0001");
        QTest::newRow("a product not on the list")
            << QStringLiteral("4600000000035") << qint64(1000) << ScanResult::Outcome::WrongItem
            << QStringLiteral("КР-0003");
        QTest::newRow("nobody's barcode")
            << QStringLiteral("9999999999999") << qint64(1000) << ScanResult::Outcome::Unknown << QString();
        QTest::newRow("more than the line") << QStringLiteral("4600000000011") << qint64(4000)
                                            << ScanResult::Outcome::OverPick << QStringLiteral("КР-0001");
    }
    void scanOutcomes()
    {
        QFETCH(QString, code);
        QFETCH(qint64, milli);
        QFETCH(ScanResult::Outcome, outcome);
        QFETCH(QString, sku);
        const ScanResult result = scan(code, milli);
        QCOMPARE(result.outcome, outcome);
        QCOMPARE(result.sku, sku);
        QCOMPARE(pending().size(), outcome == ScanResult::Outcome::Picked ? 1 : 0);
    }

    void scanCountsAtOnceAndQueuesItsUpload()
    {
        const ScanResult first = scan(QStringLiteral("4600000000011"));
        QCOMPARE(first.pickedMilli, 1000);
        const ScanResult two = scan(QStringLiteral("4600000000011"), 2000);
        QCOMPARE(two.outcome, ScanResult::Outcome::Picked);
        QCOMPARE(two.pickedMilli, 3000);
        const PickLine bolts = line(list(), QStringLiteral("line-bolt"));
        QCOMPARE(bolts.pickedMilli, 3000);
        QCOMPARE(bolts.pendingMilli, 3000);
        QVERIFY(bolts.complete());
        // A fourth bolt is an over-pick and writes nothing.
        QCOMPARE(scan(QStringLiteral("4600000000011")).outcome, ScanResult::Outcome::OverPick);

        const QList<OutboxItem> items = pending();
        QCOMPARE(items.size(), 2);
        for (const OutboxItem &item : items) {
            QCOMPARE(item.kind, OutboxItem::Kind::PickScan);
            QCOMPARE(item.targetId, m_list);
            QCOMPARE(WarehouseOutbox::uploadPath(item),
                     QStringLiteral("/api/v1/warehouse/pick-lists/%1/scans").arg(m_list));
            const QJsonObject body = QJsonDocument::fromJson(item.payload).object();
            QCOMPARE(body.value(QStringLiteral("client_id")).toString(), item.id);
            QCOMPARE(body.value(QStringLiteral("line_id")).toString(), uuid(QStringLiteral("line-bolt")));
        }
        QCOMPARE(QJsonDocument::fromJson(items.at(1).payload)
                     .object()
                     .value(QStringLiteral("quantity"))
                     .toString(),
                 QStringLiteral("2.000"));
    }

    void answerMovesThePendingScanIntoTheServersCount()
    {
        const ScanResult scanned = scan(QStringLiteral("4600000000011"));
        const OutboxItem item = pending().first();
        QJsonObject reply;
        reply.insert(QStringLiteral("pick_list"),
                     samplePickList(QStringLiteral("picking"), 2, QStringLiteral("1.000")));
        const QString status = db([&](QSqlDatabase &d) {
            const QString s = WarehouseOutbox::recordAnswer(d, item, reply);
            Outbox::remove(d, item.id);
            return s;
        });
        QCOMPARE(status, QStringLiteral("picking"));
        const PickLine bolts = line(list(), QStringLiteral("line-bolt"));
        QCOMPARE(bolts.pickedMilli, 1000); // counted once: the server's, no pending left
        QCOMPARE(bolts.pendingMilli, 0);
        QCOMPARE(scanned.outboxId, item.id);
    }

    void conflictAppliesTheFreshListAndSaysWhy()
    {
        scan(QStringLiteral("4600000000011"));
        const OutboxItem item = pending().first();
        // Another terminal took the bolts: the server has all three picked already.
        QJsonObject body;
        body.insert(QStringLiteral("error"),
                    QJsonObject {{QStringLiteral("code"), QStringLiteral("stock_conflict")},
                                 {QStringLiteral("message"), QStringLiteral("No stock left in A-01-02")}});
        body.insert(QStringLiteral("pick_list"),
                    samplePickList(QStringLiteral("picking"), 3, QStringLiteral("3.000")));
        ApiError error;
        error.kind = ApiError::Kind::Http;
        error.httpStatus = 409;
        error.code = QStringLiteral("stock_conflict");
        error.message = QStringLiteral("No stock left in A-01-02");
        db([&](QSqlDatabase &d) {
            WarehouseOutbox::recordRefusal(d, item, error, QJsonDocument(body).toJson());
            Outbox::setAside(d, item.id, error.toString());
        });
        const PickList l = list();
        QCOMPARE(l.version, 3);
        QCOMPARE(line(l, QStringLiteral("line-bolt")).pickedMilli, 3000);
        QCOMPARE(line(l, QStringLiteral("line-bolt")).pendingMilli, 0);
        QCOMPARE(l.conflict, QStringLiteral("stock_conflict:No stock left in A-01-02"));
        // The next good scan clears the notice.
        QCOMPARE(scan(QStringLiteral("4600000000028")).outcome, ScanResult::Outcome::Picked);
        QVERIFY(list().conflict.isEmpty());
    }

    void confirmNeedsAReasonForEveryShortLine()
    {
        scan(QStringLiteral("4600000000011"), 3000);
        scan(QStringLiteral("4600000000028"), 1000);
        QList<ConfirmLine> lines {{uuid(QStringLiteral("line-bolt")), 3000, {}},
                                  {uuid(QStringLiteral("line-nut")), 1000, {}},
                                  {uuid(QStringLiteral("line-plaster")), 0, QStringLiteral("not_found")}};
        const int before = int(pending().size());
        QVERIFY_THROWS_EXCEPTION(WarehouseError,
                                 db([&](QSqlDatabase &d) { Picking::confirm(d, m_list, lines, m_now); }));
        lines[1].reason = QStringLiteral("other:");
        QVERIFY_THROWS_EXCEPTION(WarehouseError,
                                 db([&](QSqlDatabase &d) { Picking::confirm(d, m_list, lines, m_now); }));
        QCOMPARE(pending().size(), before);
        lines[1].reason = QStringLiteral("other:box torn open");
        db([&](QSqlDatabase &d) { Picking::confirm(d, m_list, lines, m_now); });
        QCOMPARE(list().effectiveStatus(), QStringLiteral("picked"));
        const OutboxItem confirm = pending().last();
        QCOMPARE(confirm.kind, OutboxItem::Kind::ConfirmPick);
        const QJsonArray sent
            = QJsonDocument::fromJson(confirm.payload).object().value(QStringLiteral("lines")).toArray();
        QCOMPARE(sent.size(), 3);
        for (const QJsonValue &value : sent) {
            const QJsonObject object = value.toObject();
            if (object.value(QStringLiteral("line_id")).toString() == uuid(QStringLiteral("line-nut"))) {
                QCOMPARE(object.value(QStringLiteral("picked")).toString(), QStringLiteral("1.000"));
                QCOMPARE(object.value(QStringLiteral("reason")).toString(),
                         QStringLiteral("other:box torn open"));
            }
            if (object.value(QStringLiteral("line_id")).toString() == uuid(QStringLiteral("line-bolt")))
                QVERIFY(!object.contains(QStringLiteral("reason")));
        }
        // Picked: no more scans on it.
        QCOMPARE(scan(QStringLiteral("4600000000028")).outcome, ScanResult::Outcome::NotPickable);
    }

    void packAndShipInOrder()
    {
        scan(QStringLiteral("4600000000011"), 3000);
        QVERIFY_THROWS_EXCEPTION(WarehouseError, db([&](QSqlDatabase &d) {
                                     Picking::ship(d, m_list, QStringLiteral("СДЭК"), QStringLiteral("1"),
                                                   m_now);
                                 }));
        db([&](QSqlDatabase &d) {
            Picking::confirm(d, m_list,
                             {{uuid(QStringLiteral("line-bolt")), 3000, {}},
                              {uuid(QStringLiteral("line-nut")), 0, QStringLiteral("short")},
                              {uuid(QStringLiteral("line-plaster")), 0, QStringLiteral("damaged")}},
                             m_now);
        });
        Package package;
        package.number = 1;
        package.weightGrams = 0;
        package.lines = {{uuid(QStringLiteral("line-bolt")), 3000}};
        QVERIFY_THROWS_EXCEPTION(WarehouseError,
                                 db([&](QSqlDatabase &d) { Picking::pack(d, m_list, {package}, m_now); }));
        package.weightGrams = 1250;
        db([&](QSqlDatabase &d) { Picking::pack(d, m_list, {package}, m_now); });
        QCOMPARE(list().effectiveStatus(), QStringLiteral("packed"));
        const QJsonObject packed = QJsonDocument::fromJson(pending().last().payload).object();
        QCOMPARE(packed.value(QStringLiteral("packages"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("weight"))
                     .toString(),
                 QStringLiteral("1.250"));
        QVERIFY_THROWS_EXCEPTION(WarehouseError, db([&](QSqlDatabase &d) {
                                     Picking::ship(d, m_list, QStringLiteral(" "), QString(), m_now);
                                 }));
        db([&](QSqlDatabase &d) {
            Picking::ship(d, m_list, QStringLiteral("СДЭК"), QStringLiteral("1234567"), m_now);
        });
        QCOMPARE(list().effectiveStatus(), QStringLiteral("shipped"));
        const QList<OutboxItem> items = pending();
        QCOMPARE(items.last().kind, OutboxItem::Kind::Ship);
        QCOMPARE(WarehouseOutbox::uploadPath(items.last()),
                 QStringLiteral("/api/v1/warehouse/pick-lists/%1/ship").arg(m_list));
        // Shipped lists leave the terminal's list.
        QVERIFY(db([](QSqlDatabase &d) { return Picking::pickLists(d); }).isEmpty());

        // The confirm's answer leaves the later steps' status standing.
        const OutboxItem confirm = items.at(1);
        QCOMPARE(confirm.kind, OutboxItem::Kind::ConfirmPick);
        QJsonObject reply;
        reply.insert(QStringLiteral("pick_list"),
                     samplePickList(QStringLiteral("picked"), 7, QStringLiteral("3.000")));
        db([&](QSqlDatabase &d) {
            WarehouseOutbox::recordAnswer(d, confirm, reply);
            Outbox::remove(d, confirm.id);
        });
        QCOMPARE(list().effectiveStatus(), QStringLiteral("shipped"));
    }

    void countBinThenProducts()
    {
        const QString session = uuid(QStringLiteral("count-7"));
        const auto found = db([&](QSqlDatabase &d) { return Counting::session(d, session); });
        QVERIFY(found);
        QVERIFY(db([&](QSqlDatabase &d) { return Counting::isBin(d, *found, QStringLiteral("A-01-02")); }));
        QVERIFY(!db(
            [&](QSqlDatabase &d) { return Counting::isBin(d, *found, QStringLiteral("4600000000011")); }));
        const auto product
            = db([](QSqlDatabase &d) { return Counting::product(d, QStringLiteral("4600000000011")); });
        QVERIFY(product);
        QCOMPARE(product->sku, QStringLiteral("КР-0001"));
        QVERIFY_THROWS_EXCEPTION(WarehouseError,
                                 db([&](QSqlDatabase &d) { Counting::submit(d, session, m_now); }));
        db([&](QSqlDatabase &d) {
            Counting::record(d, session, product->productId, QStringLiteral("A-01-02"), 5000, m_now);
            Counting::record(d, session, product->productId, QStringLiteral("A-01-02"), 7000, m_now);
        });
        const auto counted = db([&](QSqlDatabase &d) { return Counting::session(d, session); });
        QCOMPARE(counted->lines.size(), 1);
        QCOMPARE(counted->lines.first().countedMilli, 7000);
        QCOMPARE(counted->lines.first().sku, QStringLiteral("КР-0001"));
        db([&](QSqlDatabase &d) { Counting::submit(d, session, m_now); });
        QVERIFY(db([](QSqlDatabase &d) { return Counting::openSessions(d); }).isEmpty());
        QVERIFY_THROWS_EXCEPTION(WarehouseError, db([&](QSqlDatabase &d) {
                                     Counting::record(d, session, product->productId,
                                                      QStringLiteral("A-01-02"), 1000, m_now);
                                 }));
        const QList<OutboxItem> items = pending();
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0).kind, OutboxItem::Kind::CountLines);
        QCOMPARE(items.at(2).kind, OutboxItem::Kind::SubmitCount);
        const QJsonObject line = QJsonDocument::fromJson(items.at(1).payload)
                                     .object()
                                     .value(QStringLiteral("lines"))
                                     .toArray()
                                     .first()
                                     .toObject();
        QCOMPARE(line.value(QStringLiteral("counted")).toString(), QStringLiteral("7.000"));
        QCOMPARE(line.value(QStringLiteral("bin")).toString(), QStringLiteral("A-01-02"));
    }

    void resyncKeepsWhatWaitsToUpload()
    {
        scan(QStringLiteral("4600000000011"));
        db([](QSqlDatabase &d) { CatalogCache::resetServerData(d); });
        // The list with a pending scan stays (its scan still counts); bins are gone.
        QCOMPARE(line(list(), QStringLiteral("line-bolt")).pickedMilli, 1000);
        QCOMPARE(pending().size(), 1);
    }

    void quantityText()
    {
        QCOMPARE(milliText(3000), QStringLiteral("3.000"));
        QCOMPARE(milliText(1250), QStringLiteral("1.250"));
        QCOMPARE(milliText(5), QStringLiteral("0.005"));
        QCOMPARE(milliFrom(QStringLiteral("3.000")), 3000);
        QCOMPARE(milliFrom(QStringLiteral("2,5")), 2500);
        QCOMPARE(milliFrom(QStringLiteral("abc")), -1);
    }
};

QTEST_GUILESS_MAIN(TstPicking)
#include "tst_picking.moc"
