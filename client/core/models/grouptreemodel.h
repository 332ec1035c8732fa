#pragma once

#include "cache/catalogqueries.h"

#include <QAbstractItemModel>
#include <QFuture>
#include <QHash>
#include <QList>

namespace portico::client {

class CacheDatabase;

// The catalog's group tree for the catalog page: the groups from CatalogQueries::groupTree, with
// their product counts, loaded on the cache thread. reload() swaps the tree in with a layout
// change that carries persistent indexes over by group id, so a view keeps its selection and its
// expanded branches across a sync.
class GroupTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupTreeModel)

public:
    enum Column { NameColumn, CountColumn, ColumnCount };
    enum Role {
        GroupIdRole = Qt::UserRole + 1,
        ParentIdRole,
        ProductCountRole, // products directly in the group
        TotalProductCountRole, // in the group and every group below it
    };
    Q_ENUM(Role)

    explicit GroupTreeModel(CacheDatabase &cache, QObject *parent = nullptr);
    ~GroupTreeModel() override; // waits for its queued cache job

    // Reads the tree again; loaded() follows on this thread, failed() when the cache refused.
    void reload();
    bool isLoaded() const noexcept { return m_loaded; }
    bool isLoading() const noexcept { return m_loading; }

    QModelIndex indexOf(const Id &groupId, int column = NameColumn) const;
    Id groupId(const QModelIndex &index) const;
    const GroupNode *group(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    struct Node
    {
        GroupNode group;
        int parent = -1; // index in m_nodes; -1 for a root group
        int row = 0; // position among its parent's children
        QList<int> children;
    };

    void apply(const QList<GroupNode> &groups);

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
    static QList<Node> buildTree(const QList<GroupNode> &groups, QList<int> *roots);
    const QList<int> &childrenOf(int node) const;

    CacheDatabase &m_cache;
    QList<Node> m_nodes;
    QList<int> m_roots;
    QHash<Id, int> m_byId;
    int m_generation = 0;
    bool m_loaded = false;
    bool m_loading = false;
};

} // namespace portico::client
