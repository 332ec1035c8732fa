#include "api/routes.h"
#include "auth/tokenservice.h"
#include "auth/userrepository.h"
#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "http/router.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "testservices.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace portico;
using namespace portico::server;

// A user whose role or customer an admin changes starts their sync over: the epoch the sync
// route reports includes the user's sync generation.
class TestSyncGeneration final : public QObject
{
    Q_OBJECT

private:
    struct Reply
    {
        int status = 0;
        QJsonObject json;
    };

    Reply call(Router &router, HttpMethod method, const std::string &target, const QString &token,
               const QJsonObject &body = {})
    {
        HttpRequest request;
        request.method = method;
        parseRequestTarget(target, request.path, request.query);
        request.headers["authorization"] = "Bearer " + token.toStdString();
        if (!body.isEmpty())
            request.body = QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString();
        const auto response = router.dispatch(request);
        return {response.status, QJsonDocument::fromJson(QByteArray::fromStdString(response.body)).object()};
    }

private Q_SLOTS:
    void movedBuyerResyncsAndSeesOnlyTheNewCustomer()
    {
        portico::test::TestServices env;
        QVERIFY2(env.create(), qPrintable(env.errorString()));
        Customer a;
        a.id = Id::createUuid();
        a.name = QStringLiteral("Альфа");
        Customer b;
        b.id = Id::createUuid();
        b.name = QStringLiteral("Бета");
        User buyer {Id::createUuid(),
                    QStringLiteral("buyer"),
                    QStringLiteral("buyer"),
                    Role::Buyer,
                    a.id,
                    Id(),
                    true};
        User admin {Id::createUuid(),
                    QStringLiteral("admin"),
                    QStringLiteral("admin"),
                    Role::Admin,
                    Id(),
                    Id(),
                    true};
        env.database().write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            CustomerRepository(tx).upsert({a, b}, feed);
            UserRepository users(tx);
            users.create(buyer, QStringLiteral("x"), 0);
            users.create(admin, QStringLiteral("x"), 0);
            feed.append(tx);
        });
        TokenService tokens(env.services());
        const QString buyerToken = tokens.issue(idText(buyer.id), QStringLiteral("d1")).accessToken;
        const QString adminToken = tokens.issue(idText(admin.id), QStringLiteral("d2")).accessToken;
        Router router;
        addAllRoutes(router, env.services());

        const Reply first = call(router, HttpMethod::Get, "/api/v1/sync?cursor=0", buyerToken);
        QCOMPARE(first.status, 200);
        const QString epoch = first.json.value(QStringLiteral("epoch")).toString();
        const qint64 cursor = first.json.value(QStringLiteral("cursor")).toInteger();

        const Reply same = call(
            router, HttpMethod::Get,
            "/api/v1/sync?cursor=" + std::to_string(cursor) + "&epoch=" + epoch.toStdString(), buyerToken);
        QCOMPARE(same.json.value(QStringLiteral("resync")).toBool(), false);

        const Reply moved
            = call(router, HttpMethod::Patch, "/api/v1/admin/users/" + idText(buyer.id).toStdString(),
                   adminToken, {{QStringLiteral("customer_id"), idText(b.id)}});
        QCOMPARE(moved.status, 200);

        const Reply after = call(
            router, HttpMethod::Get,
            "/api/v1/sync?cursor=" + std::to_string(cursor) + "&epoch=" + epoch.toStdString(), buyerToken);
        QCOMPARE(after.json.value(QStringLiteral("resync")).toBool(), true);
        const QString newEpoch = after.json.value(QStringLiteral("epoch")).toString();
        QVERIFY(newEpoch != epoch);

        const Reply fresh = call(router, HttpMethod::Get,
                                 "/api/v1/sync?cursor=0&epoch=" + newEpoch.toStdString(), buyerToken);
        QStringList customers;
        const auto changes = fresh.json.value(QStringLiteral("changes")).toArray();
        for (const auto &change : changes) {
            if (change.toObject().value(QStringLiteral("entity")).toString() == entity::Customer)
                customers << change.toObject().value(QStringLiteral("id")).toString();
        }
        QCOMPARE(customers, QStringList {idText(b.id)});

        // A change that does not touch what the user sees keeps the epoch.
        call(router, HttpMethod::Patch, "/api/v1/admin/users/" + idText(buyer.id).toStdString(), adminToken,
             {{QStringLiteral("display_name"), QStringLiteral("Покупатель")}});
        const Reply renamed = call(router, HttpMethod::Get,
                                   "/api/v1/sync?cursor=0&epoch=" + newEpoch.toStdString(), buyerToken);
        QCOMPARE(renamed.json.value(QStringLiteral("resync")).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestSyncGeneration)
#include "tst_syncgeneration.moc"
