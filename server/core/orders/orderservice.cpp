#include "orders/orderservice.h"

#include "auth/caller.h"
#include "catalog/catalogrepository.h"
#include "catalog/feedjson.h"
#include "customers/customerrepository.h"
#include "http/apierror.h"
#include "http/requesthash.h"
#include "orders/orderoutcome.h"
#include "protocol/codecs.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "warehouse/orderreservations.h"
#include "warehouse/stockledger.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace portico::server {

namespace {

constexpr qsizetype MaxLines = 1000;

// Who may take a lifecycle step (the transition table itself is in shared/).
bool mayTake(const Caller &caller, OrderStatus from, OrderStatus to)
{
    const Role role = caller.role;
    const bool manager = role == Role::Admin || role == Role::Manager;
    const bool customerSide = role == Role::Buyer || role == Role::SalesRep;
    switch (to) {
    case OrderStatus::Cancelled:
        return manager
            || (customerSide
                && (from == OrderStatus::Submitted || from == OrderStatus::Accepted
                    || from == OrderStatus::AcceptedWithChanges || from == OrderStatus::NeedsApproval));
    case OrderStatus::Accepted:
        return from == OrderStatus::AcceptedWithChanges ? manager || customerSide : manager;
    case OrderStatus::Rejected:
        return manager;
    case OrderStatus::Exported:
        return manager || role == Role::Exchange;
    case OrderStatus::InProduction:
    case OrderStatus::Picking:
    case OrderStatus::Picked:
    case OrderStatus::Shipped:
    case OrderStatus::Delivered:
    case OrderStatus::Completed:
        return manager || role == Role::Warehouse;
    default:
        return false;
    }
}

// Whether the caller may see a stored order: its author alone for an author-only attempt,
// otherwise whoever may see its customer (a user who placed it but lost the customer no longer
// does).
bool orderVisible(const Caller &caller, const StoredOrder &stored, const CustomerRepository &customers)
{
    if (stored.authorOnly)
        return idText(stored.order.createdBy) == caller.userId;
    const auto customer = customers.customer(stored.order.customerId);
    return customer && customers.visibleTo(caller, *customer);
}

QString feedAudience(const Order &order, bool customerVisible)
{
    // An order for a customer the caller may not see is rejected; it goes back to its author
    // alone, so that the customer's own users never see someone else's attempt.
    return customerVisible ? Audience::customer(idText(order.customerId))
                           : Audience::user(idText(order.createdBy));
}

// An upload as priced from one snapshot of the catalog: the order with the server's lines and
// totals (the client's lines while it is rejected), the reasons so far, and the status before
// the credit check.
struct PricedUpload
{
    Order order;
    OrderOutcome outcome;
    OrderStatus status = OrderStatus::Accepted;
    // The customer as the pricing read it; null when it does not exist. Its revision tells the
    // write transaction whether it changed since; its JSON (protocol::toJson, built here, on the
    // reading thread) is what the order republishes with the credit state at commit.
    std::optional<Customer> customer;
    qint64 customerRevision = 0;
    QJsonObject customerJson;
    bool customerVisible = false;
    // What the lines were priced from, kept for pricing them again with the stock at commit.
    std::optional<PriceType> priceType;
    QHash<Id, ProductTerms> products;
    // Priced without issues: the credit check decides the status.
    bool needsCreditCheck = false;
    // The server's pricing differs from the client's: accepted_with_changes unless the credit
    // check says more.
    bool changed = false;
};

// What each line of the upload can be delivered of: nothing for a product that is unknown,
// inactive or without a price; else what is asked for, no more than is left of `available`
// (on hand less reserved) after the lines before it, in full without `available`.
QList<std::optional<Quantity>> deliverable(const PricedUpload &priced, const Order &upload,
                                           const QHash<Id, Quantity> *available)
{
    QList<std::optional<Quantity>> result;
    QHash<Id, Quantity> left = available ? *available : QHash<Id, Quantity>();
    for (const auto &line : std::as_const(upload.lines)) {
        const auto product = priced.products.constFind(line.productId);
        if (product == priced.products.cend() || !product->active || !product->price) {
            result.append(std::nullopt);
            continue;
        }
        if (!available) {
            result.append(line.quantity);
            continue;
        }
        Quantity &rest = left[line.productId];
        const Quantity quantity = rest.isPositive() ? std::min(line.quantity, rest) : Quantity();
        rest -= quantity;
        result.append(quantity);
    }
    return result;
}

// Prices the upload's lines by the shared rules against the terms read, each line as much as
// `available` lets it have (everything without): a product that cannot be delivered at all
// leaves its line out.
void priceLines(PricedUpload &priced, const Order &upload, const QHash<Id, Quantity> *available)
{
    priced.order.lines = upload.lines;
    priced.order.totals = upload.totals;
    priced.order.currency = upload.currency;
    priced.outcome = OrderOutcome();
    priced.status = OrderStatus::Accepted;
    priced.changed = false;
    priced.needsCreditCheck = false;
    OrderOutcome &outcome = priced.outcome;
    const QList<std::optional<Quantity>> quantities = deliverable(priced, upload, available);
    QList<rules::PricingLineInput> inputs;
    for (qsizetype i = 0; i < upload.lines.size(); ++i) {
        const OrderLine &line = upload.lines.at(i);
        const auto product = priced.products.constFind(line.productId);
        if (product == priced.products.cend()) {
            priced.status = OrderStatus::Rejected;
            outcome.addReason(QStringLiteral("unknown_product"),
                              QStringLiteral("line %1: no such product").arg(line.lineNo), line.lineNo,
                              line.productId);
            continue;
        }
        const std::optional<Quantity> &quantity = quantities.at(i);
        if (quantity && quantity->isPositive())
            inputs.append({line.lineNo, line.productId, *quantity, product->vatRate, *product->price});
    }
    if (priced.status != OrderStatus::Rejected && !priced.priceType) {
        priced.status = OrderStatus::Rejected;
        outcome.addReason(QStringLiteral("no_price_type"), QStringLiteral("The customer has no price type"));
    }
    if (priced.status != OrderStatus::Rejected && inputs.isEmpty()) {
        priced.status = OrderStatus::Rejected;
        outcome.addReason(QStringLiteral("nothing_available"),
                          QStringLiteral("None of the ordered products is available"));
    }
    if (priced.status == OrderStatus::Rejected)
        return;
    const auto result
        = rules::priceOrder(rules::PricingContext::forCustomer(*priced.priceType, *priced.customer), inputs);
    if (!result.ok()) {
        priced.status = OrderStatus::Rejected;
        outcome.addPricingIssues(result.issues);
        return;
    }
    priced.order.currency = priced.priceType->currency;
    priced.order.lines = result.lines;
    priced.order.totals = result.totals;
    const auto changes = rules::comparePricing(upload.lines, result.lines);
    outcome.addChanges(changes);
    priced.changed = !changes.isEmpty();
    priced.needsCreditCheck = true;
}

// Whether the stock at commit leaves a line of a priced upload less than it was priced for.
bool shortOfStock(const PricedUpload &priced, const Order &upload, const QHash<Id, Quantity> &available)
{
    const QList<std::optional<Quantity>> asked = deliverable(priced, upload, nullptr);
    const QList<std::optional<Quantity>> there = deliverable(priced, upload, &available);
    return asked != there;
}

// What pricing may take from memory instead of the transaction (orders/ordertermscache.h,
// orders/ordercustomercache.h); the write transaction prices from the transaction alone.
struct PricingMemory
{
    OrderTermsCache *terms = nullptr;
    OrderCustomerCache *customers = nullptr;
    qint64 nowMs = 0;
};

// Prices an upload by the shared rules against the customer, price type, products and prices
// that `tx` sees, every line in full: the stock is the write transaction's to weigh
// (shortOfStock, priceLines), as it stands at commit.
//
// With `memory`, the products' terms and prices come from it where it holds them for tx's
// snapshot, and the customer where it holds it at all (the write transaction checks its
// revision); the customer read from tx goes into it.
PricedUpload priceUpload(const QSqlDatabase &tx, const Caller &caller, const Order &upload,
                         const PricingMemory &memory = {})
{
    PricedUpload priced;
    priced.order = upload;
    CatalogRepository catalog(tx);
    CustomerRepository customers(tx);
    auto kept = memory.customers ? memory.customers->find(upload.customerId, memory.nowMs) : std::nullopt;
    if (kept) {
        priced.customer = std::move(kept->customer);
        priced.customerRevision = kept->revision;
        priced.customerJson = std::move(kept->json);
    } else if (auto found = customers.customerAndRevision(upload.customerId)) {
        priced.customer = std::move(found->first);
        priced.customerRevision = found->second;
        priced.customerJson = protocol::toJson(*priced.customer);
        if (memory.customers)
            memory.customers->put(
                {*priced.customer, priced.customerRevision, priced.customerJson, memory.nowMs});
    }
    priced.customerVisible = priced.customer && customers.visibleTo(caller, *priced.customer);
    if (!priced.customerVisible) {
        priced.status = OrderStatus::Rejected;
        priced.outcome.addReason(
            QStringLiteral("customer_not_available"),
            QStringLiteral("The customer does not exist or is not one you may order for"));
        return priced;
    }
    priced.order.priceTypeId = priced.customer->priceTypeId;
    priced.priceType = catalog.priceType(priced.customer->priceTypeId);
    QList<Id> productIds;
    for (const auto &line : std::as_const(upload.lines))
        productIds.append(line.productId);
    priced.products = memory.terms ? memory.terms->terms(tx, productIds, priced.priceType)
                                   : catalog.productTerms(productIds, priced.priceType);
    priceLines(priced, upload, nullptr);
    return priced;
}

// Thrown out of the write transaction (rolling it back) when another upload stored the same
// id since the read transaction looked.
struct AlreadyStored
{
    StoredOrder stored;
};

} // namespace

