#include "workspace/cart.h"

#include "cache/cachedatabase.h"
#include "cache/cachesql.h"
#include "cache/catalogqueries.h"
#include "protocol/codecs.h"
#include "sync/cachemeta.h"
#include "workspace/customercontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace portico::client {

namespace {

// The cart's own draft, so a restart reopens the cart and not a draft the user put aside.
// Absent in a cache no cart has used yet; empty while the cart holds no saved draft.
const QString CartDraftKey = QStringLiteral("cart_draft_id");
const QString NeverSet = QStringLiteral("-");

// The draft of one cart session (from an empty or opened cart until it is cleared, kept or
// submitted). Touched only on the cache thread, where the jobs run one after another: the first
// save gives it its id and every later save, however early it was queued, uses that id.
struct DraftSlot
{
    Id id;
    bool closed = false; // cleared, kept or submitted: late saves must not bring it back
};

struct ProductInfo
{
    bool known = false;
    bool active = true;
    QString sku;
    QString name;
    QString unitName;
};

QHash<Id, ProductInfo> productInfo(QSqlDatabase &db, const QList<Id> &ids)
{
    QHash<Id, ProductInfo> infos;
    for (const Id &id : ids) {
        ProductInfo info;
        if (const std::optional<Product> product = CatalogQueries::product(db, id)) {
            info = ProductInfo {true, product->active, product->sku, product->name, product->unit.name};
        }
        infos.insert(id, info);
    }
    return infos;
}

std::optional<CustomerRow> customerRow(QSqlDatabase &db, const Id &id)
{
    const std::optional<Customer> customer = CatalogQueries::customer(db, id);
    if (!customer)
        return std::nullopt;
    CustomerRow row;
    row.id = customer->id;
    row.name = customer->name;
    row.legalName = customer->legalName;
    row.inn = customer->inn;
    row.priceTypeId = customer->priceTypeId;
    row.discount = customer->discount;
    if (customer->creditLimitSet)
        row.creditLimit = customer->creditLimit;
    row.blocked = customer->blocked;
    row.credit = CatalogQueries::customerCredit(db, id);
    return row;
}

void rememberDraft(QSqlDatabase &db, const Id &id)
{
    CacheMeta::setValue(db, CartDraftKey, id.isNull() ? QString() : CacheSql::idText(id));
}

// The draft a restarted cart reopens: its own, or before any cart used this cache, the newest.
Id draftToRestore(QSqlDatabase &db)
{
    const QString remembered = CacheMeta::value(db, CartDraftKey, NeverSet);
    QSqlQuery query = CacheSql::prepare(
        db,
        remembered == NeverSet
            ? QStringLiteral(
                "SELECT id FROM orders WHERE local_state = 'draft' ORDER BY updated_at DESC LIMIT 1")
            : QStringLiteral("SELECT id FROM orders WHERE local_state = 'draft' AND id = ?"));
    if (remembered != NeverSet)
        query.addBindValue(remembered);
    CacheSql::exec(query);
    return query.next() ? Id(query.value(0).toString()) : Id();
}

QString issueSentence(const rules::PricingIssue &issue, const ProductInfo &product)
{
    using rules::PricingError;
    switch (issue.code) {
    case PricingError::NoPrice:
        if (!product.known)
            return Cart::tr("The product is not in this device's catalog; sync and try again.");
        if (!product.active)
            return Cart::tr("The product is no longer sold.");
        return Cart::tr("The product has no price for this customer.");
    case PricingError::NonPositiveQuantity:
        return Cart::tr("The quantity must be greater than zero.");
    case PricingError::InvalidDiscount:
        return Cart::tr("The customer's discount is not valid; ask the office to correct it.");
    case PricingError::WrongPriceType:
        return Cart::tr("The customer's price type does not match the prices; sync and try again.");
    case PricingError::PriceForOtherProduct:
    case PricingError::PriceForOtherPriceType:
        return Cart::tr("The price on this device does not belong to this product; sync and try again.");
    case PricingError::CurrencyMismatch:
        return Cart::tr("The price is in %1, not in the customer's currency %2.")
            .arg(issue.actualCurrency.code(), issue.expectedCurrency.code());
    case PricingError::NegativePrice:
        return Cart::tr("The product's price is negative; ask the office to correct it.");
    case PricingError::Overflow:
        return Cart::tr("The amount is too large to calculate.");
    }
    return Cart::tr("The line cannot be priced.");
}

} // namespace

