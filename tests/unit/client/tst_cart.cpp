#include "cartfixture.h"
#include "workspace/cart.h"
#include "workspace/customercontext.h"

#include <QSignalSpy>
#include <QSqlQuery>

using namespace portico;
using namespace portico::client;
using namespace portico::client::cartfixture;

// The cart: a draft saved on every change, one draft however fast the changes come, restored
// after the program stops, re-priced for another customer, cleared, kept and submitted.
class TestCart final : public QObject
{
    Q_OBJECT

    std::unique_ptr<CartCatalog> m_catalog;
    std::unique_ptr<CustomerContext> m_customer;
    const Id m_user = Id::createUuid();

    std::unique_ptr<Cart> newCart() { return std::make_unique<Cart>(*m_catalog->cache, *m_customer, m_user); }

    Id product(const QString &sku) const { return m_catalog->bySku(sku).id; }

    qint64 drafts()
    {
        return m_catalog->count(QStringLiteral("SELECT COUNT(*) FROM orders WHERE local_state = 'draft'"));
    }

    static bool settled(const Cart &cart) { return !cart.isSaving() && !cart.isSubmitting(); }

    static Quantity qty(qint64 units) { return Quantity::fromInt(units); }

private Q_SLOTS:
    void init()
    {
        m_catalog = std::make_unique<CartCatalog>();
        QVERIFY2(m_catalog->open(), qPrintable(m_catalog->error));
        m_customer = std::make_unique<CustomerContext>();
    }

    void cleanup()
    {
        m_customer.reset();
        m_catalog.reset();
    }

