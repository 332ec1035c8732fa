#include "auth/caller.h"
#include "auth/userrepository.h"
#include "catalog/catalogrepository.h"
#include "customers/customeradmin.h"
#include "http/apierror.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "sync/visibility.h"
#include "testservices.h"

#include <QJsonArray>
#include <QTest>

using namespace portico;
using namespace portico::server;

namespace {

struct Fixture
{
    portico::test::TestServices env;
    PriceType retail {Id::createUuid(), QString(), QStringLiteral("Розничная"), Currency::rub(), true};
    PriceType wholesale {Id::createUuid(), QString(), QStringLiteral("Оптовая"), Currency::rub(), true};
    Product product;
    User rep1;
    User rep2;
    QStringList published;

    Fixture()
    {
        if (!env.create())
            qFatal("no test database: %s", qPrintable(env.errorString()));
        product.id = Id::createUuid();
        product.name = QStringLiteral("Саморез");
        product.unit = Unit::piece();
        rep1 = user(QStringLiteral("rep1"));
        rep2 = user(QStringLiteral("rep2"));
        env.database().write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CatalogRepository catalog(tx);
            catalog.upsertPriceTypes({retail, wholesale}, feed);
            catalog.upsertProducts({product}, feed);
            catalog.upsertPrices({{product.id, retail.id, Money::fromMinor(1000, Currency::rub()), {}},
                                  {product.id, wholesale.id, Money::fromMinor(800, Currency::rub()), {}}},
                                 feed);
            UserRepository users(tx);
            users.create(rep1, QStringLiteral("x"), 0);
            users.create(rep2, QStringLiteral("x"), 0);
            feed.append(tx);
        });
    }

    static User user(const QString &login)
    {
        User u;
        u.id = Id::createUuid();
        u.login = login;
        u.displayName = login;
        u.role = Role::SalesRep;
        return u;
    }

    CustomerAdmin admin()
    {
        return CustomerAdmin(env.services(), [this](const QStringList &a) { published += a; });
    }

    QJsonObject customerJson(const QString &inn, const QString &kpp)
    {
        return {
            {QStringLiteral("name"), QStringLiteral("Ромашка")},
            {QStringLiteral("legal_name"), QStringLiteral("ООО «Ромашка»")},
            {QStringLiteral("inn"), inn},
            {QStringLiteral("kpp"), kpp},
            {QStringLiteral("price_type_id"), idText(retail.id)},
            {QStringLiteral("assigned_rep_id"), idText(rep1.id)},
            {QStringLiteral("discount_bp"), 300},
        };
    }

    Caller callerFor(const User &u)
    {
        Caller c;
        c.userId = idText(u.id);
        c.login = u.login;
        c.role = u.role;
        return c;
    }

    ChangeFeed::Page pull(const Caller &c, qint64 cursor)
    {
        return env.database().read([&](QSqlDatabase &tx) {
            const auto v = Visibility::of(tx, c);
            return ChangeFeed::pull(tx, cursor, 100000, v.audiences, v.everything);
        });
    }
};

ApiErrorCode errorOf(const std::function<void()> &fn, QString *field = nullptr)
{
    try {
        fn();
    } catch (const ApiError &e) {
        if (field)
            *field = e.field();
        return e.code();
    }
    return ApiErrorCode::Internal;
}

} // namespace

