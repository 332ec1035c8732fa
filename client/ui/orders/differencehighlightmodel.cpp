#include "orders/differencehighlightmodel.h"

#include "models/ordercomparisonmodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace portico::client {

DifferenceHighlightModel::DifferenceHighlightModel(QObject *parent)
    : QIdentityProxyModel(parent)
{ }

DifferenceHighlightModel::~DifferenceHighlightModel() = default;

QColor DifferenceHighlightModel::changedBackground()
{
    return QColor(0xff, 0xe6, 0xa8);
}

QVariant DifferenceHighlightModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::BackgroundRole || role == Qt::FontRole || role == Qt::ForegroundRole) {
        const bool changed = QIdentityProxyModel::data(index, OrderComparisonModel::ChangedRole).toBool();
        if (!changed)
            return QIdentityProxyModel::data(index, role);
        if (role == Qt::BackgroundRole)
            return QBrush(changedBackground());
        if (role == Qt::ForegroundRole)
            return QBrush(QColor(0x20, 0x20, 0x20)); // readable on the warm background in dark themes too
        QFont font;
        font.setBold(true);
        return font;
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace portico::client
