// The desktop client's cache: applying the initial sync of a 100k-product catalog (products,
// 3 price types -> 300k prices, 2 warehouses -> 200k stock levels) as SyncPages through
// CatalogCache::applyPage on the cache thread, against inserting the same rows with plain
// prepared INSERTs into bare tables (primary keys only, no search index) in one transaction, in
// the same process on the same SQLite settings. Then the queries the UI runs while a user types
// or browses: product search with 1-3 word prefixes (target p99 < 10 ms), a group's page of
// products, and a barcode scan.

#include "benchutil.h"
#include "cache/cachedatabase.h"
#include "cache/catalogcache.h"
#include "cache/catalogqueries.h"
#include "sync/syncpage.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <ctime>
#include <exception>
#include <stdexcept>
#include <vector>

using namespace portico;
using namespace portico::bench;
using portico::client::CacheDatabase;
using portico::client::SyncChange;
using portico::client::SyncPage;
namespace CatalogCache = portico::client::CatalogCache;
namespace CatalogQueries = portico::client::CatalogQueries;

namespace {

// splitmix64: the generator's choices are a pure function of (row, purpose), so every page and
// every query can be rebuilt on demand without holding 600k JSON objects in memory.
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
quint64 pick(qint64 row, quint64 purpose)
{
    return mix(static_cast<quint64>(row) * 1000003ULL + purpose);
}
template<typename T, std::size_t N>
const T &choose(const T (&items)[N], qint64 row, quint64 purpose)
{
    return items[pick(row, purpose) % N];
}

enum Kind : quint16 { PriceTypeKind = 1, WarehouseKind, GroupKind, PropertyKind, ProductKind };

QString idOf(Kind kind, qint64 index)
{
    const auto n = static_cast<quint64>(index);
    return QUuid(static_cast<uint>(n), kind, 0x4000, 0x80, 0, 0, 0, static_cast<uchar>(n >> 32), 0x5a, 0xa5,
                 0x01)
        .toString(QUuid::WithoutBraces);
}

const char16_t *const Kinds[] = {
    u"Болт",          u"Гайка",          u"Шайба",          u"Саморез",      u"Шуруп",
    u"Дюбель",        u"Анкер",          u"Гвоздь",         u"Штукатурка",   u"Шпаклёвка",
    u"Грунтовка",     u"Краска",         u"Эмаль",          u"Лак",          u"Клей",
    u"Герметик",      u"Пена монтажная", u"Кабель",         u"Провод",       u"Розетка",
    u"Выключатель",   u"Автомат",        u"Труба",          u"Кран шаровой", u"Фитинг",
    u"Смеситель",     u"Дрель",          u"Перфоратор",     u"Шуруповёрт",   u"Болгарка",
    u"Диск отрезной", u"Сверло",         u"Бита",           u"Ёрш",          u"Щётка",
    u"Валик",         u"Кисть",          u"Лента малярная", u"Уголок",       u"Профиль",
    u"Утеплитель",    u"Плитка",         u"Ламинат",        u"Линолеум",     u"Обои",
    u"Петля",         u"Замок",          u"Ручка",          u"Цемент",       u"Пескобетон",
};
const char16_t *const Qualities[] = {
    u"оцинкованный", u"нержавеющий", u"латунный",      u"гипсовая",      u"цементная",
    u"акриловая",    u"алкидная",    u"универсальный", u"усиленный",     u"профессиональный",
    u"строительный", u"монтажный",   u"влагостойкий",  u"морозостойкий", u"белый",
    u"чёрный",       u"серый",       u"медный",        u"алюминиевый",   u"стальной",
};
const char16_t *const Brands[] = {
    u"Bosch",   u"Makita",    u"DeWalt",    u"Metabo",   u"Knauf",  u"Ceresit", u"Tytan",
    u"Момент",  u"Уралсмесь", u"Эмалит",    u"Тикурила", u"Зубр",   u"Энкор",   u"Sormat",
    u"Fischer", u"Legrand",   u"Schneider", u"IEK",      u"Valtec", u"Rehau",
};
const char16_t *const Sizes[] = {
    u"М6х30", u"М8х40", u"М10х60", u"М12х80", u"4,2х75", u"3х2.5", u"3х1.5",  u"1/2\"",  u"3/4\"",  u"20 мм",
    u"25 кг", u"5 кг",  u"0.9 л",  u"2.5 л",  u"10 л",   u"50 м",  u"125 мм", u"230 мм", u"750 Вт", u"18 В",
};
const char16_t *const Materials[] = {u"Сталь", u"Латунь", u"Медь",  u"Алюминий",     u"Пластик",
                                     u"Гипс",  u"Цемент", u"Акрил", u"Полипропилен", u"Нейлон"};
const char16_t *const Colors[] = {u"Белый", u"Чёрный", u"Серый", u"Красный", u"Синий", u"Жёлтый"};
const char16_t *const Countries[] = {u"Россия", u"Германия", u"Китай", u"Италия", u"Беларусь", u"Турция"};

constexpr int PriceTypes = 3;
constexpr int Warehouses = 2;
constexpr int RootGroups = 20;
constexpr int Groups = 200;
constexpr int Properties = 5;
constexpr qint64 Now = 1'780'000'000'000;

// The feed of a full initial sync in the server's order: price types, warehouses, groups,
// properties, then products, prices and stock levels.
class Catalog final
{
public:
    explicit Catalog(qint64 products)
        : m_products(products)
    { }

