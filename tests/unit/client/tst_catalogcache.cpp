#include "cache/cachedatabase.h"
#include "cache/cachesql.h"
#include "cache/catalogcache.h"
#include "cache/catalogqueries.h"
#include "protocol/codecs.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace portico;
using portico::client::CacheDatabase;
using portico::client::CacheError;
using portico::client::SyncChange;
using portico::client::SyncPage;
using portico::client::SyncState;
namespace CatalogCache = portico::client::CatalogCache;
namespace CatalogQueries = portico::client::CatalogQueries;
namespace CacheSql = portico::client::CacheSql;

Q_DECLARE_METATYPE(portico::client::SyncChange)

namespace {

// Stable ids for the fixture's rows.
QString uuid(const QString &name)
{
    static const QUuid Namespace = QUuid::fromString(u"6f1c1e0a-2b1e-4c55-9a57-3a1c7d4a0b10");
    return QUuid::createUuidV5(Namespace, name).toString(QUuid::WithoutBraces);
}
Id id(const QString &name)
{
    return Id::fromString(uuid(name));
}

QJsonObject object(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad fixture JSON: %s in %s", qPrintable(error.errorString()), qPrintable(json));
    return document.object();
}

SyncChange upsert(qint64 seq, const QString &entity, const QString &key, const QJsonObject &data)
{
    SyncChange change;
    change.seq = seq;
    change.entity = entity;
    change.id = key;
    change.data = data;
    return change;
}

SyncChange tombstone(qint64 seq, const QString &entity, const QString &key)
{
    SyncChange change;
    change.seq = seq;
    change.entity = entity;
    change.id = key;
    change.deleted = true;
    return change;
}

SyncPage page(const QString &epoch, qint64 cursor, bool hasMore, QList<SyncChange> changes)
{
    SyncPage p;
    p.epoch = epoch;
    p.cursor = cursor;
    p.head = cursor + (hasMore ? 100 : 0);
    p.hasMore = hasMore;
    p.changes = std::move(changes);
    return p;
}

// Rows shaped as the server's feed sends them (captured from `portico-server demo`).
QJsonObject groupJson(const QString &key, const QString &name, const QString &parentKey = {},
                      int sortOrder = 100)
{
    QJsonObject json
        = object(QStringLiteral(R"({"external_id":"ext-%1","id":"%2","name":"%3","sort_order":%4})")
                     .arg(key, uuid(key), name)
                     .arg(sortOrder));
    json.insert(QStringLiteral("parent_id"),
                parentKey.isEmpty() ? QJsonValue() : QJsonValue(uuid(parentKey)));
    return json;
}

QJsonObject productJson(const QString &key, const QString &name, const QString &sku, const QString &groupKey,
                        const QStringList &barcodes = {}, bool active = true, const QString &material = {})
{
    QJsonObject json = object(
        QStringLiteral(
            R"({"description":"Описание.","external_id":"ext-%1","id":"%2","image_ref":"","name":"%3","sku":"%4",)"
            R"("unit":{"name":"шт","okei_code":"796"},"vat_rate":"20","volume_m3":"0.004","weight_kg":"5.15"})")
            .arg(key, uuid(key), name, sku));
    json.insert(QStringLiteral("group_id"), uuid(groupKey));
    json.insert(QStringLiteral("barcodes"), QJsonArray::fromStringList(barcodes));
    json.insert(QStringLiteral("active"), active);
    QJsonArray properties;
    if (!material.isEmpty()) {
        properties.append(object(QStringLiteral(R"({"property_id":"%1","value":"%2","value_id":"%3"})")
                                     .arg(uuid(QStringLiteral("material")), material, uuid(material))));
    }
    properties.append(object(QStringLiteral(R"({"property_id":"%1","value":"5 кг","value_id":null})")
                                 .arg(uuid(QStringLiteral("size")))));
    json.insert(QStringLiteral("properties"), properties);
    return json;
}

QString priceKey(const QString &product, const QString &type)
{
    return uuid(product) + QLatin1Char('/') + uuid(type);
}

QJsonObject priceJson(const QString &product, const QString &type, const QString &unitPrice,
                      const QString &tiers = QStringLiteral("[]"))
{
    return object(
        QStringLiteral(
            R"({"currency":"RUB","price_type_id":"%1","product_id":"%2","tiers":%3,"unit_price":"%4"})")
            .arg(uuid(type), uuid(product), tiers, unitPrice));
}

QJsonObject stockJson(const QString &product, const QString &warehouse, const QString &onHand,
                      const QString &reserved = QStringLiteral("0"))
{
    return object(QStringLiteral(R"({"as_of":"2026-11-29T19:12:28Z","on_hand":"%1","product_id":"%2",)"
                                 R"("reserved":"%3","warehouse_id":"%4"})")
                      .arg(onHand, uuid(product), reserved, uuid(warehouse)));
}

QJsonObject customerJson(const QString &key, const QString &name)
{
    return object(
        QStringLiteral(
            R"({"addresses":[{"kind":"legal","postal_code":"101440","text":"101440, г. Москва, ул. Заводская, д. 99"}],)"
            R"("assigned_rep_id":null,"blocked":false,"contacts":[{"email":"snab@example.ru","name":"Егоров М. А.",)"
            R"("phone":"+7 (495) 539-38-72"}],"credit":{"available":"58999.94","balance":"41000.06","currency":"RUB",)"
            R"("open_orders":"0.00","overdue":"0.00"},"credit_limit":"100000.00","currency":"RUB","discount_bp":300,)"
            R"("external_id":"ext","id":"%1","inn":"7714687783","kpp":"771401001","legal_name":"ООО «%2»","name":"%2",)"
            R"("payment_terms_days":14,"price_type_id":"%3"})")
            .arg(uuid(key), name, uuid(QStringLiteral("wholesale"))));
}

QJsonObject orderJson(const QString &key, const QString &number, const QString &status,
                      const QString &clientNumber = QStringLiteral("M1-000001"))
{
    return object(
        QStringLiteral(
            R"({"client_number":"%4","comment":"","created_at":"2026-11-29T20:59:28Z","created_by":null,)"
            R"("currency":"RUB","customer_id":"%2","delivery_date":"2026-12-04","external_id":"",)"
            R"("history":[{"at":"2026-11-29T20:59:28Z","by_user_id":null,"from":"draft","reason":"","to":"submitted"},)"
            R"({"at":"2026-11-29T21:03:28Z","by_user_id":null,"from":"submitted","reason":"server decision","to":"%3"}],)"
            R"("id":"%1","lines":[{"amount":"1067.78","discount_bp":300,"line_no":1,"product_id":"%5","quantity":"1",)"
            R"("total":"1067.78","unit_price":"1100.80","vat_amount":"177.96","vat_rate":"20"}],"number":"%6",)"
            R"("outcome":{"credit":{"outcome":"ok","reasons":[]},"reasons":[],"status":"%3"},)"
            R"("price_type_id":null,"prices_as_of":"2026-11-29T11:02:28Z","status":"%3",)"
            R"("totals":{"discount":"33.02","net":"889.82","total":"1067.78","vat":"177.96"},"warehouse_id":null})")
            .arg(uuid(key), uuid(QStringLiteral("romashka")), status, clientNumber,
                 uuid(QStringLiteral("bolt")), number));
}

// The first page of a small catalog: every entity the feed knows, and one it does not.
QList<SyncChange> catalogChanges()
{
    qint64 seq = 0;
    QList<SyncChange> changes;
    auto add = [&](const QString &entity, const QString &key, const QJsonObject &data) {
        changes.append(upsert(++seq, entity, key, data));
    };
    add(QStringLiteral("price_type"), uuid(QStringLiteral("retail")),
        object(QStringLiteral(
                   R"({"currency":"RUB","external_id":"","id":"%1","name":"Розничная","vat_included":true})")
                   .arg(uuid(QStringLiteral("retail")))));
    add(QStringLiteral("price_type"), uuid(QStringLiteral("wholesale")),
        object(QStringLiteral(
                   R"({"currency":"RUB","external_id":"","id":"%1","name":"Оптовая","vat_included":true})")
                   .arg(uuid(QStringLiteral("wholesale")))));
    add(QStringLiteral("warehouse"), uuid(QStringLiteral("msk")),
        object(QStringLiteral(R"({"address":"г. Москва","external_id":"","id":"%1","name":"Склад Москва"})")
                   .arg(uuid(QStringLiteral("msk")))));
    add(QStringLiteral("warehouse"), uuid(QStringLiteral("spb")),
        object(QStringLiteral(
                   R"({"address":"г. Санкт-Петербург","external_id":"","id":"%1","name":"Склад СПб"})")
                   .arg(uuid(QStringLiteral("spb")))));
    add(QStringLiteral("group"), uuid(QStringLiteral("build")),
        groupJson(QStringLiteral("build"), QStringLiteral("Строительные материалы")));
    add(QStringLiteral("group"), uuid(QStringLiteral("fasteners")),
        groupJson(QStringLiteral("fasteners"), QStringLiteral("Крепёж"), QStringLiteral("build"), 200));
    add(QStringLiteral("group"), uuid(QStringLiteral("mixes")),
        groupJson(QStringLiteral("mixes"), QStringLiteral("Сухие смеси"), QStringLiteral("build"), 100));
    add(QStringLiteral("property"), uuid(QStringLiteral("material")),
        object(
            QStringLiteral(R"({"external_id":"","id":"%1","name":"Материал","type":"reference","values":[]})")
                .arg(uuid(QStringLiteral("material")))));
    add(QStringLiteral("product"), uuid(QStringLiteral("bolt")),
        productJson(QStringLiteral("bolt"), QStringLiteral("Болт М8х40 оцинкованный"),
                    QStringLiteral("КР-0001"), QStringLiteral("fasteners"), {QStringLiteral("4600000000011")},
                    true, QStringLiteral("Сталь")));
    add(QStringLiteral("product"), uuid(QStringLiteral("nut")),
        productJson(QStringLiteral("nut"), QStringLiteral("Гайка М8"), QStringLiteral("КР-0002"),
                    QStringLiteral("fasteners"),
                    {QStringLiteral("4600000000028"), QStringLiteral("4800000000025")}));
    add(QStringLiteral("product"), uuid(QStringLiteral("plaster")),
        productJson(QStringLiteral("plaster"), QStringLiteral("Штукатурка гипсовая Уралсмесь 5 кг"),
                    QStringLiteral("СМ-10001"), QStringLiteral("mixes"), {QStringLiteral("4600202409173")},
                    true, QStringLiteral("Гипс")));
    add(QStringLiteral("product"), uuid(QStringLiteral("old-screw")),
        productJson(QStringLiteral("old-screw"), QStringLiteral("Шуруп снятый с производства"),
                    QStringLiteral("КР-0003"), QStringLiteral("fasteners"), {QStringLiteral("4600000000035")},
                    false));
    add(QStringLiteral("price"), priceKey(QStringLiteral("bolt"), QStringLiteral("retail")),
        priceJson(QStringLiteral("bolt"), QStringLiteral("retail"), QStringLiteral("12.50")));
    add(QStringLiteral("price"), priceKey(QStringLiteral("bolt"), QStringLiteral("wholesale")),
        priceJson(
            QStringLiteral("bolt"), QStringLiteral("wholesale"), QStringLiteral("10.00"),
            QStringLiteral(
                R"([{"min_quantity":"100","unit_price":"9.50"},{"min_quantity":"1000","unit_price":"9.00"}])")));
    add(QStringLiteral("price"), priceKey(QStringLiteral("nut"), QStringLiteral("retail")),
        priceJson(QStringLiteral("nut"), QStringLiteral("retail"), QStringLiteral("3.20")));
    add(QStringLiteral("stock"), priceKey(QStringLiteral("bolt"), QStringLiteral("msk")),
        stockJson(QStringLiteral("bolt"), QStringLiteral("msk"), QStringLiteral("728"),
                  QStringLiteral("28.5")));
    add(QStringLiteral("stock"), priceKey(QStringLiteral("bolt"), QStringLiteral("spb")),
        stockJson(QStringLiteral("bolt"), QStringLiteral("spb"), QStringLiteral("4")));
    add(QStringLiteral("stock"), priceKey(QStringLiteral("plaster"), QStringLiteral("msk")),
        stockJson(QStringLiteral("plaster"), QStringLiteral("msk"), QStringLiteral("0")));
    add(QStringLiteral("customer"), uuid(QStringLiteral("romashka")),
        customerJson(QStringLiteral("romashka"), QStringLiteral("Ромашка")));
    add(QStringLiteral("order"), uuid(QStringLiteral("order-1")),
        orderJson(QStringLiteral("order-1"), QStringLiteral("P-000300"), QStringLiteral("accepted")));
    add(QStringLiteral("document"), uuid(QStringLiteral("invoice-1")),
        object(
            QStringLiteral(R"({"amount":"1067.78","currency":"RUB","customer_id":"%1","date":"2026-11-30",)"
                           R"("external_id":"","file_name":"","file_ref":"","id":"%2","kind":"invoice",)"
                           R"("number":"СЧ-17","order_id":"%3"})")
                .arg(uuid(QStringLiteral("romashka")), uuid(QStringLiteral("invoice-1")),
                     uuid(QStringLiteral("order-1")))));
    // An entity a newer server may send; this build has nowhere to put it.
    add(QStringLiteral("promotion"), uuid(QStringLiteral("promo")),
        object(QStringLiteral(R"({"id":"%1","name":"Скидки недели"})").arg(uuid(QStringLiteral("promo")))));
    return changes;
}

const QString Epoch = QStringLiteral("fb222abf-8fd1-4db9-bb52-2843dd85785d.0");
const QDateTime Now = QDateTime(QDate(2026, 11, 30), QTime(9, 15, 0), Qt::UTC);

int rows(QSqlDatabase &db, const QString &table, const QString &where = {})
{
    QSqlQuery q(db);
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM ") + table
        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    if (!q.exec(sql) || !q.next())
        throw CacheError(sql.toStdString());
    return q.value(0).toInt();
}

QVariant value(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        throw CacheError(sql.toStdString());
    return q.next() ? q.value(0) : QVariant();
}

// Every server-owned row, as one comparable snapshot.
QStringList snapshot(QSqlDatabase &db)
{
    QStringList lines;
    for (const char *table :
         {"product_group", "property", "product", "product_barcode", "price_type", "price", "warehouse",
          "stock", "customer", "document", "orders", "sync_state"}) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(QLatin1String(table)));
        while (q.next()) {
            QStringList fields;
            for (int i = 0; i < q.record().count(); ++i)
                fields.append(q.value(i).toString());
            lines.append(QLatin1String(table) + QLatin1Char(':') + fields.join(QLatin1Char('|')));
        }
    }
    lines.append(QStringLiteral("fts:%1").arg(rows(db, QStringLiteral("product_fts"))));
    return lines;
}

