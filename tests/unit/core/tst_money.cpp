#include "domain/arithmeticerror.h"
#include "domain/money.h"

#include <QLocale>
#include <QTest>

#include <limits>

using portico::ArithmeticError;
using portico::Currency;
using portico::Money;
using portico::Quantity;

namespace portico {

char *toString(const Money &money)
{
    return QTest::toString(QString(money.toString() + QLatin1Char(' ') + money.currency().code()));
}

} // namespace portico

namespace {

constexpr qint64 Max = std::numeric_limits<qint64>::max();
constexpr qint64 Min = std::numeric_limits<qint64>::min();
constexpr QChar Nbsp(0x00A0);

Currency currency(const QString &code)
{
    return *Currency::fromCode(code);
}

Money amount(qint64 minor, const char *code)
{
    return Money::fromMinor(minor, currency(QString::fromLatin1(code)));
}

Money rub(qint64 minor)
{
    return Money::fromMinor(minor, Currency::rub());
}

Money usd(qint64 minor)
{
    return amount(minor, "USD");
}

QLocale ru()
{
    return QLocale(QLocale::Russian, QLocale::Russia);
}

QLocale en()
{
    return QLocale(QLocale::English, QLocale::UnitedStates);
}

// Which ArithmeticError an operation throws, as text so that QCOMPARE prints it.
template<typename Operation>
QString thrown(Operation &&operation)
{
    try {
        operation();
    } catch (const ArithmeticError &error) {
        switch (error.kind()) {
        case ArithmeticError::Kind::Overflow:
            return QStringLiteral("overflow");
        case ArithmeticError::Kind::CurrencyMismatch:
            return QStringLiteral("currency mismatch");
        case ArithmeticError::Kind::DivisionByZero:
            return QStringLiteral("division by zero");
        }
    }
    return QStringLiteral("nothing");
}

enum class Operation {
    Plus,
    Minus,
    Negate,
    PlusAssign,
    MinusAssign,
    TimesInt,
    TimesQuantity,
    Percent,
    MulDiv
};

} // namespace

class TestMoney final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseRejects_data();
    void parseRejects();
    void toString_data();
    void toString();
    void russianLocaleGroupsWithNoBreakSpace();
    void toDisplayString_data();
    void toDisplayString();
    void parseDisplay_data();
    void parseDisplay();
    void parseDisplayRejects_data();
    void parseDisplayRejects();
    void addAndSubtract();
    void currencyLessZero();
    void currencyMismatch();
    void comparison();
    void timesQuantity_data();
    void timesQuantity();
    void percent_data();
    void percent();
    void mulDiv_data();
    void mulDiv();
    void largeIntermediates();
    void overflow_data();
    void overflow();
    void divisionByZero();
};

void TestMoney::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Money>("expected");

    QTest::newRow("kopecks") << "1234.56" << rub(123456);
    QTest::newRow("half ruble negative") << "-0.5" << rub(-50);
    QTest::newRow("no decimals") << "100" << rub(10000);
    QTest::newRow("all decimals") << "100.00" << rub(10000);
    QTest::newRow("one kopeck") << "0.01" << rub(1);
    QTest::newRow("comma decimal") << "1,5" << rub(150);
    QTest::newRow("negative zero") << "-0" << rub(0);
    QTest::newRow("leading zeros") << "007.50" << rub(750);
    QTest::newRow("JPY whole") << "1234" << amount(1234, "JPY");
    QTest::newRow("JPY negative") << "-7" << amount(-7, "JPY");
    QTest::newRow("KWD fils") << "1.234" << amount(1234, "KWD");
    QTest::newRow("KWD one decimal") << "0.5" << amount(500, "KWD");
    QTest::newRow("RUB max") << "92233720368547758.07" << rub(Max);
    QTest::newRow("RUB min") << "-92233720368547758.08" << rub(Min);
    QTest::newRow("JPY max") << "9223372036854775807" << amount(Max, "JPY");
    QTest::newRow("JPY min") << "-9223372036854775808" << amount(Min, "JPY");
}

void TestMoney::parse()
{
    QFETCH(QString, text);
    QFETCH(Money, expected);

    const std::optional<Money> money = Money::parse(text, expected.currency());
    QVERIFY(money.has_value());
    QCOMPARE(*money, expected);
    QCOMPARE(money->currency(), expected.currency());
}

