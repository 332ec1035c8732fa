#include "cartfixture.h"
#include "orders/orderlineimport.h"

#include <QStringEncoder>

using namespace portico;
using namespace portico::client;
using namespace portico::client::cartfixture;

// Order lines from Excel's clipboard and CSV files: delimiters, header rows, decimal commas,
// quoting, encodings, and a report of every row that was not understood.
class TestOrderLineImport final : public QObject
{
    Q_OBJECT

    CartCatalog m_catalog;

    // "SKU=quantity" per line, in row order.
    QStringList linesOf(const ImportResult &result)
    {
        QStringList lines;
        for (const DraftLine &line : result.lines) {
            QString sku;
            for (const Product &product : m_catalog.products) {
                if (product.id == line.productId)
                    sku = product.sku;
            }
            lines.append(sku + QLatin1Char('=') + line.quantity.toString());
        }
        return lines;
    }

    static QList<int> rowsOf(const QList<ImportProblem> &problems)
    {
        QList<int> rows;
        for (const ImportProblem &problem : problems)
            rows.append(problem.row);
        return rows;
    }

    ImportResult resolve(const ParsedImport &parsed)
    {
        return m_catalog.cache->run([&](QSqlDatabase &db) { return OrderLineImport::resolve(db, parsed); });
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_catalog.open(), qPrintable(m_catalog.error)); }

    void rows_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("file"); // false: pasted text (UTF-8 here)
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<QList<int>>("problemRows");

        const QList<int> none;
        QTest::newRow("tabs") << QByteArray("BOLT-8\t5\nNUT-10\t2,5\n") << false
                              << QStringList {u"BOLT-8=5"_qs, u"NUT-10=2.5"_qs} << none;
        QTest::newRow("tabs, CRLF, no final line break")
            << QByteArray("BOLT-8\t5\r\nNUT-10\t1.25") << false
            << QStringList {u"BOLT-8=5"_qs, u"NUT-10=1.25"_qs} << none;
        QTest::newRow("header row") << QByteArray("Артикул\tКоличество\nBOLT-8\t5\n") << false
                                    << QStringList {u"BOLT-8=5"_qs} << none;
        QTest::newRow("header names the columns")
            << QByteArray("Кол-во;Наименование;Артикул\n3;Болт М8;BOLT-8\n") << true
            << QStringList {u"BOLT-8=3"_qs} << none;
        QTest::newRow("english header, barcode column")
            << QByteArray("Name,Barcode,Qty\nBolt,4600000000018,4\n") << true << QStringList {u"BOLT-8=4"_qs}
            << none;
        QTest::newRow("extra columns without a header")
            << QByteArray("BOLT-8\tБолт М8\tшт\t4\n") << false << QStringList {u"BOLT-8=4"_qs} << none;
        QTest::newRow("semicolons") << QByteArray("BOLT-8;1,5\nNUT-10;2\n") << true
                                    << QStringList {u"BOLT-8=1.5"_qs, u"NUT-10=2"_qs} << none;
        QTest::newRow("commas with a quoted decimal comma")
            << QByteArray("BOLT-8,1.5\nNUT-10,\"2,5\"\n") << true
            << QStringList {u"BOLT-8=1.5"_qs, u"NUT-10=2.5"_qs} << none;
        QTest::newRow("decimal comma and grouping")
            << QByteArray("BOLT-8\t1 250,5\nNUT-10\t1\xC2\xA0"
                          "000\nГАЙКА-5\t2,000.25\n")
            << false << QStringList {u"BOLT-8=1250.5"_qs, u"NUT-10=1000"_qs, u"ГАЙКА-5=2000.25"_qs} << none;
        QTest::newRow("quotes") << QByteArray("\"BOLT-8\"\t\"3\"\n\"NUT-10\"\t\"4\"\n") << false
                                << QStringList {u"BOLT-8=3"_qs, u"NUT-10=4"_qs} << none;
        // Excel quotes a cell with a line break; the rows after it keep their numbers.
        QTest::newRow("quoted line break") << QByteArray(
            "Наименование\tАртикул\tКол-во\n\"Болт\nМ8 \"\"оцинк.\"\"\"\tBOLT-8\t2\nГайка\tNUT-10\tмного\n")
                                           << false << QStringList {u"BOLT-8=2"_qs} << QList<int> {4};
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF"
                                           "Артикул;Количество\nГАЙКА-5;7\n")
                             << true << QStringList {u"ГАЙКА-5=7"_qs} << none;
        QTest::newRow("windows-1251") << QByteArray(
            "\xC0\xF0\xF2\xE8\xEA\xF3\xEB\x3B\xCA\xEE\xEB\x2D\xE2\xEE\x0D\x0A\xC3\xC0\xC9\xCA\xC0\x2D\x35"
            "\x3B\x37\x0D\x0A\x42\x4F\x4C\x54\x2D\x38\x3B\x22\x31\x2C\x35\x22\x0D\x0A")
                                      << true << QStringList {u"ГАЙКА-5=7"_qs, u"BOLT-8=1.5"_qs} << none;
        {
            QStringEncoder utf16(QStringEncoder::Utf16LE);
            const QByteArray bytes
                = QByteArray("\xFF\xFE") + QByteArray(utf16.encode(u"Артикул\tКоличество\r\nГАЙКА-5\t9\r\n"));
            QTest::newRow("UTF-16 with BOM (Excel's Unicode text)")
                << bytes << true << QStringList {u"ГАЙКА-5=9"_qs} << none;
        }
        QTest::newRow("barcode") << QByteArray("4600000000018\t3\n") << false << QStringList {u"BOLT-8=3"_qs}
                                 << none;
        QTest::newRow("SKU in another case")
            << QByteArray("bolt-8\t1\n") << false << QStringList {u"BOLT-8=1"_qs} << none;
        QTest::newRow("unknown SKU") << QByteArray("BOLT-8\t1\nNO-SUCH\t2\nNUT-10\t3\n") << false
                                     << QStringList {u"BOLT-8=1"_qs, u"NUT-10=3"_qs} << QList<int> {2};
        QTest::newRow("bad quantities")
            << QByteArray("BOLT-8\tfive\nNUT-10\t0\nГАЙКА-5\t1,2345\nBOLT-8\t-1\nNUT-10\n\t4\nBOLT-8\t2\n")
            << false << QStringList {u"BOLT-8=2"_qs} << QList<int> {1, 2, 3, 4, 5, 6};
        QTest::newRow("product no longer sold")
            << QByteArray("OLD-1\t1\n") << false << QStringList {} << QList<int> {1};
        QTest::newRow("blank lines") << QByteArray("\nBOLT-8\t1\n\n\t\n  \nNUT-10\t2\n\n") << false
                                     << QStringList {u"BOLT-8=1"_qs, u"NUT-10=2"_qs} << none;
        QTest::newRow("same product twice") << QByteArray("BOLT-8\t1\nBOLT-8\t2\n") << false
                                            << QStringList {u"BOLT-8=1"_qs, u"BOLT-8=2"_qs} << none;
        QTest::newRow("header with a unit") << QByteArray("Артикул\t\"Кол-во, шт\"\nNUT-10\t6\n") << false
                                            << QStringList {u"NUT-10=6"_qs} << none;
        QTest::newRow("semicolons with a tab in a later cell")
            << QByteArray("BOLT-8;2;\"к 9\tутра\"\nNUT-10;3;срочно\tсегодня\n") << true
            << QStringList {u"BOLT-8=2"_qs, u"NUT-10=3"_qs} << none;
        QTest::newRow("a comment after the quantity")
            << QByteArray("BOLT-8\t2\tдо обеда\nNUT-10\tмного\tсрочно\n") << false
            << QStringList {u"BOLT-8=2"_qs} << QList<int> {2};
        QTest::newRow("first row of unknown names is reported, not skipped")
            << QByteArray("Item\tAmount\nBOLT-8\t2\n") << false << QStringList {u"BOLT-8=2"_qs}
            << QList<int> {1};
        QTest::newRow("nothing") << QByteArray("\n\n") << false << QStringList {} << none;
    }

    void rows()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, file);
        QFETCH(QStringList, lines);
        QFETCH(QList<int>, problemRows);
        const ParsedImport parsed
            = file ? OrderLineImport::parseFile(input) : OrderLineImport::parseText(QString::fromUtf8(input));
        const ImportResult result = resolve(parsed);
        QCOMPARE(linesOf(result), lines);
        QCOMPARE(rowsOf(result.problems), problemRows);
        QCOMPARE(result.lineRows.size(), result.lines.size());
        for (const ImportProblem &problem : result.problems) {
            QVERIFY(!problem.reason.isEmpty());
            QVERIFY(!problem.text.isEmpty() || problem.row > 0);
        }
    }

    void problemsSayWhatWasWrong()
    {
        const ImportResult result = resolve(OrderLineImport::parseText(
            QStringLiteral("NO-SUCH\t2\nBOLT-8\tfive\nBOLT-8\t1,2345\nBOLT-8\t0\nBOLT-8\n\t3\nOLD-1\t1\n")));
        QCOMPARE(result.problems.size(), 7);
        QCOMPARE(result.problems.at(0).text, QStringLiteral("NO-SUCH\t2"));
        QCOMPARE(result.problems.at(0).reason,
                 OrderLineImport::tr("No product with the SKU or barcode “%1” in the catalog.")
                     .arg(u"NO-SUCH"_qs));
        QCOMPARE(result.problems.at(1).reason,
                 OrderLineImport::tr("“%1” is not a quantity.").arg(u"five"_qs));
        QCOMPARE(result.problems.at(2).reason,
                 OrderLineImport::tr("The quantity “%1” has more than three decimals.").arg(u"1,2345"_qs));
        QCOMPARE(result.problems.at(3).reason,
                 OrderLineImport::tr("The quantity must be greater than zero."));
        QCOMPARE(result.problems.at(4).reason, OrderLineImport::tr("The row has no quantity."));
        QCOMPARE(result.problems.at(5).reason, OrderLineImport::tr("The row has no SKU or barcode."));
        QVERIFY(result.problems.at(6).reason.contains(u"OLD-1"));
    }

    void quantities_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("milli"); // -1: not a quantity
        QTest::newRow("integer") << u"12"_qs << qint64(12000);
        QTest::newRow("decimal point") << u"0.5"_qs << qint64(500);
        QTest::newRow("decimal comma") << u"2,75"_qs << qint64(2750);
        QTest::newRow("spaces around") << u"  3 "_qs << qint64(3000);
        QTest::newRow("grouping space") << u"1 000"_qs << qint64(1000000);
        QTest::newRow("narrow no-break space") << u"1\u202F000,5"_qs << qint64(1000500);
        QTest::newRow("en grouping") << u"1,234.5"_qs << qint64(1234500);
        QTest::newRow("ru grouping with points") << u"1.234,5"_qs << qint64(1234500);
        QTest::newRow("several commas group") << u"1,234,567"_qs << qint64(1234567000);
        QTest::newRow("plus") << u"+4"_qs << qint64(4000);
        QTest::newRow("three decimals") << u"0,125"_qs << qint64(125);
        QTest::newRow("four decimals") << u"0,1255"_qs << qint64(-1);
        QTest::newRow("word") << u"five"_qs << qint64(-1);
        QTest::newRow("unit after") << u"5 шт"_qs << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }

    void quantities()
    {
        QFETCH(QString, text);
        QFETCH(qint64, milli);
        const std::optional<Quantity> quantity = OrderLineImport::parseQuantity(text);
        if (milli < 0) {
            QVERIFY(!quantity);
            return;
        }
        QVERIFY(quantity);
        QCOMPARE(quantity->milli(), milli);
    }

    void windows1251IsToldFromUtf8()
    {
        // Every letter of the Russian alphabet, Ё and ё and № included.
        const QString alphabet
            = QStringLiteral("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя №«»");
        QByteArray cp1251;
        for (const QChar c : alphabet) {
            const char16_t u = c.unicode();
            if (u >= 0x0410 && u <= 0x044F)
                cp1251 += char(0xC0 + (u - 0x0410));
            else if (u == u'Ё')
                cp1251 += '\xA8';
            else if (u == u'ё')
                cp1251 += '\xB8';
            else if (u == u'№')
                cp1251 += '\xB9';
            else if (u == u'«')
                cp1251 += '\xAB';
            else if (u == u'»')
                cp1251 += '\xBB';
            else
                cp1251 += char(u);
        }
        QCOMPARE(OrderLineImport::decodeFile(cp1251), alphabet);
        QCOMPARE(OrderLineImport::decodeFile(alphabet.toUtf8()), alphabet);
    }
};

QTEST_GUILESS_MAIN(TestOrderLineImport)
#include "tst_orderlineimport.moc"
