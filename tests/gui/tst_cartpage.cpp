#include "cache/catalogqueries.h"
#include "cart/cartpage.h"
#include "cart/importreportdialog.h"
#include "cart/quickentrybar.h"
#include "demoscenario.h"
#include "models/cartmodel.h"
#include "testclient.h"
#include "testserver.h"
#include "workspace/cart.h"
#include "workspace/customercontext.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace portico;
using namespace portico::client;
using portico::test::TestClient;
using portico::test::TestServer;

// The cart page against a real demo server's data, synced into a real client cache: quick entry,
// paste from Excel with a bad row, the credit warning, and a submit queued into the outbox.
class TestCartPage final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestClient> m_client;
    std::unique_ptr<CustomerContext> m_customer;
    std::unique_ptr<Cart> m_cart;
    std::unique_ptr<CartPage> m_page;
    CustomerRow m_row;
    QStringList m_skus; // priced for the customer

    template<typename T>
    T *child(const QString &name) const
    {
        T *widget = m_page->findChild<T *>(name);
        if (!widget)
            qFatal("no %s", qPrintable(name));
        return widget;
    }

    bool settled() const { return !m_cart->isSaving() && !m_cart->isSubmitting(); }

    int lineOf(const QString &sku) const
    {
        for (int i = 0; i < m_cart->lines().size(); ++i) {
            if (m_cart->lines().at(i).sku == sku)
                return i;
        }
        return -1;
    }

    // Shortcuts need the page's window active; a dialog closed before may have left it inactive.
    void activate()
    {
        QApplication::setActiveWindow(m_page.get());
        QTRY_COMPARE(QApplication::activeWindow(), m_page.get());
    }

    void enter(const QString &code, const QString &quantity)
    {
        activate();
        auto *codeField = child<QLineEdit>(u"quickCode"_qs);
        auto *quantityField = child<QLineEdit>(u"quickQuantity"_qs);
        codeField->setFocus();
        // keyClicks() types ASCII only; the demo's SKUs are Cyrillic.
        codeField->insert(code);
        QTest::keyClick(codeField, Qt::Key_Return);
        QTRY_VERIFY(quantityField->hasFocus());
        QTest::keyClicks(quantityField, quantity); // replaces the selected "1"
        QTest::keyClick(quantityField, Qt::Key_Return);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(QStringList {u"--products"_qs, u"300"_qs}, u"demo"_qs);
        QVERIFY2(m_server->start(60000), qPrintable(m_server->errorString()));
        m_client = std::make_unique<TestClient>(m_server->url());
        QVERIFY2(m_client->open(), qPrintable(m_client->errorString()));
        QVERIFY2(m_client->login(u"rep1"_qs, portico::test::DemoPassword),
                 qPrintable(m_client->errorString()));
        const auto summary = m_client->sync();
        QVERIFY(summary && summary->ok);

        // A customer of the rep's who is not blocked, and products with a price of its type.
        const auto customers
            = m_client->cache().run([](QSqlDatabase &db) { return CatalogQueries::customers(db); });
        for (const CustomerRow &row : customers) {
            if (!row.blocked && !row.priceTypeId.isNull() && (!m_row.id.isNull() ? false : true))
                m_row = row;
        }
        QVERIFY(!m_row.id.isNull());
        // No limit, so the submit below is not held by the credit warning (tested on its own).
        m_row.creditLimit.reset();
        m_row.credit.reset();
        m_skus = m_client->cache().run([&](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.prepare(u"SELECT p.sku FROM product p JOIN price r ON r.product_id = p.id "
                          "AND r.price_type_id = ? WHERE p.active = 1 ORDER BY p.sku LIMIT 3"_qs);
            query.addBindValue(m_row.priceTypeId.toString(QUuid::WithoutBraces));
            query.exec();
            QStringList skus;
            while (query.next())
                skus.append(query.value(0).toString());
            return skus;
        });
        QCOMPARE(m_skus.size(), 3);

        m_customer = std::make_unique<CustomerContext>();
        QVERIFY(m_customer->setCustomer(m_row));
        m_cart = std::make_unique<Cart>(m_client->cache(), *m_customer, Id(m_client->userId()));
        m_page = std::make_unique<CartPage>(*m_cart, m_client->cache(), *m_customer);
        m_page->resize(1100, 700);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QApplication::setActiveWindow(m_page.get());
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_cart.reset();
        m_customer.reset();
        m_client.reset();
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    void quickEntryAddsALine()
    {
        enter(m_skus.at(0), u"3"_qs);
        QTRY_COMPARE(m_cart->lines().size(), 1);
        QCOMPARE(m_cart->lines().first().quantity, Quantity::fromInt(3));
        QTRY_VERIFY(settled());
        QCOMPARE(m_cart->lines().first().sku, m_skus.at(0));
        QVERIFY(m_cart->lines().first().priced);
        auto *table = child<QTableView>(u"cartLines"_qs);
        QCOMPARE(table->model()->rowCount(), 1);
        QVERIFY(child<QLineEdit>(u"quickCode"_qs)->text().isEmpty());
        QVERIFY(child<QLabel>(u"cartTotal"_qs)->text() != u"—"_qs);
        QVERIFY(child<QLabel>(u"pricesAsOf"_qs)->text().startsWith(CartPage::tr("Prices as of %1").left(10)));

        // An unknown code: said next to the field, nothing added, the code kept for correction.
        enter(u"NO-SUCH-SKU"_qs, u"1"_qs);
        auto *bar = m_page->findChild<QuickEntryBar *>();
        QTRY_COMPARE(bar->message(),
                     QuickEntryBar::tr("No product with the SKU or barcode “%1”.").arg(u"NO-SUCH-SKU"_qs));
        QCOMPARE(m_cart->lines().size(), 1);
        QCOMPARE(child<QLineEdit>(u"quickCode"_qs)->text(), u"NO-SUCH-SKU"_qs);
        child<QLineEdit>(u"quickCode"_qs)->clear();
    }

    void pasteWithABadRowAddsTheGoodOnesAndReportsTheBadOne()
    {
        QApplication::clipboard()->setText(m_skus.at(1) + u"\t2\nNO-SUCH\t1\n"_qs + m_skus.at(2)
                                           + u"\t1,5\n"_qs);
        activate();
        auto *table = child<QTableView>(u"cartLines"_qs);
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_V, Qt::ControlModifier);
        QTRY_COMPARE(m_cart->lines().size(), 3);
        QTRY_VERIFY(m_page->findChild<ImportReportDialog *>());
        auto *report = m_page->findChild<ImportReportDialog *>();
        QCOMPARE(report->added(), 2);
        QCOMPARE(report->problems().size(), 1);
        QCOMPARE(report->problems().first().row, 2);
        QCOMPARE(report->problems().first().text, u"NO-SUCH\t1"_qs);
        QVERIFY(report->summary().contains(u"2"_qs));
        QTRY_VERIFY(lineOf(m_skus.at(2)) >= 0); // names and SKUs follow from the cache
        QCOMPARE(m_cart->lines().at(lineOf(m_skus.at(2))).quantity, Quantity::fromMilli(1500));
        QVERIFY(m_page->message().contains(u"1"_qs));
        QTest::keyClick(report, Qt::Key_Escape);
        QTRY_VERIFY(!m_page->findChild<ImportReportDialog *>());
        QTRY_VERIFY(settled());
    }

    void csvImportReportsWhatItCouldNotRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"order.csv"_qs);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("\xEF\xBB\xBF") + "Артикул;Количество\n" + m_skus.at(0).toUtf8() + ";2\n"
                   + m_skus.at(1).toUtf8() + ";много\n");
        file.close();
        m_page->importFile(path);
        QTRY_VERIFY(m_page->findChild<ImportReportDialog *>());
        auto *report = m_page->findChild<ImportReportDialog *>();
        QCOMPARE(report->added(), 1);
        QCOMPARE(report->problems().size(), 1);
        QCOMPARE(report->problems().first().row, 3);
        QTRY_VERIFY(lineOf(m_skus.at(0)) >= 0);
        QCOMPARE(m_cart->lines().at(lineOf(m_skus.at(0))).quantity, Quantity::fromInt(5));
        report->close();
        QTRY_VERIFY(!m_page->findChild<ImportReportDialog *>());
        QTRY_VERIFY(settled());

        // A file that cannot be read says so, and the cart stays as it was.
        const int lines = static_cast<int>(m_cart->lines().size());
        m_page->importFile(dir.filePath(u"missing.csv"_qs));
        QTRY_VERIFY(m_page->findChild<ImportReportDialog *>());
        report = m_page->findChild<ImportReportDialog *>();
        QCOMPARE(report->added(), 0);
        QCOMPARE(report->problems().size(), 1);
        QVERIFY(report->problems().first().reason.startsWith(
            CartPage::tr("The file cannot be read: %1").left(10)));
        QCOMPARE(m_cart->lines().size(), lines);
        report->close();
        QTRY_VERIFY(!m_page->findChild<ImportReportDialog *>());
    }

    void deleteRemovesTheCurrentLine()
    {
        auto *table = child<QTableView>(u"cartLines"_qs);
        m_cart->add(m_cart->lines().first().productId, Quantity::fromInt(0)); // no change
        const int before = table->model()->rowCount();
        QCOMPARE(before, 3);
        const QString last = m_cart->lines().last().sku;
        activate();
        table->setFocus();
        table->setCurrentIndex(table->model()->index(2, CartModel::QuantityColumn));
        table->selectRow(2);
        QTest::keyClick(table, Qt::Key_Delete);
        QTRY_COMPARE(table->model()->rowCount(), 2);
        QCOMPARE(lineOf(last), -1);
        QTRY_VERIFY(settled());
    }

    void quantityIsTypedInPlace()
    {
        auto *table = child<QTableView>(u"cartLines"_qs);
        activate();
        table->setFocus();
        table->setCurrentIndex(table->model()->index(0, CartModel::QuantityColumn));
        const Id product = m_cart->lines().first().productId;
        QTest::keyClick(table, Qt::Key_7); // typing starts the edit
        QWidget *editor = QApplication::focusWidget();
        QVERIFY(editor && editor != table);
        QCOMPARE(editor->objectName(), u"quantityEditor"_qs);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_cart->lines().first().quantity, Quantity::fromInt(7));
        QCOMPARE(m_cart->lines().first().productId, product);
        QTRY_VERIFY(settled());

        // Zero removes the line being edited.
        const Id second = m_cart->lines().at(1).productId;
        const Quantity quantity = m_cart->lines().at(1).quantity;
        table->setCurrentIndex(table->model()->index(1, CartModel::QuantityColumn));
        QTest::keyClick(table, Qt::Key_0);
        editor = QApplication::focusWidget();
        QVERIFY(editor && editor != table);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QTRY_VERIFY(settled());
        m_cart->add(second, quantity);
        QTRY_VERIFY(settled());
        QCOMPARE(table->model()->rowCount(), 2);
    }

    void creditWarningSaysByHowMuch()
    {
        CustomerRow limited = m_row;
        limited.creditLimit = Money::fromMinor(100, Currency::rub()); // 1.00
        limited.credit
            = CustomerCredit {Money::zero(Currency::rub()), Money::zero(Currency::rub()),
                              Money::zero(Currency::rub()), Money::fromMinor(100, Currency::rub())};
        QVERIFY(m_customer->setCustomer(limited));
        QTRY_VERIFY(settled());
        const Money total = m_cart->priced()->totals.total;
        const qint64 outbox = m_client->count(u"outbox"_qs);
        child<QPushButton>(u"submitButton"_qs)->click();
        QTRY_VERIFY(m_page->findChild<QMessageBox *>(u"creditConfirmation"_qs));
        auto *confirm = m_page->findChild<QMessageBox *>(u"creditConfirmation"_qs);
        const QString excess = (total - Money::fromMinor(100, Currency::rub())).toDisplayString(QLocale());
        QVERIFY2(confirm->text().contains(excess), qPrintable(confirm->text()));
        confirm->button(QMessageBox::No)->click();
        QTRY_VERIFY(!m_page->findChild<QMessageBox *>(u"creditConfirmation"_qs));
        QVERIFY(!m_cart->isSubmitting());
        QCOMPARE(m_client->count(u"outbox"_qs), outbox);

        // A blocked customer: said plainly, the server will refuse.
        CustomerRow blocked = m_row;
        blocked.blocked = true;
        QVERIFY(m_customer->setCustomer(blocked));
        QTRY_VERIFY(settled());
        child<QPushButton>(u"submitButton"_qs)->click();
        QTRY_VERIFY(m_page->findChild<QMessageBox *>(u"creditConfirmation"_qs));
        confirm = m_page->findChild<QMessageBox *>(u"creditConfirmation"_qs);
        QVERIFY(confirm->text().startsWith(
            CartPage::tr("%1 is blocked: the server will refuse the order.").arg(m_row.name)));
        QVERIFY(confirm->text().endsWith(CartPage::tr("Submit it anyway?")));
        QTest::keyClick(confirm, Qt::Key_Escape);
        QTRY_VERIFY(!m_page->findChild<QMessageBox *>(u"creditConfirmation"_qs));
        QCOMPARE(m_client->count(u"outbox"_qs), outbox);
        QVERIFY(m_customer->setCustomer(m_row));
        QTRY_VERIFY(settled());
    }

    void aCustomerMustBeChosen()
    {
        m_customer->clear();
        child<QPushButton>(u"submitButton"_qs)->click();
        QCOMPARE(m_page->message(), CartPage::tr("Choose a customer before submitting the order."));
        QCOMPARE(m_client->count(u"outbox"_qs), 0);
        QCOMPARE(m_cart->lines().size(), 2); // kept in memory
        QVERIFY(m_customer->setCustomer(m_row));
        QTRY_VERIFY(settled());
    }

    void submitQueuesTheOrderAndSaysSo()
    {
        QSignalSpy submitted(m_page.get(), &CartPage::orderSubmitted);
        m_page->setOnline(false);
        activate();
        m_page->setFocus();
        QTest::keyClick(child<QLineEdit>(u"quickCode"_qs), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(submitted.count(), 1);
        const Order order = submitted.first().first().value<Order>();
        QCOMPARE(order.lines.size(), 2);
        QCOMPARE(order.customerId, m_row.id);
        QCOMPARE(m_client->count(u"outbox"_qs), 1);
        QCOMPARE(m_page->message(),
                 CartPage::tr("Order %1 is queued and will upload when the client is online.")
                     .arg(order.clientNumber));
        QVERIFY(m_cart->isEmpty());
        QCOMPARE(child<QTableView>(u"cartLines"_qs)->model()->rowCount(), 0);
        m_page->setOnline(true);
        QCOMPARE(m_page->message(),
                 CartPage::tr("Order %1 sent; waiting for the server's answer.").arg(order.clientNumber));

        // The sync engine uploads it; the server has it.
        QVERIFY(portico::test::syncUntilOutboxEmpty(*m_client, 60000) > 0);
        QCOMPARE(m_client->count(u"outbox"_qs), 0);
        QCOMPARE(m_client->count(u"orders"_qs, u"local_state = 'uploaded'"_qs), 1);
    }

    void saveAsDraftEmptiesTheCart()
    {
        enter(m_skus.at(1), u"4"_qs);
        QTRY_COMPARE(m_cart->lines().size(), 1);
        QTRY_VERIFY(settled());
        activate();
        child<QLineEdit>(u"quickCode"_qs)->setFocus();
        QTest::keyClick(child<QLineEdit>(u"quickCode"_qs), Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(m_page->message().startsWith(
            CartPage::tr("Saved as draft %1; find it under Orders. The cart is empty again.").left(14)));
        QVERIFY(m_cart->isEmpty());
        QCOMPARE(m_client->count(u"orders"_qs, u"local_state = 'draft'"_qs), 1);
    }

    void clearAsksFirst()
    {
        enter(m_skus.at(2), u"1"_qs);
        QTRY_COMPARE(m_cart->lines().size(), 1);
        QTRY_VERIFY(settled());
        QCOMPARE(m_client->count(u"orders"_qs, u"local_state = 'draft'"_qs), 2);
        child<QPushButton>(u"clearButton"_qs)->click();
        QTRY_VERIFY(m_page->findChild<QMessageBox *>(u"clearConfirmation"_qs));
        m_page->findChild<QMessageBox *>(u"clearConfirmation"_qs)->button(QMessageBox::Yes)->click();
        QTRY_VERIFY(m_cart->isEmpty());
        QTRY_COMPARE(m_client->count(u"orders"_qs, u"local_state = 'draft'"_qs), 1); // the kept one stays
        QCOMPARE(m_page->message(), CartPage::tr("The cart was cleared."));
    }
};

QTEST_MAIN(TestCartPage)
#include "tst_cartpage.moc"
