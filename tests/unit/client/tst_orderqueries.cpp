#include "cache/orderqueries.h"
#include "catalogfixture.h"
#include "orders/localorders.h"
#include "sync/outbox.h"

#include <QSqlDatabase>
#include <QTest>

using namespace portico;
using namespace portico::client;
using namespace portico::client::catalogfixture;

Q_DECLARE_METATYPE(portico::client::OrderListFilter)

namespace {

const QDateTime DraftTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC);
const QDateTime SubmitTime(QDate(2026, 12, 2), QTime(10, 0), Qt::UTC);

// A server order with the given lines, each {product key, quantity}.
QJsonObject orderWithLines(const QString &key, const QString &number,
                           const QList<std::pair<QString, QString>> &lines)
{
    QJsonObject order = orderJson(key, number, QStringLiteral("completed"));
    QJsonArray array;
    int lineNo = 0;
    for (const auto &[product, quantity] : lines) {
        array.append(
            object(QStringLiteral(R"({"amount":"10.00","discount_bp":0,"line_no":%1,"product_id":"%2",)"
                                  R"("quantity":"%3","total":"10.00","unit_price":"10.00",)"
                                  R"("vat_amount":"1.67","vat_rate":"20"})")
                       .arg(++lineNo)
                       .arg(uuid(product), quantity)));
    }
    order.insert(QStringLiteral("lines"), array);
    order.insert(QStringLiteral("created_at"), QStringLiteral("2026-11-20T08:00:00Z"));
    return order;
}

} // namespace

