#include "cache/pagewriter.h"

#include "cache/cachedatabase.h"
#include "cache/cachesql.h"
#include "cache/searchtext.h"
#include "cache/sqlstatement.h"
#include "domain/currency.h"
#include "domain/money.h"
#include "domain/quantity.h"
#include "sync/syncpage.h"
#include "warehouse/warehousefeed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QUuid>

#include <array>
#include <memory>
#include <optional>
#include <simdjson.h>

namespace portico::client::CatalogCache {

namespace {

using CacheSql::nullInteger;
using CacheSql::nullText;

enum class Entity {
    Group,
    Property,
    Product,
    PriceType,
    Price,
    Warehouse,
    Stock,
    Customer,
    Order,
    Document,
    Bin,
    Unknown
};

Entity entityOf(QStringView name)
{
    struct Name
    {
        QStringView text;
        Entity entity;
    };
    static constexpr Name Names[] = {
        {u"price", Entity::Price},
        {u"stock", Entity::Stock},
        {u"product", Entity::Product},
        {u"customer", Entity::Customer},
        {u"order", Entity::Order},
        {u"document", Entity::Document},
        {u"group", Entity::Group},
        {u"property", Entity::Property},
        {u"price_type", Entity::PriceType},
        {u"warehouse", Entity::Warehouse},
        {u"bin", Entity::Bin},
    };
    for (const Name &candidate : Names) {
        if (candidate.text == name)
            return candidate.entity;
    }
    return Entity::Unknown;
}

// Every statement applyPage may run. Each is prepared the first time a page needs it and reused
// for the rest of the page.
enum Statement {
    GroupUpsert,
    GroupDelete,
    PropertyUpsert,
    PropertyDelete,
    ProductInsert,
    ProductUpsert,
    ProductDelete,
    ExistingProducts,
    SearchReplace,
    SearchDelete,
    BarcodesClear,
    BarcodesInsert,
    PriceTypeUpsert,
    PriceTypeDelete,
    PriceUpsert,
    PriceDelete,
    PriceDeferDelete,
    WarehouseUpsert,
    WarehouseDelete,
    StockUpsert,
    StockDelete,
    StockDeferDelete,
    CustomerUpsert,
    CustomerDelete,
    OrderUpsert,
    OrderDropServerData,
    OrderDeleteServerOnly,
    DocumentUpsert,
    DocumentDelete,
    BinUpsert,
    BinDelete,
    BinDeferDelete,
    StatementCount
};

// The JSON object is stored as compact UTF-8 text, bound as UTF-8 (SqlStatement).
const char *const StatementSql[StatementCount] = {
    // GroupUpsert
    "INSERT OR REPLACE INTO product_group (id, parent_id, name, sort_order, data) "
    "VALUES (?, ?, ?, ?, CAST(? AS TEXT))",
    // GroupDelete
    "DELETE FROM product_group WHERE id = ?",
    // PropertyUpsert
    "INSERT OR REPLACE INTO property (id, name, type, data) VALUES (?, ?, ?, CAST(? AS TEXT))",
    // PropertyDelete
    "DELETE FROM property WHERE id = ?",
    // ProductInsert
    "INSERT INTO product (id, group_id, sku, sku_key, name, name_key, barcodes, unit_code, unit, vat_rate, "
    "active, data, search_name, search_barcodes, search_properties) "
    "VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?)",
    // ProductUpsert: an update keeps the row's rid, the product's row in the search index.
    "INSERT INTO product (id, group_id, sku, sku_key, name, name_key, barcodes, unit_code, unit, vat_rate, "
    "active, data, search_name, search_barcodes, search_properties) "
    "VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET group_id = excluded.group_id, sku = excluded.sku, "
    "sku_key = excluded.sku_key, name = excluded.name, name_key = excluded.name_key, "
    "barcodes = excluded.barcodes, unit_code = excluded.unit_code, unit = excluded.unit, "
    "vat_rate = excluded.vat_rate, active = excluded.active, data = excluded.data, "
    "search_name = excluded.search_name, search_barcodes = excluded.search_barcodes, "
    "search_properties = excluded.search_properties RETURNING rid",
    // ProductDelete
    "DELETE FROM product WHERE id = ? RETURNING rid",
    // ExistingProducts: which of the page's products (a JSON array of ids) the cache holds.
    "SELECT id FROM product WHERE id IN (SELECT value FROM json_each(CAST(? AS TEXT)))",
    // SearchReplace
    "INSERT OR REPLACE INTO product_fts (rowid, name, sku, barcodes, properties) VALUES (?, ?, ?, ?, ?)",
    // SearchDelete
    "DELETE FROM product_fts WHERE rowid = ?",
    // BarcodesClear
    "DELETE FROM product_barcode WHERE product_id = ?",
    // BarcodesInsert: every barcode of a product's JSON array in one statement.
    "INSERT OR IGNORE INTO product_barcode (barcode, product_id) "
    "SELECT value, ? FROM json_each(CAST(? AS TEXT)) WHERE value <> ''",
    // PriceTypeUpsert
    "INSERT OR REPLACE INTO price_type (id, name, currency, vat_included, data) "
    "VALUES (?, ?, ?, ?, CAST(? AS TEXT))",
    // PriceTypeDelete
    "DELETE FROM price_type WHERE id = ?",
    // PriceUpsert
    "INSERT OR REPLACE INTO price (product_id, price_type_id, unit_price_minor, currency, tiers, data) "
    "VALUES (?, ?, ?, ?, CAST(? AS TEXT), CAST(? AS TEXT))",
    // PriceDelete
    "DELETE FROM price WHERE product_id = ? AND price_type_id = ?",
    // PriceDeferDelete: during an initial sync, without the key index (CacheSchema::createDeferredIndexes).
    "INSERT INTO deferred_delete (entity, key1, key2, before_rowid) "
    "SELECT 'price', ?, ?, COALESCE(MAX(rowid), 0) FROM price",
    // WarehouseUpsert
    "INSERT OR REPLACE INTO warehouse (id, name, address, data) VALUES (?, ?, ?, CAST(? AS TEXT))",
    // WarehouseDelete
    "DELETE FROM warehouse WHERE id = ?",
    // StockUpsert
    "INSERT OR REPLACE INTO stock (product_id, warehouse_id, on_hand_milli, reserved_milli, as_of, data) "
    "VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT))",
    // StockDelete
    "DELETE FROM stock WHERE product_id = ? AND warehouse_id = ?",
    // StockDeferDelete
    "INSERT INTO deferred_delete (entity, key1, key2, before_rowid) "
    "SELECT 'stock', ?, ?, COALESCE(MAX(rowid), 0) FROM stock",
    // CustomerUpsert
    "INSERT OR REPLACE INTO customer (id, name, name_key, search_key, legal_name, inn, price_type_id, "
    "discount_bp, currency, credit_limit_minor, blocked, credit_currency, balance_minor, overdue_minor, "
    "open_orders_minor, available_minor, data) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT))",
    // CustomerDelete
    "DELETE FROM customer WHERE id = ?",
    // OrderUpsert: the server's columns only. local_state, local_data, outcome and outcome_seen
    // belong to the client; a client number the row lacks is taken from the server.
    "INSERT INTO orders (id, client_number, number, customer_id, status, created_at, updated_at, "
    "total_minor, currency, server_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT)) "
    "ON CONFLICT (id) DO UPDATE SET number = excluded.number, status = excluded.status, "
    "customer_id = excluded.customer_id, created_at = excluded.created_at, "
    "total_minor = excluded.total_minor, currency = excluded.currency, "
    "server_data = excluded.server_data, updated_at = excluded.updated_at, "
    "client_number = CASE WHEN orders.client_number IS NULL OR orders.client_number = '' "
    "THEN excluded.client_number ELSE orders.client_number END",
    // OrderDropServerData
    "UPDATE orders SET server_data = NULL WHERE id = ?",
    // OrderDeleteServerOnly
    "DELETE FROM orders WHERE id = ? AND local_state IS NULL",
    // DocumentUpsert
    "INSERT OR REPLACE INTO document (id, kind, number, date, customer_id, order_id, amount_minor, currency, "
    "data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT))",
    // DocumentDelete
    "DELETE FROM document WHERE id = ?",
    // BinUpsert
    "INSERT OR REPLACE INTO bin_location (product_id, warehouse_id, bin, data) VALUES (?, ?, ?, CAST(? AS "
    "TEXT))",
    // BinDelete
    "DELETE FROM bin_location WHERE product_id = ? AND warehouse_id = ?",
    // BinDeferDelete
    "INSERT INTO deferred_delete (entity, key1, key2, before_rowid) "
    "SELECT 'bin', ?, ?, COALESCE(MAX(rowid), 0) FROM bin_location",
};

// One page's changes, written with statements prepared once for the page.
class PageWriter final
{
public:
    // With maintainIndexes false the writer leaves product_fts and product_barcode alone (an
    // initial sync rebuilds both once at its last page), and a tombstone of a price, stock level
    // or bin location waits in deferred_delete for the key indexes.
    PageWriter(QSqlDatabase &db, bool maintainIndexes)
        : m_db(db)
        , m_maintainIndexes(maintainIndexes)
    { }

