#include "catalog/catalogrepository.h"

#include "catalog/catalogfeed.h"
#include "catalog/feedjson.h"
#include "protocol/codecs.h"
#include "storage/bulkrows.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "storage/valuerows.h"
#include "sync/feedbatch.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QStringList>

#include <algorithm>

namespace portico::server {

namespace {

QString placeholders(qsizetype count, const QString &prefix)
{
    QStringList names;
    names.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        names << QLatin1Char(':') + prefix + QString::number(i);
    return names.join(QLatin1Char(','));
}

// Binds ids to :p0..:pN of a statement built with placeholders(n, "p").
void bindIds(Sql &query, const QList<Id> &ids, const QString &prefix)
{
    for (qsizetype i = 0; i < ids.size(); ++i)
        query.bind(QLatin1Char(':') + prefix + QString::number(i), idText(ids.at(i)));
}

// Runs `fn(chunk)` over ids in chunks small enough for every driver's parameter limit.
template<typename Fn>
void forChunks(const QList<Id> &ids, Fn &&fn)
{
    constexpr qsizetype Chunk = 500;
    for (qsizetype start = 0; start < ids.size(); start += Chunk)
        fn(ids.mid(start, Chunk));
}

QString tiersJson(const QList<VolumeTier> &tiers)
{
    if (tiers.isEmpty()) // most prices: no need to build a document for it
        return QStringLiteral("[]");
    QJsonArray array;
    for (const auto &tier : tiers)
        array.append(QJsonArray {tier.minQuantity.milli(), tier.unitPrice.minor()});
    return compactJson(array);
}

Product productFrom(const Sql &q)
{
    Product p;
    p.id = idFrom(q.value(0));
    p.externalId = q.value(1).toString();
    p.sku = q.value(2).toString();
    p.name = q.value(3).toString();
    p.description = q.value(4).toString();
    p.groupId = idFrom(q.value(5));
    p.unit = {q.value(6).toString(), q.value(7).toString()};
    p.vatRate = vatRateFromString(q.value(8).toString()).value_or(VatRate::Twenty);
    p.weightKg = Quantity::fromMilli(q.value(9).toLongLong());
    p.volumeM3 = Quantity::fromMilli(q.value(10).toLongLong());
    p.imageRef = q.value(11).toString();
    p.active = q.value(12).toBool();
    const auto images = jsonArrayFrom(q.value(15));
    for (const auto &image : images)
        p.images << image.toString();
    const auto barcodes = jsonArrayFrom(q.value(13));
    for (const auto &barcode : barcodes)
        p.barcodes << barcode.toString();
    const auto properties = jsonArrayFrom(q.value(14));
    for (const auto &item : properties) {
        const auto object = item.toObject();
        p.properties.append({Id::fromString(object.value(QStringLiteral("property_id")).toString()),
                             Id::fromString(object.value(QStringLiteral("value_id")).toString()),
                             object.value(QStringLiteral("value")).toString()});
    }
    return p;
}

bool isPostgres(const QSqlDatabase &db)
{
    return db.driver()->dbmsType() == QSqlDriver::PostgreSQL;
}

// What an upsert of a product row updates when the id is stored already.
const QString ProductUpsert = QStringLiteral(
    " ON CONFLICT (id) DO UPDATE SET external_id = excluded.external_id, sku = excluded.sku, "
    "name = excluded.name, description = excluded.description, group_id = excluded.group_id, "
    "unit_code = excluded.unit_code, unit_name = excluded.unit_name, vat_rate = excluded.vat_rate, "
    "weight_milli = excluded.weight_milli, volume_milli = excluded.volume_milli, "
    "image_ref = excluded.image_ref, active = excluded.active, barcodes_json = excluded.barcodes_json, "
    "properties_json = excluded.properties_json, images_json = excluded.images_json");

const QString ProductColumns = QStringLiteral(
    "id, external_id, sku, name, description, group_id, unit_code, unit_name, vat_rate, weight_milli, "
    "volume_milli, image_ref, active, barcodes_json, properties_json, images_json");

} // namespace

QList<VolumeTier> tiersFrom(const QVariant &json, Currency currency)
{
    QList<VolumeTier> tiers;
    const auto array = jsonArrayFrom(json);
    for (const auto &item : array) {
        const auto pair = item.toArray();
        tiers.append({Quantity::fromMilli(pair.at(0).toInteger()),
                      Money::fromMinor(pair.at(1).toInteger(), currency)});
    }
    return tiers;
}

QString priceFeedId(const Id &productId, const Id &priceTypeId)
{
    return idText(productId) + QLatin1Char('/') + idText(priceTypeId);
}

QString stockFeedId(const Id &productId, const Id &warehouseId)
{
    return idText(productId) + QLatin1Char('/') + idText(warehouseId);
}

void CatalogRepository::upsertGroups(const QList<ProductGroup> &groups, FeedBatch &feed)
{
    Sql q(m_tx,
          QStringLiteral(
              "INSERT INTO product_groups (id, external_id, parent_id, name, sort_order) "
              "VALUES (:id, :ext, :parent, :name, :sort) ON CONFLICT (id) DO UPDATE SET "
              "external_id = excluded.external_id, parent_id = excluded.parent_id, name = excluded.name, "
              "sort_order = excluded.sort_order"));
    for (const auto &g : groups) {
        q.bind(QStringLiteral(":id"), idText(g.id))
            .bind(QStringLiteral(":ext"), textOrNull(g.externalId))
            .bind(QStringLiteral(":parent"), idValue(g.parentId))
            .bind(QStringLiteral(":name"), g.name)
            .bind(QStringLiteral(":sort"), g.sortOrder)
            .exec();
        feed.upsert(entity::Group, idText(g.id), Audience::everyone(), protocol::toJson(g));
    }
}

void CatalogRepository::upsertProperties(const QList<Property> &properties, FeedBatch &feed)
{
    Sql q(m_tx,
          QStringLiteral("INSERT INTO properties (id, external_id, name, type, values_json) "
                         "VALUES (:id, :ext, :name, :type, :vals) ON CONFLICT (id) DO UPDATE SET "
                         "external_id = excluded.external_id, name = excluded.name, type = excluded.type, "
                         "values_json = excluded.values_json"));
    for (const auto &p : properties) {
        const QJsonObject json = protocol::toJson(p);
        q.bind(QStringLiteral(":id"), idText(p.id))
            .bind(QStringLiteral(":ext"), textOrNull(p.externalId))
            .bind(QStringLiteral(":name"), p.name)
            .bind(QStringLiteral(":type"), protocol::propertyTypeToString(p.type))
            .bind(QStringLiteral(":vals"), compactJson(json.value(QStringLiteral("values")).toArray()))
            .exec();
        feed.upsert(entity::Property, idText(p.id), Audience::everyone(), json);
    }
}

void CatalogRepository::upsertProducts(const QList<Product> &products, FeedBatch &feed)
{
    if (products.isEmpty())
        return;
    raiseRevision();
    Sql q(m_tx,
          QStringLiteral("INSERT INTO products (") + ProductColumns
              + QStringLiteral(
                  ") VALUES (:id, :ext, :sku, :name, :descr, :grp, :ucode, :uname, :vat, :weight, :volume, "
                  ":image, :active, :barcodes, :props, :images)")
              + ProductUpsert);
    Sql clearBarcodes(m_tx, QStringLiteral("DELETE FROM product_barcodes WHERE product_id = :id"));
    Sql addBarcode(
        m_tx,
        QStringLiteral(
            "INSERT INTO product_barcodes (barcode, product_id) VALUES (:code, :id) ON CONFLICT DO NOTHING"));
    for (const auto &p : products) {
        const QJsonObject json = protocol::toJson(p);
        const QString id = idText(p.id);
        q.bind(QStringLiteral(":id"), id)
            .bind(QStringLiteral(":ext"), textOrNull(p.externalId))
            .bind(QStringLiteral(":sku"), p.sku)
            .bind(QStringLiteral(":name"), p.name)
            .bind(QStringLiteral(":descr"), p.description)
            .bind(QStringLiteral(":grp"), idValue(p.groupId))
            .bind(QStringLiteral(":ucode"), p.unit.okeiCode)
            .bind(QStringLiteral(":uname"), p.unit.name)
            .bind(QStringLiteral(":vat"), vatRateToString(p.vatRate))
            .bind(QStringLiteral(":weight"), p.weightKg.milli())
            .bind(QStringLiteral(":volume"), p.volumeM3.milli())
            .bind(QStringLiteral(":image"), p.imageRef)
            .bind(QStringLiteral(":active"), p.active)
            .bind(QStringLiteral(":barcodes"), compactJson(json.value(QStringLiteral("barcodes")).toArray()))
            .bind(QStringLiteral(":props"), compactJson(json.value(QStringLiteral("properties")).toArray()))
            .bind(QStringLiteral(":images"), compactJson(json.value(QStringLiteral("images")).toArray()))
            .exec();
        clearBarcodes.bind(QStringLiteral(":id"), id).exec();
        for (const auto &barcode : p.barcodes)
            addBarcode.bind(QStringLiteral(":code"), barcode).bind(QStringLiteral(":id"), id).exec();
        feed.upsert(entity::Product, id, Audience::everyone(), json);
    }
}

void CatalogRepository::upsertPriceTypes(const QList<PriceType> &priceTypes, FeedBatch &feed)
{
    if (priceTypes.isEmpty())
        return;
    raiseRevision();
    Sql q(m_tx,
          QStringLiteral(
              "INSERT INTO price_types (id, external_id, name, currency, vat_included) "
              "VALUES (:id, :ext, :name, :cur, :vat) ON CONFLICT (id) DO UPDATE SET "
              "external_id = excluded.external_id, name = excluded.name, currency = excluded.currency, "
              "vat_included = excluded.vat_included"));
    for (const auto &t : priceTypes) {
        q.bind(QStringLiteral(":id"), idText(t.id))
            .bind(QStringLiteral(":ext"), textOrNull(t.externalId))
            .bind(QStringLiteral(":name"), t.name)
            .bind(QStringLiteral(":cur"), t.currency.code())
            .bind(QStringLiteral(":vat"), t.vatIncluded)
            .exec();
        // A price type's name ("Дилерская") is commercial information: only its own users see it.
        feed.upsert(entity::PriceType, idText(t.id), Audience::priceType(idText(t.id)), protocol::toJson(t));
    }
}

void CatalogRepository::upsertPrices(const QList<Price> &prices, FeedBatch &feed)
{
    if (prices.isEmpty())
        return;
    raiseRevision();
    Sql q(m_tx,
          QStringLiteral(
              "INSERT INTO prices (product_id, price_type_id, unit_price_minor, tiers_json, seq) "
              "VALUES (:product, :type, :price, :tiers, :seq) ON CONFLICT (product_id, price_type_id) "
              "DO UPDATE SET unit_price_minor = excluded.unit_price_minor, "
              "tiers_json = excluded.tiers_json, seq = excluded.seq"));
    for (const auto &p : prices) {
        const QString product = idText(p.productId);
        const QString type = idText(p.priceTypeId);
        q.bind(QStringLiteral(":product"), product)
            .bind(QStringLiteral(":type"), type)
            .bind(QStringLiteral(":price"), p.unitPrice.minor())
            .bind(QStringLiteral(":tiers"), tiersJson(p.tiers))
            .bind(QStringLiteral(":seq"), feed.rowSeq(m_tx, CatalogFeed::prices(), product, type))
            .exec();
    }
}

void CatalogRepository::upsertWarehouses(const QList<Warehouse> &warehouses, FeedBatch &feed)
{
    Sql q(m_tx,
          QStringLiteral(
              "INSERT INTO warehouses (id, external_id, name, address) VALUES (:id, :ext, :name, :addr) "
              "ON CONFLICT (id) DO UPDATE SET external_id = excluded.external_id, name = excluded.name, "
              "address = excluded.address"));
    for (const auto &w : warehouses) {
        q.bind(QStringLiteral(":id"), idText(w.id))
            .bind(QStringLiteral(":ext"), textOrNull(w.externalId))
            .bind(QStringLiteral(":name"), w.name)
            .bind(QStringLiteral(":addr"), w.address)
            .exec();
        feed.upsert(entity::Warehouse, idText(w.id), Audience::everyone(), protocol::toJson(w));
    }
}

void CatalogRepository::upsertStock(const QList<StockLevel> &levels, FeedBatch &feed)
{
    Sql q(
        m_tx,
        QStringLiteral(
            "INSERT INTO stock (product_id, warehouse_id, on_hand_milli, reserved_milli, as_of, seq) "
            "VALUES (:product, :wh, :on, :res, :asof, :seq) ON CONFLICT (product_id, warehouse_id) DO UPDATE "
            "SET on_hand_milli = excluded.on_hand_milli, reserved_milli = excluded.reserved_milli, "
            "as_of = excluded.as_of, seq = excluded.seq"));
    for (const auto &s : levels) {
        const QString product = idText(s.productId);
        const QString warehouse = idText(s.warehouseId);
        q.bind(QStringLiteral(":product"), product)
            .bind(QStringLiteral(":wh"), warehouse)
            .bind(QStringLiteral(":on"), s.onHand.milli())
            .bind(QStringLiteral(":res"), s.reserved.milli())
            .bind(QStringLiteral(":asof"), msecs(s.asOf))
            .bind(QStringLiteral(":seq"), feed.rowSeq(m_tx, CatalogFeed::stock(), product, warehouse))
            .exec();
    }
}

void CatalogRepository::bulkUpsertProducts(const QList<Product> &products, FeedBatch &feed)
{
    if (products.isEmpty())
        return;
    raiseRevision();
    if (!isPostgres(m_tx)) {
        bulkUpsertProductsOnSqlite(products, feed);
        return;
    }
    constexpr int Columns = 16;
    forRowChunks(products.size(), Columns, [&](qsizetype first, qsizetype count) {
        Sql q(m_tx,
              QStringLiteral("INSERT INTO products (") + ProductColumns + QStringLiteral(") VALUES ")
                  + valueRows(count, Columns) + ProductUpsert);
        int at = 0;
        for (qsizetype i = first; i < first + count; ++i) {
            const Product &p = products.at(i);
            // The JSON is built once: its arrays are the row's columns, the whole the feed's.
            const QByteArray barcodes = FeedJson::strings(p.barcodes);
            const QByteArray properties = FeedJson::properties(p.properties);
            const QByteArray images = FeedJson::strings(p.images);
            const QString id = idText(p.id);
            q.bind(valueName(at), id)
                .bind(valueName(at + 1), textOrNull(p.externalId))
                .bind(valueName(at + 2), p.sku)
                .bind(valueName(at + 3), p.name)
                .bind(valueName(at + 4), p.description)
                .bind(valueName(at + 5), idValue(p.groupId))
                .bind(valueName(at + 6), p.unit.okeiCode)
                .bind(valueName(at + 7), p.unit.name)
                .bind(valueName(at + 8), vatRateToString(p.vatRate))
                .bind(valueName(at + 9), p.weightKg.milli())
                .bind(valueName(at + 10), p.volumeM3.milli())
                .bind(valueName(at + 11), p.imageRef)
                .bind(valueName(at + 12), p.active)
                .bind(valueName(at + 13), QString::fromUtf8(barcodes))
                .bind(valueName(at + 14), QString::fromUtf8(properties))
                .bind(valueName(at + 15), QString::fromUtf8(images));
            at += Columns;
            feed.upsert(entity::Product, id, Audience::everyone(),
                        FeedJson::product(p, barcodes, properties));
        }
        q.exec();
    });

    // Barcodes: the batch's old ones out, its new ones in, a few statements for all of them.
    QList<Id> ids;
    ids.reserve(products.size());
    QList<std::pair<QString, QString>> barcodes;
    for (const Product &p : products) {
        ids << p.id;
        for (const QString &barcode : p.barcodes)
            barcodes.append({barcode, idText(p.id)});
    }
    forChunks(ids, [&](const QList<Id> &chunk) {
        Sql clear(m_tx,
                  QStringLiteral("DELETE FROM product_barcodes WHERE product_id IN (")
                      + placeholders(chunk.size(), QStringLiteral("p")) + QLatin1Char(')'));
        bindIds(clear, chunk, QStringLiteral("p"));
        clear.exec();
    });
    forRowChunks(barcodes.size(), 2, [&](qsizetype first, qsizetype count) {
        Sql add(m_tx,
                QStringLiteral("INSERT INTO product_barcodes (barcode, product_id) VALUES ")
                    + valueRows(count, 2) + QStringLiteral(" ON CONFLICT DO NOTHING"));
        int at = 0;
        for (qsizetype i = first; i < first + count; ++i) {
            add.bind(valueName(at), barcodes.at(i).first).bind(valueName(at + 1), barcodes.at(i).second);
            at += 2;
        }
        add.exec();
    });
}

// SQLite: one statement per row, bound through SQLite's C API (storage/bulkrows.h); the
// statements as above.
void CatalogRepository::bulkUpsertProductsOnSqlite(const QList<Product> &products, FeedBatch &feed)
{
    BulkRows rows(products.size() * 512);
    BulkRows ids(products.size() * 40);
    BulkRows barcodes;
    for (const Product &p : products) {
        const QByteArray barcodesJson = FeedJson::strings(p.barcodes);
        const QByteArray propertiesJson = FeedJson::properties(p.properties);
        const QByteArray imagesJson = FeedJson::strings(p.images);
        rows.row()
            .id(p.id)
            .textOrNull(p.externalId)
            .text(p.sku)
            .text(p.name)
            .text(p.description)
            .id(p.groupId)
            .text(p.unit.okeiCode)
            .text(p.unit.name)
            .text(vatRateToString(p.vatRate))
            .integer(p.weightKg.milli())
            .integer(p.volumeM3.milli())
            .text(p.imageRef)
            .boolean(p.active)
            .utf8(barcodesJson)
            .utf8(propertiesJson)
            .utf8(imagesJson);
        ids.row().id(p.id);
        for (const QString &barcode : p.barcodes)
            barcodes.row().text(barcode).id(p.id);
        feed.upsert(entity::Product, idText(p.id), Audience::everyone(),
                    FeedJson::product(p, barcodesJson, propertiesJson));
    }
    rows.exec(m_tx,
              QStringLiteral("INSERT INTO products (") + ProductColumns + QStringLiteral(") VALUES ")
                  + BulkRows::values(16) + ProductUpsert);
    ids.exec(m_tx, QStringLiteral("DELETE FROM product_barcodes WHERE product_id = ?1"));
    barcodes.exec(m_tx,
                  QStringLiteral("INSERT INTO product_barcodes (barcode, product_id) VALUES (?1, ?2) "
                                 "ON CONFLICT DO NOTHING"));
}

void CatalogRepository::bulkUpsertPrices(const QList<Price> &prices, FeedBatch &feed)
{
    const QString insert = QStringLiteral(
        "INSERT INTO prices (product_id, price_type_id, unit_price_minor, tiers_json, seq) VALUES ");
    const QString upsert = QStringLiteral(" ON CONFLICT (product_id, price_type_id) DO UPDATE SET "
                                          "unit_price_minor = excluded.unit_price_minor, "
                                          "tiers_json = excluded.tiers_json, seq = excluded.seq");
    if (prices.isEmpty())
        return;
    raiseRevision();
    if (!isPostgres(m_tx)) {
        BulkRows rows(prices.size() * 100);
        for (const Price &p : prices) {
            const QString product = idText(p.productId);
            const QString type = idText(p.priceTypeId);
            rows.row()
                .text(product)
                .text(type)
                .integer(p.unitPrice.minor())
                .text(tiersJson(p.tiers))
                .integer(feed.rowSeq(m_tx, CatalogFeed::prices(), product, type));
        }
        rows.exec(m_tx, insert + BulkRows::values(5) + upsert);
        return;
    }
    constexpr int Columns = 5;
    forRowChunks(prices.size(), Columns, [&](qsizetype first, qsizetype count) {
        Sql q(m_tx, insert + valueRows(count, Columns) + upsert);
        int at = 0;
        for (qsizetype i = first; i < first + count; ++i) {
            const Price &p = prices.at(i);
            const QString product = idText(p.productId);
            const QString type = idText(p.priceTypeId);
            q.bind(valueName(at), product)
                .bind(valueName(at + 1), type)
                .bind(valueName(at + 2), p.unitPrice.minor())
                .bind(valueName(at + 3), tiersJson(p.tiers))
                .bind(valueName(at + 4), feed.rowSeq(m_tx, CatalogFeed::prices(), product, type));
            at += Columns;
        }
        q.exec();
    });
}

void CatalogRepository::bulkUpsertStock(const QList<StockLevel> &levels, FeedBatch &feed)
{
    // On hand is the accounting system's; what is reserved is the server's own (orders reserve
    // it, see warehouse/stockledger.h), so an import keeps it.
    const QString insert = QStringLiteral(
        "INSERT INTO stock (product_id, warehouse_id, on_hand_milli, reserved_milli, as_of, seq) VALUES ");
    const QString upsert
        = QStringLiteral(" ON CONFLICT (product_id, warehouse_id) DO UPDATE "
                         "SET on_hand_milli = excluded.on_hand_milli, as_of = excluded.as_of, "
                         "seq = excluded.seq");
    if (levels.isEmpty())
        return;
    if (!isPostgres(m_tx)) {
        BulkRows rows(levels.size() * 100);
        for (const StockLevel &s : levels) {
            const QString product = idText(s.productId);
            const QString warehouse = idText(s.warehouseId);
            rows.row()
                .text(product)
                .text(warehouse)
                .integer(s.onHand.milli())
                .integer(s.reserved.milli())
                .integer(msecs(s.asOf))
                .integer(feed.rowSeq(m_tx, CatalogFeed::stock(), product, warehouse));
        }
        rows.exec(m_tx, insert + BulkRows::values(6) + upsert);
        return;
    }
    constexpr int Columns = 6;
    forRowChunks(levels.size(), Columns, [&](qsizetype first, qsizetype count) {
        Sql q(m_tx, insert + valueRows(count, Columns) + upsert);
        int at = 0;
        for (qsizetype i = first; i < first + count; ++i) {
            const StockLevel &s = levels.at(i);
            const QString product = idText(s.productId);
            const QString warehouse = idText(s.warehouseId);
            q.bind(valueName(at), product)
                .bind(valueName(at + 1), warehouse)
                .bind(valueName(at + 2), s.onHand.milli())
                .bind(valueName(at + 3), s.reserved.milli())
                .bind(valueName(at + 4), msecs(s.asOf))
                .bind(valueName(at + 5), feed.rowSeq(m_tx, CatalogFeed::stock(), product, warehouse));
            at += Columns;
        }
        q.exec();
    });
}

std::optional<Product> CatalogRepository::product(const Id &id) const
{
    const auto found = products({id});
    return found.contains(id) ? std::optional<Product>(found.value(id)) : std::nullopt;
}

QHash<Id, Product> CatalogRepository::products(const QList<Id> &ids) const
{
    QHash<Id, Product> result;
    forChunks(ids, [&](const QList<Id> &chunk) {
        Sql q(m_tx,
              QStringLiteral("SELECT ") + ProductColumns + QStringLiteral(" FROM products WHERE id IN (")
                  + placeholders(chunk.size(), QStringLiteral("p")) + QLatin1Char(')'));
        bindIds(q, chunk, QStringLiteral("p"));
        q.exec();
        while (q.next()) {
            auto p = productFrom(q);
            result.insert(p.id, std::move(p));
        }
    });
    return result;
}

QHash<Id, ProductTerms> CatalogRepository::productTerms(const QList<Id> &ids,
                                                        const std::optional<PriceType> &priceType) const
{
    QHash<Id, ProductTerms> result;
    const Currency currency = priceType ? priceType->currency : Currency::rub();
    forRowChunks(ids.size(), 1, [&](qsizetype first, qsizetype count) {
        Sql q(m_tx,
              QStringLiteral("SELECT p.id, p.active, p.vat_rate, pr.unit_price_minor, pr.tiers_json FROM "
                             "products p LEFT JOIN prices pr ON pr.product_id = p.id "
                             "AND pr.price_type_id = :type WHERE p.id IN ")
                  + valueRows(1, count));
        // No price type: a type id no price has.
        q.bind(QStringLiteral(":type"), priceType ? idText(priceType->id) : QStringLiteral(""));
        for (qsizetype i = 0; i < count; ++i)
            q.bind(valueName(static_cast<int>(i)), idText(ids.at(first + i)));
        q.exec();
        while (q.next()) {
            ProductTerms terms;
            const Id id = idFrom(q.value(0));
            terms.active = q.value(1).toBool();
            terms.vatRate = vatRateFromString(q.value(2).toString()).value_or(VatRate::Twenty);
            if (priceType && !q.value(3).isNull())
                terms.price = Price {id, priceType->id, Money::fromMinor(q.value(3).toLongLong(), currency),
                                     tiersFrom(q.value(4), currency)};
            result.insert(id, std::move(terms));
        }
    });
    return result;
}

qint64 CatalogRepository::revision() const
{
    if (isPostgres(m_tx))
        return -1;
    Sql q(m_tx, QStringLiteral("SELECT revision FROM catalog_state WHERE id = 1"));
    q.exec();
    return q.next() ? q.value(0).toLongLong() : -1;
}

void CatalogRepository::raiseRevision()
{
    if (!isPostgres(m_tx))
        Sql(m_tx, QStringLiteral("UPDATE catalog_state SET revision = revision + 1 WHERE id = 1")).exec();
}

std::optional<Property> CatalogRepository::property(const Id &id) const
{
    Sql q(m_tx,
          QStringLiteral("SELECT id, external_id, name, type, values_json FROM properties WHERE id = :id"));
    q.bind(QStringLiteral(":id"), idText(id)).exec();
    if (!q.next())
        return std::nullopt;
    Property property;
    property.id = idFrom(q.value(0));
    property.externalId = q.value(1).toString();
    property.name = q.value(2).toString();
    property.type = protocol::propertyTypeFromString(q.value(3).toString()).value_or(PropertyType::String);
    const auto values = jsonArrayFrom(q.value(4));
    for (const auto &item : values) {
        const auto object = item.toObject();
        property.values.append({Id::fromString(object.value(QStringLiteral("id")).toString()),
                                object.value(QStringLiteral("external_id")).toString(),
                                object.value(QStringLiteral("value")).toString()});
    }
    return property;
}

std::optional<PriceType> CatalogRepository::priceType(const Id &id) const
{
    Sql q(m_tx,
          QStringLiteral(
              "SELECT id, external_id, name, currency, vat_included FROM price_types WHERE id = :id"));
    q.bind(QStringLiteral(":id"), idText(id)).exec();
    if (!q.next())
        return std::nullopt;
    return PriceType {idFrom(q.value(0)), q.value(1).toString(), q.value(2).toString(),
                      Currency::fromCode(q.value(3).toString()).value_or(Currency::rub()),
                      q.value(4).toBool()};
}

QList<PriceType> CatalogRepository::priceTypes() const
{
    QList<PriceType> result;
    Sql q(m_tx,
          QStringLiteral(
              "SELECT id, external_id, name, currency, vat_included FROM price_types ORDER BY name"));
    q.exec();
    while (q.next()) {
        result.append({idFrom(q.value(0)), q.value(1).toString(), q.value(2).toString(),
                       Currency::fromCode(q.value(3).toString()).value_or(Currency::rub()),
                       q.value(4).toBool()});
    }
    return result;
}

QHash<Id, Price> CatalogRepository::prices(const QList<Id> &productIds, const Id &priceTypeId) const
{
    const auto type = priceType(priceTypeId);
    return type ? prices(productIds, *type) : QHash<Id, Price>();
}

QHash<Id, Price> CatalogRepository::prices(const QList<Id> &productIds, const PriceType &type) const
{
    QHash<Id, Price> result;
    const Id &priceTypeId = type.id;
    forChunks(productIds, [&](const QList<Id> &chunk) {
        Sql q(m_tx,
              QStringLiteral(
                  "SELECT product_id, unit_price_minor, tiers_json FROM prices WHERE price_type_id = :type "
                  "AND product_id IN (")
                  + placeholders(chunk.size(), QStringLiteral("p")) + QLatin1Char(')'));
        q.bind(QStringLiteral(":type"), idText(priceTypeId));
        bindIds(q, chunk, QStringLiteral("p"));
        q.exec();
        while (q.next()) {
            Price price;
            price.productId = idFrom(q.value(0));
            price.priceTypeId = priceTypeId;
            price.unitPrice = Money::fromMinor(q.value(1).toLongLong(), type.currency);
            price.tiers = tiersFrom(q.value(2), type.currency);
            result.insert(price.productId, std::move(price));
        }
    });
    return result;
}

QHash<Id, Quantity> CatalogRepository::available(const QList<Id> &productIds, const Id &warehouseId) const
{
    QHash<Id, Quantity> result;
    forChunks(productIds, [&](const QList<Id> &chunk) {
        QString statement
            = QStringLiteral(
                  "SELECT product_id, SUM(on_hand_milli - reserved_milli) FROM stock WHERE product_id IN (")
            + placeholders(chunk.size(), QStringLiteral("p")) + QLatin1Char(')');
        if (!warehouseId.isNull())
            statement += QStringLiteral(" AND warehouse_id = :wh");
        statement += QStringLiteral(" GROUP BY product_id");
        Sql q(m_tx, statement);
        bindIds(q, chunk, QStringLiteral("p"));
        if (!warehouseId.isNull())
            q.bind(QStringLiteral(":wh"), idText(warehouseId));
        q.exec();
        while (q.next())
            result.insert(idFrom(q.value(0)), Quantity::fromMilli(q.value(1).toLongLong()));
    });
    return result;
}

QList<Warehouse> CatalogRepository::warehouses() const
{
    QList<Warehouse> result;
    Sql q(m_tx, QStringLiteral("SELECT id, external_id, name, address FROM warehouses ORDER BY name"));
    q.exec();
    while (q.next())
        result.append(
            {idFrom(q.value(0)), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    return result;
}

namespace {

// The tables that keep the accounting system's ids: the only ones a caller's name may pick.
void checkExternalTable(const QString &table)
{
    static const QStringList Tables {QStringLiteral("product_groups"), QStringLiteral("properties"),
                                     QStringLiteral("products"),       QStringLiteral("price_types"),
                                     QStringLiteral("warehouses"),     QStringLiteral("customers"),
                                     QStringLiteral("documents")};
    if (!Tables.contains(table))
        throw StorageError(QStringLiteral("no external ids in table ") + table);
}

} // namespace

QHash<QString, Id> CatalogRepository::idsForExternal(const QString &table,
                                                     const QStringList &externalIds) const
{
    checkExternalTable(table);
    QHash<QString, Id> result;
    constexpr qsizetype Chunk = 500;
    for (qsizetype start = 0; start < externalIds.size(); start += Chunk) {
        const qsizetype count = std::min(Chunk, externalIds.size() - start);
        Sql q(m_tx,
              QStringLiteral("SELECT external_id, id FROM ") + table
                  + QStringLiteral(" WHERE external_id IN (") + placeholders(count, QStringLiteral("e"))
                  + QLatin1Char(')'));
        for (qsizetype i = 0; i < count; ++i)
            q.bind(QStringLiteral(":e") + QString::number(i), externalIds.at(start + i));
        q.exec();
        while (q.next())
            result.insert(q.value(0).toString(), idFrom(q.value(1)));
    }
    return result;
}

std::optional<Id> CatalogRepository::idForExternal(const QString &table, const QString &externalId) const
{
    checkExternalTable(table);
    Sql q(m_tx, QStringLiteral("SELECT id FROM ") + table + QStringLiteral(" WHERE external_id = :ext"));
    q.bind(QStringLiteral(":ext"), externalId).exec();
    if (!q.next())
        return std::nullopt;
    return idFrom(q.value(0));
}

} // namespace portico::server