struct Cart::Private
{
    Private(CacheDatabase &c, CustomerContext &context, Id user)
        : cache(c)
        , customer(context)
        , userId(std::move(user))
    { }

    CacheDatabase &cache;
    CustomerContext &customer;
    Id userId;
    std::shared_ptr<DraftSlot> slot = std::make_shared<DraftSlot>();
    Id draftId;
    Id customerId; // the context's, followed through changed(): the context may be gone in ~Cart
    bool inFlight = false; // a save job is queued or running
    bool dirty = false; // changes no job has taken yet
    bool submitting = false;
    bool loading = false;
    QHash<Id, ProductInfo> products;
    // The last save's problems by product (a line is either priced or has one).
    QHash<Id, rules::PricingIssue> issues;
};

struct Cart::SaveResult
{
    std::shared_ptr<DraftSlot> slot;
    std::optional<LocalOrders::SavedDraft> saved;
    QList<Id> savedProducts; // the lines the save priced, in its order
    QHash<Id, ProductInfo> products;
    std::optional<Order> submitted;
    bool emptied = false; // the draft was deleted: nothing left in it
    QString error;
    bool explained = false; // `error` is a sentence for the user, not a technical message
    QString submitError; // saved, but LocalOrders::submit refused
};

struct Cart::LoadResult
{
    std::shared_ptr<DraftSlot> slot;
    Id draftId;
    std::optional<Order> order;
    QList<DraftLine> lines;
    std::optional<CustomerRow> customer;
    QHash<Id, ProductInfo> products;
    QString error;
};

namespace {

// The one save job: looks up products the cart has not seen, then saves the draft into the
// session's slot (and submits it when asked). Never throws: the GUI thread gets the error text.
template<typename Result>
Result saveJob(QSqlDatabase &db, const std::shared_ptr<DraftSlot> &slot, OrderDraft draft,
               const QList<Id> &unknown, const Id &userId, bool save, bool submit)
{
    Result result;
    result.slot = slot;
    try {
        result.products = productInfo(db, unknown);
        if (!save || slot->closed || draft.customerId.isNull())
            return result;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (draft.lines.isEmpty() && draft.comment.isEmpty() && !submit) {
            // Nothing left to keep: no empty drafts in the order list.
            if (!slot->id.isNull())
                LocalOrders::deleteDraft(db, slot->id);
            slot->id = Id();
            rememberDraft(db, Id());
            result.emptied = true;
            return result;
        }
        draft.id = slot->id;
        try {
            result.saved = LocalOrders::saveDraft(db, draft, userId, now);
        } catch (const OrderError &) {
            const std::optional<LocalOrder> existing
                = draft.id.isNull() ? std::nullopt : LocalOrders::find(db, draft.id);
            if (draft.id.isNull() || (existing && existing->localState == LocalOrder::LocalState::Draft)) {
                // The draft is fine: the customer or its price type is what the cache lacks.
                result.error = Cart::tr("The customer or the customer's prices are not on this device yet; "
                                        "sync and try again.");
                result.explained = true;
                return result;
            }
            // The draft was submitted or deleted elsewhere (the orders page): what the cart holds
            // becomes a new draft instead of being lost.
            draft.id = Id();
            slot->id = Id();
            result.saved = LocalOrders::saveDraft(db, draft, userId, now);
        }
        for (const DraftLine &line : draft.lines)
            result.savedProducts.append(line.productId);
        if (slot->id.isNull()) {
            slot->id = result.saved->order.id;
            rememberDraft(db, slot->id);
        }
        if (submit && result.saved->issues.isEmpty()) {
            try {
                result.submitted = LocalOrders::submit(db, slot->id, now);
                slot->closed = true;
                rememberDraft(db, Id());
            } catch (const std::exception &error) {
                result.submitError = QString::fromUtf8(error.what());
            }
        }
    } catch (const std::exception &error) {
        result.error = QString::fromUtf8(error.what());
    }
    return result;
}

} // namespace

Cart::Cart(CacheDatabase &cache, CustomerContext &customer, Id userId, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(cache, customer, std::move(userId)))
{
    d->customerId = customer.customerId();
    connect(&customer, &CustomerContext::changed, this, &Cart::onCustomerChanged);
}

