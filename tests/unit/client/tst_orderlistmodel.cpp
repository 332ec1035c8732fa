#include "catalogfixture.h"
#include "models/ordercomparisonmodel.h"
#include "models/orderlinesmodel.h"
#include "models/orderlistmodel.h"
#include "models/orderstatustext.h"
#include "orders/localorders.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace portico;
using namespace portico::client;
using namespace portico::client::catalogfixture;

// The orders list model: pages loaded from the cache thread as the view scrolls, filters that
// start over, reloads that keep what was loaded, and the words and roles its cells show. Also the
// detail's two small models (lines; both versions side by side).
class TestOrderListModel final
    : public QObject
    , private CatalogFixture
{
    Q_OBJECT

    static constexpr int ServerOrders = 150;

    // 150 server orders (one accepted in ten, the rest completed) and one local draft.
    void fill()
    {
        applyCatalog();
        QList<SyncChange> changes;
        for (int i = 0; i < ServerOrders; ++i) {
            const QString key = QStringLiteral("bulk-%1").arg(i);
            QJsonObject order
                = orderJson(key, QStringLiteral("P-%1").arg(1000 + i, 6, 10, QLatin1Char('0')),
                            i % 10 == 0 ? QStringLiteral("accepted") : QStringLiteral("completed"));
            order.insert(
                QStringLiteral("created_at"),
                QDateTime(QDate(2026, 10, 1), QTime(8, 0), Qt::UTC).addSecs(3600 * i).toString(Qt::ISODate));
            changes.append(upsert(200 + i, QStringLiteral("order"), uuid(key), order));
        }
        apply(page(Epoch, 500, false, changes));
        db([](QSqlDatabase &c) {
            OrderDraft draft;
            draft.customerId = id(QStringLiteral("romashka"));
            draft.lines.append({id(QStringLiteral("bolt")), Quantity::fromInt(2)});
            LocalOrders::saveDraft(c, draft, Id::createUuid(),
                                   QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC));
        });
    }

    // Answers may land before a spy could see them (a job done before its continuation was
    // attached continues at once): wait for the state instead.
    static void waitLoaded(OrderListModel &model) { QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 5000); }