OrderService::OrderService(Services &services, Published published, rules::CreditPolicy policy)
    : m_services(services)
    , m_published(std::move(published))
    , m_policy(policy)
{ }

OrderService::Reply OrderService::makeReply(int status, QJsonObject body)
{
    return Reply {status, QJsonDocument(body).toJson(QJsonDocument::Compact)};
}

QJsonObject OrderService::orderJson(const StoredOrder &stored)
{
    QJsonObject json = protocol::toJson(stored.order);
    json.insert(QStringLiteral("outcome"), stored.outcome);
    return json;
}

void OrderService::published(const QStringList &audiences)
{
    if (m_published && !audiences.isEmpty())
        m_published(audiences);
}

OrderService::Reply OrderService::submit(const Caller &caller, const QByteArray &body)
{
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        throw ApiError(ApiErrorCode::BadRequest,
                       parseError.error != QJsonParseError::NoError
                           ? QStringLiteral("The body is not valid JSON: %1").arg(parseError.errorString())
                           : QStringLiteral("The body must be a JSON object"),
                       QStringLiteral("$"));
    auto decoded = protocol::fromJson<Order>(document.object());
    if (!decoded.ok())
        throw ApiError(ApiErrorCode::BadRequest, decoded.error().message, decoded.error().path);
    Order order = decoded.value();
    if (order.id.isNull())
        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("The order needs its client-generated id"),
                       QStringLiteral("$.id"));
    if (order.lines.isEmpty())
        throw ApiError(ApiErrorCode::Unprocessable, QStringLiteral("The order has no lines"),
                       QStringLiteral("$.lines"));
    if (order.lines.size() > MaxLines)
        throw ApiError(ApiErrorCode::Unprocessable,
                       QStringLiteral("An order has at most %1 lines").arg(MaxLines),
                       QStringLiteral("$.lines"));
    QSet<int> lineNumbers;
    for (qsizetype i = 0; i < order.lines.size(); ++i) {
        if (lineNumbers.contains(order.lines.at(i).lineNo))
            throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("Line numbers must be unique"),
                           QStringLiteral("$.lines[%1].line_no").arg(i));
        lineNumbers.insert(order.lines.at(i).lineNo);
    }
    const QString hash = requestHash(body);

    // Submission is split in two transactions, so that uploads hold the write lock (SQLite's
    // single writer; on PostgreSQL the order number's row) only to store, not to price.
    //
    // 1. A read transaction looks for the id (a retry is answered from there) and prices the
    //    order against one snapshot of the price type, products and prices, every line in
    //    full, and the customer as last read (kept in memory for a few seconds).
    //
    // 2. A write transaction re-checks what must be exact at commit and stores the order:
    //    - the stock rows of the ordered products, read first and kept for the reservation
    //      (PostgreSQL locks them, in the (product, warehouse) order of StockLedger::lockAll);
    //    - the order number: on PostgreSQL its row lock queues uploads from here to COMMIT,
    //      and every later statement (READ COMMITTED) sees all orders committed before; on
    //      SQLite BEGIN IMMEDIATE queued them already;
    //    - the idempotency key: the same id stored meanwhile by a concurrent retry rolls this
    //      transaction back and is answered as any retry (the stored outcome, or a conflict);
    //    - the customer row: if it changed since it was read (price type, discount, blocked,
    //      rep, limit) the order is priced again inside this transaction;
    //    - the stock: what is available of the ordered products (on hand less reserved, which
    //      every accepted upload changes), from the rows read first; a line that gets less than
    //      it asked for is priced again for what there is, and a product with nothing left
    //      drops out;
    //    - the credit exposure: balance and open orders are read here, after the queue, so two
    //      concurrent orders never both fit into the same remaining credit.
    //
    // Prices and products are not read again. If the accounting system changes them between
    // the two transactions, the order is still priced exactly as the shared rules price it
    // against the catalog as committed at the snapshot: the outcome the server would have given
    // had the upload arrived just before that change, which a client cannot tell from network
    // delay. The stock an accepted order reserves is what was weighed at commit
    // (warehouse/stockledger.h; on PostgreSQL the rows are locked as the write transaction reads
    // them, so nothing takes it away before the commit).
    struct Snapshot
    {
        std::optional<StoredOrder> existing;
        PricedUpload priced;
    };
    Snapshot snapshot = m_services.database.read([&](QSqlDatabase &tx) {
        Snapshot read;
        read.existing = OrderRepository(tx).find(order.id);
        if (!read.existing)
            read.priced = priceUpload(
                tx, caller, order,
                {m_services.orderTerms.get(), m_services.orderCustomers.get(), m_services.now()});
        return read;
    });
    if (snapshot.existing)
        return retryReply(caller, *snapshot.existing, hash);

    QStringList audiences;
    try {
        Reply created = m_services.database.write([&](QSqlDatabase &tx) -> Reply {
            OrderRepository orders(tx);
            CustomerRepository customers(tx);
            PricedUpload priced = std::move(snapshot.priced);
            const QDateTime nowUtc = utcFromMsecs(m_services.now());
            const Id userId = Id::fromString(caller.userId);
            // Stock for an accepted order is reserved in this transaction (warehouse/); the stock
            // rows take their feed seq with the reservation.
            FeedBatch feed;
            StockLedger ledger(tx, msecs(nowUtc), userId, feed);
            // What is available is weighed here, at commit: a line that gets less than it was
            // priced for is priced again with what there is. The ledger keeps the rows it reads
            // for the reservation below (PostgreSQL locks them), so they are read before the
            // order number: the uploads queued behind the number's row lock do not wait for
            // this read as well.
            std::optional<QHash<Id, Quantity>> available;
            const auto readAvailable = [&] {
                QList<Id> productIds;
                for (const OrderLine &line : std::as_const(order.lines))
                    productIds.append(line.productId);
                available = ledger.available(productIds, order.warehouseId);
            };
            if (priced.needsCreditCheck)
                readAvailable();

            const QString number = orders.nextNumber();
            // Another upload of this id stored it since the read transaction looked.
            if (orders.exists(order.id))
                throw AlreadyStored {*orders.find(order.id)};
            // The customer is read again only when its revision says it changed (or it came or
            // went) since the read transaction; its balance is the one at commit either way.
            std::optional<CustomerStanding> standing = customers.standing(order.customerId);
            if (standing.has_value() != priced.customer.has_value()
                || (standing && standing->revision != priced.customerRevision)) {
                priced = priceUpload(tx, caller, order);
                // Uploads priced from memory meet the customer as it is now.
                if (priced.customer)
                    m_services.orderCustomers->replace(
                        {*priced.customer, priced.customerRevision, priced.customerJson, m_services.now()});
            }
            const std::optional<Customer> &customer = priced.customer;
            if (priced.needsCreditCheck) {
                if (!available)
                    readAvailable();
                if (shortOfStock(priced, order, *available))
                    priceLines(priced, order, &*available);
            }

            Order &stored = priced.order;
            OrderStatus status = priced.status;
            stored.createdBy = userId;
            stored.number = number;
            stored.createdAt = order.createdAt.isValid() ? order.createdAt : nowUtc;
            stored.history = {
                {OrderStatus::Draft, OrderStatus::Submitted, stored.createdAt, stored.createdBy, QString()}};

            // The customer's credit figures as they stand at commit, read once for the check and
            // for its feed entry.
            std::optional<CustomerBalance> balance;
            Money openOrders;
            if (priced.needsCreditCheck) {
                balance = standing->balance;
                openOrders = Money::fromMinor(standing->openOrdersMinor, stored.currency);
                const auto credit
                    = rules::checkCredit(m_policy, *customer, *balance, openOrders, stored.totals.total);
                priced.outcome.setCredit(credit);
                if (credit.outcome == rules::CreditOutcome::Rejected)
                    status = OrderStatus::Rejected;
                else if (credit.outcome == rules::CreditOutcome::NeedsApproval)
                    status = OrderStatus::NeedsApproval;
                else if (priced.changed)
                    status = OrderStatus::AcceptedWithChanges;
            }
            status = OrderReservations::onDecision(tx, stored, status, priced.outcome,
                                                   m_services.reservationPolicy, ledger);
            if (status == OrderStatus::Rejected) {
                // A rejected order keeps what was asked for, so that the user sees it with reasons.
                stored.lines = order.lines;
            }
            stored.status = status;
            stored.history.append(
                {OrderStatus::Submitted, status, nowUtc, Id(), QStringLiteral("server decision")});

            const StoredOrder record {stored, hash, priced.outcome.toJson(status), !priced.customerVisible};
            orders.insert(record);
            // The order's JSON is written once, straight as text (the write transaction is
            // SQLite's one writer): the feed stores the text the caller receives.
            Reply reply {
                201,
                FeedJson::order(record.order, QJsonDocument(record.outcome).toJson(QJsonDocument::Compact))};
            ledger.finish(feed);
            feed.upsert(entity::Order, idText(stored.id), feedAudience(stored, priced.customerVisible),
                        reply.json);
            if (priced.customerVisible) {
                if (!balance) {
                    balance = standing->balance;
                    openOrders = Money::fromMinor(standing->openOrdersMinor, balance->balance.currency());
                }
                // Every status an upload ends in but rejected counts against the credit limit.
                if (status != OrderStatus::Rejected)
                    openOrders += stored.totals.total;
                customers.republish(*customer, std::move(priced.customerJson), *balance, openOrders, feed);
            }
            feed.append(tx);
            audiences = feed.audiences();
            return reply;
        });
        published(audiences);
        return created;
    } catch (const AlreadyStored &concurrent) {
        return retryReply(caller, concurrent.stored, hash);
    }
}

