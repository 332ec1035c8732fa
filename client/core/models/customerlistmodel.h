#pragma once

#include "cache/catalogqueries.h"
#include "cache/orderqueries.h"

#include <QAbstractTableModel>
#include <QList>

namespace portico::client {

class CacheDatabase;

// The customers a rep or a manager orders for, sorted by name, narrowed by a filter over name,
// legal name and INN (folded as the catalog search folds). The cache answers with every match;
// the view gets them a chunk at a time (fetchMore). loaded() follows every load.
class CustomerListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomerListModel)

public:
    enum Column {
        NameColumn,
        InnColumn,
        BalanceColumn,
        CreditLimitColumn,
        OverdueColumn,
        BlockedColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // QString
        BlockedRole, // bool
        SearchTextRole, // QString: name, legal name and INN, for completers
    };
    static constexpr int ChunkSize = 200;

    explicit CustomerListModel(CacheDatabase &cache, QObject *parent = nullptr);
    ~CustomerListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    void reload();
    bool isLoading() const noexcept { return m_loading; }
    // Every match, shown or not yet.
    int matchCount() const noexcept { return int(m_all.size()); }

    const CustomerRow &customer(int row) const { return m_all.at(row); }
    int rowOf(const Id &id) const; // -1 when not shown
    // Shows every match at once (a completer filters over all of them).
    void showAll();

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    void showMore();

    CacheDatabase &m_cache;
    QString m_filter;
    QList<CustomerRow> m_all;
    int m_shown = 0;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_showMoreQueued = false;
};

} // namespace portico::client
