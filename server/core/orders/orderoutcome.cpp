#include "orders/orderoutcome.h"

#include "storage/sqlvalues.h"

namespace portico::server {

namespace {

QJsonObject creditReasonJson(const rules::CreditReason &reason)
{
    QJsonObject json {
        {QStringLiteral("code"), reason.codeString()},
        {QStringLiteral("message"), reason.describe()},
        {QStringLiteral("exposure"), reason.exposure.toString()},
        {QStringLiteral("balance"), reason.balance.toString()},
        {QStringLiteral("open_orders"), reason.openOrders.toString()},
        {QStringLiteral("this_order"), reason.thisOrder.toString()},
    };
    if (reason.limitSet)
        json.insert(QStringLiteral("limit"), reason.limit.toString());
    if (reason.code == rules::CreditReasonCode::OverLimit)
        json.insert(QStringLiteral("exceeded_by"), reason.exceededBy.toString());
    if (reason.code == rules::CreditReasonCode::OverdueDebt) {
        json.insert(QStringLiteral("overdue"), reason.overdue.toString());
        json.insert(QStringLiteral("tolerance"), reason.tolerance.toString());
    }
    return json;
}

} // namespace

void OrderOutcome::addReason(const QString &code, const QString &message, int lineNo, const Id &productId)
{
    QJsonObject reason {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (lineNo > 0)
        reason.insert(QStringLiteral("line_no"), lineNo);
    if (!productId.isNull())
        reason.insert(QStringLiteral("product_id"), idText(productId));
    m_reasons.append(reason);
}

void OrderOutcome::addChanges(const QList<rules::PriceChange> &changes)
{
    using Kind = rules::PriceChangeKind;
    for (const auto &change : changes) {
        QJsonObject reason {
            {QStringLiteral("code"), change.codeString()},
            {QStringLiteral("message"), change.describe()},
            {QStringLiteral("line_no"), change.lineNo},
            {QStringLiteral("product_id"), idText(change.productId)},
        };
        switch (change.kind) {
        case Kind::UnitPriceChanged:
            reason.insert(QStringLiteral("from"), change.fromPrice.toString());
            reason.insert(QStringLiteral("to"), change.toPrice.toString());
            break;
        case Kind::DiscountChanged:
            reason.insert(QStringLiteral("from"), change.fromDiscount);
            reason.insert(QStringLiteral("to"), change.toDiscount);
            break;
        case Kind::VatRateChanged:
            reason.insert(QStringLiteral("from"), vatRateToString(change.fromVatRate));
            reason.insert(QStringLiteral("to"), vatRateToString(change.toVatRate));
            break;
        case Kind::QuantityReduced:
        case Kind::QuantityIncreased:
        case Kind::ProductUnavailable:
        case Kind::LineAdded:
            reason.insert(QStringLiteral("from"), change.fromQuantity.toString());
            reason.insert(QStringLiteral("to"), change.toQuantity.toString());
            break;
        case Kind::TotalChanged:
            reason.insert(QStringLiteral("from"), change.fromTotal.toString());
            reason.insert(QStringLiteral("to"), change.toTotal.toString());
            break;
        }
        m_reasons.append(reason);
    }
}

void OrderOutcome::addPricingIssues(const QList<rules::PricingIssue> &issues)
{
    for (const auto &issue : issues)
        addReason(issue.codeString(), issue.describe(), issue.lineNo, issue.productId);
}

void OrderOutcome::setCredit(const rules::CreditDecision &decision)
{
    QJsonArray reasons;
    for (const auto &reason : decision.reasons)
        reasons.append(creditReasonJson(reason));
    m_credit = {{QStringLiteral("outcome"), decision.outcomeString()}, {QStringLiteral("reasons"), reasons}};
}

QJsonObject OrderOutcome::toJson(OrderStatus status) const
{
    QJsonObject json {{QStringLiteral("status"), orderStatusToString(status)},
                      {QStringLiteral("reasons"), m_reasons}};
    if (!m_credit.isEmpty())
        json.insert(QStringLiteral("credit"), m_credit);
    return json;
}

} // namespace portico::server
