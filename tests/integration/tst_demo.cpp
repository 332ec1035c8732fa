#include "testdatabase.h"
#include "testserver.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <memory>

using portico::test::rawHttp;
using portico::test::RawHttpReply;
using portico::test::TestDatabase;
using portico::test::TestServer;

namespace {

const QStringList DemoLogins {QStringLiteral("admin"),   QStringLiteral("manager"),
                              QStringLiteral("rep1"),    QStringLiteral("buyer1"),
                              QStringLiteral("buyer2"),  QStringLiteral("warehouse1"),
                              QStringLiteral("exchange")};

// What the server printed on standard output once it lists every demo user (or the time ran out).
QString usersTable(TestServer &server)
{
    QByteArray text;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        text += server.process().readAllStandardOutput();
        const QString table = QString::fromUtf8(text);
        if (std::all_of(DemoLogins.cbegin(), DemoLogins.cend(), [&](const QString &login) {
                return table.contains(QStringLiteral("  ") + login + QLatin1Char(' '));
            }))
            return table;
        QTest::qWait(50);
    }
    return QString::fromUtf8(text);
}

RawHttpReply request(quint16 port, const QByteArray &method, const QByteArray &target,
                     const QByteArray &token = {}, const QByteArray &body = {})
{
    QByteArray raw = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        raw += "Authorization: Bearer " + token + "\r\n";
    if (!body.isEmpty())
        raw += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n";
    raw += "\r\n" + body;
    return rawHttp(port, raw, 30000);
}

} // namespace

// `portico-server demo`: generates its data set on the first start, prints its users, serves
// them, and reuses the data on the next start.
class TestDemo final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        QStringList arguments {QStringLiteral("--products"), QStringLiteral("300")};
        if (TestDatabase::backend() == TestDatabase::Backend::Postgres) {
            m_db = std::make_unique<TestDatabase>();
            QVERIFY2(m_db->create(false), qPrintable(m_db->errorString()));
            arguments += m_db->serverArguments();
        }
        m_server = std::make_unique<TestServer>(arguments, QStringLiteral("demo"));
        QVERIFY2(m_server->start(60000), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    void printsTheDemoUsers()
    {
        const QString table = usersTable(*m_server);
        for (const QString &login : DemoLogins)
            QVERIFY2(table.contains(QStringLiteral("  ") + login + QLatin1Char(' ')), qPrintable(table));
        QVERIFY2(table.contains(QStringLiteral(" demo")), qPrintable(table));
        QVERIFY(m_server->log().contains("\"msg\":\"demo data generated\""));
        QVERIFY(m_server->log().contains("\"products\":300"));
    }

    void answersHealthz()
    {
        const RawHttpReply reply = request(m_server->port(), "GET", "/healthz");
        QCOMPARE(reply.status, 200);
    }

    void buyer1SyncsTheCatalogAndOnlyItsCustomer()
    {
        const QByteArray credentials
            = QJsonDocument(QJsonObject {{QStringLiteral("login"), QStringLiteral("buyer1")},
                                         {QStringLiteral("password"), QStringLiteral("demo")},
                                         {QStringLiteral("device_id"), QStringLiteral("tst-demo")}})
                  .toJson(QJsonDocument::Compact);
        const RawHttpReply login = request(m_server->port(), "POST", "/api/v1/auth/login", {}, credentials);
        if (login.status == 404)
            QSKIP("this server has no login API");
        QCOMPARE(login.status, 200);
        const QJsonObject session = QJsonDocument::fromJson(login.body).object();
        const QByteArray token = session.value(QStringLiteral("access_token")).toString().toLatin1();
        QVERIFY(!token.isEmpty());
        const QString customerId = session.value(QStringLiteral("user"))
                                       .toObject()
                                       .value(QStringLiteral("customer_id"))
                                       .toString();
        QVERIFY(!customerId.isEmpty());

        const RawHttpReply sync = request(m_server->port(), "GET", "/api/v1/sync?cursor=0&limit=5000", token);
        QCOMPARE(sync.status, 200);
        const QJsonObject page = QJsonDocument::fromJson(sync.body).object();
        QCOMPARE(page.value(QStringLiteral("has_more")).toBool(), false);
        QHash<QString, int> entities;
        const QJsonArray changes = page.value(QStringLiteral("changes")).toArray();
        for (const QJsonValue &value : changes) {
            const QJsonObject change = value.toObject();
            const QString entity = change.value(QStringLiteral("entity")).toString();
            ++entities[entity];
            if (entity == QLatin1String("customer"))
                QCOMPARE(change.value(QStringLiteral("id")).toString(), customerId);
            if (entity == QLatin1String("order")) {
                QCOMPARE(change.value(QStringLiteral("data"))
                             .toObject()
                             .value(QStringLiteral("customer_id"))
                             .toString(),
                         customerId);
            }
        }
        QCOMPARE(entities.value(QStringLiteral("product")), 300);
        QCOMPARE(entities.value(QStringLiteral("price")), 300);
        QCOMPARE(entities.value(QStringLiteral("customer")), 1);
        QCOMPARE(entities.value(QStringLiteral("warehouse")), 2);
        QCOMPARE(entities.value(QStringLiteral("price_type")), 1); // its customer's only
        QVERIFY(entities.value(QStringLiteral("order")) > 0);
    }

    void secondStartReusesTheData()
    {
        QCOMPARE(m_server->terminate(), 0);
        QStringList arguments {QStringLiteral("--products"), QStringLiteral("50")};
        arguments += m_db ? m_db->serverArguments()
                          : QStringList {QStringLiteral("--data-dir"), m_server->dataDir()};
        TestServer again(arguments, QStringLiteral("demo"));
        QVERIFY2(again.start(60000), qPrintable(again.errorString()));
        const QString table = usersTable(again);
        QVERIFY2(table.contains(QStringLiteral("  buyer2 ")), qPrintable(table));
        QVERIFY(!again.log().contains("\"msg\":\"demo data generated\""));
        QCOMPARE(request(again.port(), "GET", "/healthz").status, 200);
        QCOMPARE(again.terminate(), 0);
    }

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
