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
    static QString scalarOf(WarehouseFixture &f, const QString &statement)
    {
        return f.database->read([&](QSqlDatabase &tx) {
            Sql q(tx, statement);
            q.exec();
            return q.next() ? q.value(0).toString() : QString();
        });
    }

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

    void theJournalPagesThroughEachStockRow()
    {
        // Movements of several stock rows, interleaved: adjustments one by one and two of one row
        // in a transaction (StockLedger::move), and reservations of orders (reserveOrder).
        WarehouseFixture f;
        f.setOnHand(f.bolt, 100);
        f.setOnHand(f.nut, 100);
        const auto adjust = [&](const QList<std::pair<Product, const Warehouse *>> &rows) {
            f.database->write([&](QSqlDatabase &tx) {
                FeedBatch feed;
                StockLedger ledger(tx, f.env.clock, Id::fromString(f.manager.userId));
                for (const auto &[product, warehouse] : rows)
                    ledger.move(MovementKind::CountAdjustment, product.id, warehouse->id,
                                Quantity::fromInt(1), Quantity::fromInt(1), {},
                                {{}, {}, {}, QStringLiteral("found")});
                ledger.finish(feed);
                feed.append(tx);
            });
        };
        for (int round = 0; round < 4; ++round) {
            adjust({{f.bolt, &f.main}, {f.nut, &f.main}, {f.bolt, &f.other}});
            f.submit({{f.bolt, 1}, {f.nut, 2}});
            adjust({{f.bolt, &f.main}, {f.bolt, &f.main}, {f.washer, &f.other}});
        }

        // What each filter must give, newest first, from the journal as it is stored.
        const auto stored = [&](const QString &where) {
            return f.database->read([&](QSqlDatabase &tx) {
                Sql q(tx,
                      QStringLiteral("SELECT id FROM stock_movements WHERE ") + where
                          + QStringLiteral(" ORDER BY id DESC"));
                q.exec();
                QList<qint64> ids;
                while (q.next())
                    ids.append(q.value(0).toLongLong());
                return ids;
            });
        };
        const auto is = [](const Product &p) {
            return QStringLiteral("product_id = '%1'").arg(idText(p.id));
        };
        const auto in = [](const Warehouse &w) {
            return QStringLiteral("warehouse_id = '%1'").arg(idText(w.id));
        };
        // The ids the API gives page by page, `limit` at a time, each page from the one before.
        auto counts = f.counts();
        // A movement of another product, or a short page before the last, shows as an id of -1.
        const auto paged
            = [&](const Id &product, const Id &warehouse, int limit, qint64 before) -> QList<qint64> {
            QList<qint64> ids;
            CountService::MovementQuery query;
            query.productId = product;
            query.warehouseId = warehouse;
            query.limit = limit;
            query.before = before;
            for (int page = 0; page < 100; ++page) {
                const QJsonObject answer = parse(counts.movements(f.manager, query).json);
                const QJsonArray movements = answer.value(QStringLiteral("movements")).toArray();
                for (const auto &m : movements) {
                    ids.append(m.toObject().value(QStringLiteral("id")).toInteger());
                    if (!product.isNull()
                        && m.toObject().value(QStringLiteral("product_id")).toString() != idText(product))
                        ids.append(-1);
                }
                if (answer.value(QStringLiteral("next_before")).isNull())
                    break;
                if (movements.size() != limit)
                    ids.append(-1);
                query.before = answer.value(QStringLiteral("next_before")).toInteger();
            }
            return ids;
        };
        const QList<qint64> boltMain = stored(is(f.bolt) + QStringLiteral(" AND ") + in(f.main));
        QCOMPARE(boltMain.size(), 4 * 4); // three adjustments and a reservation a round
        QCOMPARE(paged(f.bolt.id, f.main.id, 3, 0), boltMain);
        QCOMPARE(paged(f.bolt.id, f.main.id, 100, 0), boltMain);
        QCOMPARE(paged(f.bolt.id, f.other.id, 2, 0),
                 stored(is(f.bolt) + QStringLiteral(" AND ") + in(f.other)));
        QCOMPARE(paged(f.nut.id, f.main.id, 5, 0), stored(is(f.nut) + QStringLiteral(" AND ") + in(f.main)));
        QCOMPARE(paged(f.washer.id, f.main.id, 5, 0), QList<qint64>());
        // A product in every warehouse: its rows' chains merged.
        QCOMPARE(paged(f.bolt.id, {}, 4, 0), stored(is(f.bolt)));
        QCOMPARE(paged({}, f.other.id, 4, 0), stored(in(f.other)));
        QCOMPARE(paged({}, {}, 7, 0), stored(QStringLiteral("1 = 1")));
        // `before` that is not a movement of the row asked for: the older ones all the same.
        const qint64 washerMovement = stored(is(f.washer)).at(1);
        QList<qint64> older;
        for (const qint64 id : boltMain) {
            if (id < washerMovement)
                older.append(id);
        }
        QVERIFY(!older.isEmpty() && older.size() < boltMain.size());
        QCOMPARE(paged(f.bolt.id, f.main.id, 3, washerMovement), older);

        // The chain as stored: every row names its newest movement, every movement the one before.
        const QString broken = scalarOf(
            f,
            QStringLiteral("SELECT COUNT(*) FROM stock_movements m WHERE m.previous <> COALESCE((SELECT "
                           "MAX(p.id) FROM stock_movements p WHERE p.product_id = m.product_id AND "
                           "p.warehouse_id = m.warehouse_id AND p.id < m.id), 0)"));
        QCOMPARE(broken, QStringLiteral("0"));
        const QString headless = scalarOf(
            f,
            QStringLiteral("SELECT COUNT(*) FROM stock s WHERE s.last_movement <> COALESCE((SELECT "
                           "MAX(m.id) FROM stock_movements m WHERE m.product_id = s.product_id AND "
                           "m.warehouse_id = s.warehouse_id), 0)"));
        QCOMPARE(headless, QStringLiteral("0"));
    }

    // A count that finds less reaches every order that holds the product, however far back in
    // the stock row's journal its reservation was made: the journal is how they are found.
    void aShortCountReachesReservationsFarBackInTheJournal()
    {
        WarehouseFixture f;
        const Id oldest = f.submit({{f.bolt, 3}});
        // Hundreds of movements since (more than one slice of the walk): orders that reserve and
        // are cancelled.
        for (int i = 0; i < 150; ++i) {
            const Id passing = f.submit({{f.bolt, 1}});
            f.orders().transition(f.manager, passing, OrderStatus::Cancelled, QStringLiteral("passing"));
        }
        const Id middle = f.submit({{f.bolt, 2}});
        const Id newest = f.submit({{f.bolt, 4}});
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(9));
        QVERIFY(f.journal(f.bolt).size() > 300);
        // The shelf has 2: the newest order gives back 4, the middle one 2, the oldest 1.
        f.counts().decide(f.manager, f.countSubmitted(f.bolt, 2), true);
        QCOMPARE(f.reservation(newest), std::pair(qint64(0), milli(4)));
        QCOMPARE(f.reservation(middle), std::pair(qint64(0), milli(2)));
        QCOMPARE(f.reservation(oldest), std::pair(milli(2), milli(1)));
        QCOMPARE(f.stock(f.bolt, f.main).reserved.milli(), milli(2));
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
