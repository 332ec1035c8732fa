#include "cache/catalogqueries.h"

#include "cache/cachedatabase.h"
#include "cache/cachesql.h"
#include "cache/searchtext.h"
#include "protocol/codecs.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <algorithm>

namespace portico::client {

Quantity ProductRow::available() const
{
    Quantity total;
    for (const WarehouseStock &level : stock)
        total += level.available();
    return total;
}

namespace CatalogQueries {

namespace {

using CacheSql::idText;
using CacheSql::idValue;

// The most search hits ranked by relevance (see searchProducts).
constexpr int RankedHits = 2000;

Id idFrom(const QVariant &value)
{
    return value.isNull() ? Id() : Id::fromString(value.toString());
}

Currency currencyFrom(const QVariant &code)
{
    return Currency::fromCode(code.toString()).value_or(Currency::rub());
}

std::optional<Money> moneyFrom(const QVariant &minor, const Currency &currency)
{
    if (minor.isNull())
        return std::nullopt;
    return Money::fromMinor(minor.toLongLong(), currency);
}

// Decodes a stored JSON object with the domain codecs.
template<typename T>
T decode(const QVariant &stored, const char *what)
{
    const QJsonDocument document = QJsonDocument::fromJson(CacheSql::bytes(stored));
    protocol::DecodeResult<T> result = protocol::fromJson<T>(QJsonValue(document.object()));
    if (!result) {
        throw CacheError(QStringLiteral("The cached %1 cannot be read: %2 %3")
                             .arg(QLatin1String(what), result.error().path, result.error().message)
                             .toStdString());
    }
    return std::move(result).value();
}

template<typename T>
std::optional<T> decodeFirst(QSqlQuery &q, const char *what)
{
    CacheSql::exec(q);
    if (!q.next())
        return std::nullopt;
    return decode<T>(q.value(0), what);
}

template<typename T>
QList<T> decodeAll(QSqlQuery &q, const char *what)
{
    CacheSql::exec(q);
    QList<T> items;
    while (q.next())
        items.append(decode<T>(q.value(0), what));
    return items;
}

WarehouseStock stockFrom(const QSqlQuery &q, int first)
{
    WarehouseStock level;
    level.warehouseId = idFrom(q.value(first));
    level.onHand = Quantity::fromMilli(q.value(first + 1).toLongLong());
    level.reserved = Quantity::fromMilli(q.value(first + 2).toLongLong());
    level.asOf = CacheSql::timestampFrom(q.value(first + 3));
    return level;
}

// The list rows of the products whose rids `rids` holds, in that order. One statement: the
// products, their price of the price type and their stock levels, joined by primary keys.
QList<ProductRow> productRows(QSqlDatabase &db, const QList<qint64> &rids, const Id &priceTypeId)
{
    if (rids.isEmpty())
        return {};
    QJsonArray array;
    for (const qint64 rid : rids)
        array.append(rid);
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral(
            "SELECT p.id, p.group_id, p.sku, p.name, p.unit, p.vat_rate, CAST(p.barcodes AS BLOB), p.active, "
            "pr.unit_price_minor, pr.currency, s.warehouse_id, s.on_hand_milli, s.reserved_milli, s.as_of "
            "FROM json_each(CAST(? AS TEXT)) AS j JOIN product p ON p.rid = j.value "
            "LEFT JOIN price pr ON pr.product_id = p.id AND pr.price_type_id = ? "
            "LEFT JOIN stock s ON s.product_id = p.id "
            "ORDER BY j.key, s.warehouse_id"));
    q.bindValue(0, QJsonDocument(array).toJson(QJsonDocument::Compact));
    q.bindValue(1, idValue(priceTypeId));
    CacheSql::exec(q);
    QList<ProductRow> rows;
    rows.reserve(rids.size());
    QString currentId;
    while (q.next()) {
        const QString id = q.value(0).toString();
        if (rows.isEmpty() || id != currentId) {
            currentId = id;
            ProductRow row;
            row.id = Id::fromString(id);
            row.groupId = idFrom(q.value(1));
            row.sku = q.value(2).toString();
            row.name = q.value(3).toString();
            row.unitName = q.value(4).toString();
            row.vatRate = q.value(5).toString();
            const QJsonArray barcodes = QJsonDocument::fromJson(CacheSql::bytes(q.value(6))).array();
            for (const QJsonValue &barcode : barcodes)
                row.barcodes.append(barcode.toString());
            row.active = q.value(7).toBool();
            row.price = moneyFrom(q.value(8), currencyFrom(q.value(9)));
            rows.append(std::move(row));
        }
        if (!q.value(10).isNull())
            rows.last().stock.append(stockFrom(q, 10));
    }
    return rows;
}

QList<qint64> rids(QSqlQuery &q)
{
    CacheSql::exec(q);
    QList<qint64> result;
    while (q.next())
        result.append(q.value(0).toLongLong());
    return result;
}

} // namespace

QList<GroupNode> groupTree(QSqlDatabase &db)
{
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral(
            "SELECT g.id, g.parent_id, g.name, g.sort_order, COALESCE(c.n, 0) FROM product_group g "
            "LEFT JOIN (SELECT group_id, COUNT(*) AS n FROM product WHERE active = 1 "
            "GROUP BY group_id) c ON c.group_id = g.id"));
    CacheSql::exec(q);
    QList<GroupNode> nodes;
    QHash<Id, qsizetype> index;
    while (q.next()) {
        GroupNode node;
        node.id = idFrom(q.value(0));
        node.parentId = idFrom(q.value(1));
        node.name = q.value(2).toString();
        node.sortOrder = q.value(3).toInt();
        node.productCount = q.value(4).toInt();
        node.totalProductCount = node.productCount;
        index.insert(node.id, nodes.size());
        nodes.append(std::move(node));
    }
    // Each group's own products count in every ancestor. The walk stops after as many steps as
    // there are groups, so a parent cycle in bad data cannot hang it.
    for (const GroupNode &node : std::as_const(nodes)) {
        Id parent = node.parentId;
        for (qsizetype steps = 0; !parent.isNull() && steps < nodes.size(); ++steps) {
            const auto found = index.constFind(parent);
            if (found == index.constEnd())
                break;
            nodes[*found].totalProductCount += node.productCount;
            parent = nodes[*found].parentId;
        }
    }
    std::stable_sort(nodes.begin(), nodes.end(), [](const GroupNode &a, const GroupNode &b) {
        if (a.sortOrder != b.sortOrder)
            return a.sortOrder < b.sortOrder;
        return SearchText::sortKey(a.name) < SearchText::sortKey(b.name);
    });
    return nodes;
}

