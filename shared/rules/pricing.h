#pragma once

#include "domain/catalog.h"
#include "domain/customer.h"
#include "domain/order.h"

#include <QList>
#include <QString>

#include <optional>

namespace portico::rules {

// Pricing: the one implementation the client previews offline and the server enforces.
//
// All amounts are integer minor units (kopecks); every rounding below happens exactly once, to
// the minor unit, half away from zero (Money's Rounding::HalfAwayFromZero). Per line:
//
//  1. unit price: the Price's base unitPrice, unless a volume tier applies; then the unit price
//     of the tier with the greatest minQuantity <= quantity (a tier at exactly the ordered
//     quantity applies; the tier list need not be sorted).
//  2. gross    = round(unitPrice * quantity)
//  3. discount = round(gross * discountBp / 10000)     discountBp: the context's, 0..10000
//     amount   = gross - discount
//  4. VAT at the product's rate r (in bp; VatRate::None and VatRate::Zero are 0):
//     price type includes VAT:  total = amount; vat = round(amount * r / (10000 + r));
//                               net = amount - vat
//     price type excludes VAT:  net = amount;   vat = round(net * r / 10000);
//                               total = net + vat
//     so net + vat == total on every line, by construction.
//
// The OrderLine carries unitPrice (after tiers, before discount), discount (bp), vatRate,
// amount (step 3), vatAmount and total. A line's net is total - vatAmount and its discount
// amount is round(unitPrice * quantity) - amount, so both are recoverable from the line alone.
//
// Order totals are the exact sums of the lines' rounded figures (net, vat, total, discount).
// They are never recomputed from summed quantities or amounts: three lines of 33.3 kopecks are
// 0.99, not 1.00, and the document printed by the accounting system agrees.
//
// Every amount is in the price type's currency; a price (base or tier) in another currency is
// an error, not a conversion.

struct PricingContext
{
    PriceType priceType;
    BasisPoints customerDiscount = 0; // applied to every line; 0..10000
    // When set, the customer the order is for: its priceTypeId must be the context's price
    // type (a null id on either side skips the check). The discount applied is always
    // `customerDiscount`, which forCustomer() copies from the customer.
    std::optional<Customer> customer;

    static PricingContext forCustomer(const PriceType &priceType, const Customer &customer);
};

struct PricingLineInput
{
    int lineNo = 0; // 0: priceOrder numbers it by position, 1-based
    Id productId;
    Quantity quantity;
    VatRate vatRate = VatRate::Twenty; // the product's rate
    std::optional<Price> price; // nullopt: the product has no price of this price type
};

enum class PricingError {
    InvalidDiscount, // context discount outside 0..10000 bp
    WrongPriceType, // the customer's price type is not the context's
    NonPositiveQuantity,
    NoPrice,
    PriceForOtherProduct, // Price.productId is not the line's product
    PriceForOtherPriceType, // Price.priceTypeId is not the context's price type
    CurrencyMismatch, // base or tier price not in the price type's currency
    NegativePrice,
    Overflow, // a result does not fit in 64-bit minor units
};

// One explained failure. The numbers that apply to the code are filled in; the rest are left
// default. lineNo is 0 for problems of the whole order (InvalidDiscount, WrongPriceType).
struct PricingIssue
{
    PricingError code = PricingError::NoPrice;
    int lineNo = 0;
    Id productId;
    Quantity quantity; // NonPositiveQuantity, Overflow
    BasisPoints discount = 0; // InvalidDiscount
    Currency expectedCurrency; // CurrencyMismatch
    Currency actualCurrency; // CurrencyMismatch
    Money unitPrice; // NegativePrice, Overflow (when known)

    // Stable wire code: "invalid_discount", "no_price", "currency_mismatch", ...
    QString codeString() const;
    // English sentence for logs: "line 3: no price for the product".
    QString describe() const;

