#include "models/cartmodel.h"

#include "orders/orderlineimport.h"

#include <QLocale>

namespace portico::client {

namespace {

QString percentText(BasisPoints bp)
{
    const QLocale locale;
    return locale.toString(double(bp) / 100.0, 'f', bp % 100 == 0 ? 0 : 2) + locale.percent();
}

std::optional<Quantity> quantityOf(const QVariant &value)
{
    if (value.typeId() == QMetaType::QString)
        return OrderLineImport::parseQuantity(value.toString());
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return Quantity::parse(QString::number(number, 'f', 3));
}

} // namespace

CartModel::CartModel(Cart &cart, QObject *parent)
    : QAbstractTableModel(parent)
    , m_cart(cart)
{
    m_lines = cart.lines();
    connect(&cart, &Cart::changed, this, &CartModel::followCart);
}

CartModel::~CartModel() = default;

int CartModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

int CartModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Id CartModel::productId(int row) const
{
    return row >= 0 && row < m_lines.size() ? m_lines.at(row).productId : Id();
}

QVariant CartModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CartLine &line = m_lines.at(index.row());
    const QLocale locale;
    switch (role) {
    case ProductIdRole:
        return line.productId;
    case QuantityMilliRole:
        return line.quantity.milli();
    case TotalMinorRole:
        return line.priced ? QVariant(line.priced->total.minor()) : QVariant();
    case ProblemRole:
        return line.problem;
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case QuantityColumn:
        case PriceColumn:
        case DiscountColumn:
        case VatColumn:
        case TotalColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::ToolTipRole:
        if (!line.problem.isEmpty())
            return line.problem;
        return index.column() == NameColumn ? QVariant(line.name) : QVariant();
    case Qt::DisplayRole:
    case Qt::EditRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case SkuColumn:
        return line.sku;
    case NameColumn:
        return line.name;
    case QuantityColumn:
        return line.quantity.toDisplayString(locale);
    case UnitColumn:
        return line.unitName;
    case PriceColumn:
        return line.priced ? line.priced->unitPrice.toDisplayString(locale) : QString();
    case DiscountColumn:
        return line.priced && line.priced->discount != 0 ? percentText(line.priced->discount) : QString();
    case VatColumn:
        return line.priced ? line.priced->vatAmount.toDisplayString(locale) : QString();
    case TotalColumn:
        return line.priced ? line.priced->total.toDisplayString(locale) : QString();
    case ProblemColumn:
        return line.problem;
    default:
        return {};
    }
}

QVariant CartModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SkuColumn:
        return tr("SKU");
    case NameColumn:
        return tr("Name");
    case QuantityColumn:
        return tr("Quantity");
    case UnitColumn:
        return tr("Unit");
    case PriceColumn:
        return tr("Price");
    case DiscountColumn:
        return tr("Discount");
    case VatColumn:
        return tr("VAT");
    case TotalColumn:
        return tr("Total");
    case ProblemColumn:
        return tr("Problem");
    default:
        return {};
    }
}

Qt::ItemFlags CartModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == QuantityColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool CartModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != QuantityColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const std::optional<Quantity> quantity = quantityOf(value);
    if (!quantity || quantity->isNegative())
        return false;
    const Id productId = m_lines.at(index.row()).productId;
    if (quantity->isZero()) {
        // Removed once the edit is over: a view closes its editor after setData() returns, and
        // the row must still be there then.
        QMetaObject::invokeMethod(
            this, [this, productId] { m_cart.remove(productId); }, Qt::QueuedConnection);
        return true;
    }
    m_cart.setQuantity(productId, *quantity);
    return true;
}

bool CartModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_lines.size())
        return false;
    QList<Id> products;
    for (int i = row; i < row + count; ++i)
        products.append(m_lines.at(i).productId);
    for (const Id &product : products)
        m_cart.remove(product);
    return true;
}

void CartModel::followCart()
{
    const QList<CartLine> &lines = m_cart.lines();
    QList<Id> rows;
    for (const CartLine &line : lines)
        rows.append(line.productId);
    QList<Id> shown;
    for (const CartLine &line : std::as_const(m_lines))
        shown.append(line.productId);
    const auto refreshAll = [this] {
        if (!m_lines.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(static_cast<int>(m_lines.size()) - 1, ColumnCount - 1));
    };
    if (rows == shown) {
        m_lines = lines;
        refreshAll();
        return;
    }
    // Lines are added at the end and removed anywhere: tell the views exactly that, so the
    // current cell and the selection survive an edit.
    if (rows.size() > shown.size() && rows.mid(0, shown.size()) == shown) {
        beginInsertRows({}, static_cast<int>(shown.size()), static_cast<int>(rows.size()) - 1);
        m_lines = lines;
        endInsertRows();
        refreshAll();
        return;
    }
    if (rows.size() < shown.size()) {
        qsizetype first = 0;
        while (first < rows.size() && rows.at(first) == shown.at(first))
            ++first;
        const qsizetype removed = shown.size() - rows.size();
        if (rows.mid(first) == shown.mid(first + removed)) {
            beginRemoveRows({}, static_cast<int>(first), static_cast<int>(first + removed) - 1);
            m_lines.remove(first, removed);
            endRemoveRows();
            m_lines = lines;
            refreshAll();
            return;
        }
    }
    beginResetModel();
    m_lines = lines;
    endResetModel();
}

} // namespace portico::client
