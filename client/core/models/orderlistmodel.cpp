#include "models/orderlistmodel.h"

#include "cache/cachedatabase.h"
#include "models/orderstatustext.h"

#include <QLocale>

namespace portico::client {

OrderListModel::OrderListModel(CacheDatabase &cache, QObject *parent)
    : QAbstractTableModel(parent)
    , m_cache(cache)
{ }

OrderListModel::~OrderListModel()
{
    // The answers of queued jobs continue on this object: let them land before it goes.
    m_cache.run([](QSqlDatabase &) {});
}

int OrderListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OrderListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrderListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OrderListRow &row = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return row.id.toString(QUuid::WithoutBraces);
    case StatusRole:
        return row.status ? int(*row.status) : -1;
    case LocalStateRole:
        return int(row.localState);
    case NeedsAttentionRole:
        return row.needsAttention;
    case CustomerIdRole:
        return row.customerId.isNull() ? QString() : row.customerId.toString(QUuid::WithoutBraces);
    case NumberRole:
        return row.displayNumber();
    case Qt::TextAlignmentRole:
        if (index.column() == TotalColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NumberColumn && !row.number.isEmpty())
            return tr("Number on this computer: %1").arg(row.clientNumber);
        if (index.column() == AttentionColumn && row.needsAttention)
            return tr("The server answered this order and you have not opened it yet.");
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const QLocale locale;
    switch (index.column()) {
    case NumberColumn:
        return row.displayNumber();
    case DateColumn:
        return locale.toString(row.createdAt.toLocalTime(), QLocale::ShortFormat);
    case CustomerColumn:
        return row.customerName.isEmpty() ? tr("Unknown customer") : row.customerName;
    case StatusColumn:
        return OrderStatusText::status(row.status);
    case LocalStateColumn:
        return OrderStatusText::localState(row.localState);
    case TotalColumn:
        return row.total ? row.total->toDisplayString(locale) : QString();
    case AttentionColumn:
        return row.needsAttention ? tr("Needs your attention") : QString();
    default:
        return {};
    }
}

QVariant OrderListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("Number");
    case DateColumn:
        return tr("Date");
    case CustomerColumn:
        return tr("Customer");
    case StatusColumn:
        return tr("Status");
    case LocalStateColumn:
        return tr("On this computer");
    case TotalColumn:
        return tr("Total");
    case AttentionColumn:
        return tr("Attention");
    default:
        return {};
    }
}

QHash<int, QByteArray> OrderListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "orderId");
    names.insert(StatusRole, "status");
    names.insert(LocalStateRole, "localState");
    names.insert(NeedsAttentionRole, "needsAttention");
    names.insert(CustomerIdRole, "customerId");
    names.insert(NumberRole, "number");
    return names;
}

bool OrderListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_loading && !m_complete;
}

void OrderListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    load(int(m_rows.size()), PageSize, false);
}

void OrderListModel::setFilter(const OrderListFilter &filter)
{
    m_filter = filter;
    load(0, PageSize, true);
}

void OrderListModel::reload()
{
    load(0, std::max(PageSize, int(m_rows.size())), true);
}

int OrderListModel::rowOf(const Id &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

void OrderListModel::setOutcomeSeen(const Id &id)
{
    const int row = rowOf(id);
    if (row < 0 || !m_rows.at(row).needsAttention)
        return;
    m_rows[row].needsAttention = false;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void OrderListModel::load(int offset, int limit, bool replace)
{
    if (replace)
        ++m_generation;
    const quint64 generation = m_generation;
    m_loading = true;
    const OrderListFilter filter = m_filter;
    // submitThen attaches the continuation before the job is queued: the rows always come back
    // as a queued call, after the caller's own work (a view asking for more while it resets).
    m_cache.submitThen(answering([filter, offset, limit](QSqlDatabase &db) {
                           return OrderQueries::orders(db, filter, offset, limit);
                       }),
                       this,
                       [this, generation, replace, limit](const JobAnswer<QList<OrderListRow>> &answer) {
                           apply(generation, replace, limit, answer);
                       });
}

void OrderListModel::apply(quint64 generation, bool replace, int limit,
                           const JobAnswer<QList<OrderListRow>> &answer)
{
    if (generation != m_generation)
        return;
    m_loading = false;
    if (!answer.ok()) {
        Q_EMIT loadFailed(answer.error);
        return;
    }
    const QList<OrderListRow> &rows = answer.value;
    m_complete = rows.size() < limit;
    if (replace) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    } else if (!rows.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
        m_rows.append(rows);
        endInsertRows();
    }
    Q_EMIT loaded();
}

} // namespace portico::client
