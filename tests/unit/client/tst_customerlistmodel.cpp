#include "catalogfixture.h"
#include "models/customerlistmodel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace portico;
using namespace portico::client;
using namespace portico::client::catalogfixture;

// The customers list model: every match loaded from the cache thread, shown a chunk at a time,
// narrowed by a filter over name and INN, with the credit figures in its cells.
class TestCustomerListModel final
    : public QObject
    , private CatalogFixture
{
    Q_OBJECT

    static constexpr int Customers = 250;

    // Answers may land before a spy could see them (a job done before its continuation was
    // attached continues at once): wait for the state instead.
    static void waitLoaded(CustomerListModel &model) { QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 5000); }

private Q_SLOTS:
    void init()
    {
        openCache();
        applyCatalog();
        QList<SyncChange> changes;
        for (int i = 0; i < Customers; ++i) {
            const QString key = QStringLiteral("customer-%1").arg(i);
            QJsonObject customer
                = customerJson(key, QStringLiteral("Клиент %1").arg(i, 3, 10, QLatin1Char('0')));
            customer.insert(QStringLiteral("inn"), QStringLiteral("50%1").arg(i, 8, 10, QLatin1Char('0')));
            customer.insert(QStringLiteral("blocked"), i == 7);
            if (i == 8)
                customer.remove(QStringLiteral("credit_limit"));
            changes.append(upsert(300 + i, QStringLiteral("customer"), uuid(key), customer));
        }
        apply(page(Epoch, 600, false, changes));
    }

    void cleanup() { closeCache(); }

    void showsEveryMatchChunkByChunk()
    {
        CustomerListModel model(*m_cache);
        // No tester here: it fetches more on its own, and this counts the chunks.
        model.reload();
        waitLoaded(model);
        QCOMPARE(model.matchCount(), Customers + 1);
        QCOMPARE(model.rowCount(), CustomerListModel::ChunkSize);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({})); // the chunk comes after the caller's own work
        QCOMPARE(model.rowCount(), CustomerListModel::ChunkSize);
        QTRY_COMPARE(model.rowCount(), Customers + 1);
        QVERIFY(!model.canFetchMore({}));

        // Sorted by name: the 250 "Клиент …" before "Ромашка".
        QCOMPARE(model.index(0, CustomerListModel::NameColumn).data().toString(),
                 QStringLiteral("Клиент 000"));
        QCOMPARE(model.index(Customers, CustomerListModel::NameColumn).data().toString(),
                 QStringLiteral("Ромашка"));
        QCOMPARE(model.index(0, CustomerListModel::InnColumn).data().toString(),
                 QStringLiteral("5000000000"));
        const QLocale locale;
        QCOMPARE(model.index(0, CustomerListModel::BalanceColumn).data().toString(),
                 Money::fromMinor(4100006, Currency::rub()).toDisplayString(locale));
        QCOMPARE(model.index(0, CustomerListModel::CreditLimitColumn).data().toString(),
                 Money::fromMinor(10000000, Currency::rub()).toDisplayString(locale));
        QCOMPARE(model.index(8, CustomerListModel::CreditLimitColumn).data().toString(),
                 CustomerListModel::tr("No limit"));
        QCOMPARE(model.index(0, CustomerListModel::OverdueColumn).data().toString(),
                 Money::zero(Currency::rub()).toDisplayString(locale));
        QCOMPARE(model.index(7, CustomerListModel::BlockedColumn).data().toString(),
                 CustomerListModel::tr("Blocked"));
        QVERIFY(model.index(7, 0).data(CustomerListModel::BlockedRole).toBool());
        QVERIFY(model.index(6, CustomerListModel::BlockedColumn).data().toString().isEmpty());
        QCOMPARE(model.index(0, 0).data(CustomerListModel::IdRole).toString(),
                 uuid(QStringLiteral("customer-0")));
        QVERIFY(model.index(0, 0)
                    .data(CustomerListModel::SearchTextRole)
                    .toString()
                    .contains(QStringLiteral("5000000000")));
        QCOMPARE(model.customer(Customers).id, id(QStringLiteral("romashka")));
        QCOMPARE(model.rowOf(id(QStringLiteral("romashka"))), Customers);
    }

    void filterNarrowsByNameOrInn()
    {
        CustomerListModel model(*m_cache);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter(QStringLiteral("РОМАШ"));
        waitLoaded(model);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.customer(0).name, QStringLiteral("Ромашка"));

        model.setFilter(QStringLiteral("5000000012"));
        waitLoaded(model);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.customer(0).name, QStringLiteral("Клиент 012"));

        model.setFilter(QStringLiteral("клиент 01"));
        waitLoaded(model);
        QCOMPARE(model.rowCount(), 10);

        model.setFilter(QStringLiteral("нет такого"));
        waitLoaded(model);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.rowOf(id(QStringLiteral("romashka"))), -1);

        // Every match at once, for completers.
        model.setFilter({});
        waitLoaded(model);
        model.showAll();
        QCOMPARE(model.rowCount(), Customers + 1);
        QVERIFY(!model.canFetchMore({}));
    }
};

QTEST_GUILESS_MAIN(TestCustomerListModel)
#include "tst_customerlistmodel.moc"
