#include "rules/pricing.h"

#include "domain/arithmeticerror.h"

namespace portico::rules {

namespace {

QString lineLabel(int lineNo)
{
    return lineNo > 0 ? QStringLiteral("line ") + QString::number(lineNo) + QStringLiteral(": ")
                      : QStringLiteral("order: ");
}

// Equality that never throws: amounts in different currencies differ, except that zeros are
// equal whatever their currency (a currency-less zero is a zero of any currency).
bool sameMoney(const Money &a, const Money &b) noexcept
{
    if (a.minor() != b.minor())
        return false;
    return a.isZero() || a.currency() == b.currency();
}

QString currencyText(const Currency &currency)
{
    return currency.isValid() ? currency.code() : QStringLiteral("(none)");
}

std::optional<PricingIssue> checkContext(const PricingContext &context)
{
    if (context.customerDiscount < 0 || context.customerDiscount > FullPercent) {
        PricingIssue issue;
        issue.code = PricingError::InvalidDiscount;
        issue.discount = context.customerDiscount;
        return issue;
    }
    if (context.customer) {
        const Id &customerType = context.customer->priceTypeId;
        if (!customerType.isNull() && !context.priceType.id.isNull()
            && customerType != context.priceType.id) {
            PricingIssue issue;
            issue.code = PricingError::WrongPriceType;
            return issue;
        }
    }
    return std::nullopt;
}

LinePricing lineIssue(PricingError code, int lineNo, const PricingLineInput &input)
{
    PricingIssue issue;
    issue.code = code;
    issue.lineNo = lineNo;
    issue.productId = input.productId;
    issue.quantity = input.quantity;
    return LinePricing {std::nullopt, issue};
}

// Price checks that need no arithmetic; the first problem found, if any.
std::optional<LinePricing> checkPrice(const PricingContext &context, const PricingLineInput &input,
                                      int lineNo)
{
    const Price &price = *input.price;
    if (!price.productId.isNull() && !input.productId.isNull() && price.productId != input.productId)
        return lineIssue(PricingError::PriceForOtherProduct, lineNo, input);
    if (!price.priceTypeId.isNull() && !context.priceType.id.isNull()
        && price.priceTypeId != context.priceType.id)
        return lineIssue(PricingError::PriceForOtherPriceType, lineNo, input);

    QList<Money> amounts {price.unitPrice};
    for (const VolumeTier &tier : price.tiers)
        amounts.append(tier.unitPrice);
    const Currency expected = context.priceType.currency;
    for (const Money &amount : std::as_const(amounts)) {
        if (amount.currency() != expected) {
            LinePricing result = lineIssue(PricingError::CurrencyMismatch, lineNo, input);
            result.issue->expectedCurrency = expected;
            result.issue->actualCurrency = amount.currency();
            result.issue->unitPrice = amount;
            return result;
        }
    }
    for (const Money &amount : std::as_const(amounts)) {
        if (amount.isNegative()) {
            LinePricing result = lineIssue(PricingError::NegativePrice, lineNo, input);
            result.issue->unitPrice = amount;
            return result;
        }
    }
    return std::nullopt;
}

LinePricing priceCheckedContext(const PricingContext &context, const PricingLineInput &input, int lineNo)
{
    if (!input.quantity.isPositive())
        return lineIssue(PricingError::NonPositiveQuantity, lineNo, input);
    if (!input.price)
        return lineIssue(PricingError::NoPrice, lineNo, input);
    if (std::optional<LinePricing> problem = checkPrice(context, input, lineNo))
        return *problem;

    const Money unitPrice = unitPriceFor(*input.price, input.quantity);
    try {
        const Money gross = unitPrice.times(input.quantity);
        const Money discount = gross.percent(context.customerDiscount);
        const VatSplit split = splitVat(gross - discount, input.vatRate, context.priceType.vatIncluded);

        OrderLine line;
        line.lineNo = lineNo;
        line.productId = input.productId;
        line.quantity = input.quantity;
        line.unitPrice = unitPrice;
        line.discount = context.customerDiscount;
        line.vatRate = input.vatRate;
        line.amount = gross - discount;
        line.vatAmount = split.vat;
        line.total = split.total;
        return LinePricing {line, std::nullopt};
    } catch (const ArithmeticError &) {
        LinePricing result = lineIssue(PricingError::Overflow, lineNo, input);
        result.issue->unitPrice = unitPrice;
        return result;
    }
}

} // namespace

PricingContext PricingContext::forCustomer(const PriceType &priceType, const Customer &customer)
{
    PricingContext context;
    context.priceType = priceType;
    context.customerDiscount = customer.discount;
    context.customer = customer;
    return context;
}

QString PricingIssue::codeString() const
{
    switch (code) {
    case PricingError::InvalidDiscount:
        return QStringLiteral("invalid_discount");
    case PricingError::WrongPriceType:
        return QStringLiteral("wrong_price_type");
    case PricingError::NonPositiveQuantity:
        return QStringLiteral("non_positive_quantity");
    case PricingError::NoPrice:
        return QStringLiteral("no_price");
    case PricingError::PriceForOtherProduct:
        return QStringLiteral("price_for_other_product");
    case PricingError::PriceForOtherPriceType:
        return QStringLiteral("price_for_other_price_type");
    case PricingError::CurrencyMismatch:
        return QStringLiteral("currency_mismatch");
    case PricingError::NegativePrice:
        return QStringLiteral("negative_price");
    case PricingError::Overflow:
        return QStringLiteral("overflow");
    }
    return QStringLiteral("unknown");
}

QString PricingIssue::describe() const
{
    const QString where = lineLabel(lineNo);
    switch (code) {
    case PricingError::InvalidDiscount:
        return where + QStringLiteral("discount of ") + QString::number(discount)
            + QStringLiteral(" bp is outside 0..10000 bp");
    case PricingError::WrongPriceType:
        return where + QStringLiteral("the customer is assigned a different price type");
    case PricingError::NonPositiveQuantity:
        return where + QStringLiteral("quantity ") + quantity.toString() + QStringLiteral(" is not positive");
    case PricingError::NoPrice:
        return where + QStringLiteral("no price for the product");
    case PricingError::PriceForOtherProduct:
        return where + QStringLiteral("the price given belongs to another product");
    case PricingError::PriceForOtherPriceType:
        return where + QStringLiteral("the price given belongs to another price type");
    case PricingError::CurrencyMismatch:
        return where + QStringLiteral("price is in ") + currencyText(actualCurrency)
            + QStringLiteral(", the price type is in ") + currencyText(expectedCurrency);
    case PricingError::NegativePrice:
        return where + QStringLiteral("negative unit price ") + unitPrice.toString();
    case PricingError::Overflow:
        return where + QStringLiteral("amount too large: ") + unitPrice.toString() + QStringLiteral(" x ")
            + quantity.toString();
    }
    return where + QStringLiteral("pricing failed");
}

Money unitPriceFor(const Price &price, Quantity quantity)
{
    const VolumeTier *best = nullptr;
    for (const VolumeTier &tier : price.tiers) {
        if (tier.minQuantity <= quantity && (!best || tier.minQuantity > best->minQuantity))
            best = &tier;
    }
    return best ? best->unitPrice : price.unitPrice;
}

Money lineDiscountAmount(const OrderLine &line)
{
    return line.unitPrice.times(line.quantity) - line.amount;
}

VatSplit splitVat(Money amount, VatRate rate, bool vatIncluded)
{
    const BasisPoints r = vatBasisPoints(rate);
    if (vatIncluded) {
        const Money vat = amount.mulDiv(r, FullPercent + r);
        return VatSplit {amount - vat, vat, amount};
    }
    const Money vat = amount.percent(r);
    return VatSplit {amount, vat, amount + vat};
}

LinePricing priceLine(const PricingContext &context, const PricingLineInput &input)
{
    if (std::optional<PricingIssue> issue = checkContext(context))
        return LinePricing {std::nullopt, *issue};
    return priceCheckedContext(context, input, input.lineNo);
}

PricingResult priceOrder(const PricingContext &context, const QList<PricingLineInput> &inputs)
{
    PricingResult result;
    const Money zero = Money::zero(context.priceType.currency);
    result.totals = OrderTotals {zero, zero, zero, zero};
    if (std::optional<PricingIssue> issue = checkContext(context)) {
        result.issues.append(*issue);
        return result;
    }

    QList<OrderLine> lines;
    lines.reserve(inputs.size());
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const PricingLineInput &input = inputs.at(i);
        const int lineNo = input.lineNo > 0 ? input.lineNo : static_cast<int>(i + 1);
        LinePricing priced = priceCheckedContext(context, input, lineNo);
        if (priced.ok())
            lines.append(*priced.line);
        else
            result.issues.append(*priced.issue);
    }
    if (!result.ok())
        return result;