void TestMoney::parseRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Currency>("currency");

    const Currency ruble = Currency::rub();
    const Currency yen = currency(QStringLiteral("JPY"));
    const Currency dinar = currency(QStringLiteral("KWD"));

    QTest::newRow("empty") << "" << ruble;
    QTest::newRow("space") << " " << ruble;
    QTest::newRow("leading space") << " 1" << ruble;
    QTest::newRow("trailing space") << "1 " << ruble;
    QTest::newRow("plus sign") << "+1" << ruble;
    QTest::newRow("minus only") << "-" << ruble;
    QTest::newRow("double minus") << "--1" << ruble;
    QTest::newRow("no integer digits") << ".5" << ruble;
    QTest::newRow("nothing after point") << "5." << ruble;
    QTest::newRow("three decimals for RUB") << "1.234" << ruble;
    QTest::newRow("zero beyond kopecks") << "1.000" << ruble;
    QTest::newRow("two points") << "1.2.3" << ruble;
    QTest::newRow("grouping space") << "1 234.56" << ruble;
    QTest::newRow("grouping U+00A0") << "1\u00A0234" << ruble;
    QTest::newRow("exponent") << "1e3" << ruble;
    QTest::newRow("letters") << "12a" << ruble;
    QTest::newRow("symbol") << "12 ₽" << ruble;
    QTest::newRow("arabic-indic digit") << "\u0661" << ruble;
    QTest::newRow("JPY has no decimals") << "1.0" << yen;
    QTest::newRow("KWD four decimals") << "1.2345" << dinar;
    QTest::newRow("RUB max + 1") << "92233720368547758.08" << ruble;
    QTest::newRow("RUB min - 1") << "-92233720368547758.09" << ruble;
    QTest::newRow("JPY max + 1") << "9223372036854775808" << yen;
    QTest::newRow("huge") << "123456789012345678901234567890" << ruble;
}

void TestMoney::parseRejects()
{
    QFETCH(QString, text);
    QFETCH(Currency, currency);
    QVERIFY(!Money::parse(text, currency).has_value());
}

void TestMoney::toString_data()
{
    QTest::addColumn<Money>("money");
    QTest::addColumn<QString>("text");

    QTest::newRow("kopecks") << rub(123456) << "1234.56";
    QTest::newRow("negative kopecks") << rub(-5) << "-0.05";
    QTest::newRow("whole") << rub(10000) << "100.00";
    QTest::newRow("zero") << rub(0) << "0.00";
    QTest::newRow("JPY") << amount(1234, "JPY") << "1234";
    QTest::newRow("JPY negative") << amount(-1234, "JPY") << "-1234";
    QTest::newRow("KWD") << amount(1234, "KWD") << "1.234";
    QTest::newRow("KWD fils") << amount(-5, "KWD") << "-0.005";
    QTest::newRow("max") << rub(Max) << "92233720368547758.07";
    QTest::newRow("min") << rub(Min) << "-92233720368547758.08";
}

void TestMoney::toString()
{
    QFETCH(Money, money);
    QFETCH(QString, text);

    QCOMPARE(money.toString(), text);
    QCOMPARE(Money::parse(text, money.currency()), std::optional<Money>(money));
}

void TestMoney::russianLocaleGroupsWithNoBreakSpace()
{
    // The display formats below rely on Qt's CLDR data: ru groups with U+00A0 and writes ','.
    QCOMPARE(ru().groupSeparator(), QString(Nbsp));
    QCOMPARE(ru().decimalPoint(), QStringLiteral(","));
    QCOMPARE(ru().negativeSign(), QStringLiteral("-"));
    QCOMPARE(en().groupSeparator(), QStringLiteral(","));
    QCOMPARE(Money().toString(), QStringLiteral("0.00"));
    QCOMPARE(Money().toDisplayString(ru()), QStringLiteral("0,00"));
}

