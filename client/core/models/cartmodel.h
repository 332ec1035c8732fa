#pragma once

#include "workspace/cart.h"

#include <QAbstractTableModel>
#include <QList>

namespace portico::client {

// The cart's lines as the cart page's table shows them. The quantity is edited in place; every
// edit goes through the Cart, which saves it and prices it, and the rows follow its changed().
class CartModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CartModel)

public:
    enum Column {
        SkuColumn,
        NameColumn,
        QuantityColumn,
        UnitColumn,
        PriceColumn,
        DiscountColumn,
        VatColumn,
        TotalColumn,
        ProblemColumn,
        ColumnCount
    };
    enum Role {
        ProductIdRole = Qt::UserRole + 1, // QUuid
        QuantityMilliRole, // qint64: the quantity in thousandths
        TotalMinorRole, // qint64, or invalid when the line is not priced
        ProblemRole, // QString: why the line has no price, empty when it has one
    };

    explicit CartModel(Cart &cart, QObject *parent = nullptr);
    ~CartModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // The quantity column takes text as typed ("2,5", "1 000") or a number; zero removes the line
    // (when control returns to the event loop, after the view has closed its editor).
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    // Removes the lines through the Cart.
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

    Id productId(int row) const;

private:
    void followCart();

    Cart &m_cart;
    // The lines as the views last heard of them: between a begin and an end of an insert or a
    // removal the cart already has its new lines, and the views must still see the old ones.
    QList<CartLine> m_lines;
};

} // namespace portico::client