Cart::~Cart()
{
    // What the user entered since the last save is written now; then every queued job finishes
    // before this object goes, so no continuation of ours is left waiting for it.
    if (d->dirty && !d->submitting && !d->customerId.isNull()) {
        const OrderDraft draft = snapshot();
        auto slot = d->slot;
        const Id userId = d->userId;
        d->cache.run([slot, draft, userId](QSqlDatabase &db) {
            return saveJob<SaveResult>(db, slot, draft, {}, userId, true, false).error;
        });
    }
    d->cache.run([](QSqlDatabase &) {});
}

Id Cart::draftId() const
{
    return d->draftId;
}

bool Cart::isSaving() const noexcept
{
    return d->inFlight || (d->dirty && !d->customerId.isNull());
}

bool Cart::isSubmitting() const noexcept
{
    return d->submitting;
}

OrderDraft Cart::snapshot() const
{
    OrderDraft draft;
    draft.customerId = d->customerId;
    draft.deliveryDate = m_deliveryDate;
    draft.comment = m_comment;
    for (const CartLine &line : m_lines)
        draft.lines.append(DraftLine {line.productId, line.quantity});
    return draft;
}

void Cart::add(const Id &productId, const Quantity &quantity)
{
    add(QList<DraftLine> {DraftLine {productId, quantity}});
}

void Cart::add(const QList<DraftLine> &lines)
{
    bool any = false;
    for (const DraftLine &line : lines) {
        if (line.productId.isNull() || !line.quantity.isPositive())
            continue;
        any = true;
        auto existing = std::find_if(m_lines.begin(), m_lines.end(),
                                     [&](const CartLine &l) { return l.productId == line.productId; });
        if (existing != m_lines.end()) {
            existing->quantity += line.quantity;
            continue;
        }
        CartLine added;
        added.productId = line.productId;
        added.quantity = line.quantity;
        m_lines.append(added);
    }
    if (!any)
        return;
    refreshLines();
    scheduleSave();
}

void Cart::setQuantity(const Id &productId, const Quantity &quantity)
{
    if (!quantity.isPositive()) {
        remove(productId);
        return;
    }
    for (CartLine &line : m_lines) {
        if (line.productId == productId && line.quantity != quantity) {
            line.quantity = quantity;
            scheduleSave();
            return;
        }
    }
}

void Cart::remove(const Id &productId)
{
    const auto removed = m_lines.removeIf([&](const CartLine &line) { return line.productId == productId; });
    if (removed > 0)
        scheduleSave();
}

void Cart::setLines(const QList<DraftLine> &lines)
{
    m_lines.clear();
    d->issues.clear();
    m_priced.reset();
    add(lines);
    if (m_lines.isEmpty())
        scheduleSave();
}

void Cart::setDeliveryDate(const QDate &date)
{
    if (date == m_deliveryDate)
        return;
    m_deliveryDate = date;
    scheduleSave();
}

void Cart::setComment(const QString &comment)
{
    if (comment == m_comment)
        return;
    m_comment = comment;
    scheduleSave();
}

void Cart::reprice()
{
    scheduleSave();
}

void Cart::onCustomerChanged()
{
    const bool another = d->customer.customerId() != d->customerId;
    d->customerId = d->customer.customerId();
    if (another) {
        // The last customer's prices must not show as this one's while the new ones come.
        d->issues.clear();
        m_priced.reset();
        refreshLines();
    }
    scheduleSave();
}

void Cart::scheduleSave()
{
    d->dirty = true;
    Q_EMIT changed();
    startSave();
}

void Cart::startSave()
{
    if (d->inFlight || d->submitting || d->loading || !d->dirty)
        return;
    QList<Id> unknown;
    for (const CartLine &line : std::as_const(m_lines)) {
        if (!d->products.contains(line.productId))
            unknown.append(line.productId);
    }
    const bool save = !d->customerId.isNull();
    d->dirty = !save; // without a customer the lines wait in memory
    if (!save && unknown.isEmpty())
        return;
    d->inFlight = true;
    auto slot = d->slot;
    const OrderDraft draft = snapshot();
    const Id userId = d->userId;
    d->cache.submitThen(
        [slot, draft, unknown, userId, save](QSqlDatabase &db) {
            return saveJob<SaveResult>(db, slot, draft, unknown, userId, save, false);
        },
        this,
        [this](const SaveResult &result) {
            d->inFlight = false;
            applySave(result);
            startSave();
            if (result.saved && !isSaving())
                Q_EMIT saved();
        });
}

