#pragma once

#include <QStyledItemDelegate>

namespace portico::client {

// The cart's lines: a line that cannot be priced reads in the warning colour, and the quantity
// is edited in a right-aligned field that starts with the whole quantity selected.
class CartLineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CartLineDelegate)

public:
    explicit CartLineDelegate(QObject *parent = nullptr);
    ~CartLineDelegate() override;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace portico::client
