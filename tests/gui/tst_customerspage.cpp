#include "cache/cachedatabase.h"
#include "customers/customercard.h"
#include "customers/customerpicker.h"
#include "customers/customerspage.h"
#include "demoscenario.h"
#include "models/customerlistmodel.h"
#include "models/orderlistmodel.h"
#include "models/orderstatustext.h"
#include "testclient.h"
#include "testserver.h"
#include "workspace/customercontext.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace portico;
using namespace portico::client;
using portico::test::TestClient;
using portico::test::TestServer;

// The customers screen and the toolbar's customer picker against a real demo server, signed in
// as the manager (who orders for every customer): the list narrowed by a filter, the card, and
// "Order for this customer" setting the customer context; the picker choosing by typing.
class TestCustomersPage final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestClient> m_client;

    // The customers of the cache, by name.
    QList<CustomerRow> customers()
    {
        return m_client->cache().run([](QSqlDatabase &db) { return CatalogQueries::customers(db); });
    }

    static std::unique_ptr<CustomersPage> openPage(CacheDatabase &cache, CustomerContext &context)
    {
        auto page = std::make_unique<CustomersPage>(cache, context);
        page->resize(1100, 650);
        page->show();
        if (!QTest::qWaitForWindowExposed(page.get()))
            return {};
        if (!QTest::qWaitFor([&] { return !page->model().isLoading() && page->model().rowCount() > 0; },
                             10000))
            return {};
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList {QStringLiteral("--products"), QStringLiteral("100")}, QStringLiteral("demo"));
        QVERIFY2(m_server->start(60000), qPrintable(m_server->errorString()));
        m_client = std::make_unique<TestClient>(m_server->url());
        QVERIFY2(m_client->open(), qPrintable(m_client->errorString()));
        QVERIFY2(m_client->login(QStringLiteral("manager"), portico::test::DemoPassword),
                 qPrintable(m_client->errorString()));
        const auto summary = m_client->sync();
        QVERIFY(summary && summary->ok);
        QVERIFY(customers().size() > 2);
    }

    void cleanupTestCase()
    {
        m_client.reset();
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    void filterAndCard()
    {
        CustomerContext context;
        auto page = openPage(m_client->cache(), context);
        QVERIFY(page);
        const QList<CustomerRow> all = customers();
        QCOMPARE(page->model().matchCount(), int(all.size()));
        QVERIFY(!page->orderForCustomerAction()->isEnabled()); // nothing chosen yet

        // Typing narrows the list: the INN of one customer leaves that customer.
        // The customer with the most orders, so that its card lists some.
        const QString busiest = m_client->cache().run([](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.exec(QStringLiteral(
                "SELECT customer_id FROM orders GROUP BY customer_id ORDER BY COUNT(*) DESC LIMIT 1"));
            return q.next() ? q.value(0).toString() : QString();
        });
        const auto found = std::find_if(all.cbegin(), all.cend(), [&](const CustomerRow &row) {
            return row.id == Id::fromString(busiest);
        });
        QVERIFY(found != all.cend());
        const CustomerRow &wanted = *found;
        QTest::keyClicks(page->filterBox(), wanted.inn);
        QTRY_COMPARE_WITH_TIMEOUT(page->model().rowCount(), 1, 5000);
        QCOMPARE(page->model().customer(0).id, wanted.id);
        // The only match is the one meant: its card shows.
        QTRY_COMPARE(page->currentCustomerId(), wanted.id);
        CustomerCard *card = page->card();
        QCOMPARE(card->fieldText(QStringLiteral("inn")), wanted.inn);
        QCOMPARE(card->fieldText(QStringLiteral("legalName")), wanted.legalName);
        QVERIFY(!card->fieldText(QStringLiteral("creditLimit")).isEmpty());
        QVERIFY(!card->fieldText(QStringLiteral("balance")).isEmpty());
        QVERIFY(!card->fieldText(QStringLiteral("availableCredit")).isEmpty());
        QCOMPARE(card->fieldText(QStringLiteral("state")),
                 wanted.blocked ? CustomerCard::tr("Blocked: new orders are not accepted")
                                : CustomerCard::tr("Active"));
        // Its last orders, and only its.
        const qint64 orders = m_client->count(
            QStringLiteral("orders"),
            QStringLiteral("customer_id = '%1'").arg(wanted.id.toString(QUuid::WithoutBraces)));
        QTRY_VERIFY_WITH_TIMEOUT(!card->orders().isLoading(), 5000);
        QVERIFY(orders > 0);
        QCOMPARE(card->orders().rowCount(), int(std::min<qint64>(orders, OrderListModel::PageSize)));
        for (int row = 0; row < card->orders().rowCount(); ++row)
            QCOMPARE(card->orders().order(row).customerId, wanted.id);
        // Its documents (the demo's invoices, waybills and payments), the newest first.
        const qint64 documents = m_client->count(
            QStringLiteral("document"),
            QStringLiteral("customer_id = '%1'").arg(wanted.id.toString(QUuid::WithoutBraces)));
        QVERIFY(documents > 0);
        QTRY_COMPARE_WITH_TIMEOUT(card->documents()->topLevelItemCount(),
                                  int(std::min<qint64>(documents, 50)), 5000);
        const QStringList kinds {OrderStatusText::documentKind(DocumentKind::Invoice),
                                 OrderStatusText::documentKind(DocumentKind::Waybill),
                                 OrderStatusText::documentKind(DocumentKind::Payment)};
        for (int row = 0; row < card->documents()->topLevelItemCount(); ++row) {
            const QTreeWidgetItem *item = card->documents()->topLevelItem(row);
            QVERIFY2(kinds.contains(item->text(0)), qPrintable(item->text(0)));
            QVERIFY(!item->text(4).isEmpty()); // the demo's documents each belong to an order
        }

        // A part of a name: every match contains it.
        page->filterBox()->clear();
        const QString part = wanted.name.left(3);
        page->filterBox()->setText(part); // Cyrillic: QTest types ASCII only
        QTRY_VERIFY_WITH_TIMEOUT(page->model().filter() == part && !page->model().isLoading(), 5000);
        QVERIFY(page->model().rowCount() >= 1);
        for (int row = 0; row < page->model().rowCount(); ++row) {
            const CustomerRow &customer = page->model().customer(row);
            QVERIFY(QString(customer.name + customer.legalName + customer.inn)
                        .contains(part, Qt::CaseInsensitive));
        }
    }

    void orderForThisCustomerSetsTheContext()
    {
        CustomerContext context;
        auto page = openPage(m_client->cache(), context);
        QVERIFY(page);
        page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(page.get()));
        QSignalSpy requested(page.get(), &CustomersPage::orderForCustomerRequested);

        // Ctrl+Enter on the chosen row.
        page->view()->setFocus();
        page->view()->setCurrentIndex(page->model().index(1, 0));
        const CustomerRow second = page->model().customer(1);
        QTest::keyClick(page->view(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(context.customerId(), second.id);

        // Enter on another row.
        page->view()->setCurrentIndex(page->model().index(0, 0));
        const CustomerRow first = page->model().customer(0);
        QTest::keyClick(page->view(), Qt::Key_Return);
        QCOMPARE(requested.size(), 2);
        QCOMPARE(context.customerId(), first.id);
        QCOMPARE(context.customer().name, first.name);

        // Ctrl+F goes to the filter, Enter in it back to the list.
        QTest::keyClick(page->view(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(page->filterBox()->hasFocus());
        QTest::keyClick(page->filterBox(), Qt::Key_Return);
        QTRY_VERIFY(page->view()->hasFocus());

        // A page opened later starts on the customer of the context.
        auto again = openPage(m_client->cache(), context);
        QVERIFY(again);
        QTRY_COMPARE(again->currentCustomerId(), first.id);
    }

    void pickerChoosesByTyping()
    {
        CustomerContext context;
        CustomerPicker picker(m_client->cache(), context);
        picker.setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
        picker.show();
        QVERIFY(QTest::qWaitForWindowExposed(&picker));
        picker.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&picker));
        QTRY_VERIFY_WITH_TIMEOUT(!picker.model().isLoading() && picker.model().rowCount() > 0, 10000);
        QCOMPARE(picker.model().rowCount(), picker.model().matchCount()); // every customer, for the completer
        QVERIFY(picker.lineEdit()->placeholderText().contains(
            QKeySequence(Qt::CTRL | Qt::Key_K).toString(QKeySequence::NativeText)));

        const QList<CustomerRow> all = customers();
        const CustomerRow &wanted = all.last();
        // Ctrl+K, then part of the INN, then the popup's match.
        QTest::keyClick(&picker, Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(picker.lineEdit()->hasFocus());
        QTest::keyClicks(picker.lineEdit(), wanted.inn.mid(2, 8));
        QTRY_VERIFY(picker.completer()->popup()->isVisible());
        QSignalSpy chosen(&picker, &CustomerPicker::customerChosen);
        QTest::keyClick(picker.completer()->popup(), Qt::Key_Down);
        QTest::keyClick(picker.completer()->popup(), Qt::Key_Return);
        QTRY_COMPARE(chosen.size(), 1);
        QCOMPARE(context.customerId(), wanted.id);
        QTRY_COMPARE(picker.lineEdit()->text(), wanted.name);

        // A whole INN typed: one match, and Enter in the open list chooses it.
        const CustomerRow &third = all.at(all.size() / 2);
        picker.lineEdit()->selectAll();
        QTest::keyClicks(picker.lineEdit(), third.inn);
        QTRY_VERIFY(picker.completer()->popup()->isVisible());
        QCOMPARE(picker.completer()->completionCount(), 1);
        QTest::keyClick(picker.completer()->popup(), Qt::Key_Return);
        QTRY_COMPARE(context.customerId(), third.id);
        QTRY_COMPARE(picker.lineEdit()->text(), third.name);

        // A whole name typed and Enter: the one match is chosen.
        const CustomerRow &other = all.first();
        picker.lineEdit()->setText(other.legalName); // Cyrillic: QTest types ASCII only
        QTest::keyClick(picker.lineEdit(), Qt::Key_Return);
        QTRY_COMPARE(context.customerId(), other.id);
        QTRY_COMPARE(picker.lineEdit()->text(), other.name);

        // A hint for a shortcut the window owns.
        picker.setShortcutHint(QKeySequence(Qt::CTRL | Qt::Key_J));
        QVERIFY(picker.lineEdit()->placeholderText().contains(
            QKeySequence(Qt::CTRL | Qt::Key_J).toString(QKeySequence::NativeText)));

        // A buyer's customer is fixed: shown, not chosen.
        CustomerContext fixed;
        fixed.setCustomer(other);
        fixed.setFixed(true);
        CustomerPicker buyers(m_client->cache(), fixed);
        QVERIFY(!buyers.lineEdit()->isEnabled());
        QCOMPARE(buyers.lineEdit()->text(), other.name);
    }
};

QTEST_MAIN(TestCustomersPage)
#include "tst_customerspage.moc"