OrderService::Reply OrderService::retryReply(const Caller &caller, const StoredOrder &existing,
                                             const QString &requestHash)
{
    // A retry of the same upload gets the stored outcome; anything else under this id is a
    // conflict, and says nothing about the order that holds it.
    if (existing.requestHash != requestHash || idText(existing.order.createdBy) != caller.userId)
        throw ApiError(ApiErrorCode::Conflict,
                       QStringLiteral("An order with this id already exists with different content"),
                       QStringLiteral("$.id"));
    return makeReply(200, orderJson(existing));
}

QJsonObject OrderService::get(const Caller &caller, const Id &id)
{
    return m_services.database.read([&](QSqlDatabase &tx) {
        OrderRepository orders(tx);
        CustomerRepository customers(tx);
        const auto stored = orders.find(id);
        if (stored && orderVisible(caller, *stored, customers))
            return orderJson(*stored);
        throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such order"));
    });
}

QJsonArray OrderService::list(const Caller &caller, OrderFilter filter)
{
    return m_services.database.read([&](QSqlDatabase &tx) {
        CustomerRepository customers(tx);
        const QList<Id> requested = filter.customerIds;
        filter.allCustomers = false;
        filter.customerIds.clear();
        switch (caller.role) {
        case Role::Admin:
        case Role::Manager:
        case Role::Warehouse:
            filter.allCustomers = requested.isEmpty();
            filter.customerIds = requested;
            break;
        case Role::SalesRep: {
            const auto mine = customers.customersOfRep(Id::fromString(caller.userId));
            for (const auto &id : mine) {
                if (requested.isEmpty() || requested.contains(id))
                    filter.customerIds.append(id);
            }
            break;
        }
        case Role::Buyer: {
            const Id own = Id::fromString(caller.customerId);
            if (!own.isNull() && (requested.isEmpty() || requested.contains(own)))
                filter.customerIds = {own};
            break;
        }
        case Role::Exchange:
            break;
        }
        QJsonArray result;
        const auto found = OrderRepository(tx).list(filter);
        for (const auto &order : found)
            result.append(protocol::toJson(order));
        return result;
    });
}

