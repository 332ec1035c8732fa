#include "domain/currency.h"

#include <QHash>
#include <QSet>
#include <QTest>

using portico::Currency;

class TestCurrency final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromCode_data();
    void fromCode();
    void fromCodeRejects_data();
    void fromCodeRejects();
    void rubleSpellings_data();
    void rubleSpellings();
    void symbol_data();
    void symbol();
    void defaultIsInvalid();
    void hashAndEquality();
};

void TestCurrency::fromCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("minorDigits");
    QTest::addColumn<qint64>("minorPerMajor");

    QTest::newRow("RUB") << QStringLiteral("RUB") << 2 << qint64 {100};
    QTest::newRow("USD") << QStringLiteral("USD") << 2 << qint64 {100};
    QTest::newRow("EUR") << QStringLiteral("EUR") << 2 << qint64 {100};
    QTest::newRow("CNY") << QStringLiteral("CNY") << 2 << qint64 {100};
    QTest::newRow("KZT") << QStringLiteral("KZT") << 2 << qint64 {100};
    QTest::newRow("BYN") << QStringLiteral("BYN") << 2 << qint64 {100};
    QTest::newRow("UAH") << QStringLiteral("UAH") << 2 << qint64 {100};
    QTest::newRow("GBP") << QStringLiteral("GBP") << 2 << qint64 {100};
    QTest::newRow("CHF") << QStringLiteral("CHF") << 2 << qint64 {100};
    QTest::newRow("TRY") << QStringLiteral("TRY") << 2 << qint64 {100};
    QTest::newRow("AMD") << QStringLiteral("AMD") << 2 << qint64 {100};
    QTest::newRow("UZS") << QStringLiteral("UZS") << 2 << qint64 {100};
    QTest::newRow("KGS") << QStringLiteral("KGS") << 2 << qint64 {100};
    QTest::newRow("JPY zero digits") << QStringLiteral("JPY") << 0 << qint64 {1};
    QTest::newRow("KRW zero digits") << QStringLiteral("KRW") << 0 << qint64 {1};
    QTest::newRow("KWD three digits") << QStringLiteral("KWD") << 3 << qint64 {1000};
    QTest::newRow("BHD three digits") << QStringLiteral("BHD") << 3 << qint64 {1000};
    QTest::newRow("unknown well-formed code") << QStringLiteral("XYZ") << 2 << qint64 {100};
}

void TestCurrency::fromCode()
{
    QFETCH(QString, code);
    QFETCH(int, minorDigits);
    QFETCH(qint64, minorPerMajor);

    const std::optional<Currency> currency = Currency::fromCode(code);
    QVERIFY(currency.has_value());
    QVERIFY(currency->isValid());
    QCOMPARE(currency->code(), code);
    QCOMPARE(currency->minorDigits(), minorDigits);
    QCOMPARE(currency->minorPerMajor(), minorPerMajor);
}

void TestCurrency::fromCodeRejects_data()
{
    QTest::addColumn<QString>("code");

    QTest::newRow("empty") << QString();
    QTest::newRow("lower case") << QStringLiteral("rub");
    QTest::newRow("mixed case") << QStringLiteral("Rub");
    QTest::newRow("two letters") << QStringLiteral("RU");
    QTest::newRow("four letters") << QStringLiteral("RUBL");
    QTest::newRow("digit") << QStringLiteral("R1B");
    QTest::newRow("numeric ISO code") << QStringLiteral("643");
    QTest::newRow("leading space") << QStringLiteral(" RUB");
    QTest::newRow("trailing space") << QStringLiteral("RUB ");
    QTest::newRow("cyrillic letters") << QStringLiteral(u"РУБЛ");
    QTest::newRow("symbol") << QStringLiteral(u"₽");
    QTest::newRow("rub with two dots") << QStringLiteral(u"руб..");
}

void TestCurrency::fromCodeRejects()
{
    QFETCH(QString, code);
    QVERIFY(!Currency::fromCode(code).has_value());
}

void TestCurrency::rubleSpellings_data()
{
    QTest::addColumn<QString>("spelling");

    QTest::newRow("RUR") << QStringLiteral("RUR");
    QTest::newRow("руб") << QStringLiteral(u"руб");
    QTest::newRow("руб.") << QStringLiteral(u"руб.");
    QTest::newRow("Руб.") << QStringLiteral(u"Руб.");
    QTest::newRow("РУБ") << QStringLiteral(u"РУБ");
}

void TestCurrency::rubleSpellings()
{
    QFETCH(QString, spelling);

    const std::optional<Currency> currency = Currency::fromCode(spelling);
    QVERIFY(currency.has_value());
    QCOMPARE(currency->code(), QStringLiteral("RUB"));
    QVERIFY(*currency == Currency::rub());
}

void TestCurrency::symbol_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("symbol");

    QTest::newRow("RUB") << QStringLiteral("RUB") << QStringLiteral(u"₽");
    QTest::newRow("USD") << QStringLiteral("USD") << QStringLiteral("$");
    QTest::newRow("EUR") << QStringLiteral("EUR") << QStringLiteral(u"€");
    QTest::newRow("CNY") << QStringLiteral("CNY") << QStringLiteral(u"¥");
    QTest::newRow("KZT") << QStringLiteral("KZT") << QStringLiteral(u"₸");
    QTest::newRow("GBP") << QStringLiteral("GBP") << QStringLiteral(u"£");
    QTest::newRow("AMD has no symbol") << QStringLiteral("AMD") << QStringLiteral("AMD");
    QTest::newRow("JPY shown as code") << QStringLiteral("JPY") << QStringLiteral("JPY");
    QTest::newRow("unknown code") << QStringLiteral("XYZ") << QStringLiteral("XYZ");
}

void TestCurrency::symbol()
{
    QFETCH(QString, code);
    QFETCH(QString, symbol);

    const std::optional<Currency> currency = Currency::fromCode(code);
    QVERIFY(currency.has_value());
    QCOMPARE(currency->symbol(), symbol);
}

void TestCurrency::defaultIsInvalid()
{
    constexpr Currency none;
    QVERIFY(!none.isValid());
    QVERIFY(none.code().isEmpty());
    QVERIFY(none.symbol().isEmpty());
    QCOMPARE(none.minorDigits(), 2);
    QVERIFY(none != Currency::rub());

    QVERIFY(Currency::rub().isValid());
    QCOMPARE(Currency::rub().code(), QStringLiteral("RUB"));
    QCOMPARE(Currency::rub().minorDigits(), 2);
}

void TestCurrency::hashAndEquality()
{
    const Currency rub = Currency::rub();
    const Currency usd = *Currency::fromCode(QStringLiteral("USD"));
    QCOMPARE(qHash(rub), qHash(*Currency::fromCode(QStringLiteral("RUR"))));
    QCOMPARE(qHash(rub, 42), qHash(*Currency::fromCode(QStringLiteral("RUB")), 42));
    QVERIFY(rub != usd);

    QSet<Currency> set {rub, usd, *Currency::fromCode(QStringLiteral("RUB"))};
    QCOMPARE(set.size(), 2);
    QVERIFY(set.contains(*Currency::fromCode(QStringLiteral(u"руб."))));

    QHash<Currency, int> hash;
    hash.insert(rub, 1);
    hash.insert(usd, 2);
    QCOMPARE(hash.value(Currency::rub()), 1);
    QCOMPARE(hash.value(usd), 2);
}

QTEST_APPLESS_MAIN(TestCurrency)

#include "tst_currency.moc"