    // Notes which products of the changes to apply the cache already holds: a new product is a
    // plain INSERT with nothing of it to clear, the common case of a first sync.
    void lookUpProducts(const QList<const SyncChange *> &changes)
    {
        QJsonArray ids;
        for (const SyncChange *change : changes) {
            if (!change->deleted && change->entity == QLatin1String("product")) {
                const QString id = canonicalId(change->data.value(QLatin1String("id")).toString());
                if (!id.isEmpty())
                    ids.append(id);
            }
        }
        if (ids.isEmpty())
            return;
        SqlStatement &existing = run(ExistingProducts, QJsonDocument(ids).toJson(QJsonDocument::Compact));
        for (bool row = m_hasRow; row; row = existing.next())
            m_knownProducts.insert(existing.text(0));
    }

    void apply(const SyncChange &change)
    {
        m_change = &change;
        const Entity entity = entityOf(change.entity);
        if (entity == Entity::Unknown) {
            if (WarehouseFeed::handles(change.entity))
                WarehouseFeed::apply(m_db, change);
            return; // else a newer server's entity: nothing here reads it
        }
        if (change.deleted) {
            remove(entity);
            return;
        }
        // The object's text as the page carried it, when the parser kept it.
        m_data = change.dataJson.isEmpty() ? QJsonDocument(change.data).toJson(QJsonDocument::Compact)
                                           : change.dataJson;
        switch (entity) {
        case Entity::Group:
            return writeGroup();
        case Entity::Property:
            return writeProperty();
        case Entity::Product:
            return writeProduct();
        case Entity::PriceType:
            return writePriceType();
        case Entity::Price:
            return writePrice();
        case Entity::Warehouse:
            return writeWarehouse();
        case Entity::Stock:
            return writeStock();
        case Entity::Customer:
            return writeCustomer();
        case Entity::Order:
            return writeOrder();
        case Entity::Document:
            return writeDocument();
        case Entity::Bin:
            return writeBin();
        case Entity::Unknown:
            return;
        }
    }

private:
    [[noreturn]] void malformed(const QString &what) const
    {
        throw CacheError(QStringLiteral("Malformed %1 change %2 (seq %3): %4")
                             .arg(m_change->entity, m_change->id)
                             .arg(m_change->seq)
                             .arg(what)
                             .toStdString());
    }

