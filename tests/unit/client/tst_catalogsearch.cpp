#include "cache/cachedatabase.h"
#include "cache/catalogcache.h"
#include "cache/catalogqueries.h"
#include "cache/searchtext.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace portico;
using portico::client::CacheDatabase;
using portico::client::ProductRow;
using portico::client::SyncChange;
using portico::client::SyncPage;
namespace CatalogCache = portico::client::CatalogCache;
namespace CatalogQueries = portico::client::CatalogQueries;
namespace SearchText = portico::client::SearchText;

namespace {

QString uuid(const QString &name)
{
    static const QUuid Namespace = QUuid::fromString(u"0d9b3f1c-7a52-4f0e-8d7e-2c6f1b9a4e21");
    return QUuid::createUuidV5(Namespace, name).toString(QUuid::WithoutBraces);
}

struct Item
{
    const char16_t *sku;
    const char16_t *name;
    QStringList barcodes;
    QStringList propertyValues;
    bool active = true;
};

// A small catalog of the kind a building-supplies distributor carries.
const QList<Item> &items()
{
    static const QList<Item> Items = {
        {u"КР-0001",
         u"Болт М8х40 оцинкованный",
         {QStringLiteral("4600000000011")},
         {QStringLiteral("Сталь")}},
        {u"КР-0004", u"Болт М10х60", {}, {QStringLiteral("Сталь")}},
        {u"КР-0002", u"Гайка М8", {QStringLiteral("4600000000028")}, {}},
        {u"КР-0003", u"Болт старый снятый с продажи", {}, {}, false},
        {u"СМ-10001",
         u"Штукатурка гипсовая Уралсмесь 5 кг",
         {QStringLiteral("4600202409173")},
         {QStringLiteral("Гипс")}},
        {u"ХЗ-0100", u"Ёрш для чистки труб", {}, {}},
        {u"ИН-0300", u"Щётка стальная по металлу", {}, {}},
        {u"ХМ-0200", u"Клей монтажный Момент", {}, {}},
        {u"ЭИ-0013", u"Дрель ударная Bosch GSB 13 RE", {}, {QStringLiteral("Германия")}},
        {u"ЭЛ-0325", u"Кабель ВВГнг 3х2.5", {}, {}},
        {u"СТ-0012", u"Фитинг латунный 1/2\"", {}, {}},
        {u"СТ-0013", u"Кран шаровой 1/2\"", {}, {QStringLiteral("Латунь"), QStringLiteral("Италия")}},
        {u"ГВ-0001", u"Гвоздь строительный ГВ-100, упаковка ГВ-100", {}, {}},
        {u"ГВ-100", u"Гвозди финишные", {}, {}},
        {u"ABC-123", u"Sealant Tytan Professional", {}, {}},
    };
    return Items;
}

QJsonObject productJson(const Item &item)
{
    const QString sku = QString::fromUtf16(item.sku);
    QJsonArray properties;
    for (const QString &value : item.propertyValues) {
        properties.append(QJsonObject {{QStringLiteral("property_id"), uuid(QStringLiteral("property"))},
                                       {QStringLiteral("value"), value},
                                       {QStringLiteral("value_id"), uuid(value)}});
    }
    return QJsonObject {
        {QStringLiteral("id"), uuid(sku)},
        {QStringLiteral("external_id"), QString()},
        {QStringLiteral("sku"), sku},
        {QStringLiteral("barcodes"), QJsonArray::fromStringList(item.barcodes)},
        {QStringLiteral("name"), QString::fromUtf16(item.name)},
        {QStringLiteral("description"), QStringLiteral("Описание товара.")},
        {QStringLiteral("group_id"), uuid(QStringLiteral("group"))},
        {QStringLiteral("unit"),
         QJsonObject {{QStringLiteral("okei_code"), QStringLiteral("796")},
                      {QStringLiteral("name"), QStringLiteral("шт")}}},
        {QStringLiteral("vat_rate"), QStringLiteral("20")},
        {QStringLiteral("weight_kg"), QStringLiteral("0.1")},
        {QStringLiteral("volume_m3"), QStringLiteral("0")},
        {QStringLiteral("properties"), properties},
        {QStringLiteral("image_ref"), QString()},
        {QStringLiteral("active"), item.active},
    };
}

QStringList skus(const QList<ProductRow> &rows)
{
    QStringList result;
    for (const ProductRow &row : rows)
        result.append(row.sku);
    return result;
}

} // namespace

