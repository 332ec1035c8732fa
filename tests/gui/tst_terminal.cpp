// The warehouse terminal in the window: scanner bursts told from typing wherever focus is (a
// line edit, an open dialog), the feedback of every scan outcome, over-picks, confirmation with
// reasons, and printing the pick and packing lists to PDF.

#include "../unit/client/pickfixture.h"
#include "cache/cachedatabase.h"
#include "sync/outbox.h"
#include "warehouse/confirmpickdialog.h"
#include "warehouse/countspage.h"
#include "warehouse/packdialog.h"
#include "warehouse/picklistspage.h"
#include "warehouse/pickpage.h"
#include "warehouse/pickprinting.h"
#include "warehouse/scanfeedback.h"
#include "warehouse/scannerfilter.h"
#include "warehouse/shipdialog.h"
#include "warehouse/terminalview.h"

#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

using namespace portico::client;
using namespace portico::client::pickfixture;

Q_DECLARE_METATYPE(portico::client::ScanFeedback::Kind)

class TstTerminal final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_cache;
    std::unique_ptr<TerminalView> m_view;
    const QString m_list = uuid(QStringLiteral("pl-123"));

    // A scanner: the code's characters back to back, then Enter, to whatever has focus.
    static void scan(const QString &code)
    {
        QWidget *target = QApplication::focusWidget();
        QVERIFY(target);
        for (const QChar c : code)
            QTest::keyClick(target, char(c.unicode()));
        QTest::keyClick(target, Qt::Key_Return);
    }

    // A person: each key 90 ms after the one before.
    static void typeSlowly(QWidget *target, const QString &text)
    {
        for (const QChar c : text) {
            QTest::keyClick(target, char(c.unicode()));
            QTest::qWait(90);
        }
    }

    void openPickList()
    {
        QSignalSpy loaded(m_view->pickPage(), &PickPage::loaded);
        m_view->openPickList(m_list);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() > 0, 5000);
        QCOMPARE(m_view->screen(), TerminalView::Screen::Pick);
        QTRY_VERIFY(m_view->pickPage()->findChild<QLineEdit *>(QStringLiteral("scanQuantity"))->hasFocus());
    }

    qint64 picked(const QString &lineKey)
    {
        for (const PickLine &line : m_view->pickPage()->pickList().lines) {
            if (line.lineId == uuid(lineKey))
                return line.pickedMilli;
        }
        return -1;
    }

    int pendingScans()
    {
        return m_cache->run([](QSqlDatabase &db) { return Outbox::pendingCount(db); });
    }