void TestMoney::toDisplayString_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<Money>("money");
    QTest::addColumn<QString>("text"); // each ' ' here stands for U+00A0

    QTest::newRow("ru RUB") << ru() << rub(123456) << "1 234,56 ₽";
    QTest::newRow("ru RUB negative") << ru() << rub(-123456) << "-1 234,56 ₽";
    QTest::newRow("ru kopecks") << ru() << rub(5) << "0,05 ₽";
    QTest::newRow("ru millions") << ru() << rub(123456789) << "1 234 567,89 ₽";
    QTest::newRow("ru USD") << ru() << usd(10000) << "100,00 $";
    QTest::newRow("ru AMD code") << ru() << amount(123456, "AMD") << "1 234,56 AMD";
    QTest::newRow("ru JPY") << ru() << amount(1234567, "JPY") << "1 234 567 JPY";
    QTest::newRow("ru KWD") << ru() << amount(1234567, "KWD") << "1 234,567 KWD";
    QTest::newRow("ru max") << ru() << rub(Max) << "92 233 720 368 547 758,07 ₽";
    QTest::newRow("ru min") << ru() << rub(Min) << "-92 233 720 368 547 758,08 ₽";
    QTest::newRow("en RUB") << en() << rub(123456) << "₽1,234.56";
    QTest::newRow("en RUB negative") << en() << rub(-123456) << "-₽1,234.56";
    QTest::newRow("en USD") << en() << usd(123456) << "$1,234.56";
    QTest::newRow("en EUR") << en() << amount(99, "EUR") << "€0.99";
    QTest::newRow("en GBP") << en() << amount(100000, "GBP") << "£1,000.00";
    QTest::newRow("en CNY") << en() << amount(100, "CNY") << "¥1.00";
    QTest::newRow("en KZT") << en() << amount(100, "KZT") << "₸1.00";
    QTest::newRow("en AMD code") << en() << amount(123456, "AMD") << "1,234.56 AMD";
    QTest::newRow("en AMD negative") << en() << amount(-123456, "AMD") << "-1,234.56 AMD";
    QTest::newRow("en JPY") << en() << amount(1234, "JPY") << "1,234 JPY";
    QTest::newRow("en KWD") << en() << amount(1234567, "KWD") << "1,234.567 KWD";
}

void TestMoney::toDisplayString()
{
    QFETCH(QLocale, locale);
    QFETCH(Money, money);
    QFETCH(QString, text);

    const QString expected = QString(text).replace(QLatin1Char(' '), Nbsp);
    QCOMPARE(money.toDisplayString(locale), expected);
    QCOMPARE(Money::parseDisplay(expected, locale, money.currency()), std::optional<Money>(money));
}

void TestMoney::parseDisplay_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Money>("expected");

    QTest::newRow("ru plain spaces") << ru() << "1 234,56" << rub(123456);
    QTest::newRow("ru U+00A0") << ru() << "1\u00A0234,56" << rub(123456);
    QTest::newRow("ru U+202F") << ru() << "1\u202F234,56" << rub(123456);
    QTest::newRow("ru U+2009") << ru() << "1\u2009234,56" << rub(123456);
    QTest::newRow("ru mixed spaces") << ru() << "1\u00A0234 567" << rub(123456700);
    QTest::newRow("ru symbol") << ru() << "1 234,56 ₽" << rub(123456);
    QTest::newRow("ru symbol after U+00A0") << ru() << "1\u202F234,56\u00A0₽" << rub(123456);
    QTest::newRow("ru руб.") << ru() << "1234,56 руб." << rub(123456);
    QTest::newRow("ru руб") << ru() << "1234,56 руб" << rub(123456);
    QTest::newRow("ru Руб. glued") << ru() << "1234,56Руб." << rub(123456);
    QTest::newRow("ru р.") << ru() << "1 234,56 р." << rub(123456);
    QTest::newRow("ru code") << ru() << "1234,56 RUB" << rub(123456);
    QTest::newRow("ru lower-case code") << ru() << "1234,56 rub" << rub(123456);
    QTest::newRow("ru RUR") << ru() << "1234,56 RUR" << rub(123456);
    QTest::newRow("ru dot decimal") << ru() << "1234.56" << rub(123456);
    QTest::newRow("ru whole") << ru() << "1234" << rub(123400);
    QTest::newRow("ru one decimal") << ru() << "0,5" << rub(50);
    QTest::newRow("ru negative") << ru() << "-1 234,56 ₽" << rub(-123456);
    QTest::newRow("ru U+2212 minus") << ru() << "\u22121 234,56 ₽" << rub(-123456);
    QTest::newRow("ru Excel paste") << ru() << "  1 234,56 ₽\t\n" << rub(123456);
    QTest::newRow("ru symbol first") << ru() << "₽ 12" << rub(1200);
    QTest::newRow("ru USD") << ru() << "1 234,56 $" << usd(123456);
    QTest::newRow("ru JPY") << ru() << "1 234 JPY" << amount(1234, "JPY");
    QTest::newRow("ru KWD") << ru() << "1 234,567" << amount(1234567, "KWD");
    QTest::newRow("ru max") << ru() << "92 233 720 368 547 758,07 ₽" << rub(Max);
    QTest::newRow("ru min") << ru() << "-92 233 720 368 547 758,08 ₽" << rub(Min);
    QTest::newRow("en grouped") << en() << "1,234.56" << rub(123456);
    QTest::newRow("en USD symbol") << en() << "$1,234.56" << usd(123456);
    QTest::newRow("en RUB symbol") << en() << "₽1,234.56" << rub(123456);
    QTest::newRow("en sign before symbol") << en() << "-₽1,234.56" << rub(-123456);
    QTest::newRow("en sign after symbol") << en() << "₽-1,234.56" << rub(-123456);
    QTest::newRow("en code suffix") << en() << "1234.56 RUB" << rub(123456);
    QTest::newRow("en code prefix") << en() << "RUB 1,234.56" << rub(123456);
    QTest::newRow("en millions") << en() << "1,234,567.89" << rub(123456789);
    QTest::newRow("en U+202F grouping") << en() << "1\u202F234.56" << rub(123456);
    QTest::newRow("en comma groups") << en() << "1,234" << rub(123400);
    QTest::newRow("en JPY") << en() << "1,234" << amount(1234, "JPY");
    QTest::newRow("en KWD") << en() << "1,234.567 KWD" << amount(1234567, "KWD");
}

