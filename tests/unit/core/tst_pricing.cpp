#include "rules/pricing.h"

#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace portico;
using namespace portico::rules;

Q_DECLARE_METATYPE(portico::VatRate)
Q_DECLARE_METATYPE(portico::rules::PricingError)
Q_DECLARE_METATYPE(portico::rules::PricingLineInput)
Q_DECLARE_METATYPE(portico::OrderLine)

namespace {

Money rub(qint64 minor)
{
    return Money::fromMinor(minor, Currency::rub());
}

Quantity qty(qint64 milli)
{
    return Quantity::fromMilli(milli);
}

PriceType priceType(bool vatIncluded)
{
    PriceType type;
    type.id = QUuid::createUuidV5(QUuid(), QStringLiteral("wholesale"));
    type.name = QStringLiteral("Wholesale");
    type.currency = Currency::rub();
    type.vatIncluded = vatIncluded;
    return type;
}

PricingContext context(bool vatIncluded, BasisPoints discount)
{
    PricingContext ctx;
    ctx.priceType = priceType(vatIncluded);
    ctx.customerDiscount = discount;
    return ctx;
}

PricingLineInput input(qint64 unitPriceMinor, qint64 quantityMilli, VatRate rate)
{
    PricingLineInput in;
    in.productId = QUuid::createUuidV5(QUuid(), QString::number(unitPriceMinor));
    in.quantity = qty(quantityMilli);
    in.vatRate = rate;
    Price price;
    price.productId = in.productId;
    price.unitPrice = rub(unitPriceMinor);
    in.price = price;
    return in;
}

// Independent reference: n / d rounded half away from zero, d > 0.
qint64 roundDiv(qint64 n, qint64 d)
{
    const qint64 q = n / d;
    const qint64 r = n % d;
    if (2 * (r < 0 ? -r : r) >= d)
        return n < 0 ? q - 1 : q + 1;
    return q;
}

} // namespace

class TestPricing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void line_data();
    void line();
    void volumeTier_data();
    void volumeTier();
    void splitVatBothSigns_data();
    void splitVatBothSigns();
    void totalsAreSumsOfRoundedLines_data();
    void totalsAreSumsOfRoundedLines();
    void errors_data();
    void errors();
    void errorsReportEveryLineAndClearResult();
    void randomOrdersKeepInvariants();
    void compare_data();
    void compare();
};

