#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "documents/documentrepository.h"
#include "exchange/exchangeimporter.h"
#include "exchange/exchangerepository.h"
#include "exchange/orderexport.h"
#include "orders/orderrepository.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "testservices.h"

#include <QFile>
#include <QSqlQuery>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

using namespace portico;
using namespace portico::server;

// Orders to 1C (OrderExport and the marks that make `query` idempotent until `success`) and
// their state coming back (OrderChangesImport through the importer), on both backends.
class TestExchangeOrders final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestServices> m_env;
    QTemporaryDir m_files;
    Id m_customer;
    Id m_product;

    Id placeOrder(const QString &number, OrderStatus status = OrderStatus::Accepted)
    {
        const Id id = Id::createUuid();
        m_env->database().write([&](QSqlDatabase &tx) {
            StoredOrder stored;
            Order &order = stored.order;
            order.id = id;
            order.number = number;
            order.clientNumber = QStringLiteral("R1-") + number;
            order.customerId = m_customer;
            order.createdBy = Id::createUuid();
            order.status = status;
            order.createdAt = utcFromMsecs(m_env->clock);
            order.comment = QStringLiteral("Доставить до обеда");
            const Currency rub = Currency::rub();
            order.lines
                = {{1, m_product, Quantity::fromMilli(2500), Money::fromMinor(10000, rub), 500, VatRate::Ten,
                    Money::fromMinor(23750, rub), Money::fromMinor(2159, rub), Money::fromMinor(23750, rub)}};
            order.totals = {Money::fromMinor(21591, rub), Money::fromMinor(2159, rub),
                            Money::fromMinor(23750, rub), Money::fromMinor(1250, rub)};
            stored.requestHash = QStringLiteral("h");
            OrderRepository(tx).insert(stored);
        });
        return id;
    }

    OrderExport::Result query(const QString &encoding = QStringLiteral("UTF-8"))
    {
        return m_env->database().read(
            [&](QSqlDatabase &tx) { return OrderExport(tx).build(encoding, m_env->clock); });
    }

    void confirm(const OrderExport::Result &result)
    {
        m_env->database().write([&](QSqlDatabase &tx) {
            for (const auto &item : result.orders) {
                const QJsonObject o = item.toObject();
                ExchangeRepository(tx).markOrderExported(
                    Id::fromString(o.value(QStringLiteral("id")).toString()),
                    o.value(QStringLiteral("version")).toInteger(), m_env->clock);
            }
        });
    }

    std::optional<StoredOrder> order(const Id &id)
    {
        return m_env->database().read([&](QSqlDatabase &tx) { return OrderRepository(tx).find(id); });
    }

    ImportCounts import(const QByteArray &content)
    {
        const QString path = m_files.filePath(QStringLiteral("orders.xml"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write");
        file.write(content);
        file.close();
        return ExchangeImporter(m_env->services(), {})
            .importFile({path, {}, QStringLiteral("sale"), Id::createUuid(), true});
    }

    static QByteArray fixture(const QString &name)
    {
        QFile file(qEnvironmentVariable("PORTICO_TEST_DATA") + QStringLiteral("/commerceml/") + name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("missing fixture");
        return file.readAll();
    }

private Q_SLOTS:
    void init()
    {
        m_env = std::make_unique<test::TestServices>();
        QVERIFY2(m_env->create(), qPrintable(m_env->errorString()));
        m_customer = Id::createUuid();
        m_product = Id::createUuid();
        m_env->database().write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            Customer customer;
            customer.id = m_customer;
            customer.externalId = QStringLiteral("cp-7");
            customer.name = QStringLiteral("Ёлка");
            customer.legalName = QStringLiteral("ООО «Ёлка»");
            customer.inn = QStringLiteral("7707083893");
            customer.kpp = QStringLiteral("773601001");
            customer.contacts
                = {{QStringLiteral("Иван"), QStringLiteral("+7 900 000-00-00"), QStringLiteral("i@elka.ru")}};
            CustomerRepository(tx).upsert({customer}, feed);
            Product product;
            product.id = m_product;
            product.externalId = QStringLiteral("p-1#c-2");
            product.sku = QStringLiteral("ШУР-4");
            product.name = QStringLiteral("Шуруп 4x40");
            product.unit = Unit::piece();
            CatalogRepository(tx).upsertProducts({product}, feed);
            feed.append(tx);
        });
    }

    void cleanup() { m_env.reset(); }

    void ordersGoOutUntilConfirmed()
    {
        const Id id = placeOrder(QStringLiteral("P-000001"));
        placeOrder(QStringLiteral("P-000002"), OrderStatus::NeedsApproval); // not taken on yet
        placeOrder(QStringLiteral("P-000003"), OrderStatus::Cancelled); // 1C never saw it
        const auto first = query();
        QCOMPARE(first.orders.size(), 1);
        const QString xml = QString::fromUtf8(first.xml);
        QVERIFY(xml.startsWith(QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")));
        for (const QString &expected :
             {QString(QStringLiteral("<Ид>") + idText(id) + QStringLiteral("</Ид>")),
              QStringLiteral("<Номер>P-000001</Номер>"), QStringLiteral("<Ид>cp-7</Ид>"),
              QStringLiteral("<ОфициальноеНаименование>ООО «Ёлка»</ОфициальноеНаименование>"),
              QStringLiteral("<ИНН>7707083893</ИНН>"), QStringLiteral("<Ид>p-1#c-2</Ид>"),
              QStringLiteral("<Артикул>ШУР-4</Артикул>"), QStringLiteral("<Количество>2.5</Количество>"),
              QStringLiteral("<ЦенаЗаЕдиницу>100.00</ЦенаЗаЕдиницу>"),
              QStringLiteral("<Сумма>237.50</Сумма>"), QStringLiteral("<Ставка>10</Ставка>"),
              QStringLiteral("<Сумма>21.59</Сумма>"), QStringLiteral("<Процент>5.00</Процент>"),
              QStringLiteral("<Значение>i@elka.ru</Значение>"),
              QStringLiteral("<Комментарий>Доставить до обеда</Комментарий>")})
            QVERIFY2(xml.contains(expected), qPrintable(expected));
        QCOMPARE(query().orders.size(), 1); // the same again until confirmed
        confirm(first);
        QCOMPARE(query().orders.size(), 0);
        // A change after the confirmation sends it again; a cancellation of an order 1C has is news.
        m_env->clock += 1000;
        m_env->database().write([&](QSqlDatabase &tx) {
            OrderRepository(tx).recordStatus(id,
                                             {OrderStatus::Accepted,
                                              OrderStatus::Cancelled,
                                              utcFromMsecs(m_env->clock),
                                              {},
                                              QStringLiteral("x")},
                                             m_env->clock);
        });
        const auto again = query();
        QCOMPARE(again.orders.size(), 1);
        QVERIFY(QString::fromUtf8(again.xml).contains(QStringLiteral("<Значение>Отменен</Значение>")));
    }

    void windows1251()
    {
        placeOrder(QStringLiteral("P-000010"));
        const auto result = query(QStringLiteral("windows-1251"));
        QVERIFY(result.xml.startsWith("<?xml version=\"1.0\" encoding=\"windows-1251\"?>"));
        QVERIFY(!result.xml.contains(QStringLiteral("Заказ товара").toUtf8()));
        QStringDecoder decoder("windows-1251");
        const QString text = decoder.decode(result.xml);
        QVERIFY(!decoder.hasError());
        QVERIFY(text.contains(QStringLiteral("<ХозОперация>Заказ товара</ХозОперация>")));
        QVERIFY(text.contains(QStringLiteral("ООО «Ёлка»")));
        // The reader takes the declared encoding; Portico's own status names change nothing.
        const ImportCounts counts = import(result.xml);
        QCOMPARE(counts.warnings.size(), 0);
        QCOMPARE(counts.orders, 0);
    }

    // The protocol sample "заказ на сайт" (windows-1251): paid, status "[F] Доставлен".
    void stateFromTheProtocolSample()
    {
        const Id id = placeOrder(QStringLiteral("20"));
        const qint64 head = m_env->database().read([](QSqlDatabase &tx) { return ChangeFeed::head(tx); });
        const ImportCounts counts = import(fixture(QStringLiteral("carono__yii2-1c-exchange/to.xml")));
        QCOMPARE(counts.orders, 1);
        const auto stored = order(id);
        QVERIFY(stored);
        QCOMPARE(stored->order.status, OrderStatus::Delivered);
        QVERIFY(stored->order.history.size() >= 2);
        for (const auto &step : stored->order.history) {
            QVERIFY(canTransition(step.from, step.to));
            QVERIFY2(step.reason.contains(QStringLiteral("paid")), qPrintable(step.reason));
        }
        QVERIFY(m_env->database().read([](QSqlDatabase &tx) { return ChangeFeed::head(tx); }) > head);
        // Its date of payment: a payment document of the order.
        const QList<Document> documents
            = m_env->database().read([&](QSqlDatabase &tx) { return DocumentRepository(tx).ofOrder(id); });
        QCOMPARE(documents.size(), 1);
        QCOMPARE(documents.at(0).kind, DocumentKind::Payment);
        QCOMPARE(documents.at(0).date, QDate(2007, 10, 16));
        // The same file again changes nothing more.
        QCOMPARE(import(fixture(QStringLiteral("carono__yii2-1c-exchange/to.xml"))).orders, 0);
    }

    void changesFrom1C_data()
    {
        QTest::addColumn<QString>("requisites");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("external");
        QTest::addColumn<bool>("warned");
        const auto r = [](const char *name, const char *value) {
            return QStringLiteral("<ЗначениеРеквизита><Наименование>%1</Наименование><Значение>%2</Значение>"
                                  "</ЗначениеРеквизита>")
                .arg(QString::fromUtf8(name), QString::fromUtf8(value));
        };
        QTest::newRow("number and posted") << r("Номер по 1С", "УТ-1") + r("Проведен", "true")
                                           << int(OrderStatus::Exported) << QStringLiteral("УТ-1") << false;
        QTest::newRow("shipped") << r("Номер отгрузки по 1С", "РТУ-5") << int(OrderStatus::Shipped)
                                 << QString() << false;
        QTest::newRow("deletion mark")
            << r("ПометкаУдаления", "true") << int(OrderStatus::Cancelled) << QString() << false;
        QTest::newRow("status by name")
            << r("Статус заказа", "В производстве") << int(OrderStatus::InProduction) << QString() << false;
        QTest::newRow("status by Portico's name")
            << r("Статус заказа", "picking") << int(OrderStatus::Picking) << QString() << false;
        QTest::newRow("unknown status")
            << r("Статус заказа", "Что-то своё") << int(OrderStatus::Accepted) << QString() << false;
    }

    void changesFrom1C()
    {
        QFETCH(QString, requisites);
        QFETCH(int, status);
        QFETCH(QString, external);
        QFETCH(bool, warned);
        const Id id = placeOrder(QStringLiteral("P-000100"));
        const QString xml
            = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация><Документ>"
                             "<Ид>%1</Ид><Номер>P-000100</Номер><ХозОперация>Заказ товара</ХозОперация>"
                             "<ЗначенияРеквизитов>%2</ЗначенияРеквизитов></Документ>"
                             "</КоммерческаяИнформация>")
                  .arg(idText(id), requisites);
        const ImportCounts counts = import(xml.toUtf8());
        QCOMPARE(!counts.warnings.isEmpty(), warned);
        const auto stored = order(id);
        QCOMPARE(int(stored->order.status), status);
        QCOMPARE(stored->order.externalId, external);
    }

    // The payment and the shipment 1C reports become documents of the order (in its customer's
    // feed), once each: the same report again changes nothing, a different number updates them.
    void paymentAndShipmentBecomeDocuments()
    {
        const Id id = placeOrder(QStringLiteral("P-000110"));
        const auto sale = [&](const char *shipment) {
            const auto r = [](const char *name, const char *value) {
                return QStringLiteral(
                           "<ЗначениеРеквизита><Наименование>%1</Наименование><Значение>%2</Значение>"
                           "</ЗначениеРеквизита>")
                    .arg(QString::fromUtf8(name), QString::fromUtf8(value));
            };
            return QStringLiteral(
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация><Документ>"
                       "<Ид>%1</Ид><Номер>P-000110</Номер><ХозОперация>Заказ товара</ХозОперация>"
                       "<ЗначенияРеквизитов>%2</ЗначенияРеквизитов></Документ>"
                       "</КоммерческаяИнформация>")
                .arg(idText(id),
                     r("Номер оплаты по 1С", "ПКО-12") + r("Дата оплаты по 1С", "30.11.2026 12:00:00")
                         + r("Номер отгрузки по 1С", shipment)
                         + r("Дата отгрузки по 1С", "2026-12-01T09:30:00"))
                .toUtf8();
        };
        const auto documents = [&] {
            return m_env->database().read(
                [&](QSqlDatabase &tx) { return DocumentRepository(tx).ofOrder(id); });
        };
        QCOMPARE(import(sale("РТУ-5")).orders, 1);
        const auto stored = order(id);
        QCOMPARE(stored->order.status, OrderStatus::Shipped);
        QList<Document> found = documents();
        QCOMPARE(found.size(), 2);
        QCOMPARE(found.at(0).kind, DocumentKind::Payment);
        QCOMPARE(found.at(0).number, QStringLiteral("ПКО-12"));
        QCOMPARE(found.at(0).date, QDate(2026, 11, 30));
        QCOMPARE(found.at(0).amount, stored->order.totals.total);
        QCOMPARE(found.at(0).customerId, m_customer);
        QCOMPARE(found.at(1).kind, DocumentKind::Waybill);
        QCOMPARE(found.at(1).number, QStringLiteral("РТУ-5"));
        QCOMPARE(found.at(1).date, QDate(2026, 12, 1));
        const Id waybill = found.at(1).id;
        // In the customer's feed.
        const int inFeed = m_env->database().read([&](QSqlDatabase &tx) {
            QSqlQuery q(tx);
            q.prepare(
                QStringLiteral("SELECT COUNT(*) FROM changes WHERE entity = 'document' AND audience = ?"));
            q.addBindValue(QString(QStringLiteral("customer:") + idText(m_customer)));
            q.exec();
            return q.next() ? q.value(0).toInt() : -1;
        });
        QCOMPARE(inFeed, 2);

        QCOMPARE(import(sale("РТУ-5")).orders, 0);
        QCOMPARE(documents().size(), 2);
        QCOMPARE(import(sale("РТУ-5/1")).orders, 1);
        found = documents();
        QCOMPARE(found.size(), 2);
        QCOMPARE(found.at(1).id, waybill);
        QCOMPARE(found.at(1).number, QStringLiteral("РТУ-5/1"));
    }

    void postedAgainForAnOrderThatMovedOnChangesNothing()
    {
        const Id id = placeOrder(QStringLiteral("P-000300"), OrderStatus::Delivered);
        const QString xml
            = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация><Документ>"
                             "<Ид>%1</Ид><ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>Проведен"
                             "</Наименование><Значение>true</Значение></ЗначениеРеквизита>"
                             "</ЗначенияРеквизитов></Документ></КоммерческаяИнформация>")
                  .arg(idText(id));
        const ImportCounts counts = import(xml.toUtf8());
        QCOMPARE(counts.orders, 0);
        QVERIFY(counts.warnings.isEmpty());
        QCOMPARE(order(id)->order.status, OrderStatus::Delivered);
    }

    void aStatusTheLifecycleCannotReachIsAWarning()
    {
        const Id id = placeOrder(QStringLiteral("P-000200"), OrderStatus::Delivered);
        const QString xml
            = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация><Документ>"
                             "<Ид>%1</Ид><ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>Отменен"
                             "</Наименование><Значение>true</Значение></ЗначениеРеквизита>"
                             "</ЗначенияРеквизитов></Документ></КоммерческаяИнформация>")
                  .arg(idText(id));
        const ImportCounts counts = import(xml.toUtf8());
        QCOMPARE(counts.orders, 0);
        QCOMPARE(counts.warnings.size(), 1);
        QCOMPARE(order(id)->order.status, OrderStatus::Delivered);
    }
};

QTEST_GUILESS_MAIN(TestExchangeOrders)
#include "tst_exchangeorders.moc"
