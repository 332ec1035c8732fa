#include "auth/authenticator.h"
#include "auth/userpolicy.h"

#include <QTest>

using namespace portico;
using namespace portico::server;

class TestUserPolicy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void logins_data()
    {
        QTest::addColumn<QString>("login");
        QTest::addColumn<bool>("ok");
        QTest::newRow("plain") << QStringLiteral("buyer1") << true;
        QTest::newRow("e-mail") << QStringLiteral("anna.petrova+orders@example.ru") << true;
        QTest::newRow("cyrillic") << QStringLiteral("иванов_а") << true;
        QTest::newRow("dash") << QStringLiteral("warehouse-1") << true;
        QTest::newRow("longest") << QString(100, QLatin1Char('a')) << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("too long") << QString(101, QLatin1Char('a')) << false;
        QTest::newRow("space") << QStringLiteral("a b") << false;
        QTest::newRow("quote") << QStringLiteral("o'brien") << false;
        QTest::newRow("slash") << QStringLiteral("a/b") << false;
        QTest::newRow("control") << QStringLiteral("a\tb") << false;
    }

    void logins()
    {
        QFETCH(QString, login);
        QFETCH(bool, ok);
        const auto violation = UserPolicy::checkLogin(login);
        QCOMPARE(!violation.has_value(), ok);
        if (violation)
            QCOMPARE(violation->field, QStringLiteral("login"));
    }

    void passwords_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("ok");
        QTest::newRow("eight") << QStringLiteral("12345678") << true;
        QTest::newRow("passphrase") << QStringLiteral("correct horse battery staple") << true;
        QTest::newRow("longest") << QString(1024, QLatin1Char('p')) << true;
        QTest::newRow("seven") << QStringLiteral("1234567") << false;
        QTest::newRow("too long") << QString(1025, QLatin1Char('p')) << false;
        QTest::newRow("spaces only") << QString(10, QLatin1Char(' ')) << false;
    }

    void passwords()
    {
        QFETCH(QString, password);
        QFETCH(bool, ok);
        const auto violation = UserPolicy::checkNewPassword(password);
        QCOMPARE(!violation.has_value(), ok);
        if (violation) {
            QCOMPARE(violation->field, QStringLiteral("password"));
            QVERIFY(!violation->message.contains(password) || password.trimmed().isEmpty());
        }
    }

    void bindings_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<bool>("customer");
        QTest::addColumn<bool>("warehouse");
        QTest::addColumn<QString>("field");
        QTest::newRow("buyer of a customer") << int(Role::Buyer) << true << false << QString();
        QTest::newRow("buyer of nobody")
            << int(Role::Buyer) << false << false << QStringLiteral("customer_id");
        QTest::newRow("buyer in a warehouse")
            << int(Role::Buyer) << true << true << QStringLiteral("warehouse_id");
        QTest::newRow("warehouse staff") << int(Role::Warehouse) << false << true << QString();
        QTest::newRow("warehouse staff nowhere")
            << int(Role::Warehouse) << false << false << QStringLiteral("warehouse_id");
        QTest::newRow("warehouse staff of a customer")
            << int(Role::Warehouse) << true << true << QStringLiteral("customer_id");
        QTest::newRow("manager") << int(Role::Manager) << false << false << QString();
        QTest::newRow("manager of a customer")
            << int(Role::Manager) << true << false << QStringLiteral("customer_id");
        QTest::newRow("rep in a warehouse")
            << int(Role::SalesRep) << false << true << QStringLiteral("warehouse_id");
        QTest::newRow("admin") << int(Role::Admin) << false << false << QString();
        QTest::newRow("exchange") << int(Role::Exchange) << false << false << QString();
    }

    void bindings()
    {
        QFETCH(int, role);
        QFETCH(bool, customer);
        QFETCH(bool, warehouse);
        QFETCH(QString, field);
        User user;
        user.login = QStringLiteral("someone");
        user.role = static_cast<Role>(role);
        if (customer)
            user.customerId = QUuid::createUuid();
        if (warehouse)
            user.warehouseId = QUuid::createUuid();
        const auto violation = UserPolicy::checkBindings(user);
        QCOMPARE(violation ? violation->field : QString(), field);
    }

    void bearerTokens_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("token");
        QTest::newRow("bearer") << QStringLiteral("Bearer abc-DEF_123") << QStringLiteral("abc-DEF_123");
        QTest::newRow("lower case scheme") << QStringLiteral("bearer abc") << QStringLiteral("abc");
        QTest::newRow("extra spaces") << QStringLiteral("  Bearer   abc  ") << QStringLiteral("abc");
        QTest::newRow("none") << QString() << QString();
        QTest::newRow("scheme only") << QStringLiteral("Bearer") << QString();
        QTest::newRow("scheme and space") << QStringLiteral("Bearer ") << QString();
        QTest::newRow("basic") << QStringLiteral("Basic YWRtaW46YWRtaW4=") << QString();
        QTest::newRow("glued") << QStringLiteral("Bearerabc") << QString();
    }

    void bearerTokens()
    {
        QFETCH(QString, header);
        QFETCH(QString, token);
        HttpRequest request;
        if (!header.isNull())
            request.headers["authorization"] = header.toStdString();
        QCOMPARE(bearerToken(request), token);
    }
};

QTEST_APPLESS_MAIN(TestUserPolicy)
#include "tst_userpolicy.moc"