void TestMoney::parseDisplay()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, text);
    QFETCH(Money, expected);

    const std::optional<Money> money = Money::parseDisplay(text, locale, expected.currency());
    QVERIFY(money.has_value());
    QCOMPARE(*money, expected);
    QCOMPARE(money->currency(), expected.currency());
}

void TestMoney::parseDisplayRejects_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Currency>("currency");

    const Currency ruble = Currency::rub();
    const Currency yen = currency(QStringLiteral("JPY"));
    const Currency dinar = currency(QStringLiteral("KWD"));
    const Currency dollar = currency(QStringLiteral("USD"));

    QTest::newRow("empty") << ru() << "" << ruble;
    QTest::newRow("blank") << ru() << " \u00A0 " << ruble;
    QTest::newRow("garbage") << ru() << "abc" << ruble;
    QTest::newRow("symbol only") << ru() << "₽" << ruble;
    QTest::newRow("sign only") << ru() << "-" << ruble;
    QTest::newRow("plus sign") << ru() << "+5" << ruble;
    QTest::newRow("double minus") << ru() << "--5" << ruble;
    QTest::newRow("trailing minus") << ru() << "5-" << ruble;
    QTest::newRow("space after sign") << ru() << "- 5" << ruble;
    QTest::newRow("parentheses") << ru() << "(5)" << ruble;
    QTest::newRow("exponent") << ru() << "1e3" << ruble;
    QTest::newRow("ru English format") << ru() << "1,234.56" << ruble;
    QTest::newRow("ru German format") << ru() << "1.234,56" << ruble;
    QTest::newRow("ru short group") << ru() << "1 23,45" << ruble;
    QTest::newRow("ru long first group") << ru() << "1234 567" << ruble;
    QTest::newRow("ru short last group") << ru() << "1 234 56" << ruble;
    QTest::newRow("ru space in fraction") << ru() << "1 234,5 6" << ruble;
    QTest::newRow("ru space before comma") << ru() << "1 ,5" << ruble;
    QTest::newRow("ru three decimals would round") << ru() << "1,234" << ruble;
    QTest::newRow("ru half kopeck would round") << ru() << "0,005 ₽" << ruble;
    QTest::newRow("ru JPY decimals") << ru() << "1,5 JPY" << yen;
    QTest::newRow("ru other symbol") << ru() << "1 234,56 $" << ruble;
    QTest::newRow("ru other code") << ru() << "1 234,56 USD" << ruble;
    QTest::newRow("ru ruble for USD") << ru() << "1 234,56 руб." << dollar;
    QTest::newRow("ru two symbols") << ru() << "₽ 1 234,56 ₽" << ruble;
    QTest::newRow("ru overflow") << ru() << "92 233 720 368 547 758,08 ₽" << ruble;
    QTest::newRow("en short group") << en() << "1,23" << ruble;
    QTest::newRow("en Russian format") << en() << "1 234,56 ₽" << ruble;
    QTest::newRow("en comma decimal") << en() << "1234,56" << ruble;
    QTest::newRow("en leading comma") << en() << ",5" << ruble;
    QTest::newRow("en nothing after point") << en() << "1,234." << ruble;
    QTest::newRow("en mixed grouping") << en() << "1,234 567.00" << ruble;
    QTest::newRow("en three decimals") << en() << "1.234" << ruble;
    QTest::newRow("en group after point") << en() << "1.234,5" << dinar;
}