    SqlStatement &statement(Statement which)
    {
        std::unique_ptr<SqlStatement> &slot = m_statements[which];
        if (!slot)
            slot = std::make_unique<SqlStatement>(m_db, StatementSql[which]);
        return *slot;
    }

    // Runs the statement up to its first result row; m_hasRow tells whether there is one.
    template<typename... Values>
    SqlStatement &run(Statement which, const Values &...values)
    {
        SqlStatement &q = statement(which);
        q.reset();
        int index = 0;
        (q.bind(index++, values), ...);
        m_hasRow = q.execute();
        return q;
    }

    // Field readers over the change's data. A missing or malformed key field, or a value that
    // cannot fill its typed column, is an error: the page is refused rather than half-applied.
    const QJsonObject &data() const { return m_change->data; }

    static QString canonicalId(QStringView text)
    {
        const QUuid id = QUuid::fromString(text);
        return id.isNull() ? QString() : id.toString(QUuid::WithoutBraces);
    }

    QString requiredId(QLatin1StringView key) const
    {
        const QJsonValue value = data().value(key);
        const QString id = value.isString() ? canonicalId(value.toString()) : QString();
        if (id.isEmpty())
            malformed(QStringLiteral("%1 is missing or not a UUID").arg(key));
        return id;
    }

