#pragma once

#include "rules/creditcheck.h"
#include "rules/pricing.h"

#include <QJsonArray>
#include <QJsonObject>

namespace portico::server {

// The explained outcome of an uploaded order, as JSON for the API and the feed:
// {"status": "...", "reasons": [{"code", "message", "line_no", "product_id", "from", "to"}...],
//  "credit": {"outcome", "reasons": [...]}}
class OrderOutcome final
{
public:
    void addReason(const QString &code, const QString &message, int lineNo = 0, const Id &productId = {});
    void addChanges(const QList<rules::PriceChange> &changes);
    void addPricingIssues(const QList<rules::PricingIssue> &issues);
    void setCredit(const rules::CreditDecision &decision);

    bool hasReasons() const noexcept { return !m_reasons.isEmpty(); }
    QJsonObject toJson(OrderStatus status) const;

private:
    QJsonArray m_reasons;
    QJsonObject m_credit;
};

} // namespace portico::server