    qint64 products() const { return m_products; }
    qint64 changes() const { return Head + m_products * (1 + PriceTypes + Warehouses); }

    SyncPage page(qint64 first, int size) const
    {
        SyncPage page;
        page.epoch = QStringLiteral("bench-epoch.0");
        const qint64 end = std::min(changes(), first + size);
        page.changes.reserve(end - first);
        for (qint64 position = first; position < end; ++position)
            page.changes.append(change(position));
        page.cursor = end;
        page.head = changes();
        page.hasMore = end < changes();
        return received(page);
    }

    QString name(qint64 product) const
    {
        return QString::fromUtf16(choose(Kinds, product, 1)) + QLatin1Char(' ')
            + QString::fromUtf16(choose(Qualities, product, 2)) + QLatin1Char(' ')
            + QString::fromUtf16(choose(Brands, product, 3)) + QLatin1Char(' ')
            + QString::fromUtf16(choose(Sizes, product, 4));
    }
    QString sku(qint64 product) const
    {
        static const char16_t *const Prefixes[] = {u"КР", u"СМ", u"ЛК", u"ЭЛ", u"СТ", u"ИН", u"ХЗ", u"ОТ"};
        return QString::fromUtf16(choose(Prefixes, product, 5)) + QLatin1Char('-')
            + QString::number(100000 + product);
    }
    QString barcode(qint64 product, int which) const
    {
        return QString::number(4600000000000LL + product * 10 + which);
    }

private:
    static constexpr qint64 Head = PriceTypes + Warehouses + Groups + Properties;

    // The page as the sync engine hands it to the cache: written as the server's JSON body and
    // read back by parseSyncPage (which keeps each change's data text).
    static SyncPage received(const SyncPage &page)
    {
        QJsonArray changes;
        for (const SyncChange &change : page.changes) {
            QJsonObject object {{QStringLiteral("seq"), change.seq},
                                {QStringLiteral("entity"), change.entity},
                                {QStringLiteral("id"), change.id},
                                {QStringLiteral("deleted"), change.deleted}};
            if (!change.deleted)
                object.insert(QStringLiteral("data"), change.data);
            changes.append(object);
        }
        const QJsonObject body {
            {QStringLiteral("epoch"), page.epoch},   {QStringLiteral("cursor"), page.cursor},
            {QStringLiteral("head"), page.head},     {QStringLiteral("has_more"), page.hasMore},
            {QStringLiteral("resync"), page.resync}, {QStringLiteral("changes"), changes}};
        QString error;
        auto parsed = client::parseSyncPage(QJsonDocument(body).toJson(QJsonDocument::Compact), &error);
        if (!parsed)
            throw std::runtime_error("bench page does not parse: " + error.toStdString());
        return std::move(*parsed);
    }

    SyncChange change(qint64 position) const
    {
        SyncChange change;
        change.seq = position + 1;
        qint64 index = position;
        if (index < PriceTypes)
            return priceType(change, index);
        index -= PriceTypes;
        if (index < Warehouses)
            return warehouse(change, index);
        index -= Warehouses;
        if (index < Groups)
            return group(change, index);
        index -= Groups;
        if (index < Properties)
            return property(change, index);
        index -= Properties;
        if (index < m_products)
            return product(change, index);
        index -= m_products;
        if (index < m_products * PriceTypes)
            return price(change, index / PriceTypes, static_cast<int>(index % PriceTypes));
        index -= m_products * PriceTypes;
        return stock(change, index / Warehouses, static_cast<int>(index % Warehouses));
    }