namespace {

// One line priced alone. Amounts in kopecks, quantities in thousandths; the arithmetic of each
// row is in the comment above it.
struct LineCase
{
    const char *name;
    bool vatIncluded;
    VatRate rate;
    qint64 unitPrice;
    qint64 quantity;
    int discountBp;
    // expected
    qint64 discount; // gross - amount
    qint64 amount;
    qint64 vat;
    qint64 net;
    qint64 total;
};

constexpr VatRate V0 = VatRate::Zero, VNone = VatRate::None, V10 = VatRate::Ten, V20 = VatRate::Twenty,
                  V22 = VatRate::TwentyTwo;

// clang-format off
constexpr LineCase kLineCases[] {
    // 1 x 1200.00 = 120000; vat = 120000 * 2000 / 12000 = 20000; net = 100000
    {"vat 20% included, 1 x 1200.00", true, V20, 120000, 1000, 0, 0, 120000, 20000, 100000, 120000},
    // net 100000; vat = 100000 * 2000 / 10000 = 20000; total 120000
    {"vat 20% excluded, 1 x 1000.00", false, V20, 100000, 1000, 0, 0, 100000, 20000, 100000, 120000},
    // 3 x 99.95 = 29985; vat = 29985 / 6 = 4997.5 -> 4998 (half up); net = 24987
    {"vat 20% included, 3 x 99.95, vat at .5", true, V20, 9995, 3000, 0, 0, 29985, 4998, 24987, 29985},
    // net 29985; vat = 29985 / 5 = 5997 exactly; total 35982
    {"vat 20% excluded, 3 x 99.95", false, V20, 9995, 3000, 0, 0, 29985, 5997, 29985, 35982},
    // 29985 * 1000 / 11000 = 2725.909 -> 2726; net 27259
    {"vat 10% included, 3 x 99.95", true, V10, 9995, 3000, 0, 0, 29985, 2726, 27259, 29985},
    // 7 x 12.34 = 8638; vat = 863.8 -> 864; total 9502
    {"vat 10% excluded, 7 x 12.34", false, V10, 1234, 7000, 0, 0, 8638, 864, 8638, 9502},
    // net 100005; vat = 10000.5 -> 10001 (half up); total 110006
    {"vat 10% excluded, 1000.05, vat at .5", false, V10, 100005, 1000, 0, 0, 100005, 10001, 100005, 110006},
    // 2 x 450.50 = 90100; 0% -> vat 0
    {"vat 0% included, 2 x 450.50", true, V0, 45050, 2000, 0, 0, 90100, 0, 90100, 90100},
    // 2 x 450.50 = 90100; not subject to VAT -> vat 0, total = net, whether included or not
    {"no vat, excluded, 2 x 450.50", false, VNone, 45050, 2000, 0, 0, 90100, 0, 90100, 90100},
    {"no vat, included, 2 x 450.50", true, VNone, 45050, 2000, 0, 0, 90100, 0, 90100, 90100},
    // 5 x 199.99 = 99995; vat = 99995 * 2200 / 12200 = 18031.885 -> 18032; net 81963
    {"vat 22% included, 5 x 199.99", true, V22, 19999, 5000, 0, 0, 99995, 18032, 81963, 99995},
    // vat = 99995 * 0.22 = 21998.9 -> 21999; total 121994
    {"vat 22% excluded, 5 x 199.99", false, V22, 19999, 5000, 0, 0, 99995, 21999, 99995, 121994},
    // gross 3 x 123.45 = 37035; discount 37035 * 333 / 10000 = 1233.2655 -> 1233; amount 35802;
    // vat = 35802 / 6 = 5967 exactly; net 29835
    {"discount 3.33%, vat 20% included", true, V20, 12345, 3000, 333, 1233, 35802, 5967, 29835, 35802},
    // same amount 35802; vat = 35802 / 5 = 7160.4 -> 7160; total 42962
    {"discount 3.33%, vat 20% excluded", false, V20, 12345, 3000, 333, 1233, 35802, 7160, 35802, 42962},
    // gross 11 x 47.30 = 52030; discount 52030 * 0.075 = 3902.25 -> 3902; amount 48128;
    // vat = 48128 / 6 = 8021.33 -> 8021; net 40107
    {"discount 7.5%, vat 20% included", true, V20, 4730, 11000, 750, 3902, 48128, 8021, 40107, 48128},
    // gross 2.5 x 100.03 = 25007.5 -> 25008 (half up); discount 25008 * 0.075 = 1875.6 -> 1876;
    // amount 23132; vat = 2313.2 -> 2313; total 25445
    {"discount 7.5%, 2.5 units, gross at .5", false, V10, 10003, 2500, 750, 1876, 23132, 2313, 23132, 25445},
    // 0.333 kg x 99.99 = 3329.667 -> 3330; vat = 3330 / 11 = 302.73 -> 303; net 3027
    {"0.333 kg at 99.99, vat 10% included", true, V10, 9999, 333, 0, 0, 3330, 303, 3027, 3330},
    // 3330; vat = 3330 / 5 = 666; total 3996
    {"0.333 kg at 99.99, vat 20% excluded", false, V20, 9999, 333, 0, 0, 3330, 666, 3330, 3996},
    // 0.5 x 12.35 = 617.5 -> 618 (half away from zero); vat 618 / 6 = 103; net 515
    {"gross exactly at .5 kopeck", true, V20, 1235, 500, 0, 0, 618, 103, 515, 618},
    // 0.5 x 12.33 = 616.5 -> 617; vat 617 / 6 = 102.83 -> 103; net 514
    {"gross .5 on an odd kopeck", true, V20, 1233, 500, 0, 0, 617, 103, 514, 617},
    // 0.499 x 12.35 = 616.265 -> 616 (below half rounds down)
    {"gross just below .5", false, VNone, 1235, 499, 0, 0, 616, 0, 616, 616},
    // gross 10050; discount 10050 * 0.05 = 502.5 -> 503 (half up); amount 9547
    {"discount exactly at .5 kopeck", false, VNone, 10050, 1000, 500, 503, 9547, 0, 9547, 9547},
    // amount 100005; vat = 100005 / 6 = 16667.5 -> 16668; net 83337. Naive net-first
    // (net = round(100005 / 1.2) = round(83337.5) = 83338, vat = 16667) is a kopeck off: the
    // rule rounds the VAT, and net is what remains.
    {"vat extraction, not net-first rounding", true, V20, 100005, 1000, 0, 0, 100005, 16668, 83337, 100005},
    // 3 x 9.99 = 2997; vat = 2997 / 6 = 499.5 -> 500. Per-unit VAT (round(999 / 6) = 167, x 3 =
    // 501) would be a kopeck more: VAT is computed once per line.
    {"vat per line, not per unit", true, V20, 999, 3000, 0, 0, 2997, 500, 2497, 2997},
    // 9 kopecks; vat 9 / 6 = 1.5 -> 2; net 7
    {"smallest amount with vat at .5", true, V20, 9, 1000, 0, 0, 9, 2, 7, 9},
    // 2 x 50.00 = 10000; discount 100% = 10000; amount 0
    {"100% discount", true, V20, 5000, 2000, 10000, 10000, 0, 0, 0, 0},
    // price 0.00 (a free sample): everything 0
    {"zero price", false, V20, 0, 3000, 500, 0, 0, 0, 0, 0},
};
// clang-format on

} // namespace