    friend bool operator==(const PricingIssue &, const PricingIssue &) = default;
};

struct LinePricing
{
    std::optional<OrderLine> line; // set exactly when issue is not
    std::optional<PricingIssue> issue;
    bool ok() const noexcept { return line.has_value(); }
};

struct PricingResult
{
    // On success: one priced line per input, in input order, and their totals.
    // On failure: lines is empty and totals are zero; issues lists every problem found. A
    // problem with the context (lineNo 0) is reported alone; otherwise every line is checked,
    // not just up to the first bad one.
    QList<OrderLine> lines;
    OrderTotals totals;
    QList<PricingIssue> issues;

    bool ok() const noexcept { return issues.isEmpty(); }
};

// Never throws: arithmetic failures come back as PricingError::Overflow issues.
LinePricing priceLine(const PricingContext &context, const PricingLineInput &input);
PricingResult priceOrder(const PricingContext &context, const QList<PricingLineInput> &inputs);

// Totals of already priced lines: exact sums of net (total - vatAmount), vatAmount, total and
// discount (round(unitPrice * quantity) - amount). An empty list gives zeros of `currency`.
// nullopt when a sum overflows or the lines mix currencies.
std::optional<OrderTotals> sumLines(const QList<OrderLine> &lines, Currency currency);

// Building blocks, also for documents and returns (where amounts may be negative).
// Step 1 above; no checks of currency or sign.
Money unitPriceFor(const Price &price, Quantity quantity);
// round(unitPrice * quantity) - amount. Throws ArithmeticError on overflow or mixed currencies.
Money lineDiscountAmount(const OrderLine &line);
struct VatSplit
{
    Money net;
    Money vat;
    Money total;
    friend bool operator==(const VatSplit &, const VatSplit &) = default;
};
// Step 4 above: `amount` includes VAT when vatIncluded, otherwise it is the net amount.
// Throws ArithmeticError on overflow.
VatSplit splitVat(Money amount, VatRate rate, bool vatIncluded);

// How a line priced offline differs from the same line priced now (by the server, with current
// prices and stock). Lines are matched by lineNo; a line number whose product changed counts as
// the old line unavailable and a new line added.
enum class PriceChangeKind {
    UnitPriceChanged, // money: unit price from/to
    DiscountChanged, // bp from/to
    VatRateChanged, // rate from/to
    QuantityReduced, // quantity from/to, to > 0 (not enough stock)
    QuantityIncreased, // quantity from/to
    ProductUnavailable, // the line is gone now, or its quantity is 0
    LineAdded, // a line that was not in the offline order
    TotalChanged, // the line's total from/to; reported after the causes above
};

struct PriceChange
{
    PriceChangeKind kind = PriceChangeKind::UnitPriceChanged;
    int lineNo = 0;
    Id productId;
    Money fromPrice;
    Money toPrice;
    Quantity fromQuantity;
    Quantity toQuantity;
    BasisPoints fromDiscount = 0;
    BasisPoints toDiscount = 0;
    VatRate fromVatRate = VatRate::Twenty;
    VatRate toVatRate = VatRate::Twenty;
    Money fromTotal;
    Money toTotal;

    // Stable wire code: "unit_price_changed", "quantity_reduced", ...
    QString codeString() const;
    // English sentence for logs: "line 2: unit price changed from 100.00 to 110.00".
    QString describe() const;

    friend bool operator==(const PriceChange &, const PriceChange &) = default;
};

// Every change carries both lines' figures (from = offline, to = now); the side that does not
// exist (ProductUnavailable with the line gone, LineAdded) is left default.
// Differences come in offline line order, then lines present only now in their order; within
// a line in the enum's order. Equal inputs give an empty list. Pure; never throws (amounts in different
// currencies simply differ).
QList<PriceChange> comparePricing(const QList<OrderLine> &offlineLines, const QList<OrderLine> &currentLines);

} // namespace portico::rules