void TestMoney::parseDisplayRejects()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, text);
    QFETCH(Currency, currency);

    const std::optional<Money> money = Money::parseDisplay(text, locale, currency);
    QVERIFY2(!money.has_value(), qPrintable(money ? money->toString() : QString()));
}

void TestMoney::addAndSubtract()
{
    QCOMPARE(rub(150) + rub(275), rub(425));
    QCOMPARE(rub(150) - rub(275), rub(-125));
    QCOMPARE(-rub(150), rub(-150));
    Money total = rub(100);
    total += rub(50);
    total -= rub(25);
    QCOMPARE(total, rub(125));
    QVERIFY(rub(-1).isNegative() && rub(1).isPositive() && rub(0).isZero());
    QCOMPARE(usd(5).times(3), usd(15));
    QCOMPARE(usd(5).times(-3), usd(-15));
}

void TestMoney::currencyLessZero()
{
    const Money none;
    QVERIFY(!none.currency().isValid());
    QVERIFY(none.isZero());
    QCOMPARE((none + rub(5)).currency(), Currency::rub());
    QCOMPARE(none + rub(5), rub(5));
    QCOMPARE(rub(5) + none, rub(5));
    QCOMPARE(none - rub(5), rub(-5));
    QCOMPARE((none - rub(5)).currency(), Currency::rub());
    QVERIFY(none == rub(0));
    QVERIFY(none == usd(0));
    QVERIFY(none != rub(1));
    QVERIFY(none < rub(1));
    QVERIFY(none > usd(-1));

    Money sum;
    sum += usd(10);
    sum += usd(20);
    QCOMPARE(sum, usd(30));
}

void TestMoney::currencyMismatch()
{
    const QString mismatch = QStringLiteral("currency mismatch");
    QCOMPARE(thrown([] { return rub(1) + usd(1); }), mismatch);
    QCOMPARE(thrown([] { return rub(1) - usd(1); }), mismatch);
    QCOMPARE(thrown([] { return rub(0) + usd(1); }), mismatch);
    QCOMPARE(thrown([] { return rub(1) == usd(1); }), mismatch);
    QCOMPARE(thrown([] { return rub(0) == usd(0); }), mismatch);
    QCOMPARE(thrown([] { return rub(1) < usd(2); }), mismatch);
    QCOMPARE(thrown([] {
                 Money total = rub(1);
                 total += usd(1);
                 return total;
             }),
             mismatch);
    QCOMPARE(thrown([] { return rub(1) + rub(1); }), QStringLiteral("nothing"));
}

void TestMoney::comparison()
{
    QVERIFY(rub(1) < rub(2));
    QVERIFY(rub(-5) < rub(0));
    QVERIFY(rub(Max) > rub(Min));
    QVERIFY(rub(7) == rub(7));
    QVERIFY((rub(3) <=> rub(3)) == std::strong_ordering::equal);
}

