#include "cache/cachedatabase.h"
#include "cache/cachesql.h"
#include "demoscenario.h"
#include "models/ordercomparisonmodel.h"
#include "models/orderlistmodel.h"
#include "models/orderstatustext.h"
#include "orders/differencehighlightmodel.h"
#include "orders/orderdetailpane.h"
#include "orders/orderfilterbar.h"
#include "orders/orderspage.h"
#include "sync/outbox.h"
#include "testclient.h"
#include "testserver.h"
#include "workspace/customercontext.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace portico;
using namespace portico::client;
using portico::test::TestClient;
using portico::test::TestServer;

namespace {

// A product the rep can order now for the customer: active, priced in its price type, in stock.
struct Orderable
{
    Id customerId;
    Id priceTypeId;
    Id productId;
    QString sku;
};

Orderable orderable(CacheDatabase &cache)
{
    return cache.run([](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.exec(
            QStringLiteral("SELECT c.id, c.price_type_id, p.id, p.sku FROM customer c "
                           "JOIN price r ON r.price_type_id = c.price_type_id "
                           "JOIN product p ON p.id = r.product_id AND p.active = 1 "
                           "WHERE c.blocked = 0 AND (SELECT SUM(on_hand_milli - reserved_milli) FROM stock s "
                           "WHERE s.product_id = p.id) > 10000 ORDER BY c.name, p.sku LIMIT 1"));
        Orderable found;
        if (q.next())
            found = {Id::fromString(q.value(0).toString()), Id::fromString(q.value(1).toString()),
                     Id::fromString(q.value(2).toString()), q.value(3).toString()};
        return found;
    });
}

qint64 scalar(CacheDatabase &cache, const QString &sql, const QVariantList &values = {})
{
    return cache.run([sql, values](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(sql);
        for (const QVariant &value : values)
            q.addBindValue(value);
        q.exec();
        return q.next() ? q.value(0).toLongLong() : qint64(-1);
    });
}

QString idText(const Id &id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

// The orders screen against a real demo server, signed in as a sales rep: the demo's orders in
// the list, the filters, an order the server accepted with changes shown side by side and
// confirmed, reorder, cancel, drafts, and the keyboard.
class TestOrdersPage final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestClient> m_client;
    CustomerContext m_context;
    Id m_changed; // an order of this test the server accepted with changes

    std::unique_ptr<OrdersPage> openPage()
    {
        auto page = std::make_unique<OrdersPage>(m_client->cache(), m_context);
        page->resize(1200, 700);
        page->show();
        if (!QTest::qWaitForWindowExposed(page.get()))
            return {};
        if (!QTest::qWaitFor([&] { return !page->model().isLoading() && page->model().rowCount() > 0; },
                             10000))
            return {};
        // The list takes the focus as a user finds it, which makes its first row current and
        // shows it; the tests choose their orders after that.
        page->activateWindow();
        page->view()->setFocus();
        const bool settled = QTest::qWaitFor(
            [&] { return page->view()->currentIndex().isValid() && page->detail().has_value(); }, 2000);
        Q_UNUSED(settled);
        return page;
    }

    static bool showOrder(OrdersPage &page, const Id &id)
    {
        page.selectOrder(id);
        const bool ok
            = QTest::qWaitFor([&] { return page.detail() && page.detail()->order.order.id == id; }, 10000);
        if (!ok)
            qWarning("the order was not shown: %s", qPrintable(page.messageLabel()->text()));
        return ok;
    }

    // Saves and submits an order through LocalOrders, as the cart does.
    Id submitOrder(const Orderable &what, const Quantity &quantity, const QString &comment)
    {
        const Id user = Id::fromString(m_client->userId());
        return m_client->cache().run([&](QSqlDatabase &db) {
            OrderDraft draft;
            draft.customerId = what.customerId;
            draft.comment = comment;
            draft.lines.append({what.productId, quantity});
            const QDateTime now = QDateTime::currentDateTimeUtc();
            const Id id = LocalOrders::saveDraft(db, draft, user, now).order.id;
            LocalOrders::submit(db, id, now);
            return id;
        });
    }

private Q_SLOTS:
    // The accounting system's documents for an order in a tab of their own; no documents, the
    // tab is there but closed.
    void detailPaneListsTheOrdersDocuments()
    {
        OrderDetailPane pane;
        OrderDetail detail;
        detail.order.order.id = Id::createUuid();
        detail.order.order.number = QStringLiteral("P-000300");
        detail.order.order.status = OrderStatus::Shipped;
        Document invoice;
        invoice.kind = DocumentKind::Invoice;
        invoice.number = QStringLiteral("СЧ-17");
        invoice.date = QDate(2026, 11, 30);
        invoice.amount = *Money::parse(QStringLiteral("1067.78"), Currency::rub());
        Document waybill = invoice;
        waybill.kind = DocumentKind::Waybill;
        waybill.number = QStringLiteral("РН-9");
        detail.documents = {invoice, waybill};
        pane.showDetail(detail);
        auto *documents = pane.findChild<QTreeWidget *>(QStringLiteral("detailDocuments"));
        QVERIFY(documents);
        QVERIFY(pane.tabs()->isTabEnabled(OrderDetailPane::DocumentsTab));
        QVERIFY(pane.tabs()->tabText(OrderDetailPane::DocumentsTab).contains(QStringLiteral("(2)")));
        QCOMPARE(documents->topLevelItemCount(), 2);
        QCOMPARE(documents->topLevelItem(0)->text(0), OrderDetailPane::tr("Invoice"));
        QCOMPARE(documents->topLevelItem(0)->text(1), QStringLiteral("СЧ-17"));
        QCOMPARE(documents->topLevelItem(0)->text(3), invoice.amount.toDisplayString(QLocale()));
        QCOMPARE(documents->topLevelItem(1)->text(0), OrderDetailPane::tr("Waybill"));

        detail.documents.clear();
        pane.showDetail(detail);
        QCOMPARE(documents->topLevelItemCount(), 0);
        QVERIFY(!pane.tabs()->isTabEnabled(OrderDetailPane::DocumentsTab));
    }

    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList {QStringLiteral("--products"), QStringLiteral("300")}, QStringLiteral("demo"));
        QVERIFY2(m_server->start(60000), qPrintable(m_server->errorString()));
        m_client = std::make_unique<TestClient>(m_server->url());
        QVERIFY2(m_client->open(), qPrintable(m_client->errorString()));
        QVERIFY2(m_client->login(QStringLiteral("rep1"), portico::test::DemoPassword),
                 qPrintable(m_client->errorString()));
        const auto summary = m_client->sync();
        QVERIFY(summary && summary->ok);
        QVERIFY(m_client->count(QStringLiteral("orders")) > 0);
    }

    void cleanupTestCase()
    {
        m_client.reset();
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    void listShowsTheDemosOrders()
    {
        auto page = openPage();
        QVERIFY(page);
        const qint64 orders = m_client->count(QStringLiteral("orders"));
        QCOMPARE(page->model().rowCount(), int(std::min<qint64>(orders, OrderListModel::PageSize)));
        const QAbstractItemModel *model = page->view()->model();
        const QString newest = m_client->cache().run([](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT number FROM orders ORDER BY created_at DESC, id LIMIT 1"));
            return q.next() ? q.value(0).toString() : QString();
        });
        QCOMPARE(model->index(0, OrderListModel::NumberColumn).data().toString(), newest);
        for (int row = 0; row < model->rowCount(); ++row) {
            QVERIFY(!model->index(row, OrderListModel::CustomerColumn).data().toString().isEmpty());
            QVERIFY(!model->index(row, OrderListModel::StatusColumn).data().toString().isEmpty());
        }
        // Scrolling to the end loads the next page.
        if (orders > OrderListModel::PageSize) {
            page->view()->scrollToBottom();
            QTRY_VERIFY_WITH_TIMEOUT(page->model().rowCount() > OrderListModel::PageSize, 10000);
        }
    }

    void filtersNarrowTheList()
    {
        auto page = openPage();
        QVERIFY(page);
        const auto status = page->model().order(0).status;
        QVERIFY(status.has_value());
        const qint64 withStatus
            = scalar(m_client->cache(), QStringLiteral("SELECT COUNT(*) FROM orders WHERE status = ?"),
                     {orderStatusToString(*status)});
        QComboBox *statusBox = page->filterBar()->statusBox();
        statusBox->setCurrentIndex(statusBox->findData(int(*status)));
        QTRY_VERIFY_WITH_TIMEOUT(!page->model().isLoading(), 10000);
        QCOMPARE(page->model().rowCount(), int(std::min<qint64>(withStatus, OrderListModel::PageSize)));
        for (int row = 0; row < page->model().rowCount(); ++row)
            QCOMPARE(page->model().order(row).status, status);

        // The search box: one order by its number.
        statusBox->setCurrentIndex(0);
        const QString number = page->model().order(0).number;
        QVERIFY(!number.isEmpty());
        QTest::keyClicks(page->filterBar()->searchBox(), number);
        QTRY_COMPARE_WITH_TIMEOUT(page->model().rowCount(), 1, 5000);
        QCOMPARE(page->model().order(0).number, number);

        // A period: the last 7 days, then from tomorrow on (nothing).
        page->filterBar()->searchBox()->clear();
        QComboBox *period = page->filterBar()->periodBox();
        period->setCurrentIndex(period->findText(OrderFilterBar::tr("Last 7 days")));
        Q_EMIT period->activated(period->currentIndex());
        const QDate weekAgo = QDate::currentDate().addDays(-6);
        QTRY_VERIFY_WITH_TIMEOUT(!page->model().isLoading() && page->model().filter().from == weekAgo, 5000);
        const qint64 lastWeek
            = scalar(m_client->cache(), QStringLiteral("SELECT COUNT(*) FROM orders WHERE created_at >= ?"),
                     {CacheSql::timestampText(weekAgo.startOfDay().toUTC())});
        QVERIFY(lastWeek > 0);
        QCOMPARE(page->model().rowCount(), int(std::min<qint64>(lastWeek, OrderListModel::PageSize)));
        for (int row = 0; row < page->model().rowCount(); ++row)
            QVERIFY(page->model().order(row).createdAt.toLocalTime().date() >= weekAgo);
        page->filterBar()->fromBox()->setDate(QDate::currentDate().addDays(1));
        QCOMPARE(period->currentText(), OrderFilterBar::tr("Dates below"));
        QTRY_COMPARE_WITH_TIMEOUT(page->model().rowCount(), 0, 5000);
        page->filterBar()->setPeriod(0);
        QTRY_VERIFY_WITH_TIMEOUT(!page->model().isLoading() && page->model().rowCount() > 0, 5000);

        // A customer: only its orders.
        QComboBox *customerBox = page->filterBar()->customerBox();
        QTRY_VERIFY(customerBox->count() > 1);
        customerBox->setCurrentIndex(1);
        const Id customer = Id::fromString(customerBox->currentData().toString());
        QTRY_VERIFY_WITH_TIMEOUT(!page->model().isLoading() && page->model().filter().customerId == customer,
                                 5000);
        const qint64 ofCustomer
            = scalar(m_client->cache(), QStringLiteral("SELECT COUNT(*) FROM orders WHERE customer_id = ?"),
                     {idText(customer)});
        QCOMPARE(page->model().rowCount(), int(std::min<qint64>(ofCustomer, OrderListModel::PageSize)));
    }

    void acceptedWithChangesShowsBothVersions()
    {
        // The rep's cache holds a lower price than the server: the order is priced with it
        // offline, and the server, pricing it again, accepts it with changes.
        const Orderable what = orderable(m_client->cache());
        QVERIFY(!what.productId.isNull());
        m_client->cache().run([&](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("UPDATE price SET unit_price_minor = MAX(unit_price_minor - 100, 1), "
                                     "data = json_set(data, '$.unit_price', printf('%.2f', "
                                     "MAX(unit_price_minor - 100, 1) / 100.0), "
                                     "'$.tiers', json('[]')) WHERE product_id = ? AND price_type_id = ?"));
            q.addBindValue(idText(what.productId));
            q.addBindValue(idText(what.priceTypeId));
            QVERIFY(q.exec());
        });
        m_changed = submitOrder(what, Quantity::fromInt(1), QStringLiteral("Цена устарела"));
        const auto summary = m_client->sync();
        QVERIFY(summary && summary->ok);
        QCOMPARE(scalar(m_client->cache(),
                        QStringLiteral("SELECT COUNT(*) FROM orders WHERE id = ? AND status = ?"),
                        {idText(m_changed), QStringLiteral("accepted_with_changes")}),
                 1);

        // The list asks for attention until the order is opened.
        {
            OrderListModel model(m_client->cache());
            model.setFilter({});
            QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() > 0, 10000);
            const int row = model.rowOf(m_changed);
            QVERIFY(row >= 0);
            QVERIFY(model.order(row).needsAttention);
            QVERIFY(model.index(row, OrderListModel::AttentionColumn).data().toString().size() > 0);
        }
        auto page = openPage();
        QVERIFY(page);
        QVERIFY(showOrder(*page, m_changed));
        const OrderDetail &detail = *page->detail();
        QCOMPARE(detail.comparison.size(), 1);
        QVERIFY(detail.comparison.at(0).priceChanged());
        QCOMPARE(detail.comparison.at(0).sku, what.sku);
        QVERIFY(detail.comparison.at(0).server->unitPrice > detail.comparison.at(0).local->unitPrice);
        QVERIFY(!detail.reasons.isEmpty());

        // Side by side, the price cells highlighted, the SKU not.
        OrderDetailPane *pane = page->detailPane();
        QCOMPARE(pane->tabs()->currentIndex(), int(OrderDetailPane::ComparisonTab));
        auto *view = pane->findChild<QTableView *>(QStringLiteral("detailComparison"));
        QVERIFY(view);
        QVERIFY(view->isVisible());
        const QAbstractItemModel *shown = view->model();
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(shown->index(0, OrderComparisonModel::ServerPriceColumn)
                     .data(Qt::BackgroundRole)
                     .value<QBrush>()
                     .color(),
                 DifferenceHighlightModel::changedBackground());
        QCOMPARE(shown->index(0, OrderComparisonModel::LocalPriceColumn)
                     .data(Qt::BackgroundRole)
                     .value<QBrush>()
                     .color(),
                 DifferenceHighlightModel::changedBackground());
        QVERIFY(!shown->index(0, OrderComparisonModel::SkuColumn).data(Qt::BackgroundRole).isValid());
        QVERIFY(shown->index(0, OrderComparisonModel::LocalPriceColumn).data().toString()
                != shown->index(0, OrderComparisonModel::ServerPriceColumn).data().toString());
        QVERIFY(pane->findChild<QLabel *>(QStringLiteral("detailOutcome"))
                    ->text()
                    .contains(OrderDetailPane::tr("%n line(s) changed.", nullptr, 1)));

        // Opened is seen.
        QTRY_VERIFY_WITH_TIMEOUT(!page->model().order(page->model().rowOf(m_changed)).needsAttention, 5000);
        QCOMPARE(scalar(m_client->cache(), QStringLiteral("SELECT outcome_seen FROM orders WHERE id = ?"),
                        {idText(m_changed)}),
                 1);

        // Accept the changes: through the outbox, and the action is gone.
        QVERIFY(page->confirmAction()->isVisible());
        QVERIFY(page->confirmAction()->isEnabled());
        QVERIFY(page->editAction()->isEnabled());
        // Edit copies the lines as they were asked for into the cart.
        QSignalSpy edit(page.get(), &OrdersPage::reorderRequested);
        page->editAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(edit.size(), 1, 5000);
        const auto edited = edit.takeFirst().first().value<QList<DraftLine>>();
        QCOMPARE(edited.size(), 1);
        QCOMPARE(edited.at(0).productId, what.productId);
        QCOMPARE(edited.at(0).quantity, Quantity::fromInt(1));
        QCOMPARE(m_context.customerId(), what.customerId);
        QVERIFY(page->messageLabel()->isVisible());
        QVERIFY(page->messageLabel()->text().contains(page->detail()->order.order.number));

        QSignalSpy outbox(page.get(), &OrdersPage::outboxChanged);
        QSignalSpy shownAgain(page.get(), &OrdersPage::detailShown);
        page->confirmAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(outbox.size(), 1, 5000);
        QCOMPARE(scalar(m_client->cache(),
                        QStringLiteral(
                            "SELECT COUNT(*) FROM outbox WHERE target_id = ? AND kind = 'confirm_order'"),
                        {idText(m_changed)}),
                 1);
        QTRY_VERIFY_WITH_TIMEOUT(shownAgain.size() > 0, 5000);
        QVERIFY(!page->confirmAction()->isEnabled());
    }

    void editAndReorderCopyTheLines()
    {
        QVERIFY(!m_changed.isNull());
        auto page = openPage();
        QVERIFY(page);
        QVERIFY(showOrder(*page, m_changed));
        QSignalSpy reorder(page.get(), &OrdersPage::reorderRequested);
        page->reorderAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(reorder.size(), 1, 5000);
        auto lines = reorder.takeFirst().first().value<QList<DraftLine>>();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.at(0).quantity, Quantity::fromInt(1));
        // The rep now orders for that order's customer.
        QCOMPARE(m_context.customerId(), page->detail()->order.order.customerId);

        // Out of stock now: the user is told which product, and chooses what to copy.
        const Id product = lines.at(0).productId;
        m_client->cache().run([&](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral(
                "UPDATE stock SET on_hand_milli = 0, reserved_milli = 0 WHERE product_id = ?"));
            q.addBindValue(idText(product));
            QVERIFY(q.exec());
        });
        page->reorderAction()->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = page->findChild<QMessageBox *>(QStringLiteral("reorderQuestion"))),
                                 5000);
        QTRY_VERIFY(box->isVisible());
        QVERIFY(box->informativeText().contains(page->detail()->comparison.at(0).sku));
        QVERIFY(box->informativeText().contains(OrdersPage::tr("out of stock")));
        QVERIFY(!box->findChild<QPushButton *>(QStringLiteral("copyAvailable"))); // nothing is available
        box->findChild<QPushButton *>(QStringLiteral("copyAll"))->click();
        QCOMPARE(reorder.size(), 1);
        QCOMPARE(reorder.takeFirst().first().value<QList<DraftLine>>().size(), 1);

        // Once the changes are accepted there is nothing left to edit against.
        QVERIFY(!page->editAction()->isEnabled());
    }

    void cancelWritesTheOutbox()
    {
        // An order of the demo the rep may still cancel.
        const QString cancellable = m_client->cache().run([](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.exec(QStringLiteral(
                "SELECT id FROM orders WHERE status IN ('accepted', 'needs_approval', 'exported') "
                "AND local_state IS NULL ORDER BY created_at DESC LIMIT 1"));
            return q.next() ? q.value(0).toString() : QString();
        });
        QVERIFY(!cancellable.isEmpty());
        const Id id = Id::fromString(cancellable);
        auto page = openPage();
        QVERIFY(page);
        QVERIFY(showOrder(*page, id));
        QVERIFY(page->cancelAction()->isEnabled());
        // Only what applies is offered.
        QVERIFY(
            page->detailPane()->findChild<QToolButton *>(QStringLiteral("confirmChangesButton"))->isHidden());
        QVERIFY(page->detailPane()->findChild<QToolButton *>(QStringLiteral("openDraftButton"))->isHidden());
        QVERIFY(!page->detailPane()->findChild<QToolButton *>(QStringLiteral("reorderButton"))->isHidden());

        QSignalSpy outbox(page.get(), &OrdersPage::outboxChanged);
        page->cancelAction()->trigger();
        QInputDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (dialog = page->findChild<QInputDialog *>(QStringLiteral("cancelReasonDialog"))), 5000);
        QTRY_VERIFY(dialog->isVisible());
        dialog->setTextValue(QStringLiteral("Клиент передумал"));
        dialog->accept();
        QTRY_COMPARE_WITH_TIMEOUT(outbox.size(), 1, 5000);
        const auto item = m_client->cache().run([&](QSqlDatabase &db) {
            for (const OutboxItem &pending : Outbox::pending(db, 1000)) {
                if (pending.targetId == cancellable && pending.kind == OutboxItem::Kind::CancelOrder)
                    return std::optional<OutboxItem>(pending);
            }
            return std::optional<OutboxItem>();
        });
        QVERIFY(item.has_value());
        QCOMPARE(QJsonDocument::fromJson(item->payload).object().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("Клиент передумал"));
        QTRY_VERIFY_WITH_TIMEOUT(!page->cancelAction()->isEnabled(), 5000); // already on its way
        QVERIFY(page->messageLabel()->isVisible());

        // The sync uploads it: the order is cancelled.
        const auto summary = m_client->sync();
        QVERIFY(summary && summary->ok);
        page->reload();
        QTRY_COMPARE_WITH_TIMEOUT(page->detail()->order.order.status, OrderStatus::Cancelled, 10000);
        // The reload kept the selection.
        QCOMPARE(page->currentOrderId(), id);
        QCOMPARE(page->model().order(page->view()->currentIndex().row()).id, id);
    }

    void draftsContinueInTheCart()
    {
        const Orderable what = orderable(m_client->cache());
        const Id user = Id::fromString(m_client->userId());
        const Id draft = m_client->cache().run([&](QSqlDatabase &db) {
            OrderDraft order;
            order.customerId = what.customerId;
            order.lines.append({what.productId, Quantity::fromInt(2)});
            return LocalOrders::saveDraft(db, order, user, QDateTime::currentDateTimeUtc()).order.id;
        });
        auto page = openPage();
        QVERIFY(page);
        QCOMPARE(page->model().order(0).id, draft); // newest first
        QVERIFY(showOrder(*page, draft));
        QVERIFY(page->openDraftAction()->isVisible());
        QVERIFY(!page->cancelAction()->isEnabled());
        QVERIFY(!page->reorderAction()->isEnabled());
        QSignalSpy open(page.get(), &OrdersPage::openDraftRequested);
        page->openDraftAction()->trigger();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.takeFirst().first().value<Id>(), draft);

        // Enter on the row does the same.
        page->view()->setFocus();
        page->view()->setCurrentIndex(page->model().index(0, 0));
        QTest::keyClick(page->view(), Qt::Key_Return);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.takeFirst().first().value<Id>(), draft);
    }

    void keyboard()
    {
        auto page = openPage();
        QVERIFY(page);
        page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(page.get()));
        page->view()->setFocus();
        QTest::keyClick(page->view(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(page->filterBar()->searchBox()->hasFocus());
        // Enter on an order that is not a draft moves into its detail.
        int row = 0;
        while (row < page->model().rowCount()
               && page->model().order(row).localState == LocalOrder::LocalState::Draft)
            ++row;
        page->view()->setFocus();
        page->view()->setCurrentIndex(page->model().index(row, 0));
        QTRY_COMPARE_WITH_TIMEOUT(page->detail()->order.order.id, page->model().order(row).id, 5000);
        QTest::keyClick(page->view(), Qt::Key_Return);
        QTRY_VERIFY(page->detailPane()->isAncestorOf(QApplication::focusWidget()));
        // The shortcut of an action, within the page.
        QSignalSpy reorder(page.get(), &OrdersPage::reorderRequested);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_R, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(reorder.size() == 1 || page->findChild<QMessageBox *>(), 5000);
        if (auto *box = page->findChild<QMessageBox *>())
            box->reject();
    }
};

QTEST_MAIN(TestOrdersPage)
#include "tst_orderspage.moc"