void TestPricing::line_data()
{
    QTest::addColumn<bool>("vatIncluded");
    QTest::addColumn<VatRate>("rate");
    QTest::addColumn<qint64>("unitPrice");
    QTest::addColumn<qint64>("quantity");
    QTest::addColumn<int>("discountBp");
    QTest::addColumn<qint64>("discount");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<qint64>("vat");
    QTest::addColumn<qint64>("net");
    QTest::addColumn<qint64>("total");
    for (const LineCase &c : kLineCases) {
        QTest::newRow(c.name) << c.vatIncluded << c.rate << c.unitPrice << c.quantity << c.discountBp
                              << c.discount << c.amount << c.vat << c.net << c.total;
    }
}

void TestPricing::line()
{
    QFETCH(bool, vatIncluded);
    QFETCH(VatRate, rate);
    QFETCH(qint64, unitPrice);
    QFETCH(qint64, quantity);
    QFETCH(int, discountBp);

    const PricingResult result
        = priceOrder(context(vatIncluded, discountBp), {input(unitPrice, quantity, rate)});
    QVERIFY2(result.ok(), qPrintable(result.issues.value(0).describe()));
    QCOMPARE(result.lines.size(), 1);
    const OrderLine &line = result.lines.first();
    QCOMPARE(line.lineNo, 1);
    QCOMPARE(line.unitPrice.minor(), unitPrice);
    QCOMPARE(line.quantity.milli(), quantity);
    QCOMPARE(line.discount, discountBp);
    QCOMPARE(line.vatRate, rate);
    QVERIFY(line.total.currency() == Currency::rub());
    QTEST(lineDiscountAmount(line).minor(), "discount");
    QTEST(line.amount.minor(), "amount");
    QTEST(line.vatAmount.minor(), "vat");
    QTEST((line.total - line.vatAmount).minor(), "net");
    QTEST(line.total.minor(), "total");

    // A single line's totals are that line's figures.
    QTEST(result.totals.discount.minor(), "discount");
    QTEST(result.totals.net.minor(), "net");
    QTEST(result.totals.vat.minor(), "vat");
    QTEST(result.totals.total.minor(), "total");
}

