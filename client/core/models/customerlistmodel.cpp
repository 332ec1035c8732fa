#include "models/customerlistmodel.h"

#include "cache/cachedatabase.h"

#include <QLocale>

namespace portico::client {

CustomerListModel::CustomerListModel(CacheDatabase &cache, QObject *parent)
    : QAbstractTableModel(parent)
    , m_cache(cache)
{ }

CustomerListModel::~CustomerListModel()
{
    // The answers of queued jobs continue on this object: let them land before it goes.
    m_cache.run([](QSqlDatabase &) {});
}

int CustomerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_shown;
}

int CustomerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CustomerRow &row = m_all.at(index.row());
    const QLocale locale;
    switch (role) {
    case IdRole:
        return row.id.toString(QUuid::WithoutBraces);
    case BlockedRole:
        return row.blocked;
    case SearchTextRole:
        return QString(row.name + QLatin1Char(' ') + row.legalName + QLatin1Char(' ') + row.inn);
    case Qt::TextAlignmentRole:
        if (index.column() >= BalanceColumn && index.column() <= OverdueColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && !row.legalName.isEmpty())
            return row.legalName;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return row.name;
    case InnColumn:
        return row.inn;
    case BalanceColumn:
        return row.credit ? row.credit->balance.toDisplayString(locale) : QString();
    case CreditLimitColumn:
        return row.creditLimit ? row.creditLimit->toDisplayString(locale) : tr("No limit");
    case OverdueColumn:
        return row.credit ? row.credit->overdue.toDisplayString(locale) : QString();
    case BlockedColumn:
        return row.blocked ? tr("Blocked") : QString();
    default:
        return {};
    }
}

QVariant CustomerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case InnColumn:
        return tr("INN");
    case BalanceColumn:
        return tr("Balance");
    case CreditLimitColumn:
        return tr("Credit limit");
    case OverdueColumn:
        return tr("Overdue");
    case BlockedColumn:
        return tr("Blocked");
    default:
        return {};
    }
}

QHash<int, QByteArray> CustomerListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "customerId");
    names.insert(BlockedRole, "blocked");
    names.insert(SearchTextRole, "searchText");
    return names;
}

bool CustomerListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_showMoreQueued && m_shown < m_all.size();
}

void CustomerListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    // Views ask for more while they handle a change (a reset, an insert): the rows come after it.
    m_showMoreQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_generation] {
            if (generation == m_generation)
                showMore();
        },
        Qt::QueuedConnection);
}

void CustomerListModel::showMore()
{
    m_showMoreQueued = false;
    const int more = std::min(ChunkSize, int(m_all.size()) - m_shown);
    if (more <= 0)
        return;
    beginInsertRows({}, m_shown, m_shown + more - 1);
    m_shown += more;
    endInsertRows();
}

void CustomerListModel::showAll()
{
    if (m_shown >= m_all.size())
        return;
    beginInsertRows({}, m_shown, int(m_all.size()) - 1);
    m_shown = int(m_all.size());
    endInsertRows();
}

void CustomerListModel::setFilter(const QString &filter)
{
    m_filter = filter;
    reload();
}

void CustomerListModel::reload()
{
    const quint64 generation = ++m_generation;
    const int wasShown = m_shown;
    m_loading = true;
    m_cache.submitThen(
        answering([filter = m_filter](QSqlDatabase &db) { return CatalogQueries::customers(db, filter); }),
        this, [this, generation, wasShown](const JobAnswer<QList<CustomerRow>> &answer) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!answer.ok()) {
                Q_EMIT loadFailed(answer.error);
                return;
            }
            beginResetModel();
            m_showMoreQueued = false;
            m_all = answer.value;
            m_shown = std::min(int(m_all.size()), std::max(ChunkSize, wasShown));
            endResetModel();
            Q_EMIT loaded();
        });
}

int CustomerListModel::rowOf(const Id &id) const
{
    for (int i = 0; i < m_shown; ++i) {
        if (m_all.at(i).id == id)
            return i;
    }
    return -1;
}

} // namespace portico::client