    static SyncChange priceType(SyncChange change, qint64 index)
    {
        static const char16_t *const Names[] = {u"Розничная", u"Оптовая", u"Дилерская"};
        change.entity = QStringLiteral("price_type");
        change.id = idOf(PriceTypeKind, index);
        change.data = {{QStringLiteral("id"), change.id},
                       {QStringLiteral("external_id"), QString()},
                       {QStringLiteral("name"), QString::fromUtf16(Names[index])},
                       {QStringLiteral("currency"), QStringLiteral("RUB")},
                       {QStringLiteral("vat_included"), true}};
        return change;
    }

    static SyncChange warehouse(SyncChange change, qint64 index)
    {
        change.entity = QStringLiteral("warehouse");
        change.id = idOf(WarehouseKind, index);
        change.data
            = {{QStringLiteral("id"), change.id},
               {QStringLiteral("external_id"), QString()},
               {QStringLiteral("name"),
                index == 0 ? QStringLiteral("Склад Москва") : QStringLiteral("Склад СПб")},
               {QStringLiteral("address"), QStringLiteral("109316, г. Москва, Волгоградский пр-т, д. 42")}};
        return change;
    }

    static SyncChange group(SyncChange change, qint64 index)
    {
        change.entity = QStringLiteral("group");
        change.id = idOf(GroupKind, index);
        const QJsonValue parent
            = index < RootGroups ? QJsonValue() : QJsonValue(idOf(GroupKind, index % RootGroups));
        change.data = {{QStringLiteral("id"), change.id},
                       {QStringLiteral("external_id"), QString()},
                       {QStringLiteral("parent_id"), parent},
                       {QStringLiteral("name"),
                        QString(QString::fromUtf16(choose(Kinds, index, 7)) + QLatin1Char(' ')
                                + QString::number(index))},
                       {QStringLiteral("sort_order"), static_cast<int>(index)}};
        return change;
    }

    static SyncChange property(SyncChange change, qint64 index)
    {
        static const char16_t *const Names[] = {u"Материал", u"Цвет", u"Размер", u"Производитель", u"Страна"};
        change.entity = QStringLiteral("property");
        change.id = idOf(PropertyKind, index);
        change.data = {{QStringLiteral("id"), change.id},
                       {QStringLiteral("external_id"), QString()},
                       {QStringLiteral("name"), QString::fromUtf16(Names[index])},
                       {QStringLiteral("type"), QStringLiteral("string")},
                       {QStringLiteral("values"), QJsonArray()}};
        return change;
    }

    SyncChange product(SyncChange change, qint64 index) const
    {
        change.entity = QStringLiteral("product");
        change.id = idOf(ProductKind, index);
        QJsonArray barcodes {barcode(index, 1)};
        if (pick(index, 8) % 3 == 0)
            barcodes.append(barcode(index, 2));
        auto value = [](qint64 property, const QString &text) {
            return QJsonObject {{QStringLiteral("property_id"), idOf(PropertyKind, property)},
                                {QStringLiteral("value"), text},
                                {QStringLiteral("value_id"), QJsonValue()}};
        };
        const QString name = this->name(index);
        change.data = {
            {QStringLiteral("id"), change.id},
            {QStringLiteral("external_id"),
             QUuid(static_cast<uint>(index), 9, 9, 1, 2, 3, 4, 5, 6, 7, 8).toString(QUuid::WithoutBraces)},
            {QStringLiteral("sku"), sku(index)},
            {QStringLiteral("barcodes"), barcodes},
            {QStringLiteral("name"), name},
            {QStringLiteral("description"),
             QString(name
                     + QStringLiteral(". Назначение: для монтажа и ремонта внутри и снаружи помещений. "
                                      "Производитель: ")
                     + QString::fromUtf16(choose(Brands, index, 3)) + QLatin1Char('.'))},
            {QStringLiteral("group_id"),
             idOf(GroupKind, RootGroups + static_cast<qint64>(pick(index, 9) % (Groups - RootGroups)))},
            {QStringLiteral("unit"),
             QJsonObject {{QStringLiteral("okei_code"), QStringLiteral("796")},
                          {QStringLiteral("name"), QStringLiteral("шт")}}},
            {QStringLiteral("vat_rate"), QStringLiteral("20")},
            {QStringLiteral("weight_kg"),
             QString::number(static_cast<double>(pick(index, 10) % 30000) / 1000.0, 'f', 3)},
            {QStringLiteral("volume_m3"), QStringLiteral("0.004")},
            {QStringLiteral("properties"),
             QJsonArray {value(0, QString::fromUtf16(choose(Materials, index, 11))),
                         value(1, QString::fromUtf16(choose(Colors, index, 12))),
                         value(2, QString::fromUtf16(choose(Sizes, index, 4))),
                         value(3, QString::fromUtf16(choose(Brands, index, 3))),
                         value(4, QString::fromUtf16(choose(Countries, index, 13)))}},
            {QStringLiteral("image_ref"), QString()},
            {QStringLiteral("active"), pick(index, 14) % 50 != 0},
        };
        return change;
    }