void TestPricing::volumeTier_data()
{
    QTest::addColumn<qint64>("quantity");
    QTest::addColumn<bool>("unsortedTiers");
    QTest::addColumn<qint64>("unitPrice");
    QTest::addColumn<qint64>("vat");
    QTest::addColumn<qint64>("total");

    // Base 100.00; from 10: 90.00; from 50: 80.00. VAT 20% included.
    // 0.001 x 100.00 = 0.10 -> 10; vat 10 / 6 = 1.67 -> 2
    QTest::newRow("smallest quantity: base price") << 1LL << false << 10000LL << 2LL << 10LL;
    // 9.999 x 100.00 = 99990; vat 16665
    QTest::newRow("just below first tier: base price") << 9999LL << false << 10000LL << 16665LL << 99990LL;
    // 10 x 90.00 = 90000; vat 15000
    QTest::newRow("exactly first tier minimum") << 10000LL << false << 9000LL << 15000LL << 90000LL;
    // 49.999 x 90.00 = 449991; vat 449991 / 6 = 74998.5 -> 74999
    QTest::newRow("just below second tier") << 49999LL << false << 9000LL << 74999LL << 449991LL;
    // 50 x 80.00 = 400000; vat 66666.67 -> 66667
    QTest::newRow("exactly second tier minimum") << 50000LL << false << 8000LL << 66667LL << 400000LL;
    QTest::newRow("second tier, tiers listed unsorted") << 50000LL << true << 8000LL << 66667LL << 400000LL;
    // 1000 x 80.00 = 8000000; vat 1333333.33 -> 1333333
    QTest::newRow("far above last tier") << 1000000LL << false << 8000LL << 1333333LL << 8000000LL;
}

void TestPricing::volumeTier()
{
    QFETCH(qint64, quantity);
    QFETCH(bool, unsortedTiers);

    PricingLineInput in = input(10000, quantity, VatRate::Twenty);
    const VolumeTier ten {qty(10000), rub(9000)};
    const VolumeTier fifty {qty(50000), rub(8000)};
    in.price->tiers = unsortedTiers ? QList<VolumeTier> {fifty, ten} : QList<VolumeTier> {ten, fifty};

    QTEST(unitPriceFor(*in.price, qty(quantity)).minor(), "unitPrice");
    const LinePricing priced = priceLine(context(true, 0), in);
    QVERIFY(priced.ok());
    QTEST(priced.line->unitPrice.minor(), "unitPrice");
    QTEST(priced.line->vatAmount.minor(), "vat");
    QTEST(priced.line->total.minor(), "total");
}

void TestPricing::splitVatBothSigns_data()
{
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<bool>("vatIncluded");
    QTest::addColumn<VatRate>("rate");
    QTest::addColumn<qint64>("net");
    QTest::addColumn<qint64>("vat");
    QTest::addColumn<qint64>("total");

    // 100005 / 6 = 16667.5 -> 16668 ; -100005 / 6 = -16667.5 -> -16668 (away from zero)
    QTest::newRow("included 20%, +.5")
        << 100005LL << true << VatRate::Twenty << 83337LL << 16668LL << 100005LL;
    QTest::newRow("included 20%, -.5")
        << -100005LL << true << VatRate::Twenty << -83337LL << -16668LL << -100005LL;
    // 5 * 0.10 = 0.5 -> 1 ; -0.5 -> -1
    QTest::newRow("excluded 10%, +.5") << 5LL << false << VatRate::Ten << 5LL << 1LL << 6LL;
    QTest::newRow("excluded 10%, -.5") << -5LL << false << VatRate::Ten << -5LL << -1LL << -6LL;
    // 4 * 0.10 = 0.4 -> 0 ; -0.4 -> 0
    QTest::newRow("excluded 10%, -.4") << -4LL << false << VatRate::Ten << -4LL << 0LL << -4LL;
    // -1000.00 * 22 / 122 = -180.327 -> -18033
    QTest::newRow("included 22%, return")
        << -100000LL << true << VatRate::TwentyTwo << -81967LL << -18033LL << -100000LL;
    QTest::newRow("none, negative") << -12345LL << false << VatRate::None << -12345LL << 0LL << -12345LL;
}