void Cart::applySave(const SaveResult &result)
{
    d->products.insert(result.products);
    if (result.slot != d->slot) {
        refreshLines();
        Q_EMIT changed();
        return;
    }
    if (!result.error.isEmpty())
        Q_EMIT failed(result.explained ? result.error
                                       : tr("The cart could not be saved: %1").arg(result.error));
    if (result.saved)
        d->draftId = result.saved->order.id;
    // A save for the customer chosen before this one: its prices are not this customer's.
    if (result.saved && result.saved->order.customerId == d->customerId) {
        m_priced = result.saved->order;
        // Lines are either priced or have an issue, in the saved order: pair them up.
        d->issues.clear();
        QSet<Id> priced;
        for (const OrderLine &line : result.saved->order.lines)
            priced.insert(line.productId);
        qsizetype next = 0;
        for (const Id &productId : result.savedProducts) {
            if (priced.contains(productId) || next >= result.saved->issues.size())
                continue;
            d->issues.insert(productId, result.saved->issues.at(next++));
        }
    } else if (result.emptied && !d->dirty) {
        d->draftId = Id();
        m_priced.reset();
    }
    refreshLines();
    Q_EMIT changed();
}

void Cart::refreshLines()
{
    QHash<Id, const OrderLine *> pricedLines;
    if (m_priced && !d->customerId.isNull()) {
        for (const OrderLine &pricedLine : m_priced->lines)
            pricedLines.insert(pricedLine.productId, &pricedLine);
    }
    for (CartLine &line : m_lines) {
        const ProductInfo info = d->products.value(line.productId);
        line.sku = info.sku;
        line.name = info.name;
        line.unitName = info.unitName;
        line.priced.reset();
        line.problem.clear();
        if (const OrderLine *pricedLine = pricedLines.value(line.productId))
            line.priced = *pricedLine;
        if (!line.priced) {
            const auto issue = d->issues.constFind(line.productId);
            if (issue != d->issues.cend())
                line.problem = issueSentence(*issue, info);
            else if (d->products.contains(line.productId) && !info.known)
                line.problem = tr("The product is not in this device's catalog; sync and try again.");
        }
    }
}

void Cart::startSession()
{
    d->slot = std::make_shared<DraftSlot>();
    d->draftId = Id();
    d->dirty = false;
    d->issues.clear();
    m_lines.clear();
    m_priced.reset();
    m_deliveryDate = QDate();
    m_comment.clear();
}

void Cart::clear()
{
    auto slot = d->slot;
    d->cache.submit([slot](QSqlDatabase &db) {
        try {
            slot->closed = true;
            if (!slot->id.isNull())
                LocalOrders::deleteDraft(db, slot->id);
            rememberDraft(db, Id());
        } catch (const std::exception &) {
            // A draft that cannot be deleted stays in the order list, where the user sees it.
        }
    });
    startSession();
    Q_EMIT changed();
}

void Cart::keepAsDraft()
{
    if (m_lines.isEmpty() && m_comment.isEmpty())
        return;
    if (d->customerId.isNull()) {
        Q_EMIT failed(tr("Choose a customer before saving the order as a draft."));
        return;
    }
    auto slot = d->slot;
    const OrderDraft draft = snapshot();
    const Id userId = d->userId;
    d->cache.submitThen(
        [slot, draft, userId](QSqlDatabase &db) {
            SaveResult result = saveJob<SaveResult>(db, slot, draft, {}, userId, true, false);
            if (result.error.isEmpty()) {
                try {
                    slot->closed = true;
                    rememberDraft(db, Id());
                } catch (const std::exception &error) {
                    result.error = QString::fromUtf8(error.what());
                }
            }
            return result;
        },
        this,
        [this](const SaveResult &result) {
            if (!result.error.isEmpty()) {
                Q_EMIT failed(tr("The draft could not be saved: %1").arg(result.error));
                return;
            }
            Q_EMIT keptAsDraft(result.saved ? result.saved->order.clientNumber : QString());
        });
    startSession();
    Q_EMIT changed();
}

void Cart::submit()
{
    if (d->submitting)
        return;
    if (d->customerId.isNull()) {
        Q_EMIT failed(tr("Choose a customer before submitting the order."));
        return;
    }
    if (m_lines.isEmpty()) {
        Q_EMIT failed(tr("The cart is empty: add products before submitting the order."));
        return;
    }
    d->submitting = true;
    d->dirty = false;
    auto slot = d->slot;
    const OrderDraft draft = snapshot();
    const Id userId = d->userId;
    d->cache.submitThen(
        [slot, draft, userId](QSqlDatabase &db) {
            return saveJob<SaveResult>(db, slot, draft, {}, userId, true, true);
        },
        this,
        [this](const SaveResult &result) {
            d->submitting = false;
            if (result.submitted && result.slot == d->slot) {
                const Order order = *result.submitted;
                startSession();
                Q_EMIT changed();
                Q_EMIT submitted(order);
                return;
            }
            applySave(result); // says what went wrong with the save, if that was it
            if (!result.submitError.isEmpty())
                Q_EMIT failed(tr("The order could not be submitted: %1").arg(result.submitError));
            else if (result.saved && !result.saved->issues.isEmpty())
                Q_EMIT failed(tr("Some lines have no price: remove them or sync before submitting."));
            startSave();
        });
}