private Q_SLOTS:
    void init()
    {
        m_cache = std::make_unique<CacheDatabase>(m_dir.filePath(
            QStringLiteral("cache-%1.sqlite").arg(QUuid::createUuid().toString(QUuid::Id128))));
        QString error;
        QVERIFY2(m_cache->open(&error), qPrintable(error));
        m_cache->run([](QSqlDatabase &db) {
            CatalogCache::applyPage(db, warehousePage(), QDateTime::currentDateTimeUtc());
        });
        m_view = std::make_unique<TerminalView>(*m_cache, ScanThresholds {40, 4});
        m_view->resize(1280, 800);
        m_view->show();
        m_view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
        QTRY_COMPARE(m_view->pickListsPage()->lists().size(), 1);
    }

    void cleanup()
    {
        // Let the cache's answers reach the view before it goes.
        m_cache->run([](QSqlDatabase &) {});
        QCoreApplication::processEvents();
        QTest::qWait(50);
        m_view.reset();
        m_cache.reset();
    }

    void pickListsOpenWithEnter()
    {
        auto *table = m_view->pickListsPage()->findChild<QTableWidget *>(QStringLiteral("pickLists"));
        QTRY_VERIFY(table->hasFocus());
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("PL-000123"));
        QSignalSpy loaded(m_view->pickPage(), &PickPage::loaded);
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() > 0, 5000);
        QCOMPARE(m_view->screen(), TerminalView::Screen::Pick);
        // Esc goes back.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QCOMPARE(m_view->screen(), TerminalView::Screen::PickLists);
    }

    void scanningAPickListNumberOpensIt()
    {
        scan(QStringLiteral("PL-000123"));
        QTRY_COMPARE(m_view->screen(), TerminalView::Screen::Pick);
    }

    void feedbackOfEveryOutcome_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<ScanFeedback::Kind>("kind");
        QTest::addColumn<QString>("words");
        QTest::addColumn<int>("pending");
        QTest::newRow("right item") << QStringLiteral("4600000000011") << ScanFeedback::Kind::Right
                                    << QStringLiteral("1 of 3 picked") << 1;
        QTest::newRow("wrong item") << QStringLiteral("4600000000035") << ScanFeedback::Kind::Wrong
                                    << QStringLiteral("Wrong item") << 0;
        QTest::newRow("unknown barcode") << QStringLiteral("2000000000001") << ScanFeedback::Kind::Unknown
                                         << QStringLiteral("Unknown barcode: 2000000000001") << 0;
    }
    void feedbackOfEveryOutcome()
    {
        QFETCH(QString, code);
        QFETCH(ScanFeedback::Kind, kind);
        QFETCH(QString, words);
        QFETCH(int, pending);
        openPickList();
        QSignalSpy played(&m_view->feedback(), &ScanFeedback::played);
        QSignalSpy recorded(m_view->pickPage(), &PickPage::scanRecorded);
        scan(code);
        if (kind == ScanFeedback::Kind::Right) {
            // Answered from the list in memory: visible before the cache has even written it.
            QCOMPARE(m_view->pickPage()->lastFeedback(), kind);
            QCOMPARE(played.size(), 1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 1, 5000);
        QTRY_COMPARE(m_view->pickPage()->lastFeedback(), kind);
        QVERIFY2(m_view->pickPage()->feedbackText().contains(words),
                 qPrintable(m_view->pickPage()->feedbackText()));
        QCOMPARE(played.last().at(0).value<ScanFeedback::Kind>(), kind);
        QVERIFY(m_view->pickPage()->feedbackLabel()->styleSheet().contains(ScanFeedback::background(kind)));
        QCOMPARE(pendingScans(), pending);
        // The quantity field never saw the scanner's digits.
        QVERIFY(m_view->pickPage()->findChild<QLineEdit *>(QStringLiteral("scanQuantity"))->text().isEmpty());
    }

    void quantityTypedThenScanned()
    {
        openPickList();
        auto *quantity = m_view->pickPage()->findChild<QLineEdit *>(QStringLiteral("scanQuantity"));
        typeSlowly(quantity, QStringLiteral("2"));
        QTRY_COMPARE(quantity->text(), QStringLiteral("2"));
        QSignalSpy recorded(m_view->pickPage(), &PickPage::scanRecorded);
        scan(QStringLiteral("4600000000011"));
        QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 1, 5000);
        QCOMPARE(picked(QStringLiteral("line-bolt")), 2000);
        QVERIFY(quantity->text().isEmpty());
        // Two more is an over-pick: amber, nothing written.
        typeSlowly(quantity, QStringLiteral("2"));
        QTRY_COMPARE(quantity->text(), QStringLiteral("2"));
        scan(QStringLiteral("4600000000011"));
        QCOMPARE(m_view->pickPage()->lastFeedback(), ScanFeedback::Kind::OverPick);
        QVERIFY(m_view->pickPage()->feedbackText().contains(QStringLiteral("Over-pick")));
        QCOMPARE(picked(QStringLiteral("line-bolt")), 2000);
        QTest::qWait(100);
        QCOMPARE(pendingScans(), 1);
        // The last one fits.
        scan(QStringLiteral("4600000000011"));
        QCOMPARE(m_view->pickPage()->lastFeedback(), ScanFeedback::Kind::Right);
        QTRY_COMPARE(pendingScans(), 2);
        QCOMPARE(picked(QStringLiteral("line-bolt")), 3000);
    }

    void typedCodeWithF2()
    {
        openPickList();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F2);
        auto *code = m_view->pickPage()->findChild<QLineEdit *>(QStringLiteral("typedCode"));
        QTRY_VERIFY(code->hasFocus());
        typeSlowly(code, QStringLiteral("KP-0002"));
        QTRY_COMPARE(code->text(), QStringLiteral("KP-0002"));
        QSignalSpy recorded(m_view->pickPage(), &PickPage::scanRecorded);
        QTest::keyClick(code, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 1, 5000);
        QCOMPARE(m_view->pickPage()->lastFeedback(), ScanFeedback::Kind::Right);
        QCOMPARE(picked(QStringLiteral("line-nut")), 1000);
    }

    void burstWhileADialogHasFocus()
    {
        openPickList();
        QDialog dialog(m_view.get());
        auto *field = new QLineEdit(&dialog);
        auto *layout = new QVBoxLayout(&dialog);
        layout->addWidget(field);
        QSignalSpy ignored(m_view.get(), &TerminalView::scanIgnored);
        QSignalSpy scanned(&m_view->scanner(), &ScannerFilter::scanned);
        QString typed;
        QTimer::singleShot(0, &dialog, [&] {
            dialog.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&dialog));
            field->setFocus();
            QTRY_VERIFY(field->hasFocus());
            scan(QStringLiteral("4600000000011"));
            QTest::qWait(100);
            // A person's typing in the same field still lands there.
            typeSlowly(field, QStringLiteral("ab"));
            QTest::qWait(100);
            typed = field->text();
            dialog.reject();
        });
        dialog.exec();
        QCOMPARE(scanned.size(), 1);
        QCOMPARE(scanned.first().at(0).toString(), QStringLiteral("4600000000011"));
        QCOMPARE(ignored.size(), 1);
        QCOMPARE(typed, QStringLiteral("ab"));
        QCOMPARE(picked(QStringLiteral("line-bolt")), 0);
        QCOMPARE(pendingScans(), 0);
    }

    void burstWhileALineEditHasFocusOutsideTheTerminal()
    {
        QWidget other;
        auto *field = new QLineEdit(&other);
        other.show();
        other.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&other));
        field->setFocus();
        QTRY_VERIFY(field->hasFocus());
        QSignalSpy scanned(&m_view->scanner(), &ScannerFilter::scanned);
        scan(QStringLiteral("4600000000028"));
        QCOMPARE(scanned.size(), 1);
        QVERIFY(field->text().isEmpty());
        typeSlowly(field, QStringLiteral("12"));
        QTRY_COMPARE(field->text(), QStringLiteral("12"));
    }

    // A product found after all, scanned while the confirmation is open, counts into its line;
    // a code of nothing on the list is refused and changes nothing.
    void scanWhileConfirmingCountsIntoTheLine()
    {
        openPickList();
        QSignalSpy routed(m_view.get(), &TerminalView::scanRouted);
        QSignalSpy ignored(m_view.get(), &TerminalView::scanIgnored);
        qint64 bolts = -1;
        qint64 nuts = -1;
        qint64 afterUnknown = -1;
        QString focused;
        QTimer::singleShot(0, this, [&] {
            auto *open = qobject_cast<ConfirmPickDialog *>(QApplication::activeModalWidget());
            QVERIFY(open);
            const auto pickedOn = [open](const QString &key) {
                for (const ConfirmLine &line : open->lines()) {
                    if (line.lineId == uuid(key))
                        return line.pickedMilli;
                }
                return qint64(-1);
            };
            QTRY_VERIFY(QApplication::focusWidget() != nullptr);
            scan(QStringLiteral("4600000000011"));
            scan(QStringLiteral("4600000000011"));
            bolts = pickedOn(QStringLiteral("line-bolt"));
            focused = open->focusWidget()->objectName(); // where Tab and typing go next
            scan(QStringLiteral("4800000000025")); // the nut's second barcode
            nuts = pickedOn(QStringLiteral("line-nut"));
            scan(QStringLiteral("4699999999999"));
            afterUnknown = pickedOn(QStringLiteral("line-bolt"));
            open->reject();
        });
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F4);
        QCOMPARE(bolts, 2000);
        QVERIFY2(focused.startsWith(QStringLiteral("picked_")), qPrintable(focused));
        QCOMPARE(nuts, 1000);
        QCOMPARE(afterUnknown, 2000);
        QCOMPARE(routed.size(), 3);
        QCOMPARE(ignored.size(), 1);
        // Cancelled: the list and the outbox are as before.
        QCOMPARE(picked(QStringLiteral("line-bolt")), 0);
        QCOMPARE(pendingScans(), 0);
    }

    // The carrier's label scanned into the shipping dialog fills the tracking number.
    void scanIntoTheShippingDialog()
    {
        ShipDialog dialog(m_view.get());
        QSignalSpy routed(m_view.get(), &TerminalView::scanRouted);
        QString tracking;
        QTimer::singleShot(0, &dialog, [&] {
            dialog.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&dialog));
            scan(QStringLiteral("80123456789RU"));
            tracking = dialog.tracking();
            dialog.reject();
        });
        dialog.exec();
        QCOMPARE(tracking, QStringLiteral("80123456789RU"));
        QCOMPARE(routed.size(), 1);
    }

    void confirmAsksForReasons()
    {
        openPickList();
        scan(QStringLiteral("4600000000011"));
        QTRY_COMPARE(pendingScans(), 1);
        ConfirmPickDialog dialog(m_view->pickPage()->pickList(), {});
        // Bolts 1 of 3 and nothing else: "short" is suggested for the short lines.
        QVERIFY(dialog.problem().isEmpty());
        auto *reason = dialog.findChild<QComboBox *>(QStringLiteral("reason_0"));
        reason->setCurrentIndex(0); // no reason
        QVERIFY(dialog.problem().contains(QStringLiteral("choose a reason")));
        reason->setCurrentIndex(reason->findData(QStringLiteral("other")));
        QVERIFY(!dialog.problem().isEmpty()); // Other needs a note
        dialog.findChild<QLineEdit *>(QStringLiteral("note_0"))->setText(QStringLiteral("box torn"));
        QVERIFY(dialog.problem().isEmpty());
        dialog.findChild<QLineEdit *>(QStringLiteral("picked_1"))->setText(QStringLiteral("5"));
        QVERIFY(dialog.problem().contains(QStringLiteral("more than")));
        dialog.findChild<QLineEdit *>(QStringLiteral("picked_1"))->setText(QStringLiteral("1"));
        const QList<ConfirmLine> lines = dialog.lines();
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).reason, QStringLiteral("other:box torn"));
        QCOMPARE(lines.at(1).pickedMilli, 1000);
        QCOMPARE(lines.at(1).reason, QStringLiteral("short"));

        // Confirmed through the page with F4 and Enter.
        QTimer::singleShot(0, this, [] {
            auto *open = qobject_cast<ConfirmPickDialog *>(QApplication::activeModalWidget());
            QVERIFY(open);
            QTest::keyClick(open, Qt::Key_Return);
        });
        QSignalSpy loaded(m_view->pickPage(), &PickPage::loaded);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F4);
        QTRY_COMPARE(m_view->pickPage()->pickList().effectiveStatus(), QStringLiteral("picked"));
        QCOMPARE(pendingScans(), 2);
        // Nothing more picks on a confirmed list.
        QTRY_VERIFY(QApplication::focusWidget() != nullptr);
        scan(QStringLiteral("4600000000028"));
        QCOMPARE(m_view->pickPage()->lastFeedback(), ScanFeedback::Kind::Wrong);
    }

    void packDialogNeedsWeights()
    {
        PickList list = m_cache->run([this](QSqlDatabase &db) { return *Picking::pickList(db, m_list); });
        list.lines[0].pickedMilli = 2000;
        list.lines[1].pickedMilli = 3000;
        PackDialog dialog(list);
        dialog.setPackageCount(2);
        QVERIFY(dialog.problem().contains(QStringLiteral("weight")));
        dialog.findChild<QLineEdit *>(QStringLiteral("weight_0"))->setText(QStringLiteral("1,25"));
        dialog.findChild<QLineEdit *>(QStringLiteral("weight_1"))->setText(QStringLiteral("4"));
        QVERIFY(dialog.problem().contains(QStringLiteral("empty")));
        dialog.findChild<QSpinBox *>(QStringLiteral("package_1"))->setValue(2);
        QVERIFY(dialog.problem().isEmpty());
        const QList<Package> packages = dialog.packages();
        QCOMPARE(packages.size(), 2);
        QCOMPARE(packages.at(0).weightGrams, 1250);
        QCOMPARE(packages.at(1).lines.size(), 1);
        QCOMPARE(packages.at(1).lines.first().quantityMilli, 3000);
    }

    // A line too big for one package goes into two: F5 splits it, the first row keeps what the
    // new one leaves, and the line's rows must add up to what was picked.
    void packDialogSplitsALine()
    {
        PickList list = m_cache->run([this](QSqlDatabase &db) { return *Picking::pickList(db, m_list); });
        list.lines[0].pickedMilli = 10000;
        const QString splitId = list.lines[0].lineId;
        PackDialog dialog(list);
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        dialog.findChild<QLineEdit *>(QStringLiteral("weight_0"))->setText(QStringLiteral("12"));
        auto *first = dialog.findChild<QLineEdit *>(QStringLiteral("quantity_0"));
        first->setFocus();
        QTRY_VERIFY(first->hasFocus());
        QTest::keyClick(first, Qt::Key_F5);
        auto *second = dialog.findChild<QLineEdit *>(QStringLiteral("quantity_1"));
        QVERIFY(second);
        QTRY_VERIFY(second->hasFocus());
        QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("packageCount"))->value(), 2);
        QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("package_1"))->value(), 2);
        QVERIFY(dialog.problem().contains(QStringLiteral("above zero")));
        QTest::keyClicks(second, QStringLiteral("4"));
        // (The scanner filter holds a key for a moment before it lets it land.)
        QTRY_COMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("quantity_0"))->text(), milliText(6000));
        dialog.findChild<QLineEdit *>(QStringLiteral("weight_1"))->setText(QStringLiteral("5"));
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        const QList<Package> packages = dialog.packages();
        QCOMPARE(packages.size(), 2);
        QCOMPARE(packages.at(0).lines.first().lineId, splitId);
        QCOMPARE(packages.at(0).lines.first().quantityMilli, 6000);
        QCOMPARE(packages.at(1).lines.size(), 1);
        QCOMPARE(packages.at(1).lines.first().lineId, splitId);
        QCOMPARE(packages.at(1).lines.first().quantityMilli, 4000);
        // More than picked in all is refused, naming the line.
        dialog.findChild<QLineEdit *>(QStringLiteral("quantity_0"))->setText(QStringLiteral("7"));
        QVERIFY(dialog.problem().contains(QStringLiteral("11")));
    }

    void printsPickAndPackingListsToPdf()
    {
        PickList list = m_cache->run([this](QSqlDatabase &db) { return *Picking::pickList(db, m_list); });
        list.packages = {Package {QString(), 1, 1250, {{uuid(QStringLiteral("line-bolt")), 3000}}}};
        for (const QString &html : {PickPrinting::pickListHtml(list), PickPrinting::packingListHtml(list)}) {
            const QString path
                = m_dir.filePath(QStringLiteral("%1.pdf").arg(QUuid::createUuid().toString(QUuid::Id128)));
            QVERIFY(PickPrinting::printToPdf(html, path));
            QFile pdf(path);
            QVERIFY(pdf.open(QIODevice::ReadOnly));
            QVERIFY(pdf.size() > 1000);
            QCOMPARE(pdf.read(5), QByteArray("%PDF-"));
            QTextDocument document;
            document.setHtml(html);
            const QString text = document.toPlainText();
            QVERIFY(text.contains(QStringLiteral("PL-000123")));
            QVERIFY(text.contains(QStringLiteral("ORD-000041")));
            QVERIFY(text.contains(QStringLiteral("Болт М8х40 оцинкованный")));
        }
        QTextDocument pick;
        pick.setHtml(PickPrinting::pickListHtml(list));
        const QString text = pick.toPlainText();
        // By bin: the nuts' A-01-01 before the bolts' A-01-02 before B-02-01.
        QVERIFY(text.indexOf(QStringLiteral("A-01-01")) < text.indexOf(QStringLiteral("A-01-02")));
        QVERIFY(text.indexOf(QStringLiteral("A-01-02")) < text.indexOf(QStringLiteral("B-02-01")));
        QTextDocument packing;
        packing.setHtml(PickPrinting::packingListHtml(list));
        QVERIFY(packing.toPlainText().contains(QStringLiteral("Package 1")));
        QVERIFY(packing.toPlainText().contains(QStringLiteral("ООО Ромашка")));
        QVERIFY(!packing.toPlainText().contains(QStringLiteral("Гайка М8"))); // not in a package
    }

    void countABinThenAProduct()
    {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F10);
        QCOMPARE(m_view->screen(), TerminalView::Screen::Counts);
        CountsPage *counts = m_view->countsPage();
        QTRY_COMPARE(counts->sessions().size(), 1);
        QSignalSpy loaded(counts, &CountsPage::loaded);
        scan(QStringLiteral("INV-000007"));
        QTRY_VERIFY(counts->session().has_value());
        auto *counted = counts->findChild<QLineEdit *>(QStringLiteral("counted"));
        QTRY_VERIFY(counted->hasFocus());
        scan(QStringLiteral("4600000000011")); // a product before its bin
        QTRY_VERIFY(counts->feedbackText().contains(QStringLiteral("bin first")));
        scan(QStringLiteral("A-01-02"));
        QTRY_COMPARE(counts->currentBin(), QStringLiteral("A-01-02"));
        scan(QStringLiteral("4600000000011"));
        QTRY_VERIFY(counts->feedbackText().contains(QStringLiteral("КР-0001")));
        QVERIFY(counted->text().isEmpty());
        typeSlowly(counted, QStringLiteral("7"));
        QTRY_COMPARE(counted->text(), QStringLiteral("7"));
        QTest::keyClick(counted, Qt::Key_Return);
        QTRY_COMPARE(counts->session()->lines.size(), 1);
        QCOMPARE(counts->session()->lines.first().countedMilli, 7000);
        QCOMPARE(pendingScans(), 1);
    }
};

QTEST_MAIN(TstTerminal)
#include "tst_terminal.moc"
