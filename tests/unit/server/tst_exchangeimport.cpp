#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "exchange/commercemlreader.h"
#include "exchange/decimaltext.h"
#include "exchange/exchangeimporter.h"
#include "exchange/exchangerepository.h"
#include "exchange/importerror.h"
#include "protocol/codecs.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "testservices.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace portico;
using namespace portico::server;

namespace {

QString fixture(const QString &name)
{
    return qEnvironmentVariable("PORTICO_TEST_DATA") + QStringLiteral("/commerceml/") + name;
}

QByteArray readFixture(const QString &name)
{
    QFile file(fixture(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

// A minimal CommerceML 2.10 import file with these products (id -> name), for the split
// fixtures whose products came in a file we do not have.
QByteArray catalogOf(const QStringList &ids, const QString &priceTypeId = {},
                     const QStringList &warehouses = {})
{
    QString xml
        = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.10\">"
                         "<Каталог СодержитТолькоИзменения=\"true\"><Товары>");
    for (const QString &id : ids)
        xml += QStringLiteral("<Товар><Ид>%1</Ид><Наименование>Товар %1</Наименование></Товар>").arg(id);
    xml += QStringLiteral("</Товары></Каталог>");
    if (!priceTypeId.isEmpty() || !warehouses.isEmpty()) {
        xml += QStringLiteral("<ПакетПредложений><ТипыЦен>");
        if (!priceTypeId.isEmpty())
            xml += QStringLiteral(
                       "<ТипЦены><Ид>%1</Ид><Наименование>Розница</Наименование><Валюта>RUB</Валюта>"
                       "</ТипЦены>")
                       .arg(priceTypeId);
        xml += QStringLiteral("</ТипыЦен><Склады>");
        for (const QString &w : warehouses)
            xml += QStringLiteral("<Склад><Ид>%1</Ид><Наименование>Склад %1</Наименование></Склад>").arg(w);
        xml += QStringLiteral("</Склады></ПакетПредложений>");
    }
    xml += QStringLiteral("</КоммерческаяИнформация>");
    return xml.toUtf8();
}

QStringList offerIdsOf(const QByteArray &xml)
{
    QStringList ids;
    static const QRegularExpression offer(QStringLiteral("<Предложение>\\s*<Ид>([^<]+)</Ид>"));
    auto it = offer.globalMatch(QString::fromUtf8(xml));
    while (it.hasNext())
        ids << it.next().captured(1);
    return ids;
}

} // namespace

// The CommerceML importer on every fixture file (real 1C exports and protocol samples, see
// tests/data/commerceml/SOURCES.md) and on broken input, on both backends.
class TestExchangeImport final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestServices> m_env;
    QTemporaryDir m_files;

    ImportCounts import(const QString &path, const QString &session = QStringLiteral("s1"))
    {
        ExchangeImporter importer(m_env->services(), {});
        return importer.importFile({path, {}, session, {}, true});
    }

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_files.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    qint64 count(const QString &table, const QString &where = QStringLiteral("1 = 1"))
    {
        return m_env->database().read([&](QSqlDatabase &tx) {
            Sql q(tx, QStringLiteral("SELECT COUNT(*) FROM ") + table + QStringLiteral(" WHERE ") + where);
            q.exec();
            return q.next() ? q.value(0).toLongLong() : -1;
        });
    }

    qint64 head()
    {
        return m_env->database().read([](QSqlDatabase &tx) { return ChangeFeed::head(tx); });
    }

    std::optional<Product> product(const QString &externalId)
    {
        return m_env->database().read([&](QSqlDatabase &tx) -> std::optional<Product> {
            CatalogRepository catalog(tx);
            const auto id = catalog.idForExternal(QStringLiteral("products"), externalId);
            return id ? catalog.product(*id) : std::nullopt;
        });
    }

    // Everything imported so far, to compare before and after a refused file.
    QString snapshot()
    {
        QStringList counts;
        for (const char *table : {"products", "product_groups", "properties", "price_types", "prices",
                                  "warehouses", "stock", "customers", "changes"})
            counts << QString::number(count(QLatin1String(table)));
        return counts.join(QLatin1Char(',')) + QLatin1Char('@') + QString::number(head());
    }

private Q_SLOTS:
    void init()
    {
        m_env = std::make_unique<test::TestServices>();
        QVERIFY2(m_env->create(), qPrintable(m_env->errorString()));
    }

    void cleanup() { m_env.reset(); }

    void decimals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("places");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<bool>("ok");
        QTest::newRow("comma") << QStringLiteral("1 234,50") << 2 << qint64 {123450} << true;
        QTest::newRow("no-break space") << QStringLiteral("1\u00a0234.5") << 2 << qint64 {123450} << true;
        QTest::newRow("four places") << QStringLiteral("790.0000") << 2 << qint64 {79000} << true;
        QTest::newRow("rounds half up") << QStringLiteral("0,125") << 2 << qint64 {13} << true;
        QTest::newRow("integer") << QStringLiteral(" 376 ") << 3 << qint64 {376000} << true;
        QTest::newRow("negative") << QStringLiteral("-3,5") << 3 << qint64 {-3500} << true;
        QTest::newRow("letters") << QStringLiteral("12abc") << 2 << qint64 {0} << false;
        QTest::newRow("two points") << QStringLiteral("1.2.3") << 2 << qint64 {0} << false;
        QTest::newRow("empty") << QString() << 2 << qint64 {0} << false;
    }

