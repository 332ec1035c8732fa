#include "authfixture.h"

#include <QTest>

using namespace portico::test;

namespace {

const QString ManagerPassword = QStringLiteral("manager-Pa55word");
const QString TempPassword = QStringLiteral("temp-Pa55word");
const QString ResetPassword = QStringLiteral("another-Pa55word");
const QString NewPassword = QStringLiteral("brand-new-Pa55word!");
const QString UnknownCustomer = QStringLiteral("0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e");

// One string field of a JSON body: {"login", "temp1"} or {"password", somePassword}.
struct Field
{
    Field(const char *name, const char *text)
        : key(QLatin1String(name))
        , value(QString::fromUtf8(text))
    { }
    Field(const char *name, const QString &text)
        : key(QLatin1String(name))
        , value(text)
    { }
    QString key;
    QString value;
};

QByteArray body(std::initializer_list<Field> fields)
{
    QJsonObject object;
    for (const Field &field : fields)
        object.insert(field.key, field.value);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

// User administration against a real server: the admin API and `portico-server user`.
class TestAdminUsers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        QVERIFY2(m_api.start(), qPrintable(m_api.errorString()));
    }

    void cleanupTestCase() { QCOMPARE(m_api.server().terminate(), 0); }

    void theCommandLineRefusesBadUsers_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("exitCode");
        const QByteArray password("long-enough-1\n");
        const auto add = [](const QString &login, const QString &role) {
            return QStringList {QStringLiteral("add"), login, QStringLiteral("--role"), role};
        };
        QTest::newRow("taken login") << add(QStringLiteral("ADMIN"), QStringLiteral("manager")) << password
                                     << 1;
        QTest::newRow("unknown role") << add(QStringLiteral("x1"), QStringLiteral("boss")) << password << 2;
        QTest::newRow("buyer without customer")
            << add(QStringLiteral("x2"), QStringLiteral("buyer")) << password << 2;
        QTest::newRow("unknown customer") << add(QStringLiteral("x3"), QStringLiteral("buyer"))
                + QStringList {QStringLiteral("--customer"), UnknownCustomer}
                                          << password << 1;
        QTest::newRow("malformed customer") << add(QStringLiteral("x3"), QStringLiteral("buyer"))
                + QStringList {QStringLiteral("--customer"), QStringLiteral("42")}
                                            << password << 2;
        QTest::newRow("short password")
            << add(QStringLiteral("x4"), QStringLiteral("manager")) << QByteArray("short\n") << 1;
        QTest::newRow("no password") << add(QStringLiteral("x5"), QStringLiteral("manager")) << QByteArray()
                                     << 1;
        QTest::newRow("bad login") << add(QStringLiteral("a b"), QStringLiteral("manager")) << password << 2;
        QTest::newRow("no login") << QStringList {QStringLiteral("add"), QStringLiteral("--role"),
                                                  QStringLiteral("manager")}
                                  << password << 2;
        QTest::newRow("disable nobody")
            << QStringList {QStringLiteral("disable"), QStringLiteral("nobody")} << QByteArray() << 1;
        QTest::newRow("disable the last admin")
            << QStringList {QStringLiteral("disable"), QStringLiteral("admin")} << QByteArray() << 1;
        QTest::newRow("passwd of nobody")
            << QStringList {QStringLiteral("passwd"), QStringLiteral("nobody")} << password << 1;
        QTest::newRow("unknown action") << QStringList {QStringLiteral("rename")} << QByteArray() << 2;
    }

    void theCommandLineRefusesBadUsers()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, input);
        QFETCH(int, exitCode);
        const CliResult result = runUserCli(arguments + m_api.where(), input);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY(!result.err.isEmpty());
        QVERIFY(!result.err.contains("long-enough-1"));
    }

    void everyActionHasHelp_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("mentions");
        QTest::newRow("user") << QStringList {QStringLiteral("--help")} << QByteArray("passwd LOGIN");
        QTest::newRow("add") << QStringList {QStringLiteral("add"), QStringLiteral("--help")}
                             << QByteArray("--warehouse");
        QTest::newRow("disable") << QStringList {QStringLiteral("disable"), QStringLiteral("--help")}
                                 << QByteArray("--data-dir");
        QTest::newRow("passwd") << QStringList {QStringLiteral("passwd"), QStringLiteral("--help")}
                                << QByteArray("--database");
    }

    void everyActionHasHelp()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, mentions);
        const CliResult result = runUserCli(arguments, {});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(mentions), result.out.constData());
    }

    void adminCreatesUsers_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("manager") << body({{"login", "Manager1"},
                                          {"display_name", "Anna"},
                                          {"role", "manager"},
                                          {"password", ManagerPassword}})
                                 << 201 << QString();
        QTest::newRow("taken login") << body(
            {{"login", "MANAGER1"}, {"role", "manager"}, {"password", ManagerPassword}})
                                     << 409 << QStringLiteral("$.login");
        QTest::newRow("buyer without customer")
            << body({{"login", "b2"}, {"role", "buyer"}, {"password", "long-enough-1"}}) << 422
            << QStringLiteral("$.customer_id");
        QTest::newRow("buyer of an unknown customer") << body({{"login", "b3"},
                                                               {"role", "buyer"},
                                                               {"customer_id", UnknownCustomer},
                                                               {"password", "long-enough-1"}})
                                                      << 422 << QStringLiteral("$.customer_id");
        QTest::newRow("warehouse without warehouse")
            << body({{"login", "w1"}, {"role", "warehouse"}, {"password", "long-enough-1"}}) << 422
            << QStringLiteral("$.warehouse_id");
        QTest::newRow("warehouse of an unknown warehouse") << body({{"login", "w2"},
                                                                    {"role", "warehouse"},
                                                                    {"warehouse_id", UnknownCustomer},
                                                                    {"password", "long-enough-1"}})
                                                           << 422 << QStringLiteral("$.warehouse_id");
        QTest::newRow("manager with customer") << body({{"login", "m2"},
                                                        {"role", "manager"},
                                                        {"customer_id", UnknownCustomer},
                                                        {"password", "long-enough-1"}})
                                               << 422 << QStringLiteral("$.customer_id");
        QTest::newRow("short password") << body({{"login", "m3"}, {"role", "manager"}, {"password", "short"}})
                                        << 422 << QStringLiteral("$.password");
        QTest::newRow("bad login") << body(
            {{"login", "m 4"}, {"role", "manager"}, {"password", "long-enough-1"}})
                                   << 422 << QStringLiteral("$.login");
        QTest::newRow("unknown role")
            << body({{"login", "m5"}, {"role", "boss"}, {"password", "long-enough-1"}}) << 400
            << QStringLiteral("$.role");
        QTest::newRow("malformed customer id") << body(
            {{"login", "b4"}, {"role", "buyer"}, {"customer_id", "42"}, {"password", "long-enough-1"}})
                                               << 400 << QStringLiteral("$.customer_id");
        QTest::newRow("no password") << body({{"login", "m6"}, {"role", "manager"}}) << 400
                                     << QStringLiteral("$.password");
    }

    void adminCreatesUsers()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const ApiReply reply
            = m_api.post("/api/v1/admin/users", body, m_api.tokenOf(QStringLiteral("admin")));
        QCOMPARE(reply.status, status);
        if (status != 201) {
            QCOMPARE(reply.errorField(), field);
            return;
        }
        QCOMPARE(reply.string("login"), QStringLiteral("manager1"));
        QCOMPARE(reply.string("display_name"), QStringLiteral("Anna"));
        QCOMPARE(reply.string("role"), QStringLiteral("manager"));
        QCOMPARE(reply.json.value(QStringLiteral("active")).toBool(), true);
        QVERIFY(!reply.string("id").isEmpty());
        QCOMPARE(
            m_api.get("/api/v1/auth/me", m_api.tokenOf(QStringLiteral("manager1"), ManagerPassword)).status,
            200);
    }

    void unknownUsersAre404_data()
    {
        QTest::addColumn<QByteArray>("id");
        QTest::newRow("unknown") << QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
        QTest::newRow("forged") << QByteArray("1%20OR%201=1");
        QTest::newRow("braced") << ("%7B" + QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()
                                    + "%7D");
        QTest::newRow("nil") << QByteArray("00000000-0000-0000-0000-000000000000");
    }

    void unknownUsersAre404()
    {
        QFETCH(QByteArray, id);
        const QString admin = m_api.tokenOf(QStringLiteral("admin"));
        const QByteArray path = "/api/v1/admin/users/" + id;
        QCOMPARE(m_api.send("PATCH", path, "{\"active\": false}", admin).status, 404);
        QCOMPARE(m_api.post(path + "/password", "{\"password\": \"long-enough-1\"}", admin).status, 404);
        QCOMPARE(m_api.post(path + "/revoke", QByteArray(), admin).status, 404);
    }

    void adminChangesUsers()
    {
        const QString admin = m_api.tokenOf(QStringLiteral("admin"));
        const ApiReply created = m_api.post(
            "/api/v1/admin/users",
            body({{"login", "temp1"}, {"role", "sales_rep"}, {"password", TempPassword}}), admin);
        QCOMPARE(created.status, 201);
        const QByteArray path = "/api/v1/admin/users/" + created.string("id").toLatin1();
        const QString userToken = m_api.tokenOf(QStringLiteral("temp1"), TempPassword);

        ApiReply changed
            = m_api.send("PATCH", path, body({{"display_name", "Temp Rep"}, {"role", "buyer"}}), admin);
        QCOMPARE(changed.status, 422);
        QCOMPARE(changed.errorField(), QStringLiteral("$.customer_id"));
        changed = m_api.send(
            "PATCH", path,
            body({{"display_name", "Temp Rep"}, {"role", "buyer"}, {"customer_id", m_api.customerId()}}),
            admin);
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.string("display_name"), QStringLiteral("Temp Rep"));
        QCOMPARE(changed.string("role"), QStringLiteral("buyer"));
        QCOMPARE(changed.string("customer_id"), m_api.customerId());
        QCOMPARE(changed.string("login"), QStringLiteral("temp1"));
        // A new role applies at once, also to tokens issued before.
        QCOMPARE(m_api.get("/api/v1/auth/me", userToken).string("role"), QStringLiteral("buyer"));

        changed = m_api.send("PATCH", path, "{\"role\": \"manager\", \"customer_id\": null}", admin);
        QCOMPARE(changed.status, 200);
        QVERIFY(changed.json.value(QStringLiteral("customer_id")).isNull());
        QCOMPARE(changed.string("display_name"), QStringLiteral("Temp Rep"));

        changed = m_api.send("PATCH", path, "{\"active\": false}", admin);
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.json.value(QStringLiteral("active")).toBool(), false);
        QCOMPARE(m_api.get("/api/v1/auth/me", userToken).status, 401);
        QCOMPARE(
            m_api.post("/api/v1/auth/login", AuthFixture::loginBody(QStringLiteral("temp1"), TempPassword))
                .status,
            401);
        QCOMPARE(m_api.send("PATCH", path, "{\"active\": true}", admin).status, 200);
        // Disabling revoked the tokens for good.
        QCOMPARE(m_api.get("/api/v1/auth/me", userToken).status, 401);

        const QString beforeReset = m_api.tokenOf(QStringLiteral("temp1"), TempPassword);
        const ApiReply reset = m_api.post(path + "/password", body({{"password", ResetPassword}}), admin);
        QCOMPARE(reset.status, 200);
        QCOMPARE(reset.json.value(QStringLiteral("revoked_tokens")).toInt(), 2);
        QCOMPARE(m_api.get("/api/v1/auth/me", beforeReset).status, 401);
        QCOMPARE(
            m_api.post("/api/v1/auth/login", AuthFixture::loginBody(QStringLiteral("temp1"), TempPassword))
                .status,
            401);
        QCOMPARE(m_api.get("/api/v1/auth/me", m_api.tokenOf(QStringLiteral("temp1"), ResetPassword)).status,
                 200);
        QCOMPARE(m_api.post(path + "/password", body({{"password", "short"}}), admin).status, 422);
    }

    void adminRevokesPerDeviceOrAll()
    {
        const QString admin = m_api.tokenOf(QStringLiteral("admin"));
        const QString laptop
            = m_api.tokenOf(QStringLiteral("buyer1"), BuyerPassword, QStringLiteral("laptop"));
        const QString desktop
            = m_api.tokenOf(QStringLiteral("buyer1"), BuyerPassword, QStringLiteral("desktop"));
        const QByteArray path
            = "/api/v1/admin/users/" + m_api.idOf(QStringLiteral("buyer1")).toLatin1() + "/revoke";
        const ApiReply one = m_api.post(path, body({{"device_id", "laptop"}}), admin);
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json.value(QStringLiteral("revoked_tokens")).toInt(), 2);
        QCOMPARE(m_api.get("/api/v1/auth/me", laptop).status, 401);
        QCOMPARE(m_api.get("/api/v1/auth/me", desktop).status, 200);
        QCOMPARE(m_api.post(path, QByteArray(), admin).status, 200);
        QCOMPARE(m_api.get("/api/v1/auth/me", desktop).status, 401);
        QCOMPARE(m_api.post(path, "{\"device_id\": 7}", admin).status, 400);
    }

    void theLastAdminStays()
    {
        const QString admin = m_api.tokenOf(QStringLiteral("admin"));
        const QByteArray path = "/api/v1/admin/users/" + m_api.idOf(QStringLiteral("admin")).toLatin1();
        QCOMPARE(m_api.send("PATCH", path, "{\"role\": \"manager\"}", admin).status, 422);
        QCOMPARE(m_api.send("PATCH", path, "{\"active\": false}", admin).status, 422);
        QCOMPARE(m_api.get("/api/v1/auth/me", admin).string("role"), QStringLiteral("admin"));
    }

    void theCommandLineWorksBesideTheServer()
    {
        const QString before = m_api.tokenOf(QStringLiteral("manager1"), ManagerPassword);
        CliResult result
            = runUserCli(QStringList {QStringLiteral("passwd"), QStringLiteral("Manager1")} + m_api.where(),
                         NewPassword.toUtf8() + '\n');
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY(!result.out.contains(NewPassword.toUtf8()));
        QCOMPARE(m_api.get("/api/v1/auth/me", before).status, 401);
        const QString after = m_api.tokenOf(QStringLiteral("manager1"), NewPassword);
        QCOMPARE(m_api.get("/api/v1/auth/me", after).status, 200);
        result = runUserCli(
            QStringList {QStringLiteral("disable"), QStringLiteral("manager1")} + m_api.where(), {});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(m_api.get("/api/v1/auth/me", after).status, 401);
    }

    void passwordsNeverReachTheLog()
    {
        // After the server stopped, its whole log has been read.
        QCOMPARE(m_api.server().terminate(), 0);
        const QByteArray log = m_api.server().log();
        QVERIFY(log.contains("\"msg\":\"user created\""));
        for (const QString &password :
             {AdminPassword, BuyerPassword, RepPassword, ManagerPassword, TempPassword, ResetPassword,
              NewPassword, QStringLiteral("long-enough-1")})
            QVERIFY2(!log.contains(password.toUtf8()), qPrintable(password));
    }

private:
    AuthFixture m_api;
};

QTEST_GUILESS_MAIN(TestAdminUsers)
#include "tst_adminusers.moc"