void TestPricing::splitVatBothSigns()
{
    QFETCH(qint64, amount);
    QFETCH(bool, vatIncluded);
    QFETCH(VatRate, rate);
    const VatSplit split = splitVat(rub(amount), rate, vatIncluded);
    QTEST(split.net.minor(), "net");
    QTEST(split.vat.minor(), "vat");
    QTEST(split.total.minor(), "total");
}

void TestPricing::totalsAreSumsOfRoundedLines_data()
{
    QTest::addColumn<bool>("vatIncluded");
    QTest::addColumn<int>("discountBp");
    QTest::addColumn<QList<PricingLineInput>>("lines");
    QTest::addColumn<qint64>("net");
    QTest::addColumn<qint64>("vat");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<qint64>("discount");
    QTest::addColumn<QString>("witness"); // a total that a recomputation from sums gets wrong
    QTest::addColumn<qint64>("roundOfSum"); // what that recomputation would give

    const auto N = VatRate::None;
    // 3 lines of 0.333 x 1.00 = 33.3 -> 33 each; totals 99. Round of sum: 0.999 x 1.00 -> 100.
    QTest::newRow("quantities: 3 x 33.3 kopecks is 0.99")
        << false << 0 << QList {input(100, 333, N), input(100, 333, N), input(100, 333, N)} << 99LL << 0LL
        << 99LL << 0LL << QStringLiteral("total") << 100LL;
    // 3 lines of 0.09, vat 20% included: vat 1.5 -> 2 each, total vat 6, net 7 x 3 = 21.
    // Round of sum: 27 / 6 = 4.5 -> 5.
    const auto T = VatRate::Twenty;
    QTest::newRow("vat: 3 x 1.5 kopecks is 6")
        << true << 0 << QList {input(9, 1000, T), input(9, 1000, T), input(9, 1000, T)} << 21LL << 6LL << 27LL
        << 0LL << QStringLiteral("vat") << 5LL;
    // 3 lines of 0.10 at 5%: discount 0.5 -> 1 each, total 3; amount 9 each, 27 in all.
    // Round of sum: 30 x 5% = 1.5 -> 2.
    QTest::newRow("discount: 3 x 0.5 kopecks is 3")
        << false << 500 << QList {input(10, 1000, N), input(10, 1000, N), input(10, 1000, N)} << 27LL << 0LL
        << 27LL << 3LL << QStringLiteral("discount") << 2LL;
    // Mixed rates, excluded: 3 x 99.95 @20% (29985 + 5997 = 35982), 7 x 12.34 @10% (8638 + 864 =
    // 9502), 2 x 450.50 none (90100). net 128723, vat 6861, total 135584.
    QTest::newRow("mixed rates, vat excluded")
        << false << 0 << QList {input(9995, 3000, T), input(1234, 7000, VatRate::Ten), input(45050, 2000, N)}
        << 128723LL << 6861LL << 135584LL << 0LL << QString() << 0LL;
}

void TestPricing::totalsAreSumsOfRoundedLines()
{
    QFETCH(bool, vatIncluded);
    QFETCH(int, discountBp);
    QFETCH(QList<PricingLineInput>, lines);
    QFETCH(qint64, net);
    QFETCH(qint64, vat);
    QFETCH(qint64, total);
    QFETCH(qint64, discount);
    QFETCH(QString, witness);
    QFETCH(qint64, roundOfSum);

    const PricingResult result = priceOrder(context(vatIncluded, discountBp), lines);
    QVERIFY(result.ok());
    QCOMPARE(result.lines.size(), lines.size());
    for (qsizetype i = 0; i < result.lines.size(); ++i)
        QCOMPARE(result.lines.at(i).lineNo, int(i + 1));
    QCOMPARE(result.totals.net.minor(), net);
    QCOMPARE(result.totals.vat.minor(), vat);
    QCOMPARE(result.totals.total.minor(), total);
    QCOMPARE(result.totals.discount.minor(), discount);
    QVERIFY(result.totals.total.currency() == Currency::rub());
    const std::optional<OrderTotals> summed = sumLines(result.lines, Currency::rub());
    QVERIFY(summed && *summed == result.totals);
    if (witness == QLatin1String("total"))
        QVERIFY(result.totals.total.minor() != roundOfSum);
    else if (witness == QLatin1String("vat"))
        QVERIFY(result.totals.vat.minor() != roundOfSum);
    else if (witness == QLatin1String("discount"))
        QVERIFY(result.totals.discount.minor() != roundOfSum);
}