    void decimals()
    {
        QFETCH(QString, text);
        QFETCH(int, places);
        QFETCH(qint64, value);
        QFETCH(bool, ok);
        const auto parsed = parseDecimal(text, places);
        QCOMPARE(parsed.has_value(), ok);
        if (ok)
            QCOMPARE(*parsed, value);
    }

    // dobromyslov import0_1.xml: a real 2.07 export with a BOM, reference properties, a
    // space-padded unit code, decimal commas and a deleted product.
    void realCatalogExport()
    {
        const ImportCounts counts
            = import(fixture(QStringLiteral("dobromyslov__commerceml-parser/import0_1.xml")));
        QCOMPARE(counts.groups, 1);
        QCOMPARE(counts.properties, 12);
        QCOMPARE(counts.products, 36);
        QCOMPARE(count(QStringLiteral("products")), 36);
        QCOMPARE(
            count(QStringLiteral("products"),
                  QStringLiteral("active = ")
                      + (m_env->database().isPostgres() ? QStringLiteral("FALSE") : QStringLiteral("0"))),
            1);
        const auto mat = product(QStringLiteral("bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1"));
        QVERIFY(mat);
        QCOMPARE(mat->sku, QStringLiteral("PM-421-WP"));
        QCOMPARE(mat->barcodes, QStringList {QStringLiteral("8809288404089")});
        QCOMPARE(mat->name, QStringLiteral("Портативный коврик Portable 140x200x1 см, Деревянные лошадки"));
        QCOMPARE(mat->unit.okeiCode, QStringLiteral("796"));
        QCOMPARE(mat->unit.name, QStringLiteral("шт"));
        QCOMPARE(mat->vatRate, VatRate::Twenty);
        QVERIFY(!mat->groupId.isNull());
        QVERIFY(mat->active);
        bool country = false;
        bool weight = false;
        for (const auto &value : mat->properties) {
            country
                = country || (value.value == QStringLiteral("КОРЕЯ, РЕСПУБЛИКА") && !value.valueId.isNull());
            weight = weight || value.value == QStringLiteral("1,4");
        }
        QVERIFY(country);
        QVERIFY(weight);
        // Every product reached the feed for the desktops.
        QCOMPARE(count(QStringLiteral("changes"), QStringLiteral("entity = 'product'")), 36);
    }

