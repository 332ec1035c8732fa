#pragma once

#include "domain/order.h"
#include "orders/orderrepository.h"
#include "rules/creditcheck.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace portico::server {

struct Caller;
struct Services;

// Orders as the server decides them. An upload is idempotent by the order's client-generated
// id: the same id with the same body returns the stored outcome, with another body it is a
// conflict. Every upload is priced again with current prices, stock and credit by the shared
// rules, and gets one explained outcome: accepted, accepted_with_changes (each difference
// listed), needs_approval (credit), or rejected (with reasons). Every change reaches the
// desktops through the feed.
class OrderService final
{
public:
    // `published` is called after each commit with the feed audiences it touched (the
    // composition root connects it to the notifier that nudges connected clients).
    using Published = std::function<void(const QStringList &audiences)>;
    OrderService(Services &services, Published published, rules::CreditPolicy policy = {});

    struct Reply
    {
        int status = 200;
        QByteArray json; // the body as compact JSON text
        QJsonObject body() const { return QJsonDocument::fromJson(json).object(); }
    };

    // POST /api/v1/orders. Throws ApiError for malformed input (400) or a reused id (409).
    Reply submit(const Caller &caller, const QByteArray &body);
    // GET /api/v1/orders/{id}; 404 when the caller may not see it.
    QJsonObject get(const Caller &caller, const Id &id);
    QJsonArray list(const Caller &caller, OrderFilter filter);
    // Cancel, confirm, approve, and the staff's lifecycle steps; checked against the allowed
    // transitions (409 when not allowed) and against who may take the step (403).
    QJsonObject transition(const Caller &caller, const Id &id, OrderStatus to, const QString &reason);

    // The order as the API and the feed carry it: the order and its outcome.
    static QJsonObject orderJson(const StoredOrder &stored);

private:
    static Reply makeReply(int status, QJsonObject body);
    static Reply retryReply(const Caller &caller, const StoredOrder &existing, const QString &requestHash);
    void published(const QStringList &audiences);

    Services &m_services;
    Published m_published;
    rules::CreditPolicy m_policy;
};

} // namespace portico::server