void TestPricing::errors_data()
{
    QTest::addColumn<int>("discountBp");
    QTest::addColumn<PricingLineInput>("line");
    QTest::addColumn<PricingError>("error");
    QTest::addColumn<int>("lineNo");

    const PricingLineInput good = input(10000, 1000, VatRate::Twenty);
    PricingLineInput in = good;

    QTest::newRow("discount above 100%") << 10001 << good << PricingError::InvalidDiscount << 0;
    QTest::newRow("negative discount") << -1 << good << PricingError::InvalidDiscount << 0;
    in.quantity = qty(0);
    QTest::newRow("zero quantity") << 0 << in << PricingError::NonPositiveQuantity << 1;
    in.quantity = qty(-1);
    QTest::newRow("negative quantity") << 0 << in << PricingError::NonPositiveQuantity << 1;
    in = good;
    in.price.reset();
    QTest::newRow("no price") << 0 << in << PricingError::NoPrice << 1;
    in = good;
    in.price->unitPrice = Money::fromMinor(10000, *Currency::fromCode(u"USD"));
    QTest::newRow("price in another currency") << 0 << in << PricingError::CurrencyMismatch << 1;
    in = good;
    in.price->tiers = {VolumeTier {qty(100000), Money::fromMinor(9000, *Currency::fromCode(u"EUR"))}};
    QTest::newRow("tier in another currency, not even reached")
        << 0 << in << PricingError::CurrencyMismatch << 1;
    in = good;
    in.price->unitPrice = Money();
    QTest::newRow("price without currency") << 0 << in << PricingError::CurrencyMismatch << 1;
    in = good;
    in.price->unitPrice = rub(-1);
    QTest::newRow("negative price") << 0 << in << PricingError::NegativePrice << 1;
    in = good;
    in.price->productId = QUuid::createUuidV5(QUuid(), QStringLiteral("other"));
    QTest::newRow("price for another product") << 0 << in << PricingError::PriceForOtherProduct << 1;
    in = good;
    in.price->priceTypeId = QUuid::createUuidV5(QUuid(), QStringLiteral("retail"));
    QTest::newRow("price for another price type") << 0 << in << PricingError::PriceForOtherPriceType << 1;
    in = good;
    in.lineNo = 7;
    in.price->unitPrice = rub(std::numeric_limits<qint64>::max() / 2);
    in.quantity = qty(3000);
    QTest::newRow("overflow: huge price x 3") << 0 << in << PricingError::Overflow << 7;
    in.price->unitPrice = rub(std::numeric_limits<qint64>::max() / 12000 * 10001);
    in.quantity = qty(1000);
    QTest::newRow("overflow: adding vat") << 0 << in << PricingError::Overflow << 7;
}

void TestPricing::errors()
{
    QFETCH(int, discountBp);
    QFETCH(PricingLineInput, line);
    QFETCH(PricingError, error);
    QFETCH(int, lineNo);

    PricingContext ctx = context(false, discountBp);
    const PricingResult result = priceOrder(ctx, {line});
    QVERIFY(!result.ok());
    QCOMPARE(result.issues.size(), 1);
    QCOMPARE(result.issues.first().code, error);
    QCOMPARE(result.issues.first().lineNo, lineNo);
    QVERIFY(!result.issues.first().describe().isEmpty());
    QVERIFY(result.lines.isEmpty());
    QVERIFY(result.totals.total.isZero());

    const LinePricing single = priceLine(ctx, line);
    QVERIFY(!single.ok() && !single.line);
    QCOMPARE(single.issue->code, error);
}

