#pragma once

#include "cache/orderqueries.h"

#include <QAbstractTableModel>
#include <QList>

namespace portico::client {

// An order accepted with changes, side by side: each line as it was asked for and as the server
// accepted it. ChangedRole marks the cells that differ (the view paints them).
class OrderComparisonModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderComparisonModel)

public:
    enum Column {
        SkuColumn,
        NameColumn,
        LocalQuantityColumn,
        LocalPriceColumn,
        LocalTotalColumn,
        ServerQuantityColumn,
        ServerPriceColumn,
        ServerTotalColumn,
        ColumnCount
    };
    enum Role {
        ChangedRole = Qt::UserRole + 1, // bool: this value differs between the versions
        LineChangedRole, // bool: anything in the line differs
    };

    explicit OrderComparisonModel(QObject *parent = nullptr);
    ~OrderComparisonModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setComparison(const QList<OrderLineComparison> &lines);
    int changedLineCount() const;

private:
    bool cellChanged(const OrderLineComparison &line, int column) const;

    QList<OrderLineComparison> m_lines;
};

} // namespace portico::client