    QVariant optionalId(QLatin1StringView key) const
    {
        const QJsonValue value = data().value(key);
        if (value.isNull() || value.isUndefined())
            return nullText();
        const QString id = value.isString() ? canonicalId(value.toString()) : QString();
        if (id.isEmpty())
            malformed(QStringLiteral("%1 is not a UUID").arg(key));
        return id;
    }

    QString text(const QJsonObject &object, QLatin1StringView key) const
    {
        const QJsonValue value = object.value(key);
        if (value.isString())
            return value.toString();
        if (!value.isNull() && !value.isUndefined())
            malformed(QStringLiteral("%1 is not a string").arg(key));
        return {};
    }
    QString text(QLatin1StringView key) const { return text(data(), key); }

    QVariant textOrNull(QLatin1StringView key) const { return CacheSql::textOrNull(text(key)); }

    std::optional<Currency> currencyOf(const QString &code) const
    {
        if (code.isEmpty())
            return std::nullopt;
        const std::optional<Currency> currency = Currency::fromCode(code);
        if (!currency)
            malformed(QStringLiteral("unknown currency %1").arg(code));
        return currency;
    }
    std::optional<Currency> currency(const QJsonObject &object) const
    {
        return currencyOf(text(object, QLatin1String("currency")));
    }

    // Minor units of a money field (`amount`, the text of `key`); NULL when absent or null.
    QVariant moneyOf(const QString &amount, QLatin1StringView key, std::optional<Currency> currency) const
    {
        if (amount.isEmpty())
            return nullInteger();
        const std::optional<Money> parsed = Money::parse(amount, currency.value_or(Currency::rub()));
        if (!parsed)
            malformed(QStringLiteral("%1 is not an amount of money").arg(key));
        return parsed->minor();
    }
    QVariant money(const QJsonObject &object, QLatin1StringView key, std::optional<Currency> currency) const
    {
        return moneyOf(text(object, key), key, currency);
    }

    qint64 quantityOf(const QString &text, QLatin1StringView key) const
    {
        if (text.isEmpty())
            return 0;
        const std::optional<Quantity> parsed = Quantity::parse(text);
        if (!parsed)
            malformed(QStringLiteral("%1 is not a quantity").arg(key));
        return parsed->milli();
    }

    // Rows written from their text (prices, stock levels, bins: most rows of an initial sync),
    // read with simdjson instead of through a QJsonObject.
    void parseRow()
    {
        if (m_rowParser.parse(m_data.constData(), static_cast<std::size_t>(m_data.size())).get(m_row)
                != simdjson::SUCCESS
            || !m_row.is_object())
            malformed(QStringLiteral("the data is not a JSON object"));
    }

    // A string member of the row; empty when absent or null.
    QString rowText(QLatin1StringView key) const
    {
        simdjson::dom::element value;
        if (m_row[std::string_view(key.data(), static_cast<std::size_t>(key.size()))].get(value)
                != simdjson::SUCCESS
            || value.is_null())
            return {};
        std::string_view text;
        if (value.get_string().get(text) != simdjson::SUCCESS)
            malformed(QStringLiteral("%1 is not a string").arg(key));
        return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    }

    QString rowRequiredId(QLatin1StringView key) const
    {
        const QString id = canonicalId(rowText(key));
        if (id.isEmpty())
            malformed(QStringLiteral("%1 is missing or not a UUID").arg(key));
        return id;
    }