// A GET /api/v1/sync body as a SyncPage (the fields the cache reads; the client's strict parser
// has tests of its own).
SyncPage pageFrom(const QByteArray &body)
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    SyncPage p;
    p.epoch = json.value(QLatin1String("epoch")).toString();
    p.cursor = json.value(QLatin1String("cursor")).toInteger();
    p.head = json.value(QLatin1String("head")).toInteger();
    p.hasMore = json.value(QLatin1String("has_more")).toBool();
    p.resync = json.value(QLatin1String("resync")).toBool();
    const QJsonArray changes = json.value(QLatin1String("changes")).toArray();
    for (const QJsonValue &value : changes) {
        const QJsonObject change = value.toObject();
        SyncChange c;
        c.seq = change.value(QLatin1String("seq")).toInteger();
        c.entity = change.value(QLatin1String("entity")).toString();
        c.id = change.value(QLatin1String("id")).toString();
        c.deleted = change.value(QLatin1String("deleted")).toBool();
        c.data = change.value(QLatin1String("data")).toObject();
        p.changes.append(c);
    }
    p.bytes = body.size();
    return p;
}

QByteArray httpRequest(const QByteArray &method, const QByteArray &target, const QByteArray &token,
                       const QByteArray &body = {})
{
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token + "\r\n";
    if (!body.isEmpty())
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n";
    return request + "\r\n" + body;
}

} // namespace

