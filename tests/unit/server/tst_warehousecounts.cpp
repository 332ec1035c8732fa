#include "warehouse/picklist.h"
#include "warehousefixture.h"

#include <QTest>

#include <functional>
#include <tuple>

using namespace portico;
using namespace portico::server;
using namespace portico::server::warehousetest;

namespace {

QJsonObject sessionOf(const CountService::Reply &reply)
{
    return parse(reply.json).value(QStringLiteral("count_session")).toObject();
}

Id idOf(const CountService::Reply &reply)
{
    return Id::fromString(sessionOf(reply).value(QStringLiteral("id")).toString());
}

QByteArray linesBody(const QString &clientId, const QList<std::tuple<Product, QString, QString>> &lines)
{
    QJsonArray array;
    for (const auto &[product, bin, counted] : lines)
        array.append(QJsonObject {{QStringLiteral("product_id"), idText(product.id)},
                                  {QStringLiteral("bin"), bin},
                                  {QStringLiteral("counted"), counted}});
    return compact({{QStringLiteral("client_id"), clientId}, {QStringLiteral("lines"), array}});
}

// Whether any object in the JSON names an expected quantity (or an on-hand one).
bool revealsExpected(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == QLatin1String("expected") || it.key() == QLatin1String("on_hand")
                || it.key() == QLatin1String("difference") || revealsExpected(it.value()))
                return true;
        }
    } else if (value.isArray()) {
        for (const auto &item : value.toArray()) {
            if (revealsExpected(item))
                return true;
        }
    }
    return false;
}

ApiErrorCode refusal(const std::function<void()> &call)
{
    try {
        call();
    } catch (const ApiError &e) {
        return e.code();
    }
    return ApiErrorCode::Internal;
}

} // namespace

// Count sessions (CountService): a blind count by the warehouse's staff, the variance for the
// manager, approval into count_adjustment movements, refusals, repeats.
class TestWarehouseCounts final : public QObject
{
    Q_OBJECT

private:
    // The count_session payloads the keeper's terminal has received.
    static QList<QJsonObject> sessionsSeen(WarehouseFixture &f)
    {
        QList<QJsonObject> seen;
        for (const auto &change : f.pull(f.keeper)) {
            if (change.entity == entity::CountSession)
                seen.append(parse(change.payload));
        }
        return seen;
    }

    static double quantity(const QJsonObject &object, const char *key)
    {
        return object.value(QLatin1String(key)).toString().toDouble();
    }

private Q_SLOTS:
    void fromBlindCountToApproval()
    {
        WarehouseFixture f;
        auto lists = f.pickLists();
        for (const auto &[product, bin] :
             {std::pair {f.bolt, QStringLiteral("A-01")}, std::pair {f.nut, QStringLiteral("A-02")},
              std::pair {f.washer, QStringLiteral("C-09")}})
            lists.putBin(f.manager,
                         compact({{QStringLiteral("warehouse_id"), idText(f.main.id)},
                                  {QStringLiteral("product_id"), idText(product.id)},
                                  {QStringLiteral("bin"), bin}}));
        auto counts = f.counts();
        const auto opened = counts.open(
            f.manager,
            compact({{QStringLiteral("warehouse_id"), idText(f.main.id)},
                     {QStringLiteral("bins"), QJsonArray {QStringLiteral("A-01"), QStringLiteral("A-02")}}}));
        QCOMPARE(opened.status, 201);
        const Id id = idOf(opened);
        QVERIFY(
            sessionOf(opened).value(QStringLiteral("number")).toString().startsWith(QStringLiteral("CNT-")));

        // The keeper counts blind: what comes back is what was counted, nothing expected.
        const QString first = uuid();
        const QByteArray firstBody
            = linesBody(first, {{f.bolt, QStringLiteral("A-01"), QStringLiteral("7")}});
        const auto counted = counts.addLines(f.keeper, id, firstBody);
        QCOMPARE(counted.status, 200);
        QVERIFY(!revealsExpected(sessionOf(counted)));
        // A recount of the same product and bin replaces the first; a repeated request answers
        // as before and changes nothing.
        const auto recounted = counts.addLines(
            f.keeper, id, linesBody(uuid(), {{f.bolt, QStringLiteral("A-01"), QStringLiteral("8")}}));
        const QJsonArray lines = sessionOf(recounted).value(QStringLiteral("lines")).toArray();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(quantity(lines.at(0).toObject(), "counted"), 8.0);
        QCOMPARE(counts.addLines(f.keeper, id, firstBody).json, counted.json);
        // A bin outside the count is refused.
        QCOMPARE(refusal([&] {
                     counts.addLines(
                         f.keeper, id,
                         linesBody(uuid(), {{f.washer, QStringLiteral("C-09"), QStringLiteral("1")}}));
                 }),
                 ApiErrorCode::Unprocessable);
        // Neither the counter nor, before submission, anybody reads the variance.
        QCOMPARE(refusal([&] { counts.variance(f.keeper, id); }), ApiErrorCode::Forbidden);
        QCOMPARE(refusal([&] { counts.variance(f.manager, id); }), ApiErrorCode::Conflict);

        const auto submitted = counts.submit(f.keeper, id);
        QCOMPARE(sessionOf(submitted).value(QStringLiteral("status")).toString(),
                 QStringLiteral("submitted"));
        QVERIFY(!revealsExpected(sessionOf(submitted)));
        QCOMPARE(counts.submit(f.keeper, id).json, submitted.json); // a repeated submit
        QCOMPARE(refusal([&] {
                     counts.addLines(
                         f.keeper, id,
                         linesBody(uuid(), {{f.bolt, QStringLiteral("A-01"), QStringLiteral("9")}}));
                 }),
                 ApiErrorCode::Conflict);
        // The terminals got every version of the session through the feed, never with what the
        // system expected.
        const QList<QJsonObject> seen = sessionsSeen(f);
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.at(0).value(QStringLiteral("status")).toString(), QStringLiteral("submitted"));
        QVERIFY(!revealsExpected(seen.at(0)));