    QByteArray rowArray(QLatin1StringView key) const
    {
        simdjson::dom::array array;
        if (m_row[std::string_view(key.data(), static_cast<std::size_t>(key.size()))].get_array().get(array)
            != simdjson::SUCCESS)
            return QByteArrayLiteral("[]");
        return QByteArray::fromStdString(simdjson::minify(array));
    }

    bool flag(QLatin1StringView key, bool fallback) const
    {
        const QJsonValue value = data().value(key);
        return value.isBool() ? value.toBool() : fallback;
    }

    qint64 integer(QLatin1StringView key) const
    {
        const QJsonValue value = data().value(key);
        return value.isDouble() ? value.toInteger() : 0;
    }

    // The two ids of a price ("<product>/<price type>") or stock ("<product>/<warehouse>") key.
    std::pair<QString, QString> compositeKey() const
    {
        const qsizetype slash = m_change->id.indexOf(QLatin1Char('/'));
        const QString first = slash > 0 ? canonicalId(QStringView(m_change->id).first(slash)) : QString();
        const QString second
            = slash > 0 ? canonicalId(QStringView(m_change->id).sliced(slash + 1)) : QString();
        if (first.isEmpty() || second.isEmpty())
            malformed(QStringLiteral("the id is not two UUIDs separated by '/'"));
        return {first, second};
    }

    QString changeId() const
    {
        const QString id = canonicalId(m_change->id);
        if (id.isEmpty())
            malformed(QStringLiteral("the id is not a UUID"));
        return id;
    }

    void writeGroup()
    {
        run(GroupUpsert, requiredId(QLatin1String("id")), optionalId(QLatin1String("parent_id")),
            text(QLatin1String("name")), integer(QLatin1String("sort_order")), m_data);
    }

    void writeProperty()
    {
        run(PropertyUpsert, requiredId(QLatin1String("id")), text(QLatin1String("name")),
            text(QLatin1String("type")), m_data);
    }

    void writeProduct()
    {
        const QString id = requiredId(QLatin1String("id"));
        const QString sku = text(QLatin1String("sku"));
        const QString name = text(QLatin1String("name"));
        const QJsonObject unit = data().value(QLatin1String("unit")).toObject();
        const bool active = flag(QLatin1String("active"), true);
        // The folded search columns are stored with the product: the index is rebuilt from them.
        // The page parser prepared them; a change that did not come through it is prepared here.
        std::optional<PreparedProduct> preparedHere;
        if (!m_change->product) {
            QString why;
            preparedHere = prepareProduct(data(), &why);
            if (!preparedHere)
                malformed(why);
        }
        const PreparedProduct &prepared = m_change->product ? *m_change->product : *preparedHere;
        const bool known = m_knownProducts.contains(id);

        qint64 rid = 0;
        SqlStatement &written
            = run(known ? ProductUpsert : ProductInsert, id, optionalId(QLatin1String("group_id")), sku,
                  prepared.searchSku, name, prepared.sortKey, prepared.barcodes,
                  text(unit, QLatin1String("okei_code")), text(unit, QLatin1String("name")),
                  text(QLatin1String("vat_rate")), active, m_data, prepared.searchName,
                  prepared.searchBarcodes, prepared.searchProperties);
        if (known) {
            if (!m_hasRow)
                malformed(QStringLiteral("the product row was not written"));
            rid = written.int64(0);
            written.reset();
        } else {
            rid = written.lastInsertRowId();
            m_knownProducts.insert(id);
        }

        if (!m_maintainIndexes)
            return; // the search index and the barcodes are rebuilt at the end of the initial sync
        if (active)
            run(SearchReplace, rid, prepared.searchName, prepared.searchSku, prepared.searchBarcodes,
                prepared.searchProperties);
        else if (known)
            run(SearchDelete, rid);

        if (known)
            run(BarcodesClear, id);
        if (prepared.barcodes != "[]")
            run(BarcodesInsert, id, prepared.barcodes);
    }