QList<ProductRow> groupProducts(QSqlDatabase &db, const Id &groupId, const Id &priceTypeId, int offset,
                                int limit)
{
    QSqlQuery q
        = CacheSql::prepare(db,
                            QStringLiteral("SELECT rid FROM product WHERE group_id IS ? AND active = 1 "
                                           "ORDER BY name_key, rid LIMIT ? OFFSET ?"));
    q.bindValue(0, idValue(groupId));
    q.bindValue(1, std::max(0, limit));
    q.bindValue(2, std::max(0, offset));
    return productRows(db, rids(q), priceTypeId);
}

int groupProductCount(QSqlDatabase &db, const Id &groupId)
{
    QSqlQuery q = CacheSql::prepare(
        db, QStringLiteral("SELECT COUNT(*) FROM product WHERE group_id IS ? AND active = 1"));
    q.bindValue(0, idValue(groupId));
    CacheSql::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}

QList<ProductRow> searchProducts(QSqlDatabase &db, const QString &text, const Id &priceTypeId, int limit)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || limit <= 0)
        return {};
    QList<qint64> found;
    QSet<qint64> seen;
    auto add = [&](const QList<qint64> &hits) {
        for (const qint64 rid : hits) {
            if (found.size() < limit && !seen.contains(rid)) {
                seen.insert(rid);
                found.append(rid);
            }
        }
    };

    // An exact article number or barcode is what the user meant: it leads.
    QSqlQuery exact = CacheSql::prepare(
        db,
        QStringLiteral("SELECT rid FROM product WHERE sku_key = ? AND active = 1 "
                       "UNION SELECT p.rid FROM product_barcode b JOIN product p ON p.id = b.product_id "
                       "WHERE b.barcode = ? AND p.active = 1"));
    exact.bindValue(0, SearchText::fold(trimmed));
    exact.bindValue(1, trimmed);
    add(rids(exact));

    const QString match = SearchText::matchQuery(trimmed);
    if (match.isEmpty() || found.size() >= limit)
        return productRows(db, found, priceTypeId);

    // bm25 reads every hit's positions, so ranking all of them costs in proportion to the hits:
    // fine for what people search for (a few hundred), too slow at 100k products for a first
    // letter or a word every tenth name has. Past RankedHits the ranking is over the first
    // RankedHits name hits, then other hits fill up: so many equally good answers get narrowed
    // down by the next keystroke anyway, and every keystroke stays within a few milliseconds.
    QSqlQuery counted = CacheSql::prepare(
        db,
        QStringLiteral(
            "SELECT COUNT(*) FROM (SELECT rowid FROM product_fts WHERE product_fts MATCH ? LIMIT ?)"));
    counted.bindValue(0, match);
    counted.bindValue(1, RankedHits + 1);
    CacheSql::exec(counted);
    const int hits = counted.next() ? counted.value(0).toInt() : 0;
    if (hits <= RankedHits) {
        QSqlQuery ranked = CacheSql::prepare(
            db,
            QStringLiteral("SELECT rowid FROM product_fts WHERE product_fts MATCH ? ORDER BY rank LIMIT ?"));
        ranked.bindValue(0, match);
        ranked.bindValue(1, limit);
        add(rids(ranked));
        return productRows(db, found, priceTypeId);
    }
    QSqlQuery firstHits = CacheSql::prepare(
        db,
        QStringLiteral(
            "SELECT rowid FROM (SELECT rowid, rank AS score FROM product_fts WHERE product_fts MATCH ? "
            "LIMIT ?) ORDER BY score LIMIT ?"));
    for (const QString &expression : {QStringLiteral("{name} : (%1)").arg(match), match}) {
        firstHits.bindValue(0, expression);
        firstHits.bindValue(1, RankedHits);
        firstHits.bindValue(2, limit);
        add(rids(firstHits));
        if (found.size() >= limit)
            break;
    }
    return productRows(db, found, priceTypeId);
}

