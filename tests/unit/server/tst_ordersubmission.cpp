#include "auth/caller.h"
#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "http/apierror.h"
#include "orders/orderrepository.h"
#include "orders/orderservice.h"
#include "protocol/codecs.h"
#include "rules/pricing.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "testservices.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <chrono>
#include <functional>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

using namespace portico;
using namespace portico::server;

namespace {

const Currency Rub = Currency::rub();

// One customer with a credit limit, one product with plenty of stock, and its buyer.
struct Shop
{
    portico::test::TestServices env;
    PriceType wholesale {Id::createUuid(), QStringLiteral("opt"), QStringLiteral("Оптовая"), Rub, true};
    Warehouse warehouse {Id::createUuid(), QString(), QStringLiteral("Склад"), QString()};
    Product bolt;
    Customer customer;
    Caller buyer;

    Shop()
    {
        if (!env.create())
            qFatal("no test database: %s", qPrintable(env.errorString()));
        bolt.id = Id::createUuid();
        bolt.sku = QStringLiteral("B-10");
        bolt.name = QStringLiteral("Болт М10");
        bolt.unit = Unit::piece();
        bolt.vatRate = VatRate::Twenty;
        customer.id = Id::createUuid();
        customer.name = QStringLiteral("Ромашка");
        customer.legalName = QStringLiteral("ООО «Ромашка»");
        customer.inn = QStringLiteral("7707083893");
        customer.kpp = QStringLiteral("773601001");
        customer.priceTypeId = wholesale.id;
        customer.creditLimit = Money::fromMinor(1'000'000, Rub); // 10 000.00
        customer.creditLimitSet = true;
        buyer.userId = idText(Id::createUuid());
        buyer.login = QStringLiteral("buyer");
        buyer.role = Role::Buyer;
        buyer.customerId = idText(customer.id);
        env.database().write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository catalog(tx);
            catalog.upsertPriceTypes({wholesale}, feed);
            catalog.upsertWarehouses({warehouse}, feed);
            catalog.upsertProducts({bolt}, feed);
            catalog.upsertPrices({Price {bolt.id, wholesale.id, Money::fromMinor(1999, Rub), {}}}, feed);
            catalog.upsertStock({StockLevel {bolt.id, warehouse.id, Quantity::fromInt(1'000'000), Quantity(),
                                             QDateTime::currentDateTimeUtc()}},
                                feed);
            CustomerRepository(tx).upsert({customer}, feed);
            feed.append(tx);
        });
    }

    // An order of `pieces` bolts priced as the client prices it.
    Order order(int pieces) const
    {
        const auto priced
            = rules::priceOrder(rules::PricingContext::forCustomer(wholesale, customer),
                                {{0, bolt.id, Quantity::fromInt(pieces), bolt.vatRate,
                                  Price {bolt.id, wholesale.id, Money::fromMinor(1999, Rub), {}}}});
        Order o;
        o.id = Id::createUuid();
        o.clientNumber = QStringLiteral("R-1");
        o.customerId = customer.id;
        o.priceTypeId = wholesale.id;
        o.currency = Rub;
        o.status = OrderStatus::Submitted;
        o.createdAt = QDateTime::fromMSecsSinceEpoch(env.clock - 60'000, Qt::UTC);
        o.lines = priced.lines;
        o.totals = priced.totals;
        return o;
    }

    static QByteArray body(const Order &order)
    {
        return QJsonDocument(protocol::toJson(order)).toJson(QJsonDocument::Compact);
    }

    qint64 count(const QString &statement)
    {
        return env.database().read([&](QSqlDatabase &tx) {
            Sql q(tx, statement);
            q.exec();
            return q.next() ? q.value(0).toLongLong() : -1;
        });
    }

    // The customer's entry in the feed, as its buyers pull it.
    QByteArray customerPayload()
    {
        return env.database().read([&](QSqlDatabase &tx) {
            const auto page = ChangeFeed::pull(tx, 0, 1000, {Audience::customer(idText(customer.id))});
            for (const Change &change : page.changes) {
                if (change.entity == entity::Customer)
                    return change.payload;
            }
            return QByteArray();
        });
    }

    // Runs `upload(i)` on `threads` threads released together; each thread's result or error.
    struct Outcome
    {
        int status = 0; // HTTP status, or the ApiError's
        QByteArray json;
    };
    std::vector<Outcome> race(int threads, const std::function<QByteArray(int)> &bodyOf)
    {
        OrderService orders(env.services(), {});
        std::vector<Outcome> outcomes(static_cast<std::size_t>(threads));
        std::latch start(threads);
        std::vector<std::thread> workers;
        for (int i = 0; i < threads; ++i) {
            workers.emplace_back([&, i] {
                Outcome &outcome = outcomes[static_cast<std::size_t>(i)];
                const QByteArray upload = bodyOf(i);
                start.arrive_and_wait();
                try {
                    const auto reply = orders.submit(buyer, upload);
                    outcome = {reply.status, reply.json};
                } catch (const ApiError &e) {
                    outcome.status = e.code() == ApiErrorCode::Conflict ? 409 : 400;
                } catch (const std::exception &e) {
                    outcome.status = -1;
                    outcome.json = e.what();
                }
                env.database().releaseThreadConnection();
            });
        }
        for (auto &worker : workers)
            worker.join();
        return outcomes;
    }

    // Submits `upload` while another write transaction has made `change` and not committed it:
    // the upload is priced without the change, and its write transaction waits for that one's
    // commit, for the writer (SQLite) or for the rows the change locked and the order counter's
    // row (PostgreSQL).
    Outcome submitDuring(const QByteArray &upload, const std::function<void(QSqlDatabase &)> &change)
    {
        OrderService orders(env.services(), {});
        std::latch holding(1);
        std::latch release(1);
        std::thread blocker([&] {
            env.database().write([&](QSqlDatabase &tx) {
                // Everything this transaction locks is locked before the upload starts.
                change(tx);
                OrderRepository(tx).nextNumber();
                holding.count_down();
                release.wait();
            });
            env.database().releaseThreadConnection();
        });
        holding.wait();
        Outcome outcome;
        std::thread uploader([&] {
            try {
                const auto reply = orders.submit(buyer, upload);
                outcome = {reply.status, reply.json};
            } catch (const std::exception &e) {
                outcome = {-1, e.what()};
            }
            env.database().releaseThreadConnection();
        });
        // The upload prices against what is committed, then waits.
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        release.count_down();
        blocker.join();
        uploader.join();
        return outcome;
    }
};

