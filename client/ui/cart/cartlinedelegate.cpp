#include "cart/cartlinedelegate.h"

#include "models/cartmodel.h"

#include <QLineEdit>

namespace portico::client {

CartLineDelegate::CartLineDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

CartLineDelegate::~CartLineDelegate() = default;

QWidget *CartLineDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                        const QModelIndex &index) const
{
    if (index.column() != CartModel::QuantityColumn)
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto *editor = new QLineEdit(parent);
    editor->setObjectName(QStringLiteral("quantityEditor"));
    editor->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    editor->setFrame(false);
    return editor;
}

void CartLineDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(CartModel::ProblemRole).toString().isEmpty()) {
        const QColor warning(0xb3, 0x26, 0x1e);
        option->palette.setColor(QPalette::Text, warning);
        option->palette.setColor(QPalette::HighlightedText, Qt::white);
    }
}

} // namespace portico::client