// The orders screen's queries: the list with its filters and text search, an order's detail with
// both versions side by side, and the availability check of a reorder.
class TestOrderQueries final
    : public QObject
    , private CatalogFixture
{
    Q_OBJECT

    Id m_draft; // bolt × 2, "к 9 утра", saved on DraftTime
    Id m_submitted; // bolt × 5, "Срочно, склад", submitted on SubmitTime

    OrderDraft draftOf(qint64 milli, const QString &comment)
    {
        OrderDraft draft;
        draft.customerId = id(QStringLiteral("romashka"));
        draft.comment = comment;
        draft.lines.append({id(QStringLiteral("bolt")), Quantity::fromMilli(milli)});
        return draft;
    }

    QList<OrderListRow> list(const OrderListFilter &filter, int offset = 0, int limit = 100)
    {
        return db([&](QSqlDatabase &c) { return OrderQueries::orders(c, filter, offset, limit); });
    }

    // The server's answer to the submitted order: accepted with a higher price.
    void answerWithChanges()
    {
        db([&](QSqlDatabase &c) {
            const OutboxItem item = Outbox::pending(c, 10).last();
            QJsonObject reply = QJsonDocument::fromJson(item.payload).object();
            QJsonArray lines = reply.value(QStringLiteral("lines")).toArray();
            QJsonObject line = lines.at(0).toObject();
            line.insert(QStringLiteral("unit_price"), QStringLiteral("12.00"));
            line.insert(QStringLiteral("total"), QStringLiteral("58.20"));
            line.insert(QStringLiteral("amount"), QStringLiteral("58.20"));
            lines.replace(0, line);
            reply.insert(QStringLiteral("lines"), lines);
            reply.insert(QStringLiteral("number"), QStringLiteral("ЗК-000777"));
            reply.insert(QStringLiteral("status"), QStringLiteral("accepted_with_changes"));
            reply.insert(QStringLiteral("outcome"),
                         QJsonObject {{QStringLiteral("status"), QStringLiteral("accepted_with_changes")},
                                      {QStringLiteral("reasons"),
                                       QJsonArray {QJsonObject {
                                           {QStringLiteral("code"), QStringLiteral("unit_price_changed")},
                                           {QStringLiteral("message"), QStringLiteral("Цена изменилась")},
                                           {QStringLiteral("line_no"), 1},
                                           {QStringLiteral("product_id"), uuid(QStringLiteral("bolt"))}}}}});
            LocalOrders::recordAnswer(c, item, reply, SubmitTime.addSecs(60));
            Outbox::remove(c, item.id);
        });
    }

private Q_SLOTS:
    void init()
    {
        openCache();
        applyCatalog();
        const Id user = Id::createUuid();
        m_draft = db([&](QSqlDatabase &c) {
            return LocalOrders::saveDraft(c, draftOf(2000, QStringLiteral("к 9 утра")), user, DraftTime)
                .order.id;
        });
        m_submitted = db([&](QSqlDatabase &c) {
            const Id orderId
                = LocalOrders::saveDraft(c, draftOf(5000, QStringLiteral("Срочно, склад")), user, SubmitTime)
                      .order.id;
            LocalOrders::submit(c, orderId, SubmitTime);
            return orderId;
        });
    }

    void cleanup() { closeCache(); }

    void listsNewestFirstWithCustomerAndState()
    {
        const auto rows = list({});
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).id, m_submitted);
        QCOMPARE(rows.at(1).id, m_draft);
        QCOMPARE(rows.at(2).id, id(QStringLiteral("order-1")));
        QCOMPARE(rows.at(0).localState, LocalOrder::LocalState::Queued);
        QCOMPARE(rows.at(1).localState, LocalOrder::LocalState::Draft);
        QCOMPARE(rows.at(2).localState, LocalOrder::LocalState::ServerOnly);
        QCOMPARE(rows.at(0).customerName, QStringLiteral("Ромашка"));
        QCOMPARE(rows.at(0).comment, QStringLiteral("Срочно, склад"));
        QCOMPARE(rows.at(2).displayNumber(), QStringLiteral("P-000300"));
        QVERIFY(rows.at(1).number.isEmpty());
        QCOMPARE(rows.at(1).displayNumber(), rows.at(1).clientNumber);
        QCOMPARE(rows.at(2).status, OrderStatus::Accepted);
        QCOMPARE(rows.at(2).total, Money::fromMinor(106778, Currency::rub()));
        QVERIFY(!rows.at(0).needsAttention);

        const auto one = db([&](QSqlDatabase &c) { return OrderQueries::orderRow(c, m_draft); });
        QVERIFY(one.has_value());
        QCOMPARE(one->comment, QStringLiteral("к 9 утра"));

        // Pages.
        QCOMPARE(list({}, 1, 1).size(), 1);
        QCOMPARE(list({}, 1, 1).at(0).id, m_draft);
        QCOMPARE(list({}, 3, 10).size(), 0);
    }

    void filters_data()
    {
        QTest::addColumn<OrderListFilter>("filter");
        QTest::addColumn<QStringList>("expected"); // "draft", "submitted", "server"
        auto with = [](auto change) {
            OrderListFilter filter;
            change(filter);
            return filter;
        };
        QTest::newRow("status accepted") << with([](OrderListFilter &f) { f.status = OrderStatus::Accepted; })
                                         << QStringList {QStringLiteral("server")};
        QTest::newRow("status draft") << with([](OrderListFilter &f) { f.status = OrderStatus::Draft; })
                                      << QStringList {QStringLiteral("draft")};
        QTest::newRow("status submitted")
            << with([](OrderListFilter &f) { f.status = OrderStatus::Submitted; })
            << QStringList {QStringLiteral("submitted")};
        QTest::newRow("status shipped")
            << with([](OrderListFilter &f) { f.status = OrderStatus::Shipped; }) << QStringList {};
        QTest::newRow("one day") << with([](OrderListFilter &f) {
            f.from = DraftTime.toLocalTime().date();
            f.to = DraftTime.toLocalTime().date();
        }) << QStringList {QStringLiteral("draft")};
        QTest::newRow("from a day") << with([](OrderListFilter &f) {
            f.from = DraftTime.toLocalTime().date();
        }) << QStringList {QStringLiteral("submitted"), QStringLiteral("draft")};
        QTest::newRow("up to a day") << with([](OrderListFilter &f) {
            f.to = DraftTime.toLocalTime().date();
        }) << QStringList {QStringLiteral("draft"), QStringLiteral("server")};
        QTest::newRow("customer") << with([](OrderListFilter &f) {
            f.customerId = id(QStringLiteral("romashka"));
        }) << QStringList {QStringLiteral("submitted"), QStringLiteral("draft"), QStringLiteral("server")};
        QTest::newRow("another customer")
            << with([](OrderListFilter &f) { f.customerId = id(QStringLiteral("nobody")); })
            << QStringList {};
        QTest::newRow("comment, folded case")
            << with([](OrderListFilter &f) { f.text = QStringLiteral("СРОЧНО"); })
            << QStringList {QStringLiteral("submitted")};
        QTest::newRow("server number") << with([](OrderListFilter &f) { f.text = QStringLiteral("p-0003"); })
                                       << QStringList {QStringLiteral("server")};
        QTest::newRow("customer name")
            << with([](OrderListFilter &f) { f.text = QStringLiteral("ромаш"); })
            << QStringList {QStringLiteral("submitted"), QStringLiteral("draft"), QStringLiteral("server")};
        QTest::newRow("text and status") << with([](OrderListFilter &f) {
            f.text = QStringLiteral("ромаш");
            f.status = OrderStatus::Draft;
        }) << QStringList {QStringLiteral("draft")};
        QTest::newRow("no match") << with([](OrderListFilter &f) { f.text = QStringLiteral("zzz"); })
                                  << QStringList {};
    }

    void filters()
    {
        QFETCH(OrderListFilter, filter);
        QFETCH(QStringList, expected);
        QStringList names;
        for (const OrderListRow &row : list(filter)) {
            if (row.id == m_draft)
                names.append(QStringLiteral("draft"));
            else if (row.id == m_submitted)
                names.append(QStringLiteral("submitted"));
            else
                names.append(QStringLiteral("server"));
        }
        QCOMPARE(names, expected);
    }

    void textSearchPages()
    {
        OrderListFilter filter;
        filter.text = QStringLiteral("ромаш");
        QCOMPARE(list(filter, 0, 2).size(), 2);
        const auto second = list(filter, 1, 1);
        QCOMPARE(second.size(), 1);
        QCOMPARE(second.at(0).id, m_draft);
        QCOMPARE(list(filter, 2, 5).size(), 1);
        // The client number of the draft.
        filter.text = list({}, 1, 1).at(0).clientNumber;
        QCOMPARE(list(filter).size(), 1);
    }

    void acceptedWithChangesShowsBothVersions()
    {
        answerWithChanges();
        OrderListFilter attention;
        attention.needsAttentionOnly = true;
        QCOMPARE(list(attention).size(), 1);
        QCOMPARE(list(attention).at(0).id, m_submitted);
        QVERIFY(list(attention).at(0).needsAttention);

        auto detail = db([&](QSqlDatabase &c) { return OrderQueries::detail(c, m_submitted); });
        QVERIFY(detail.has_value());
        QCOMPARE(detail->order.order.number, QStringLiteral("ЗК-000777"));
        QCOMPARE(detail->order.order.status, OrderStatus::AcceptedWithChanges);
        QCOMPARE(detail->outcomeStatus, OrderStatus::AcceptedWithChanges);
        QCOMPARE(detail->customerName, QStringLiteral("Ромашка"));
        QVERIFY(detail->needsAttention);
        QCOMPARE(detail->lines.size(), 1);
        QCOMPARE(detail->lines.at(0).sku, QStringLiteral("КР-0001"));
        QCOMPARE(detail->lines.at(0).unitName, QStringLiteral("шт"));
        QCOMPARE(detail->comparison.size(), 1);
        const OrderLineComparison &line = detail->comparison.at(0);
        QCOMPARE(line.sku, QStringLiteral("КР-0001"));
        QVERIFY(line.priceChanged());
        QVERIFY(line.totalChanged());
        QVERIFY(!line.quantityChanged());
        QCOMPARE(line.local->unitPrice, Money::fromMinor(1000, Currency::rub()));
        QCOMPARE(line.server->unitPrice, Money::fromMinor(1200, Currency::rub()));
        QCOMPARE(detail->reasons.size(), 1);
        QCOMPARE(detail->reasons.at(0).sku, QStringLiteral("КР-0001"));
        QCOMPARE(detail->reasons.at(0).lineNo, 1);
        QVERIFY(detail->pendingActions.isEmpty());
        QVERIFY(detail->canConfirm());
        QVERIFY(detail->canCancel());

        // Confirmed: waiting in the outbox, not to be confirmed twice.
        db([&](QSqlDatabase &c) {
            LocalOrders::confirm(c, m_submitted, SubmitTime.addSecs(120));
            LocalOrders::markOutcomeSeen(c, m_submitted);
        });
        detail = db([&](QSqlDatabase &c) { return OrderQueries::detail(c, m_submitted); });
        QVERIFY(detail->hasPendingAction(OutboxItem::Kind::ConfirmOrder));
        QVERIFY(!detail->canConfirm());
        QVERIFY(!detail->needsAttention);
        QCOMPARE(list(attention).size(), 0);

        // Edit copies the version asked for, reorder the one accepted.
        const auto local = db([&](QSqlDatabase &c) {
            return OrderQueries::reorderLines(c, m_submitted, id(QStringLiteral("wholesale")),
                                              OrderQueries::OrderVersion::Local);
        });
        QCOMPARE(local.all.size(), 1);
        QCOMPARE(local.all.at(0).quantity, Quantity::fromMilli(5000));
    }

    void detailOfAServerOrder()
    {
        const auto detail
            = db([&](QSqlDatabase &c) { return OrderQueries::detail(c, id(QStringLiteral("order-1"))); });
        QVERIFY(detail.has_value());
        QVERIFY(detail->comparison.isEmpty());
        QCOMPARE(detail->order.localState, LocalOrder::LocalState::ServerOnly);
        QCOMPARE(detail->order.order.history.size(), 2);
        QCOMPARE(detail->outcomeStatus, OrderStatus::Accepted); // from the feed's copy
        QCOMPARE(detail->lines.at(0).name, QStringLiteral("Болт М8х40 оцинкованный"));
        QVERIFY(!detail->canConfirm());
        QVERIFY(detail->canCancel()); // accepted -> cancelled is allowed
        // The invoice the feed brought for it.
        QCOMPARE(detail->documents.size(), 1);
        QCOMPARE(detail->documents.at(0).kind, DocumentKind::Invoice);
        QCOMPARE(detail->documents.at(0).number, QStringLiteral("СЧ-17"));
        QCOMPARE(detail->documents.at(0).date, QDate(2026, 11, 30));
        QCOMPARE(detail->documents.at(0).amount.toString(), QStringLiteral("1067.78"));
        QCOMPARE(detail->documents.at(0).customerId, id(QStringLiteral("romashka")));
        QVERIFY(!db([&](QSqlDatabase &c) { return OrderQueries::detail(c, id(QStringLiteral("nothing"))); }));

        // A draft is never cancelled (it is deleted), a queued order is.
        const auto draft = db([&](QSqlDatabase &c) { return OrderQueries::detail(c, m_draft); });
        QVERIFY(!draft->canCancel());
        const auto queued = db([&](QSqlDatabase &c) { return OrderQueries::detail(c, m_submitted); });
        QVERIFY(queued->canCancel());
        QVERIFY(queued->hasPendingAction(OutboxItem::Kind::SubmitOrder));
        QVERIFY(draft->documents.isEmpty());
    }

    void draftShowsItsUnpricedLines()
    {
        // The nut has no wholesale price: the draft keeps it, unpriced.
        const Id draft = db([&](QSqlDatabase &c) {
            OrderDraft order = draftOf(1000, QStringLiteral("без цены"));
            order.lines.append({id(QStringLiteral("nut")), Quantity::fromMilli(3000)});
            return LocalOrders::saveDraft(c, order, Id::createUuid(), DraftTime).order.id;
        });
        const auto detail = db([&](QSqlDatabase &c) { return OrderQueries::detail(c, draft); });
        QVERIFY(detail.has_value());
        QCOMPARE(detail->lines.size(), 2);
        QVERIFY(detail->lines.at(0).priced);
        QCOMPARE(detail->lines.at(0).sku, QStringLiteral("КР-0001"));
        QVERIFY(!detail->lines.at(1).priced);
        QCOMPARE(detail->lines.at(1).sku, QStringLiteral("КР-0002"));
        QCOMPARE(detail->lines.at(1).line.quantity, Quantity::fromMilli(3000));
        QCOMPARE(detail->lines.at(1).line.lineNo, 2);
        // A submitted order has no such lines.
        const auto submitted = db([&](QSqlDatabase &c) { return OrderQueries::detail(c, m_submitted); });
        QCOMPARE(submitted->lines.size(), 1);
    }

    void reorderFlagsWhatCannotBeOrdered()
    {
        apply(page(Epoch, 101, false,
                   {upsert(101, QStringLiteral("order"), uuid(QStringLiteral("order-2")),
                           orderWithLines(QStringLiteral("order-2"), QStringLiteral("P-000301"),
                                          {{QStringLiteral("bolt"), QStringLiteral("3")},
                                           {QStringLiteral("nut"), QStringLiteral("2")},
                                           {QStringLiteral("old-screw"), QStringLiteral("1")},
                                           {QStringLiteral("plaster"), QStringLiteral("1")},
                                           {QStringLiteral("gone"), QStringLiteral("1")}}))}));
        // Retail: the bolt has a price and stock; the nut a price and no stock; the old screw is
        // no longer sold; the plaster has no retail price; the last product is unknown here.
        const auto lines = db([&](QSqlDatabase &c) {
            return OrderQueries::reorderLines(c, id(QStringLiteral("order-2")), id(QStringLiteral("retail")));
        });
        QCOMPARE(lines.all.size(), 5);
        QCOMPARE(lines.available.size(), 1);
        QCOMPARE(lines.available.at(0).productId, id(QStringLiteral("bolt")));
        QCOMPARE(lines.available.at(0).quantity, Quantity::fromMilli(3000));
        QCOMPARE(lines.unavailable.size(), 4);
        QCOMPARE(lines.unavailable.at(0).productId, id(QStringLiteral("nut")));
        QCOMPARE(lines.unavailable.at(0).reason, UnavailableProduct::Reason::NoStock);
        QCOMPARE(lines.unavailable.at(0).sku, QStringLiteral("КР-0002"));
        QCOMPARE(lines.unavailable.at(1).reason, UnavailableProduct::Reason::Inactive);
        QCOMPARE(lines.unavailable.at(2).reason, UnavailableProduct::Reason::NoPrice);
        QCOMPARE(lines.unavailable.at(3).reason, UnavailableProduct::Reason::Unknown);

        const auto customer = db(
            [&](QSqlDatabase &c) { return OrderQueries::customerRow(c, id(QStringLiteral("romashka"))); });
        QVERIFY(customer.has_value());
        QCOMPARE(customer->priceTypeId, id(QStringLiteral("wholesale")));
        QVERIFY(!db([&](QSqlDatabase &c) { return OrderQueries::customerRow(c, id(QStringLiteral("x"))); }));
    }
};

QTEST_GUILESS_MAIN(TestOrderQueries)
#include "tst_orderqueries.moc"