void TestPricing::errorsReportEveryLineAndClearResult()
{
    PricingLineInput zero = input(100, 0, VatRate::Ten);
    PricingLineInput noPrice = input(100, 1000, VatRate::Ten);
    noPrice.price.reset();
    const QList lines {input(100, 1000, VatRate::Ten), zero, input(200, 1000, VatRate::Ten), noPrice};
    const PricingResult result = priceOrder(context(true, 0), lines);
    QCOMPARE(result.issues.size(), 2);
    QCOMPARE(result.issues.at(0).lineNo, 2);
    QCOMPARE(result.issues.at(0).codeString(), QStringLiteral("non_positive_quantity"));
    QCOMPARE(result.issues.at(1).lineNo, 4);
    QCOMPARE(result.issues.at(1).codeString(), QStringLiteral("no_price"));
    QVERIFY(result.lines.isEmpty());

    Customer customer;
    customer.priceTypeId = QUuid::createUuidV5(QUuid(), QStringLiteral("retail"));
    customer.discount = 500;
    const PricingContext ctx = PricingContext::forCustomer(priceType(true), customer);
    QCOMPARE(ctx.customerDiscount, 500);
    const PricingResult wrongType = priceOrder(ctx, {input(100, 1000, VatRate::Ten)});
    QCOMPARE(wrongType.issues.size(), 1);
    QCOMPARE(wrongType.issues.first().code, PricingError::WrongPriceType);
}

void TestPricing::randomOrdersKeepInvariants()
{
    const quint32 seed = 20240611;
    qInfo("random orders, seed %u", seed);
    QRandomGenerator random(seed);
    const VatRate rates[] {VatRate::None, VatRate::Zero,   VatRate::Five,     VatRate::Seven,
                           VatRate::Ten,  VatRate::Twenty, VatRate::TwentyTwo};

    for (int order = 0; order < 1000; ++order) {
        const bool vatIncluded = random.bounded(2) == 1;
        const int discountBp = random.bounded(4) == 0 ? 0 : random.bounded(0, 2501);
        QList<PricingLineInput> lines;
        const int lineCount = random.bounded(1, 13);
        for (int i = 0; i < lineCount; ++i) {
            const qint64 price = random.bounded(qint64(0), qint64(100'000'000)); // to 1 000 000.00
            const qint64 milli
                = random.bounded(2) ? random.bounded(1, 100'001) : random.bounded(1, 1001) * 1000;
            lines.append(input(price, milli, rates[random.bounded(7)]));
        }
        const PricingResult result = priceOrder(context(vatIncluded, discountBp), lines);
        QVERIFY2(result.ok(), qPrintable(QStringLiteral("order %1").arg(order)));

        qint64 net = 0, vat = 0, total = 0, discount = 0;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const OrderLine &line = result.lines.at(i);
            const qint64 rate = vatBasisPoints(line.vatRate);
            // Reference computation in plain integers.
            const qint64 gross = roundDiv(lines.at(i).price->unitPrice.minor() * line.quantity.milli(), 1000);
            const qint64 lineDiscount = roundDiv(gross * discountBp, 10000);
            const qint64 amount = gross - lineDiscount;
            const qint64 lineVat
                = vatIncluded ? roundDiv(amount * rate, 10000 + rate) : roundDiv(amount * rate, 10000);
            const qint64 lineTotal = vatIncluded ? amount : amount + lineVat;
            QCOMPARE(line.amount.minor(), amount);
            QCOMPARE(line.vatAmount.minor(), lineVat);
            QCOMPARE(line.total.minor(), lineTotal);
            QCOMPARE(lineDiscountAmount(line).minor(), lineDiscount);

            const Money lineNet = line.total - line.vatAmount;
            QVERIFY(lineNet + line.vatAmount == line.total);
            QVERIFY(vatIncluded ? line.amount == line.total : line.amount == lineNet);
            net += lineNet.minor();
            vat += line.vatAmount.minor();
            total += line.total.minor();
            discount += lineDiscount;
        }
        QVERIFY(result.totals.net + result.totals.vat == result.totals.total);
        QCOMPARE(result.totals.net.minor(), net);
        QCOMPARE(result.totals.vat.minor(), vat);
        QCOMPARE(result.totals.total.minor(), total);
        QCOMPARE(result.totals.discount.minor(), discount);
    }
}