std::optional<Product> product(QSqlDatabase &db, const Id &id)
{
    QSqlQuery q
        = CacheSql::prepare(db, QStringLiteral("SELECT CAST(data AS BLOB) FROM product WHERE id = ?"));
    q.bindValue(0, idText(id));
    return decodeFirst<Product>(q, "product");
}

std::optional<Product> productByBarcode(QSqlDatabase &db, const QString &barcode)
{
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral(
            "SELECT CAST(p.data AS BLOB) FROM product_barcode b JOIN product p ON p.id = b.product_id "
            "WHERE b.barcode = ? ORDER BY p.active DESC, p.name_key LIMIT 1"));
    q.bindValue(0, barcode.trimmed());
    return decodeFirst<Product>(q, "product");
}

std::optional<Product> productBySku(QSqlDatabase &db, const QString &sku)
{
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral(
            "SELECT CAST(data AS BLOB) FROM product WHERE sku_key = ? ORDER BY active DESC, name_key "
            "LIMIT 1"));
    q.bindValue(0, SearchText::fold(sku.trimmed()));
    return decodeFirst<Product>(q, "product");
}

std::optional<Price> price(QSqlDatabase &db, const Id &productId, const Id &priceTypeId)
{
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral("SELECT CAST(data AS BLOB) FROM price WHERE product_id = ? AND price_type_id = ?"));
    q.bindValue(0, idText(productId));
    q.bindValue(1, idText(priceTypeId));
    return decodeFirst<Price>(q, "price");
}