    // offers0_1.xml names 8 products that came in another portion of the export: on their
    // own they are refused, and nothing of the file is kept.
    void offersForProductsNeverImportedAreRefused()
    {
        import(fixture(QStringLiteral("dobromyslov__commerceml-parser/import0_1.xml")));
        const QString before = snapshot();
        try {
            import(fixture(QStringLiteral("dobromyslov__commerceml-parser/offers0_1.xml")));
            QFAIL("the offers were imported");
        } catch (const ImportError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("never imported")), e.what());
        }
        QCOMPARE(snapshot(), before);
    }

    void realOffersExport()
    {
        import(fixture(QStringLiteral("dobromyslov__commerceml-parser/import0_1.xml")));
        const QByteArray offers = readFixture(QStringLiteral("dobromyslov__commerceml-parser/offers0_1.xml"));
        QStringList missing;
        for (const QString &id : offerIdsOf(offers)) {
            if (!product(id))
                missing << id;
        }
        QCOMPARE(missing.size(), 8);
        import(write(QStringLiteral("portion2.xml"), catalogOf(missing)));
        const ImportCounts counts
            = import(fixture(QStringLiteral("dobromyslov__commerceml-parser/offers0_1.xml")));
        QCOMPARE(counts.priceTypes, 1);
        QCOMPARE(counts.warehouses, 3);
        QCOMPARE(counts.prices, 44);
        QCOMPARE(counts.stock, 44 * 3);
        QCOMPARE(count(QStringLiteral("stock")), 44 * 3);
        const auto mat = product(QStringLiteral("bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1"));
        QVERIFY(mat);
        m_env->database().read([&](QSqlDatabase &tx) {
            CatalogRepository catalog(tx);
            const auto base = catalog.idForExternal(QStringLiteral("price_types"),
                                                    QStringLiteral("279b6812-740b-11e8-80c8-0cc47ab29cd1"));
            QVERIFY(base);
            const auto prices = catalog.prices({mat->id}, *base);
            QVERIFY(prices.contains(mat->id));
            QVERIFY(prices.value(mat->id).unitPrice.minor() > 0);
            const auto vladivostok = catalog.idForExternal(
                QStringLiteral("warehouses"), QStringLiteral("6abdb0b5-18fd-11e7-80c2-0cc47ab29cd1"));
            QVERIFY(vladivostok);
            QCOMPARE(catalog.available({mat->id}, *vladivostok).value(mat->id), Quantity::fromInt(1));
            QCOMPARE(catalog.available({mat->id}).value(mat->id), Quantity::fromInt(377));
        });
    }

    void groupTree()
    {
        const ImportCounts counts
            = import(fixture(QStringLiteral("ArgentCrusade__commerceml/group-example.xml")));
        QCOMPARE(counts.groups, 12);
        QCOMPARE(count(QStringLiteral("product_groups")), 12);
        QVERIFY(count(QStringLiteral("product_groups"), QStringLiteral("parent_id IS NOT NULL")) > 0);
        QVERIFY(counts.warnings.isEmpty());
    }

    // 3.1: a changes-only catalog, the unit as text, 18% VAT of 2017, images not uploaded.
    void productsOfCommerceML3()
    {
        const ImportCounts counts
            = import(fixture(QStringLiteral("ArgentCrusade__commerceml/products-example.xml")));
        QCOMPARE(counts.products, 1);
        QVERIFY(counts.changesOnly);
        const auto scooter = product(QStringLiteral("ac0184b3-7821-11e6-80ca-a72a8c906e0a"));
        QVERIFY(scooter);
        QCOMPARE(scooter->name, QStringLiteral("Гироскутер 10\""));
        QCOMPARE(scooter->unit.okeiCode, QStringLiteral("796"));
        QCOMPARE(scooter->vatRate, VatRate::Twenty);
        QVERIFY(scooter->imageRef.isEmpty());
        QVERIFY(counts.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("was not uploaded")));
    }

    void imagesGoToTheBlobStore()
    {
        const QByteArray image = QByteArray::fromHex("ffd8ffe000104a464946") + QByteArray("portico");
        QDir(m_files.path()).mkpath(QStringLiteral("import_files/ac"));
        write(QStringLiteral("import_files/ac/"
                             "ac0184b3-7821-11e6-80ca-a72a8c906e0a_eda38572-b3ce-11e7-80ed-bfaadcf435ce.jpg"),
              image);
        const QString copy
            = write(QStringLiteral("products.xml"),
                    readFixture(QStringLiteral("ArgentCrusade__commerceml/products-example.xml")));
        const ImportCounts counts = import(copy);
        QCOMPARE(counts.images, 1);
        const auto scooter = product(QStringLiteral("ac0184b3-7821-11e6-80ca-a72a8c906e0a"));
        QVERIFY(scooter);
        QCOMPARE(m_env->blobs().read(scooter->imageRef).value_or(QByteArray()), image);
        QCOMPARE(scooter->images, QStringList {scooter->imageRef});
    }

    // A product with several pictures keeps them all, the first as the main one; one that was not
    // uploaded is named in a warning and the others stay.
    void everyPictureOfAProductIsKept()
    {
        const QByteArray front = QByteArray::fromHex("ffd8ffe000104a464946") + QByteArray("front");
        const QByteArray side = QByteArray::fromHex("ffd8ffe000104a464946") + QByteArray("side");
        QDir(m_files.path()).mkpath(QStringLiteral("import_files/ac"));
        write(QStringLiteral("import_files/ac/front.jpg"), front);
        write(QStringLiteral("import_files/ac/side.jpg"), side);
        QByteArray xml = readFixture(QStringLiteral("ArgentCrusade__commerceml/products-example.xml"));
        const QByteArray picture
            = "<Картинка>import_files/ac/"
              "ac0184b3-7821-11e6-80ca-a72a8c906e0a_eda38572-b3ce-11e7-80ed-bfaadcf435ce.jpg"
              "</Картинка>";
        QVERIFY(xml.contains(picture));
        xml.replace(picture,
                    "<Картинка>import_files/ac/front.jpg</Картинка><Картинка>import_files/ac/"
                    "missing.jpg</Картинка><Картинка>import_files/ac/side.jpg</Картинка>");
        const ImportCounts counts = import(write(QStringLiteral("products.xml"), xml));
        QCOMPARE(counts.images, 2);
        QVERIFY(counts.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("missing.jpg")));
        const auto scooter = product(QStringLiteral("ac0184b3-7821-11e6-80ca-a72a8c906e0a"));
        QVERIFY(scooter);
        QCOMPARE(scooter->images.size(), 2);
        QCOMPARE(scooter->imageRef, scooter->images.first());
        QCOMPARE(m_env->blobs().read(scooter->images.at(0)).value_or(QByteArray()), front);
        QCOMPARE(m_env->blobs().read(scooter->images.at(1)).value_or(QByteArray()), side);
    }

    void splitPricesAndRests()
    {
        const QByteArray prices = readFixture(QStringLiteral("ArgentCrusade__commerceml/prices-example.xml"));
        import(write(QStringLiteral("seed-prices.xml"),
                     catalogOf(offerIdsOf(prices), QStringLiteral("d023050c-8ecc-11e6-80cc-8ba31e8e113c"))));
        ImportCounts counts = import(fixture(QStringLiteral("ArgentCrusade__commerceml/prices-example.xml")));
        QCOMPARE(counts.prices, 3);
        QCOMPARE(count(QStringLiteral("prices"), QStringLiteral("unit_price_minor = 79000")), 2);
        QCOMPARE(count(QStringLiteral("prices"), QStringLiteral("unit_price_minor = 60000")), 1);

        const QByteArray rests
            = readFixture(QStringLiteral("ArgentCrusade__commerceml/remainders-example.xml"));
        static const QRegularExpression warehouse(QStringLiteral("<Склад>\\s*<Ид>([^<]+)</Ид>"));
        QStringList warehouses;
        for (auto it = warehouse.globalMatch(QString::fromUtf8(rests)); it.hasNext();) {
            const QString id = it.next().captured(1);
            if (!warehouses.contains(id))
                warehouses << id;
        }
        import(write(QStringLiteral("seed-rests.xml"), catalogOf(offerIdsOf(rests), {}, warehouses)));
        counts = import(fixture(QStringLiteral("ArgentCrusade__commerceml/remainders-example.xml")));
        QCOMPARE(counts.stock, 14);
        QCOMPARE(count(QStringLiteral("stock"), QStringLiteral("on_hand_milli = 29000")), 1);
    }

    void counterparties()
    {
        const ImportCounts counts
            = import(fixture(QStringLiteral("ArgentCrusade__commerceml/contractors-example.xml")));
        QCOMPARE(counts.customers, 4);
        m_env->database().read([&](QSqlDatabase &tx) {
            const auto id = CatalogRepository(tx).idForExternal(
                QStringLiteral("customers"), QStringLiteral("021e0e3f-e329-11db-95d9-505054503030"));
            QVERIFY(id);
            const auto customer = CustomerRepository(tx).customer(*id);
            QVERIFY(customer);
            QCOMPARE(customer->name, QStringLiteral("ТД Уют"));
            QCOMPARE(customer->legalName, QStringLiteral("ТОО \"ТД Уют\""));
            QCOMPARE(customer->inn, QStringLiteral("181620360057"));
            QVERIFY(!customer->addresses.isEmpty());
            QCOMPARE(customer->addresses.first().kind, AddressKind::Legal);
            QCOMPARE(customer->addresses.first().postalCode, QStringLiteral("005897"));
            bool email = false;
            for (const auto &contact : customer->contacts)
                email = email || contact.email == QStringLiteral("Uyt@komp.kz");
            QVERIFY(email);
        });
        QCOMPARE(count(QStringLiteral("changes"), QStringLiteral("entity = 'customer'")), 4);
    }

    // Order documents for orders Portico never had (made in 1C, or another site's): passed
    // over with a warning, the rest of the file still read (windows-1251 among them).
    void orderDocumentsOfOtherSites_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("documents");
        QTest::newRow("2.09 orders") << QStringLiteral("ArgentCrusade__commerceml/documents-example.xml")
                                     << 2;
        QTest::newRow("2.03 from site, cp1251") << QStringLiteral("carono__yii2-1c-exchange/from.xml") << 1;
        QTest::newRow("2.03 to site, cp1251") << QStringLiteral("carono__yii2-1c-exchange/to.xml") << 1;
        QTest::newRow("bitrix query, cp1251")
            << QStringLiteral("dobromyslov__commerceml-parser/bitrix-query-response-full.xml") << 2;
        QTest::newRow("bitrix empty")
            << QStringLiteral("dobromyslov__commerceml-parser/bitrix-query-response-empty.xml") << 0;
    }

    void orderDocumentsOfOtherSites()
    {
        QFETCH(QString, file);
        QFETCH(int, documents);
        const QString before = snapshot();
        const ImportCounts counts = import(fixture(file));
        QCOMPARE(counts.orders, 0);
        QCOMPARE(counts.warnings.size(), documents);
        QCOMPARE(snapshot(), before);
    }

    void windows1251()
    {
        QStringEncoder encoder("windows-1251");
        const QByteArray xml = encoder.encode(QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<КоммерческаяИнформация "
            "ВерсияСхемы=\"2.05\"><Каталог><Товары><Товар><Ид>cp-1</Ид><Артикул> А-1 </Артикул>"
            "<Наименование>Шуруп ёлочный</Наименование></Товар></Товары></Каталог>"
            "</КоммерческаяИнформация>"));
        import(write(QStringLiteral("cp1251.xml"), xml));
        const auto screw = product(QStringLiteral("cp-1"));
        QVERIFY(screw);
        QCOMPARE(screw->name, QStringLiteral("Шуруп ёлочный"));
        QCOMPARE(screw->sku, QStringLiteral("А-1"));
    }

    void characteristicOffersApplyToTheirProduct()
    {
        import(write(QStringLiteral("base.xml"), catalogOf({QStringLiteral("p1")}, QStringLiteral("t1"))));
        const QString offers = QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация ВерсияСхемы=\"2.10\">"
            "<ПакетПредложений><Предложения><Предложение><Ид>p1#c7</Ид><Цены><Цена><ИдТипаЦены>t1</"
            "ИдТипаЦены>"
            "<ЦенаЗаЕдиницу>1 234,5</ЦенаЗаЕдиницу></Цена></Цены><Количество>2,5</Количество></Предложение>"
            "</Предложения></ПакетПредложений></КоммерческаяИнформация>");
        const ImportCounts counts = import(write(QStringLiteral("offers.xml"), offers.toUtf8()));
        QCOMPARE(counts.prices, 1);
        QCOMPARE(counts.stock, 1);
        QCOMPARE(count(QStringLiteral("prices"), QStringLiteral("unit_price_minor = 123450")), 1);
        QCOMPARE(count(QStringLiteral("stock"), QStringLiteral("on_hand_milli = 2500")), 1);
    }

    void refusedFilesChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        const QByteArray head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        const QByteArray good = catalogOf({QStringLiteral("n1"), QStringLiteral("n2")});
        QTest::newRow("malformed") << QByteArray(good).replace("</Товары>", "</Товар>")
                                   << QStringLiteral("line");
        QTest::newRow("truncated") << good.left(good.size() - 60) << QStringLiteral("truncated");
        QTest::newRow("wrong encoding declaration")
            << QByteArray(head
                          + QByteArray(QStringEncoder("windows-1251")
                                           .encode(QStringLiteral(
                                               "<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>x</Ид>"
                                               "<Наименование>Гвоздь</Наименование></Товар></Товары>"
                                               "</Каталог></КоммерческаяИнформация>"))))
            << QStringLiteral("encoded");
        QTest::newRow("entity expansion") << QByteArray(
            head
            + "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
              "<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>x</Ид><Наименование>&b;</Наименование>"
              "</Товар></Товары></Каталог></КоммерческаяИнформация>")
                                          << QStringLiteral("DOCTYPE");
        QTest::newRow("external entity") << QByteArray(
            head
            + "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><КоммерческаяИнформация><Каталог>"
              "<Товары><Товар><Ид>x</Ид><Наименование>&x;</Наименование></Товар></Товары></Каталог>"
              "</КоммерческаяИнформация>")
                                         << QStringLiteral("DOCTYPE");
        QTest::newRow("offer for an unknown product") << QByteArray(
            head
            + "<КоммерческаяИнформация><ПакетПредложений><Предложения><Предложение><Ид>nobody</Ид>"
              "<Количество>1</Количество></Предложение></Предложения></ПакетПредложений>"
              "</КоммерческаяИнформация>") << QStringLiteral("never imported");
        QTest::newRow("unknown price type") << QByteArray(
            head
            + "<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>n3</Ид><Наименование>Болт</Наименование>"
              "</Товар></Товары></Каталог><ПакетПредложений><Предложения><Предложение><Ид>n3</Ид><Цены>"
              "<Цена><ИдТипаЦены>nope</ИдТипаЦены><ЦенаЗаЕдиницу>10</ЦенаЗаЕдиницу></Цена></Цены>"
              "</Предложение></Предложения></ПакетПредложений></КоммерческаяИнформация>")
                                            << QStringLiteral("price type nope");
        QTest::newRow("not a number") << QByteArray(
            head
            + "<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>n1</Ид><Наименование>Болт</Наименование>"
              "</Товар></Товары></Каталог><ПакетПредложений><Предложения><Предложение><Ид>n1</Ид>"
              "<Количество>много</Количество></Предложение></Предложения></ПакетПредложений>"
              "</КоммерческаяИнформация>")
                                      << QStringLiteral("not a quantity");
        QTest::newRow("not CommerceML") << QByteArray(head + "<html/>") << QStringLiteral("root element");
    }

    void refusedFilesChangeNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        import(write(QStringLiteral("base.xml"), catalogOf({QStringLiteral("n1")})));
        const QString before = snapshot();
        QString error;
        try {
            import(write(QStringLiteral("bad.xml"), content));
        } catch (const CommerceMLError &e) {
            error = QString::fromUtf8(e.what());
        } catch (const ImportError &e) {
            error = QString::fromUtf8(e.what());
        }
        QVERIFY2(error.contains(reason), qPrintable(error));
        QCOMPARE(snapshot(), before);
        QVERIFY(!product(QStringLiteral("n2")));
    }

    void csvFiles()
    {
        ImportCounts counts = import(write(
            QStringLiteral("products.csv"),
            "\xef\xbb\xbfproduct_id;sku;name;group_id;group_name;unit_code;vat_rate;barcodes;description\n"
            "c1;SC-1;Саморез 4x40;g1;Крепёж;796;20;4600000000017;\"Оцинкованный; \"\"острый\"\"\"\n"
            "c2;SC-2;Дюбель 6;g1;Крепёж;796;10;;\n"));
        QCOMPARE(counts.products, 2);
        QCOMPARE(counts.groups, 1);
        const auto screw = product(QStringLiteral("c1"));
        QVERIFY(screw);
        QCOMPARE(screw->description, QStringLiteral("Оцинкованный; \"острый\""));
        QCOMPARE(screw->barcodes, QStringList {QStringLiteral("4600000000017")});
        counts = import(write(QStringLiteral("prices.csv"),
                              "product_id,price_type_id,price_type_name,currency,price\n"
                              "c1,retail,Розница,RUB,\"12,50\"\nc2,retail,Розница,RUB,3\n"));
        QCOMPARE(counts.prices, 2);
        QCOMPARE(counts.priceTypes, 1);
        counts = import(
            write(QStringLiteral("stock.csv"),
                  "product_id;warehouse_id;warehouse_name;quantity\nc1;w1;Главный;100\nc2;w1;Главный;7,5\n"));
        QCOMPARE(counts.stock, 2);
        counts = import(
            write(QStringLiteral("customers.csv"),
                  "customer_id;name;legal_name;inn;kpp;address;phone;email\n"
                  "k1;Ромашка;ООО «Ромашка»;7707083893;773601001;Москва, ул. Ленина 1;+7 495 000-00-00;"
                  "info@romashka.ru\n"));
        QCOMPARE(counts.customers, 1);
        QCOMPARE(count(QStringLiteral("prices"), QStringLiteral("unit_price_minor = 1250")), 1);
        QCOMPARE(count(QStringLiteral("stock"), QStringLiteral("on_hand_milli = 7500")), 1);
        // A price for a product nobody imported: the whole file is refused.
        const QString before = snapshot();
        QVERIFY_THROWS_EXCEPTION(ImportError,
                                 import(write(QStringLiteral("bad.csv"),
                                              "product_id;price_type_id;price\nc1;retail;5\nzz;retail;5\n")));
        QCOMPARE(snapshot(), before);
        QVERIFY_THROWS_EXCEPTION(ImportError, import(write(QStringLiteral("what.csv"), "a;b;c\n1;2;3\n")));
    }

    // Excel on a Russian Windows saves CSV in windows-1251: such a file reads as what it says,
    // never as replacement characters.
    void csvInWindows1251()
    {
        const QString text
            = QStringLiteral("product_id;name;group_id;group_name\r\nw1;Шуруп 3,5x25 «Крепыш»;g1;Крепёж\r\n"
                             "w2;Гвоздь 100;g1;Крепёж\r\n");
        const ImportCounts counts
            = import(write(QStringLiteral("excel.csv"), QStringEncoder("windows-1251").encode(text)));
        QCOMPARE(counts.products, 2);
        const auto screw = product(QStringLiteral("w1"));
        QVERIFY(screw);
        QCOMPARE(screw->name, QStringLiteral("Шуруп 3,5x25 «Крепыш»"));
        QCOMPARE(count(QStringLiteral("product_groups"), QStringLiteral("name = 'Крепёж'")), 1);
        // UTF-8 whose every line is valid stays UTF-8, Cyrillic included.
        import(write(QStringLiteral("utf8.csv"), "product_id;name\nw2;Гвоздь 120\n"));
        QCOMPARE(product(QStringLiteral("w2"))->name, QStringLiteral("Гвоздь 120"));
    }

    // The bulk writer writes the feed's JSON itself: it must be what protocol::toJson gives for
    // the rows as stored, escapes and characters outside the BMP included.
    void feedPayloadsAreTheCodecsJson()
    {
        const QString xml = QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<КоммерческаяИнформация ВерсияСхемы=\"2.10\"><Классификатор><Группы><Группа><Ид>g1</Ид>"
            "<Наименование>Крепёж</Наименование></Группа></Группы><Свойства><Свойство><Ид>pr1</Ид>"
            "<Наименование>Цвет</Наименование><ТипЗначений>Справочник</ТипЗначений><ВариантыЗначений>"
            "<Справочник><ИдЗначения>v1</ИдЗначения><Значение>Красный \"яркий\"</Значение></Справочник>"
            "</ВариантыЗначений></Свойство></Свойства></Классификатор><Каталог><Товары>"
            "<Товар><Ид>q1</Ид><Штрихкод>4600000000017, 46\\\\01</Штрихкод><Артикул>A\"1\\\\</Артикул>"
            "<Наименование>Болт \"М8\" \\ 😀 x\u2028y</Наименование><Описание>tab\there\nline&#13;end"
            "</Описание><Группы><Ид>g1</Ид></Группы><ЗначенияСвойств><ЗначенияСвойства><Ид>pr1</Ид>"
            "<Значение>v1</Значение></ЗначенияСвойства></ЗначенияСвойств><ЗначенияРеквизитов>"
            "<ЗначениеРеквизита><Наименование>Вес</Наименование><Значение>0,25</Значение>"
            "</ЗначениеРеквизита></ЗначенияРеквизитов></Товар>"
            "<Товар Статус=\"Удален\"><Ид>q2</Ид><Наименование>Шайба</Наименование></Товар>"
            "</Товары></Каталог><ПакетПредложений><ТипыЦен><ТипЦены><Ид>t1</Ид><Наименование>Опт"
            "</Наименование><Валюта>RUB</Валюта></ТипЦены></ТипыЦен><Склады><Склад><Ид>w1</Ид>"
            "<Наименование>Главный</Наименование></Склад></Склады><Предложения><Предложение><Ид>q1</Ид>"
            "<Цены><Цена><ИдТипаЦены>t1</ИдТипаЦены><ЦенаЗаЕдиницу>12,5</ЦенаЗаЕдиницу></Цена></Цены>"
            "<Склад ИдСклада=\"w1\" КоличествоНаСкладе=\"3,5\"/></Предложение></Предложения>"
            "</ПакетПредложений></КоммерческаяИнформация>");
        import(write(QStringLiteral("tricky.xml"), xml.toUtf8()));
        const auto bolt = product(QStringLiteral("q1"));
        QVERIFY(bolt);
        QCOMPARE(bolt->name, QStringLiteral("Болт \"М8\" \\ 😀 x\u2028y"));
        QCOMPARE(bolt->properties.size(), 1);
        m_env->database().read([&](QSqlDatabase &tx) {
            CatalogRepository catalog(tx);
            const auto type = catalog.idForExternal(QStringLiteral("price_types"), QStringLiteral("t1"));
            QVERIFY(type);
            const auto warehouse = catalog.idForExternal(QStringLiteral("warehouses"), QStringLiteral("w1"));
            QVERIFY(warehouse);
            QHash<QString, QByteArray> expected;
            for (const QString &externalId : {QStringLiteral("q1"), QStringLiteral("q2")}) {
                const auto stored
                    = catalog.product(*catalog.idForExternal(QStringLiteral("products"), externalId));
                QVERIFY(stored);
                expected.insert(QStringLiteral("product/") + idText(stored->id),
                                QJsonDocument(protocol::toJson(*stored)).toJson(QJsonDocument::Compact));
            }
            const Price price = catalog.prices({bolt->id}, *type).value(bolt->id);
            expected.insert(QStringLiteral("price/") + priceFeedId(bolt->id, *type),
                            QJsonDocument(protocol::toJson(price)).toJson(QJsonDocument::Compact));
            Sql stock(tx, QStringLiteral("SELECT on_hand_milli, as_of FROM stock"));
            stock.exec();
            QVERIFY(stock.next());
            const StockLevel level {bolt->id, *warehouse, Quantity::fromMilli(stock.value(0).toLongLong()),
                                    Quantity {}, utcFromMsecs(stock.value(1).toLongLong())};
            expected.insert(QStringLiteral("stock/") + stockFeedId(bolt->id, *warehouse),
                            QJsonDocument(protocol::toJson(level)).toJson(QJsonDocument::Compact));
            // What a desktop's pull receives, prices and stock levels built from their rows.
            int rows = 0;
            for (const Change &change : ChangeFeed::pull(tx, 0, 100000, {}, true).changes) {
                if (change.entity != entity::Product && change.entity != entity::Price
                    && change.entity != entity::Stock)
                    continue;
                const QString key = change.entity + QLatin1Char('/') + change.entityId;
                QVERIFY2(expected.contains(key), qPrintable(key));
                QCOMPARE(change.payload, expected.value(key));
                ++rows;
            }
            QCOMPARE(rows, expected.size());
        });
    }

    // A file imported again as it is changes no product and sends none to the desktops, but
    // still counts as imported for `deactivate`; a changed product is written and sent alone.
    void unchangedProductsAreNotWrittenAgain()
    {
        const QString path = fixture(QStringLiteral("dobromyslov__commerceml-parser/import0_1.xml"));
        import(path, QStringLiteral("first"));
        const QString sent = QStringLiteral("entity = 'product' AND seq > ") + QString::number(head());
        const ImportCounts again = import(path, QStringLiteral("second"));
        QCOMPARE(again.products, 36);
        QCOMPARE(count(QStringLiteral("changes"), sent), 0);
        ExchangeImporter importer(m_env->services(), {});
        QCOMPARE(importer.deactivate(QStringLiteral("second")), 0);
        QByteArray changed = readFixture(QStringLiteral("dobromyslov__commerceml-parser/import0_1.xml"));
        const QByteArray name
            = QStringLiteral("<Наименование>Портативный коврик Portable 140x200x1 см, Деревянные лошадки<")
                  .toUtf8();
        QCOMPARE(changed.count(name), 1);
        changed.replace(name, QStringLiteral("<Наименование>Коврик<").toUtf8());
        import(write(QStringLiteral("changed.xml"), changed), QStringLiteral("third"));
        QCOMPARE(count(QStringLiteral("changes"), sent), 1);
        QCOMPARE(product(QStringLiteral("bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1"))->name,
                 QStringLiteral("Коврик"));
    }

    // The same product twice in a file (and so in one batch): the second is read over the
    // first, into one row.
    void aProductTwiceInABatch()
    {
        const QString xml = QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<КоммерческаяИнформация ВерсияСхемы=\"2.10\"><Каталог><Товары>"
            "<Товар><Ид>d1</Ид><Артикул>D-1</Артикул><Наименование>Первый</Наименование></Товар>"
            "<Товар><Ид>d2</Ид><Наименование>Другой</Наименование></Товар>"
            "<Товар><Ид>d1</Ид><Наименование>Второй</Наименование><Штрихкод>4600000000024</Штрихкод></Товар>"
            "</Товары></Каталог></КоммерческаяИнформация>");
        const ImportCounts counts = import(write(QStringLiteral("twice.xml"), xml.toUtf8()));
        QCOMPARE(counts.products, 3);
        QCOMPARE(count(QStringLiteral("products")), 2);
        const auto twice = product(QStringLiteral("d1"));
        QVERIFY(twice);
        QCOMPARE(twice->sku, QStringLiteral("D-1"));
        QCOMPARE(twice->name, QStringLiteral("Второй"));
        QCOMPARE(twice->barcodes, QStringList {QStringLiteral("4600000000024")});
        QCOMPARE(count(QStringLiteral("product_barcodes")), 1);
        QCOMPARE(count(QStringLiteral("changes"), QStringLiteral("entity = 'product'")), 2);
    }

    // More products and offers than a batch, with an error at the end: the reader runs ahead
    // of the writer, and the file is still refused whole.
    void largeFilesAreRefusedWhole()
    {
        QStringList ids;
        for (int i = 0; i < 1300; ++i)
            ids << QStringLiteral("big-%1").arg(i);
        QByteArray good = catalogOf(ids);
        import(write(QStringLiteral("big.xml"), good));
        QCOMPARE(count(QStringLiteral("products")), 1300);
        const QString before = snapshot();
        QByteArray bad = good;
        bad.replace("<Наименование>Товар big-1299</Наименование>", "<Наименование>Товар</Наим>");
        QVERIFY_THROWS_EXCEPTION(CommerceMLError, import(write(QStringLiteral("bad.xml"), bad)));
        QCOMPARE(snapshot(), before);
        // A refusal of the writer stops the reader too.
        QByteArray unknown = catalogOf(ids, QStringLiteral("t1"));
        unknown.replace("</ПакетПредложений>",
                        "<Предложения><Предложение><Ид>nobody</Ид><Количество>1</Количество></Предложение>"
                        "</Предложения></ПакетПредложений>");
        QVERIFY_THROWS_EXCEPTION(ImportError, import(write(QStringLiteral("unknown.xml"), unknown)));
        QCOMPARE(snapshot(), before);
    }

    void deactivateAfterAFullCatalog()
    {
        import(fixture(QStringLiteral("dobromyslov__commerceml-parser/import0_1.xml")),
               QStringLiteral("first"));
        import(write(QStringLiteral("one.xml"),
                     catalogOf({QStringLiteral("bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1")})),
               QStringLiteral("second"));
        ExchangeImporter importer(m_env->services(), {});
        QCOMPARE(importer.deactivate(QStringLiteral("second")), 34); // 35 active, one imported again
        QVERIFY(product(QStringLiteral("bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1"))->active);
        QVERIFY(!product(QStringLiteral("5edfbda4-19c0-11e7-80c2-0cc47ab29cd1"))->active);
    }
};

QTEST_GUILESS_MAIN(TestExchangeImport)
#include "tst_exchangeimport.moc"