void TestMoney::timesQuantity_data()
{
    QTest::addColumn<Money>("price");
    QTest::addColumn<qint64>("milli");
    QTest::addColumn<Money>("expected");

    QTest::newRow("half kopeck rounds up") << rub(1) << qint64 {500} << rub(1);
    QTest::newRow("negative half kopeck rounds away") << rub(-1) << qint64 {500} << rub(-1);
    QTest::newRow("negative quantity half kopeck") << rub(1) << qint64 {-500} << rub(-1);
    QTest::newRow("just under half") << rub(1) << qint64 {499} << rub(0);
    QTest::newRow("2.5 is 3, not banker's 2") << rub(5) << qint64 {500} << rub(3);
    QTest::newRow("-2.5 is -3") << rub(-5) << qint64 {500} << rub(-3);
    QTest::newRow("1.5 is 2") << rub(3) << qint64 {500} << rub(2);
    QTest::newRow("third-kopeck price x3") << rub(33333) << qint64 {3000} << rub(99999);
    QTest::newRow("price x 0.333") << rub(10000) << qint64 {333} << rub(3330);
    QTest::newRow("123.45 x 1.5") << rub(12345) << qint64 {1500} << rub(18518);
    QTest::newRow("123.45 x -1.5") << rub(12345) << qint64 {-1500} << rub(-18518);
    QTest::newRow("1.99 x 2.5") << rub(199) << qint64 {2500} << rub(498);
    QTest::newRow("zero quantity") << rub(12345) << qint64 {0} << rub(0);
    QTest::newRow("JPY half yen up") << amount(1, "JPY") << qint64 {500} << amount(1, "JPY");
    QTest::newRow("KWD 1.234 x 0.5") << amount(1234, "KWD") << qint64 {500} << amount(617, "KWD");
    QTest::newRow("max x 1") << rub(Max) << qint64 {1000} << rub(Max);
    QTest::newRow("min x 1") << rub(Min) << qint64 {1000} << rub(Min);
    QTest::newRow("max x 0.5") << rub(Max) << qint64 {500} << rub(Max / 2 + 1);
}

void TestMoney::timesQuantity()
{
    QFETCH(Money, price);
    QFETCH(qint64, milli);
    QFETCH(Money, expected);

    const Money amount = price.times(Quantity::fromMilli(milli));
    QCOMPARE(amount, expected);
    QCOMPARE(amount.currency(), price.currency());
}

void TestMoney::percent_data()
{
    QTest::addColumn<Money>("amount");
    QTest::addColumn<int>("bp");
    QTest::addColumn<Money>("expected");

    QTest::newRow("20% of 100.00") << rub(10000) << 2000 << rub(2000);
    QTest::newRow("100%") << rub(12345) << 10000 << rub(12345);
    QTest::newRow("half kopeck up") << rub(1) << 5000 << rub(1);
    QTest::newRow("negative half kopeck away") << rub(-1) << 5000 << rub(-1);
    QTest::newRow("just under half") << rub(1) << 4999 << rub(0);
    QTest::newRow("7.5% of 123.45") << rub(12345) << 750 << rub(926);
    QTest::newRow("7.5% of -123.45") << rub(-12345) << 750 << rub(-926);
    QTest::newRow("negative rate") << rub(100) << -2000 << rub(-20);
    QTest::newRow("max at 100%") << rub(Max) << 10000 << rub(Max);
    QTest::newRow("min at 100%") << rub(Min) << 10000 << rub(Min);
}

void TestMoney::percent()
{
    QFETCH(Money, amount);
    QFETCH(int, bp);
    QFETCH(Money, expected);

    QCOMPARE(amount.percent(bp), expected);
}

void TestMoney::mulDiv_data()
{
    QTest::addColumn<Money>("amount");
    QTest::addColumn<qint64>("numerator");
    QTest::addColumn<qint64>("denominator");
    QTest::addColumn<Money>("expected");

    QTest::newRow("VAT 20/120 of 120.00") << rub(12000) << qint64 {2000} << qint64 {12000} << rub(2000);
    QTest::newRow("VAT 20/120 of 100.00") << rub(10000) << qint64 {2000} << qint64 {12000} << rub(1667);
    QTest::newRow("VAT 22/122 of 122.00") << rub(12200) << qint64 {2200} << qint64 {12200} << rub(2200);
    QTest::newRow("a third of 1.00") << rub(100) << qint64 {1} << qint64 {3} << rub(33);
    QTest::newRow("a third of 2.00") << rub(200) << qint64 {1} << qint64 {3} << rub(67);
    QTest::newRow("a third of -2.00") << rub(-200) << qint64 {1} << qint64 {3} << rub(-67);
    QTest::newRow("two thirds of 1.00") << rub(100) << qint64 {2} << qint64 {3} << rub(67);
    QTest::newRow("a third of a kopeck") << rub(1) << qint64 {1} << qint64 {3} << rub(0);
    QTest::newRow("half kopeck up") << rub(1) << qint64 {1} << qint64 {2} << rub(1);
    QTest::newRow("negative half kopeck away") << rub(-1) << qint64 {1} << qint64 {2} << rub(-1);
    QTest::newRow("2.5 is 3") << rub(5) << qint64 {1} << qint64 {2} << rub(3);
    QTest::newRow("negative denominator") << rub(100) << qint64 {1} << qint64 {-3} << rub(-33);
    QTest::newRow("max x max / max") << rub(Max) << Max << Max << rub(Max);
    QTest::newRow("min x max / max") << rub(Min) << Max << Max << rub(Min);
}

