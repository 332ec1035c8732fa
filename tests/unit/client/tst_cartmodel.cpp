#include "cartfixture.h"
#include "models/cartmodel.h"
#include "workspace/customercontext.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>

using namespace portico;
using namespace portico::client;
using namespace portico::client::cartfixture;

// The cart's lines as a table: rows follow the cart with precise inserts and removals, the
// quantity is edited in place through the cart, prices and problems show per line.
class TestCartModel final : public QObject
{
    Q_OBJECT

    std::unique_ptr<CartCatalog> m_catalog;
    std::unique_ptr<CustomerContext> m_customer;
    std::unique_ptr<Cart> m_cart;
    std::unique_ptr<CartModel> m_model;

    Id product(const QString &sku) const { return m_catalog->bySku(sku).id; }
    bool settled() const { return !m_cart->isSaving() && !m_cart->isSubmitting(); }
    QString text(int row, int column) const { return m_model->index(row, column).data().toString(); }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::Russian, QLocale::Russia)); }

    void init()
    {
        m_catalog = std::make_unique<CartCatalog>();
        QVERIFY2(m_catalog->open(), qPrintable(m_catalog->error));
        m_customer = std::make_unique<CustomerContext>();
        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        m_cart = std::make_unique<Cart>(*m_catalog->cache, *m_customer, Id::createUuid());
        m_model = std::make_unique<CartModel>(*m_cart);
        new QAbstractItemModelTester(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_model.get());
    }

    void cleanup()
    {
        m_model.reset();
        m_cart.reset();
        m_customer.reset();
        m_catalog.reset();
    }

    void linesShowWithPricesAndProblems()
    {
        QCOMPARE(m_model->columnCount(), int(CartModel::ColumnCount));
        QCOMPARE(m_model->headerData(CartModel::QuantityColumn, Qt::Horizontal).toString(),
                 CartModel::tr("Quantity"));
        m_cart->add(product(u"BOLT-8"_qs), Quantity::fromMilli(2500));
        m_cart->add(product(u"WASHER-12"_qs), Quantity::fromInt(1));
        QCOMPARE(m_model->rowCount(), 2);
        QTRY_VERIFY(settled());
        QCOMPARE(text(0, CartModel::SkuColumn), QStringLiteral("BOLT-8"));
        QCOMPARE(text(0, CartModel::NameColumn), QStringLiteral("Болт М8"));
        QCOMPARE(text(0, CartModel::QuantityColumn), QStringLiteral("2,5"));
        QCOMPARE(text(0, CartModel::UnitColumn), QStringLiteral("шт"));
        const QLocale locale;
        QCOMPARE(text(0, CartModel::PriceColumn), rub(100'00).toDisplayString(locale));
        QCOMPARE(text(0, CartModel::DiscountColumn), QStringLiteral("5%"));
        // 2.5 × 100.00 − 5 % = 237.50, VAT 20 % included: 39.58
        QCOMPARE(text(0, CartModel::TotalColumn), rub(237'50).toDisplayString(locale));
        QCOMPARE(text(0, CartModel::VatColumn), rub(39'58).toDisplayString(locale));
        QCOMPARE(m_model->index(0, 0).data(CartModel::TotalMinorRole).toLongLong(), 23750);
        QCOMPARE(m_model->index(0, 0).data(CartModel::ProductIdRole).toUuid(), product(u"BOLT-8"_qs));
        QVERIFY(text(0, CartModel::ProblemColumn).isEmpty());
        QVERIFY(text(1, CartModel::TotalColumn).isEmpty());
        QVERIFY(!m_model->index(1, 0).data(CartModel::TotalMinorRole).isValid());
        QCOMPARE(text(1, CartModel::ProblemColumn), Cart::tr("The product has no price for this customer."));
        QCOMPARE(m_model->index(1, 0).data(Qt::ToolTipRole).toString(), text(1, CartModel::ProblemColumn));
    }

    void quantityIsEditedThroughTheCart()
    {
        m_cart->add(product(u"BOLT-8"_qs), Quantity::fromInt(1));
        m_cart->add(product(u"NUT-10"_qs), Quantity::fromInt(1));
        QTRY_VERIFY(settled());
        const QModelIndex quantity = m_model->index(1, CartModel::QuantityColumn);
        QVERIFY(m_model->flags(quantity) & Qt::ItemIsEditable);
        QVERIFY(!(m_model->flags(m_model->index(1, CartModel::PriceColumn)) & Qt::ItemIsEditable));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(m_model->setData(quantity, QStringLiteral("1 000,5")));
        QCOMPARE(m_cart->lines().at(1).quantity, Quantity::fromMilli(1000500));
        QVERIFY(changed.count() >= 1);
        QVERIFY(m_model->setData(quantity, 3));
        QCOMPARE(m_cart->lines().at(1).quantity, Quantity::fromInt(3));
        QVERIFY(!m_model->setData(quantity, QStringLiteral("много")));
        QVERIFY(!m_model->setData(quantity, QStringLiteral("-1")));
        QVERIFY(!m_model->setData(m_model->index(1, CartModel::PriceColumn), QStringLiteral("5")));
        QCOMPARE(m_cart->lines().at(1).quantity, Quantity::fromInt(3));
        QTRY_VERIFY(settled());
        QCOMPARE(m_model->index(1, 0).data(CartModel::TotalMinorRole).toLongLong(), 570'00);

        // Zero removes the line: one row removed, the other row stays where it was.
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QVERIFY(m_model->setData(m_model->index(0, CartModel::QuantityColumn), QStringLiteral("0")));
        QCOMPARE(m_model->rowCount(), 2); // still there while a view's editor closes
        QTRY_COMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 0);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->productId(0), product(u"NUT-10"_qs));
    }

    void rowsFollowTheCartPrecisely()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_cart->add(QList<DraftLine> {{product(u"BOLT-8"_qs), Quantity::fromInt(1)},
                                      {product(u"NUT-10"_qs), Quantity::fromInt(1)},
                                      {product(u"ГАЙКА-5"_qs), Quantity::fromInt(1)}});
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(2).toInt(), 2);
        m_cart->add(product(u"BOLT-8"_qs), Quantity::fromInt(1)); // same product: no new row
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(m_model->rowCount(), 3);
        QVERIFY(m_model->removeRows(1, 1));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(m_model->productId(1), product(u"ГАЙКА-5"_qs));
        QTRY_VERIFY(settled());
        QCOMPARE(reset.count(), 0);
        m_cart->clear();
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!m_model->removeRows(0, 1));
    }
};

QTEST_GUILESS_MAIN(TestCartModel)
#include "tst_cartmodel.moc"