        // The variance: the bolt counted short, the nut nobody counted in its bin is zero.
        const QJsonObject variance = parse(counts.variance(f.manager, id).json);
        QHash<QString, QJsonObject> byProduct;
        for (const auto &line : variance.value(QStringLiteral("lines")).toArray())
            byProduct.insert(line.toObject().value(QStringLiteral("sku")).toString(), line.toObject());
        QCOMPARE(byProduct.size(), 2);
        const QJsonObject bolt = byProduct.value(QStringLiteral("BOLT-10"));
        QCOMPARE(quantity(bolt, "expected"), 10.0);
        QCOMPARE(quantity(bolt, "counted"), 8.0);
        QCOMPARE(quantity(bolt, "difference"), -2.0);
        QCOMPARE(bolt.value(QStringLiteral("bins")).toArray(), QJsonArray {QStringLiteral("A-01")});
        const QJsonObject nut = byProduct.value(QStringLiteral("NUT-10"));
        QCOMPARE(quantity(nut, "expected"), 5.0);
        QCOMPARE(quantity(nut, "counted"), 0.0);
        QCOMPARE(quantity(nut, "difference"), -5.0);

        // Only a manager decides: warehouse staff, of this warehouse or another, are refused and
        // nothing moves.
        for (const Caller *c : {&f.keeper, &f.stranger, &f.buyer}) {
            QCOMPARE(refusal([&] { counts.decide(*c, id, true); }), ApiErrorCode::Forbidden);
            QCOMPARE(refusal([&] { counts.decide(*c, id, false); }), ApiErrorCode::Forbidden);
        }
        QCOMPARE(f.stock(f.bolt, f.main).onHand.milli(), milli(10));
        QVERIFY(f.journal(f.bolt).isEmpty());

        const auto approved = counts.decide(f.manager, id, true);
        QCOMPARE(sessionOf(approved).value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
        QCOMPARE(f.stock(f.bolt, f.main).onHand.milli(), milli(8));
        QCOMPARE(f.stock(f.nut, f.main).onHand.milli(), 0);
        QCOMPARE(f.stock(f.washer, f.main).onHand.milli(), milli(100));
        const QList<std::pair<QString, qint64>> boltJournal {{QStringLiteral("count_adjustment"), -milli(2)}};
        const QList<std::pair<QString, qint64>> nutJournal {{QStringLiteral("count_adjustment"), -milli(5)}};
        QCOMPARE(f.journal(f.bolt), boltJournal);
        QCOMPARE(f.journal(f.nut), nutJournal);
        // Approving again is answered as before and moves nothing more; rejecting now is too late.
        QCOMPARE(sessionOf(counts.decide(f.manager, id, true)).value(QStringLiteral("status")).toString(),
                 QStringLiteral("approved"));
        QCOMPARE(f.journal(f.bolt), boltJournal);
        QCOMPARE(f.stock(f.bolt, f.main).onHand.milli(), milli(8));
        QCOMPARE(refusal([&] { counts.decide(f.manager, id, false); }), ApiErrorCode::Conflict);
        // The movements carry the count.
        CountService::MovementQuery query;
        query.warehouseId = f.main.id;
        query.productId = f.bolt.id;
        const QJsonArray movements
            = parse(counts.movements(f.manager, query).json).value(QStringLiteral("movements")).toArray();
        QCOMPARE(movements.size(), 1);
        QCOMPARE(movements.at(0).toObject().value(QStringLiteral("count_id")).toString(), idText(id));
        QCOMPARE(sessionsSeen(f).at(0).value(QStringLiteral("status")).toString(),
                 QStringLiteral("approved"));
    }

    void aRejectedCountLeavesStockAlone()
    {
        WarehouseFixture f;
        const Id id = f.countSubmitted(f.bolt, 3);
        auto counts = f.counts();
        QCOMPARE(sessionOf(counts.decide(f.manager, id, false)).value(QStringLiteral("status")).toString(),
                 QStringLiteral("rejected"));
        QCOMPARE(sessionOf(counts.decide(f.manager, id, false)).value(QStringLiteral("status")).toString(),
                 QStringLiteral("rejected"));
        QCOMPARE(refusal([&] { counts.decide(f.manager, id, true); }), ApiErrorCode::Conflict);
        QCOMPARE(f.stock(f.bolt, f.main).onHand.milli(), milli(10));
        QVERIFY(f.journal(f.bolt).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWarehouseCounts)
#include "tst_warehousecounts.moc"