void TestMoney::mulDiv()
{
    QFETCH(Money, amount);
    QFETCH(qint64, numerator);
    QFETCH(qint64, denominator);
    QFETCH(Money, expected);

    QCOMPARE(amount.mulDiv(numerator, denominator), expected);
}

void TestMoney::largeIntermediates()
{
    // The products exceed 64 bits but the rounded results fit.
    QCOMPARE(rub(Max).mulDiv(1000, 1001), rub(9214157878975800007));
    QCOMPARE(rub(Max).times(Quantity::fromMilli(999)), rub(9214148664817921031));
    QCOMPARE(rub(Min).percent(9999), rub(-9222449699651090330));
}

void TestMoney::overflow_data()
{
    QTest::addColumn<Operation>("operation");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("second");

    QTest::newRow("max + 1") << Operation::Plus << Max << qint64 {1} << qint64 {0};
    QTest::newRow("min + -1") << Operation::Plus << Min << qint64 {-1} << qint64 {0};
    QTest::newRow("min - 1") << Operation::Minus << Min << qint64 {1} << qint64 {0};
    QTest::newRow("max - -1") << Operation::Minus << Max << qint64 {-1} << qint64 {0};
    QTest::newRow("max += max") << Operation::PlusAssign << Max << Max << qint64 {0};
    QTest::newRow("min -= max") << Operation::MinusAssign << Min << Max << qint64 {0};
    QTest::newRow("-min") << Operation::Negate << Min << qint64 {0} << qint64 {0};
    QTest::newRow("max x 2") << Operation::TimesInt << Max << qint64 {2} << qint64 {0};
    QTest::newRow("min x -1") << Operation::TimesInt << Min << qint64 {-1} << qint64 {0};
    QTest::newRow("max x 1.001") << Operation::TimesQuantity << Max << qint64 {1001} << qint64 {0};
    QTest::newRow("min x -1.000") << Operation::TimesQuantity << Min << qint64 {-1000} << qint64 {0};
    QTest::newRow("max x max qty") << Operation::TimesQuantity << Max << Max << qint64 {0};
    QTest::newRow("max at 100.01%") << Operation::Percent << Max << qint64 {10001} << qint64 {0};
    QTest::newRow("min at -100%") << Operation::Percent << Min << qint64 {-10000} << qint64 {0};
    QTest::newRow("max x 3 / 2") << Operation::MulDiv << Max << qint64 {3} << qint64 {2};
    QTest::newRow("min x -1 / 1") << Operation::MulDiv << Min << qint64 {-1} << qint64 {1};
    QTest::newRow("min x 1 / -1") << Operation::MulDiv << Min << qint64 {1} << qint64 {-1};
    QTest::newRow("max x max / 1") << Operation::MulDiv << Max << Max << qint64 {1};
}

void TestMoney::overflow()
{
    QFETCH(Operation, operation);
    QFETCH(qint64, minor);
    QFETCH(qint64, first);
    QFETCH(qint64, second);

    Money money = rub(minor);
    const QString kind = thrown([&] {
        switch (operation) {
        case Operation::Plus:
            return money + rub(first);
        case Operation::Minus:
            return money - rub(first);
        case Operation::PlusAssign:
            return money += rub(first);
        case Operation::MinusAssign:
            return money -= rub(first);
        case Operation::Negate:
            return -money;
        case Operation::TimesInt:
            return money.times(first);
        case Operation::TimesQuantity:
            return money.times(Quantity::fromMilli(first));
        case Operation::Percent:
            return money.percent(static_cast<portico::BasisPoints>(first));
        case Operation::MulDiv:
            return money.mulDiv(first, second);
        }
        return money;
    });
    QCOMPARE(kind, QStringLiteral("overflow"));
    QCOMPARE(money, rub(minor)); // a failed compound assignment leaves the value alone
}

void TestMoney::divisionByZero()
{
    QCOMPARE(thrown([] { return rub(100).mulDiv(1, 0); }), QStringLiteral("division by zero"));
    QCOMPARE(thrown([] { return rub(0).mulDiv(0, 0); }), QStringLiteral("division by zero"));
}

QTEST_APPLESS_MAIN(TestMoney)

#include "tst_money.moc"