    static SyncChange price(SyncChange change, qint64 product, int type)
    {
        change.entity = QStringLiteral("price");
        const QString productId = idOf(ProductKind, product);
        const QString typeId = idOf(PriceTypeKind, type);
        change.id = productId + QLatin1Char('/') + typeId;
        const qint64 base = 1000 + static_cast<qint64>(pick(product, 20) % 500000); // kopecks
        const qint64 unitPrice = base * (100 - 7 * type) / 100;
        auto money = [](qint64 minor) {
            return QStringLiteral("%1.%2").arg(minor / 100).arg(minor % 100, 2, 10, QLatin1Char('0'));
        };
        QJsonArray tiers;
        if (type == 1 && pick(product, 21) % 3 == 0) {
            tiers = {QJsonObject {{QStringLiteral("min_quantity"), QStringLiteral("10")},
                                  {QStringLiteral("unit_price"), money(unitPrice * 97 / 100)}},
                     QJsonObject {{QStringLiteral("min_quantity"), QStringLiteral("100")},
                                  {QStringLiteral("unit_price"), money(unitPrice * 92 / 100)}}};
        }
        change.data = {{QStringLiteral("product_id"), productId},
                       {QStringLiteral("price_type_id"), typeId},
                       {QStringLiteral("currency"), QStringLiteral("RUB")},
                       {QStringLiteral("unit_price"), money(unitPrice)},
                       {QStringLiteral("tiers"), tiers}};
        return change;
    }

    static SyncChange stock(SyncChange change, qint64 product, int warehouse)
    {
        change.entity = QStringLiteral("stock");
        const QString productId = idOf(ProductKind, product);
        const QString warehouseId = idOf(WarehouseKind, warehouse);
        change.id = productId + QLatin1Char('/') + warehouseId;
        const quint64 onHand = pick(product * 2 + warehouse, 30) % 2000;
        change.data = {{QStringLiteral("product_id"), productId},
                       {QStringLiteral("warehouse_id"), warehouseId},
                       {QStringLiteral("on_hand"), QString::number(onHand)},
                       {QStringLiteral("reserved"), QString::number(onHand / 10)},
                       {QStringLiteral("as_of"), QStringLiteral("2026-11-29T19:12:28Z")}};
        return change;
    }

