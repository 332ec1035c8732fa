#include "tenantisolationrules.h"
#include "tenantisolationworld.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlRecord>
#include <QTest>

#include <functional>
#include <optional>

using namespace portico;
using namespace portico::server;
using namespace portico::server::tenantisolation;

namespace {

QString methodName(HttpMethod method)
{
    return QString::fromLatin1(httpMethodToString(method));
}

QString routeName(HttpMethod method, const std::string &pattern)
{
    return methodName(method) + QLatin1Char(' ') + QString::fromStdString(pattern);
}

// Every key and string value of a JSON document, decoded, one per line.
void collectStrings(const QJsonValue &value, QString &out)
{
    if (value.isString()) {
        out += value.toString() + QLatin1Char('\n');
    } else if (value.isArray()) {
        for (const auto &item : value.toArray())
            collectStrings(item, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            out += it.key() + QLatin1Char('\n');
            collectStrings(it.value(), out);
        }
    }
}

QString firstOf(const QString &text, const QStringList &needles)
{
    for (const auto &needle : needles) {
        if (!needle.isEmpty() && text.contains(needle))
            return needle;
    }
    return QString();
}

// The first of `needles` that the body shows, raw or JSON-decoded; empty when none. Sync pages
// are checked without their price type rows (priceTypesStayWithTheirCustomers covers those).
QString leakIn(const std::string &body, const QStringList &needles, bool syncPage)
{
    const QByteArray bytes = QByteArray::fromStdString(body);
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    QString decoded;
    if (syncPage) {
        for (const auto &change : document.object().value(QStringLiteral("changes")).toArray()) {
            if (change.toObject().value(QStringLiteral("entity")).toString() != entity::PriceType)
                collectStrings(change, decoded);
        }
        return firstOf(decoded, needles);
    }
    collectStrings(document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()),
                   decoded);
    const QString raw = firstOf(QString::fromUtf8(bytes), needles);
    return raw.isEmpty() ? firstOf(decoded, needles) : raw;
}

QString excerpt(const HttpResponse &response)
{
    return QStringLiteral("%1 %2")
        .arg(response.status)
        .arg(QString::fromStdString(response.body.substr(0, 400)));
}

} // namespace

// Every route of the real router, called by every role and without a token, on an object of the
// caller's own customer and of another's: who may call what, and that nothing of one customer
// reaches another's users (docs/API.md, "What a caller sees"; DESIGN.md, Security).
class TestTenantIsolation final : public QObject
{
    Q_OBJECT

