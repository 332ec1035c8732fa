#include "catalogfixture.h"
#include "models/grouptreemodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using namespace portico;
using namespace portico::client;
using namespace portico::client::catalogfixture;

class TestGroupTreeModel final
    : public QObject
    , public CatalogFixture
{
    Q_OBJECT

    static bool waitLoaded(GroupTreeModel &model)
    {
        QSignalSpy loaded(&model, &GroupTreeModel::loaded);
        model.reload();
        return loaded.wait(10000);
    }

private Q_SLOTS:
    void init()
    {
        openCache();
        applyCatalog();
    }
    void cleanup() { closeCache(); }

    void treeWithCounts()
    {
        GroupTreeModel model(*m_cache);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(waitLoaded(model));
        QVERIFY(model.isLoaded());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), 2);
        const QModelIndex build = model.index(0, 0);
        QCOMPARE(build.data().toString(), QStringLiteral("Строительные материалы"));
        QCOMPARE(build.data(GroupTreeModel::GroupIdRole).value<Id>(), id(QStringLiteral("build")));
        QCOMPARE(build.data(GroupTreeModel::ProductCountRole).toInt(), 0);
        QCOMPARE(build.data(GroupTreeModel::TotalProductCountRole).toInt(), 3);
        QCOMPARE(model.index(0, GroupTreeModel::CountColumn).data().toInt(), 3);
        // Children by sort order: the mixes (100) before the fasteners (200).
        QCOMPARE(model.rowCount(build), 2);
        const QModelIndex mixes = model.index(0, 0, build);
        const QModelIndex fasteners = model.index(1, 0, build);
        QCOMPARE(mixes.data().toString(), QStringLiteral("Сухие смеси"));
        QCOMPARE(fasteners.data().toString(), QStringLiteral("Крепёж"));
        QCOMPARE(fasteners.data(GroupTreeModel::ProductCountRole).toInt(), 2); // the old screw is inactive
        QCOMPARE(fasteners.parent(), build);
        QCOMPARE(fasteners.data(GroupTreeModel::ParentIdRole).value<Id>(), id(QStringLiteral("build")));
        QCOMPARE(model.indexOf(id(QStringLiteral("fasteners"))), fasteners);
        QCOMPARE(model.groupId(fasteners), id(QStringLiteral("fasteners")));
        QVERIFY(!model.indexOf(id(QStringLiteral("nowhere"))).isValid());
        QCOMPARE(fasteners.data(Qt::ToolTipRole).toString(),
                 GroupTreeModel::tr("%n product(s) in this group.", nullptr, 2));
    }

    void reloadKeepsSelectionAndPersistentIndexes()
    {
        GroupTreeModel model(*m_cache);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(waitLoaded(model));
        QItemSelectionModel selection(&model);
        const QModelIndex fasteners = model.indexOf(id(QStringLiteral("fasteners")));
        selection.setCurrentIndex(fasteners, QItemSelectionModel::ClearAndSelect);
        const QPersistentModelIndex mixes(model.indexOf(id(QStringLiteral("mixes"))));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        // A new root group before the others, a new child of the fasteners, the mixes gone, more
        // products in the fasteners.
        apply(page(
            Epoch, 200, false,
            {upsert(101, QStringLiteral("group"), uuid(QStringLiteral("tools")),
                    groupJson(QStringLiteral("tools"), QStringLiteral("Инструмент"), {}, 10)),
             upsert(102, QStringLiteral("group"), uuid(QStringLiteral("bolts")),
                    groupJson(QStringLiteral("bolts"), QStringLiteral("Болты"), QStringLiteral("fasteners"))),
             tombstone(103, QStringLiteral("group"), uuid(QStringLiteral("mixes"))),
             upsert(104, QStringLiteral("product"), uuid(QStringLiteral("screw")),
                    productJson(QStringLiteral("screw"), QStringLiteral("Саморез"), QStringLiteral("КР-0009"),
                                QStringLiteral("bolts")))}));
        QVERIFY(waitLoaded(model));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Инструмент"));
        const QModelIndex current = selection.currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.data(GroupTreeModel::GroupIdRole).value<Id>(), id(QStringLiteral("fasteners")));
        QVERIFY(selection.isSelected(current));
        QCOMPARE(current.row(), 0);
        QCOMPARE(current.data(GroupTreeModel::TotalProductCountRole).toInt(), 3);
        QCOMPARE(model.rowCount(current), 1);
        QVERIFY(!mixes.isValid());
        QCOMPARE(model.index(1, 0).data(GroupTreeModel::TotalProductCountRole).toInt(), 3);
    }

    void parentCyclesDoNotHang()
    {
        apply(page(Epoch, 300, false,
                   {upsert(201, QStringLiteral("group"), uuid(QStringLiteral("a")),
                           groupJson(QStringLiteral("a"), QStringLiteral("А"), QStringLiteral("b"))),
                    upsert(202, QStringLiteral("group"), uuid(QStringLiteral("b")),
                           groupJson(QStringLiteral("b"), QStringLiteral("Б"), QStringLiteral("a")))}));
        GroupTreeModel model(*m_cache);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(waitLoaded(model));
        QVERIFY(model.indexOf(id(QStringLiteral("a"))).isValid());
        QVERIFY(model.indexOf(id(QStringLiteral("b"))).isValid());
    }
};

QTEST_GUILESS_MAIN(TestGroupTreeModel)
#include "tst_grouptreemodel.moc"
