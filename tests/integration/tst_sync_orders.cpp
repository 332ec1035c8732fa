#include "auth/userrepository.h"
#include "authfixture.h"
#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "protocol/codecs.h"
#include "rules/pricing.h"
#include "rules/taxid.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <memory>

using namespace portico;
using namespace portico::server;
using portico::test::CliResult;
using portico::test::rawHttp;
using portico::test::runUserCli;
using portico::test::TestDatabase;
using portico::test::TestServer;

namespace {

const QString Password = QStringLiteral("Sync-Pa55word!");
constexpr int ProductCount = 16;
constexpr int PageLimit = 7;

struct Reply
{
    int status = 0;
    QByteArray headers;
    QByteArray body;
    QJsonObject json;

    QString errorCode() const
    {
        return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
    QString errorMessage() const
    {
        return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    }
    QString text(const char *key) const { return json.value(QLatin1String(key)).toString(); }
    QString describe() const
    {
        return QString::number(status) + QLatin1Char(' ') + QString::fromUtf8(body.left(400));
    }
};

// Where a buyer's desktop is in the feed.
struct Cursor
{
    qint64 cursor = 0;
    QString epoch;
};

qint64 priceOf(int product, bool dealer, int version = 1)
{
    return (dealer ? 900 : 1000) + product * 100 + (version - 1) * 37;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonArray changesOf(const Reply &page)
{
    return page.json.value(QStringLiteral("changes")).toArray();
}

// The changes of one entity in a page, by id.
QHash<QString, QJsonObject> entities(const QJsonArray &changes, const QString &kind)
{
    QHash<QString, QJsonObject> found;
    for (const auto &item : changes) {
        const QJsonObject change = item.toObject();
        if (change.value(QStringLiteral("entity")).toString() == kind)
            found.insert(change.value(QStringLiteral("id")).toString(), change);
    }
    return found;
}

QStringList reasonCodes(const QJsonObject &order)
{
    QStringList codes;
    for (const auto &reason :
         order.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("reasons")).toArray())
        codes << reason.toObject().value(QStringLiteral("code")).toString();
    return codes;
}

QByteArray nestedArrays(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

} // namespace

// A real portico-server on the selected backend: a buyer's initial sync in pages, later pulls,
// resync, idempotent order uploads priced offline, price drift, order statuses by the feed, and
// bad input that changes nothing.
class TestSyncOrders final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_server;
    PriceType m_wholesale {Id::createUuid(), QString(), QStringLiteral("Оптовая"), Currency::rub(), true};
    PriceType m_dealer {Id::createUuid(), QString(), QStringLiteral("Дилерская"), Currency::rub(), true};
    Warehouse m_warehouse {Id::createUuid(), QString(), QStringLiteral("Склад Юг"), QString()};
    QList<Product> m_products;
    Customer m_customerA;
    Customer m_customerB;
    QString m_buyerA;
    QString m_buyerB;
    QString m_manager;
    QString m_orderOfB;
    Cursor m_feedA;
    Cursor m_feedB;

    Reply send(const QByteArray &method, const QByteArray &target, const QByteArray &body,
               const QString &token, bool withBody = true)
    {
        QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!token.isEmpty())
            request += "Authorization: Bearer " + token.toLatin1() + "\r\n";
        if (withBody)
            request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                + "\r\n";
        request += "\r\n" + body;
        const auto raw = rawHttp(m_server->port(), request, 30000);
        Reply reply;
        reply.status = raw.status;
        reply.headers = raw.headers;
        reply.body = raw.body;
        reply.json = QJsonDocument::fromJson(raw.body).object();
        return reply;
    }

    Reply get(const QByteArray &target, const QString &token)
    {
        return send("GET", target, {}, token, false);
    }
    Reply post(const QByteArray &target, const QByteArray &body, const QString &token)
    {
        return send("POST", target, body, token);
    }

    QString login(const QString &user)
    {
        const Reply reply = post("/api/v1/auth/login",
                                 compact({{QStringLiteral("login"), user},
                                          {QStringLiteral("password"), Password},
                                          {QStringLiteral("device_id"), QStringLiteral("sync-test")}}),
                                 QString());
        if (reply.status != 200)
            qWarning("login of %s failed: %s", qPrintable(user), qPrintable(reply.describe()));
        return reply.text("access_token");
    }