    void changesDuringASaveMakeOneDraft()
    {
        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        auto cart = newCart();
        QSignalSpy saved(cart.get(), &Cart::saved);
        CacheGate gate(*m_catalog->cache);
        // Many changes while the first save, which creates the draft, is still on its way; from
        // the tenth on, saves finish while the changes go on.
        cart->add(product(u"BOLT-8"_qs), qty(1));
        QVERIFY(cart->isSaving());
        for (int i = 0; i < 20; ++i) {
            if (i == 10)
                gate.open();
            cart->add(product(i % 2 ? u"NUT-10"_qs : u"BOLT-8"_qs), qty(1));
            if (i % 5 == 0)
                QCoreApplication::processEvents();
        }
        cart->setComment(QStringLiteral("к 9 утра"));
        cart->setDeliveryDate(QDate::currentDate().addDays(2));
        QTRY_VERIFY(settled(*cart));
        QVERIFY(saved.count() >= 1);
        QCOMPARE(drafts(), 1);
        QVERIFY(!cart->draftId().isNull());
        QCOMPARE(cart->lines().size(), 2);
        QCOMPARE(cart->lines().at(0).quantity, qty(11));
        QCOMPARE(cart->lines().at(1).quantity, qty(10));
        QVERIFY(cart->priced());
        // 11 × 100.00 − 5 % + 10 × 200.00 − 5 % = 1045.00 + 1900.00
        QCOMPARE(cart->priced()->totals.total, rub(2945'00));
        QCOMPARE(cart->priced()->comment, QStringLiteral("к 9 утра"));
        QCOMPARE(cart->priced()->deliveryDate, QDate::currentDate().addDays(2));
        QCOMPARE(cart->lines().at(0).sku, QStringLiteral("BOLT-8"));
        QCOMPARE(cart->lines().at(0).name, QStringLiteral("Болт М8"));
        QCOMPARE(cart->lines().at(0).unitName, QStringLiteral("шт"));
        QVERIFY(cart->lines().at(0).priced);
        QCOMPARE(cart->lines().at(0).priced->total, rub(1045'00));
        QVERIFY(cart->lines().at(0).problem.isEmpty());

        // Removing and editing keep using the one draft.
        cart->setQuantity(product(u"NUT-10"_qs), qty(3));
        cart->remove(product(u"BOLT-8"_qs));
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(drafts(), 1);
        QCOMPARE(cart->priced()->totals.total, rub(570'00));
    }

    void nothingTypedIsLostWhenTheCartIsDestroyedAtOnce()
    {
        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        {
            auto cart = newCart();
            cart->add(product(u"BOLT-8"_qs), qty(2));
        }
        {
            // A change made while the first save runs, then gone before any answer came back.
            auto cart = newCart();
            QSignalSpy restored(cart.get(), &Cart::restored);
            cart->restore();
            QTRY_COMPARE(restored.count(), 1);
            QCOMPARE(cart->lines().size(), 1);
            QCOMPARE(cart->lines().first().quantity, qty(2));
            QTRY_VERIFY(settled(*cart));
            CacheGate gate(*m_catalog->cache); // destroyed (opened) before the cart
            cart->add(product(u"NUT-10"_qs), qty(1));
            QVERIFY(cart->isSaving());
            cart->add(product(u"NUT-10"_qs), qty(4));
            cart->setComment(QStringLiteral("до обеда"));
            cart->setDeliveryDate(QDate(2031, 3, 14));
        }
        auto cart = newCart();
        QSignalSpy restored(cart.get(), &Cart::restored);
        cart->restore();
        QTRY_COMPARE(restored.count(), 1);
        QCOMPARE(cart->lines().size(), 2);
        QCOMPARE(cart->lines().at(0).productId, product(u"BOLT-8"_qs));
        QCOMPARE(cart->lines().at(1).quantity, qty(5));
        QCOMPARE(cart->comment(), QStringLiteral("до обеда"));
        QCOMPARE(cart->deliveryDate(), QDate(2031, 3, 14));
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(cart->lines().at(1).name, QStringLiteral("Гайка М10"));
        QCOMPARE(drafts(), 1);
    }

    void restoreSetsTheDraftsCustomer()
    {
        m_customer->setCustomer(m_catalog->row(m_catalog->vasilek));
        {
            auto cart = newCart();
            cart->add(product(u"BOLT-8"_qs), qty(1));
        }
        m_customer->clear();
        auto cart = newCart();
        QSignalSpy restored(cart.get(), &Cart::restored);
        cart->restore();
        QTRY_COMPARE(restored.count(), 1);
        QCOMPARE(m_customer->customerId(), m_catalog->vasilek.id);
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(cart->priced()->totals.total, rub(150'00));
    }

    void changingTheCustomerReprices()
    {
        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        auto cart = newCart();
        cart->add(product(u"BOLT-8"_qs), qty(2));
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(cart->priced()->totals.total, rub(190'00));
        const Id draft = cart->draftId();

        QSignalSpy changed(cart.get(), &Cart::changed);
        m_customer->setCustomer(m_catalog->row(m_catalog->vasilek));
        QVERIFY(changed.count() >= 1);
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(cart->priced()->totals.total, rub(300'00));
        QCOMPARE(cart->priced()->customerId, m_catalog->vasilek.id);
        QCOMPARE(cart->draftId(), draft);
        QCOMPARE(drafts(), 1);
    }

    void withoutACustomerTheLinesWaitInMemory()
    {
        auto cart = newCart();
        cart->add(product(u"NUT-10"_qs), qty(3));
        QTRY_COMPARE(cart->lines().first().name, QStringLiteral("Гайка М10"));
        QTRY_VERIFY(settled(*cart));
        QVERIFY(!cart->priced());
        QVERIFY(!cart->lines().first().priced);
        QCOMPARE(drafts(), 0);
        QSignalSpy failed(cart.get(), &Cart::failed);
        cart->submit();
        QCOMPARE(failed.count(), 1);

        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(drafts(), 1);
        QCOMPARE(cart->priced()->totals.total, rub(570'00));
        const Id draft = cart->draftId();
        cart->keepAsDraft();

        // Lines entered with no customer join a draft opened later instead of vanishing.
        m_customer->clear();
        cart->add(product(u"BOLT-8"_qs), qty(2));
        QSignalSpy restored(cart.get(), &Cart::restored);
        cart->open(draft);
        QTRY_COMPARE(restored.count(), 1);
        QCOMPARE(m_customer->customerId(), m_catalog->romashka.id);
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(cart->lines().size(), 2);
        QCOMPARE(cart->draftId(), draft);
        QCOMPARE(cart->priced()->totals.total, rub(760'00));
        QCOMPARE(drafts(), 1);
    }

    void linesThatCannotBePricedSayWhy()
    {
        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        auto cart = newCart();
        cart->add(product(u"BOLT-8"_qs), qty(1));
        cart->add(product(u"WASHER-12"_qs), qty(1));
        cart->add(product(u"OLD-1"_qs), qty(1));
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(cart->lines().size(), 3);
        QVERIFY(cart->lines().at(0).priced);
        QVERIFY(!cart->lines().at(1).priced);
        QCOMPARE(cart->lines().at(1).problem, Cart::tr("The product has no price for this customer."));
        QCOMPARE(cart->lines().at(2).problem, Cart::tr("The product is no longer sold."));

        QSignalSpy failed(cart.get(), &Cart::failed);
        QSignalSpy submitted(cart.get(), &Cart::submitted);
        cart->submit();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(submitted.count(), 0);
        QCOMPARE(m_catalog->count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
        QCOMPARE(cart->lines().size(), 3);

        cart->remove(product(u"WASHER-12"_qs));
        cart->remove(product(u"OLD-1"_qs));
        cart->submit();
        QTRY_COMPARE(submitted.count(), 1);
    }

    void submitWritesTheOutbox()
    {
        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        auto cart = newCart();
        QSignalSpy submitted(cart.get(), &Cart::submitted);
        {
            CacheGate gate(*m_catalog->cache);
            cart->add(product(u"BOLT-8"_qs), qty(2));
            cart->add(product(u"ГАЙКА-5"_qs), qty(10));
            // Submitted while the save of the first change is still on its way.
            cart->submit();
            QVERIFY(cart->isSubmitting());
        }
        QTRY_COMPARE(submitted.count(), 1);
        const Order order = submitted.first().first().value<Order>();
        QCOMPARE(order.status, OrderStatus::Submitted);
        QCOMPARE(order.lines.size(), 2);
        QCOMPARE(order.totals.total, rub(285'00));
        QCOMPARE(m_catalog->count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 1);
        QCOMPARE(m_catalog->count(QStringLiteral("SELECT COUNT(*) FROM orders WHERE local_state = 'queued'")),
                 1);
        QCOMPARE(drafts(), 0);
        QVERIFY(cart->isEmpty());
        QVERIFY(cart->draftId().isNull());

        // The next cart starts empty and makes a new draft.
        cart->add(product(u"NUT-10"_qs), qty(1));
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(drafts(), 1);
        QVERIFY(cart->draftId() != order.id);
        cart.reset();
        auto next = newCart();
        QSignalSpy restored(next.get(), &Cart::restored);
        next->restore();
        QTRY_COMPARE(restored.count(), 1);
        QCOMPARE(next->lines().size(), 1);
        QCOMPARE(next->lines().first().productId, product(u"NUT-10"_qs));
    }

    void clearDeletesTheDraft()
    {
        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        auto cart = newCart();
        {
            CacheGate gate(*m_catalog->cache);
            cart->add(product(u"BOLT-8"_qs), qty(1));
            QVERIFY(cart->isSaving());
            cart->clear(); // while its first save is on its way
            QVERIFY(cart->isEmpty());
        }
        QTRY_VERIFY(settled(*cart));
        QTRY_COMPARE(drafts(), 0);
        cart->add(product(u"NUT-10"_qs), qty(1));
        QTRY_VERIFY(settled(*cart));
        cart->clear();
        QTRY_COMPARE(drafts(), 0);
        // Removing the last line leaves no empty draft behind either.
        cart->add(product(u"NUT-10"_qs), qty(1));
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(drafts(), 1);
        cart->remove(product(u"NUT-10"_qs));
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(drafts(), 0);
    }

    void aDraftSubmittedElsewhereIsNotLost()
    {
        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        auto cart = newCart();
        QSignalSpy failed(cart.get(), &Cart::failed);
        cart->add(product(u"BOLT-8"_qs), qty(1));
        QTRY_VERIFY(settled(*cart));
        const Id first = cart->draftId();
        // The orders page submits the very draft the cart is editing.
        m_catalog->cache->run(
            [&](QSqlDatabase &db) { LocalOrders::submit(db, first, QDateTime::currentDateTimeUtc()); });
        cart->add(product(u"NUT-10"_qs), qty(1));
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(failed.count(), 0);
        QVERIFY(!cart->draftId().isNull());
        QVERIFY(cart->draftId() != first);
        QCOMPARE(drafts(), 1);
        QCOMPARE(cart->priced()->lines.size(), 2);
    }

    void aCustomerMissingFromTheCacheIsExplained()
    {
        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        auto cart = newCart();
        cart->add(product(u"BOLT-8"_qs), qty(1));
        QTRY_VERIFY(settled(*cart));
        const Id draft = cart->draftId();
        QSignalSpy failed(cart.get(), &Cart::failed);
        CustomerRow unknown = m_catalog->row(m_catalog->vasilek);
        unknown.id = Id::createUuid(); // not synced to this device
        m_customer->setCustomer(unknown);
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(
            failed.first().first().toString(),
            Cart::tr(
                "The customer or the customer's prices are not on this device yet; sync and try again."));
        QTRY_VERIFY(settled(*cart));
        // The draft stays the one draft, and comes back for a known customer.
        QCOMPARE(drafts(), 1);
        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(cart->draftId(), draft);
        QCOMPARE(drafts(), 1);
        QCOMPARE(failed.count(), 1);
    }

    void keptDraftsStayAndTheCartStartsEmpty()
    {
        m_customer->setCustomer(m_catalog->row(m_catalog->romashka));
        auto cart = newCart();
        QSignalSpy kept(cart.get(), &Cart::keptAsDraft);
        cart->add(product(u"BOLT-8"_qs), qty(4));
        const Id first = [&] {
            [&] {
                QTRY_VERIFY(settled(*cart));
            }();
            return cart->draftId();
        }();
        cart->keepAsDraft();
        QVERIFY(cart->isEmpty());
        QTRY_COMPARE(kept.count(), 1);
        QVERIFY(!kept.first().first().toString().isEmpty());
        QCOMPARE(drafts(), 1);

        // A restart does not bring the kept draft back into the cart ...
        cart = newCart();
        QSignalSpy restored(cart.get(), &Cart::restored);
        cart->restore();
        QTRY_COMPARE(restored.count(), 1);
        QVERIFY(cart->isEmpty());
        // ... but it can be opened again, and edited in place.
        cart->open(first);
        QTRY_COMPARE(restored.count(), 2);
        QCOMPARE(cart->lines().size(), 1);
        QCOMPARE(cart->draftId(), first);
        cart->add(product(u"BOLT-8"_qs), qty(1));
        QTRY_VERIFY(settled(*cart));
        QCOMPARE(cart->lines().first().quantity, qty(5));
        QCOMPARE(drafts(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCart)
#include "tst_cart.moc"
