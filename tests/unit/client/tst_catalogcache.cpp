#include "cache/cachedatabase.h"
#include "cache/cacheschema.h"
#include "cache/cachesql.h"
#include "cache/catalogcache.h"
#include "cache/catalogqueries.h"
#include "catalogfixture.h"
#include "protocol/codecs.h"
#include "testserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace portico;
using portico::client::CacheDatabase;
using portico::client::CacheError;
using portico::client::SyncChange;
using portico::client::SyncPage;
using portico::client::SyncState;
namespace CatalogCache = portico::client::CatalogCache;
namespace CatalogQueries = portico::client::CatalogQueries;
namespace CacheSql = portico::client::CacheSql;
namespace CacheSchema = portico::client::CacheSchema;
using namespace portico::client::catalogfixture;

class TestCatalogCache final
    : public QObject
    , private CatalogFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { openCache(); }

    void cleanup() { closeCache(); }

    void emptyCacheStartsAtZero()
    {
        const SyncState state = db([](QSqlDatabase &db) { return CatalogCache::readSyncState(db); });
        QVERIFY(state.epoch.isEmpty());
        QCOMPARE(state.cursor, 0);
        QCOMPARE(state.head, 0);
        QVERIFY(!state.lastSuccess.isValid());
        QVERIFY(!state.dataAsOf.isValid());
    }

    void appliesEveryEntity()
    {
        applyCatalog();
        check([](QSqlDatabase &db) {
            QCOMPARE(rows(db, QStringLiteral("price_type")), 2);
            QCOMPARE(rows(db, QStringLiteral("warehouse")), 2);
            QCOMPARE(rows(db, QStringLiteral("product_group")), 3);
            QCOMPARE(rows(db, QStringLiteral("property")), 1);
            QCOMPARE(rows(db, QStringLiteral("product")), 4);
            QCOMPARE(rows(db, QStringLiteral("product_barcode")), 5);
            QCOMPARE(rows(db, QStringLiteral("product_fts")), 3); // the inactive product is not searchable
            QCOMPARE(rows(db, QStringLiteral("price")), 3);
            QCOMPARE(rows(db, QStringLiteral("stock")), 3);
            QCOMPARE(rows(db, QStringLiteral("customer")), 1);
            QCOMPARE(rows(db, QStringLiteral("orders")), 1);
            QCOMPARE(rows(db, QStringLiteral("document")), 1);
            // The change's JSON is stored as received, as text.
            QCOMPARE(value(db, QStringLiteral("SELECT typeof(data) FROM product LIMIT 1")).toString(),
                     QStringLiteral("text"));
            QCOMPARE(value(db,
                           QStringLiteral("SELECT json_extract(data, '$.properties[0].value') FROM product "
                                          "WHERE sku = 'КР-0001'"))
                         .toString(),
                     QStringLiteral("Сталь"));
            QCOMPARE(value(db, QStringLiteral("SELECT amount_minor FROM document")).toLongLong(), 106778);
        });
    }

    void syncStateMovesWithEachPage()
    {
        QList<SyncChange> changes = catalogChanges();
        const QList<SyncChange> first = changes.mid(0, 10);
        const QList<SyncChange> second = changes.mid(10);
        apply(page(Epoch, 10, true, first));
        SyncState state = db([](QSqlDatabase &db) { return CatalogCache::readSyncState(db); });
        QCOMPARE(state.epoch, Epoch);
        QCOMPARE(state.cursor, 10);
        QCOMPARE(state.head, 110);
        QVERIFY(!state.lastSuccess.isValid()); // not complete yet
        QVERIFY(!state.dataAsOf.isValid());

        apply(page(Epoch, 100, false, second));
        state = db([](QSqlDatabase &db) { return CatalogCache::readSyncState(db); });
        QCOMPARE(state.cursor, 100);
        QCOMPARE(state.head, 100);
        QCOMPARE(state.lastSuccess, Now);
        QCOMPARE(state.dataAsOf, Now);
        QCOMPARE(state.lastSuccess.timeSpec(), Qt::UTC);

        // A later incomplete page keeps the last complete sync's times.
        apply(page(Epoch, 150, true, {}));
        state = db([](QSqlDatabase &db) { return CatalogCache::readSyncState(db); });
        QCOMPARE(state.cursor, 150);
        QCOMPARE(state.lastSuccess, Now);
    }

    void updatesReplaceRows()
    {
        applyCatalog();
        qint64 seq = 100;
        QJsonObject renamed = productJson(
            QStringLiteral("bolt"), QStringLiteral("Винт М8х40 с потайной головкой"),
            QStringLiteral("КР-0001"), QStringLiteral("mixes"), {QStringLiteral("4600000000099")});
        QJsonObject deactivated
            = productJson(QStringLiteral("nut"), QStringLiteral("Гайка М8"), QStringLiteral("КР-0002"),
                          QStringLiteral("fasteners"), {QStringLiteral("4600000000028")}, false);
        apply(page(
            Epoch, 200, false,
            {upsert(++seq, QStringLiteral("product"), uuid(QStringLiteral("bolt")), renamed),
             upsert(++seq, QStringLiteral("product"), uuid(QStringLiteral("nut")), deactivated),
             upsert(++seq, QStringLiteral("price"),
                    priceKey(QStringLiteral("bolt"), QStringLiteral("retail")),
                    priceJson(QStringLiteral("bolt"), QStringLiteral("retail"), QStringLiteral("13.75"))),
             upsert(++seq, QStringLiteral("stock"), priceKey(QStringLiteral("bolt"), QStringLiteral("msk")),
                    stockJson(QStringLiteral("bolt"), QStringLiteral("msk"), QStringLiteral("700")))}));
        check([](QSqlDatabase &db) {
            QCOMPARE(rows(db, QStringLiteral("product")), 4);
            QCOMPARE(rows(db, QStringLiteral("product_fts")), 2); // the nut left the index
            QCOMPARE(CatalogQueries::product(db, id(QStringLiteral("bolt")))->name,
                     QStringLiteral("Винт М8х40 с потайной головкой"));
            QCOMPARE(CatalogQueries::searchProducts(db, QStringLiteral("болт"), {}, 10).size(), 0);
            QCOMPARE(CatalogQueries::searchProducts(db, QStringLiteral("винт потайн"), {}, 10).size(), 1);
            QCOMPARE(CatalogQueries::searchProducts(db, QStringLiteral("гайка"), {}, 10).size(), 0);
            // The old barcode no longer leads to the product, the new one does.
            QVERIFY(!CatalogQueries::productByBarcode(db, QStringLiteral("4600000000011")).has_value());
            QCOMPARE(CatalogQueries::productByBarcode(db, QStringLiteral("4600000000099"))->id,
                     id(QStringLiteral("bolt")));
            // Moved to another group; the deactivated nut leaves the lists.
            QCOMPARE(CatalogQueries::groupProductCount(db, id(QStringLiteral("fasteners"))), 0);
            QCOMPARE(CatalogQueries::groupProductCount(db, id(QStringLiteral("mixes"))), 2);
            QVERIFY(!CatalogQueries::product(db, id(QStringLiteral("nut")))->active);
            QCOMPARE(CatalogQueries::price(db, id(QStringLiteral("bolt")), id(QStringLiteral("retail")))
                         ->unitPrice,
                     Money::fromMinor(1375, Currency::rub()));
            QCOMPARE(rows(db, QStringLiteral("stock"), QStringLiteral("on_hand_milli = 700000")), 1);
            QCOMPARE(rows(db, QStringLiteral("stock")), 3);
        });
    }

    void tombstonesRemoveRows()
    {
        applyCatalog();
        qint64 seq = 100;
        apply(page(Epoch, 200, false,
                   {tombstone(++seq, QStringLiteral("product"), uuid(QStringLiteral("plaster"))),
                    tombstone(++seq, QStringLiteral("price"),
                              priceKey(QStringLiteral("bolt"), QStringLiteral("retail"))),
                    tombstone(++seq, QStringLiteral("stock"),
                              priceKey(QStringLiteral("bolt"), QStringLiteral("spb"))),
                    tombstone(++seq, QStringLiteral("group"), uuid(QStringLiteral("mixes"))),
                    tombstone(++seq, QStringLiteral("property"), uuid(QStringLiteral("material"))),
                    tombstone(++seq, QStringLiteral("price_type"), uuid(QStringLiteral("retail"))),
                    tombstone(++seq, QStringLiteral("warehouse"), uuid(QStringLiteral("spb"))),
                    tombstone(++seq, QStringLiteral("customer"), uuid(QStringLiteral("romashka"))),
                    tombstone(++seq, QStringLiteral("document"), uuid(QStringLiteral("invoice-1"))),
                    tombstone(++seq, QStringLiteral("order"), uuid(QStringLiteral("order-1"))),
                    tombstone(++seq, QStringLiteral("promotion"), uuid(QStringLiteral("promo"))),
                    // A tombstone of a row the cache never had is harmless.
                    tombstone(++seq, QStringLiteral("product"), uuid(QStringLiteral("never-seen")))}));
        check([](QSqlDatabase &db) {
            QCOMPARE(rows(db, QStringLiteral("product")), 3);
            QVERIFY(!CatalogQueries::product(db, id(QStringLiteral("plaster"))).has_value());
            QCOMPARE(rows(db, QStringLiteral("product_fts")), 2);
            QCOMPARE(CatalogQueries::searchProducts(db, QStringLiteral("штукатурка"), {}, 10).size(), 0);
            QVERIFY(!CatalogQueries::productByBarcode(db, QStringLiteral("4600202409173")).has_value());
            QCOMPARE(rows(db, QStringLiteral("product_barcode")), 4);
            QCOMPARE(rows(db, QStringLiteral("price")), 2);
            QCOMPARE(rows(db, QStringLiteral("stock")), 2);
            QCOMPARE(rows(db, QStringLiteral("product_group")), 2);
            QCOMPARE(rows(db, QStringLiteral("property")), 0);
            QCOMPARE(rows(db, QStringLiteral("price_type")), 1);
            QCOMPARE(rows(db, QStringLiteral("warehouse")), 1);
            QCOMPARE(rows(db, QStringLiteral("customer")), 0);
            QCOMPARE(rows(db, QStringLiteral("document")), 0);
            QCOMPARE(rows(db, QStringLiteral("orders")), 0); // known only to the server: gone
        });
    }

    void malformedRowRefusesTheWholePage_data()
    {
        QTest::addColumn<SyncChange>("bad");
        QTest::addColumn<QString>("message");
        QJsonObject noId = productJson(QStringLiteral("new"), QStringLiteral("Новый"), QStringLiteral("N-1"),
                                       QStringLiteral("mixes"));
        noId.remove(QStringLiteral("id"));
        QTest::newRow("product without id")
            << upsert(60, QStringLiteral("product"), uuid(QStringLiteral("new")), noId)
            << QStringLiteral("id");
        QJsonObject badGroup = productJson(QStringLiteral("new"), QStringLiteral("Новый"),
                                           QStringLiteral("N-1"), QStringLiteral("mixes"));
        badGroup.insert(QStringLiteral("group_id"), QStringLiteral("not-a-uuid"));
        QTest::newRow("product with a bad group id")
            << upsert(60, QStringLiteral("product"), uuid(QStringLiteral("new")), badGroup)
            << QStringLiteral("group_id");
        QJsonObject noType
            = priceJson(QStringLiteral("nut"), QStringLiteral("wholesale"), QStringLiteral("3.00"));
        noType.remove(QStringLiteral("price_type_id"));
        QTest::newRow("price without price type") << upsert(
            60, QStringLiteral("price"), priceKey(QStringLiteral("nut"), QStringLiteral("wholesale")), noType)
                                                  << QStringLiteral("price_type_id");
        QTest::newRow("price with a bad amount")
            << upsert(60, QStringLiteral("price"),
                      priceKey(QStringLiteral("nut"), QStringLiteral("wholesale")),
                      priceJson(QStringLiteral("nut"), QStringLiteral("wholesale"), QStringLiteral("3.001")))
            << QStringLiteral("unit_price");
        QTest::newRow("stock with a bad quantity")
            << upsert(60, QStringLiteral("stock"), priceKey(QStringLiteral("nut"), QStringLiteral("msk")),
                      stockJson(QStringLiteral("nut"), QStringLiteral("msk"), QStringLiteral("many")))
            << QStringLiteral("on_hand");
        QTest::newRow("stock tombstone with a bad key")
            << tombstone(60, QStringLiteral("stock"), uuid(QStringLiteral("nut"))) << QStringLiteral("'/'");
        QTest::newRow("customer tombstone with a bad key")
            << tombstone(60, QStringLiteral("customer"), QStringLiteral("42")) << QStringLiteral("UUID");
        QTest::newRow("order with a name for its id")
            << upsert(60, QStringLiteral("order"), QStringLiteral("x"),
                      object(QStringLiteral(R"({"id":"P-1","status":"accepted"})")))
            << QStringLiteral("id");
    }

    void malformedRowRefusesTheWholePage()
    {
        QFETCH(SyncChange, bad);
        QFETCH(QString, message);
        apply(page(Epoch, 50, true, catalogChanges()));
        const QStringList before = db([](QSqlDatabase &db) { return snapshot(db); });

        // Good rows of every kind before and after the bad one: none of them may stay.
        QList<SyncChange> changes;
        changes.append(
            upsert(51, QStringLiteral("product"), uuid(QStringLiteral("drill")),
                   productJson(QStringLiteral("drill"), QStringLiteral("Дрель Bosch"), QStringLiteral("ИН-1"),
                               QStringLiteral("fasteners"), {QStringLiteral("4600000000777")})));
        changes.append(
            upsert(52, QStringLiteral("price"), priceKey(QStringLiteral("bolt"), QStringLiteral("retail")),
                   priceJson(QStringLiteral("bolt"), QStringLiteral("retail"), QStringLiteral("99.00"))));
        changes.append(tombstone(53, QStringLiteral("product"), uuid(QStringLiteral("plaster"))));
        changes.append(upsert(
            54, QStringLiteral("order"), uuid(QStringLiteral("order-1")),
            orderJson(QStringLiteral("order-1"), QStringLiteral("P-000300"), QStringLiteral("shipped"))));
        changes.append(bad);
        changes.append(
            upsert(61, QStringLiteral("warehouse"), uuid(QStringLiteral("ekb")),
                   object(QStringLiteral(R"({"address":"","external_id":"","id":"%1","name":"Склад ЕКБ"})")
                              .arg(uuid(QStringLiteral("ekb"))))));
        try {
            apply(page(Epoch, 100, false, changes));
            QFAIL("the page was accepted");
        } catch (const CacheError &error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(message), error.what());
        }
        QCOMPARE(db([](QSqlDatabase &db) { return snapshot(db); }), before);
        const SyncState state = db([](QSqlDatabase &db) { return CatalogCache::readSyncState(db); });
        QCOMPARE(state.cursor, 50);
        QVERIFY(!state.lastSuccess.isValid());
        // The same page without the bad row goes through.
        changes.removeAt(4);
        apply(page(Epoch, 100, false, changes));
        QCOMPARE(db([](QSqlDatabase &db) { return CatalogCache::readSyncState(db); }).cursor, 100);
        QCOMPARE(db([](QSqlDatabase &db) {
                     return CatalogQueries::searchProducts(db, QStringLiteral("дрель"), {}, 5);
                 }).size(),
                 1);
    }

    void pageDeliveredTwiceDoesNotRollBack()
    {
        applyCatalog(); // cursor 100
        const SyncChange newer
            = upsert(150, QStringLiteral("price"), priceKey(QStringLiteral("nut"), QStringLiteral("retail")),
                     priceJson(QStringLiteral("nut"), QStringLiteral("retail"), QStringLiteral("4.00")));
        apply(page(Epoch, 150, false, {newer}));
        // The first page again (a retried pull answered late): its rows are older than the cache's.
        apply(page(Epoch, 100, false, catalogChanges()));
        check([](QSqlDatabase &db) {
            QCOMPARE(
                CatalogQueries::price(db, id(QStringLiteral("nut")), id(QStringLiteral("retail")))->unitPrice,
                Money::fromMinor(400, Currency::rub()));
            QCOMPARE(CatalogCache::readSyncState(db).cursor, 150);
        });
    }

    void pageOfAnotherEpochIsRefused()
    {
        applyCatalog();
        QVERIFY_THROWS_EXCEPTION(CacheError, apply(page(QStringLiteral("other-epoch"), 10, false, {})));
        QCOMPARE(db([](QSqlDatabase &db) { return CatalogCache::readSyncState(db); }).epoch, Epoch);
    }

    void serverOrderKeepsTheLocalPart()
    {
        applyCatalog();
        const QString localId = uuid(QStringLiteral("local-order"));
        const QString unnumberedId = uuid(QStringLiteral("unnumbered"));
        db([&](QSqlDatabase &db) {
            QSqlQuery q = CacheSql::prepare(
                db,
                QStringLiteral(
                    "INSERT INTO orders (id, client_number, customer_id, status, created_at, local_state, "
                    "local_data, outcome, outcome_seen) VALUES (?, ?, ?, 'submitted', "
                    "'2026-11-29T20:59:00.000Z', ?, '{\"local\":true}', ?, 1)"));
            q.bindValue(0, localId);
            q.bindValue(1, QStringLiteral("M1-000042"));
            q.bindValue(2, uuid(QStringLiteral("romashka")));
            q.bindValue(3, QStringLiteral("uploaded"));
            q.bindValue(4, QStringLiteral("{\"status\":\"accepted\"}"));
            CacheSql::exec(q);
            q.bindValue(0, unnumberedId);
            q.bindValue(1, CacheSql::nullText());
            q.bindValue(2, uuid(QStringLiteral("romashka")));
            q.bindValue(3, QStringLiteral("queued"));
            q.bindValue(4, CacheSql::nullText());
            CacheSql::exec(q);
        });
        apply(page(Epoch, 200, false,
                   {upsert(101, QStringLiteral("order"), localId,
                           orderJson(QStringLiteral("local-order"), QStringLiteral("P-000301"),
                                     QStringLiteral("accepted_with_changes"), QStringLiteral("M1-999999"))),
                    upsert(102, QStringLiteral("order"), unnumberedId,
                           orderJson(QStringLiteral("unnumbered"), QStringLiteral("P-000302"),
                                     QStringLiteral("accepted"), QStringLiteral("M1-000043")))}));
        check([&](QSqlDatabase &db) {
            QSqlQuery q(db);
            QVERIFY(
                q.exec(QStringLiteral(
                           "SELECT client_number, number, status, local_state, local_data, outcome, "
                           "outcome_seen, server_data IS NOT NULL, total_minor FROM orders WHERE id = '%1'")
                           .arg(localId)));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("M1-000042")); // the client's own number stays
            QCOMPARE(q.value(1).toString(), QStringLiteral("P-000301"));
            QCOMPARE(q.value(2).toString(), QStringLiteral("accepted_with_changes"));
            QCOMPARE(q.value(3).toString(), QStringLiteral("uploaded"));
            QCOMPARE(q.value(4).toString(), QStringLiteral("{\"local\":true}"));
            QCOMPARE(q.value(5).toString(), QStringLiteral("{\"status\":\"accepted\"}"));
            QCOMPARE(q.value(6).toInt(), 1);
            QVERIFY(q.value(7).toBool());
            QCOMPARE(q.value(8).toLongLong(), 106778);
            QVERIFY(q.exec(QStringLiteral("SELECT client_number, local_state FROM orders WHERE id = '%1'")
                               .arg(unnumberedId)));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("M1-000043")); // taken: the row had none
            QCOMPARE(q.value(1).toString(), QStringLiteral("queued"));
        });

        // A tombstone drops the server's part; the local order stays.
        apply(page(Epoch, 300, false, {tombstone(201, QStringLiteral("order"), localId)}));
        check([&](QSqlDatabase &db) {
            const auto row = CatalogQueries::orderRow(db, Id::fromString(localId));
            QVERIFY(row.has_value());
            QVERIFY(!row->onServer);
            QCOMPARE(row->localState, QStringLiteral("uploaded"));
            QVERIFY(!CatalogQueries::serverOrder(db, Id::fromString(localId)).has_value());
            QCOMPARE(CatalogQueries::orders(db, {{}, true, 0, 100}).size(), 2); // order-1 and unnumbered
            QCOMPARE(CatalogQueries::orders(db).size(), 3);
        });
    }

    void resetKeepsOutboxAndLocalOrders()
    {
        applyCatalog();
        db([](QSqlDatabase &db) {
            CacheSql::exec(
                db,
                QStringLiteral("INSERT INTO outbox (id, kind, target_id, payload, created_at) VALUES "
                               "('op-1', 'order.submit', 'x', X'7B7D', '2026-11-29T20:00:00.000Z')"));
            CacheSql::exec(
                db,
                QStringLiteral("INSERT INTO orders (id, client_number, status, local_state, local_data) "
                               "VALUES ('%1', 'M1-000007', 'draft', 'draft', '{}')")
                    .arg(uuid(QStringLiteral("draft"))));
            // The server also knows order-1 locally now.
            CacheSql::exec(db,
                           QStringLiteral("UPDATE orders SET local_state = 'uploaded', local_data = '{}' "
                                          "WHERE id = '%1'")
                               .arg(uuid(QStringLiteral("order-1"))));
            CacheSql::exec(db, QStringLiteral("INSERT INTO meta (key, value) VALUES ('device_id', 'd-1')"));
        });
        // One more server-only order.
        apply(page(Epoch, 200, false,
                   {upsert(101, QStringLiteral("order"), uuid(QStringLiteral("server-only")),
                           orderJson(QStringLiteral("server-only"), QStringLiteral("P-000400"),
                                     QStringLiteral("accepted")))}));
        db([](QSqlDatabase &db) { CatalogCache::resetServerData(db); });
        check([](QSqlDatabase &db) {
            for (const char *table :
                 {"product_group", "property", "product", "product_barcode", "product_fts", "price_type",
                  "price", "warehouse", "stock", "customer", "document"})
                QCOMPARE(rows(db, QLatin1String(table)), 0);
            QCOMPARE(rows(db, QStringLiteral("outbox")), 1);
            QCOMPARE(rows(db, QStringLiteral("meta"), QStringLiteral("key <> 'search_generation'")), 1);
            QCOMPARE(rows(db, QStringLiteral("orders")), 2); // the draft and the uploaded order-1
            QCOMPARE(rows(db, QStringLiteral("orders"), QStringLiteral("server_data IS NOT NULL")), 0);
            QCOMPARE(rows(db, QStringLiteral("orders"), QStringLiteral("local_data IS NOT NULL")), 2);
            const SyncState state = CatalogCache::readSyncState(db);
            QVERIFY(state.epoch.isEmpty());
            QCOMPARE(state.cursor, 0);
            QVERIFY(!state.lastSuccess.isValid());
            QVERIFY(!state.dataAsOf.isValid());
        });
        // A fresh pull fills it again.
        applyCatalog();
        QCOMPARE(db([](QSqlDatabase &db) { return rows(db, QStringLiteral("product_fts")); }), 3);
    }

    // The feed of a real demo server, pulled page by page: every row the server sends fits its
    // table and reads back through the domain decoders.
    void realServerFeed()
    {
        test::TestServer server({QStringLiteral("--products"), QStringLiteral("300")},
                                QStringLiteral("demo"));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const test::RawHttpReply login = test::rawHttp(
            server.port(),
            httpRequest("POST", "/api/v1/auth/login", {},
                        R"({"login":"manager","password":"demo","device_id":"tst-catalogcache"})"));
        QCOMPARE(login.status, 200);
        const QByteArray token = QJsonDocument::fromJson(login.body)
                                     .object()
                                     .value(QLatin1String("access_token"))
                                     .toString()
                                     .toUtf8();
        QVERIFY(!token.isEmpty());

        QHash<QString, int> rowsByEntity;
        qint64 cursor = 0;
        int pages = 0;
        for (bool more = true; more && pages < 100; ++pages) {
            const test::RawHttpReply reply = test::rawHttp(
                server.port(),
                httpRequest("GET", "/api/v1/sync?cursor=" + QByteArray::number(cursor) + "&limit=1000",
                            token));
            QCOMPARE(reply.status, 200);
            const SyncPage p = pageFrom(reply.body);
            for (const SyncChange &change : p.changes)
                ++rowsByEntity[change.entity];
            apply(p);
            cursor = p.cursor;
            more = p.hasMore;
        }
        QVERIFY(pages > 1);
        QVERIFY(rowsByEntity.value(QStringLiteral("product")) >= 300);
        QVERIFY(rowsByEntity.value(QStringLiteral("order")) > 0);
        const SyncState state = db([](QSqlDatabase &db) { return CatalogCache::readSyncState(db); });
        QCOMPARE(state.cursor, cursor);
        QCOMPARE(state.head, cursor);
        QCOMPARE(state.lastSuccess, Now);

        check([&](QSqlDatabase &db) {
            const QHash<QString, QString> tables {
                {QStringLiteral("product"), QStringLiteral("product")},
                {QStringLiteral("price"), QStringLiteral("price")},
                {QStringLiteral("stock"), QStringLiteral("stock")},
                {QStringLiteral("group"), QStringLiteral("product_group")},
                {QStringLiteral("property"), QStringLiteral("property")},
                {QStringLiteral("price_type"), QStringLiteral("price_type")},
                {QStringLiteral("warehouse"), QStringLiteral("warehouse")},
                {QStringLiteral("customer"), QStringLiteral("customer")},
                {QStringLiteral("order"), QStringLiteral("orders")},
            };
            for (auto it = tables.cbegin(); it != tables.cend(); ++it)
                QCOMPARE(rows(db, it.value()), rowsByEntity.value(it.key()));

            // Every cached row decodes.
            QSqlQuery ids(db);
            QVERIFY(ids.exec(QStringLiteral("SELECT id FROM product")));
            while (ids.next())
                QVERIFY(CatalogQueries::product(db, Id::fromString(ids.value(0).toString())).has_value());
            QVERIFY(ids.exec(QStringLiteral("SELECT id FROM customer")));
            while (ids.next())
                QVERIFY(CatalogQueries::customer(db, Id::fromString(ids.value(0).toString())).has_value());
            QVERIFY(ids.exec(QStringLiteral("SELECT id FROM orders")));
            while (ids.next())
                QVERIFY(CatalogQueries::serverOrder(db, Id::fromString(ids.value(0).toString())).has_value());
            QVERIFY(ids.exec(QStringLiteral("SELECT product_id, price_type_id FROM price")));
            while (ids.next()) {
                QVERIFY(CatalogQueries::price(db, Id::fromString(ids.value(0).toString()),
                                              Id::fromString(ids.value(1).toString()))
                            .has_value());
            }
            QCOMPARE(CatalogQueries::priceTypes(db).size(), rowsByEntity.value(QStringLiteral("price_type")));
            QCOMPARE(CatalogQueries::warehouses(db).size(), rowsByEntity.value(QStringLiteral("warehouse")));
            QCOMPARE(CatalogQueries::customers(db).size(), rowsByEntity.value(QStringLiteral("customer")));
            const auto customers = CatalogQueries::customers(db);
            QVERIFY(!customers.isEmpty());
            QVERIFY(!customers.first().name.isEmpty());
            QVERIFY(customers.first().credit.has_value());

            // The catalog tree adds up, and a product is found by the start of its name and by its SKU.
            int total = 0;
            for (const auto &node : CatalogQueries::groupTree(db)) {
                if (node.parentId.isNull())
                    total += node.totalProductCount;
            }
            QCOMPARE(total, rows(db, QStringLiteral("product"), QStringLiteral("active = 1")));
            QSqlQuery sample(db);
            QVERIFY(sample.exec(
                QStringLiteral("SELECT name, sku FROM product WHERE active = 1 ORDER BY rid LIMIT 1")));
            QVERIFY(sample.next());
            const QString name = sample.value(0).toString();
            const QString sku = sample.value(1).toString();
            const QString prefix = name.section(QLatin1Char(' '), 0, 0).left(4) + QLatin1Char(' ')
                + name.section(QLatin1Char(' '), 1, 1).left(3);
            bool found = false;
            for (const auto &row : CatalogQueries::searchProducts(db, prefix, {}, 200))
                found = found || row.name == name;
            QVERIFY2(found, qPrintable(prefix));
            const auto bySku = CatalogQueries::searchProducts(db, sku, {}, 5);
            QVERIFY(!bySku.isEmpty());
            QCOMPARE(bySku.first().sku, sku);
        });
    }

    void initialSyncRebuildsTheSearchIndexAtItsLastPage_data()
    {
        QTest::addColumn<bool>("reopen");
        QTest::newRow("one run") << false;
        QTest::newRow("killed after the second page") << true;
    }

    // An initial sync in several pages skips the search index and the barcode table, drops the
    // product indexes, and rebuilds them all at the page with has_more false, also when the
    // sync was interrupted and continues on a reopened cache.
    void initialSyncRebuildsTheSearchIndexAtItsLastPage()
    {
        QFETCH(bool, reopen);
        const QList<SyncChange> all = catalogChanges();
        const qint64 last = all.last().seq;
        auto stale = [](QSqlDatabase &db) {
            return rows(db, QStringLiteral("meta"), QStringLiteral("key = 'search_index_stale'"));
        };
        auto found = [](QSqlDatabase &db, const QString &text) {
            return CatalogQueries::searchProducts(db, text, {}, 10).size();
        };
        auto productIndexes = [](QSqlDatabase &db) {
            return rows(db, QStringLiteral("sqlite_master"),
                        QStringLiteral("type = 'index' AND name IN ('product_group_name', 'product_sku', "
                                       "'product_barcode_product')"));
        };

        apply(page(Epoch, all.at(9).seq, true, all.mid(0, 10))); // up to the bolt and the nut
        check([&](QSqlDatabase &db) {
            QCOMPARE(stale(db), 1);
            QCOMPARE(rows(db, QStringLiteral("product")), 2);
            QCOMPARE(rows(db, QStringLiteral("product_fts")), 0);
            QCOMPARE(rows(db, QStringLiteral("product_barcode")), 0);
            QCOMPARE(productIndexes(db), 0);
        });
        apply(page(Epoch, all.at(13).seq, true, all.mid(10, 4))); // the plaster, the old screw
        if (reopen) {
            const QString path = m_cache->path();
            m_cache.reset();
            m_cache = std::make_unique<CacheDatabase>(path);
            QString error;
            QVERIFY2(m_cache->open(&error), qPrintable(error));
        }
        check([&](QSqlDatabase &db) {
            QCOMPARE(stale(db), 1);
            QCOMPARE(rows(db, QStringLiteral("product")), 4);
            QCOMPARE(rows(db, QStringLiteral("product_fts")), 0);
            QCOMPARE(productIndexes(db), 0);
        });
        QList<SyncChange> rest = all.mid(14);
        rest.append(tombstone(last + 1, QStringLiteral("product"), uuid(QStringLiteral("nut"))));
        apply(page(Epoch, last + 1, false, rest));
        check([&](QSqlDatabase &db) {
            QCOMPARE(stale(db), 0);
            QCOMPARE(rows(db, QStringLiteral("product_fts")), 2); // the nut is gone, the old screw inactive
            QCOMPARE(found(db, QStringLiteral("болт")), 1);
            QCOMPARE(found(db, QStringLiteral("штукат")), 1);
            QCOMPARE(found(db, QStringLiteral("4600202409173")), 1);
            QCOMPARE(found(db, QStringLiteral("гайка")), 0);
            QCOMPARE(found(db, QStringLiteral("шуруп")), 0);
            QCOMPARE(productIndexes(db), 3);
            const auto plaster = CatalogQueries::productByBarcode(db, QStringLiteral("4600202409173"));
            QVERIFY(plaster.has_value());
            QCOMPARE(plaster->sku, QStringLiteral("СМ-10001"));
            QCOMPARE(rows(db, QStringLiteral("product_barcode"),
                          QStringLiteral("product_id = '%1'").arg(uuid(QStringLiteral("nut")))),
                     0);
        });

        // Pages after the initial sync keep the index in step row by row, has_more or not.
        apply(page(Epoch, last + 2, true,
                   {upsert(last + 2, QStringLiteral("product"), uuid(QStringLiteral("washer")),
                           productJson(QStringLiteral("washer"), QStringLiteral("Шайба М8"),
                                       QStringLiteral("КР-0004"), QStringLiteral("fasteners")))}));
        check([&](QSqlDatabase &db) {
            QCOMPARE(stale(db), 0);
            QCOMPARE(rows(db, QStringLiteral("product_fts")), 3);
            QCOMPARE(found(db, QStringLiteral("шайба")), 1);
        });
    }

    void aSearchIndexOutOfStepIsFilledAgainOnOpening_data()
    {
        QTest::addColumn<bool>("deleteTheFile");
        QTest::newRow("a commit of the cache file only") << false;
        QTest::newRow("the search file deleted") << true;
    }

    // The search index is in a file of its own that commits after the cache's file: after a
    // crash between the two (here: the search file rolled back to an older generation, or gone),
    // the cache fills it again from the products when it opens.
    void aSearchIndexOutOfStepIsFilledAgainOnOpening()
    {
        QFETCH(bool, deleteTheFile);
        applyCatalog();
        const QString path = m_cache->path();
        m_cache.reset();
        const QString searchPath = CacheSchema::searchIndexPath(path);
        if (deleteTheFile) {
            for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(searchPath + suffix);
        } else {
            const QString name = QStringLiteral("raw-search");
            {
                QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                raw.setDatabaseName(searchPath);
                QVERIFY(raw.open());
                QSqlQuery q(raw);
                QVERIFY(q.exec(QStringLiteral("DELETE FROM product_fts")));
                QVERIFY(q.exec(
                    QStringLiteral("UPDATE search_meta SET value = value - 1 WHERE key = 'generation'")));
                raw.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
        m_cache = std::make_unique<CacheDatabase>(path);
        QString error;
        QVERIFY2(m_cache->open(&error), qPrintable(error));
        check([](QSqlDatabase &db) {
            QCOMPARE(rows(db, QStringLiteral("product_fts")), 3);
            QCOMPARE(CatalogQueries::searchProducts(db, QStringLiteral("болт"), {}, 10).size(), 1);
        });
    }

    // During an initial sync prices, stock levels and bin locations are appended without their
    // key indexes. A row that changed meanwhile arrives twice and keeps its last version; a
    // tombstone removes the versions before it and none after it; the last page builds the key
    // indexes, and a later page upserts through them.
    void initialSyncKeepsTheLastVersionOfEachKey()
    {
        const QString boltRetail = priceKey(QStringLiteral("bolt"), QStringLiteral("retail"));
        const QString nutRetail = priceKey(QStringLiteral("nut"), QStringLiteral("retail"));
        const QString boltMsk = priceKey(QStringLiteral("bolt"), QStringLiteral("msk"));
        const QString boltSpb = priceKey(QStringLiteral("bolt"), QStringLiteral("spb"));
        auto price = [](const QString &product, const QString &value, qint64 seq) {
            return upsert(seq, QStringLiteral("price"), priceKey(product, QStringLiteral("retail")),
                          priceJson(product, QStringLiteral("retail"), value));
        };
        auto stock = [](const QString &warehouse, const QString &onHand, qint64 seq) {
            return upsert(seq, QStringLiteral("stock"), priceKey(QStringLiteral("bolt"), warehouse),
                          stockJson(QStringLiteral("bolt"), warehouse, onHand));
        };
        auto bin = [](const QString &warehouse, const QString &place, qint64 seq) {
            SyncChange change;
            change.seq = seq;
            change.entity = QStringLiteral("bin");
            change.id = priceKey(QStringLiteral("bolt"), warehouse);
            change.data = object(QStringLiteral(R"({"bin":"%1","product_id":"%2","warehouse_id":"%3"})")
                                     .arg(place, uuid(QStringLiteral("bolt")), uuid(warehouse)));
            return change;
        };
        auto keyIndexes = [](QSqlDatabase &db) {
            return rows(db, QStringLiteral("sqlite_master"),
                        QStringLiteral("type = 'index' AND name IN ('price_key', 'stock_key', "
                                       "'bin_location_key', 'bin_location_bin')"));
        };
        auto value = [](QSqlDatabase &db, const QString &sql) {
            QSqlQuery q(db);
            if (!q.exec(sql) || !q.next())
                return QString();
            return q.value(0).toString();
        };

        apply(page(Epoch, 10, true,
                   {price(QStringLiteral("bolt"), QStringLiteral("12.50"), 1),
                    price(QStringLiteral("nut"), QStringLiteral("3.20"), 2),
                    stock(QStringLiteral("msk"), QStringLiteral("728"), 3),
                    stock(QStringLiteral("spb"), QStringLiteral("4"), 4),
                    bin(QStringLiteral("msk"), QStringLiteral("A-01"), 5)}));
        check([&](QSqlDatabase &db) { QCOMPARE(keyIndexes(db), 0); });
        apply(page(Epoch, 20, true,
                   {price(QStringLiteral("bolt"), QStringLiteral("13.00"), 11),
                    tombstone(12, QStringLiteral("price"), nutRetail),
                    tombstone(13, QStringLiteral("stock"), boltSpb),
                    bin(QStringLiteral("msk"), QStringLiteral("B-07"), 14)}));
        check([&](QSqlDatabase &db) {
            QCOMPARE(rows(db, QStringLiteral("price")), 3); // appended: both versions of the bolt's
            QCOMPARE(rows(db, QStringLiteral("deferred_delete")), 2);
        });
        // The nut's price comes back after its tombstone: the tombstone must not take it.
        apply(page(Epoch, 30, false,
                   {price(QStringLiteral("nut"), QStringLiteral("3.40"), 21),
                    tombstone(22, QStringLiteral("bin"), boltSpb)}));
        check([&](QSqlDatabase &db) {
            QCOMPARE(keyIndexes(db), 4);
            QCOMPARE(rows(db, QStringLiteral("deferred_delete")), 0);
            QCOMPARE(rows(db, QStringLiteral("price")), 2);
            QCOMPARE(value(db,
                           QStringLiteral("SELECT unit_price_minor FROM price WHERE product_id || '/' || "
                                          "price_type_id = '%1'")
                               .arg(boltRetail)),
                     QStringLiteral("1300"));
            QCOMPARE(value(db,
                           QStringLiteral("SELECT unit_price_minor FROM price WHERE product_id || '/' || "
                                          "price_type_id = '%1'")
                               .arg(nutRetail)),
                     QStringLiteral("340"));
            QCOMPARE(rows(db, QStringLiteral("stock")), 1);
            QCOMPARE(value(db,
                           QStringLiteral("SELECT on_hand_milli FROM stock WHERE product_id || '/' || "
                                          "warehouse_id = '%1'")
                               .arg(boltMsk)),
                     QStringLiteral("728000"));
            QCOMPARE(rows(db, QStringLiteral("bin_location")), 1);
            QCOMPARE(value(db, QStringLiteral("SELECT bin FROM bin_location")), QStringLiteral("B-07"));
        });
        // After the initial sync a change upserts in place and a tombstone deletes at once.
        apply(page(Epoch, 40, false,
                   {price(QStringLiteral("bolt"), QStringLiteral("14.00"), 31),
                    tombstone(32, QStringLiteral("stock"), boltMsk)}));
        check([&](QSqlDatabase &db) {
            QCOMPARE(rows(db, QStringLiteral("price")), 2);
            QCOMPARE(rows(db, QStringLiteral("stock")), 0);
            QCOMPARE(rows(db, QStringLiteral("deferred_delete")), 0);
            QCOMPARE(value(db,
                           QStringLiteral("SELECT unit_price_minor FROM price WHERE product_id || '/' || "
                                          "price_type_id = '%1'")
                               .arg(boltRetail)),
                     QStringLiteral("1400"));
        });
    }

    // A sync cut short after its first page leaves the product indexes dropped; a reset (an
    // epoch change, a resync) creates them again with the emptied tables.
    void resetDuringAnInitialSyncCreatesTheIndexesAgain()
    {
        const QList<SyncChange> all = catalogChanges();
        apply(page(Epoch, all.at(9).seq, true, all.mid(0, 10)));
        auto productIndexes = [](QSqlDatabase &db) {
            return rows(db, QStringLiteral("sqlite_master"),
                        QStringLiteral("type = 'index' AND name IN ('product_group_name', 'product_sku', "
                                       "'product_barcode_product')"));
        };
        check([&](QSqlDatabase &db) { QCOMPARE(productIndexes(db), 0); });
        db([](QSqlDatabase &db) { CatalogCache::resetServerData(db); });
        check([&](QSqlDatabase &db) {
            QCOMPARE(productIndexes(db), 3);
            QCOMPARE(rows(db, QStringLiteral("meta"), QStringLiteral("key = 'search_index_stale'")), 0);
            QCOMPARE(rows(db, QStringLiteral("product")), 0);
        });
    }

    void resyncPageStartsOver()
    {
        applyCatalog();
        db([](QSqlDatabase &db) {
            CacheSql::exec(db,
                           QStringLiteral("INSERT INTO outbox (id, kind, payload, created_at) VALUES "
                                          "('op-1', 'order.submit', X'7B7D', '2026-11-29T20:00:00.000Z')"));
        });
        SyncPage resync = page(QStringLiteral("new-epoch.0"), 0, false, {});
        resync.resync = true;
        resync.head = 12907;
        apply(resync);
        check([](QSqlDatabase &db) {
            QCOMPARE(rows(db, QStringLiteral("product")), 0);
            QCOMPARE(rows(db, QStringLiteral("outbox")), 1);
            const SyncState state = CatalogCache::readSyncState(db);
            QCOMPARE(state.epoch, QStringLiteral("new-epoch.0"));
            QCOMPARE(state.cursor, 0);
            QCOMPARE(state.head, 12907);
        });
        // The new epoch's pages apply from 0.
        apply(page(QStringLiteral("new-epoch.0"), 100, false, catalogChanges()));
        QCOMPARE(db([](QSqlDatabase &db) { return rows(db, QStringLiteral("product")); }), 4);
    }
};

QTEST_GUILESS_MAIN(TestCatalogCache)
#include "tst_catalogcache.moc"