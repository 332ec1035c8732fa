#include "cache/cachedatabase.h"
#include "cache/catalogcache.h"
#include "orders/localorders.h"
#include "protocol/codecs.h"
#include "sync/outbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace portico;
using namespace portico::client;

namespace {

QString idText(const Id &id)
{
    return id.toString(QUuid::WithoutBraces);
}

SyncChange change(qint64 seq, const QString &entity, const QString &id, const QJsonObject &data)
{
    return SyncChange {seq, entity, id, false, data, {}, {}};
}

} // namespace

// Orders made on the device: drafts priced from the cache by the shared rules, submission into
// the outbox in the same transaction, cancel and confirm, and the server's answers.
class TestLocalOrders final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_cache;
    PriceType m_priceType {Id::createUuid(), {}, QStringLiteral("Оптовая"), Currency::rub(), true};
    Customer m_customer;
    QList<Product> m_products;
    const QDateTime m_now = QDateTime(QDate(2026, 11, 29), QTime(10, 0), Qt::UTC);

    template<typename F>
    auto db(F &&job)
    {
        return m_cache->run(std::forward<F>(job));
    }

    OrderDraft draftOf(const QList<std::pair<int, qint64>> &lines)
    {
        OrderDraft draft;
        draft.customerId = m_customer.id;
        draft.comment = QStringLiteral("к 9 утра");
        for (const auto &[product, milli] : lines)
            draft.lines.append({m_products.at(product).id, Quantity::fromMilli(milli)});
        return draft;
    }

    LocalOrders::SavedDraft save(const OrderDraft &draft)
    {
        return db([&](QSqlDatabase &c) { return LocalOrders::saveDraft(c, draft, Id::createUuid(), m_now); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cache = std::make_unique<CacheDatabase>(m_dir.filePath(QStringLiteral("cache.sqlite")));
        QString error;
        QVERIFY2(m_cache->open(&error), qPrintable(error));

        m_customer.id = Id::createUuid();
        m_customer.name = QStringLiteral("Ромашка");
        m_customer.legalName = QStringLiteral("ООО «Ромашка»");
        m_customer.inn = QStringLiteral("7707083893");
        m_customer.kpp = QStringLiteral("773601001");
        m_customer.priceTypeId = m_priceType.id;
        m_customer.discount = 500; // 5 %

        SyncPage page;
        page.epoch = QStringLiteral("e.1");
        qint64 seq = 0;
        page.changes.append(change(++seq, QStringLiteral("price_type"), idText(m_priceType.id),
                                   protocol::toJson(m_priceType)));
        page.changes.append(
            change(++seq, QStringLiteral("customer"), idText(m_customer.id), protocol::toJson(m_customer)));
        for (int i = 0; i < 3; ++i) {
            Product product;
            product.id = Id::createUuid();
            product.sku = QStringLiteral("SKU-%1").arg(i);
            product.name = QStringLiteral("Болт М%1").arg(8 + i);
            product.unit = Unit {QStringLiteral("796"), QStringLiteral("шт")};
            product.vatRate = VatRate::Twenty;
            m_products.append(product);
            page.changes.append(
                change(++seq, QStringLiteral("product"), idText(product.id), protocol::toJson(product)));
            if (i == 2)
                continue; // the third product has no price of this price type
            const Price price {
                product.id, m_priceType.id, Money::fromMinor(10000 * (i + 1), Currency::rub()), {}};
            page.changes.append(change(++seq, QStringLiteral("price"),
                                       idText(product.id) + QLatin1Char('/') + idText(m_priceType.id),
                                       protocol::toJson(price)));
        }
        page.cursor = seq;
        page.head = seq;
        db([&](QSqlDatabase &c) { CatalogCache::applyPage(c, page, m_now.addSecs(-3600)); });
    }

    void draftIsPricedByTheSharedRules()
    {
        const auto saved = save(draftOf({{0, 2000}, {1, 1000}}));
        QVERIFY(saved.issues.isEmpty());
        const Order &order = saved.order;
        QCOMPARE(order.status, OrderStatus::Draft);
        QCOMPARE(order.lines.size(), 2);
        // 2 × 100.00 − 5 % = 190.00; 1 × 200.00 − 5 % = 190.00; VAT included at 20 %.
        QCOMPARE(order.lines.at(0).amount, Money::fromMinor(19000, Currency::rub()));
        QCOMPARE(order.lines.at(1).amount, Money::fromMinor(19000, Currency::rub()));
        QCOMPARE(order.totals.total, Money::fromMinor(38000, Currency::rub()));
        QCOMPARE(order.totals.vat, Money::fromMinor(3167 * 2, Currency::rub()));
        QCOMPARE(order.pricesAsOf, m_now.addSecs(-3600));
        QVERIFY(!order.clientNumber.isEmpty());

        const auto stored = db([&](QSqlDatabase &c) { return LocalOrders::find(c, order.id); });
        QVERIFY(stored);
        QCOMPARE(stored->localState, LocalOrder::LocalState::Draft);
        QVERIFY(stored->local);
        QCOMPARE(stored->local->totals, order.totals);
        QCOMPARE(stored->local->comment, QStringLiteral("к 9 утра"));
    }

    void clientNumbersAreUniqueOnTheDevice()
    {
        QSet<QString> numbers;
        for (int i = 0; i < 50; ++i)
            numbers.insert(save(draftOf({{0, 1000}})).order.clientNumber);
        QCOMPARE(numbers.size(), 50);
    }

    void unpricedLinesAreKeptAndBlockSubmission()
    {
        const auto saved = save(draftOf({{0, 1000}, {2, 3000}}));
        QCOMPARE(saved.order.lines.size(), 1);
        QCOMPARE(saved.issues.size(), 1);
        QCOMPARE(saved.issues.first().code, rules::PricingError::NoPrice);
        QCOMPARE(saved.issues.first().lineNo, 2);
        const Id id = saved.order.id;
        QVERIFY_THROWS_EXCEPTION(OrderError, db([&](QSqlDatabase &c) { LocalOrders::submit(c, id, m_now); }));
        QCOMPARE(db([](QSqlDatabase &c) { return Outbox::pendingCount(c); }), 0);
        // What the user entered survives: the unpriced line is still in the stored draft.
        const auto stored = db([&](QSqlDatabase &c) { return LocalOrders::find(c, id); });
        QVERIFY(stored);
        QCOMPARE(stored->localState, LocalOrder::LocalState::Draft);
    }

    void submitWritesTheOutboxInTheSameTransaction()
    {
        const Id id = save(draftOf({{0, 1000}})).order.id;
        const int before = db([](QSqlDatabase &c) { return Outbox::pendingCount(c); });
        const Order submitted = db([&](QSqlDatabase &c) { return LocalOrders::submit(c, id, m_now); });
        QCOMPARE(submitted.status, OrderStatus::Submitted);
        const auto items = db([](QSqlDatabase &c) { return Outbox::pending(c, 1000); });
        QCOMPARE(items.size(), before + 1);
        const OutboxItem item = items.last();
        QCOMPARE(item.kind, OutboxItem::Kind::SubmitOrder);
        QCOMPARE(item.targetId, idText(id));
        const QJsonObject body = QJsonDocument::fromJson(item.payload).object();
        QCOMPARE(body.value(QStringLiteral("id")).toString(), idText(id));
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("submitted"));
        QVERIFY(!body.contains(QStringLiteral("entered")));
        // A second submit of the same order is refused and writes nothing.
        QVERIFY_THROWS_EXCEPTION(OrderError, db([&](QSqlDatabase &c) { LocalOrders::submit(c, id, m_now); }));
        QCOMPARE(db([](QSqlDatabase &c) { return Outbox::pendingCount(c); }), before + 1);
        const auto stored = db([&](QSqlDatabase &c) { return LocalOrders::find(c, id); });
        QCOMPARE(stored->localState, LocalOrder::LocalState::Queued);
    }

    void cancellingAnUnsentOrderWithdrawsIt()
    {
        const Id id = save(draftOf({{1, 1000}})).order.id;
        db([&](QSqlDatabase &c) { LocalOrders::submit(c, id, m_now); });
        const int pending = db([](QSqlDatabase &c) { return Outbox::pendingCount(c); });
        db([&](QSqlDatabase &c) { LocalOrders::cancel(c, id, QStringLiteral("ошибся"), m_now); });
        QCOMPARE(db([](QSqlDatabase &c) { return Outbox::pendingCount(c); }), pending - 1);
        const auto stored = db([&](QSqlDatabase &c) { return LocalOrders::find(c, id); });
        QCOMPARE(stored->localState, LocalOrder::LocalState::Withdrawn);
        QCOMPARE(stored->order.status, OrderStatus::Cancelled);
    }

    void cancellingAnAttemptedOrderAsksTheServer()
    {
        const Id id = save(draftOf({{1, 1000}})).order.id;
        db([&](QSqlDatabase &c) { LocalOrders::submit(c, id, m_now); });
        auto items = db([](QSqlDatabase &c) { return Outbox::pending(c, 1000); });
        const OutboxItem submit = items.last();
        db([&](QSqlDatabase &c) { Outbox::noteAttempt(c, submit.id, QStringLiteral("timeout")); });
        db([&](QSqlDatabase &c) { LocalOrders::cancel(c, id, QStringLiteral("ошибся"), m_now); });
        items = db([](QSqlDatabase &c) { return Outbox::pending(c, 1000); });
        QCOMPARE(items.at(items.size() - 2).id, submit.id);
        QCOMPARE(items.last().kind, OutboxItem::Kind::CancelOrder);
        QCOMPARE(items.last().targetId, idText(id));
    }

    void serverAnswerBecomesLocalState()
    {
        const Id id = save(draftOf({{0, 1000}})).order.id;
        db([&](QSqlDatabase &c) { LocalOrders::submit(c, id, m_now); });
        const OutboxItem item = db([](QSqlDatabase &c) { return Outbox::pending(c, 1000); }).last();
        QJsonObject reply = QJsonDocument::fromJson(item.payload).object();
        reply.insert(QStringLiteral("number"), QStringLiteral("ЗК-000123"));
        reply.insert(QStringLiteral("status"), QStringLiteral("accepted_with_changes"));
        reply.insert(QStringLiteral("outcome"),
                     QJsonObject {{QStringLiteral("status"), QStringLiteral("accepted_with_changes")},
                                  {QStringLiteral("reasons"),
                                   QJsonArray {QJsonObject {
                                       {QStringLiteral("code"), QStringLiteral("unit_price_changed")},
                                       {QStringLiteral("message"), QStringLiteral("Цена изменилась")},
                                       {QStringLiteral("line_no"), 1}}}}});
        const QString status = db([&](QSqlDatabase &c) {
            const QString s = LocalOrders::recordAnswer(c, item, reply, m_now);
            Outbox::remove(c, item.id);
            return s;
        });
        QCOMPARE(status, QStringLiteral("accepted_with_changes"));
        const auto stored = db([&](QSqlDatabase &c) { return LocalOrders::find(c, id); });
        QCOMPARE(stored->localState, LocalOrder::LocalState::Uploaded);
        QVERIFY(stored->server);
        QCOMPARE(stored->order.number, QStringLiteral("ЗК-000123"));
        QCOMPARE(stored->order.status, OrderStatus::AcceptedWithChanges);
        QCOMPARE(stored->outcome.value(QStringLiteral("reasons")).toArray().size(), 1);
        QVERIFY(stored->local); // the offline version stays for the side-by-side view
        QVERIFY(!stored->outcomeSeen);

        db([&](QSqlDatabase &c) { LocalOrders::confirm(c, id, m_now); });
        QCOMPARE(db([](QSqlDatabase &c) { return Outbox::pending(c, 1000); }).last().kind,
                 OutboxItem::Kind::ConfirmOrder);
    }

    void refusalIsExplainedOnTheOrder()
    {
        const Id id = save(draftOf({{0, 1000}})).order.id;
        db([&](QSqlDatabase &c) { LocalOrders::submit(c, id, m_now); });
        const OutboxItem item = db([](QSqlDatabase &c) { return Outbox::pending(c, 1000); }).last();
        ApiError error;
        error.kind = ApiError::Kind::Http;
        error.httpStatus = 422;
        error.code = QStringLiteral("unprocessable");
        error.message = QStringLiteral("Unknown product");
        error.field = QStringLiteral("$.lines[0].product_id");
        db([&](QSqlDatabase &c) {
            LocalOrders::recordRefusal(c, item, error, m_now);
            Outbox::setAside(c, item.id, error.toString());
        });
        const auto stored = db([&](QSqlDatabase &c) { return LocalOrders::find(c, id); });
        QCOMPARE(stored->localState, LocalOrder::LocalState::Failed);
        QCOMPARE(stored->order.status, OrderStatus::Rejected);
        const QJsonObject reason
            = stored->outcome.value(QStringLiteral("reasons")).toArray().first().toObject();
        QCOMPARE(reason.value(QStringLiteral("code")).toString(), QStringLiteral("unprocessable"));
        QCOMPARE(reason.value(QStringLiteral("field")).toString(), QStringLiteral("$.lines[0].product_id"));
        QVERIFY(db([](QSqlDatabase &c) { return Outbox::failedCount(c); }) >= 1);
        QVERIFY(!db([&](QSqlDatabase &c) { return Outbox::find(c, item.id); })->lastError.isEmpty());
    }

    void resetKeepsLocalOrdersAndTheOutbox()
    {
        const int pending = db([](QSqlDatabase &c) { return Outbox::pendingCount(c); });
        const int orders = db([](QSqlDatabase &c) { return int(LocalOrders::list(c, 1000).size()); });
        QVERIFY(pending > 0);
        db([](QSqlDatabase &c) { CatalogCache::resetServerData(c); });
        QCOMPARE(db([](QSqlDatabase &c) { return Outbox::pendingCount(c); }), pending);
        QCOMPARE(db([](QSqlDatabase &c) { return int(LocalOrders::list(c, 1000).size()); }), orders);
        // Without the cached customer a new draft cannot be priced: explained, nothing written.
        QVERIFY_THROWS_EXCEPTION(OrderError, save(draftOf({{0, 1000}})));
        QCOMPARE(db([](QSqlDatabase &c) { return int(LocalOrders::list(c, 1000).size()); }), orders);
    }
};

QTEST_GUILESS_MAIN(TestLocalOrders)
#include "tst_localorders.moc"
