#include "domain/arithmeticerror.h"
#include "domain/quantity.h"

#include <QLocale>
#include <QTest>

#include <limits>

using portico::ArithmeticError;
using portico::Quantity;
using portico::Unit;

namespace portico {

char *toString(const Quantity &quantity)
{
    return QTest::toString(quantity.toString());
}

} // namespace portico

namespace {

constexpr qint64 Max = std::numeric_limits<qint64>::max();
constexpr qint64 Min = std::numeric_limits<qint64>::min();

enum class Operation { Plus, Minus, Negate, PlusAssign, MinusAssign };

const QLocale &russian()
{
    static const QLocale locale(QLocale::Russian, QLocale::Russia);
    return locale;
}

const QLocale &english()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

} // namespace

class TestQuantity final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseRejects_data();
    void parseRejects();
    void toString_data();
    void toString();
    void toDisplayString_data();
    void toDisplayString();
    void fromInt();
    void arithmetic();
    void overflow_data();
    void overflow();
    void ordering();
    void piece();
};

void TestQuantity::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("milli");

    QTest::newRow("integer") << QStringLiteral("12") << qint64 {12000};
    QTest::newRow("zero") << QStringLiteral("0") << qint64 {0};
    QTest::newRow("negative zero") << QStringLiteral("-0.000") << qint64 {0};
    QTest::newRow("half") << QStringLiteral("0.5") << qint64 {500};
    QTest::newRow("comma is a decimal point") << QStringLiteral("1,250") << qint64 {1250};
    QTest::newRow("negative three decimals") << QStringLiteral("-3.125") << qint64 {-3125};
    QTest::newRow("one thousandth") << QStringLiteral("0.001") << qint64 {1};
    QTest::newRow("leading zeros") << QStringLiteral("007.5") << qint64 {7500};
    QTest::newRow("max") << QStringLiteral("9223372036854775.807") << Max;
    QTest::newRow("min") << QStringLiteral("-9223372036854775.808") << Min;
}

void TestQuantity::parse()
{
    QFETCH(QString, text);
    QFETCH(qint64, milli);

    const std::optional<Quantity> quantity = Quantity::parse(text);
    QVERIFY(quantity.has_value());
    QCOMPARE(quantity->milli(), milli);
}

void TestQuantity::parseRejects_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("space") << QStringLiteral(" ");
    QTest::newRow("leading space") << QStringLiteral(" 1");
    QTest::newRow("trailing space") << QStringLiteral("1 ");
    QTest::newRow("four decimals") << QStringLiteral("0.0001");
    QTest::newRow("four zero decimals") << QStringLiteral("1.0000");
    QTest::newRow("plus sign") << QStringLiteral("+1");
    QTest::newRow("minus only") << QStringLiteral("-");
    QTest::newRow("double minus") << QStringLiteral("--1");
    QTest::newRow("no integer digits") << QStringLiteral(".5");
    QTest::newRow("no decimals after point") << QStringLiteral("5.");
    QTest::newRow("two points") << QStringLiteral("1.2.3");
    QTest::newRow("grouping") << QStringLiteral("1 234");
    QTest::newRow("exponent") << QStringLiteral("1e3");
    QTest::newRow("letters") << QStringLiteral("abc");
    QTest::newRow("arabic-indic digit") << QStringLiteral(u"\u0661");
    QTest::newRow("overflow max + 0.001") << QStringLiteral("9223372036854775.808");
    QTest::newRow("overflow min - 0.001") << QStringLiteral("-9223372036854775.809");
    QTest::newRow("huge") << QStringLiteral("99999999999999999999999");
}

void TestQuantity::parseRejects()
{
    QFETCH(QString, text);
    QVERIFY(!Quantity::parse(text).has_value());
}

void TestQuantity::toString_data()
{
    QTest::addColumn<qint64>("milli");
    QTest::addColumn<QString>("text");

    QTest::newRow("whole") << qint64 {3000} << QStringLiteral("3");
    QTest::newRow("one decimal") << qint64 {12500} << QStringLiteral("12.5");
    QTest::newRow("three decimals") << qint64 {125} << QStringLiteral("0.125");
    QTest::newRow("two decimals") << qint64 {1250} << QStringLiteral("1.25");
    QTest::newRow("zero") << qint64 {0} << QStringLiteral("0");
    QTest::newRow("negative fraction") << qint64 {-500} << QStringLiteral("-0.5");
    QTest::newRow("negative") << qint64 {-3125} << QStringLiteral("-3.125");
    QTest::newRow("no grouping") << qint64 {1234567000} << QStringLiteral("1234567");
    QTest::newRow("max") << Max << QStringLiteral("9223372036854775.807");
    QTest::newRow("min") << Min << QStringLiteral("-9223372036854775.808");
}

void TestQuantity::toString()
{
    QFETCH(qint64, milli);
    QFETCH(QString, text);

    const Quantity quantity = Quantity::fromMilli(milli);
    QCOMPARE(quantity.toString(), text);
    QCOMPARE(Quantity::parse(text), std::optional<Quantity>(quantity));
}