    const std::optional<OrderTotals> totals = sumLines(lines, context.priceType.currency);
    if (!totals) {
        PricingIssue issue;
        issue.code = PricingError::Overflow;
        result.issues.append(issue);
        return result;
    }
    result.lines = std::move(lines);
    result.totals = *totals;
    return result;
}

std::optional<OrderTotals> sumLines(const QList<OrderLine> &lines, Currency currency)
{
    try {
        const Money zero = Money::zero(currency);
        OrderTotals totals {zero, zero, zero, zero};
        for (const OrderLine &line : lines) {
            totals.net += line.total - line.vatAmount;
            totals.vat += line.vatAmount;
            totals.total += line.total;
            totals.discount += lineDiscountAmount(line);
        }
        return totals;
    } catch (const ArithmeticError &) {
        return std::nullopt;
    }
}

namespace {

PriceChange makeChange(PriceChangeKind kind, const OrderLine *before, const OrderLine *now)
{
    PriceChange change;
    change.kind = kind;
    if (before) {
        change.lineNo = before->lineNo;
        change.productId = before->productId;
        change.fromPrice = before->unitPrice;
        change.fromQuantity = before->quantity;
        change.fromDiscount = before->discount;
        change.fromVatRate = before->vatRate;
        change.fromTotal = before->total;
    }
    if (now) {
        change.lineNo = now->lineNo;
        change.productId = now->productId;
        change.toPrice = now->unitPrice;
        change.toQuantity = now->quantity;
        change.toDiscount = now->discount;
        change.toVatRate = now->vatRate;
        change.toTotal = now->total;
    }
    return change;
}

QString bpText(BasisPoints bp)
{
    const QString fraction = QString::number(bp % 100).rightJustified(2, QLatin1Char('0'));
    return QString::number(bp / 100) + QLatin1Char('.') + fraction + QLatin1Char('%');
}

} // namespace