    World m_world;

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(portico::test::TestDatabase::backendName()));
        QVERIFY2(m_world.create(), qPrintable(m_world.env.errorString()));
    }

    void everyRuleNamesARoute()
    {
        for (const auto &rule : isolationRules()) {
            bool found = false;
            for (const auto &route : m_world.router.routes())
                found = found || (route.method == rule.method && route.pattern == rule.pattern);
            QVERIFY2(found,
                     qPrintable(QStringLiteral("isolation rule for %1 names no route; remove it")
                                    .arg(routeName(rule.method, rule.pattern))));
        }
    }

    void matrix_data()
    {
        QTest::addColumn<int>("route");
        QTest::addColumn<int>("actor");
        QTest::addColumn<int>("tenant");
        const auto &routes = m_world.router.routes();
        int rows = 0;
        int objectRows = 0;
        for (int r = 0; r < static_cast<int>(routes.size()); ++r) {
            const Route &route = routes[static_cast<std::size_t>(r)];
            const Rule *rule = ruleFor(route.method, route.pattern);
            const QString name = routeName(route.method, route.pattern);
            if (!rule) {
                QTest::newRow(qPrintable(name + QStringLiteral(" has no isolation rule"))) << r << -1 << -1;
                ++rows;
                continue;
            }
            for (int a = 0; a < static_cast<int>(m_world.actors.size()); ++a) {
                const Actor &caller = m_world.actors.at(a);
                if (!perTenant(rule->kind)) {
                    QTest::newRow(qPrintable(name + QStringLiteral(" as ") + caller.name)) << r << a << -1;
                    ++rows;
                    continue;
                }
                for (int t = 0; t < 2; ++t) {
                    QString object;
                    if (caller.seesAll)
                        object = m_world.tenants[t].letter + QStringLiteral("'s");
                    else if (caller.home < 0)
                        object = QStringLiteral("foreign ") + m_world.tenants[t].letter;
                    else
                        object = t == caller.home ? QStringLiteral("own") : QStringLiteral("foreign");
                    QTest::newRow(qPrintable(name + QStringLiteral(" as ") + caller.name
                                             + QStringLiteral(" on ") + object))
                        << r << a << t;
                    ++rows;
                    ++objectRows;
                }
            }
        }
        qInfo(
            "isolation matrix: %d routes x %d callers (8 roles and no token) x own/foreign objects = %d rows "
            "(%d of them on an object)",
            static_cast<int>(routes.size()), static_cast<int>(m_world.actors.size()), rows, objectRows);
    }

    void matrix()
    {
        QFETCH(int, route);
        QFETCH(int, actor);
        QFETCH(int, tenant);
        const Route &entry = m_world.router.routes().at(static_cast<std::size_t>(route));
        const QString name = routeName(entry.method, entry.pattern);
        const Rule *rule = ruleFor(entry.method, entry.pattern);
        if (!rule)
            QFAIL(qPrintable(QStringLiteral("route %1 has no isolation rule: add it to isolationRules() in "
                                            "tenantisolationrules.h with who may call it and what it shows")
                                 .arg(name)));
        QVERIFY2(rule->access == entry.access,
                 qPrintable(QStringLiteral("%1 is now %2, its isolation rule says %3; review the rule")
                                .arg(name, accessName(entry.access), accessName(rule->access))));
        const Actor &caller = m_world.actors.at(actor);
        // Admin screens do not scope by customer: only roles that see every customer may reach them.
        if (rule->scope == Scope::Staff && caller.role && roleAllows(entry.access, *caller.role))
            QVERIFY2(caller.role == Role::Admin || caller.role == Role::Manager,
                     qPrintable(
                         QStringLiteral("%1 lets %2 into an unscoped admin screen").arg(name, caller.name)));
        const Actor &effective
            = !caller.role && rule->credentialsInBody ? m_world.actor(QStringLiteral("buyerA")) : caller;

        // The object of the call, fresh for this row so that rows do not depend on each other.
        QString objectId;
        QString path = QString::fromStdString(rule->pattern);
        const Role stateRole = caller.role.value_or(Role::Buyer);
        switch (rule->kind) {
        case Kind::Order:
            objectId = m_world.createOrder(tenant, rule->orderState(stateRole));
            break;
        case Kind::User:
            objectId = idText(m_world.tenants[tenant].target.id);
            break;
        case Kind::Customer:
        case Kind::OrderBody:
            objectId = idText(m_world.tenants[tenant].customer.id);
            break;
        case Kind::Blob:
            objectId = m_world.boltImage;
            break;
        case Kind::Release:
            objectId = m_world.createRelease();
            break;
        case Kind::ReadyRelease:
            objectId = m_world.readyRelease;
            break;
        case Kind::Channel:
            objectId = QStringLiteral("beta");
            break;
        case Kind::PickList:
            objectId = m_world.createPickList(tenant, rule->advanced);
            break;
        case Kind::CountSession:
            objectId = m_world.createCount(rule->advanced);
            break;
        case Kind::None:
            break;
        }
        QCOMPARE(path.contains(QLatin1Char('{')), rule->kind != Kind::None && rule->kind != Kind::OrderBody);
        path.replace(QStringLiteral("{id}"), objectId);
        path.replace(QStringLiteral("{sha256}"), objectId);
        path.replace(QStringLiteral("{channel}"), objectId);
        QVERIFY2(!path.contains(QLatin1Char('{')), qPrintable(path));

        const QByteArray body = rule->body(m_world, caller, tenant);
        const QString before = m_world.snapshot(rule->kind, objectId);
        const qint64 headBefore = m_world.feedHead();
        const HttpResponse response
            = m_world.call(caller, entry.method, path, rule->query, body, rule->headers);

        const bool hasObject = tenant >= 0;
        const bool visible = !hasObject || caller.sees(tenant);
        QList<int> expected;
        bool refusal = true;
        if (!caller.role) {
            if (rule->access == Access::Public) {
                expected = {rule->okStatus};
                refusal = false;
            } else {
                expected = {401};
            }
        } else if (!roleAllows(rule->access, *caller.role)) {
            expected = {403};
        } else if (rule->refused.contains(*caller.role)) {
            expected = visible ? QList<int> {403} : QList<int> {403, 404};
        } else if (!visible && rule->kind == Kind::OrderBody) {
            expected = {201};
            refusal = false;
        } else if (!visible) {
            expected = {403, 404};
        } else {
            expected = {rule->okStatus};
            refusal = false;
        }
        QVERIFY2(expected.contains(response.status),
                 qPrintable(
                     QStringLiteral("%1 as %2: expected %3, got %4")
                         .arg(name, caller.name, QString::number(expected.constFirst()), excerpt(response))));

        if (refusal) {
            const QJsonObject error = QJsonDocument::fromJson(QByteArray::fromStdString(response.body))
                                          .object()
                                          .value(QStringLiteral("error"))
                                          .toObject();
            QVERIFY2(!error.value(QStringLiteral("code")).toString().isEmpty(),
                     qPrintable(excerpt(response)));
            if (hasObject) {
                const QString leak
                    = leakIn(response.body, m_world.objectStrings(rule->kind, tenant, objectId), false);
                QVERIFY2(leak.isEmpty(),
                         qPrintable(QStringLiteral("the refusal names the object (%1): %2")
                                        .arg(leak, excerpt(response))));
            }
            QCOMPARE(m_world.snapshot(rule->kind, objectId), before);
        }

        // Nothing of a customer the caller may not see, in any answer.
        QList<int> foreign;
        for (int t = 0; t < 2; ++t) {
            if (!effective.sees(t))
                foreign << t;
        }
        for (const int t : std::as_const(foreign)) {
            QStringList strings = m_world.tenantStrings(t);
            if (rule->kind == Kind::OrderBody && t == tenant)
                strings.removeAll(
                    objectId); // the caller's own request names the customer; the answer may echo it
            const QString leak = leakIn(response.body, strings, rule->listing == Listing::Sync);
            QVERIFY2(
                leak.isEmpty(),
                qPrintable(QStringLiteral("%1 as %2 shows \"%3\" of customer %4: %5")
                               .arg(name, caller.name, leak, m_world.tenants[t].letter, excerpt(response))));
        }

        if (rule->kind == Kind::OrderBody && caller.role && response.status == 201)
            checkUpload(caller, tenant, visible, response, headBefore);
        if (rule->listing == Listing::Orders && response.status == 200)
            checkOrderList(caller, response);
        if (rule->listing == Listing::Sync && response.status == 200)
            checkSyncPage(caller, response);
    }

    // Price types reach the users whose customers have them, like their prices do: a buyer who
    // learns that "Дилерская" exists has learned about other customers' terms.
    void priceTypesStayWithTheirCustomers_data()
    {
        QTest::addColumn<QString>("actor");
        for (const char *name : {"buyerA", "buyerB", "rep1", "rep2"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void priceTypesStayWithTheirCustomers()
    {
        QFETCH(QString, actor);
        const Actor &caller = m_world.actor(actor);
        const HttpResponse response = m_world.call(caller, HttpMethod::Get, QStringLiteral("/api/v1/sync"),
                                                   {{"cursor", "0"}, {"limit", "5000"}}, {});
        QCOMPARE(response.status, 200);
        const QString foreign = idText(m_world.tenants[1 - caller.home].priceType.id);
        const QString own = idText(m_world.tenants[caller.home].priceType.id);
        QStringList priceTypes;
        const auto changes = QJsonDocument::fromJson(QByteArray::fromStdString(response.body))
                                 .object()
                                 .value(QStringLiteral("changes"))
                                 .toArray();
        for (const auto &change : changes) {
            const QJsonObject c = change.toObject();
            if (c.value(QStringLiteral("entity")).toString() == entity::PriceType)
                priceTypes << c.value(QStringLiteral("id")).toString();
        }
        QVERIFY2(priceTypes.contains(own), "the caller's own price type is missing");
        QVERIFY2(!priceTypes.contains(foreign),
                 qPrintable(QStringLiteral("%1 receives the price type of the other customer").arg(actor)));
    }

    // A rep who loses a customer, and a buyer moved to another customer, lose its orders at once,
    // the ones they placed themselves included.
    void reassignmentEndsAccess()
    {
        World world;
        QVERIFY2(world.create(), qPrintable(world.env.errorString()));
        const Actor &rep1 = world.actor(QStringLiteral("rep1"));
        const Actor &buyerA = world.actor(QStringLiteral("buyerA"));
        const Actor &manager = world.actor(QStringLiteral("manager"));
        const Actor &admin = world.actor(QStringLiteral("admin"));
        Tenant &a = world.tenantA();
        Tenant &b = world.tenantB();

        QStringList placed;
        for (const Actor *author : {&rep1, &buyerA}) {
            const HttpResponse upload = world.call(
                *author, HttpMethod::Post, QStringLiteral("/api/v1/orders"), {}, world.orderBody(*author, 0));
            QCOMPARE(upload.status, 201);
            placed << QJsonDocument::fromJson(QByteArray::fromStdString(upload.body))
                          .object()
                          .value(QStringLiteral("id"))
                          .toString();
        }
        a.orderIds << placed;

        const HttpResponse reassigned = world.call(
            manager, HttpMethod::Patch, QStringLiteral("/api/v1/admin/customers/") + idText(a.customer.id),
            {}, compact({{QStringLiteral("assigned_rep_id"), idText(b.rep.id)}}));
        QCOMPARE(reassigned.status, 200);
        const HttpResponse moved = world.call(
            admin, HttpMethod::Patch, QStringLiteral("/api/v1/admin/users/") + idText(buyerA.user.id), {},
            compact({{QStringLiteral("customer_id"), idText(b.customer.id)}}));
        QCOMPARE(moved.status, 200);

        const QStringList customerA = world.tenantStrings(0);
        for (const Actor *former : {&rep1, &buyerA}) {
            const HttpResponse list
                = world.call(*former, HttpMethod::Get, QStringLiteral("/api/v1/orders"), {}, {});
            QCOMPARE(list.status, 200);
            QVERIFY2(leakIn(list.body, {idText(a.customer.id)}, false).isEmpty(), qPrintable(excerpt(list)));
            const HttpResponse page = world.call(*former, HttpMethod::Get, QStringLiteral("/api/v1/sync"),
                                                 {{"cursor", "0"}, {"limit", "5000"}}, {});
            QCOMPARE(page.status, 200);
            const QString leak = leakIn(page.body, customerA, true);
            QVERIFY2(leak.isEmpty(), qPrintable(former->name + QStringLiteral(" still syncs ") + leak));
            for (const QString &orderId : std::as_const(placed)) {
                const QString path = QStringLiteral("/api/v1/orders/") + orderId;
                const QString before = world.snapshot(Kind::Order, orderId);
                const HttpResponse cancel = world.call(
                    *former, HttpMethod::Post, path + QStringLiteral("/cancel"), {}, QByteArray("{}"));
                QVERIFY2(cancel.status == 404,
                         qPrintable(former->name + QStringLiteral(" cancels: ") + excerpt(cancel)));
                QCOMPARE(world.snapshot(Kind::Order, orderId), before);
                const HttpResponse one = world.call(*former, HttpMethod::Get, path, {}, {});
                QVERIFY2(one.status == 404,
                         qPrintable(former->name + QStringLiteral(" reads ") + orderId + QStringLiteral(": ")
                                    + excerpt(one)));
            }
        }

        const Actor &rep2 = world.actor(QStringLiteral("rep2"));
        for (const QString &orderId : std::as_const(placed))
            QCOMPARE(
                world.call(rep2, HttpMethod::Get, QStringLiteral("/api/v1/orders/") + orderId, {}, {}).status,
                200);
        const HttpResponse page = world.call(rep2, HttpMethod::Get, QStringLiteral("/api/v1/sync"),
                                             {{"cursor", "0"}, {"limit", "5000"}}, {});
        QVERIFY(QString::fromStdString(page.body).contains(idText(a.customer.id)));
    }

private:
    // An order upload: for the caller's own customer it is accepted; for another's it is
    // rejected, names nothing of that customer, and stays with its author.
    void checkUpload(const Actor &caller, int tenant, bool visible, const HttpResponse &response,
                     qint64 headBefore)
    {
        const QJsonObject order = QJsonDocument::fromJson(QByteArray::fromStdString(response.body)).object();
        const QString orderId = order.value(QStringLiteral("id")).toString();
        const QString status = order.value(QStringLiteral("status")).toString();
        if (visible) {
            QCOMPARE(status, QStringLiteral("accepted"));
            m_world.tenants[tenant].orderIds << orderId;
            m_world.tenants[tenant].orderNumbers << order.value(QStringLiteral("number")).toString();
            return;
        }
        QCOMPARE(status, QStringLiteral("rejected"));
        const QJsonArray reasons
            = order.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("reasons")).toArray();
        QCOMPARE(reasons.size(), 1);
        QCOMPARE(reasons.first().toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("customer_not_available"));
        const Tenant &other = m_world.tenants[tenant];
        // The customer's users receive nothing of it by the feed...
        for (const User &user : {other.buyer, other.rep}) {
            const auto changes = m_world.feedOf(user, headBefore);
            QVERIFY2(changes.isEmpty(),
                     qPrintable(QStringLiteral("%1's feed got %2 change(s) from %3's upload")
                                    .arg(user.login)
                                    .arg(changes.size())
                                    .arg(caller.name)));
        }
        // ...and none of it over the API either.
        for (const User &user : {other.buyer, other.rep}) {
            const Actor viewer {user.login, user.role, user, tenant, false};
            const HttpResponse one
                = m_world.call(viewer, HttpMethod::Get, QStringLiteral("/api/v1/orders/") + orderId, {}, {});
            const HttpResponse list = m_world.call(viewer, HttpMethod::Get, QStringLiteral("/api/v1/orders"),
                                                   {{"limit", "500"}}, {});
            QCOMPARE(list.status, 200);
            QVERIFY2(one.status == 404,
                     qPrintable(QStringLiteral("%1 reads %2's rejected upload: %3")
                                    .arg(user.login, caller.name, excerpt(one))));
            QVERIFY2(
                !QString::fromStdString(list.body).contains(orderId),
                qPrintable(QStringLiteral("%1 lists %2's rejected upload").arg(user.login, caller.name)));
        }
        // The author still reads its own attempt, with reasons.
        const HttpResponse own
            = m_world.call(caller, HttpMethod::Get, QStringLiteral("/api/v1/orders/") + orderId, {}, {});
        QCOMPARE(own.status, 200);
        // Later rows see the world as it was before this one.
        m_world.forgetOrder(orderId);
    }

    // GET /api/v1/orders: only orders of customers the caller sees, its own among them.
    void checkOrderList(const Actor &caller, const HttpResponse &response)
    {
        const QJsonArray orders = QJsonDocument::fromJson(QByteArray::fromStdString(response.body))
                                      .object()
                                      .value(QStringLiteral("orders"))
                                      .toArray();
        QSet<QString> ids;
        for (const auto &item : orders) {
            const QJsonObject order = item.toObject();
            ids.insert(order.value(QStringLiteral("id")).toString());
            const QString customer = order.value(QStringLiteral("customer_id")).toString();
            int owner = -1;
            for (int t = 0; t < 2; ++t) {
                if (idText(m_world.tenants[t].customer.id) == customer)
                    owner = t;
            }
            QVERIFY2(
                owner >= 0 && caller.sees(owner),
                qPrintable(QStringLiteral("%1 lists order %2 of customer %3")
                               .arg(caller.name, order.value(QStringLiteral("id")).toString(), customer)));
        }
        for (int t = 0; t < 2; ++t) {
            if (caller.sees(t))
                QVERIFY2(ids.contains(m_world.tenants[t].baseOrderId),
                         qPrintable(QStringLiteral("%1 does not list customer %2's order")
                                        .arg(caller.name, m_world.tenants[t].letter)));
        }
        if (caller.role == Role::Exchange)
            QCOMPARE(orders.size(), 0);
        // Asking for another customer's orders by its id or by an order number finds nothing.
        for (int t = 0; t < 2; ++t) {
            if (caller.sees(t))
                continue;
            const Tenant &other = m_world.tenants[t];
            const std::map<std::string, std::string> queries[] = {
                {{"customer_id", idText(other.customer.id).toStdString()}},
                {{"q", other.orderNumbers.constFirst().toStdString()}},
                {{"customer_id", idText(other.customer.id).toStdString()}, {"status", "accepted"}},
            };
            for (const auto &query : queries) {
                const HttpResponse filtered
                    = m_world.call(caller, HttpMethod::Get, QStringLiteral("/api/v1/orders"), query, {});
                QCOMPARE(filtered.status, 200);
                QVERIFY2(QJsonDocument::fromJson(QByteArray::fromStdString(filtered.body))
                             .object()
                             .value(QStringLiteral("orders"))
                             .toArray()
                             .isEmpty(),
                         qPrintable(QStringLiteral("%1 finds customer %2's orders by filter: %3")
                                        .arg(caller.name, other.letter, excerpt(filtered))));
            }
        }
    }

    // GET /api/v1/sync from cursor 0: the caller's customers and their price type's prices only,
    // and all of them.
    void checkSyncPage(const Actor &caller, const HttpResponse &response)
    {
        const QJsonObject page = QJsonDocument::fromJson(QByteArray::fromStdString(response.body)).object();
        QCOMPARE(page.value(QStringLiteral("has_more")).toBool(), false);
        QCOMPARE(page.value(QStringLiteral("resync")).toBool(), false);
        const bool staffOfAll = caller.role == Role::Admin || caller.role == Role::Manager;
        QSet<QString> allowedPriceTypes;
        QSet<QString> allowedCustomers;
        for (int t = 0; t < 2; ++t) {
            if (staffOfAll || caller.home == t) {
                allowedPriceTypes.insert(idText(m_world.tenants[t].priceType.id));
                allowedCustomers.insert(idText(m_world.tenants[t].customer.id));
            }
        }
        QSet<QString> priceTypesSeen;
        QSet<QString> customersSeen;
        QSet<QString> ordersSeen;
        for (const auto &item : page.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject change = item.toObject();
            const QString kind = change.value(QStringLiteral("entity")).toString();
            const QString id = change.value(QStringLiteral("id")).toString();
            const QJsonObject data = change.value(QStringLiteral("data")).toObject();
            if (kind == entity::Price) {
                const QString priceType = id.section(QLatin1Char('/'), 1);
                QVERIFY2(
                    staffOfAll || allowedPriceTypes.contains(priceType),
                    qPrintable(
                        QStringLiteral("%1 receives a price of price type %2").arg(caller.name, priceType)));
                priceTypesSeen.insert(priceType);
            } else if (kind == entity::Customer) {
                QVERIFY2(staffOfAll || allowedCustomers.contains(id),
                         qPrintable(QStringLiteral("%1 receives customer %2").arg(caller.name, id)));
                customersSeen.insert(id);
            } else if (kind == entity::Order) {
                const QString customer = data.value(QStringLiteral("customer_id")).toString();
                QVERIFY2(staffOfAll || allowedCustomers.contains(customer),
                         qPrintable(QStringLiteral("%1 receives order %2 of customer %3")
                                        .arg(caller.name, id, customer)));
                ordersSeen.insert(id);
            }
        }
        QVERIFY2(priceTypesSeen.contains(allowedPriceTypes),
                 qPrintable(caller.name + QStringLiteral(": prices missing")));
        QVERIFY2(customersSeen.contains(allowedCustomers),
                 qPrintable(caller.name + QStringLiteral(": customers missing")));
        if (!staffOfAll) {
            QCOMPARE(priceTypesSeen, allowedPriceTypes);
            QCOMPARE(customersSeen, allowedCustomers);
        }
        for (int t = 0; t < 2; ++t) {
            if (allowedCustomers.contains(idText(m_world.tenants[t].customer.id)))
                QVERIFY2(ordersSeen.contains(m_world.tenants[t].baseOrderId),
                         qPrintable(QStringLiteral("%1 does not receive customer %2's order")
                                        .arg(caller.name, m_world.tenants[t].letter)));
        }
    }
};

QTEST_GUILESS_MAIN(TestTenantIsolation)
#include "tst_tenantisolation.moc"