class TestCatalogSearch final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_cache;

    QList<ProductRow> search(const QString &text, int limit = 20)
    {
        return m_cache->run([text, limit](QSqlDatabase &db) {
            return CatalogQueries::searchProducts(db, text, Id::fromString(uuid(QStringLiteral("retail"))),
                                                  limit);
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_cache = std::make_unique<CacheDatabase>(m_dir.filePath(QStringLiteral("search.db")));
        QVERIFY(m_cache->open());
        SyncPage page;
        page.epoch = QStringLiteral("e.0");
        qint64 seq = 0;
        for (const Item &item : items()) {
            SyncChange change;
            change.seq = ++seq;
            change.entity = QStringLiteral("product");
            change.id = uuid(QString::fromUtf16(item.sku));
            change.data = productJson(item);
            page.changes.append(change);
        }
        // A price and stock for the first product, to see the rows carry them.
        SyncChange price;
        price.seq = ++seq;
        price.entity = QStringLiteral("price");
        price.id = uuid(QStringLiteral("КР-0001")) + QLatin1Char('/') + uuid(QStringLiteral("retail"));
        price.data = QJsonObject {{QStringLiteral("product_id"), uuid(QStringLiteral("КР-0001"))},
                                  {QStringLiteral("price_type_id"), uuid(QStringLiteral("retail"))},
                                  {QStringLiteral("currency"), QStringLiteral("RUB")},
                                  {QStringLiteral("unit_price"), QStringLiteral("12.50")},
                                  {QStringLiteral("tiers"), QJsonArray()}};
        page.changes.append(price);
        SyncChange stock;
        stock.seq = ++seq;
        stock.entity = QStringLiteral("stock");
        stock.id = uuid(QStringLiteral("КР-0001")) + QLatin1Char('/') + uuid(QStringLiteral("msk"));
        stock.data = QJsonObject {{QStringLiteral("product_id"), uuid(QStringLiteral("КР-0001"))},
                                  {QStringLiteral("warehouse_id"), uuid(QStringLiteral("msk"))},
                                  {QStringLiteral("on_hand"), QStringLiteral("15")},
                                  {QStringLiteral("reserved"), QStringLiteral("5")},
                                  {QStringLiteral("as_of"), QStringLiteral("2026-11-29T19:12:28Z")}};
        page.changes.append(stock);
        page.cursor = seq;
        page.head = seq;
        m_cache->run([&page](QSqlDatabase &db) {
            CatalogCache::applyPage(db, page, QDateTime::currentDateTimeUtc());
        });
    }

    void cleanupTestCase() { m_cache.reset(); }

    void folding_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("folded");
        QTest::newRow("cyrillic upper") << QStringLiteral("БОЛТ") << QStringLiteral("болт");
        QTest::newRow("yo") << QStringLiteral("Ёрш щётка") << QStringLiteral("ерш щетка");
        QTest::newRow("short i stays") << QStringLiteral("Клей Й") << QStringLiteral("клей й");
        QTest::newRow("latin lookalikes") << QStringLiteral("M8X40") << QStringLiteral("м8х40");
        QTest::newRow("latin other letters") << QStringLiteral("GSB") << QStringLiteral("gsв");
        QTest::newRow("digits and marks") << QStringLiteral("1/2\" 3х2.5") << QStringLiteral("1/2\" 3х2.5");
    }

    void folding()
    {
        QFETCH(QString, text);
        QFETCH(QString, folded);
        QCOMPARE(SearchText::fold(text), folded);
    }

    void matchQueries_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("match");
        QTest::newRow("words") << QStringLiteral("болт м8") << QStringLiteral("\"болт\"* \"м8\"*");
        QTest::newRow("spaces") << QStringLiteral("  болт \t гайка ")
                                << QStringLiteral("\"болт\"* \"гайка\"*");
        QTest::newRow("quote") << QStringLiteral("1/2\"") << QStringLiteral("\"1/2\"\"\"*");
        // FTS5 operators lose their meaning inside quotes (and o, e, a fold to Cyrillic).
        QTest::newRow("operators are words")
            << QStringLiteral("болт OR NEAR")
            << QString::fromUtf16(u"\"болт\"* \"\u043Er\"* \"n\u0435\u0430r\"*");
        QTest::newRow("nothing searchable") << QStringLiteral("-- //") << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void matchQueries()
    {
        QFETCH(QString, text);
        QFETCH(QString, match);
        QCOMPARE(SearchText::matchQuery(text), match);
    }

    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected"); // SKUs
        QTest::addColumn<bool>("ordered"); // else compared as a set

        auto row
            = [](const char *name, const QString &text, const QStringList &expected, bool ordered = false) {
                  QTest::newRow(name) << text << expected << ordered;
              };
        const QString bolt = QStringLiteral("КР-0001");
        const QString bolt10 = QStringLiteral("КР-0004");
        const QString nut = QStringLiteral("КР-0002");
        row("prefix of two words", QStringLiteral("болт м8"), {bolt});
        row("prefixes of both words", QStringLiteral("бол м"), {bolt, bolt10});
        row("word order free", QStringLiteral("м8 болт"), {bolt});
        row("one letter prefix", QStringLiteral("г"),
            {nut, QStringLiteral("СМ-10001"), QStringLiteral("ГВ-0001"), QStringLiteral("ГВ-100"),
             QStringLiteral("ЭИ-0013")});
        row("upper case", QStringLiteral("БОЛТ М8Х40"), {bolt});
        row("latin any case", QStringLiteral("bOsCh gsb"), {QStringLiteral("ЭИ-0013")});
        row("latin words", QStringLiteral("tytan prof"), {QStringLiteral("ABC-123")});
        row("size typed on a latin layout", QStringLiteral("m8"), {bolt, nut});
        row("size typed on a latin layout, upper case", QStringLiteral("M8X40"), {bolt});
        row("ye finds yo", QStringLiteral("ерш"), {QStringLiteral("ХЗ-0100")});
        row("yo finds yo", QStringLiteral("ёрш"), {QStringLiteral("ХЗ-0100")});
        row("ye finds yo inside a word", QStringLiteral("щетка"), {QStringLiteral("ИН-0300")});
        row("upper yo", QStringLiteral("ЩЁТКА СТАЛ"), {QStringLiteral("ИН-0300")});
        row("short i", QStringLiteral("клей"), {QStringLiteral("ХМ-0200")});
        row("short i is not i", QStringLiteral("клеи"), {});
        row("sku exact", QStringLiteral("КР-0002"), {nut}, true);
        row("sku lower case", QStringLiteral("см-10001"), {QStringLiteral("СМ-10001")}, true);
        row("sku typed in latin letters", QStringLiteral("CM-10001"), {QStringLiteral("СМ-10001")}, true);
        row("sku latin", QStringLiteral("abc-123"), {QStringLiteral("ABC-123")}, true);
        row("sku prefix", QStringLiteral("кр-000"), {bolt, bolt10, nut});
        row("barcode exact", QStringLiteral("4600202409173"), {QStringLiteral("СМ-10001")}, true);
        row("barcode prefix", QStringLiteral("46000000000"), {bolt, nut});
        row("property value", QStringLiteral("латунь"), {QStringLiteral("СТ-0013")});
        row("property value and name", QStringLiteral("кран италия"), {QStringLiteral("СТ-0013")});
        row("name before property value", QStringLiteral("латун"),
            {QStringLiteral("СТ-0012"), QStringLiteral("СТ-0013")}, true);
        row("exact sku before names that mention it", QStringLiteral("ГВ-100"),
            {QStringLiteral("ГВ-100"), QStringLiteral("ГВ-0001")}, true);
        row("fraction", QStringLiteral("кабель 3х2.5"), {QStringLiteral("ЭЛ-0325")});
        row("inactive products are not found", QStringLiteral("старый"), {});
        row("no match", QStringLiteral("перфоратор"), {});
        row("one word of two missing", QStringLiteral("болт перфоратор"), {});
        row("punctuation only", QStringLiteral("-- //"), {});
        row("quote in the query", QStringLiteral("болт\""), {bolt, bolt10});
        row("fts operators are plain words", QStringLiteral("болт AND"), {});
    }

    void search()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QFETCH(bool, ordered);
        QStringList found = skus(search(text));
        if (!ordered) {
            found.sort();
            expected.sort();
        }
        QCOMPARE(found, expected);
    }

    void limitAndRowContents()
    {
        QCOMPARE(search(QStringLiteral("кр"), 2).size(), 2);
        QCOMPARE(search(QStringLiteral("кр"), 0).size(), 0);
        // An exact SKU is kept when the limit is one.
        QCOMPARE(skus(search(QStringLiteral("ГВ-100"), 1)), QStringList {QStringLiteral("ГВ-100")});
        const QList<ProductRow> rows = search(QStringLiteral("болт м8"));
        QCOMPARE(rows.size(), 1);
        const ProductRow &bolt = rows.first();
        QCOMPARE(bolt.name, QStringLiteral("Болт М8х40 оцинкованный"));
        QCOMPARE(bolt.price, Money::fromMinor(1250, Currency::rub()));
        QCOMPARE(bolt.stock.size(), 1);
        QCOMPARE(bolt.available(), Quantity::fromInt(10));
        QCOMPARE(bolt.barcodes, QStringList {QStringLiteral("4600000000011")});
        QCOMPARE(bolt.unitName, QStringLiteral("шт"));
    }
};

QTEST_GUILESS_MAIN(TestCatalogSearch)
#include "tst_catalogsearch.moc"