void TestPricing::compare_data()
{
    QTest::addColumn<QList<OrderLine>>("offline");
    QTest::addColumn<QList<OrderLine>>("current");
    QTest::addColumn<QStringList>("changes"); // "lineNo:code"

    const PricingContext ctx = context(true, 0);
    const auto priced = [&ctx](int lineNo, qint64 price, qint64 milli) {
        PricingLineInput in = input(1000 + lineNo, milli, VatRate::Twenty); // product id per line
        in.lineNo = lineNo;
        in.price->unitPrice = rub(price);
        return *priceLine(ctx, in).line;
    };
    const QList offline {priced(1, 10000, 2000), priced(2, 5000, 1000), priced(3, 2500, 4000)};

    QTest::newRow("nothing changed") << offline << offline << QStringList {};
    QTest::newRow("unit price raised")
        << offline << QList {priced(1, 11000, 2000), offline[1], offline[2]}
        << QStringList {QStringLiteral("1:unit_price_changed"), QStringLiteral("1:total_changed")};
    QTest::newRow("quantity reduced by stock")
        << offline << QList {offline[0], offline[1], priced(3, 2500, 1500)}
        << QStringList {QStringLiteral("3:quantity_reduced"), QStringLiteral("3:total_changed")};
    QTest::newRow("product gone") << offline << QList {offline[0], offline[2]}
                                  << QStringList {QStringLiteral("2:product_unavailable")};
    OrderLine noStock = offline[1];
    noStock.quantity = qty(0);
    QTest::newRow("quantity zero") << offline << QList {offline[0], noStock, offline[2]}
                                   << QStringList {QStringLiteral("2:product_unavailable")};
    QTest::newRow("line added") << offline << QList {offline[0], offline[1], offline[2], priced(4, 100, 1000)}
                                << QStringList {QStringLiteral("4:line_added")};
    OrderLine otherProduct = offline[1];
    otherProduct.productId = QUuid::createUuidV5(QUuid(), QStringLiteral("substitute"));
    QTest::newRow("product replaced")
        << offline << QList {offline[0], otherProduct, offline[2]}
        << QStringList {QStringLiteral("2:product_unavailable"), QStringLiteral("2:line_added")};
}

void TestPricing::compare()
{
    QFETCH(QList<OrderLine>, offline);
    QFETCH(QList<OrderLine>, current);
    QFETCH(QStringList, changes);

    const QList<PriceChange> found = comparePricing(offline, current);
    QStringList codes;
    for (const PriceChange &change : found) {
        codes.append(QString::number(change.lineNo) + QLatin1Char(':') + change.codeString());
        QVERIFY(!change.describe().isEmpty());
    }
    QCOMPARE(codes, changes);
    if (QByteArray(QTest::currentDataTag()) == "unit price raised") {
        QCOMPARE(found.first().fromPrice.minor(), 10000LL);
        QCOMPARE(found.first().toPrice.minor(), 11000LL);
        QCOMPARE(found.first().describe(),
                 QStringLiteral("line 1: unit price changed from 100.00 to 110.00"));
    }
    if (QByteArray(QTest::currentDataTag()) == "quantity reduced by stock") {
        QCOMPARE(found.first().fromQuantity, qty(4000));
        QCOMPARE(found.first().toQuantity, qty(1500));
    }
}

QTEST_APPLESS_MAIN(TestPricing)
#include "tst_pricing.moc"