void Cart::restore()
{
    load(Id());
}

void Cart::open(const Id &draftId)
{
    load(draftId);
}

void Cart::load(const Id &requested)
{
    // The session being left keeps its draft; what was not saved yet is saved into it first.
    if (d->dirty && !d->customerId.isNull()) {
        auto slot = d->slot;
        const OrderDraft draft = snapshot();
        const Id userId = d->userId;
        d->cache.submit([slot, draft, userId](QSqlDatabase &db) {
            return saveJob<SaveResult>(db, slot, draft, {}, userId, true, false).error;
        });
    }
    // Lines of a cart without a customer have no draft to stay in: they join the one opened.
    const QList<CartLine> unsaved = d->customerId.isNull() ? m_lines : QList<CartLine>();
    startSession();
    m_lines = unsaved;
    d->loading = true;
    Q_EMIT changed();
    auto slot = d->slot;
    d->cache.submitThen(
        [slot, requested](QSqlDatabase &db) {
            LoadResult result;
            result.slot = slot;
            try {
                const Id id = requested.isNull() ? draftToRestore(db) : requested;
                if (id.isNull())
                    return result;
                QSqlQuery query
                    = CacheSql::prepare(db,
                                        QStringLiteral("SELECT CAST(local_data AS BLOB) FROM orders "
                                                       "WHERE id = ? AND local_state = 'draft'"));
                query.addBindValue(CacheSql::idText(id));
                CacheSql::exec(query);
                if (!query.next()) {
                    if (!requested.isNull())
                        result.error = Cart::tr("The draft is no longer on this device.");
                    return result;
                }
                const QJsonObject local = QJsonDocument::fromJson(CacheSql::bytes(query.value(0))).object();
                auto order = protocol::fromJson<Order>(local);
                if (!order) {
                    result.error = Cart::tr("The draft cannot be read.");
                    return result;
                }
                result.order = std::move(order).value();
                QList<Id> ids;
                for (const auto &value : local.value(QStringLiteral("entered")).toArray()) {
                    const QJsonObject entered = value.toObject();
                    const Id productId(entered.value(QStringLiteral("product_id")).toString());
                    const auto quantity
                        = Quantity::parse(entered.value(QStringLiteral("quantity")).toString());
                    if (productId.isNull() || !quantity)
                        continue;
                    result.lines.append(DraftLine {productId, *quantity});
                    ids.append(productId);
                }
                result.products = productInfo(db, ids);
                result.customer = customerRow(db, result.order->customerId);
                slot->id = id;
                result.draftId = id;
                rememberDraft(db, id);
            } catch (const std::exception &error) {
                result.error = QString::fromUtf8(error.what());
            }
            return result;
        },
        this,
        [this](const LoadResult &result) {
            if (result.slot != d->slot)
                return;
            d->loading = false;
            d->products.insert(result.products);
            if (!result.error.isEmpty())
                Q_EMIT failed(result.error);
            // Lines added while the draft was loading come on top of it.
            const QList<CartLine> added = m_lines;
            m_lines.clear();
            for (const DraftLine &line : result.lines)
                m_lines.append(CartLine {line.productId, line.quantity, {}, {}, {}, {}, {}});
            if (result.order) {
                d->draftId = result.draftId;
                m_deliveryDate = result.order->deliveryDate;
                m_comment = result.order->comment;
                if (result.customer && result.customer->id != d->customer.customerId())
                    d->customer.setCustomer(*result.customer); // re-prices through changed()
            }
            QList<DraftLine> more;
            for (const CartLine &line : added)
                more.append(DraftLine {line.productId, line.quantity});
            refreshLines();
            if (!more.isEmpty())
                add(more);
            else if (result.order)
                scheduleSave(); // prices may have moved since it was saved
            Q_EMIT restored();
            Q_EMIT changed();
        });
}

} // namespace portico::client