void TestQuantity::toDisplayString_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<qint64>("milli");
    QTest::addColumn<QString>("text");

    // Qt's ru locale groups with U+00A0 NO-BREAK SPACE.
    QTest::newRow("ru grouped") << russian() << qint64 {1234500} << QStringLiteral(u"1\u00A0234,5");
    QTest::newRow("ru millions") << russian() << qint64 {1234567125}
                                 << QStringLiteral(u"1\u00A0234\u00A0567,125");
    QTest::newRow("ru small") << russian() << qint64 {500} << QStringLiteral("0,5");
    QTest::newRow("ru whole") << russian() << qint64 {3000} << QStringLiteral("3");
    QTest::newRow("ru negative") << russian() << qint64 {-1234500} << QStringLiteral(u"-1\u00A0234,5");
    QTest::newRow("en grouped") << english() << qint64 {1234500} << QStringLiteral("1,234.5");
    QTest::newRow("en three digits") << english() << qint64 {999000} << QStringLiteral("999");
    QTest::newRow("en negative") << english() << qint64 {-1000000} << QStringLiteral("-1,000");
}

void TestQuantity::toDisplayString()
{
    QFETCH(QLocale, locale);
    QFETCH(qint64, milli);
    QFETCH(QString, text);

    QCOMPARE(Quantity::fromMilli(milli).toDisplayString(locale), text);
}

void TestQuantity::fromInt()
{
    QCOMPARE(Quantity::fromInt(12).milli(), qint64 {12000});
    QCOMPARE(Quantity::fromInt(-7).milli(), qint64 {-7000});
    QCOMPARE(Quantity::fromInt(Max / 1000).milli(), Max / 1000 * 1000);
    try {
        Quantity::fromInt(Max / 1000 + 1);
        QFAIL("fromInt did not throw");
    } catch (const ArithmeticError &error) {
        QCOMPARE(error.kind(), ArithmeticError::Kind::Overflow);
    }
    QVERIFY_THROWS_EXCEPTION(ArithmeticError, Quantity::fromInt(Min / 1000 - 1));
}

void TestQuantity::arithmetic()
{
    const Quantity a = *Quantity::parse(QStringLiteral("1.5"));
    const Quantity b = *Quantity::parse(QStringLiteral("0.25"));
    QCOMPARE(a + b, Quantity::fromMilli(1750));
    QCOMPARE(a - b, Quantity::fromMilli(1250));
    QCOMPARE(b - a, Quantity::fromMilli(-1250));
    QCOMPARE(-a, Quantity::fromMilli(-1500));

    Quantity sum;
    sum += a;
    sum += b;
    QCOMPARE(sum, Quantity::fromMilli(1750));
    sum -= a;
    QCOMPARE(sum, b);
    QVERIFY(Quantity().isZero());
    QVERIFY((-a).isNegative());
    QVERIFY(a.isPositive());
}

void TestQuantity::overflow_data()
{
    QTest::addColumn<Operation>("operation");
    QTest::addColumn<qint64>("a");
    QTest::addColumn<qint64>("b");

    QTest::newRow("max + 1") << Operation::Plus << Max << qint64 {1};
    QTest::newRow("min + -1") << Operation::Plus << Min << qint64 {-1};
    QTest::newRow("min - 1") << Operation::Minus << Min << qint64 {1};
    QTest::newRow("max - -1") << Operation::Minus << Max << qint64 {-1};
    QTest::newRow("0 - min") << Operation::Minus << qint64 {0} << Min;
    QTest::newRow("-min") << Operation::Negate << Min << qint64 {0};
    QTest::newRow("max += max") << Operation::PlusAssign << Max << Max;
    QTest::newRow("min -= max") << Operation::MinusAssign << Min << Max;
}

void TestQuantity::overflow()
{
    QFETCH(Operation, operation);
    QFETCH(qint64, a);
    QFETCH(qint64, b);

    Quantity left = Quantity::fromMilli(a);
    const Quantity right = Quantity::fromMilli(b);
    try {
        switch (operation) {
        case Operation::Plus:
            left = left + right;
            break;
        case Operation::Minus:
            left = left - right;
            break;
        case Operation::Negate:
            left = -left;
            break;
        case Operation::PlusAssign:
            left += right;
            break;
        case Operation::MinusAssign:
            left -= right;
            break;
        }
        QFAIL("no exception");
    } catch (const ArithmeticError &error) {
        QCOMPARE(error.kind(), ArithmeticError::Kind::Overflow);
    }
    QCOMPARE(left.milli(), a); // unchanged by the failed operation
}

void TestQuantity::ordering()
{
    QVERIFY(Quantity::fromMilli(-1) < Quantity());
    QVERIFY(Quantity::fromMilli(1500) > Quantity::fromInt(1));
    QVERIFY(Quantity::fromMilli(1000) == Quantity::fromInt(1));
    QVERIFY(Quantity::fromMilli(Min) < Quantity::fromMilli(Max));
}

void TestQuantity::piece()
{
    const Unit piece = Unit::piece();
    QCOMPARE(piece.okeiCode, QStringLiteral("796"));
    QCOMPARE(piece.name, QStringLiteral(u"шт"));
    QCOMPARE(piece, Unit::piece());
    QVERIFY(piece != (Unit {QStringLiteral("166"), QStringLiteral(u"кг")}));
}

QTEST_APPLESS_MAIN(TestQuantity)

#include "tst_quantity.moc"