private Q_SLOTS:
    void init()
    {
        openCache();
        fill();
    }

    void cleanup() { closeCache(); }

    void loadsPageByPage()
    {
        OrderListModel model(*m_cache);
        // No tester here: it fetches more on its own, and this counts the pages.
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({})); // nothing asked for yet
        model.setFilter({});
        QVERIFY(model.isLoading());
        waitLoaded(model);
        QCOMPARE(model.rowCount(), OrderListModel::PageSize);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({})); // one page at a time
        waitLoaded(model);
        QCOMPARE(model.rowCount(), ServerOrders + 2);
        QVERIFY(!model.canFetchMore({}));

        // Newest first: the draft, the catalog's order, then the last of the bulk.
        QCOMPARE(model.order(0).localState, LocalOrder::LocalState::Draft);
        QCOMPARE(model.index(2, OrderListModel::NumberColumn).data().toString(), QStringLiteral("P-001149"));
        QCOMPARE(model.index(0, OrderListModel::NumberColumn).data().toString(), model.order(0).clientNumber);
        QCOMPARE(model.index(0, OrderListModel::LocalStateColumn).data().toString(),
                 OrderStatusText::localState(LocalOrder::LocalState::Draft));
        QCOMPARE(model.index(0, OrderListModel::StatusColumn).data().toString(),
                 OrderStatusText::status(OrderStatus::Draft));
        QCOMPARE(model.index(2, OrderListModel::StatusColumn).data().toString(),
                 OrderStatusText::status(OrderStatus::Completed));
        QVERIFY(model.index(2, OrderListModel::LocalStateColumn).data().toString().isEmpty());
        QCOMPARE(model.index(2, OrderListModel::CustomerColumn).data().toString(), QStringLiteral("Ромашка"));
        QCOMPARE(model.index(2, OrderListModel::TotalColumn).data().toString(),
                 Money::fromMinor(106778, Currency::rub()).toDisplayString(QLocale()));
        QCOMPARE(model.index(2, 0).data(OrderListModel::IdRole).toString(), uuid(QStringLiteral("bulk-149")));
        QCOMPARE(model.index(2, 0).data(OrderListModel::StatusRole).toInt(), int(OrderStatus::Completed));
        QCOMPARE(model.index(0, 0).data(OrderListModel::LocalStateRole).toInt(),
                 int(LocalOrder::LocalState::Draft));
        QCOMPARE(model.index(2, 0).data(OrderListModel::CustomerIdRole).toString(),
                 uuid(QStringLiteral("romashka")));
        QCOMPARE(model.headerData(OrderListModel::StatusColumn, Qt::Horizontal).toString(),
                 OrderListModel::tr("Status"));
        QCOMPARE(model.rowOf(id(QStringLiteral("bulk-0"))), ServerOrders + 1);
        QCOMPARE(model.rowOf(id(QStringLiteral("missing"))), -1);
    }

    void filterStartsOverAndReloadKeepsTheRows()
    {
        OrderListModel model(*m_cache);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter({});
        waitLoaded(model);
        model.fetchMore({});
        waitLoaded(model);
        QCOMPARE(model.rowCount(), ServerOrders + 2);

        OrderListFilter accepted;
        accepted.status = OrderStatus::Accepted;
        model.setFilter(accepted);
        waitLoaded(model);
        QCOMPARE(model.rowCount(), ServerOrders / 10 + 1); // and the catalog's own order
        QVERIFY(!model.canFetchMore({}));
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.order(row).status, OrderStatus::Accepted);

        model.setFilter({});
        waitLoaded(model);
        model.fetchMore({});
        waitLoaded(model);
        // A new order arrives; a reload reads as many rows as were loaded, and the new one.
        db([](QSqlDatabase &c) {
            OrderDraft draft;
            draft.customerId = id(QStringLiteral("romashka"));
            draft.lines.append({id(QStringLiteral("bolt")), Quantity::fromInt(1)});
            LocalOrders::saveDraft(c, draft, Id::createUuid(),
                                   QDateTime(QDate(2026, 12, 2), QTime(9, 0), Qt::UTC));
        });
        model.reload();
        waitLoaded(model);
        // As many rows as were loaded (the tester may have asked for the one more already).
        QVERIFY(model.rowCount() >= ServerOrders + 2);
        QCOMPARE(model.order(0).createdAt, QDateTime(QDate(2026, 12, 2), QTime(9, 0), Qt::UTC));
        QTRY_VERIFY(model.canFetchMore({}) || model.rowCount() == ServerOrders + 3);
        if (model.canFetchMore({}))
            model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), ServerOrders + 3);

        // A filter answered after a newer one is dropped: the list is the unfiltered one.
        model.setFilter(accepted);
        model.setFilter({});
        waitLoaded(model);
        QVERIFY(model.rowCount() >= OrderListModel::PageSize);
        QCOMPARE(model.order(0).status, OrderStatus::Draft);
    }

    void outcomeSeenStopsAskingForAttention()
    {
        // An upload answered by the server: its outcome waits to be seen.
        const Id orderId = db([](QSqlDatabase &c) {
            OrderDraft draft;
            draft.customerId = id(QStringLiteral("romashka"));
            draft.lines.append({id(QStringLiteral("bolt")), Quantity::fromInt(3)});
            const QDateTime at(QDate(2026, 12, 3), QTime(9, 0), Qt::UTC);
            const Id saved = LocalOrders::saveDraft(c, draft, Id::createUuid(), at).order.id;
            LocalOrders::submit(c, saved, at);
            const OutboxItem item = Outbox::pending(c, 10).last();
            QJsonObject reply = QJsonDocument::fromJson(item.payload).object();
            reply.insert(QStringLiteral("number"), QStringLiteral("ЗК-1"));
            reply.insert(QStringLiteral("status"), QStringLiteral("accepted"));
            reply.insert(QStringLiteral("outcome"),
                         QJsonObject {{QStringLiteral("status"), QStringLiteral("accepted")},
                                      {QStringLiteral("reasons"), QJsonArray {}}});
            LocalOrders::recordAnswer(c, item, reply, at);
            Outbox::remove(c, item.id);
            return saved;
        });
        OrderListModel model(*m_cache);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter({});
        waitLoaded(model);
        QCOMPARE(model.order(0).id, orderId);
        QVERIFY(model.index(0, 0).data(OrderListModel::NeedsAttentionRole).toBool());
        QCOMPARE(model.index(0, OrderListModel::AttentionColumn).data().toString(),
                 OrderListModel::tr("Needs your attention"));
        QCOMPARE(model.index(0, OrderListModel::NumberColumn).data().toString(), QStringLiteral("ЗК-1"));
        QVERIFY(!model.index(1, 0).data(OrderListModel::NeedsAttentionRole).toBool());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setOutcomeSeen(orderId);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!model.index(0, 0).data(OrderListModel::NeedsAttentionRole).toBool());
        QVERIFY(model.index(0, OrderListModel::AttentionColumn).data().toString().isEmpty());
    }

    void detailModels()
    {
        OrderLine asked;
        asked.lineNo = 1;
        asked.productId = id(QStringLiteral("bolt"));
        asked.quantity = Quantity::fromInt(5);
        asked.unitPrice = Money::fromMinor(1000, Currency::rub());
        asked.total = Money::fromMinor(5000, Currency::rub());
        OrderLine accepted = asked;
        accepted.unitPrice = Money::fromMinor(1200, Currency::rub());
        accepted.total = Money::fromMinor(6000, Currency::rub());
        OrderLine dropped = asked;
        dropped.lineNo = 2;
        dropped.productId = id(QStringLiteral("nut"));

        OrderComparisonModel comparison;
        QAbstractItemModelTester comparisonTester(&comparison,
                                                  QAbstractItemModelTester::FailureReportingMode::QtTest);
        OrderLineComparison same {1,     asked.productId, QStringLiteral("КР-0001"), QStringLiteral("Болт"),
                                  asked, accepted};
        OrderLineComparison gone {
            2, dropped.productId, QStringLiteral("КР-0002"), QStringLiteral("Гайка"), dropped, {}};
        comparison.setComparison({same, gone});
        QCOMPARE(comparison.rowCount(), 2);
        QCOMPARE(comparison.changedLineCount(), 2);
        using C = OrderComparisonModel;
        QVERIFY(!comparison.index(0, C::LocalQuantityColumn).data(C::ChangedRole).toBool());
        QVERIFY(comparison.index(0, C::LocalPriceColumn).data(C::ChangedRole).toBool());
        QVERIFY(comparison.index(0, C::ServerPriceColumn).data(C::ChangedRole).toBool());
        QVERIFY(comparison.index(0, C::ServerTotalColumn).data(C::ChangedRole).toBool());
        QVERIFY(!comparison.index(0, C::SkuColumn).data(C::ChangedRole).toBool());
        QCOMPARE(comparison.index(0, C::LocalPriceColumn).data().toString(),
                 asked.unitPrice.toDisplayString(QLocale()));
        QCOMPARE(comparison.index(0, C::ServerPriceColumn).data().toString(),
                 accepted.unitPrice.toDisplayString(QLocale()));
        QCOMPARE(comparison.index(1, C::ServerQuantityColumn).data().toString(), C::tr("none"));
        QVERIFY(comparison.index(1, C::ServerQuantityColumn).data(C::ChangedRole).toBool());
        comparison.setComparison({});
        QCOMPARE(comparison.rowCount(), 0);

        OrderLinesModel lines;
        QAbstractItemModelTester linesTester(&lines, QAbstractItemModelTester::FailureReportingMode::QtTest);
        lines.setLines({{accepted, QStringLiteral("КР-0001"), QStringLiteral("Болт"), QStringLiteral("шт")}});
        QCOMPARE(lines.rowCount(), 1);
        QCOMPARE(lines.index(0, OrderLinesModel::SkuColumn).data().toString(), QStringLiteral("КР-0001"));
        QCOMPARE(lines.index(0, OrderLinesModel::QuantityColumn).data().toString(),
                 OrderLinesModel::tr("%1 %2").arg(Quantity::fromInt(5).toDisplayString(QLocale()),
                                                  QStringLiteral("шт")));
        QCOMPARE(lines.index(0, OrderLinesModel::TotalColumn).data().toString(),
                 accepted.total.toDisplayString(QLocale()));
        OrderDetailLine unpriced {
            {}, QStringLiteral("КР-0002"), QStringLiteral("Гайка"), QStringLiteral("шт"), false};
        unpriced.line.quantity = Quantity::fromInt(3);
        lines.setLines({unpriced});
        QCOMPARE(lines.index(0, OrderLinesModel::PriceColumn).data().toString(),
                 OrderLinesModel::tr("No price"));
        QVERIFY(lines.index(0, OrderLinesModel::TotalColumn).data().toString().isEmpty());
        QVERIFY(!lines.index(0, 0).data(OrderLinesModel::PricedRole).toBool());
    }
};

QTEST_GUILESS_MAIN(TestOrderListModel)
#include "tst_orderlistmodel.moc"