    Reply pull(const QString &token, qint64 cursor, int limit, const QString &epoch = QString())
    {
        QByteArray target
            = "/api/v1/sync?cursor=" + QByteArray::number(cursor) + "&limit=" + QByteArray::number(limit);
        if (!epoch.isEmpty())
            target += "&epoch=" + QUrl::toPercentEncoding(epoch);
        return get(target, token);
    }

    // Pulls from `from` until has_more is false; every change of every page, in order.
    QJsonArray pullAll(const QString &token, Cursor &from)
    {
        QJsonArray all;
        for (int page = 0; page < 1000; ++page) {
            const Reply reply = pull(token, from.cursor, 1000, from.epoch);
            if (reply.status != 200) {
                qWarning("pull failed: %s", qPrintable(reply.describe()));
                break;
            }
            for (const auto &change : changesOf(reply))
                all.append(change);
            from.cursor = reply.json.value(QStringLiteral("cursor")).toInteger();
            from.epoch = reply.text("epoch");
            if (!reply.json.value(QStringLiteral("has_more")).toBool())
                break;
        }
        return all;
    }

    // An order for customer A as the buyer's desktop prices it offline, with the prices it has.
    Order offlineOrder(const QList<std::pair<int, qint64>> &lines, const QString &comment = {})
    {
        QList<rules::PricingLineInput> inputs;
        for (const auto &[product, priceMinor] : lines) {
            const Product &p = m_products.at(product);
            inputs.append({0, p.id, Quantity::fromMilli(2000), p.vatRate,
                           Price {p.id, m_wholesale.id, Money::fromMinor(priceMinor, Currency::rub()), {}}});
        }
        const auto priced
            = rules::priceOrder(rules::PricingContext::forCustomer(m_wholesale, m_customerA), inputs);
        Order order;
        order.id = Id::createUuid();
        order.clientNumber = QStringLiteral("D1-%1").arg(order.id.toString(QUuid::WithoutBraces).left(6));
        order.customerId = m_customerA.id;
        order.priceTypeId = m_wholesale.id;
        order.currency = m_wholesale.currency;
        order.status = OrderStatus::Submitted;
        order.createdAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        order.comment = comment;
        order.lines = priced.lines;
        order.totals = priced.totals;
        return order;
    }

    static QByteArray bodyOf(const Order &order) { return compact(protocol::toJson(order)); }

    QList<QString> orderIdsOf(const QString &token)
    {
        QList<QString> ids;
        const Reply list = get("/api/v1/orders?limit=500", token);
        for (const auto &order : list.json.value(QStringLiteral("orders")).toArray())
            ids << order.toObject().value(QStringLiteral("id")).toString();
        return ids;
    }