QString statusOf(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object().value(QStringLiteral("status")).toString();
}

} // namespace

// Order submission prices in a read transaction and stores in a short write transaction; what
// must be exact at commit holds under concurrent uploads: the idempotency key and the credit
// exposure.
class TestOrderSubmission final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Retries of one upload racing each other: one order is stored, every answer carries it.
    void concurrentRetriesStoreOneOrder()
    {
        Shop shop;
        const QByteArray body = Shop::body(shop.order(10));
        const auto outcomes = shop.race(8, [&](int) { return body; });
        int created = 0;
        QByteArray stored;
        for (const auto &outcome : outcomes) {
            QVERIFY2(
                outcome.status == 201 || outcome.status == 200,
                qPrintable(QStringLiteral("%1 %2").arg(outcome.status).arg(QString::fromUtf8(outcome.json))));
            if (outcome.status == 201) {
                ++created;
                stored = outcome.json;
            }
        }
        QCOMPARE(created, 1);
        for (const auto &outcome : outcomes)
            QCOMPARE(outcome.json, stored);
        QCOMPARE(shop.count(QStringLiteral("SELECT COUNT(*) FROM orders")), qint64 {1});
        QCOMPARE(shop.count(QStringLiteral("SELECT COUNT(*) FROM changes WHERE entity = 'order'")),
                 qint64 {1});
        // No order number was spent on a retry.
        QCOMPARE(
            shop.count(QStringLiteral("SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'order_number'")),
            qint64 {1});
        // The body is known by its SHA-256 in hex, as every earlier version stored it: a retry of
        // an order stored before an upgrade is still a retry.
        const QString hash = shop.env.database().read([&](QSqlDatabase &tx) {
            Sql q(tx, QStringLiteral("SELECT request_hash FROM orders"));
            q.exec();
            return q.next() ? q.value(0).toString() : QString();
        });
        QCOMPARE(hash,
                 QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()));
    }

    // The same id with different bodies racing: one is stored, the others are conflicts or
    // (the same body as the stored one) its retry.
    void concurrentUploadsOfOneIdWithOtherBodies()
    {
        Shop shop;
        const Order order = shop.order(10);
        const auto outcomes = shop.race(6, [&](int i) {
            Order variant = order;
            variant.comment = QStringLiteral("variant %1").arg(i % 3);
            return Shop::body(variant);
        });
        int created = 0;
        for (const auto &outcome : outcomes) {
            QVERIFY2(
                outcome.status == 201 || outcome.status == 200 || outcome.status == 409,
                qPrintable(QStringLiteral("%1 %2").arg(outcome.status).arg(QString::fromUtf8(outcome.json))));
            created += outcome.status == 201 ? 1 : 0;
        }
        QCOMPARE(created, 1);
        QCOMPARE(shop.count(QStringLiteral("SELECT COUNT(*) FROM orders")), qint64 {1});
    }

    // Orders racing for the same credit: each fits the limit alone, two do not. The credit is
    // checked when each order is stored, so exactly one is accepted.
    void concurrentOrdersDoNotShareTheSameCredit()
    {
        Shop shop;
        // 300 bolts = 5 997.00 each against a limit of 10 000.00.
        const auto outcomes = shop.race(4, [&](int) { return Shop::body(shop.order(300)); });
        QStringList statuses;
        for (const auto &outcome : outcomes) {
            QCOMPARE(outcome.status, 201);
            statuses << statusOf(outcome.json);
        }
        statuses.sort();
        QCOMPARE(statuses,
                 (QStringList {QStringLiteral("accepted"), QStringLiteral("needs_approval"),
                               QStringLiteral("needs_approval"), QStringLiteral("needs_approval")}));
        // The customer's feed entry carries every open order.
        const QByteArray payload = shop.customerPayload();
        const auto credit
            = QJsonDocument::fromJson(payload).object().value(QStringLiteral("credit")).toObject();
        QCOMPARE(credit.value(QStringLiteral("open_orders")).toString(), QStringLiteral("23988.00"));
    }

    // The customer is blocked after an upload was priced and before it is stored: the write
    // transaction notices the change (by the customer's revision) and prices the upload again,
    // so the order is rejected, and the customer's feed entry still says blocked.
    void customerChangedAfterPricingIsReadAgain()
    {
        Shop shop;
        const auto outcome = shop.submitDuring(Shop::body(shop.order(10)), [&](QSqlDatabase &tx) {
            Customer blocked = shop.customer;
            blocked.blocked = true;
            FeedBatch feed;
            CustomerRepository(tx).upsert({blocked}, feed);
            feed.append(tx);
        });
        QCOMPARE(outcome.status, 201);
        const QJsonObject reply = QJsonDocument::fromJson(outcome.json).object();
        QCOMPARE(reply.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        const auto reasons = reply.value(QStringLiteral("outcome"))
                                 .toObject()
                                 .value(QStringLiteral("credit"))
                                 .toObject()
                                 .value(QStringLiteral("reasons"))
                                 .toArray();
        QCOMPARE(reasons.at(0).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("blocked"));
        QCOMPARE(shop.count(QStringLiteral("SELECT COUNT(*) FROM stock_reservations")), qint64 {0});
        const QByteArray payload = shop.customerPayload();
        QCOMPARE(QJsonDocument::fromJson(payload).object().value(QStringLiteral("blocked")).toBool(), true);
    }

    // Stock falls after an upload was priced and before it is stored (an import here; another
    // upload's reservation alike): the write transaction weighs what is left at commit, so the
    // order is priced, stored and reserved for that; with nothing left the order is rejected.
    void stockTakenAfterPricingIsWeighedAtCommit_data()
    {
        QTest::addColumn<int>("left");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("quantity");
        QTest::newRow("some left") << 4 << QStringLiteral("accepted_with_changes")
                                   << QStringLiteral("quantity_reduced") << QStringLiteral("4");
        QTest::newRow("none left") << 0 << QStringLiteral("rejected") << QStringLiteral("nothing_available")
                                   << QStringLiteral("10");
    }
    void stockTakenAfterPricingIsWeighedAtCommit()
    {
        QFETCH(int, left);
        QFETCH(QString, status);
        QFETCH(QString, reason);
        QFETCH(QString, quantity);
        Shop shop;
        const auto outcome = shop.submitDuring(Shop::body(shop.order(10)), [&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository(tx).upsertStock(
                {StockLevel {shop.bolt.id, shop.warehouse.id, Quantity::fromInt(left), Quantity(),
                             QDateTime::currentDateTimeUtc()}},
                feed);
            feed.append(tx);
        });
        QCOMPARE(outcome.status, 201);
        const QJsonObject reply = QJsonDocument::fromJson(outcome.json).object();
        QCOMPARE(reply.value(QStringLiteral("status")).toString(), status);
        QStringList codes;
        for (const auto &r :
             reply.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("reasons")).toArray())
            codes << r.toObject().value(QStringLiteral("code")).toString();
        QVERIFY2(codes.contains(reason), qPrintable(codes.join(QLatin1Char(','))));
        const QJsonObject line = reply.value(QStringLiteral("lines")).toArray().at(0).toObject();
        QCOMPARE(line.value(QStringLiteral("quantity")).toString(), quantity);
        // Reserved is what the order got; nothing is left over as backorder.
        QCOMPARE(
            shop.count(QStringLiteral("SELECT COALESCE(SUM(reserved_milli), 0) FROM stock_reservations")),
            qint64 {left} * 1000);
        QCOMPARE(
            shop.count(QStringLiteral("SELECT COALESCE(SUM(backorder_milli), 0) FROM stock_reservations")),
            qint64 {0});
        QCOMPARE(shop.count(QStringLiteral("SELECT reserved_milli FROM stock")), qint64 {left} * 1000);
    }

    // Uploads take the customer from memory (orders/ordercustomercache.h) once one was priced.
    // A customer blocked since is met at commit, by its revision: the upload is priced again
    // and rejected, and memory keeps the blocked customer for the next upload.
    void aCustomerKeptInMemoryIsCheckedAtCommit()
    {
        Shop shop;
        OrderService orders(shop.env.services(), {});
        OrderCustomerCache &memory = *shop.env.services().orderCustomers;
        QCOMPARE(statusOf(orders.submit(shop.buyer, Shop::body(shop.order(1))).json),
                 QStringLiteral("accepted"));
        shop.env.database().write([&](QSqlDatabase &tx) {
            Customer blocked = shop.customer;
            blocked.blocked = true;
            FeedBatch feed;
            CustomerRepository(tx).upsert({blocked}, feed);
            feed.append(tx);
        });
        const std::int64_t hits = memory.hits();
        const auto second = orders.submit(shop.buyer, Shop::body(shop.order(1)));
        QCOMPARE(memory.hits(), hits + 1);
        QCOMPARE(statusOf(second.json), QStringLiteral("rejected"));
        const auto kept = memory.find(shop.customer.id, shop.env.clock);
        QVERIFY(kept.has_value());
        QVERIFY(kept->customer.blocked);
        QCOMPARE(statusOf(orders.submit(shop.buyer, Shop::body(shop.order(1))).json),
                 QStringLiteral("rejected"));
        // What memory holds is used for a limited time only.
        QVERIFY(!memory.find(shop.customer.id, shop.env.clock + OrderCustomerCache::MaxAgeMs).has_value());
        QCOMPARE(shop.count(QStringLiteral("SELECT COUNT(*) FROM stock_reservations")), qint64 {1});
    }
};

QTEST_GUILESS_MAIN(TestOrderSubmission)
#include "tst_ordersubmission.moc"
