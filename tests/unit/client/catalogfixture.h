#pragma once

// Shared fixture of the catalog cache tests: stable ids, sync page builders, sample catalog data,
// SQL helpers, and a temporary cache database.

#include "cache/cachedatabase.h"
#include "cache/cacheschema.h"
#include "cache/catalogcache.h"
#include "protocol/codecs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

Q_DECLARE_METATYPE(portico::client::SyncChange)

namespace portico::client::catalogfixture {

// Stable ids for the fixture's rows.
inline QString uuid(const QString &name)
{
    static const QUuid Namespace = QUuid::fromString(u"6f1c1e0a-2b1e-4c55-9a57-3a1c7d4a0b10");
    return QUuid::createUuidV5(Namespace, name).toString(QUuid::WithoutBraces);
}
inline Id id(const QString &name)
{
    return Id::fromString(uuid(name));
}

inline QJsonObject object(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad fixture JSON: %s in %s", qPrintable(error.errorString()), qPrintable(json));
    return document.object();
}

inline SyncChange upsert(qint64 seq, const QString &entity, const QString &key, const QJsonObject &data)
{
    SyncChange change;
    change.seq = seq;
    change.entity = entity;
    change.id = key;
    change.data = data;
    return change;
}

inline SyncChange tombstone(qint64 seq, const QString &entity, const QString &key)
{
    SyncChange change;
    change.seq = seq;
    change.entity = entity;
    change.id = key;
    change.deleted = true;
    return change;
}

inline SyncPage page(const QString &epoch, qint64 cursor, bool hasMore, QList<SyncChange> changes)
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
inline QJsonObject groupJson(const QString &key, const QString &name, const QString &parentKey = {},
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

inline QJsonObject productJson(const QString &key, const QString &name, const QString &sku,
                               const QString &groupKey, const QStringList &barcodes = {}, bool active = true,
                               const QString &material = {})
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

inline QString priceKey(const QString &product, const QString &type)
{
    return uuid(product) + QLatin1Char('/') + uuid(type);
}

inline QJsonObject priceJson(const QString &product, const QString &type, const QString &unitPrice,
                             const QString &tiers = QStringLiteral("[]"))
{
    return object(
        QStringLiteral(
            R"({"currency":"RUB","price_type_id":"%1","product_id":"%2","tiers":%3,"unit_price":"%4"})")
            .arg(uuid(type), uuid(product), tiers, unitPrice));
}

inline QJsonObject stockJson(const QString &product, const QString &warehouse, const QString &onHand,
                             const QString &reserved = QStringLiteral("0"))
{
    return object(QStringLiteral(R"({"as_of":"2026-11-29T19:12:28Z","on_hand":"%1","product_id":"%2",)"
                                 R"("reserved":"%3","warehouse_id":"%4"})")
                      .arg(onHand, uuid(product), reserved, uuid(warehouse)));
}

inline QJsonObject customerJson(const QString &key, const QString &name)
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

inline QJsonObject orderJson(const QString &key, const QString &number, const QString &status,
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
inline QList<SyncChange> catalogChanges()
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

inline const QString Epoch = QStringLiteral("fb222abf-8fd1-4db9-bb52-2843dd85785d.0");
inline const QDateTime Now = QDateTime(QDate(2026, 11, 30), QTime(9, 15, 0), Qt::UTC);

inline int rows(QSqlDatabase &db, const QString &table, const QString &where = {})
{
    QSqlQuery q(db);
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM ") + table
        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    if (!q.exec(sql) || !q.next())
        throw CacheError(sql.toStdString());
    return q.value(0).toInt();
}

inline QVariant value(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        throw CacheError(sql.toStdString());
    return q.next() ? q.value(0) : QVariant();
}

// Every server-owned row, as one comparable snapshot.
inline QStringList snapshot(QSqlDatabase &db)
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
inline SyncPage pageFrom(const QByteArray &body)
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

inline QByteArray httpRequest(const QByteArray &method, const QByteArray &target, const QByteArray &token,
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

// A cache database in a temporary directory, opened before each test and closed after it.
class CatalogFixture
{
protected:
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
            // The search index's file, as the cache attaches it.
            QSqlQuery attach(reader);
            attach.prepare(QStringLiteral("ATTACH DATABASE ? AS search"));
            attach.addBindValue(CacheSchema::searchIndexPath(m_cache->path()));
            QVERIFY2(attach.exec(), qPrintable(attach.lastError().text()));
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

    void openCache()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_cache = std::make_unique<CacheDatabase>(m_dir->filePath(QStringLiteral("cache.db")));
        QString error;
        QVERIFY2(m_cache->open(&error), qPrintable(error));
    }

    void closeCache()
    {
        m_cache.reset();
        m_dir.reset();
    }
};

} // namespace portico::client::catalogfixture