QJsonObject OrderService::transition(const Caller &caller, const Id &id, OrderStatus to,
                                     const QString &reason)
{
    QStringList audiences;
    const QJsonObject result = m_services.database.write([&](QSqlDatabase &tx) {
        OrderRepository orders(tx);
        CustomerRepository customers(tx);
        auto stored = orders.find(id);
        if (!stored || !orderVisible(caller, *stored, customers))
            throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such order"));
        const OrderStatus from = stored->order.status;
        if (!canTransition(from, to))
            throw ApiError(ApiErrorCode::Conflict,
                           QStringLiteral("An order in status %1 cannot become %2")
                               .arg(orderStatusToString(from), orderStatusToString(to)));
        if (!mayTake(caller, from, to))
            throw ApiError(ApiErrorCode::Forbidden,
                           QStringLiteral("Your role may not move an order from %1 to %2")
                               .arg(orderStatusToString(from), orderStatusToString(to)));
        if ((to == OrderStatus::Picking || to == OrderStatus::Picked || to == OrderStatus::Shipped)
            && OrderReservations::pickedThroughLists(tx, id))
            throw ApiError(
                ApiErrorCode::Conflict,
                QStringLiteral("Order %1 holds reserved stock: it becomes %2 through its pick list "
                               "(POST /api/v1/warehouse/pick-lists, then "
                               "/api/v1/warehouse/pick-lists/{id}/confirm and /ship)")
                    .arg(stored->order.number, orderStatusToString(to)),
                QStringLiteral("$.status"));
        const qint64 now = m_services.now();
        // Reservations follow the order (warehouse/orderreservations.h); taken or released
        // before the order's own row is written, in the order pick list writers lock rows.
        FeedBatch feed;
        StockLedger ledger(tx, now, Id::fromString(caller.userId), feed);
        OrderReservations::onTransition(tx, stored->order, from, to, m_services.reservationPolicy, ledger,
                                        feed, now);
        const StatusChange change {from, to, utcFromMsecs(now), Id::fromString(caller.userId), reason};
        orders.recordStatus(id, change, now);
        stored->order.status = to;
        stored->order.history.append(change);
        ledger.finish(feed);
        feed.upsert(entity::Order, idText(id), Audience::customer(idText(stored->order.customerId)),
                    orderJson(*stored));
        customers.republish({stored->order.customerId}, feed);
        feed.append(tx);
        audiences = feed.audiences();
        return orderJson(*stored);
    });
    published(audiences);
    return result;
}

} // namespace portico::server
