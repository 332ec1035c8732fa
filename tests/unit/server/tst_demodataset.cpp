#include "auth/caller.h"
#include "auth/passwordhasher.h"
#include "auth/userrepository.h"
#include "blobs/blobstore.h"
#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "demo/demodataset.h"
#include "orders/orderrepository.h"
#include "rules/pricing.h"
#include "rules/taxid.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/visibility.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <stdexcept>

using namespace portico;
using namespace portico::server;
using portico::test::TestDatabase;

namespace {

constexpr qint64 Now = 1'790'000'000'000; // 2026-09-21, a Monday

DemoDataSet::Options smallSet()
{
    DemoDataSet::Options options;
    options.productCount = 500;
    options.customerCount = 200;
    options.orderCount = 300;
    options.nowMs = Now;
    options.passwordCost = PasswordCost::Minimum;
    return options;
}

qint64 scalar(Database &database, const QString &statement)
{
    return database.read([&](QSqlDatabase &tx) {
        Sql query(tx, statement);
        query.exec();
        return query.next() ? query.value(0).toLongLong() : qint64 {-1};
    });
}

// Every row of a query, each as its columns' text, for comparing two databases.
QStringList rows(Database &database, const QString &statement)
{
    return database.read([&](QSqlDatabase &tx) {
        Sql query(tx, statement);
        query.exec();
        QStringList result;
        while (query.next()) {
            QStringList columns;
            for (int i = 0; i < query.query().record().count(); ++i)
                columns << query.value(i).toString();
            result << columns.join(QLatin1Char('|'));
        }
        return result;
    });
}

bool isEan13(const QString &code)
{
    static const QRegularExpression digits(QStringLiteral("^\\d{13}$"));
    if (!digits.match(code).hasMatch())
        return false;
    int sum = 0;
    for (qsizetype i = 0; i < 12; ++i)
        sum += (code.at(i).unicode() - u'0') * (i % 2 == 0 ? 1 : 3);
    return (10 - sum % 10) % 10 == code.at(12).unicode() - u'0';
}

} // namespace

// The demo data set on a real database: what it contains, that its rules hold, and that it is
// the same on every run.
class TestDemoDataSet final : public QObject
{
    Q_OBJECT

private:
    Database &db() { return m_db->database(); }

    StoredUser user(const QString &login)
    {
        const auto stored
            = db().read([&](QSqlDatabase &tx) { return UserRepository(tx).findByLogin(login); });
        if (!stored)
            throw std::runtime_error("no such demo user");
        return *stored;
    }

    Caller callerOf(const QString &login)
    {
        const User u = user(login).user;
        return Caller {idText(u.id),       u.login, u.role, idText(u.customerId), idText(u.warehouseId),
                       QStringLiteral("t")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->create(), qPrintable(m_db->errorString()));
        QVERIFY(!DemoDataSet::hasCatalog(db()));
        m_summary = DemoDataSet::generate(db(), smallSet());
        qInfo("generated %d products, %d prices, %d customers, %d orders, %lld feed rows in %lld ms",
              m_summary.products, m_summary.prices, m_summary.customers, m_summary.orders,
              m_summary.feedChanges, m_summary.elapsedMs);
    }

