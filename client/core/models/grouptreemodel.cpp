#include "models/grouptreemodel.h"

#include "cache/cachedatabase.h"

#include <QFuture>
#include <QSqlDatabase>

#include <functional>

namespace portico::client {

GroupTreeModel::GroupTreeModel(CacheDatabase &cache, QObject *parent)
    : QAbstractItemModel(parent)
    , m_cache(cache)
{ }

GroupTreeModel::~GroupTreeModel()
{
    // A continuation whose context is gone before its future finishes asserts in Qt 6.4: let the
    // queued job finish first (its continuation is then dropped with this object's events).
    if (m_loading)
        m_cache.run([](QSqlDatabase &) {});
}

void GroupTreeModel::reload()
{
    const int generation = ++m_generation;
    m_loading = true;
    m_cache.submitThen([](QSqlDatabase &db) { return CatalogQueries::groupTree(db); }, this,
                       later<QList<GroupNode>>([this, generation](QFuture<QList<GroupNode>> done) {
                           if (generation != m_generation)
                               return;
                           m_loading = false;
                           QList<GroupNode> groups;
                           try {
                               groups = done.result(); // finished: does not wait
                           } catch (const std::exception &error) {
                               Q_EMIT failed(QString::fromStdString(error.what()));
                               return;
                           }
                           apply(groups);
                           m_loaded = true;
                           Q_EMIT loaded();
                       }));
}

QList<GroupTreeModel::Node> GroupTreeModel::buildTree(const QList<GroupNode> &groups, QList<int> *roots)
{
    QList<Node> nodes;
    nodes.reserve(groups.size());
    QHash<Id, int> byId;
    for (const GroupNode &group : groups) {
        byId.insert(group.id, int(nodes.size()));
        nodes.append(Node {group, -1, 0, {}});
    }
    // groups come sorted by sort order and name, so children lists keep that order.
    for (int i = 0; i < nodes.size(); ++i) {
        const auto parent = byId.constFind(nodes[i].group.parentId);
        if (!nodes[i].group.parentId.isNull() && parent != byId.constEnd() && *parent != i)
            nodes[i].parent = *parent;
    }
    // A parent cycle in bad data would leave groups no root reaches: they become roots.
    for (int i = 0; i < nodes.size(); ++i) {
        int at = i;
        for (int steps = 0; at >= 0 && steps <= nodes.size(); ++steps)
            at = nodes[at].parent;
        if (at >= 0)
            nodes[i].parent = -1;
    }
    roots->clear();
    for (int i = 0; i < nodes.size(); ++i) {
        QList<int> &siblings = nodes[i].parent < 0 ? *roots : nodes[nodes[i].parent].children;
        nodes[i].row = int(siblings.size());
        siblings.append(i);
    }
    return nodes;
}

void GroupTreeModel::apply(const QList<GroupNode> &groups)
{
    QList<int> roots;
    QList<Node> nodes = buildTree(groups, &roots);
    QHash<Id, int> byId;
    for (int i = 0; i < nodes.size(); ++i)
        byId.insert(nodes[i].group.id, i);

    if (!m_loaded) {
        beginResetModel();
        m_nodes = std::move(nodes);
        m_roots = std::move(roots);
        m_byId = std::move(byId);
        endResetModel();
        return;
    }

    // Groups come and go with a sync; the ones still there keep their persistent indexes (a
    // view's selection, current item and expanded branches).
    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QList<Id> ids;
    ids.reserve(before.size());
    for (const QModelIndex &index : before)
        ids.append(groupId(index));
    m_nodes = std::move(nodes);
    m_roots = std::move(roots);
    m_byId = std::move(byId);
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(indexOf(ids[i], before[i].column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
    // The counts of groups that stayed may have changed.
    if (!m_roots.isEmpty()) {
        std::function<void(const QModelIndex &)> touch = [&](const QModelIndex &parent) {
            const int rows = rowCount(parent);
            if (rows == 0)
                return;
            Q_EMIT dataChanged(index(0, 0, parent), index(rows - 1, ColumnCount - 1, parent));
            for (int row = 0; row < rows; ++row)
                touch(index(row, 0, parent));
        };
        touch({});
    }
}

const QList<int> &GroupTreeModel::childrenOf(int node) const
{
    return node < 0 ? m_roots : m_nodes[node].children;
}

QModelIndex GroupTreeModel::indexOf(const Id &groupId, int column) const
{
    const auto found = m_byId.constFind(groupId);
    if (found == m_byId.constEnd())
        return {};
    return createIndex(m_nodes[*found].row, column, quintptr(*found));
}

Id GroupTreeModel::groupId(const QModelIndex &index) const
{
    const GroupNode *node = group(index);
    return node ? node->id : Id();
}

const GroupNode *GroupTreeModel::group(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() >= quintptr(m_nodes.size()))
        return nullptr;
    return &m_nodes[int(index.internalId())].group;
}

QModelIndex GroupTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const int parentNode = parent.isValid() ? int(parent.internalId()) : -1;
    const QList<int> &children = childrenOf(parentNode);
    if (row >= children.size())
        return {};
    return createIndex(row, column, quintptr(children[row]));
}

QModelIndex GroupTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int parentNode = m_nodes[int(child.internalId())].parent;
    if (parentNode < 0)
        return {};
    return createIndex(m_nodes[parentNode].row, 0, quintptr(parentNode));
}

int GroupTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(childrenOf(parent.isValid() ? int(parent.internalId()) : -1).size());
}

int GroupTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant GroupTreeModel::data(const QModelIndex &index, int role) const
{
    const GroupNode *node = group(index);
    if (!node)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return node->name;
        return node->totalProductCount;
    case Qt::ToolTipRole:
        if (node->totalProductCount == node->productCount)
            return tr("%n product(s) in this group.", nullptr, node->productCount);
        return tr("%n product(s) in this group and the groups below it.", nullptr, node->totalProductCount);
    case Qt::TextAlignmentRole:
        if (index.column() == CountColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case GroupIdRole:
        return QVariant::fromValue(node->id);
    case ParentIdRole:
        return QVariant::fromValue(node->parentId);
    case ProductCountRole:
        return node->productCount;
    case TotalProductCountRole:
        return node->totalProductCount;
    default:
        return {};
    }
}

QVariant GroupTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole)
        return section == NameColumn ? tr("Group") : tr("Products");
    if (role == Qt::ToolTipRole && section == CountColumn)
        return tr("Products in the group and the groups below it.");
    return {};
}

QHash<int, QByteArray> GroupTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(GroupIdRole, "groupId");
    names.insert(ParentIdRole, "parentId");
    names.insert(ProductCountRole, "productCount");
    names.insert(TotalProductCountRole, "totalProductCount");
    return names;
}

} // namespace portico::client