    void writePriceType()
    {
        const std::optional<Currency> code = currency(data());
        run(PriceTypeUpsert, requiredId(QLatin1String("id")), text(QLatin1String("name")),
            code.value_or(Currency::rub()).code(), flag(QLatin1String("vat_included"), true), m_data);
    }

    void writePrice()
    {
        parseRow();
        const QString productId = rowRequiredId(QLatin1String("product_id"));
        const QString priceTypeId = rowRequiredId(QLatin1String("price_type_id"));
        const std::optional<Currency> code = currencyOf(rowText(QLatin1String("currency")));
        if (!code)
            malformed(QStringLiteral("currency is missing"));
        const QVariant unitPrice
            = moneyOf(rowText(QLatin1String("unit_price")), QLatin1String("unit_price"), code);
        if (unitPrice.isNull())
            malformed(QStringLiteral("unit_price is missing"));
        run(PriceUpsert, productId, priceTypeId, unitPrice, code->code(), rowArray(QLatin1String("tiers")),
            m_data);
    }

    void writeWarehouse()
    {
        run(WarehouseUpsert, requiredId(QLatin1String("id")), text(QLatin1String("name")),
            text(QLatin1String("address")), m_data);
    }

    void writeStock()
    {
        parseRow();
        run(StockUpsert, rowRequiredId(QLatin1String("product_id")),
            rowRequiredId(QLatin1String("warehouse_id")),
            quantityOf(rowText(QLatin1String("on_hand")), QLatin1String("on_hand")),
            quantityOf(rowText(QLatin1String("reserved")), QLatin1String("reserved")),
            CacheSql::textOrNull(rowText(QLatin1String("as_of"))), m_data);
    }

    void writeBin()
    {
        parseRow();
        run(BinUpsert, rowRequiredId(QLatin1String("product_id")),
            rowRequiredId(QLatin1String("warehouse_id")), rowText(QLatin1String("bin")), m_data);
    }

    void writeCustomer()
    {
        const QString name = text(QLatin1String("name"));
        const QString legalName = text(QLatin1String("legal_name"));
        const QString inn = text(QLatin1String("inn"));
        const std::optional<Currency> code = currency(data());
        const QJsonValue creditValue = data().value(QLatin1String("credit"));
        const QJsonObject credit = creditValue.toObject();
        const bool hasCredit = creditValue.isObject();
        const std::optional<Currency> creditCode = hasCredit ? currency(credit) : std::nullopt;
        run(CustomerUpsert, requiredId(QLatin1String("id")), name, SearchText::sortKey(name),
            SearchText::fold(QString(name + QLatin1Char(' ') + legalName + QLatin1Char(' ') + inn)),
            legalName, inn, optionalId(QLatin1String("price_type_id")), integer(QLatin1String("discount_bp")),
            code ? QVariant(code->code()) : nullText(), money(data(), QLatin1String("credit_limit"), code),
            flag(QLatin1String("blocked"), false), creditCode ? QVariant(creditCode->code()) : nullText(),
            hasCredit ? money(credit, QLatin1String("balance"), creditCode) : nullInteger(),
            hasCredit ? money(credit, QLatin1String("overdue"), creditCode) : nullInteger(),
            hasCredit ? money(credit, QLatin1String("open_orders"), creditCode) : nullInteger(),
            hasCredit ? money(credit, QLatin1String("available"), creditCode) : nullInteger(), m_data);
    }

    static QDateTime timestamp(const QString &text)
    {
        const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
        return at.isValid() ? at.toUTC() : QDateTime();
    }

    // The order's times in the cache's one timestamp format (cachesql.h), so that local and
    // server orders sort together. When the order last changed on the server: its own
    // updated_at when the server sends one, else the latest status change, else its creation.
    QVariant orderTimestamp(QLatin1StringView key) const
    {
        const QDateTime at = timestamp(text(key));
        return at.isValid() ? QVariant(CacheSql::timestampText(at)) : nullText();
    }