    qint64 m_products;
};

// ---- the baseline: the same rows, plain prepared INSERTs, bare tables --------------------------

void execOrThrow(QSqlQuery &q)
{
    if (!q.exec())
        throw std::runtime_error(q.lastError().text().toStdString());
}

void execOrThrow(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        throw std::runtime_error(q.lastError().text().toStdString());
}

struct BaselineRow
{
    int table = 0; // 0 product, 1 price, 2 stock, 3 anything else
    QVariantList values;
};

QByteArray compact(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

qint64 minorOf(const QString &money)
{
    const qsizetype dot = money.indexOf(QLatin1Char('.'));
    return dot < 0 ? money.toLongLong() * 100
                   : money.left(dot).toLongLong() * 100 + money.mid(dot + 1).toLongLong();
}

// Column values as the cache would store them, extracted before the clock starts: the baseline
// times only binding and inserting.
std::vector<BaselineRow> baselineRows(const SyncPage &page)
{
    std::vector<BaselineRow> rows;
    rows.reserve(static_cast<std::size_t>(page.changes.size()));
    for (const SyncChange &change : page.changes) {
        // The parser keeps the rows the cache writes from their text (prices, stock levels) as
        // text alone.
        const QJsonObject d = change.data.isEmpty() && !change.dataJson.isEmpty()
            ? QJsonDocument::fromJson(change.dataJson).object()
            : change.data;
        BaselineRow row;
        if (change.entity == QLatin1String("product")) {
            row.table = 0;
            const QJsonObject unit = d.value(QLatin1String("unit")).toObject();
            row.values = {d.value(QLatin1String("id")).toString(),
                          d.value(QLatin1String("group_id")).toString(),
                          d.value(QLatin1String("sku")).toString(),
                          d.value(QLatin1String("name")).toString(),
                          compact(d.value(QLatin1String("barcodes"))),
                          unit.value(QLatin1String("name")).toString(),
                          d.value(QLatin1String("vat_rate")).toString(),
                          d.value(QLatin1String("active")).toBool(),
                          compact(d)};
        } else if (change.entity == QLatin1String("price")) {
            row.table = 1;
            row.values = {d.value(QLatin1String("product_id")).toString(),
                          d.value(QLatin1String("price_type_id")).toString(),
                          minorOf(d.value(QLatin1String("unit_price")).toString()),
                          d.value(QLatin1String("currency")).toString(),
                          compact(d.value(QLatin1String("tiers"))),
                          compact(d)};
        } else if (change.entity == QLatin1String("stock")) {
            row.table = 2;
            row.values
                = {d.value(QLatin1String("product_id")).toString(),
                   d.value(QLatin1String("warehouse_id")).toString(),
                   static_cast<qint64>(d.value(QLatin1String("on_hand")).toString().toDouble() * 1000),
                   static_cast<qint64>(d.value(QLatin1String("reserved")).toString().toDouble() * 1000),
                   d.value(QLatin1String("as_of")).toString(),
                   compact(d)};
        } else {
            row.table = 3;
            row.values = {change.entity, change.id, compact(d)};
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

void configure(QSqlDatabase &db)
{
    execOrThrow(db, QStringLiteral("PRAGMA journal_mode = WAL"));
    execOrThrow(db, QStringLiteral("PRAGMA synchronous = FULL"));
    execOrThrow(db, QStringLiteral("PRAGMA cache_size = -32768"));
    execOrThrow(db, QStringLiteral("PRAGMA temp_store = MEMORY"));
}

// CPU time of the calling thread: on a shared machine steadier than the clock.
double threadCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

struct InsertFigures
{
    double seconds = 0; // clock time of the inserts alone
    double cpuSeconds = 0; // CPU time of the thread doing them
    double wallSeconds = 0; // the whole run, page generation included
    qint64 rows = 0;
    int pages = 0;
    QMap<QString, double> secondsByEntity; // pages by the entity most of their changes are
};

QString mainEntity(const SyncPage &page)
{
    return page.changes.isEmpty() ? QString() : page.changes.at(page.changes.size() / 2).entity;
}

InsertFigures runBaseline(const Catalog &catalog, int pageSize, const QString &path)
{
    InsertFigures figures;
    const Stopwatch wall;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("baseline"));
        db.setDatabaseName(path);
        if (!db.open())
            throw std::runtime_error("cannot open the baseline database");
        configure(db);
        execOrThrow(
            db,
            QStringLiteral("CREATE TABLE product (id TEXT PRIMARY KEY, group_id TEXT, sku TEXT, name TEXT, "
                           "barcodes TEXT, unit TEXT, vat_rate TEXT, active INTEGER, data TEXT)"));
        execOrThrow(
            db,
            QStringLiteral("CREATE TABLE price (product_id TEXT, price_type_id TEXT, unit_price_minor "
                           "INTEGER, currency TEXT, tiers TEXT, data TEXT, "
                           "PRIMARY KEY (product_id, price_type_id)) WITHOUT ROWID"));
        execOrThrow(
            db,
            QStringLiteral("CREATE TABLE stock (product_id TEXT, warehouse_id TEXT, on_hand_milli INTEGER, "
                           "reserved_milli INTEGER, as_of TEXT, data TEXT, "
                           "PRIMARY KEY (product_id, warehouse_id)) WITHOUT ROWID"));
        execOrThrow(
            db,
            QStringLiteral("CREATE TABLE other (entity TEXT, id TEXT, data TEXT, PRIMARY KEY (entity, id))"));
        QSqlQuery inserts[4] = {QSqlQuery(db), QSqlQuery(db), QSqlQuery(db), QSqlQuery(db)};
        inserts[0].prepare(QStringLiteral(
            "INSERT INTO product VALUES (?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, CAST(? AS TEXT))"));
        inserts[1].prepare(
            QStringLiteral("INSERT INTO price VALUES (?, ?, ?, ?, CAST(? AS TEXT), CAST(? AS TEXT))"));
        inserts[2].prepare(QStringLiteral("INSERT INTO stock VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT))"));
        inserts[3].prepare(QStringLiteral("INSERT INTO other VALUES (?, ?, CAST(? AS TEXT))"));
        Stopwatch clock;
        execOrThrow(db, QStringLiteral("BEGIN"));
        figures.seconds += clock.seconds();
        for (qint64 first = 0; first < catalog.changes(); first += pageSize) {
            const SyncPage page = catalog.page(first, pageSize);
            const std::vector<BaselineRow> rows = baselineRows(page);
            clock.restart();
            const double cpu = threadCpuSeconds();
            for (const BaselineRow &row : rows) {
                QSqlQuery &q = inserts[row.table];
                for (int i = 0; i < row.values.size(); ++i)
                    q.bindValue(i, row.values.at(i));
                execOrThrow(q);
            }
            figures.cpuSeconds += threadCpuSeconds() - cpu;
            figures.seconds += clock.seconds();
            figures.secondsByEntity[mainEntity(page)] += clock.seconds();
            figures.rows += static_cast<qint64>(rows.size());
            ++figures.pages;
        }
        clock.restart();
        const double cpu = threadCpuSeconds();
        execOrThrow(db, QStringLiteral("COMMIT"));
        figures.cpuSeconds += threadCpuSeconds() - cpu;
        figures.seconds += clock.seconds();
        for (QSqlQuery &q : inserts)
            q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("baseline"));
    figures.wallSeconds = wall.seconds();
    return figures;
}

InsertFigures runApplyPage(const Catalog &catalog, int pageSize, CacheDatabase &cache)
{
    InsertFigures figures;
    const Stopwatch wall;
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(Now, Qt::UTC);
    for (qint64 first = 0; first < catalog.changes(); first += pageSize) {
        const SyncPage page = catalog.page(first, pageSize);
        const Stopwatch clock;
        const double cpu = cache.run([&page, &now](QSqlDatabase &db) {
            const double start = threadCpuSeconds();
            CatalogCache::applyPage(db, page, now);
            return threadCpuSeconds() - start;
        });
        figures.cpuSeconds += cpu;
        figures.seconds += clock.seconds();
        figures.secondsByEntity[mainEntity(page)] += clock.seconds();
        figures.rows += page.changes.size();
        ++figures.pages;
    }
    figures.wallSeconds = wall.seconds();
    return figures;
}

// ---- queries --------------------------------------------------------------------------------

// What a user types looking for a product: the first 3+ letters of 1-3 words of its name, in
// order; now and then an article number or a scanned barcode.
QStringList searchTexts(const Catalog &catalog, int count)
{
    QStringList texts;
    for (int k = 0; k < count; ++k) {
        const qint64 product = static_cast<qint64>(pick(k, 40) % static_cast<quint64>(catalog.products()));
        const quint64 kind = pick(k, 41) % 20;
        if (kind == 0) {
            texts.append(catalog.barcode(product, 1));
            continue;
        }
        if (kind <= 2) {
            const QString sku = catalog.sku(product);
            texts.append(kind == 1 ? sku : sku.left(sku.size() - 2)); // whole or prefix
            continue;
        }
        const QStringList words = catalog.name(product).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const int wordCount = 1 + static_cast<int>(pick(k, 42) % 3);
        const int start = static_cast<int>(
            pick(k, 43) % static_cast<quint64>(std::max<qsizetype>(1, words.size() - wordCount + 1)));
        QStringList typed;
        for (int w = start; w < std::min<qsizetype>(words.size(), start + wordCount); ++w) {
            const QString &word = words.at(w);
            const int length = 3 + static_cast<int>(pick(k * 7 + w, 44) % 5);
            typed.append(word.left(length));
        }
        texts.append(typed.join(QLatin1Char(' ')));
    }
    return texts;
}

struct Latencies
{
    std::vector<double> ms;
    qint64 results = 0;
};

void printLatencies(const QString &name, const Latencies &l)
{
    printFigure(name + QStringLiteral(" p50 / p90 / p99 / max"),
                QStringLiteral("%1 / %2 / %3 / %4 ms")
                    .arg(number(percentile(l.ms, 50), 2), number(percentile(l.ms, 90), 2),
                         number(percentile(l.ms, 99), 2), number(maximum(l.ms), 2)));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    const QStringList args = application.arguments();
    if (hasFlag(args, QStringLiteral("--help"))) {
        printLine(
            QStringLiteral("bench_client_cache [--products N] [--page-size N] [--searches N] [--keep]"));
        return 0;
    }
    const int productCount = std::max(100, intArgument(args, QStringLiteral("--products"), 100000));
    const int pageSize = std::clamp(intArgument(args, QStringLiteral("--page-size"), 2000), 1, 100000);
    const int searchCount = std::max(1, intArgument(args, QStringLiteral("--searches"), 1000));
    const Catalog catalog(productCount);

    printHeading(QStringLiteral("bench_client_cache: the client's cache, initial sync and catalog queries"));
    printFigure(QStringLiteral("machine"), machineDescription());
    printFigure(QStringLiteral("products / prices / stock rows"),
                QStringLiteral("%1 / %2 / %3")
                    .arg(productCount)
                    .arg(productCount * PriceTypes)
                    .arg(productCount * Warehouses));
    printFigure(QStringLiteral("feed changes / page size"),
                QStringLiteral("%1 / %2").arg(catalog.changes()).arg(pageSize));

    QTemporaryDir dir;
    if (!dir.isValid()) {
        printLine(QStringLiteral("cannot create a temporary directory"));
        return 1;
    }
    if (hasFlag(args, QStringLiteral("--keep"))) {
        dir.setAutoRemove(false);
        printFigure(QStringLiteral("data directory (kept)"), dir.path());
    }
    try {
        const QString baselinePath = dir.filePath(QStringLiteral("baseline.db"));
        const InsertFigures baseline = runBaseline(catalog, pageSize, baselinePath);

        const QString cachePath = dir.filePath(QStringLiteral("cache.db"));
        CacheDatabase cache(cachePath);
        QString error;
        if (!cache.open(&error)) {
            printLine(QStringLiteral("cannot open the cache: ") + error);
            return 1;
        }
        const InsertFigures applied = runApplyPage(catalog, pageSize, cache);
        cache.run([](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        });

        printHeading(
            QStringLiteral("initial sync: applyPage (one transaction per page, search index, barcodes)"));
        printFigure(QStringLiteral("pages / changes"),
                    QStringLiteral("%1 / %2").arg(applied.pages).arg(applied.rows));
        printFigure(QStringLiteral("applyPage time (excluding page generation)"),
                    number(applied.seconds, 2) + QStringLiteral(" s"));
        printFigure(QStringLiteral("pages/s"), number(applied.pages / applied.seconds, 1));
        printFigure(QStringLiteral("rows/s"), number(static_cast<double>(applied.rows) / applied.seconds, 0));
        printFigure(QStringLiteral("cache file"),
                    bytesText(static_cast<double>(QFileInfo(cachePath).size())));
        printHeading(
            QStringLiteral("baseline: prepared INSERTs of the same rows, bare tables, one transaction"));
        printFigure(QStringLiteral("insert time (values extracted beforehand)"),
                    number(baseline.seconds, 2) + QStringLiteral(" s"));
        printFigure(QStringLiteral("rows/s"),
                    number(static_cast<double>(baseline.rows) / baseline.seconds, 0));
        printFigure(QStringLiteral("baseline file"),
                    bytesText(static_cast<double>(QFileInfo(baselinePath).size())));
        printFigure(QStringLiteral("applyPage / baseline time"),
                    number(applied.seconds / baseline.seconds, 2) + QStringLiteral("x"));
        printFigure(QStringLiteral("applyPage / baseline CPU time (their threads)"),
                    QStringLiteral("%1 s / %2 s (%3x)")
                        .arg(number(applied.cpuSeconds, 2), number(baseline.cpuSeconds, 2),
                             number(applied.cpuSeconds / baseline.cpuSeconds, 2)));
        printFigure(QStringLiteral("applyPage throughput, % of baseline"),
                    number(100.0 * baseline.seconds / applied.seconds, 0) + QStringLiteral(" %"));
        for (auto it = applied.secondsByEntity.cbegin(); it != applied.secondsByEntity.cend(); ++it) {
            const double base = baseline.secondsByEntity.value(it.key());
            printFigure(QStringLiteral("pages of %1: applyPage / baseline").arg(it.key()),
                        QStringLiteral("%1 s / %2 s (%3x)")
                            .arg(number(it.value(), 2), number(base, 2),
                                 number(base > 0 ? it.value() / base : 0, 2)));
        }

        // Searches: the query time of the job on the cache thread, and the round trip a UI
        // continuation sees.
        const QStringList texts = searchTexts(catalog, searchCount);
        const Id retail = Id::fromString(idOf(PriceTypeKind, 0));
        Latencies inJob;
        Latencies roundTrip;
        for (const QString &text : texts) {
            const Stopwatch outer;
            const auto [ms, count] = cache.run([&text, &retail](QSqlDatabase &db) {
                const Stopwatch inner;
                const auto rows = CatalogQueries::searchProducts(db, text, retail, 50);
                return std::pair<double, qsizetype>(inner.milliseconds(), rows.size());
            });
            roundTrip.ms.push_back(outer.milliseconds());
            inJob.ms.push_back(ms);
            inJob.results += count;
        }
        printHeading(
            QStringLiteral("search: %1 queries of 1-3 word prefixes (and some SKUs, barcodes), limit 50")
                .arg(searchCount));
        printFigure(QStringLiteral("example queries"), texts.mid(0, 6).join(QStringLiteral(" | ")));
        printFigure(QStringLiteral("mean results per query"),
                    number(static_cast<double>(inJob.results) / static_cast<double>(texts.size()), 1));
        printLatencies(QStringLiteral("query"), inJob);
        std::vector<std::pair<double, QString>> slowest;
        for (std::size_t i = 0; i < inJob.ms.size(); ++i)
            slowest.emplace_back(inJob.ms[i], texts.at(static_cast<qsizetype>(i)));
        std::sort(slowest.begin(), slowest.end(),
                  [](const auto &a, const auto &b) { return a.first > b.first; });
        QStringList slowText;
        for (std::size_t i = 0; i < std::min<std::size_t>(5, slowest.size()); ++i)
            slowText.append(QStringLiteral("%1 (%2 ms)").arg(slowest[i].second, number(slowest[i].first, 1)));
        printFigure(QStringLiteral("slowest queries"), slowText.join(QStringLiteral(" | ")));
        printLatencies(QStringLiteral("round trip via the cache thread"), roundTrip);
        printFigure(QStringLiteral("target p99 < 10 ms"),
                    percentile(roundTrip.ms, 99) < 10.0 ? QStringLiteral("met") : QStringLiteral("MISSED"));

        // Browsing: a page of 100 products of a group, at the start and deep in the group.
        Latencies pages;
        Latencies scans;
        for (int k = 0; k < 200; ++k) {
            const Id group = Id::fromString(
                idOf(GroupKind, RootGroups + static_cast<qint64>(pick(k, 50) % (Groups - RootGroups))));
            const int offset = k % 2 == 0 ? 0 : 300;
            const QString barcode
                = catalog.barcode(static_cast<qint64>(pick(k, 51) % static_cast<quint64>(productCount)), 1);
            const auto [pageMs, scanMs] = cache.run([&](QSqlDatabase &db) {
                Stopwatch clock;
                const auto rows = CatalogQueries::groupProducts(db, group, retail, offset, 100);
                const double first = clock.milliseconds();
                clock.restart();
                const auto product = CatalogQueries::productByBarcode(db, barcode);
                return std::pair<double, double>(first, product ? clock.milliseconds() : -1.0);
            });
            pages.ms.push_back(pageMs);
            scans.ms.push_back(scanMs);
        }
        printHeading(QStringLiteral("browsing"));
        printLatencies(QStringLiteral("group page of 100 (offset 0 / 300)"), pages);
        printLatencies(QStringLiteral("barcode scan -> full product"), scans);

        // A kept directory keeps the filled cache for inspection.
        if (!hasFlag(args, QStringLiteral("--keep"))) {
            const Stopwatch reset;
            cache.run([](QSqlDatabase &db) { CatalogCache::resetServerData(db); });
            printFigure(QStringLiteral("resetServerData (resync)"),
                        number(reset.seconds(), 2) + QStringLiteral(" s"));
        }
    } catch (const std::exception &e) {
        printLine(QStringLiteral("bench_client_cache failed: ") + QString::fromUtf8(e.what()));
        return 1;
    }
    return 0;
}