QList<PriceType> priceTypes(QSqlDatabase &db)
{
    QSqlQuery q = CacheSql::prepare(
        db, QStringLiteral("SELECT CAST(data AS BLOB) FROM price_type ORDER BY name, id"));
    return decodeAll<PriceType>(q, "price type");
}

QList<Warehouse> warehouses(QSqlDatabase &db)
{
    QSqlQuery q
        = CacheSql::prepare(db, QStringLiteral("SELECT CAST(data AS BLOB) FROM warehouse ORDER BY name, id"));
    return decodeAll<Warehouse>(q, "warehouse");
}

QList<WarehouseStock> stock(QSqlDatabase &db, const Id &productId)
{
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral("SELECT warehouse_id, on_hand_milli, reserved_milli, as_of FROM stock "
                       "WHERE product_id = ? ORDER BY warehouse_id"));
    q.bindValue(0, idText(productId));
    CacheSql::exec(q);
    QList<WarehouseStock> levels;
    while (q.next())
        levels.append(stockFrom(q, 0));
    return levels;
}

namespace {

constexpr const char *CustomerColumns
    = "id, name, legal_name, inn, price_type_id, discount_bp, currency, credit_limit_minor, blocked, "
      "credit_currency, balance_minor, overdue_minor, open_orders_minor, available_minor";

std::optional<CustomerCredit> creditFrom(const QSqlQuery &q, int first)
{
    if (q.value(first + 1).isNull())
        return std::nullopt;
    const Currency currency = currencyFrom(q.value(first));
    CustomerCredit credit;
    credit.balance = Money::fromMinor(q.value(first + 1).toLongLong(), currency);
    credit.overdue = moneyFrom(q.value(first + 2), currency).value_or(Money::zero(currency));
    credit.openOrders = moneyFrom(q.value(first + 3), currency).value_or(Money::zero(currency));
    credit.available = moneyFrom(q.value(first + 4), currency);
    return credit;
}

CustomerRow customerFrom(const QSqlQuery &q)
{
    CustomerRow row;
    row.id = idFrom(q.value(0));
    row.name = q.value(1).toString();
    row.legalName = q.value(2).toString();
    row.inn = q.value(3).toString();
    row.priceTypeId = idFrom(q.value(4));
    row.discount = q.value(5).toInt();
    row.creditLimit = moneyFrom(q.value(7), currencyFrom(q.value(6)));
    row.blocked = q.value(8).toBool();
    row.credit = creditFrom(q, 9);
    return row;
}

} // namespace

QList<CustomerRow> customers(QSqlDatabase &db, const QString &filter)
{
    QSqlQuery q
        = CacheSql::prepare(db,
                            QStringLiteral("SELECT %1 FROM customer WHERE ? = '' OR instr(search_key, ?) > 0 "
                                           "ORDER BY name_key, id")
                                .arg(QLatin1String(CustomerColumns)));
    const QString folded = SearchText::fold(filter.trimmed());
    q.bindValue(0, folded);
    q.bindValue(1, folded);
    CacheSql::exec(q);
    QList<CustomerRow> rows;
    while (q.next())
        rows.append(customerFrom(q));
    return rows;
}

std::optional<Customer> customer(QSqlDatabase &db, const Id &id)
{
    QSqlQuery q
        = CacheSql::prepare(db, QStringLiteral("SELECT CAST(data AS BLOB) FROM customer WHERE id = ?"));
    q.bindValue(0, idText(id));
    return decodeFirst<Customer>(q, "customer");
}

QList<Document> orderDocuments(QSqlDatabase &db, const Id &orderId)
{
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral("SELECT CAST(data AS BLOB) FROM document WHERE order_id = ? ORDER BY date, number"));
    q.bindValue(0, idText(orderId));
    CacheSql::exec(q);
    QList<Document> documents;
    while (q.next())
        documents.append(decode<Document>(q.value(0), "document"));
    return documents;
}