    QVariant orderUpdatedAt() const
    {
        QDateTime updatedAt = timestamp(text(QLatin1String("updated_at")));
        if (!updatedAt.isValid()) {
            const QJsonArray history = data().value(QLatin1String("history")).toArray();
            for (const QJsonValue &change : history) {
                const QDateTime at = timestamp(change.toObject().value(QLatin1String("at")).toString());
                if (at.isValid() && (!updatedAt.isValid() || at > updatedAt))
                    updatedAt = at;
            }
        }
        if (!updatedAt.isValid())
            return orderTimestamp(QLatin1String("created_at"));
        return CacheSql::timestampText(updatedAt);
    }

    void writeOrder()
    {
        const std::optional<Currency> code = currency(data());
        const QJsonObject totals = data().value(QLatin1String("totals")).toObject();
        run(OrderUpsert, requiredId(QLatin1String("id")), textOrNull(QLatin1String("client_number")),
            textOrNull(QLatin1String("number")), optionalId(QLatin1String("customer_id")),
            textOrNull(QLatin1String("status")), orderTimestamp(QLatin1String("created_at")),
            orderUpdatedAt(), money(totals, QLatin1String("total"), code),
            code ? QVariant(code->code()) : nullText(), m_data);
    }

    void writeDocument()
    {
        const std::optional<Currency> code = currency(data());
        run(DocumentUpsert, requiredId(QLatin1String("id")), text(QLatin1String("kind")),
            text(QLatin1String("number")), textOrNull(QLatin1String("date")),
            optionalId(QLatin1String("customer_id")), optionalId(QLatin1String("order_id")),
            money(data(), QLatin1String("amount"), code), code ? QVariant(code->code()) : nullText(), m_data);
    }

    void remove(Entity entity)
    {
        switch (entity) {
        case Entity::Group:
            run(GroupDelete, changeId());
            return;
        case Entity::Property:
            run(PropertyDelete, changeId());
            return;
        case Entity::Product: {
            const QString id = changeId();
            SqlStatement &deleted = run(ProductDelete, id);
            if (m_hasRow) {
                const qint64 rid = deleted.int64(0);
                deleted.reset();
                if (m_maintainIndexes)
                    run(SearchDelete, rid);
            }
            if (m_maintainIndexes)
                run(BarcodesClear, id);
            return;
        }
        case Entity::PriceType:
            run(PriceTypeDelete, changeId());
            return;
        case Entity::Price: {
            const auto [productId, priceTypeId] = compositeKey();
            run(m_maintainIndexes ? PriceDelete : PriceDeferDelete, productId, priceTypeId);
            return;
        }
        case Entity::Warehouse:
            run(WarehouseDelete, changeId());
            return;
        case Entity::Stock: {
            const auto [productId, warehouseId] = compositeKey();
            run(m_maintainIndexes ? StockDelete : StockDeferDelete, productId, warehouseId);
            return;
        }
        case Entity::Customer:
            run(CustomerDelete, changeId());
            return;
        case Entity::Order: {
            // The order leaves the server's view; what the client holds of it stays.
            const QString id = changeId();
            run(OrderDropServerData, id);
            run(OrderDeleteServerOnly, id);
            return;
        }
        case Entity::Document:
            run(DocumentDelete, changeId());
            return;
        case Entity::Bin: {
            const auto [productId, warehouseId] = compositeKey();
            run(m_maintainIndexes ? BinDelete : BinDeferDelete, productId, warehouseId);
            return;
        }
        case Entity::Unknown:
            return;
        }
    }

    QSqlDatabase &m_db;
    const bool m_maintainIndexes;
    std::array<std::unique_ptr<SqlStatement>, StatementCount> m_statements;
    bool m_hasRow = false;
    QSet<QString> m_knownProducts;
    const SyncChange *m_change = nullptr;
    QByteArray m_data;
    simdjson::dom::parser m_rowParser;
    simdjson::dom::element m_row;
};

} // namespace

void writeChanges(QSqlDatabase &db, const QList<const SyncChange *> &changes, bool maintainIndexes)
{
    PageWriter writer(db, maintainIndexes);
    writer.lookUpProducts(changes);
    for (const SyncChange *change : changes)
        writer.apply(*change);
}

} // namespace portico::client::CatalogCache