QList<PriceChange> comparePricing(const QList<OrderLine> &offlineLines, const QList<OrderLine> &currentLines)
{
    QList<PriceChange> changes;
    QList<bool> matched(currentLines.size(), false);
    for (const OrderLine &before : offlineLines) {
        const OrderLine *now = nullptr;
        for (qsizetype i = 0; i < currentLines.size(); ++i) {
            const OrderLine &candidate = currentLines.at(i);
            if (!matched.at(i) && candidate.lineNo == before.lineNo
                && candidate.productId == before.productId) {
                matched[i] = true;
                now = &candidate;
                break;
            }
        }
        if (!now || !now->quantity.isPositive()) {
            changes.append(makeChange(PriceChangeKind::ProductUnavailable, &before, now));
            continue;
        }
        if (!sameMoney(before.unitPrice, now->unitPrice))
            changes.append(makeChange(PriceChangeKind::UnitPriceChanged, &before, now));
        if (before.discount != now->discount)
            changes.append(makeChange(PriceChangeKind::DiscountChanged, &before, now));
        if (before.vatRate != now->vatRate)
            changes.append(makeChange(PriceChangeKind::VatRateChanged, &before, now));
        if (now->quantity < before.quantity)
            changes.append(makeChange(PriceChangeKind::QuantityReduced, &before, now));
        else if (now->quantity > before.quantity)
            changes.append(makeChange(PriceChangeKind::QuantityIncreased, &before, now));
        if (!sameMoney(before.total, now->total))
            changes.append(makeChange(PriceChangeKind::TotalChanged, &before, now));
    }
    for (qsizetype i = 0; i < currentLines.size(); ++i) {
        if (!matched.at(i) && currentLines.at(i).quantity.isPositive())
            changes.append(makeChange(PriceChangeKind::LineAdded, nullptr, &currentLines.at(i)));
    }
    return changes;
}

QString PriceChange::codeString() const
{
    switch (kind) {
    case PriceChangeKind::UnitPriceChanged:
        return QStringLiteral("unit_price_changed");
    case PriceChangeKind::DiscountChanged:
        return QStringLiteral("discount_changed");
    case PriceChangeKind::VatRateChanged:
        return QStringLiteral("vat_rate_changed");
    case PriceChangeKind::QuantityReduced:
        return QStringLiteral("quantity_reduced");
    case PriceChangeKind::QuantityIncreased:
        return QStringLiteral("quantity_increased");
    case PriceChangeKind::ProductUnavailable:
        return QStringLiteral("product_unavailable");
    case PriceChangeKind::LineAdded:
        return QStringLiteral("line_added");
    case PriceChangeKind::TotalChanged:
        return QStringLiteral("total_changed");
    }
    return QStringLiteral("unknown");
}

QString PriceChange::describe() const
{
    const QString where = lineLabel(lineNo);
    switch (kind) {
    case PriceChangeKind::UnitPriceChanged:
        return where + QStringLiteral("unit price changed from ") + fromPrice.toString()
            + QStringLiteral(" to ") + toPrice.toString();
    case PriceChangeKind::DiscountChanged:
        return where + QStringLiteral("discount changed from ") + bpText(fromDiscount)
            + QStringLiteral(" to ") + bpText(toDiscount);
    case PriceChangeKind::VatRateChanged:
        return where + QStringLiteral("VAT rate changed from ") + vatRateToString(fromVatRate)
            + QStringLiteral(" to ") + vatRateToString(toVatRate);
    case PriceChangeKind::QuantityReduced:
        return where + QStringLiteral("quantity reduced from ") + fromQuantity.toString()
            + QStringLiteral(" to ") + toQuantity.toString() + QStringLiteral(" (stock)");
    case PriceChangeKind::QuantityIncreased:
        return where + QStringLiteral("quantity increased from ") + fromQuantity.toString()
            + QStringLiteral(" to ") + toQuantity.toString();
    case PriceChangeKind::ProductUnavailable:
        return where + QStringLiteral("product unavailable (ordered ") + fromQuantity.toString()
            + QStringLiteral(")");
    case PriceChangeKind::LineAdded:
        return where + QStringLiteral("line added: quantity ") + toQuantity.toString()
            + QStringLiteral(" at ") + toPrice.toString();
    case PriceChangeKind::TotalChanged:
        return where + QStringLiteral("line total changed from ") + fromTotal.toString()
            + QStringLiteral(" to ") + toTotal.toString();
    }
    return where + QStringLiteral("changed");
}

} // namespace portico::rules
