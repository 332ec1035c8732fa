#include "../unit/client/catalogfixture.h"
#include "cache/catalogqueries.h"
#include "catalog/catalogpage.h"
#include "catalog/productcarddialog.h"
#include "models/grouptreemodel.h"
#include "models/producttablemodel.h"
#include "net/productimages.h"
#include "testclient.h"
#include "testserver.h"
#include "typetext.h"
#include "workspace/customercontext.h"

#include <QApplication>
#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace portico;
using namespace portico::client;
using portico::test::TestClient;
using portico::test::TestServer;

namespace {

struct Sample
{
    Id id;
    Id groupId;
    QString sku;
    QString name;
    QString barcode;
};

} // namespace

class TestCatalogPage final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestClient> m_client;
    QList<GroupNode> m_groups; // with products of their own
    Sample m_sample; // a product with a barcode, not first in its group

    std::unique_ptr<CustomerContext> m_customer;
    std::unique_ptr<CatalogPage> m_page;

    ProductTableModel &products() { return *m_page->productModel(); }

    bool productsShown()
    {
        return !products().isLoading() && products().rowCount() > 0
            && products().index(0, 0).data(ProductTableModel::RowLoadedRole).toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList {QStringLiteral("--products"), QStringLiteral("300")}, QStringLiteral("demo"));
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<TestClient>(m_server->url());
        QVERIFY2(m_client->open(), qPrintable(m_client->errorString()));
        QVERIFY2(m_client->login(QStringLiteral("rep1"), QStringLiteral("demo")),
                 qPrintable(m_client->errorString()));
        const auto summary = m_client->sync();
        QVERIFY(summary && summary->ok);

        m_client->cache().run([this](QSqlDatabase &db) {
            for (const GroupNode &group : CatalogQueries::groupTree(db)) {
                if (group.productCount > 1)
                    m_groups.append(group);
            }
            for (const GroupNode &group : std::as_const(m_groups)) {
                const QList<ProductRow> rows = CatalogQueries::groupProducts(db, group.id, {}, 0, 100);
                for (qsizetype i = 1; i < rows.size() && m_sample.id.isNull(); ++i) {
                    if (!rows[i].barcodes.isEmpty())
                        m_sample
                            = {rows[i].id, group.id, rows[i].sku, rows[i].name, rows[i].barcodes.first()};
                }
            }
        });
        QVERIFY(m_groups.size() >= 2);
        QVERIFY(!m_sample.id.isNull());
    }

    void init()
    {
        m_customer = std::make_unique<CustomerContext>();
        m_page = std::make_unique<CatalogPage>(m_client->cache(), *m_customer);
        m_page->resize(1100, 700);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        // It opens on a group with products of its own.
        QTRY_VERIFY_WITH_TIMEOUT(productsShown(), 10000);
        QVERIFY(m_page->groupView()->currentIndex().isValid());
    }

    void cleanup()
    {
        m_page.reset();
        m_customer.reset();
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    void searchAsYouType()
    {
        m_page->productView()->setFocus();
        QTest::keyClick(m_page->productView(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), m_page->searchBox());
        m_page->groupView()->setFocus();
        QTest::keyClick(m_page->groupView(), Qt::Key_F3);
        QCOMPARE(QApplication::focusWidget(), m_page->searchBox());
        portico::test::typeText(m_page->searchBox(), m_sample.sku);
        QTRY_VERIFY_WITH_TIMEOUT(products().mode() == ProductTableModel::Mode::Search && productsShown(),
                                 5000);
        QCOMPARE(products().searchText(), m_sample.sku);
        QCOMPARE(products().index(0, 0).data(ProductTableModel::ProductIdRole).value<Id>(), m_sample.id);
        QCOMPARE(products().index(0, ProductTableModel::SkuColumn).data().toString(), m_sample.sku);
        QVERIFY(
            m_page->findChild<QLabel *>(QStringLiteral("catalogCount"))->text().contains(QLatin1Char('1')));

        // A word of the name: the product is among the hits, and every hit matches.
        QTest::keyClick(m_page->searchBox(), Qt::Key_Escape);
        QCOMPARE(m_page->searchBox()->text(), QString());
        QTRY_VERIFY(products().mode() == ProductTableModel::Mode::Group && productsShown());
        const QString word = m_sample.name.section(QLatin1Char(' '), 0, 0);
        portico::test::typeText(m_page->searchBox(), word);
        QTRY_VERIFY_WITH_TIMEOUT(products().mode() == ProductTableModel::Mode::Search && productsShown(),
                                 5000);
        QCOMPARE(products().searchText(), word);
        QVERIFY(products().rowOf(m_sample.id) >= 0);

        // Down goes into the table.
        QTest::keyClick(m_page->searchBox(), Qt::Key_Down);
        QCOMPARE(QApplication::focusWidget(), m_page->productView());
        QCOMPARE(m_page->productView()->currentIndex().row(), 0);
    }

    void barcodeSelectsTheProductAndQuantityAddsIt()
    {
        QSignalSpy added(m_page.get(), &CatalogPage::addToCartRequested);
        QTest::keyClick(m_page.get(), Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), m_page->barcodeBox());
        QTest::keyClicks(m_page->barcodeBox(), m_sample.barcode);
        QTest::keyClick(m_page->barcodeBox(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_page->currentProductId(), m_sample.id, 5000);
        QCOMPARE(m_page->groupView()->currentIndex().data(GroupTreeModel::GroupIdRole).value<Id>(),
                 m_sample.groupId);
        QCOMPARE(m_page->productView()->currentIndex().column(), products().quantityColumn());
        // The quantity cell is being edited.
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        QWidget *editor = QApplication::focusWidget();
        QCOMPARE(editor->parentWidget(), m_page->productView()->viewport());

        QTest::keyClicks(editor, QStringLiteral("3"));
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.first().at(0).value<Id>(), m_sample.id);
        QCOMPARE(added.first().at(1).value<Quantity>(), Quantity::fromInt(3));
        QVERIFY(!products().quantity(m_sample.id));
        QVERIFY2(m_page->message().contains(m_sample.name), qPrintable(m_page->message()));
        QCOMPARE(QApplication::focusWidget(), m_page->productView());

        // By SKU, in lower case, works as well.
        QTest::keyClick(m_page.get(), Qt::Key_B, Qt::ControlModifier);
        portico::test::typeText(m_page->barcodeBox(), m_sample.sku.toLower());
        QTest::keyClick(m_page->barcodeBox(), Qt::Key_Return);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        QCOMPARE(m_page->currentProductId(), m_sample.id);
    }

    void digitOnARowStartsItsQuantity()
    {
        QSignalSpy added(m_page.get(), &CatalogPage::addToCartRequested);
        QTableView *table = m_page->productView();
        table->setFocus();
        table->setCurrentIndex(products().index(1, ProductTableModel::NameColumn));
        const Id id = m_page->currentProductId();
        QTest::keyClick(table, Qt::Key_1);
        QWidget *editor = QApplication::focusWidget();
        QVERIFY(qobject_cast<QLineEdit *>(editor));
        QTest::keyClick(editor, Qt::Key_2);
        QVERIFY(qobject_cast<QLineEdit *>(editor));
        QCOMPARE(static_cast<QLineEdit *>(editor)->text(), QStringLiteral("12"));
        // Fresh data while typing (a sync, another customer) keeps what is typed.
        QSignalSpy reloaded(&products(), &ProductTableModel::loaded);
        m_page->reload();
        QVERIFY(reloaded.wait(5000));
        QCOMPARE(QApplication::focusWidget(), editor);
        QCOMPARE(static_cast<QLineEdit *>(editor)->text(), QStringLiteral("12"));
        QTest::keyClicks(editor, QStringLiteral(",5"));
        QTest::keyClick(editor, Qt::Key_Enter);
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.first().at(0).value<Id>(), id);
        QCOMPARE(added.first().at(1).value<Quantity>(), Quantity::fromMilli(12500));

        // A quantity left in a cell and Enter on the row adds it too.
        QVERIFY(products().setData(products().index(2, products().quantityColumn()), QStringLiteral("4")));
        table->setCurrentIndex(products().index(2, ProductTableModel::NameColumn));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(added.count(), 2);
        QCOMPARE(added.last().at(1).value<Quantity>(), Quantity::fromInt(4));
    }

    void barcodeScannedIntoTheTableIsLookedUp()
    {
        QSignalSpy added(m_page.get(), &CatalogPage::addToCartRequested);
        QTableView *table = m_page->productView();
        table->setFocus();
        table->setCurrentIndex(products().index(0, ProductTableModel::NameColumn));
        // A scanner types the digits and Enter wherever the keyboard is.
        QTest::keyClick(table, m_sample.barcode.at(0).toLatin1());
        QWidget *editor = QApplication::focusWidget();
        QVERIFY(qobject_cast<QLineEdit *>(editor));
        QTest::keyClicks(editor, m_sample.barcode.mid(1));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_page->currentProductId(), m_sample.id, 5000);
        QCOMPARE(added.count(), 0);
        QVERIFY(
            !products().quantity(products().index(0, 0).data(ProductTableModel::ProductIdRole).value<Id>()));
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));

        // Esc leaves the editor, a second Esc goes back to the search.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QCOMPARE(QApplication::focusWidget(), table);
        QTest::keyClick(table, Qt::Key_Escape);
        QCOMPARE(QApplication::focusWidget(), m_page->searchBox());
    }

    void choosingAGroupShowsItsProducts()
    {
        const GroupNode &group = m_groups.last();
        const QModelIndex index = m_page->groupModel()->indexOf(group.id);
        QVERIFY(index.isValid());
        m_page->groupView()->setCurrentIndex(index);
        QTRY_VERIFY(products().groupId() == group.id && productsShown());
        QCOMPARE(products().rowCount(), group.productCount);
        for (int row = 0; row < products().rowCount(); ++row) {
            const QModelIndex at = products().index(row, 0);
            QTRY_VERIFY(at.data(ProductTableModel::RowLoadedRole).toBool());
            QCOMPARE(products().product(row)->groupId, group.id);
        }
        QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("catalogCount"))
                    ->text()
                    .contains(QString::number(group.productCount)));
    }

    void unknownBarcodeSaysSoInThePage()
    {
        QTest::keyClick(m_page.get(), Qt::Key_B, Qt::ControlModifier);
        QTest::keyClicks(m_page->barcodeBox(), QStringLiteral("0000000000000"));
        QTest::keyClick(m_page->barcodeBox(), Qt::Key_Return);
        QTRY_VERIFY(m_page->message().contains(QStringLiteral("0000000000000")));
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(m_page->barcodeBox()->selectedText(), QStringLiteral("0000000000000"));
    }

    void reloadKeepsSelectionAndScroll()
    {
        const GroupNode *largest = &m_groups.first();
        for (const GroupNode &group : std::as_const(m_groups)) {
            if (group.productCount > largest->productCount)
                largest = &group;
        }
        m_page->groupView()->setCurrentIndex(m_page->groupModel()->indexOf(largest->id));
        QTRY_VERIFY(products().groupId() == largest->id && productsShown());
        const int row = std::min(products().rowCount() - 1, 25);
        m_page->productView()->setCurrentIndex(products().index(row, ProductTableModel::NameColumn));
        m_page->productView()->scrollTo(products().index(row, 0), QAbstractItemView::PositionAtTop);
        const Id id = m_page->currentProductId();
        const int scroll = m_page->productView()->verticalScrollBar()->value();
        // Every root group open: the tree keeps them open.
        QList<Id> expanded;
        for (int root = 0; root < m_page->groupModel()->rowCount(); ++root) {
            const QModelIndex index = m_page->groupModel()->index(root, 0);
            m_page->groupView()->expand(index);
            expanded.append(index.data(GroupTreeModel::GroupIdRole).value<Id>());
        }

        QSignalSpy loaded(&products(), &ProductTableModel::loaded);
        QSignalSpy groupsLoaded(m_page->groupModel(), &GroupTreeModel::loaded);
        m_page->reload();
        QVERIFY(loaded.wait(10000));
        QTRY_COMPARE(groupsLoaded.count(), 1);
        QCOMPARE(m_page->currentProductId(), id);
        QCOMPARE(m_page->productView()->currentIndex().row(), row);
        QCOMPARE(m_page->productView()->verticalScrollBar()->value(), scroll);
        QCOMPARE(m_page->groupView()->currentIndex().data(GroupTreeModel::GroupIdRole).value<Id>(),
                 largest->id);
        for (const Id &group : std::as_const(expanded))
            QVERIFY(m_page->groupView()->isExpanded(m_page->groupModel()->indexOf(group)));
    }

    void productCardShowsPricesAndStock()
    {
        QTableView *table = m_page->productView();
        table->setFocus();
        table->setCurrentIndex(products().index(0, ProductTableModel::NameColumn));
        const QString name = products().index(0, ProductTableModel::NameColumn).data().toString();
        QTest::keyClick(table, Qt::Key_F4);
        QVERIFY(m_page->productCard());
        QTRY_VERIFY(m_page->productCard()->isLoaded());
        ProductCardDialog *card = m_page->productCard();
        QCOMPARE(card->findChild<QLabel *>(QStringLiteral("productCardTitle"))->text(), name);
        const int warehouses = int(products().warehouses().size());
        QVERIFY(warehouses > 0);
        QCOMPARE(card->findChild<QTableWidget *>(QStringLiteral("productCardStock"))->rowCount(), warehouses);
        QVERIFY(card->findChild<QTableWidget *>(QStringLiteral("productCardPrices"))->rowCount() >= 1);
        QTest::keyClick(card, Qt::Key_Escape);
        QTRY_VERIFY(!m_page->productCard());

        // Enter on a row without a quantity opens the card as well, and so does a double click.
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Return);
        QVERIFY(m_page->productCard());
        QTRY_VERIFY(m_page->productCard()->isLoaded());
        m_page->productCard()->close();
        QTRY_VERIFY(!m_page->productCard());
        const QRect second = table->visualRect(products().index(1, ProductTableModel::NameColumn));
        // As a mouse does it: a click, then the double click event.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, second.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, second.center());
        QVERIFY(m_page->productCard());
        QCOMPARE(m_page->productCard()->productId(),
                 products().index(1, 0).data(ProductTableModel::ProductIdRole).value<Id>());
    }

    // A product with several pictures shows the first, and the arrows page through the others.
    void productCardPagesThroughThePictures()
    {
        QTemporaryDir folder;
        QStringList hashes;
        for (const Qt::GlobalColor colour : {Qt::darkCyan, Qt::darkYellow}) {
            QImage image(64, 48, QImage::Format_RGB32);
            image.fill(colour);
            QByteArray png;
            QBuffer buffer(&png);
            QVERIFY(buffer.open(QIODevice::WriteOnly) && image.save(&buffer, "PNG"));
            hashes << QString::fromLatin1(QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex());
            QFile file(QDir(folder.path()).filePath(hashes.last()));
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write(png) == png.size());
        }
        const Id productId = products().index(0, 0).data(ProductTableModel::ProductIdRole).value<Id>();
        auto setPictures = [&](const QString &main, const QStringList &all) {
            m_client->cache().run([&](QSqlDatabase &db) {
                QSqlQuery q(db);
                q.prepare(QStringLiteral("UPDATE product SET data = json_set(data, '$.image_ref', ?, "
                                         "'$.images', json(?)) WHERE id = ?"));
                q.addBindValue(main);
                q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(all)).toJson()));
                q.addBindValue(productId.toString(QUuid::WithoutBraces));
                QVERIFY(q.exec());
            });
        };
        setPictures(hashes.first(), hashes);
        ProductImages images(m_client->network(), m_client->session(), folder.path());
        m_page->setProductImages(&images);
        m_page->productView()->setCurrentIndex(products().index(0, ProductTableModel::NameColumn));
        m_page->openProductCard();
        ProductCardDialog *card = m_page->productCard();
        QVERIFY(card);
        QTRY_VERIFY(card->hasImage());
        QCOMPARE(card->pictures(), hashes);
        QCOMPARE(card->currentPicture(), 0);
        auto *previous = card->findChild<QToolButton *>(QStringLiteral("productCardPreviousPicture"));
        auto *next = card->findChild<QToolButton *>(QStringLiteral("productCardNextPicture"));
        auto *count = card->findChild<QLabel *>(QStringLiteral("productCardPictureCount"));
        QVERIFY(previous && next && count);
        QVERIFY(!previous->isEnabled());
        QVERIFY(next->isEnabled());
        QCOMPARE(count->text(), QStringLiteral("1 of 2"));
        next->click();
        QCOMPARE(card->currentPicture(), 1);
        QTRY_VERIFY(card->hasImage());
        QCOMPARE(count->text(), QStringLiteral("2 of 2"));
        QVERIFY(previous->isEnabled());
        QVERIFY(!next->isEnabled());
        previous->click();
        QCOMPARE(card->currentPicture(), 0);
        card->close();
        QTRY_VERIFY(!m_page->productCard());
        setPictures(QString(), {});
        m_page->setProductImages(nullptr);
    }

    void productCardShowsThePicture()
    {
        // A picture kept in the profile's image folder, named by its hash, as a download leaves it.
        QImage image(64, 48, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QByteArray png;
        QBuffer buffer(&png);
        QVERIFY(buffer.open(QIODevice::WriteOnly) && image.save(&buffer, "PNG"));
        const QString hash
            = QString::fromLatin1(QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex());
        QTemporaryDir folder;
        QFile file(QDir(folder.path()).filePath(hash));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(png) == png.size());
        file.close();
        const Id productId = products().index(0, 0).data(ProductTableModel::ProductIdRole).value<Id>();
        m_client->cache().run([&](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.prepare(
                QStringLiteral("UPDATE product SET data = json_set(data, '$.image_ref', ?) WHERE id = ?"));
            q.addBindValue(hash);
            q.addBindValue(productId.toString(QUuid::WithoutBraces));
            QVERIFY(q.exec());
        });
        ProductImages images(m_client->network(), m_client->session(), folder.path());
        m_page->setProductImages(&images);
        m_page->productView()->setCurrentIndex(products().index(0, ProductTableModel::NameColumn));
        m_page->openProductCard();
        QVERIFY(m_page->productCard());
        QTRY_VERIFY(m_page->productCard()->hasImage());

        // A picture the server does not have: the card says so and shows the rest.
        m_page->productCard()->close();
        QTRY_VERIFY(!m_page->productCard());
        const QString missing = QString(64, QLatin1Char('0'));
        m_client->cache().run([&](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.prepare(
                QStringLiteral("UPDATE product SET data = json_set(data, '$.image_ref', ?) WHERE id = ?"));
            q.addBindValue(missing);
            q.addBindValue(productId.toString(QUuid::WithoutBraces));
            QVERIFY(q.exec());
        });
        m_page->openProductCard();
        QTRY_VERIFY(m_page->productCard()->isLoaded());
        auto *label = m_page->productCard()->findChild<QLabel *>(QStringLiteral("productCardImage"));
        QTRY_VERIFY_WITH_TIMEOUT(label->text().contains(QStringLiteral("404")), 10000);
        QVERIFY(!m_page->productCard()->hasImage());
        m_page->productCard()->close();
        m_client->cache().run([&](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.prepare(
                QStringLiteral("UPDATE product SET data = json_set(data, '$.image_ref', '') WHERE id = ?"));
            q.addBindValue(productId.toString(QUuid::WithoutBraces));
            QVERIFY(q.exec());
        });
    }

    // A group of thousands: the product found is on a page that is read only when it is shown.
    void barcodeFarDownALargeGroup()
    {
        using namespace catalogfixture;
        QTemporaryDir dir;
        CacheDatabase cache(dir.filePath(QStringLiteral("cache.db")));
        QVERIFY(cache.open());
        QList<SyncChange> changes = catalogChanges();
        qint64 seq = changes.size();
        for (int i = 0; i < 3000; ++i) {
            const QString key = QStringLiteral("many-%1").arg(i);
            changes.append(upsert(++seq, QStringLiteral("product"), uuid(key),
                                  productJson(key, QStringLiteral("Смесь %1").arg(i, 4, 10, QLatin1Char('0')),
                                              QStringLiteral("MN-%1").arg(i), QStringLiteral("mixes"),
                                              {QStringLiteral("99%1").arg(i, 8, 10, QLatin1Char('0'))})));
        }
        cache.run(
            [&](QSqlDatabase &db) { CatalogCache::applyPage(db, page(Epoch, seq, false, changes), Now); });
        CustomerContext customer;
        CatalogPage page(cache, customer);
        page.resize(1000, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY(page.productModel()->rowCount() > 0 && !page.productModel()->isLoading());

        QSignalSpy added(&page, &CatalogPage::addToCartRequested);
        QTest::keyClick(&page, Qt::Key_B, Qt::ControlModifier);
        QTest::keyClicks(page.barcodeBox(), QStringLiteral("9900002345"));
        QTest::keyClick(page.barcodeBox(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(page.currentProductId(), id(QStringLiteral("many-2345")), 5000);
        QCOMPARE(page.productView()->currentIndex().row(), 2345);
        // The quantity editor opens once the row's page has arrived.
        QTRY_VERIFY(QApplication::focusWidget()
                    && QApplication::focusWidget()->parentWidget() == page.productView()->viewport());
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("2"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.first().at(0).value<Id>(), id(QStringLiteral("many-2345")));
    }

    void pricesFollowTheCustomer()
    {
        const auto customers
            = m_client->cache().run([](QSqlDatabase &db) { return CatalogQueries::customers(db); });
        QVERIFY(!customers.isEmpty());
        QCOMPARE(products().index(0, ProductTableModel::PriceColumn).data().toString(), QString());
        const CustomerRow *chosen = nullptr;
        for (const CustomerRow &customer : customers) {
            if (!customer.priceTypeId.isNull() && customer.discount > 0)
                chosen = &customer;
        }
        QVERIFY(chosen);
        m_customer->setCustomer(*chosen);
        QTRY_VERIFY_WITH_TIMEOUT(!products().isLoading(), 5000);
        bool priced = false;
        int pricedRow = -1;
        for (int row = 0; row < products().rowCount() && !priced; ++row) {
            const QModelIndex index = products().index(row, ProductTableModel::PriceColumn);
            const QVariant base = index.data(ProductTableModel::BasePriceRole);
            if (!base.isValid())
                continue;
            priced = true;
            pricedRow = row;
            QVERIFY(index.data(ProductTableModel::PriceRole).value<Money>() < base.value<Money>());
            QVERIFY(!index.data().toString().isEmpty());
        }
        QVERIFY(priced);

        // The card marks the customer's price type.
        m_page->productView()->setCurrentIndex(products().index(pricedRow, ProductTableModel::NameColumn));
        m_page->openProductCard();
        QTRY_VERIFY(m_page->productCard()->isLoaded());
        auto *prices = m_page->productCard()->findChild<QTableWidget *>(QStringLiteral("productCardPrices"));
        int marked = 0;
        for (int row = 0; row < prices->rowCount(); ++row) {
            if (prices->item(row, 0)->font().bold())
                ++marked;
        }
        QCOMPARE(marked, 1);
    }
};

QTEST_MAIN(TestCatalogPage)
#include "tst_catalogpage.moc"
