#include "cache/catalogqueries.h"
#include "catalogfixture.h"

#include <QSqlDatabase>
#include <QTest>

using namespace portico;
namespace CatalogQueries = portico::client::CatalogQueries;
using namespace portico::client::catalogfixture;

// The CatalogQueries read functions over a cache filled by one catalog page.
class TestCatalogQueries final
    : public QObject
    , private CatalogFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { openCache(); }

    void cleanup() { closeCache(); }

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
};

QTEST_GUILESS_MAIN(TestCatalogQueries)
#include "tst_catalogqueries.moc"
