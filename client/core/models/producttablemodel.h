#pragma once

#include "cache/catalogqueries.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QSet>

namespace portico::client {

class CacheDatabase;
class CustomerContext;

// The catalog's product table: the active products of one group (sorted by name) or the hits of
// a full-text search, with this customer's price, the stock available in every warehouse and a
// quantity the user types before adding the product to the cart.
//
// Lazy and never on the GUI thread: a group's row count comes from a count query, its rows from
// pages of PageSize read on the cache thread when a view first asks for a row of the page (data()
// queues the page and answers "not loaded yet"; dataChanged() follows when it lands). At most
// MaxPageJobs page reads are queued on the cache at a time and a page is never read twice at
// once; further pages wait in a short queue of the most recently wanted ones (older wishes are
// dropped: the view has scrolled past them). At most MaxCachedPages pages stay in memory, the
// least recently shown go first. A search reads its hits (at most SearchLimit) in one job; a
// newer query (search, group, reload) supersedes an older one by sequence number, so a slow old
// answer never replaces a newer one.
//
// No canFetchMore()/fetchMore(): rowCount() is the whole count from the start, so a scrollbar
// dragged to the end of 100k rows reads the last page only, not every page before it.
class ProductTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductTableModel)

public:
    static constexpr int PageSize = 200;
    static constexpr int MaxPageJobs = 2;
    static constexpr int MaxWantedPages = 4;
    static constexpr int MaxCachedPages = 40;
    static constexpr int SearchLimit = 500;

    // Fixed columns; then one column per warehouse, then the quantity column (quantityColumn()).
    enum Column { SkuColumn, NameColumn, UnitColumn, PriceColumn, FirstWarehouseColumn };
    enum Role {
        ProductIdRole = Qt::UserRole + 1, // Id
        SkuRole, // QString
        NameRole, // QString
        UnitRole, // QString
        PriceRole, // Money: this customer's price per unit (after their discount); invalid when none
        BasePriceRole, // Money: the price type's price per unit; invalid when none
        AvailableRole, // Quantity: in the column's warehouse, or over all warehouses in others
        QuantityRole, // Quantity: what the user typed in the quantity column; invalid when none
        RowLoadedRole, // bool: the row's page has been read
        WarehouseIdRole, // Id: the column's warehouse (headerData too)
    };
    Q_ENUM(Role)

    enum class Mode { Group, Search };

    ProductTableModel(CacheDatabase &cache, CustomerContext &customer, QObject *parent = nullptr);
    ~ProductTableModel() override; // waits for its queued cache jobs

    // Shows the products directly in `groupId` (null: the products without a group).
    void showGroup(const Id &groupId);
    // Shows the hits of `text`; an empty text goes back to the group shown before.
    void search(const QString &text);
    // Reads everything again (after a sync): the row count, the warehouses and the pages in view.
    // When the rows and columns keep their number the model only reports changed data, so views
    // keep their selection and scroll position; otherwise it resets.
    void reload();

    Mode mode() const noexcept { return m_mode; }
    Id groupId() const { return m_groupId; }
    QString searchText() const { return m_searchText; }
    // Sequence number of the query shown (or being read); every query takes the next one.
    quint64 sequence() const noexcept { return m_sequence; }
    bool isLoading() const noexcept { return m_queryPending; }
    // A search found more than SearchLimit hits and shows the best of them.
    bool isTruncated() const noexcept { return m_truncated; }

    int quantityColumn() const { return FirstWarehouseColumn + int(m_warehouses.size()); }
    const QList<Warehouse> &warehouses() const noexcept { return m_warehouses; }
    // The row's product when its page is in memory.
    const ProductRow *product(int row) const;
    // The row of a product whose page is in memory; -1 otherwise.
    int rowOf(const Id &productId) const;

    // The quantity typed for a product; kept by product id across pages, searches and groups.
    std::optional<Quantity> quantity(const Id &productId) const;
    void setQuantity(const Id &productId, const std::optional<Quantity> &quantity);
    // "2", "1.5", "1,5" in the user's locale; none for anything else, zero or less.
    static std::optional<Quantity> parseQuantity(const QString &text);

    // The customer's price for a base price of their price type (rules::priceLine for one unit).
    std::optional<Money> customerPrice(const ProductRow &row) const;

    // For tests and benchmarks: what the lazy loading is doing.
    int loadedPageCount() const { return int(m_pages.size()); }
    int pageJobsInFlight() const noexcept { return m_jobsRunning; }
    int pageFetchCount() const noexcept { return m_pageFetches; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    // A query's row count (and a search's hits) arrived; rows may still be loading.
    void loaded();
    // One page of rows arrived.
    void pageLoaded(int page);
    void failed(const QString &message);

private:
    struct Page
    {
        QList<ProductRow> rows;
        quint64 lastUse = 0;
    };
    struct QueryResult
    {
        QList<Warehouse> warehouses;
        QList<PriceType> priceTypes;
        int count = 0;
        bool truncated = false;
        QHash<int, QList<ProductRow>> pages;
    };

    void startQuery(bool keepView);

    // The continuation of a cache job, run from this object's event queue: never inside the
    // call that submitted the job (.then(this) runs at once when the job is already done), and
    // dropped with this object when it dies first. One continuation for the result and the
    // failure: a second one chained with onFailed(this) asserts when this object dies with the
    // first one still posted.
    template<typename T, typename F>
    auto later(F handler)
    {
        return [this, handler](QFuture<T> done) {
            QMetaObject::invokeMethod(
                this, [handler, done]() mutable { handler(done); }, Qt::QueuedConnection);
        };
    }
    void applyQuery(const QueryResult &result, bool keepView);
    void onCustomerChanged();
    void requestPage(int page);
    void pump();
    void storePage(int page, QList<ProductRow> rows);
    const Page *pageOf(int row) const;
    QString priceHeaderTip() const;

    CacheDatabase &m_cache;
    CustomerContext &m_customer;
    Mode m_mode = Mode::Group;
    Id m_groupId;
    QString m_searchText;
    Id m_priceTypeId;
    BasisPoints m_discount = 0;

    QList<Warehouse> m_warehouses;
    QList<PriceType> m_priceTypes;
    int m_count = 0;
    bool m_truncated = false;
    bool m_queryPending = false;
    quint64 m_sequence = 0;

    // Lazy pages; the use clock is mutable because views touch pages through const data().
    mutable QHash<int, Page> m_pages;
    mutable quint64 m_useClock = 0;
    QList<int> m_wanted; // most recently wanted last
    QSet<int> m_inFlight; // pages of the current query queued on the cache
    int m_jobsRunning = 0; // page jobs of any query not finished yet
    int m_pageFetches = 0;
    int m_queriesRunning = 0;

    QHash<Id, Quantity> m_quantities;
};

} // namespace portico::client
