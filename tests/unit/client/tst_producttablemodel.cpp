#include "cache/productqueries.h"
#include "catalogfixture.h"
#include "models/producttablemodel.h"
#include "workspace/customercontext.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>

using namespace portico;
using namespace portico::client;
using namespace portico::client::catalogfixture;

namespace {

// Products added to the "mixes" group besides the plaster: enough for many pages.
constexpr int Bulk = 8500;

QString bulkName(int i)
{
    return QStringLiteral("Смесь %1").arg(i, 5, 10, QLatin1Char('0'));
}

QString bulkKey(int i)
{
    return QStringLiteral("bulk-%1").arg(i);
}

CustomerRow wholesaleCustomer(BasisPoints discount)
{
    CustomerRow row;
    row.id = id(QStringLiteral("romashka"));
    row.name = QStringLiteral("Ромашка");
    row.priceTypeId = id(QStringLiteral("wholesale"));
    row.discount = discount;
    return row;
}

} // namespace

class TestProductTableModel final
    : public QObject
    , public CatalogFixture
{
    Q_OBJECT

    std::unique_ptr<CustomerContext> m_customer;

    std::unique_ptr<ProductTableModel> makeModel()
    {
        return std::make_unique<ProductTableModel>(*m_cache, *m_customer);
    }

    static bool waitLoaded(ProductTableModel &model)
    {
        QSignalSpy loaded(&model, &ProductTableModel::loaded);
        return loaded.wait(10000);
    }

    static QString name(const ProductTableModel &model, int row)
    {
        return model.index(row, ProductTableModel::NameColumn).data().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        openCache();
        QList<SyncChange> changes = catalogChanges();
        qint64 seq = changes.size();
        for (int i = 0; i < Bulk; ++i) {
            const QString key = bulkKey(i);
            changes.append(upsert(
                ++seq, QStringLiteral("product"), uuid(key),
                productJson(key, bulkName(i), QStringLiteral("BK-%1").arg(i), QStringLiteral("mixes"))));
            changes.append(upsert(++seq, QStringLiteral("price"), priceKey(key, QStringLiteral("wholesale")),
                                  priceJson(key, QStringLiteral("wholesale"), QStringLiteral("10.00"))));
            changes.append(upsert(++seq, QStringLiteral("stock"), priceKey(key, QStringLiteral("spb")),
                                  stockJson(key, QStringLiteral("spb"), QStringLiteral("7"))));
        }
        apply(page(Epoch, seq, false, changes));
    }

    void init() { m_customer = std::make_unique<CustomerContext>(); }
    void cleanup() { m_customer.reset(); }
    void cleanupTestCase() { closeCache(); }

    void groupRowsLoadLazily()
    {
        auto model = makeModel();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->showGroup(id(QStringLiteral("mixes")));
        QVERIFY(model->isLoading());
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(waitLoaded(*model));
        QCOMPARE(model->rowCount(), Bulk + 1);
        // SKU, name, unit, price, two warehouses (by name: Москва, СПб), quantity.
        QCOMPARE(model->columnCount(), 7);
        QCOMPARE(model->quantityColumn(), 6);
        QCOMPARE(model->headerData(4, Qt::Horizontal).toString(), QStringLiteral("Склад Москва"));
        QCOMPARE(model->headerData(5, Qt::Horizontal).toString(), QStringLiteral("Склад СПб"));
        // The first page came with the count; nothing else was read.
        QCOMPARE(model->loadedPageCount(), 1);
        QCOMPARE(name(*model, 0), bulkName(0));
        QCOMPARE(model->index(0, ProductTableModel::SkuColumn).data().toString(), QStringLiteral("BK-0"));
        QCOMPARE(model->index(0, ProductTableModel::UnitColumn).data().toString(), QStringLiteral("шт"));
        QCOMPARE(model->index(0, 5).data(ProductTableModel::AvailableRole).value<Quantity>(),
                 Quantity::fromInt(7));
        QCOMPARE(model->index(0, 4).data(ProductTableModel::AvailableRole).value<Quantity>(), Quantity());

        // A row far down is read when asked for, once.
        const int row = 5 * ProductTableModel::PageSize + 17;
        QCOMPARE(model->index(row, 0).data(ProductTableModel::RowLoadedRole).toBool(), false);
        QCOMPARE(name(*model, row), ProductTableModel::tr("Loading…"));
        QCOMPARE(model->pageJobsInFlight(), 1);
        for (int r = row; r < row + 50; ++r)
            model->index(r, 1).data();
        QCOMPARE(model->pageJobsInFlight(), 1);
        QSignalSpy pageLoaded(model.get(), &ProductTableModel::pageLoaded);
        QVERIFY(pageLoaded.wait(5000));
        QCOMPARE(pageLoaded.first().first().toInt(), 5);
        QCOMPARE(model->pageFetchCount(), 1);
        QCOMPARE(name(*model, row), bulkName(row));
        QCOMPARE(model->index(row, 0).data(ProductTableModel::ProductIdRole).value<Id>(), id(bulkKey(row)));
        QCOMPARE(model->loadedPageCount(), 2);
        // The plaster sorts after every "Смесь".
        const int last = model->rowCount() - 1;
        model->index(last, 0).data();
        QTRY_COMPARE(name(*model, last), QStringLiteral("Штукатурка гипсовая Уралсмесь 5 кг"));
        QCOMPARE(model->rowOf(id(QStringLiteral("plaster"))), last);
    }

    void fastScrollingQueuesOnlyRecentPages()
    {
        auto model = makeModel();
        model->showGroup(id(QStringLiteral("mixes")));
        QVERIFY(waitLoaded(*model));
        // A scrollbar dragged from top to bottom asks for a row of every page in one go.
        const int pages = (model->rowCount() + ProductTableModel::PageSize - 1) / ProductTableModel::PageSize;
        for (int page = 1; page < pages; ++page)
            model->index(page * ProductTableModel::PageSize, 1).data();
        QCOMPARE(model->pageJobsInFlight(), ProductTableModel::MaxPageJobs);
        QTRY_COMPARE(model->pageJobsInFlight(), 0);
        // The first jobs, then only the pages wanted last: the rest was scrolled past.
        QCOMPARE(model->pageFetchCount(), ProductTableModel::MaxPageJobs + ProductTableModel::MaxWantedPages);
        QVERIFY(model->index((pages - 1) * ProductTableModel::PageSize, 1)
                    .data(ProductTableModel::RowLoadedRole)
                    .toBool());
        QVERIFY(!model->index((pages / 2) * ProductTableModel::PageSize, 1)
                     .data(ProductTableModel::RowLoadedRole)
                     .toBool());
    }

    void pagesInMemoryAreBounded()
    {
        auto model = makeModel();
        model->showGroup(id(QStringLiteral("mixes")));
        QVERIFY(waitLoaded(*model));
        const int pages = (model->rowCount() + ProductTableModel::PageSize - 1) / ProductTableModel::PageSize;
        QVERIFY(pages > ProductTableModel::MaxCachedPages);
        for (int page = 0; page < pages; ++page) {
            const QModelIndex index = model->index(page * ProductTableModel::PageSize, 1);
            index.data();
            QTRY_VERIFY(index.data(ProductTableModel::RowLoadedRole).toBool());
        }
        QCOMPARE(model->loadedPageCount(), ProductTableModel::MaxCachedPages);
        // The least recently shown went first; a page shown again is read again.
        QVERIFY(!model->index(0, 1).data(ProductTableModel::RowLoadedRole).toBool());
        QTRY_COMPARE(name(*model, 0), bulkName(0));
    }

    void pricesFollowTheCustomer()
    {
        auto model = makeModel();
        model->showGroup(id(QStringLiteral("fasteners")));
        QVERIFY(waitLoaded(*model));
        QCOMPARE(model->rowCount(), 2); // the old screw is inactive
        QCOMPARE(name(*model, 0), QStringLiteral("Болт М8х40 оцинкованный"));
        QVERIFY(!model->index(0, 0).data(ProductTableModel::PriceRole).isValid());
        QCOMPARE(model->index(0, ProductTableModel::PriceColumn).data().toString(), QString());
        QCOMPARE(
            model->headerData(ProductTableModel::PriceColumn, Qt::Horizontal, Qt::ToolTipRole).toString(),
            ProductTableModel::tr("Choose a customer to see their prices."));

        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        m_customer->setCustomer(wholesaleCustomer(300));
        QVERIFY(waitLoaded(*model));
        QCOMPARE(reset.count(), 0); // same rows: the view keeps its place
        QCOMPARE(model->index(0, 0).data(ProductTableModel::BasePriceRole).value<Money>(),
                 Money::fromMinor(1000, Currency::rub()));
        QCOMPARE(model->index(0, 0).data(ProductTableModel::PriceRole).value<Money>(),
                 Money::fromMinor(970, Currency::rub()));
        QVERIFY(model->headerData(ProductTableModel::PriceColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Оптовая")));
        // The nut has no wholesale price.
        QVERIFY(!model->index(1, 0).data(ProductTableModel::PriceRole).isValid());

        // Another discount only: no new read, the price column changes.
        QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
        const int fetches = model->pageFetchCount();
        m_customer->setCustomer(wholesaleCustomer(1000));
        QVERIFY(changed.count() >= 1);
        QCOMPARE(model->pageFetchCount(), fetches);
        QVERIFY(!model->isLoading());
        QCOMPARE(model->index(0, 0).data(ProductTableModel::PriceRole).value<Money>(),
                 Money::fromMinor(900, Currency::rub()));

        m_customer->clear();
        QVERIFY(waitLoaded(*model));
        QVERIFY(!model->index(0, 0).data(ProductTableModel::PriceRole).isValid());
    }

    void searchOrdersExactMatchesFirst()
    {
        auto model = makeModel();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->showGroup(id(QStringLiteral("fasteners")));
        QVERIFY(waitLoaded(*model));

        model->search(QStringLiteral("КР-0002"));
        QCOMPARE(model->mode(), ProductTableModel::Mode::Search);
        QVERIFY(waitLoaded(*model));
        QVERIFY(model->rowCount() >= 1);
        QCOMPARE(name(*model, 0), QStringLiteral("Гайка М8"));

        model->search(QStringLiteral("4600202409173"));
        QVERIFY(waitLoaded(*model));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(ProductTableModel::ProductIdRole).value<Id>(),
                 id(QStringLiteral("plaster")));

        model->search(QStringLiteral("смесь 00004"));
        QVERIFY(waitLoaded(*model));
        QVERIFY(model->rowCount() >= 1);
        QCOMPARE(name(*model, 0), bulkName(4));
        QVERIFY(!model->isTruncated());

        // Thousands of hits: the best SearchLimit of them, every one loaded at once.
        model->search(QStringLiteral("смесь"));
        QVERIFY(waitLoaded(*model));
        QCOMPARE(model->rowCount(), ProductTableModel::SearchLimit);
        QVERIFY(model->isTruncated());
        QVERIFY(model->index(ProductTableModel::SearchLimit - 1, 0)
                    .data(ProductTableModel::RowLoadedRole)
                    .toBool());
        QCOMPARE(model->pageFetchCount(), 0);

        model->search(QStringLiteral("нет такого товара"));
        QVERIFY(waitLoaded(*model));
        QCOMPARE(model->rowCount(), 0);

        // An empty search goes back to the group.
        model->search(QStringLiteral("  "));
        QCOMPARE(model->mode(), ProductTableModel::Mode::Group);
        QVERIFY(waitLoaded(*model));
        QCOMPARE(model->rowCount(), 2);
    }

    void newerSearchWins()
    {
        auto model = makeModel();
        QSignalSpy loaded(model.get(), &ProductTableModel::loaded);
        // The first query is slow (a many-hit search behind a busy cache), the second quick; the
        // first answer lands first and must not be shown.
        m_cache->submit([](QSqlDatabase &) { QThread::msleep(200); });
        model->search(QStringLiteral("смесь"));
        const quint64 first = model->sequence();
        model->search(QStringLiteral("гайка"));
        QCOMPARE(model->sequence(), first + 1);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(name(*model, 0), QStringLiteral("Гайка М8"));
        QCOMPARE(model->searchText(), QStringLiteral("гайка"));
        // Nothing else arrives later.
        QTest::qWait(100);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(name(*model, 0), QStringLiteral("Гайка М8"));
    }

    void quantitiesAreTypedPerProduct()
    {
        auto model = makeModel();
        model->showGroup(id(QStringLiteral("fasteners")));
        QVERIFY(waitLoaded(*model));
        const QModelIndex qty = model->index(0, model->quantityColumn());
        QVERIFY(qty.flags() & Qt::ItemIsEditable);
        QVERIFY(!(model->index(0, 0).flags() & Qt::ItemIsEditable));
        QVERIFY(model->setData(qty, QStringLiteral("2,5")));
        QCOMPARE(qty.data(ProductTableModel::QuantityRole).value<Quantity>(), Quantity::fromMilli(2500));
        QVERIFY(!model->setData(qty, QStringLiteral("много")));
        QVERIFY(!model->setData(qty, QStringLiteral("-1")));
        QVERIFY(model->setData(qty, QStringLiteral("0")));
        QVERIFY(!model->quantity(id(QStringLiteral("bolt"))));
        QVERIFY(model->setData(qty, QStringLiteral("2.5")));
        QCOMPARE(model->quantity(id(QStringLiteral("bolt"))), Quantity::fromMilli(2500));
        // The quantity belongs to the product: it is still there in a search.
        model->search(QStringLiteral("болт"));
        QVERIFY(waitLoaded(*model));
        const int row = model->rowOf(id(QStringLiteral("bolt")));
        QVERIFY(row >= 0);
        QCOMPARE(model->index(row, model->quantityColumn())
                     .data(ProductTableModel::QuantityRole)
                     .value<Quantity>(),
                 Quantity::fromMilli(2500));
        QVERIFY(model->setData(model->index(row, model->quantityColumn()), QString()));
        QVERIFY(!model->quantity(id(QStringLiteral("bolt"))));

        QCOMPARE(ProductTableModel::parseQuantity(QStringLiteral(" 12 ")), Quantity::fromInt(12));
        QCOMPARE(ProductTableModel::parseQuantity(QStringLiteral("0")), std::nullopt);
        QCOMPARE(ProductTableModel::parseQuantity(QStringLiteral("1.2345")), std::nullopt);
    }

    void reloadKeepsTheViewWhenRowsStay()
    {
        auto model = makeModel();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->showGroup(id(QStringLiteral("mixes")));
        QVERIFY(waitLoaded(*model));
        const int row = 3 * ProductTableModel::PageSize;
        model->index(row, 1).data();
        QTRY_COMPARE(name(*model, row), bulkName(row));

        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        const int fetches = model->pageFetchCount();
        model->reload();
        QVERIFY(waitLoaded(*model));
        QCOMPARE(reset.count(), 0);
        // The pages in view came with the reload.
        QCOMPARE(name(*model, row), bulkName(row));
        QCOMPARE(model->pageFetchCount(), fetches);

        // A product more: the rows move, the model resets.
        db([](QSqlDatabase &db) {
            CatalogCache::applyPage(
                db,
                page(Epoch, 1000000, false,
                     {upsert(1000000, QStringLiteral("product"), uuid(QStringLiteral("extra")),
                             productJson(QStringLiteral("extra"), QStringLiteral("Смесь 00000а"),
                                         QStringLiteral("EX-1"), QStringLiteral("mixes")))}),
                Now);
        });
        model->reload();
        QVERIFY(waitLoaded(*model));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model->rowCount(), Bulk + 2);
        QCOMPARE(name(*model, row + 1), bulkName(row));
        db([](QSqlDatabase &db) {
            CatalogCache::applyPage(
                db,
                page(Epoch, 1000001, false,
                     {tombstone(1000001, QStringLiteral("product"), uuid(QStringLiteral("extra")))}),
                Now);
        });
    }

    void neverWaitsForTheCache()
    {
        auto model = makeModel();
        model->showGroup(id(QStringLiteral("mixes")));
        QVERIFY(waitLoaded(*model));
        // The cache thread is busy for a while; nothing the GUI asks of the model may wait for it.
        QSemaphore release;
        m_cache->submit([&release](QSqlDatabase &) { release.acquire(); });
        QElapsedTimer clock;
        clock.start();
        model->index(30 * ProductTableModel::PageSize, 1).data();
        model->search(QStringLiteral("смесь"));
        model->showGroup(id(QStringLiteral("mixes")));
        model->reload();
        m_customer->setCustomer(wholesaleCustomer(300));
        for (int row = 0; row < 5000; row += 50)
            model->index(row, 1).data();
        const qint64 elapsed = clock.elapsed();
        release.release(); // first: a failed check would leave the cache blocked for good
        QVERIFY2(elapsed < 200, qPrintable(QString::number(elapsed)));
        QVERIFY(waitLoaded(*model));
        QCOMPARE(model->rowCount(), Bulk + 1);
    }

    void groupPositionMatchesTheTable()
    {
        const Id mixes = id(QStringLiteral("mixes"));
        QCOMPARE(
            db([&](QSqlDatabase &db) { return ProductQueries::groupPosition(db, mixes, id(bulkKey(0))); }),
            0);
        QCOMPARE(
            db([&](QSqlDatabase &db) { return ProductQueries::groupPosition(db, mixes, id(bulkKey(1234))); }),
            1234);
        QCOMPARE(db([&](QSqlDatabase &db) {
                     return ProductQueries::groupPosition(db, mixes, id(QStringLiteral("plaster")));
                 }),
                 Bulk);
        QCOMPARE(db([&](QSqlDatabase &db) {
                     return ProductQueries::groupPosition(db, mixes, id(QStringLiteral("bolt")));
                 }),
                 -1);
        QCOMPARE(db([&](QSqlDatabase &db) {
                     return ProductQueries::groupPosition(db, id(QStringLiteral("fasteners")),
                                                          id(QStringLiteral("old-screw")));
                 }),
                 -1);
    }

    void productCardHasEverything()
    {
        const auto card = db(
            [](QSqlDatabase &db) { return ProductQueries::productCard(db, id(QStringLiteral("bolt"))); });
        QVERIFY(card);
        QCOMPARE(card->product.sku, QStringLiteral("КР-0001"));
        QCOMPARE(card->groupName, QStringLiteral("Крепёж"));
        QCOMPARE(card->product.description, QStringLiteral("Описание."));
        QCOMPARE(card->properties.size(), 2);
        QCOMPARE(card->properties[0].name, QStringLiteral("Материал"));
        QCOMPARE(card->properties[0].value, QStringLiteral("Сталь"));
        QCOMPARE(card->prices.size(), 2);
        QCOMPARE(card->prices[0].priceType.name, QStringLiteral("Оптовая"));
        QCOMPARE(card->prices[0].price.unitPrice, Money::fromMinor(1000, Currency::rub()));
        QCOMPARE(card->prices[0].price.tiers.size(), 2);
        QCOMPARE(card->prices[1].priceType.name, QStringLiteral("Розничная"));
        QCOMPARE(card->stock.size(), 2);
        QCOMPARE(card->stock[0].warehouse.name, QStringLiteral("Склад Москва"));
        QCOMPARE(card->stock[0].level.available(), Quantity::fromMilli(699500));
        QCOMPARE(card->stock[0].level.asOf, QDateTime(QDate(2026, 11, 29), QTime(19, 12, 28), Qt::UTC));
        QVERIFY(!db(
            [](QSqlDatabase &db) { return ProductQueries::productCard(db, id(QStringLiteral("none"))); }));
    }
};

QTEST_GUILESS_MAIN(TestProductTableModel)
#include "tst_producttablemodel.moc"
