#include "models/orderlinesmodel.h"

#include <QLocale>

namespace portico::client {

OrderLinesModel::OrderLinesModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

OrderLinesModel::~OrderLinesModel() = default;

int OrderLinesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int OrderLinesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrderLinesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OrderDetailLine &line = m_lines.at(index.row());
    if (role == ProductIdRole)
        return line.line.productId.toString(QUuid::WithoutBraces);
    if (role == PricedRole)
        return line.priced;
    if (role == Qt::ToolTipRole && !line.priced)
        return tr("This computer has no price for the product: the draft cannot be submitted with it.");
    if (role == Qt::TextAlignmentRole) {
        if (index.column() >= QuantityColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case LineColumn:
        return line.line.lineNo;
    case SkuColumn:
        return line.sku;
    case NameColumn:
        return line.name.isEmpty() ? tr("Product not in this computer's data") : line.name;
    case QuantityColumn:
        return line.unitName.isEmpty()
            ? line.line.quantity.toDisplayString(locale)
            : tr("%1 %2").arg(line.line.quantity.toDisplayString(locale), line.unitName);
    case PriceColumn:
        return line.priced ? line.line.unitPrice.toDisplayString(locale) : tr("No price");
    case DiscountColumn:
        return line.line.discount == 0 ? QString() : locale.toString(line.line.discount / 100.0, 'f', 2);
    case TotalColumn:
        return line.priced ? line.line.total.toDisplayString(locale) : QString();
    default:
        return {};
    }
}

QVariant OrderLinesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineColumn:
        return tr("No.");
    case SkuColumn:
        return tr("SKU");
    case NameColumn:
        return tr("Product");
    case QuantityColumn:
        return tr("Quantity");
    case PriceColumn:
        return tr("Price");
    case DiscountColumn:
        return tr("Discount, %");
    case TotalColumn:
        return tr("Total");
    default:
        return {};
    }
}

void OrderLinesModel::setLines(const QList<OrderDetailLine> &lines)
{
    beginResetModel();
    m_lines = lines;
    endResetModel();
}

} // namespace portico::client