    bool addUser(const QStringList &arguments)
    {
        const CliResult result
            = runUserCli(QStringList {QStringLiteral("add")} + arguments + m_db->serverArguments(),
                         Password.toUtf8() + '\n');
        if (result.exitCode != 0)
            qWarning("user add %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                     result.err.constData());
        return result.exitCode == 0;
    }

    void setPrice(int product, const PriceType &type, qint64 minor)
    {
        m_db->database().write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository(tx).upsertPrices(
                {Price {m_products.at(product).id, type.id, Money::fromMinor(minor, type.currency), {}}},
                feed);
            feed.append(tx);
        });
        m_db->database().releaseThreadConnection();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->create(), qPrintable(m_db->errorString()));
        QVERIFY(addUser({QStringLiteral("admin"), QStringLiteral("--role"), QStringLiteral("admin")}));
        QVERIFY(addUser({QStringLiteral("manager"), QStringLiteral("--role"), QStringLiteral("manager")}));
        QVERIFY(addUser({QStringLiteral("rep1"), QStringLiteral("--role"), QStringLiteral("sales_rep")}));
        const auto rep = m_db->database().read(
            [](QSqlDatabase &tx) { return UserRepository(tx).findByLogin(QStringLiteral("rep1")); });
        QVERIFY(rep);

        for (int i = 0; i < ProductCount; ++i) {
            Product p;
            p.id = Id::createUuid();
            p.sku = QStringLiteral("SKU-%1").arg(i, 3, 10, QLatin1Char('0'));
            p.name = QStringLiteral("Товар %1").arg(i);
            p.unit = Unit::piece();
            p.vatRate = i % 3 == 0 ? VatRate::Ten : VatRate::Twenty;
            m_products << p;
        }
        const auto makeCustomer
            = [](const QString &name, const PriceType &type, quint64 seed, const Id &repId) {
                  Customer c;
                  c.id = Id::createUuid();
                  c.name = name;
                  c.legalName = QStringLiteral("ООО «") + name + QStringLiteral("»");
                  c.inn = rules::generateInn(seed);
                  c.kpp = rules::kppForInn(c.inn);
                  c.priceTypeId = type.id;
                  c.assignedRepId = repId;
                  c.creditLimit = Money::zero(Currency::rub());
                  return c;
              };
        m_customerA = makeCustomer(QStringLiteral("Ромашка"), m_wholesale, 11, rep->user.id);
        m_customerB = makeCustomer(QStringLiteral("Василёк"), m_dealer, 12, Id());
        m_db->database().write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository catalog(tx);
            catalog.upsertPriceTypes({m_wholesale, m_dealer}, feed);
            catalog.upsertWarehouses({m_warehouse}, feed);
            catalog.upsertProducts(m_products, feed);
            QList<Price> prices;
            QList<StockLevel> stock;
            for (int i = 0; i < ProductCount; ++i) {
                const Id id = m_products.at(i).id;
                prices.append({id, m_wholesale.id, Money::fromMinor(priceOf(i, false), Currency::rub()), {}});
                prices.append({id, m_dealer.id, Money::fromMinor(priceOf(i, true), Currency::rub()), {}});
                stock.append({id, m_warehouse.id, Quantity::fromMilli(1'000'000'000), Quantity(),
                              QDateTime::currentDateTimeUtc()});
            }
            catalog.upsertPrices(prices, feed);
            catalog.upsertStock(stock, feed);
            CustomerRepository(tx).upsert({m_customerA, m_customerB}, feed);
            feed.append(tx);
        });
        // A second version of some products: the feed keeps only the latest.
        for (int i = 0; i < ProductCount; i += 2)
            m_products[i].name += QStringLiteral(" (новая упаковка)");
        m_db->database().write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            QList<Product> changed;
            for (int i = 0; i < ProductCount; i += 2)
                changed << m_products.at(i);
            CatalogRepository(tx).upsertProducts(changed, feed);
            feed.append(tx);
        });
        m_db->database().releaseThreadConnection();
        QVERIFY(addUser({QStringLiteral("buyerA"), QStringLiteral("--role"), QStringLiteral("buyer"),
                         QStringLiteral("--customer"), idText(m_customerA.id)}));
        QVERIFY(addUser({QStringLiteral("buyerB"), QStringLiteral("--role"), QStringLiteral("buyer"),
                         QStringLiteral("--customer"), idText(m_customerB.id)}));

        m_server = std::make_unique<TestServer>(m_db->serverArguments());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_buyerA = login(QStringLiteral("buyerA"));
        m_buyerB = login(QStringLiteral("buyerB"));
        m_manager = login(QStringLiteral("manager"));
        QVERIFY(!m_buyerA.isEmpty() && !m_buyerB.isEmpty() && !m_manager.isEmpty());

        // An order of the other customer, which buyer A must never receive.
        rules::PricingLineInput line {
            0, m_products.at(1).id, Quantity::fromMilli(1000), m_products.at(1).vatRate,
            Price {
                m_products.at(1).id, m_dealer.id, Money::fromMinor(priceOf(1, true), Currency::rub()), {}}};
        const auto priced
            = rules::priceOrder(rules::PricingContext::forCustomer(m_dealer, m_customerB), {line});
        Order order;
        order.id = Id::createUuid();
        order.clientNumber = QStringLiteral("B-1");
        order.customerId = m_customerB.id;
        order.priceTypeId = m_dealer.id;
        order.status = OrderStatus::Submitted;
        order.createdAt = QDateTime::currentDateTimeUtc();
        order.lines = priced.lines;
        order.totals = priced.totals;
        const Reply placed = post("/api/v1/orders", bodyOf(order), m_buyerB);
        QCOMPARE(placed.status, 201);
        QCOMPARE(placed.text("status"), QStringLiteral("accepted"));
        m_orderOfB = idText(order.id);
    }

    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    void initialSyncInPages()
    {
        QJsonArray all;
        QSet<qint64> seqs;
        qint64 cursor = 0;
        qint64 head = -1;
        QString epoch;
        int pages = 0;
        bool more = true;
        while (more && pages < 100) {
            const Reply page = pull(m_buyerA, cursor, PageLimit);
            QCOMPARE(page.status, 200);
            QCOMPARE(page.json.value(QStringLiteral("resync")).toBool(), false);
            const QJsonArray changes = changesOf(page);
            QVERIFY(changes.size() <= PageLimit);
            qint64 last = cursor;
            for (const auto &change : changes) {
                const qint64 seq = change.toObject().value(QStringLiteral("seq")).toInteger();
                QVERIFY2(seq > last, "changes come in sequence order, after the cursor");
                last = seq;
                QVERIFY(!seqs.contains(seq));
                seqs.insert(seq);
                all.append(change);
            }
            cursor = page.json.value(QStringLiteral("cursor")).toInteger();
            head = page.json.value(QStringLiteral("head")).toInteger();
            epoch = page.text("epoch");
            more = page.json.value(QStringLiteral("has_more")).toBool();
            QVERIFY(more || cursor == head);
            ++pages;
        }
        QVERIFY2(pages > 1, "the initial sync takes several pages at this limit");
        QVERIFY(!more);
        QCOMPARE(cursor, head);
        QVERIFY(!epoch.isEmpty());

        // Every product once, in its latest version.
        const auto products = entities(all, entity::Product);
        QCOMPARE(products.size(), ProductCount);
        int productChanges = 0;
        for (const auto &change : all)
            productChanges += change.toObject().value(QStringLiteral("entity")).toString() == entity::Product;
        QCOMPARE(productChanges, ProductCount);
        for (const auto &p : std::as_const(m_products)) {
            const QJsonObject data = products.value(idText(p.id)).value(QStringLiteral("data")).toObject();
            QCOMPARE(data.value(QStringLiteral("name")).toString(), p.name);
        }
        // Only the buyer's price type's prices, all of them.
        const auto prices = entities(all, entity::Price);
        QCOMPARE(prices.size(), ProductCount);
        for (int i = 0; i < ProductCount; ++i) {
            const QString id = priceFeedId(m_products.at(i).id, m_wholesale.id);
            QVERIFY2(prices.contains(id), qPrintable(id));
            QCOMPARE(prices.value(id)
                         .value(QStringLiteral("data"))
                         .toObject()
                         .value(QStringLiteral("unit_price"))
                         .toString(),
                     Money::fromMinor(priceOf(i, false), Currency::rub()).toString());
        }
        // Only its customer, and nothing of the other one's.
        const auto customers = entities(all, entity::Customer);
        QCOMPARE(customers.keys(), QList<QString> {idText(m_customerA.id)});
        QVERIFY(!entities(all, entity::Order).contains(m_orderOfB));
        const QByteArray everything = QJsonDocument(all).toJson(QJsonDocument::Compact);
        for (const QString &foreign : {idText(m_customerB.id), m_customerB.name, m_customerB.inn, m_orderOfB})
            QVERIFY2(!everything.contains(foreign.toUtf8()), qPrintable(foreign));
        QCOMPARE(entities(all, entity::Stock).size(), ProductCount);

        // Nothing new: an empty page, small.
        const Reply again = pull(m_buyerA, cursor, PageLimit, epoch);
        QCOMPARE(again.status, 200);
        QCOMPARE(changesOf(again).size(), 0);
        QCOMPARE(again.json.value(QStringLiteral("has_more")).toBool(), false);
        QCOMPARE(again.json.value(QStringLiteral("resync")).toBool(), false);
        QCOMPARE(again.json.value(QStringLiteral("cursor")).toInteger(), cursor);
        QVERIFY2(again.body.size() < 1024, again.body.constData());
        m_feedA = {cursor, epoch};
        pullAll(m_buyerB, m_feedB);
    }

    void resync_data()
    {
        QTest::addColumn<QString>("epoch");
        QTest::addColumn<qint64>("beyondHead");
        QTest::newRow("another epoch") << QStringLiteral("00000000-0000-4000-8000-000000000000") << qint64(0);
        QTest::newRow("cursor beyond head") << QString() << qint64(1000);
        QTest::newRow("cursor beyond head, same epoch") << QStringLiteral("same") << qint64(1);
    }

    void resync()
    {
        QFETCH(QString, epoch);
        QFETCH(qint64, beyondHead);
        const Reply now = pull(m_buyerA, m_feedA.cursor, 1, m_feedA.epoch);
        QCOMPARE(now.status, 200);
        const qint64 head = now.json.value(QStringLiteral("head")).toInteger();
        const QString sent = epoch == QLatin1String("same") ? m_feedA.epoch : epoch;
        const Reply reply
            = pull(m_buyerA, beyondHead > 0 ? head + beyondHead : m_feedA.cursor, PageLimit, sent);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("resync")).toBool(), true);
        QCOMPARE(reply.json.value(QStringLiteral("cursor")).toInteger(), 0);
        QCOMPARE(changesOf(reply).size(), 0);
        QCOMPARE(reply.text("epoch"), m_feedA.epoch);
    }

    void badCursorsAre400_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("negative") << QByteArray("cursor=-1");
        QTest::newRow("not a number") << QByteArray("cursor=abc");
        QTest::newRow("overflowing") << QByteArray("cursor=99999999999999999999999");
        QTest::newRow("limit not a number") << QByteArray("cursor=0&limit=ten");
    }

    void badCursorsAre400()
    {
        QFETCH(QByteArray, query);
        const Reply reply = get("/api/v1/sync?" + query, m_buyerA);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("bad_request"));
    }

    void uploadIsIdempotent()
    {
        const QList<QString> before = orderIdsOf(m_buyerA);
        const Order order = offlineOrder({{0, priceOf(0, false)}, {3, priceOf(3, false)}});
        const QByteArray body = bodyOf(order);
        const QString id = idText(order.id);

        const Reply first = post("/api/v1/orders", body, m_buyerA);
        QCOMPARE(first.status, 201);
        QCOMPARE(first.text("status"), QStringLiteral("accepted"));
        QCOMPARE(first.text("id"), id);
        QVERIFY(first.text("number").startsWith(QStringLiteral("P-")));
        QCOMPARE(reasonCodes(first.json), QStringList());
        QCOMPARE(first.json.value(QStringLiteral("totals")).toObject(),
                 protocol::toJson(order).value(QStringLiteral("totals")).toObject());

        const Reply retry = post("/api/v1/orders", body, m_buyerA);
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.body, first.body);

        const QList<QString> after = orderIdsOf(m_buyerA);
        QCOMPARE(after.count(id), 1);
        QCOMPARE(after.size(), before.size() + 1);

        Order changed = order;
        changed.comment = QStringLiteral("one more thing");
        const Reply conflict = post("/api/v1/orders", bodyOf(changed), m_buyerA);
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.errorCode(), QStringLiteral("conflict"));
        QVERIFY(!conflict.body.contains(first.text("number").toUtf8()));
        // Another user with the same bytes: also a conflict, and it learns nothing of the order.
        const Reply stranger = post("/api/v1/orders", body, m_buyerB);
        QCOMPARE(stranger.status, 409);
        QVERIFY(!stranger.body.contains(first.text("number").toUtf8()));
        QCOMPARE(orderIdsOf(m_buyerA), after);
        QVERIFY(!orderIdsOf(m_buyerB).contains(id));
    }

    void priceDriftIsExplained()
    {
        const int product = 5;
        const qint64 oldPrice = priceOf(product, false);
        const qint64 newPrice = priceOf(product, false, 2);
        setPrice(product, m_wholesale, newPrice);

        const QJsonArray changes = pullAll(m_buyerA, m_feedA);
        const auto prices = entities(changes, entity::Price);
        const QString priceId = priceFeedId(m_products.at(product).id, m_wholesale.id);
        QCOMPARE(prices.keys(), QList<QString> {priceId});
        QCOMPARE(prices.value(priceId)
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("unit_price"))
                     .toString(),
                 Money::fromMinor(newPrice, Currency::rub()).toString());
        // Other customers' price types stay with them (stock rows, which orders' reservations
        // change, reach everyone).
        QVERIFY(entities(pullAll(m_buyerB, m_feedB), entity::Price).isEmpty());

        // The desktop priced it before it pulled: the server prices it again and says what moved.
        const Order order = offlineOrder({{product, oldPrice}, {2, priceOf(2, false)}});
        const Reply reply = post("/api/v1/orders", bodyOf(order), m_buyerA);
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.text("status"), QStringLiteral("accepted_with_changes"));
        QVERIFY2(reasonCodes(reply.json).contains(QStringLiteral("unit_price_changed")),
                 qPrintable(reply.describe()));
        for (const auto &item : reply.json.value(QStringLiteral("outcome"))
                                    .toObject()
                                    .value(QStringLiteral("reasons"))
                                    .toArray()) {
            const QJsonObject reason = item.toObject();
            if (reason.value(QStringLiteral("code")).toString() != QLatin1String("unit_price_changed"))
                continue;
            QCOMPARE(reason.value(QStringLiteral("line_no")).toInt(), 1);
            QCOMPARE(reason.value(QStringLiteral("from")).toString(),
                     Money::fromMinor(oldPrice, Currency::rub()).toString());
            QCOMPARE(reason.value(QStringLiteral("to")).toString(),
                     Money::fromMinor(newPrice, Currency::rub()).toString());
        }
        const QJsonArray lines = reply.json.value(QStringLiteral("lines")).toArray();
        QCOMPARE(lines.first().toObject().value(QStringLiteral("unit_price")).toString(),
                 Money::fromMinor(newPrice, Currency::rub()).toString());

        // The buyer accepts the new price.
        const Reply confirmed
            = post("/api/v1/orders/" + reply.text("id").toLatin1() + "/confirm", QByteArray(), m_buyerA);
        QCOMPARE(confirmed.status, 200);
        QCOMPARE(confirmed.text("status"), QStringLiteral("accepted"));
        const auto orders = entities(pullAll(m_buyerA, m_feedA), entity::Order);
        QCOMPARE(orders.value(reply.text("id"))
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("accepted"));
    }

    void statusesArriveByTheFeed()
    {
        const Order order = offlineOrder({{7, priceOf(7, false)}}, QStringLiteral("к пятнице"));
        const QString id = idText(order.id);
        const Reply placed = post("/api/v1/orders", bodyOf(order), m_buyerA);
        QCOMPARE(placed.status, 201);

        const QJsonArray uploadChanges = pullAll(m_buyerA, m_feedA);
        const auto afterUpload = entities(uploadChanges, entity::Order);
        QVERIFY(afterUpload.contains(id));
        const QJsonObject uploaded = afterUpload.value(id).value(QStringLiteral("data")).toObject();
        QCOMPARE(uploaded.value(QStringLiteral("status")).toString(), QStringLiteral("accepted"));
        QCOMPARE(
            uploaded.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("status")).toString(),
            QStringLiteral("accepted"));
        QCOMPARE(uploaded.value(QStringLiteral("number")).toString(), placed.text("number"));
        // The customer's credit state moved with it.
        const QJsonObject credit = entities(uploadChanges, entity::Customer)
                                       .value(idText(m_customerA.id))
                                       .value(QStringLiteral("data"))
                                       .toObject()
                                       .value(QStringLiteral("credit"))
                                       .toObject();
        QVERIFY2(!credit.value(QStringLiteral("open_orders")).toString().isEmpty(),
                 "no credit state in the feed");

        const Reply cancelled = post(
            "/api/v1/orders/" + id.toLatin1() + "/cancel",
            compact({{QStringLiteral("reason"), QStringLiteral("нет в наличии у перевозчика")}}), m_manager);
        QCOMPARE(cancelled.status, 200);
        QCOMPARE(cancelled.text("status"), QStringLiteral("cancelled"));

        const auto afterCancel = entities(pullAll(m_buyerA, m_feedA), entity::Order);
        const QJsonObject seen = afterCancel.value(id).value(QStringLiteral("data")).toObject();
        QCOMPARE(seen.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
        const QJsonArray history = seen.value(QStringLiteral("history")).toArray();
        QVERIFY(!history.isEmpty());
        const QJsonObject step = history.last().toObject();
        QCOMPARE(step.value(QStringLiteral("to")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(step.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("нет в наличии у перевозчика"));

        QVERIFY(!entities(pullAll(m_buyerB, m_feedB), entity::Order).contains(id));
        // The buyer may not cancel it again, nor the other customer's buyer touch it.
        QCOMPARE(post("/api/v1/orders/" + id.toLatin1() + "/cancel", QByteArray(), m_buyerA).status, 409);
        QCOMPARE(post("/api/v1/orders/" + id.toLatin1() + "/cancel", QByteArray(), m_buyerB).status, 404);
        QCOMPARE(get("/api/v1/orders/" + id.toLatin1(), m_buyerB).status, 404);
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");

        const QJsonObject valid = protocol::toJson(offlineOrder({{4, priceOf(4, false)}}));
        const QByteArray validBody = compact(valid);
        const auto with = [&valid](const QString &key, const QJsonValue &value) {
            QJsonObject changed = valid;
            changed.insert(key, value);
            return compact(changed);
        };
        const auto withLine = [&valid](const QString &key, const QJsonValue &value) {
            QJsonObject changed = valid;
            QJsonArray lines = changed.value(QStringLiteral("lines")).toArray();
            QJsonObject line = lines.first().toObject();
            line.insert(key, value);
            lines.replace(0, line);
            changed.insert(QStringLiteral("lines"), lines);
            return compact(changed);
        };
        const QByteArray orders("/api/v1/orders");
        const QString bad = QStringLiteral("bad_request");

        QTest::newRow("malformed") << QByteArray("POST") << orders << QByteArray("{\"id\": ,}") << 400 << bad;
        QTest::newRow("truncated") << QByteArray("POST") << orders << validBody.left(validBody.size() / 2)
                                   << 400 << bad;
        QTest::newRow("empty") << QByteArray("POST") << orders << QByteArray() << 400 << bad;
        QTest::newRow("not an object")
            << QByteArray("POST") << orders << QByteArray("[1, 2, 3]") << 400 << bad;
        QTest::newRow("trailing garbage") << QByteArray("POST") << orders << validBody + "}}" << 400 << bad;
        QTest::newRow("not utf-8") << QByteArray("POST") << orders << QByteArray("{\"id\": \"\xff\xfe\"}")
                                   << 400 << bad;
        QTest::newRow("10000 nested arrays")
            << QByteArray("POST") << orders << nestedArrays(10000) << 400 << bad;
        QTest::newRow("10000 nested arrays in a field")
            << QByteArray("POST") << orders
            << validBody.left(validBody.size() - 1) + ",\"extra\":" + nestedArrays(10000) + "}" << 400 << bad;
        // Past the server's own limit of 64 levels, well inside QJsonDocument's.
        QTest::newRow("65 nested arrays in a field")
            << QByteArray("POST") << orders
            << validBody.left(validBody.size() - 1) + ",\"extra\":" + nestedArrays(64) + "}" << 400 << bad;
        QTest::newRow("10000 nested objects")
            << QByteArray("POST") << orders
            << QByteArray("{\"a\":").repeated(10000) + "1" + QByteArray(10000, '}') << 400 << bad;
        QJsonObject duplicate = valid;
        QJsonArray twice = duplicate.value(QStringLiteral("lines")).toArray();
        twice.append(twice.first());
        duplicate.insert(QStringLiteral("lines"), twice);
        QTest::newRow("duplicate line numbers")
            << QByteArray("POST") << orders << compact(duplicate) << 400 << bad;
        QTest::newRow("oversized") << QByteArray("POST") << orders
                                   << with(QStringLiteral("comment"), QString(1100 * 1024, QLatin1Char('x')))
                                   << 413 << QStringLiteral("payload_too_large");
        QTest::newRow("quantity a number")
            << QByteArray("POST") << orders << withLine(QStringLiteral("quantity"), 2) << 400 << bad;
        QTest::newRow("quantity negative")
            << QByteArray("POST") << orders << withLine(QStringLiteral("quantity"), QStringLiteral("-2"))
            << 400 << bad;
        QTest::newRow("price not money")
            << QByteArray("POST") << orders << withLine(QStringLiteral("unit_price"), QStringLiteral("1e9"))
            << 400 << bad;
        QTest::newRow("lines an object")
            << QByteArray("POST") << orders << with(QStringLiteral("lines"), QJsonObject()) << 400 << bad;
        QTest::newRow("no lines") << QByteArray("POST") << orders
                                  << with(QStringLiteral("lines"), QJsonArray()) << 422
                                  << QStringLiteral("unprocessable");
        QTest::newRow("status unknown")
            << QByteArray("POST") << orders << with(QStringLiteral("status"), QStringLiteral("shipped!"))
            << 400 << bad;
        QTest::newRow("id not a uuid")
            << QByteArray("POST") << orders << with(QStringLiteral("id"), QStringLiteral("1 OR 1=1")) << 400
            << bad;
        QTest::newRow("id a number") << QByteArray("POST") << orders << with(QStringLiteral("id"), 42) << 400
                                     << bad;
        QTest::newRow("customer id forged")
            << QByteArray("POST") << orders
            << with(QStringLiteral("customer_id"), QStringLiteral("../customers/1")) << 400 << bad;
        QTest::newRow("product id forged")
            << QByteArray("POST") << orders
            << withLine(QStringLiteral("product_id"), QStringLiteral("'; DROP TABLE orders; --")) << 400
            << bad;
        QTest::newRow("cancel of no order")
            << QByteArray("POST")
            << QByteArray("/api/v1/orders/" + QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()
                          + "/cancel")
            << QByteArray() << 404 << QStringLiteral("not_found");
        QTest::newRow("cancel with a forged id")
            << QByteArray("POST") << QByteArray("/api/v1/orders/..%2Forders/cancel") << QByteArray() << 404
            << QStringLiteral("not_found");
        QTest::newRow("upper-case id")
            << QByteArray("GET")
            << QByteArray("/api/v1/orders/"
                          + QUuid::createUuid().toString(QUuid::WithoutBraces).toUpper().toLatin1())
            << QByteArray() << 404 << QStringLiteral("not_found");
        QTest::newRow("cancel with a body that is not json")
            << QByteArray("POST")
            << QByteArray("/api/v1/orders/" + valid.value(QStringLiteral("id")).toString().toLatin1()
                          + "/cancel")
            << QByteArray("reason=because") << 400 << bad;
        QTest::newRow("status by a buyer")
            << QByteArray("POST")
            << QByteArray("/api/v1/orders/" + valid.value(QStringLiteral("id")).toString().toLatin1()
                          + "/status")
            << QByteArray("{\"status\": \"shipped\"}") << 403 << QStringLiteral("forbidden");
        QTest::newRow("sync with a negative limit")
            << QByteArray("GET") << QByteArray("/api/v1/sync?cursor=0&limit=-5") << QByteArray("{}") << 400
            << bad;
    }

    void badInputChangesNothing()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const Reply before = get("/api/v1/orders?limit=500", m_manager);
        QCOMPARE(before.status, 200);
        const qint64 headBefore = pull(m_manager, 0, 1).json.value(QStringLiteral("head")).toInteger();

        const Reply reply = send(method, target, body, m_buyerA);
        QCOMPARE(get("/api/v1/orders?limit=500", m_manager).body, before.body);
        QCOMPARE(pull(m_manager, 0, 1).json.value(QStringLiteral("head")).toInteger(), headBefore);
        QCOMPARE(get("/healthz", QString()).status, 200);
        QCOMPARE(m_server->process().state(), QProcess::Running);

        QVERIFY2(reply.status == status, qPrintable(reply.describe()));
        QCOMPARE(reply.errorCode(), code);
        QVERIFY(!reply.errorMessage().isEmpty());
        QVERIFY2(!reply.errorMessage().contains(QLatin1String("no error occurred")),
                 qPrintable(reply.describe()));
    }
};

QTEST_GUILESS_MAIN(TestSyncOrders)
#include "tst_sync_orders.moc"
