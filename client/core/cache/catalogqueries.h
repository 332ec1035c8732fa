#pragma once

#include "domain/catalog.h"
#include "domain/customer.h"
#include "domain/document.h"
#include "domain/ids.h"
#include "domain/money.h"
#include "domain/order.h"
#include "domain/quantity.h"
#include "domain/vatrate.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QSqlDatabase;

namespace portico::client {

// One node of the catalog tree.
struct GroupNode
{
    Id id;
    Id parentId; // null for a root group
    QString name;
    int sortOrder = 0;
    int productCount = 0; // active products directly in this group
    int totalProductCount = 0; // active products in this group and every group below it
};

// A product's stock in one warehouse.
struct WarehouseStock
{
    Id warehouseId;
    Quantity onHand;
    Quantity reserved;
    QDateTime asOf; // UTC; when the accounting system counted it
    Quantity available() const { return onHand - reserved; }
};

// A product as lists show it: the columns a row needs, its price in the price type asked for and
// its stock per warehouse.
struct ProductRow
{
    Id id;
    Id groupId;
    QString sku;
    QString name;
    QString unitName;
    QString vatRate; // wire name ("20", "none"); vatRateFromString() gives the enum
    QStringList barcodes;
    bool active = true;
    std::optional<Money> price; // none when the product has no price of that type
    QList<WarehouseStock> stock; // by warehouse id
    Quantity available() const; // over every warehouse
};

// A customer's credit state as the server last reported it in the feed.
struct CustomerCredit
{
    Money balance; // positive: the customer owes
    Money overdue;
    Money openOrders;
    std::optional<Money> available; // none when the customer has no credit limit
};

struct CustomerRow
{
    Id id;
    QString name;
    QString legalName;
    QString inn;
    Id priceTypeId;
    BasisPoints discount = 0;
    std::optional<Money> creditLimit; // none: no limit
    bool blocked = false;
    std::optional<CustomerCredit> credit;
};

// An order of the one `orders` table: local, server-known, or both.
struct OrderRow
{
    Id id;
    QString number; // the server's; empty until it accepted the order
    QString clientNumber;
    Id customerId;
    std::optional<OrderStatus> status; // none for a status name this build does not know
    QDateTime createdAt;
    QDateTime updatedAt;
    std::optional<Money> total;
    QString localState; // empty for an order only the server knows; else draft/queued/uploaded/failed
    bool onServer = false; // the feed holds it (server_data is set)
};

struct OrderFilter
{
    Id customerId; // null: every customer
    bool serverOnly = false; // only orders the feed holds
    int offset = 0;
    int limit = 100;
};

// The read queries of the cache, for the item models and the order code. Functions of the
// connection: call them inside a CacheDatabase job. They throw CacheError on a failed statement
// or on stored JSON the domain decoders refuse. Lists of products hold active products only;
// lookups by id, barcode and SKU find inactive ones too (an old order may name them).
namespace CatalogQueries {

// Every group with its product counts, ordered by sort order and name (parents before their
// children is not guaranteed: build the tree from parentId).
QList<GroupNode> groupTree(QSqlDatabase &db);

// Active products directly in `groupId` (null: products without a group), sorted by name,
// `limit` of them from `offset`, with their price of `priceTypeId` (null: none) and stock.
QList<ProductRow> groupProducts(QSqlDatabase &db, const Id &groupId, const Id &priceTypeId, int offset,
                                int limit);
int groupProductCount(QSqlDatabase &db, const Id &groupId);

// Full-text search over name, SKU, barcodes and property values: every word a prefix, all words
// required, case and ё/е folded (cache/searchtext.h). An exact SKU or barcode comes first, then
// hits by relevance (bm25). At most `limit` active products.
QList<ProductRow> searchProducts(QSqlDatabase &db, const QString &text, const Id &priceTypeId, int limit);

std::optional<Product> product(QSqlDatabase &db, const Id &id);
// An active product first when several carry the barcode.
std::optional<Product> productByBarcode(QSqlDatabase &db, const QString &barcode);
// Exact SKU, case-insensitive (and layout-insensitive as in search: "CM-1" finds "СМ-1").
std::optional<Product> productBySku(QSqlDatabase &db, const QString &sku);

std::optional<Price> price(QSqlDatabase &db, const Id &productId, const Id &priceTypeId);
QList<PriceType> priceTypes(QSqlDatabase &db); // by name
QList<Warehouse> warehouses(QSqlDatabase &db); // by name
QList<WarehouseStock> stock(QSqlDatabase &db, const Id &productId); // by warehouse id

// Customers sorted by name; `filter` (folded like search) must occur in the name, legal name or
// INN when given.
QList<CustomerRow> customers(QSqlDatabase &db, const QString &filter = {});
std::optional<Customer> customer(QSqlDatabase &db, const Id &id);
std::optional<CustomerCredit> customerCredit(QSqlDatabase &db, const Id &id);

// Orders newest first.
QList<OrderRow> orders(QSqlDatabase &db, const OrderFilter &filter = {});
std::optional<OrderRow> orderRow(QSqlDatabase &db, const Id &id);
// The order as the server last sent it; none when the feed does not hold it.
std::optional<Order> serverOrder(QSqlDatabase &db, const Id &id);
// The accounting documents of an order (invoices, waybills, payments ...), oldest first.
QList<Document> orderDocuments(QSqlDatabase &db, const Id &orderId);
// A customer's documents with the number of the order each belongs to (empty when none), the
// newest first, at most `limit`.
QList<std::pair<Document, QString>> customerDocuments(QSqlDatabase &db, const Id &customerId, int limit);

} // namespace CatalogQueries

} // namespace portico::client
