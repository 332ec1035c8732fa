#pragma once

#include "cache/orderqueries.h"

#include <QAbstractTableModel>
#include <QList>

namespace portico::client {

// The lines of one order in the detail pane: set whole from an OrderDetail the page read.
class OrderLinesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderLinesModel)

public:
    enum Column {
        LineColumn,
        SkuColumn,
        NameColumn,
        QuantityColumn,
        PriceColumn,
        DiscountColumn,
        TotalColumn,
        ColumnCount
    };
    enum Role {
        ProductIdRole = Qt::UserRole + 1, // QString
        PricedRole, // bool
    };

    explicit OrderLinesModel(QObject *parent = nullptr);
    ~OrderLinesModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setLines(const QList<OrderDetailLine> &lines);
    const QList<OrderDetailLine> &lines() const noexcept { return m_lines; }

private:
    QList<OrderDetailLine> m_lines;
};

} // namespace portico::client
