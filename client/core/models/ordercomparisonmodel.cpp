#include "models/ordercomparisonmodel.h"

#include <QLocale>

namespace portico::client {

OrderComparisonModel::OrderComparisonModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

OrderComparisonModel::~OrderComparisonModel() = default;

int OrderComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int OrderComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool OrderComparisonModel::cellChanged(const OrderLineComparison &line, int column) const
{
    switch (column) {
    case LocalQuantityColumn:
    case ServerQuantityColumn:
        return line.quantityChanged();
    case LocalPriceColumn:
    case ServerPriceColumn:
        return line.priceChanged();
    case LocalTotalColumn:
    case ServerTotalColumn:
        return line.totalChanged();
    default:
        return false;
    }
}

QVariant OrderComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OrderLineComparison &line = m_lines.at(index.row());
    const int column = index.column();
    switch (role) {
    case ChangedRole:
        return cellChanged(line, column);
    case LineChangedRole:
        return line.changed();
    case Qt::TextAlignmentRole:
        if (column >= LocalQuantityColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == NameColumn)
            return line.name;
        if (column >= LocalQuantityColumn && column <= LocalTotalColumn && !line.local)
            return tr("The server added this line.");
        if (column >= ServerQuantityColumn && !line.server)
            return tr("The server did not accept this line.");
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const QLocale locale;
    const bool localSide = column >= LocalQuantityColumn && column <= LocalTotalColumn;
    const std::optional<OrderLine> &side = localSide ? line.local : line.server;
    switch (column) {
    case SkuColumn:
        return line.sku;
    case NameColumn:
        return line.name.isEmpty() ? tr("Product not in this computer's data") : line.name;
    case LocalQuantityColumn:
    case ServerQuantityColumn:
        return side ? side->quantity.toDisplayString(locale) : tr("none");
    case LocalPriceColumn:
    case ServerPriceColumn:
        if (!side)
            return QString();
        if (side->discount != 0)
            return tr("%1 less %2%")
                .arg(side->unitPrice.toDisplayString(locale),
                     locale.toString(side->discount / 100.0, 'f', 2));
        return side->unitPrice.toDisplayString(locale);
    case LocalTotalColumn:
    case ServerTotalColumn:
        return side ? side->total.toDisplayString(locale) : QString();
    default:
        return {};
    }
}

QVariant OrderComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SkuColumn:
        return tr("SKU");
    case NameColumn:
        return tr("Product");
    case LocalQuantityColumn:
        return tr("Ordered quantity");
    case LocalPriceColumn:
        return tr("Your price");
    case LocalTotalColumn:
        return tr("Your total");
    case ServerQuantityColumn:
        return tr("Accepted quantity");
    case ServerPriceColumn:
        return tr("Server price");
    case ServerTotalColumn:
        return tr("Server total");
    default:
        return {};
    }
}

void OrderComparisonModel::setComparison(const QList<OrderLineComparison> &lines)
{
    beginResetModel();
    m_lines = lines;
    endResetModel();
}

int OrderComparisonModel::changedLineCount() const
{
    return int(std::count_if(m_lines.cbegin(), m_lines.cend(),
                             [](const OrderLineComparison &line) { return line.changed(); }));
}

} // namespace portico::client