class TestCustomerAdmin final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsAValidCustomer()
    {
        Fixture f;
        auto admin = f.admin();
        const auto created
            = admin.create(f.customerJson(QStringLiteral("7707083893"), QStringLiteral("773601001")));
        QVERIFY(!created.value(QStringLiteral("id")).toString().isEmpty());
        QCOMPARE(admin.list(QStringLiteral("ромаш"), 10, 0).size(), 1);
        QCOMPARE(admin.list(QStringLiteral("7707083893"), 10, 0).size(), 1);
        QVERIFY(f.published.contains(Audience::customer(created.value(QStringLiteral("id")).toString())));
    }

    void refusesInvalidInput_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("field");
        QTest::newRow("inn checksum") << QStringLiteral("inn") << QJsonValue(QStringLiteral("7707083894"))
                                      << int(ApiErrorCode::Unprocessable) << QStringLiteral("$.inn");
        QTest::newRow("kpp missing") << QStringLiteral("kpp") << QJsonValue(QString())
                                     << int(ApiErrorCode::Unprocessable) << QStringLiteral("$.kpp");
        QTest::newRow("unknown price type")
            << QStringLiteral("price_type_id")
            << QJsonValue(QStringLiteral("6f1c1f0e-1c1e-4a4e-9d2b-0d1e0f1a2b3c"))
            << int(ApiErrorCode::Unprocessable) << QStringLiteral("$.price_type_id");
        QTest::newRow("rep is no rep")
            << QStringLiteral("assigned_rep_id")
            << QJsonValue(QStringLiteral("6f1c1f0e-1c1e-4a4e-9d2b-0d1e0f1a2b3c"))
            << int(ApiErrorCode::Unprocessable) << QStringLiteral("$.assigned_rep_id");
        QTest::newRow("discount type") << QStringLiteral("discount_bp") << QJsonValue(QStringLiteral("5"))
                                       << int(ApiErrorCode::BadRequest) << QStringLiteral("$.discount_bp");
        QTest::newRow("discount range") << QStringLiteral("discount_bp") << QJsonValue(20000)
                                        << int(ApiErrorCode::BadRequest) << QStringLiteral("$.discount_bp");
    }

    void refusesInvalidInput()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(int, code);
        QFETCH(QString, field);
        Fixture f;
        auto admin = f.admin();
        QJsonObject body = f.customerJson(QStringLiteral("7707083893"), QStringLiteral("773601001"));
        body.insert(key, value);
        QString actualField;
        QCOMPARE(int(errorOf([&] { admin.create(body); }, &actualField)), code);
        QCOMPARE(actualField, field);
        QCOMPARE(admin.list(QString(), 10, 0).size(), 0);
    }

    void partialUpdateKeepsTheRest()
    {
        Fixture f;
        auto admin = f.admin();
        const auto created
            = admin.create(f.customerJson(QStringLiteral("7707083893"), QStringLiteral("773601001")));
        const Id id = Id::fromString(created.value(QStringLiteral("id")).toString());
        const auto blocked = admin.update(id, {{QStringLiteral("blocked"), true}});
        QCOMPARE(blocked.value(QStringLiteral("blocked")).toBool(), true);
        QCOMPARE(blocked.value(QStringLiteral("discount_bp")).toInt(), 300);
        QCOMPARE(blocked.value(QStringLiteral("inn")).toString(), QStringLiteral("7707083893"));
        QCOMPARE(errorOf([&] { admin.update(Id::createUuid(), {}); }), ApiErrorCode::NotFound);
    }

    void newRepReceivesTheCustomerFromTheirCursor()
    {
        Fixture f;
        auto admin = f.admin();
        const auto created
            = admin.create(f.customerJson(QStringLiteral("7707083893"), QStringLiteral("773601001")));
        const QString id = created.value(QStringLiteral("id")).toString();
        const Caller rep2 = f.callerFor(f.rep2);
        // rep2 is fully synced and does not see the customer yet.
        const auto before = f.pull(rep2, 0);
        for (const auto &change : before.changes)
            QVERIFY(change.entityId != id);
        // Reassign to rep2 with the wholesale price type: rep2's next pull from its cursor
        // brings the customer and the wholesale prices it never had.
        admin.update(Id::fromString(id),
                     {{QStringLiteral("assigned_rep_id"), idText(f.rep2.id)},
                      {QStringLiteral("price_type_id"), idText(f.wholesale.id)}});
        const auto after = f.pull(rep2, before.nextCursor);
        QStringList entities;
        for (const auto &change : after.changes)
            entities << change.entity + QLatin1Char(':') + change.entityId;
        QVERIFY2(entities.contains(QStringLiteral("customer:") + id),
                 qPrintable(entities.join(QLatin1Char(' '))));
        QVERIFY2(entities.contains(QStringLiteral("price:") + priceFeedId(f.product.id, f.wholesale.id)),
                 qPrintable(entities.join(QLatin1Char(' '))));
        // rep1 no longer sees it.
        const auto rep1 = f.pull(f.callerFor(f.rep1), 0);
        for (const auto &change : rep1.changes)
            QVERIFY(change.entityId != id);
    }
};

QTEST_GUILESS_MAIN(TestCustomerAdmin)
#include "tst_customeradmin.moc"