    void countsAsSpecified()
    {
        QVERIFY(DemoDataSet::hasCatalog(db()));
        QCOMPARE(m_summary.products, 500);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM products")), 500);
        QCOMPARE(m_summary.groups, 60);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM product_groups")), 60);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM price_types")), 3);
        QCOMPARE(m_summary.prices, 1500);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM prices")), 1500);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM warehouses")), 2);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM stock")), 1000);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM customers")), 200);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM users")), 8);
        QCOMPARE(m_summary.orders, 300);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM orders")), 300);
        // What the accounting system issued along the orders' histories: an invoice for every
        // order it took, a waybill for every shipped one, a payment for every completed one.
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM documents")), m_summary.documents);
        const auto documentsOf = [this](const char *kind) {
            return scalar(
                db(),
                QStringLiteral("SELECT COUNT(*) FROM documents WHERE kind = '%1'").arg(QLatin1String(kind)));
        };
        const auto reached = [this](const char *status) {
            return scalar(
                db(),
                QStringLiteral("SELECT COUNT(DISTINCT order_id) FROM order_history WHERE to_status = '%1'")
                    .arg(QLatin1String(status)));
        };
        QVERIFY(documentsOf("invoice") > 0);
        QCOMPARE(documentsOf("invoice"), reached("exported"));
        QCOMPARE(documentsOf("waybill"), reached("shipped"));
        QCOMPARE(documentsOf("payment"), reached("completed"));
        const QStringList names = rows(db(), QStringLiteral("SELECT name FROM price_types ORDER BY name"));
        QCOMPARE(names,
                 (QStringList {QStringLiteral(u"Дилерская"), QStringLiteral(u"Оптовая"),
                               QStringLiteral(u"Розничная")}));
        const QStringList warehouses
            = rows(db(), QStringLiteral("SELECT name FROM warehouses ORDER BY name"));
        QCOMPARE(warehouses,
                 (QStringList {QStringLiteral(u"Склад Москва"), QStringLiteral(u"Склад Санкт-Петербург")}));
        QCOMPARE(rows(db(),
                      QStringLiteral("SELECT name FROM price_types WHERE vat_included = ")
                          + (db().isPostgres() ? QStringLiteral("FALSE") : QStringLiteral("0"))),
                 QStringList {QStringLiteral(u"Дилерская")});
    }

    void groupsFormATreeOfThreeLevels()
    {
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM product_groups WHERE parent_id IS NULL")),
                 6);
        // Every product sits in a leaf whose parent's parent is a root.
        QCOMPARE(
            scalar(db(),
                   QStringLiteral("SELECT COUNT(*) FROM products p JOIN product_groups leaf ON leaf.id = "
                                  "p.group_id JOIN product_groups mid ON mid.id = leaf.parent_id JOIN "
                                  "product_groups root ON root.id = mid.parent_id WHERE root.parent_id IS "
                                  "NULL")),
            500);
        const QStringList properties = rows(db(), QStringLiteral("SELECT name FROM properties"));
        for (const QString &name : {QStringLiteral(u"Материал"), QStringLiteral(u"Цвет"),
                                    QStringLiteral(u"Размер"), QStringLiteral(u"Бренд")})
            QVERIFY2(properties.contains(name), qPrintable(name));
    }

    void productsLookLikeAWholesalersCatalog()
    {
        const QList<Product> products = db().read([](QSqlDatabase &tx) {
            Sql ids(tx, QStringLiteral("SELECT id FROM products"));
            ids.exec();
            QList<Id> list;
            while (ids.next())
                list << idFrom(ids.value(0));
            return CatalogRepository(tx).products(list).values();
        });
        QCOMPARE(products.size(), 500);
        static const QRegularExpression sku(QStringLiteral(u"^[А-Я]{2}-\\d{5}$"));
        static const QRegularExpression cyrillic(QStringLiteral(u"[а-яА-Я]"));
        QSet<QString> skus;
        QSet<QString> barcodes;
        QSet<QString> units;
        QHash<VatRate, int> vat;
        int severalBarcodes = 0;
        for (const Product &p : products) {
            QVERIFY2(sku.match(p.sku).hasMatch(), qPrintable(p.sku));
            skus.insert(p.sku);
            QVERIFY2(cyrillic.match(p.name).hasMatch(), qPrintable(p.name));
            QVERIFY(!p.description.isEmpty());
            QVERIFY(!p.barcodes.isEmpty());
            severalBarcodes += p.barcodes.size() > 1 ? 1 : 0;
            for (const QString &code : p.barcodes) {
                QVERIFY2(isEan13(code), qPrintable(code));
                barcodes.insert(code);
            }
            units.insert(p.unit.okeiCode + QLatin1Char(' ') + p.unit.name);
            ++vat[p.vatRate];
            QVERIFY(p.weightKg.isPositive());
            QVERIFY(p.properties.size() >= 3);
            QVERIFY(!p.externalId.isEmpty());
        }
        QCOMPARE(skus.size(), 500);
        QCOMPARE(barcodes.size(), m_summary.barcodes);
        QVERIFY(severalBarcodes > 0);
        QCOMPARE(units,
                 (QSet<QString> {QStringLiteral(u"796 шт"), QStringLiteral(u"166 кг"),
                                 QStringLiteral(u"006 м"), QStringLiteral(u"778 упак")}));
        QVERIFY(vat.value(VatRate::Twenty) > 400);
        QVERIFY(vat.value(VatRate::Ten) > 0);
        QVERIFY(vat.value(VatRate::None) > 0);
    }

    void everyProductHasAPricePerPriceType()
    {
        QCOMPARE(scalar(db(),
                        QStringLiteral("SELECT COUNT(*) FROM products p CROSS JOIN price_types t WHERE NOT "
                                       "EXISTS (SELECT 1 FROM prices x WHERE x.product_id = p.id AND "
                                       "x.price_type_id = t.id)")),
                 0);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM prices WHERE unit_price_minor <= 0")), 0);
        // Wholesale is below retail, both VAT included.
        QCOMPARE(
            scalar(db(),
                   QStringLiteral("SELECT COUNT(*) FROM prices r JOIN price_types rt ON rt.id = "
                                  "r.price_type_id JOIN prices w ON w.product_id = r.product_id JOIN "
                                  "price_types wt ON wt.id = w.price_type_id WHERE rt.name = 'Розничная' "
                                  "AND wt.name = 'Оптовая' AND w.unit_price_minor >= r.unit_price_minor")),
            0);
        QVERIFY(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM prices WHERE tiers_json <> '[]'")) > 0);
    }

    void stockHasGapsAndSmallLevels()
    {
        QVERIFY(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM stock WHERE on_hand_milli = 0")) > 0);
        QVERIFY(
            scalar(db(), QStringLiteral("SELECT COUNT(*) FROM stock WHERE on_hand_milli BETWEEN 1 AND 5000"))
            > 0);
        QVERIFY(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM stock WHERE on_hand_milli > 10000")) > 500);
        QCOMPARE(
            scalar(db(), QStringLiteral("SELECT COUNT(*) FROM stock WHERE reserved_milli > on_hand_milli")),
            0);
    }

    void customersHaveValidTaxIdsAndTerms()
    {
        const QList<Customer> customers
            = db().read([](QSqlDatabase &tx) { return CustomerRepository(tx).list(1000, 0, {}); });
        QCOMPARE(customers.size(), 200);
        QSet<QString> inns;
        int soleTraders = 0;
        int blocked = 0;
        int withoutLimit = 0;
        int discounted = 0;
        for (const Customer &c : customers) {
            const rules::TaxIdCheck check = rules::validateInnKpp(c.inn, c.kpp);
            QVERIFY2(check.ok(),
                     qPrintable(c.inn + QLatin1Char('/') + c.kpp + QLatin1Char(' ') + check.describe()));
            inns.insert(c.inn);
            if (c.inn.size() == 12) {
                ++soleTraders;
                QVERIFY2(c.legalName.startsWith(QStringLiteral(u"ИП ")), qPrintable(c.legalName));
            } else {
                QVERIFY2(c.legalName.startsWith(QStringLiteral(u"ООО «"))
                             || c.legalName.startsWith(QStringLiteral(u"АО «")),
                         qPrintable(c.legalName));
            }
            QVERIFY(c.discount >= 0 && c.discount <= 1000);
            discounted += c.discount > 0 ? 1 : 0;
            blocked += c.blocked ? 1 : 0;
            withoutLimit += c.creditLimitSet ? 0 : 1;
            QVERIFY(!c.priceTypeId.isNull());
            QVERIFY(!c.addresses.isEmpty());
            QVERIFY(!c.contacts.isEmpty());
            QVERIFY(c.contacts.first().email.contains(QLatin1Char('@')));
        }
        QCOMPARE(inns.size(), 200);
        QVERIFY(soleTraders > 10 && soleTraders < 100);
        QVERIFY(blocked >= 2 && blocked <= 3);
        QVERIFY(withoutLimit > 0);
        QVERIFY(discounted > 0);
        QVERIFY(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM customers WHERE overdue_minor > 0")) > 0);
        QVERIFY(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM customers WHERE balance_minor > 0")) > 50);
    }

    void buyersBuyForDifferentCustomersOfRep1()
    {
        const Caller rep1 = callerOf(QStringLiteral("rep1"));
        const Caller buyer1 = callerOf(QStringLiteral("buyer1"));
        const Caller buyer2 = callerOf(QStringLiteral("buyer2"));
        const Caller rep2 = callerOf(QStringLiteral("rep2"));
        QVERIFY(!buyer1.customerId.isEmpty());
        QVERIFY(!buyer2.customerId.isEmpty());
        QVERIFY(buyer1.customerId != buyer2.customerId);
        db().read([&](QSqlDatabase &tx) {
            CustomerRepository customers(tx);
            const QList<Id> ofRep1 = customers.customersOfRep(Id::fromString(rep1.userId));
            QVERIFY2(ofRep1.size() >= 35 && ofRep1.size() <= 45, qPrintable(QString::number(ofRep1.size())));
            for (const Caller &buyer : {buyer1, buyer2}) {
                const auto customer = customers.customer(Id::fromString(buyer.customerId));
                QVERIFY(customer);
                QVERIFY(!customer->blocked);
                QVERIFY(customers.visibleTo(rep1, *customer));
                QVERIFY(customers.visibleTo(buyer, *customer));
            }
            QVERIFY(!customers.customersOfRep(Id::fromString(rep2.userId)).isEmpty());
        });
    }

    void demoUsersLogInWithDemo()
    {
        const PasswordHasher hasher(PasswordCost::Minimum);
        const QHash<QString, Role> roles {
            {QStringLiteral("admin"), Role::Admin},          {QStringLiteral("manager"), Role::Manager},
            {QStringLiteral("rep1"), Role::SalesRep},        {QStringLiteral("rep2"), Role::SalesRep},
            {QStringLiteral("warehouse1"), Role::Warehouse}, {QStringLiteral("buyer1"), Role::Buyer},
            {QStringLiteral("buyer2"), Role::Buyer},         {QStringLiteral("exchange"), Role::Exchange},
        };
        QCOMPARE(DemoDataSet::loginNames().size(), roles.size());
        for (const QString &login : DemoDataSet::loginNames()) {
            const StoredUser stored = user(login);
            QCOMPARE(stored.user.role, roles.value(login));
            QVERIFY(stored.user.active);
            QVERIFY2(hasher.verify(stored.passwordHash, QStringLiteral("demo")), qPrintable(login));
            QVERIFY(!hasher.verify(stored.passwordHash, QStringLiteral("wrong")));
        }
        QVERIFY(!user(QStringLiteral("warehouse1")).user.warehouseId.isNull());
        const QList<DemoDataSet::Login> logins = DemoDataSet::logins(db());
        QCOMPARE(logins.size(), roles.size());
        for (const DemoDataSet::Login &login : logins)
            QCOMPARE(login.customerName.isEmpty(), login.role != Role::Buyer);
        const QString table = DemoDataSet::loginTable(logins);
        for (const DemoDataSet::Login &login : logins) {
            QVERIFY2(table.contains(QStringLiteral("  ") + login.login + QLatin1Char(' ')),
                     qPrintable(table));
            QVERIFY2(table.contains(login.customerName), qPrintable(table));
        }
    }

    void feedCarriesEveryRow()
    {
        const auto missing = [this](const QString &entity, const QString &table, const QString &key) {
            return scalar(
                db(),
                QStringLiteral("SELECT COUNT(*) FROM %1 x WHERE NOT EXISTS (SELECT 1 FROM changes c "
                               "WHERE c.entity = '%2' AND c.entity_id = %3)")
                    .arg(table, entity, key));
        };
        QCOMPARE(missing(QStringLiteral("product"), QStringLiteral("products"), QStringLiteral("x.id")), 0);
        QCOMPARE(missing(QStringLiteral("group"), QStringLiteral("product_groups"), QStringLiteral("x.id")),
                 0);
        QCOMPARE(missing(QStringLiteral("customer"), QStringLiteral("customers"), QStringLiteral("x.id")), 0);
        QCOMPARE(missing(QStringLiteral("order"), QStringLiteral("orders"), QStringLiteral("x.id")), 0);
        QCOMPARE(missing(QStringLiteral("document"), QStringLiteral("documents"), QStringLiteral("x.id")), 0);
        // Prices and stock levels carry their own seq (storage/changefeed.h, RowTable): every
        // row has one under the head, and no two changes share a seq.
        for (const QString &table : {QStringLiteral("prices"), QStringLiteral("stock")}) {
            QCOMPARE(scalar(db(),
                            QStringLiteral("SELECT COUNT(*) FROM %1 WHERE seq <= 0 OR seq > "
                                           "(SELECT head FROM feed_state)")
                                .arg(table)),
                     0);
        }
        const QString seqs = QStringLiteral(
            "(SELECT seq FROM changes UNION ALL SELECT seq FROM prices UNION ALL SELECT seq FROM stock) s");
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(DISTINCT seq) FROM ") + seqs),
                 scalar(db(), QStringLiteral("SELECT COUNT(*) FROM ") + seqs));
        // Orders go to their own customer's audience only, and so do their documents.
        QCOMPARE(
            scalar(db(),
                   QStringLiteral("SELECT COUNT(*) FROM changes c JOIN orders o ON o.id = c.entity_id "
                                  "WHERE c.entity = 'order' AND c.audience <> 'customer:' || o.customer_id")),
            0);
        QCOMPARE(
            scalar(db(),
                   QStringLiteral("SELECT COUNT(*) FROM changes c JOIN documents d ON d.id = c.entity_id "
                                  "WHERE c.entity = 'document' "
                                  "AND c.audience <> 'customer:' || d.customer_id")),
            0);

        // buyer1's first sync: the whole catalog, its own prices, its customer and its orders.
        const Caller buyer1 = callerOf(QStringLiteral("buyer1"));
        const ChangeFeed::Page page = db().read([&](QSqlDatabase &tx) {
            const Visibility visibility = Visibility::of(tx, buyer1);
            return ChangeFeed::pull(tx, 0, 100000, visibility.audiences, visibility.everything);
        });
        QVERIFY(!page.hasMore);
        QHash<QString, int> entities;
        for (const Change &change : page.changes) {
            ++entities[change.entity];
            const QJsonObject data = QJsonDocument::fromJson(change.payload).object();
            if (change.entity == QLatin1String("customer"))
                QCOMPARE(change.entityId, buyer1.customerId);
            if (change.entity == QLatin1String("order"))
                QCOMPARE(data.value(QStringLiteral("customer_id")).toString(), buyer1.customerId);
        }
        QCOMPARE(entities.value(QStringLiteral("product")), 500);
        QCOMPARE(entities.value(QStringLiteral("price")), 500);
        QCOMPARE(entities.value(QStringLiteral("stock")), 1000);
        QCOMPARE(entities.value(QStringLiteral("customer")), 1);
        QVERIFY(entities.value(QStringLiteral("order")) >= 12);
    }

    void ordersArePricedByTheSharedRulesAndFollowTheLifecycle()
    {
        const QList<StoredOrder> orders = db().read([](QSqlDatabase &tx) {
            OrderRepository repository(tx);
            OrderFilter filter;
            filter.allCustomers = true;
            filter.limit = 10000;
            QList<StoredOrder> result;
            for (const Order &order : repository.list(filter))
                result << *repository.find(order.id);
            return result;
        });
        QCOMPARE(orders.size(), 300);
        QSet<OrderStatus> statuses;
        QSet<QString> numbers;
        for (const StoredOrder &stored : orders) {
            const Order &o = stored.order;
            statuses.insert(o.status);
            numbers.insert(o.number);
            QVERIFY(!o.lines.isEmpty());
            QVERIFY(o.createdAt.toMSecsSinceEpoch() <= Now);
            QVERIFY(o.createdAt.toMSecsSinceEpoch() > Now - 90LL * 24 * 3600 * 1000);
            QCOMPARE(o.totals, *rules::sumLines(o.lines, o.currency));
            QCOMPARE(stored.outcome.value(QStringLiteral("status")).toString().isEmpty(), false);

            // Priced now with the stored catalog and customer, the lines come out the same.
            const rules::PricingResult repriced = db().read([&](QSqlDatabase &tx) {
                CatalogRepository catalog(tx);
                const Customer customer = *CustomerRepository(tx).customer(o.customerId);
                QList<Id> ids;
                for (const OrderLine &line : o.lines)
                    ids << line.productId;
                const auto products = catalog.products(ids);
                const auto prices = catalog.prices(ids, customer.priceTypeId);
                QList<rules::PricingLineInput> inputs;
                for (const OrderLine &line : o.lines)
                    inputs.append({line.lineNo, line.productId, line.quantity,
                                   products.value(line.productId).vatRate, prices.value(line.productId)});
                return rules::priceOrder(
                    rules::PricingContext::forCustomer(*catalog.priceType(customer.priceTypeId), customer),
                    inputs);
            });
            QVERIFY(repriced.ok());
            QCOMPARE(repriced.lines, o.lines);

            QVERIFY(o.history.size() >= 2);
            QCOMPARE(o.history.first().from, OrderStatus::Draft);
            QCOMPARE(o.history.first().to, OrderStatus::Submitted);
            QCOMPARE(o.history.first().byUserId, o.createdBy);
            for (qsizetype i = 0; i < o.history.size(); ++i) {
                const StatusChange &change = o.history.at(i);
                QVERIFY(canTransition(change.from, change.to));
                QVERIFY(change.at.toMSecsSinceEpoch() <= Now);
                if (i > 0) {
                    QCOMPARE(change.from, o.history.at(i - 1).to);
                    QVERIFY(change.at >= o.history.at(i - 1).at);
                }
            }
            QCOMPARE(o.history.last().to, o.status);
        }
        QCOMPARE(numbers.size(), 300);
        for (const OrderStatus status : {OrderStatus::Completed, OrderStatus::Shipped, OrderStatus::Accepted,
                                         OrderStatus::AcceptedWithChanges, OrderStatus::NeedsApproval,
                                         OrderStatus::Rejected, OrderStatus::Cancelled, OrderStatus::Picking})
            QVERIFY2(statuses.contains(status), qPrintable(orderStatusToString(status)));
    }

    void generationIsDeterministic()
    {
        TestDatabase other;
        QVERIFY2(other.create(), qPrintable(other.errorString()));
        DemoDataSet::generate(other.database(), smallSet());
        for (const QString &statement :
             {QStringLiteral("SELECT * FROM products ORDER BY id"),
              QStringLiteral("SELECT * FROM product_groups ORDER BY id"),
              QStringLiteral("SELECT * FROM prices ORDER BY product_id, price_type_id"),
              QStringLiteral("SELECT * FROM stock ORDER BY product_id, warehouse_id"),
              QStringLiteral("SELECT * FROM customers ORDER BY id"),
              QStringLiteral("SELECT * FROM orders ORDER BY id"),
              QStringLiteral("SELECT * FROM order_lines ORDER BY order_id, line_no"),
              QStringLiteral("SELECT * FROM documents ORDER BY id"),
              QStringLiteral("SELECT id, login, role, customer_id FROM users ORDER BY id")}) {
            const QStringList mine = rows(db(), statement);
            QVERIFY(!mine.isEmpty());
            QCOMPARE(rows(other.database(), statement), mine);
        }
        // Another seed gives another data set.
        TestDatabase third;
        QVERIFY2(third.create(), qPrintable(third.errorString()));
        DemoDataSet::Options options = smallSet();
        options.seed = 7;
        options.productCount = 50;
        options.customerCount = 10;
        options.orderCount = 30;
        const DemoDataSet::Summary summary = DemoDataSet::generate(third.database(), options);
        QCOMPARE(summary.products, 50);
        QCOMPARE(summary.customers, 10);
        QVERIFY(rows(third.database(), QStringLiteral("SELECT id FROM products ORDER BY id"))
                != rows(db(), QStringLiteral("SELECT id FROM products ORDER BY id")).mid(0, 50));
    }

    // With a blob store, every 20th product gets one to three pictures, there and in the feed.
    void someProductsGetPictures()
    {
        TestDatabase pictured;
        QVERIFY2(pictured.create(), qPrintable(pictured.errorString()));
        QTemporaryDir dir;
        BlobStore blobs(pictured.database(), dir.path());
        DemoDataSet::Options options = smallSet();
        options.productCount = 60;
        options.customerCount = 10;
        options.orderCount = 0;
        options.pictures = &blobs;
        const DemoDataSet::Summary summary = DemoDataSet::generate(pictured.database(), options);
        QCOMPARE(summary.pictures, 1 + 2 + 3); // products 0, 20 and 40
        const auto products = pictured.database().read([](QSqlDatabase &tx) {
            Sql ids(tx, QStringLiteral("SELECT id FROM products WHERE image_ref <> '' ORDER BY sku"));
            ids.exec();
            QList<Id> list;
            while (ids.next())
                list << idFrom(ids.value(0));
            const auto found = CatalogRepository(tx).products(list);
            QList<Product> withPictures;
            for (const Id &id : list)
                withPictures << found.value(id);
            return withPictures;
        });
        QCOMPARE(products.size(), 3);
        for (const Product &product : products) {
            QVERIFY(!product.images.isEmpty());
            QCOMPARE(product.imageRef, product.images.first());
            for (const QString &image : product.images) {
                const auto ref = blobs.find(image);
                QVERIFY(ref);
                QCOMPARE(ref->contentType, QStringLiteral("image/svg+xml"));
                QVERIFY(blobs.read(image).value_or(QByteArray()).contains(product.sku.toUtf8()));
            }
            const QByteArray payload = pictured.database().read([&](QSqlDatabase &tx) {
                Sql q(tx,
                      QStringLiteral(
                          "SELECT payload FROM changes WHERE entity = 'product' AND entity_id = :id"));
                q.bind(QStringLiteral(":id"), idText(product.id)).exec();
                return q.next() ? q.value(0).toByteArray() : QByteArray();
            });
            QCOMPARE(
                QJsonDocument::fromJson(payload).object().value(QStringLiteral("images")).toArray().size(),
                product.images.size());
        }
    }

    void refusesOptionsOutOfRange()
    {
        DemoDataSet::Options options = smallSet();
        options.productCount = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DemoDataSet::generate(db(), options));
        options = smallSet();
        options.customerCount = 5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DemoDataSet::generate(db(), options));
    }

private:
    std::unique_ptr<TestDatabase> m_db;
    DemoDataSet::Summary m_summary;
};

QTEST_GUILESS_MAIN(TestDemoDataSet)
#include "tst_demodataset.moc"