QList<std::pair<Document, QString>> customerDocuments(QSqlDatabase &db, const Id &customerId, int limit)
{
    QSqlQuery q
        = CacheSql::prepare(db,
                            QStringLiteral("SELECT CAST(d.data AS BLOB), o.number FROM document d "
                                           "LEFT JOIN orders o ON o.id = d.order_id "
                                           "WHERE d.customer_id = ? ORDER BY d.date DESC, d.number DESC "
                                           "LIMIT ?"));
    q.bindValue(0, idText(customerId));
    q.bindValue(1, limit);
    CacheSql::exec(q);
    QList<std::pair<Document, QString>> documents;
    while (q.next())
        documents.append({decode<Document>(q.value(0), "document"), q.value(1).toString()});
    return documents;
}

std::optional<CustomerCredit> customerCredit(QSqlDatabase &db, const Id &id)
{
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral(
            "SELECT credit_currency, balance_minor, overdue_minor, open_orders_minor, available_minor "
            "FROM customer WHERE id = ?"));
    q.bindValue(0, idText(id));
    CacheSql::exec(q);
    return q.next() ? creditFrom(q, 0) : std::nullopt;
}

namespace {

constexpr const char *OrderColumns
    = "id, number, client_number, customer_id, status, created_at, updated_at, "
      "total_minor, currency, local_state, server_data IS NOT NULL";

OrderRow orderFrom(const QSqlQuery &q)
{
    OrderRow row;
    row.id = idFrom(q.value(0));
    row.number = q.value(1).toString();
    row.clientNumber = q.value(2).toString();
    row.customerId = idFrom(q.value(3));
    row.status = orderStatusFromString(q.value(4).toString());
    row.createdAt = CacheSql::timestampFrom(q.value(5));
    row.updatedAt = CacheSql::timestampFrom(q.value(6));
    row.total = moneyFrom(q.value(7), currencyFrom(q.value(8)));
    row.localState = q.value(9).toString();
    row.onServer = q.value(10).toBool();
    return row;
}

} // namespace

QList<OrderRow> orders(QSqlDatabase &db, const OrderFilter &filter)
{
    QSqlQuery q = CacheSql::prepare(db,
                                    QStringLiteral("SELECT %1 FROM orders "
                                                   "WHERE (? IS NULL OR customer_id = ?) "
                                                   "AND (? = 0 OR server_data IS NOT NULL) "
                                                   "ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
                                        .arg(QLatin1String(OrderColumns)));
    const QVariant customerId = idValue(filter.customerId);
    q.bindValue(0, customerId);
    q.bindValue(1, customerId);
    q.bindValue(2, filter.serverOnly);
    q.bindValue(3, std::max(0, filter.limit));
    q.bindValue(4, std::max(0, filter.offset));
    CacheSql::exec(q);
    QList<OrderRow> rows;
    while (q.next())
        rows.append(orderFrom(q));
    return rows;
}

std::optional<OrderRow> orderRow(QSqlDatabase &db, const Id &id)
{
    QSqlQuery q = CacheSql::prepare(
        db, QStringLiteral("SELECT %1 FROM orders WHERE id = ?").arg(QLatin1String(OrderColumns)));
    q.bindValue(0, idText(id));
    CacheSql::exec(q);
    return q.next() ? std::optional<OrderRow>(orderFrom(q)) : std::nullopt;
}

std::optional<Order> serverOrder(QSqlDatabase &db, const Id &id)
{
    QSqlQuery q = CacheSql::prepare(
        db,
        QStringLiteral(
            "SELECT CAST(server_data AS BLOB) FROM orders WHERE id = ? AND server_data IS NOT NULL"));
    q.bindValue(0, idText(id));
    return decodeFirst<Order>(q, "order");
}

} // namespace CatalogQueries

} // namespace portico::client
