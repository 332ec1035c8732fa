#pragma once

#include "cache/orderqueries.h"

#include <QAbstractTableModel>
#include <QList>

namespace portico::client {

class CacheDatabase;

// The orders list: newest first, filtered (OrderListFilter), loaded a page at a time from the
// cache thread as the view scrolls (fetchMore). loaded() follows every (re)load and page.
class OrderListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderListModel)

public:
    enum Column {
        NumberColumn,
        DateColumn,
        CustomerColumn,
        StatusColumn,
        LocalStateColumn,
        TotalColumn,
        AttentionColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // QString (the order's id)
        StatusRole, // int (OrderStatus), -1 for an unknown status
        LocalStateRole, // int (LocalOrder::LocalState)
        NeedsAttentionRole, // bool
        CustomerIdRole, // QString
        NumberRole, // QString: the number people use
    };
    static constexpr int PageSize = 100;

    explicit OrderListModel(CacheDatabase &cache, QObject *parent = nullptr);
    ~OrderListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    const OrderListFilter &filter() const noexcept { return m_filter; }
    // Starts over with another filter.
    void setFilter(const OrderListFilter &filter);
    // Reads the rows again (after a sync or a local change), as many as were loaded.
    void reload();
    bool isLoading() const noexcept { return m_loading; }

    const OrderListRow &order(int row) const { return m_rows.at(row); }
    int rowOf(const Id &id) const; // -1 when not loaded
    // The user opened the order's outcome: the row stops asking for attention.
    void setOutcomeSeen(const Id &id);

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    void load(int offset, int limit, bool replace);
    void apply(quint64 generation, bool replace, int limit, const JobAnswer<QList<OrderListRow>> &answer);

    CacheDatabase &m_cache;
    OrderListFilter m_filter;
    QList<OrderListRow> m_rows;
    quint64 m_generation = 0; // answers of an older filter are dropped
    bool m_loading = false;
    bool m_complete = true; // nothing loaded yet: nothing to fetch until a filter or reload
};

} // namespace portico::client
