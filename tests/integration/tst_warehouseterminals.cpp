#include "demo/democatalog.h"
#include "demo/demodataset.h"
#include "demo/demoseed.h"
#include "storage/sqlvalues.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUuid>

#include <memory>
#include <thread>

using namespace portico;
using namespace portico::server;
using portico::test::rawHttp;
using portico::test::RawHttpReply;
using portico::test::TestDatabase;
using portico::test::TestServer;

namespace {

constexpr int DemoProducts = 300;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

RawHttpReply request(quint16 port, const QByteArray &method, const QByteArray &target,
                     const QByteArray &token = {}, const QByteArray &body = {})
{
    QByteArray raw = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        raw += "Authorization: Bearer " + token + "\r\n";
    raw += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    raw += "\r\n" + body;
    return rawHttp(port, raw, 30000);
}

} // namespace

// Two warehouse terminals against a real portico-server (the demo data set, on the selected
// backend): warehouse1 makes a pick list from the demo's exported orders; the accounting system
// then says only one unit of a product is left, and both terminals scan it at the same moment.
// Exactly one scan is taken; the other is told stock_conflict with the list as it now stands.
class TestWarehouseTerminals final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        QStringList arguments {QStringLiteral("--products"), QString::number(DemoProducts)};
        if (TestDatabase::backend() == TestDatabase::Backend::Postgres) {
            m_db = std::make_unique<TestDatabase>();
            QVERIFY2(m_db->create(false), qPrintable(m_db->errorString()));
            arguments += m_db->serverArguments();
            m_storage = m_db->serverArguments();
        }
        m_server = std::make_unique<TestServer>(arguments, QStringLiteral("demo"));
        if (!m_db)
            m_storage = {QStringLiteral("--data-dir"), m_server->dataDir()};
        QVERIFY2(m_server->start(120000), qPrintable(m_server->errorString()));
        m_keeper = login("warehouse1");
        m_manager = login("manager");
        m_buyer = login("buyer1");
    }

    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    // An accepted order (never exported) goes on a pick list; from then on picking, picked and
    // shipped are the list's steps: the status route refuses them with 409 naming the pick-list
    // routes, for the keeper and the manager alike, and the list takes the order to shipped.
    void anAcceptedOrderIsPickedThroughItsList()
    {
        const DemoSeed seed(DemoDataSet::Options {}.seed);
        const QString moscow = idText(seed.id(u"warehouse", DemoCatalog::Moscow));
        const auto accepted = call("GET", "/api/v1/orders?status=accepted&limit=500", m_manager);
        QCOMPARE(accepted.status, 200);
        QJsonObject list;
        QString orderId;
        for (const auto &value : parse(accepted.body).value(QStringLiteral("orders")).toArray()) {
            const QJsonValue id = value.toObject().value(QStringLiteral("id"));
            const auto made = call("POST", "/api/v1/warehouse/pick-lists", m_keeper,
                                   compact({{QStringLiteral("warehouse_id"), moscow},
                                            {QStringLiteral("order_ids"), QJsonArray {id}}}));
            if (made.status == 201) {
                list = parse(made.body).value(QStringLiteral("pick_lists")).toArray().at(0).toObject();
                orderId = id.toString();
                break;
            }
            // Another warehouse's order, or one that holds nothing.
            QVERIFY2(made.status == 422, made.body.constData());
        }
        QVERIFY2(!orderId.isEmpty(), "the demo has no accepted order with reserved stock in Moscow");
        const QByteArray orderPath = "/api/v1/orders/" + orderId.toUtf8();
        const auto statusOf = [&] {
            return parse(call("GET", orderPath, m_manager).body).value(QStringLiteral("status")).toString();
        };
        QCOMPARE(statusOf(), QStringLiteral("picking"));
        const auto refused = [&](const QByteArray &token, const QString &status) {
            const auto reply
                = call("POST", orderPath + "/status", token, compact({{QStringLiteral("status"), status}}));
            const QJsonObject error = parse(reply.body).value(QStringLiteral("error")).toObject();
            return reply.status == 409
                && error.value(QStringLiteral("code")).toString() == QLatin1String("conflict")
                && error.value(QStringLiteral("message"))
                       .toString()
                       .contains(QStringLiteral("/api/v1/warehouse/pick-lists"));
        };
        QVERIFY(refused(m_keeper, QStringLiteral("picked")));
        QVERIFY(refused(m_manager, QStringLiteral("picked")));
        QCOMPARE(statusOf(), QStringLiteral("picking"));

        const QByteArray listPath
            = "/api/v1/warehouse/pick-lists/" + list.value(QStringLiteral("id")).toString().toUtf8();
        QJsonArray lines;
        for (const auto &value : list.value(QStringLiteral("lines")).toArray())
            lines.append(
                QJsonObject {{QStringLiteral("line_id"), value.toObject().value(QStringLiteral("line_id"))},
                             {QStringLiteral("picked"), value.toObject().value(QStringLiteral("quantity"))}});
        const auto confirmed
            = call("POST", listPath + "/confirm", m_keeper,
                   compact({{QStringLiteral("client_id"), uuid()}, {QStringLiteral("lines"), lines}}));
        QVERIFY2(confirmed.status == 200, confirmed.body.constData());
        QCOMPARE(statusOf(), QStringLiteral("picked"));
        QVERIFY(refused(m_keeper, QStringLiteral("shipped")));
        QVERIFY(refused(m_manager, QStringLiteral("shipped")));
        const auto shipped
            = call("POST", listPath + "/ship", m_keeper, compact({{QStringLiteral("client_id"), uuid()}}));
        QVERIFY2(shipped.status == 200, shipped.body.constData());
        QCOMPARE(statusOf(), QStringLiteral("shipped"));
        QStringList timeline;
        for (const auto &step :
             parse(call("GET", orderPath, m_manager).body).value(QStringLiteral("history")).toArray())
            timeline << step.toObject().value(QStringLiteral("to")).toString();
        QCOMPARE(timeline.mid(timeline.indexOf(QStringLiteral("accepted"))),
                 (QStringList {QStringLiteral("accepted"), QStringLiteral("picking"),
                               QStringLiteral("picked"), QStringLiteral("shipped")}));
    }

    void theLastUnitGoesToOneTerminal()
    {
        const DemoSeed seed(DemoDataSet::Options {}.seed);
        const QString moscow = idText(seed.id(u"warehouse", DemoCatalog::Moscow));
        const auto made = call("POST", "/api/v1/warehouse/pick-lists", m_keeper,
                               compact({{QStringLiteral("warehouse_id"), moscow}}));
        QVERIFY2(made.status == 201, made.body.constData());
        const QJsonObject list
            = parse(made.body).value(QStringLiteral("pick_lists")).toArray().at(0).toObject();
        const QByteArray listId = list.value(QStringLiteral("id")).toString().toUtf8();
        // A line that asks for two or more, so that both scans fit the line and only the shelf
        // decides.
        QJsonObject line;
        for (const auto &value : list.value(QStringLiteral("lines")).toArray()) {
            if (value.toObject().value(QStringLiteral("quantity")).toString().toDouble() >= 2) {
                line = value.toObject();
                break;
            }
        }
        QVERIFY2(!line.isEmpty(), "the demo's pick list has no line of two or more");
        QVERIFY(!line.value(QStringLiteral("bin")).toString().isEmpty());

        // The accounting system counts one left (through the importer, as its files would).
        const QString productId = line.value(QStringLiteral("product_id")).toString();
        int index = -1;
        for (int n = 0; n < DemoProducts && index < 0; ++n) {
            if (idText(seed.id(u"product", n)) == productId)
                index = n;
        }
        QVERIFY(index >= 0);
        QFile csv(m_server->dataDir() + QStringLiteral("/stock.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("product_id;warehouse_id;quantity\n");
        csv.write((seed.externalId(u"product", index) + QLatin1Char(';')
                   + seed.externalId(u"warehouse", DemoCatalog::Moscow) + QStringLiteral(";1\n"))
                      .toUtf8());
        csv.close();
        QProcess import;
        import.start(QStringLiteral(PORTICO_SERVER_BINARY),
                     QStringList {QStringLiteral("import")} + m_storage + QStringList {csv.fileName()});
        QVERIFY(import.waitForFinished(60000));
        QVERIFY2(import.exitCode() == 0, import.readAllStandardError().constData());

        // Both terminals scan the last unit at once.
        const QByteArray path = "/api/v1/warehouse/pick-lists/" + listId + "/scans";
        RawHttpReply replies[2];
        std::thread terminals[2];
        for (int t = 0; t < 2; ++t) {
            const QByteArray body
                = compact({{QStringLiteral("client_id"), uuid()},
                           {QStringLiteral("line_id"), line.value(QStringLiteral("line_id"))},
                           {QStringLiteral("quantity"), QStringLiteral("1.000")}});
            terminals[t] = std::thread([this, t, path, body, &replies] {
                replies[t] = request(m_server->port(), "POST", path, m_keeper, body);
            });
        }
        QDeadlineTimer deadline(60000);
        while ((!replies[0].status || !replies[1].status) && !deadline.hasExpired())
            QTest::qWait(20);
        for (auto &terminal : terminals)
            terminal.join();
        const int won = replies[0].status == 200 ? 0 : 1;
        const RawHttpReply &winner = replies[won];
        const RawHttpReply &loser = replies[1 - won];
        QVERIFY2(winner.status == 200, winner.body.constData());
        QVERIFY2(loser.status == 409, loser.body.constData());
        const QJsonObject conflict = parse(loser.body);
        QCOMPARE(conflict.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("stock_conflict"));
        // The fresh view: the unit the other terminal took is on it.
        for (const auto &value : conflict.value(QStringLiteral("pick_list"))
                                     .toObject()
                                     .value(QStringLiteral("lines"))
                                     .toArray()) {
            if (value.toObject().value(QStringLiteral("line_id")) == line.value(QStringLiteral("line_id")))
                QCOMPARE(value.toObject().value(QStringLiteral("picked")).toString(),
                         QStringLiteral("1.000"));
        }

        // A buyer is no warehouse worker; the list reaches warehouse1 through the feed.
        const auto refused = call("POST", path, m_buyer,
                                  compact({{QStringLiteral("client_id"), uuid()},
                                           {QStringLiteral("line_id"), line.value(QStringLiteral("line_id"))},
                                           {QStringLiteral("quantity"), QStringLiteral("1.000")}}));
        QCOMPARE(refused.status, 403);
        const auto page = call("GET", "/api/v1/sync?cursor=0&limit=5000", m_keeper);
        QCOMPARE(page.status, 200);
        bool listed = false;
        for (const auto &change : parse(page.body).value(QStringLiteral("changes")).toArray()) {
            const QJsonObject c = change.toObject();
            if (c.value(QStringLiteral("entity")).toString() == QLatin1String("pick_list")
                && c.value(QStringLiteral("id")).toString().toUtf8() == listId)
                listed = lineOf(c.value(QStringLiteral("data")).toObject(), line) == QLatin1String("1.000");
        }
        QVERIFY(listed || parse(page.body).value(QStringLiteral("has_more")).toBool());

        // The journal shows the reservations the demo's orders hold.
        const auto journal
            = call("GET", "/api/v1/warehouse/movements?limit=5&warehouse_id=" + moscow.toUtf8(), m_manager);
        QCOMPARE(journal.status, 200);
        QVERIFY(!parse(journal.body).value(QStringLiteral("movements")).toArray().isEmpty());
    }

private:
    static QString lineOf(const QJsonObject &list, const QJsonObject &line)
    {
        for (const auto &value : list.value(QStringLiteral("lines")).toArray()) {
            if (value.toObject().value(QStringLiteral("line_id")) == line.value(QStringLiteral("line_id")))
                return value.toObject().value(QStringLiteral("picked")).toString();
        }
        return QString();
    }

    RawHttpReply call(const QByteArray &method, const QByteArray &target, const QByteArray &token,
                      const QByteArray &body = {})
    {
        return request(m_server->port(), method, target, token, body);
    }

    QByteArray login(const char *name)
    {
        const auto reply = call("POST", "/api/v1/auth/login", {},
                                compact({{QStringLiteral("login"), QString::fromLatin1(name)},
                                         {QStringLiteral("password"), QStringLiteral("demo")},
                                         {QStringLiteral("device_id"), QStringLiteral("terminal")}}));
        if (reply.status != 200)
            qFatal("cannot sign in as %s: %s", name, reply.body.constData());
        return parse(reply.body).value(QStringLiteral("access_token")).toString().toUtf8();
    }

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_server;
    QStringList m_storage;
    QByteArray m_keeper;
    QByteArray m_manager;
    QByteArray m_buyer;
};

QTEST_GUILESS_MAIN(TestWarehouseTerminals)
#include "tst_warehouseterminals.moc"
