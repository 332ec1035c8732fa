#pragma once

#include "orders/localorders.h"

#include <QDate>
#include <QObject>

#include <memory>

namespace portico::client {

class CacheDatabase;
class CustomerContext;

// One line of the cart as the cart page shows it: what the user entered, the product as the
// cache knows it, and the price the shared rules gave it offline (none, with a reason, when the
// line could not be priced: no price of the customer's price type, an inactive product ...).
struct CartLine
{
    Id productId;
    Quantity quantity;
    QString sku;
    QString name;
    QString unitName;
    std::optional<OrderLine> priced;
    QString problem; // why `priced` is empty, for the user
};

// The order being put together: a draft order in the cache, saved on every change, so nothing
// the user entered is lost when the program or the machine stops. Lines are keyed by product:
// adding a product already in the cart adds to its quantity. Changing the customer re-prices the
// cart for the new one. All cache work runs on the cache thread; the cart's state follows by
// changed() on the thread that owns the cart.
class Cart final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Cart)

public:
    Cart(CacheDatabase &cache, CustomerContext &customer, Id userId, QObject *parent = nullptr);
    ~Cart() override;

    // Reopens this device's newest draft (the cart as the user left it); restored() follows.
    // "The cart as the user left it" is the draft the cart was last editing, remembered in the
    // cache; a draft put aside with keepAsDraft(), cleared or submitted is not reopened. A cache
    // no cart has used yet reopens its newest draft. The draft's customer becomes the chosen one
    // (unless the context is fixed to another).
    void restore();
    // Edits an existing draft instead (an order the user saved earlier); the draft the cart held
    // stays saved under Orders. Lines entered with no customer chosen join the opened draft.
    void open(const Id &draftId);

    Id draftId() const; // null until the first save
    bool isEmpty() const noexcept { return m_lines.isEmpty(); }
    const QList<CartLine> &lines() const noexcept { return m_lines; }
    // The last pricing of the whole cart: totals with VAT, "prices as of", the client number.
    const std::optional<Order> &priced() const noexcept { return m_priced; }
    QDate deliveryDate() const noexcept { return m_deliveryDate; }
    QString comment() const { return m_comment; }
    // True while a save is on its way to the cache.
    bool isSaving() const noexcept;
    // True from submit() until submitted() or failed().
    bool isSubmitting() const noexcept;

    void add(const Id &productId, const Quantity &quantity);
    // Several lines at once (an import): one change, one save.
    void add(const QList<DraftLine> &lines);
    // Zero or less removes the line.
    void setQuantity(const Id &productId, const Quantity &quantity);
    void remove(const Id &productId);
    // Replaces every line (reorder: an old order copied into the cart).
    void setLines(const QList<DraftLine> &lines);
    void setDeliveryDate(const QDate &date);
    void setComment(const QString &comment);
    // Empties the cart and deletes its draft. Removing the last line (with no comment) also
    // deletes the draft: no empty drafts in the order list.
    void clear();
    // Saves the cart as a draft the user can come back to, and starts an empty cart.
    void keepAsDraft();
    // Submits the draft: the order goes into the outbox in the same transaction (uploaded by the
    // sync engine, at once when online); submitted() or failed() follows, and the cart starts
    // empty after a success.
    void submit();
    // Prices the cart again from the cache: after a sync brought new prices, stock or credit.
    void reprice();

Q_SIGNALS:
    void restored();
    // Lines, pricing or details changed. Also emitted from inside add() and the other setters
    // (the cache may answer before they return).
    void changed();
    void saved(); // everything the user entered is in the cache
    // keepAsDraft() done: the draft's number on this device, for "saved as draft R1-000042".
    void keptAsDraft(const QString &clientNumber);
    void submitted(const portico::Order &order);
    void failed(const QString &message); // a sentence for the user

private:
    struct Private;
    struct SaveResult;
    struct LoadResult;
    void scheduleSave();
    void startSave();
    void applySave(const SaveResult &result);
    void load(const Id &draftId);
    void startSession();
    void refreshLines();
    void onCustomerChanged();
    OrderDraft snapshot() const;

    std::unique_ptr<Private> d;
    QList<CartLine> m_lines;
    std::optional<Order> m_priced;
    QDate m_deliveryDate;
    QString m_comment;
};

} // namespace portico::client