class TestCatalogCache final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CacheDatabase> m_cache;

    template<typename F>
    auto db(F &&job)
    {
        return m_cache->run(std::forward<F>(job));
    }

    // Runs assertions on this thread, over a connection of its own to the cache file: Qt Test
    // records failures on the thread that runs the test, and WAL lets a reader see every
    // committed page while the cache's own connection stays open.
    template<typename F>
    void check(F &&assertions)
    {
        const QString name = QUuid::createUuid().toString();
        {
            QSqlDatabase reader = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            reader.setDatabaseName(m_cache->path());
            QVERIFY(reader.open());
            assertions(reader);
            reader.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    void apply(const SyncPage &p)
    {
        db([&p](QSqlDatabase &db) { CatalogCache::applyPage(db, p, Now); });
    }

    void applyCatalog() { apply(page(Epoch, 100, false, catalogChanges())); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_cache = std::make_unique<CacheDatabase>(m_dir->filePath(QStringLiteral("cache.db")));
        QString error;
        QVERIFY2(m_cache->open(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_cache.reset();
        m_dir.reset();
    }

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

    void queriesReadWhatThePageWrote()
    {
        applyCatalog();
        check([](QSqlDatabase &db) {
            // The tree: counts of active products, own and below.
            const QList<client::GroupNode> tree = CatalogQueries::groupTree(db);
            QCOMPARE(tree.size(), 3);
            QHash<Id, client::GroupNode> byId;
            for (const auto &node : tree)
                byId.insert(node.id, node);
            QCOMPARE(byId.value(id(QStringLiteral("fasteners"))).productCount, 2);
            QCOMPARE(byId.value(id(QStringLiteral("fasteners"))).parentId, id(QStringLiteral("build")));
            QCOMPARE(byId.value(id(QStringLiteral("mixes"))).productCount, 1);
            QCOMPARE(byId.value(id(QStringLiteral("build"))).productCount, 0);
            QCOMPARE(byId.value(id(QStringLiteral("build"))).totalProductCount, 3);
            QCOMPARE(tree.at(1).name, QStringLiteral("Сухие смеси")); // sort order 100 before 200

            // A group's products by name, with the price of the type asked for and stock.
            const auto products = CatalogQueries::groupProducts(db, id(QStringLiteral("fasteners")),
                                                                id(QStringLiteral("wholesale")), 0, 50);
            QCOMPARE(products.size(), 2);
            QCOMPARE(products.at(0).name, QStringLiteral("Болт М8х40 оцинкованный"));
            QCOMPARE(products.at(1).name, QStringLiteral("Гайка М8"));
            QCOMPARE(products.at(0).price, Money::fromMinor(1000, Currency::rub()));
            QVERIFY(!products.at(1).price.has_value()); // the nut has no wholesale price
            QCOMPARE(products.at(0).stock.size(), 2);
            QCOMPARE(products.at(0).available(), Quantity::fromMilli(703500)); // 728 - 28.5 + 4
            QCOMPARE(products.at(0).barcodes, QStringList {QStringLiteral("4600000000011")});
            QCOMPARE(products.at(0).unitName, QStringLiteral("шт"));
            QCOMPARE(products.at(1).barcodes.size(), 2);
            QCOMPARE(CatalogQueries::groupProductCount(db, id(QStringLiteral("fasteners"))), 2);
            const auto second = CatalogQueries::groupProducts(db, id(QStringLiteral("fasteners")),
                                                              id(QStringLiteral("retail")), 1, 50);
            QCOMPARE(second.size(), 1);
            QCOMPARE(second.at(0).price, Money::fromMinor(320, Currency::rub()));

            // Full products, decoded from the stored JSON.
            const auto bolt = CatalogQueries::product(db, id(QStringLiteral("bolt")));
            QVERIFY(bolt.has_value());
            QCOMPARE(bolt->sku, QStringLiteral("КР-0001"));
            QCOMPARE(bolt->properties.size(), 2);
            QCOMPARE(bolt->properties.at(0).value, QStringLiteral("Сталь"));
            QCOMPARE(bolt->weightKg, Quantity::fromMilli(5150));
            const auto expected = protocol::fromJson<Product>(QJsonValue(catalogChanges().at(8).data));
            QVERIFY(expected.ok());
            QCOMPARE(*bolt, expected.value());
            QVERIFY(!CatalogQueries::product(db, id(QStringLiteral("missing"))).has_value());

            QCOMPARE(CatalogQueries::productByBarcode(db, QStringLiteral("4800000000025"))->id,
                     id(QStringLiteral("nut")));
            QVERIFY(!CatalogQueries::productByBarcode(db, QStringLiteral("4800000000000")).has_value());
            QCOMPARE(CatalogQueries::productBySku(db, QStringLiteral("кр-0002"))->id,
                     id(QStringLiteral("nut")));
            QCOMPARE(CatalogQueries::productBySku(db, QStringLiteral("СМ-10001"))->id,
                     id(QStringLiteral("plaster")));
            // Inactive products are still found by key.
            const auto old = CatalogQueries::productBySku(db, QStringLiteral("КР-0003"));
            QVERIFY(old.has_value());
            QVERIFY(!old->active);

            const auto price
                = CatalogQueries::price(db, id(QStringLiteral("bolt")), id(QStringLiteral("wholesale")));
            QVERIFY(price.has_value());
            QCOMPARE(price->unitPrice, Money::fromMinor(1000, Currency::rub()));
            QCOMPARE(price->tiers.size(), 2);
            QCOMPARE(price->tiers.at(1).minQuantity, Quantity::fromInt(1000));
            QCOMPARE(price->tiers.at(1).unitPrice, Money::fromMinor(900, Currency::rub()));
            QVERIFY(!CatalogQueries::price(db, id(QStringLiteral("nut")), id(QStringLiteral("wholesale")))
                         .has_value());

            const auto types = CatalogQueries::priceTypes(db);
            QCOMPARE(types.size(), 2);
            QCOMPARE(types.at(0).name, QStringLiteral("Оптовая"));
            const auto stores = CatalogQueries::warehouses(db);
            QCOMPARE(stores.size(), 2);
            QCOMPARE(stores.at(0).name, QStringLiteral("Склад Москва"));

            const auto levels = CatalogQueries::stock(db, id(QStringLiteral("bolt")));
            QCOMPARE(levels.size(), 2);
            for (const auto &level : levels) {
                QCOMPARE(level.asOf, QDateTime(QDate(2026, 11, 29), QTime(19, 12, 28), Qt::UTC));
                if (level.warehouseId == id(QStringLiteral("msk"))) {
                    QCOMPARE(level.onHand, Quantity::fromInt(728));
                    QCOMPARE(level.reserved, Quantity::fromMilli(28500));
                }
            }

            const auto customers = CatalogQueries::customers(db);
            QCOMPARE(customers.size(), 1);
            QCOMPARE(customers.at(0).name, QStringLiteral("Ромашка"));
            QCOMPARE(customers.at(0).discount, 300);
            QCOMPARE(customers.at(0).creditLimit, Money::fromMinor(10000000, Currency::rub()));
            QVERIFY(customers.at(0).credit.has_value());
            QCOMPARE(customers.at(0).credit->balance, Money::fromMinor(4100006, Currency::rub()));
            QCOMPARE(customers.at(0).credit->available, Money::fromMinor(5899994, Currency::rub()));
            QCOMPARE(CatalogQueries::customers(db, QStringLiteral("РОМАШ")).size(), 1);
            QCOMPARE(CatalogQueries::customers(db, QStringLiteral("7714687")).size(), 1);
            QCOMPARE(CatalogQueries::customers(db, QStringLiteral("лютик")).size(), 0);
            const auto customer = CatalogQueries::customer(db, id(QStringLiteral("romashka")));
            QVERIFY(customer.has_value());
            QCOMPARE(customer->legalName, QStringLiteral("ООО «Ромашка»"));
            QCOMPARE(customer->contacts.size(), 1);
            QCOMPARE(customer->priceTypeId, id(QStringLiteral("wholesale")));
            QCOMPARE(CatalogQueries::customerCredit(db, id(QStringLiteral("romashka")))->overdue,
                     Money::zero(Currency::rub()));

            const auto orders = CatalogQueries::orders(db);
            QCOMPARE(orders.size(), 1);
            QCOMPARE(orders.at(0).number, QStringLiteral("P-000300"));
            QCOMPARE(orders.at(0).clientNumber, QStringLiteral("M1-000001"));
            QCOMPARE(orders.at(0).status, OrderStatus::Accepted);
            QCOMPARE(orders.at(0).total, Money::fromMinor(106778, Currency::rub()));
            QCOMPARE(orders.at(0).updatedAt, QDateTime(QDate(2026, 11, 29), QTime(21, 3, 28), Qt::UTC));
            QCOMPARE(orders.at(0).createdAt, QDateTime(QDate(2026, 11, 29), QTime(20, 59, 28), Qt::UTC));
            // Stored in the cache's one timestamp format, so local and server orders sort together.
            QCOMPARE(value(db, QStringLiteral("SELECT created_at FROM orders")).toString(),
                     QStringLiteral("2026-11-29T20:59:28.000Z"));
            QVERIFY(orders.at(0).onServer);
            QVERIFY(orders.at(0).localState.isEmpty());
            const auto order = CatalogQueries::serverOrder(db, id(QStringLiteral("order-1")));
            QVERIFY(order.has_value());
            QCOMPARE(order->lines.size(), 1);
            QCOMPARE(order->history.size(), 2);
            QCOMPARE(CatalogQueries::orders(db, {id(QStringLiteral("someone-else")), false, 0, 100}).size(),
                     0);
        });
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
            QCOMPARE(rows(db, QStringLiteral("meta")), 1);
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

    // An initial sync in several pages skips the search index and rebuilds it at the page with
    // has_more false, also when the sync was interrupted and continues on a reopened cache.
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

        apply(page(Epoch, all.at(9).seq, true, all.mid(0, 10))); // up to the bolt and the nut
        check([&](QSqlDatabase &db) {
            QCOMPARE(stale(db), 1);
            QCOMPARE(rows(db, QStringLiteral("product")), 2);
            QCOMPARE(rows(db, QStringLiteral("product_fts")), 0);
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
