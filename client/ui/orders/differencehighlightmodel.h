#pragma once

#include <QIdentityProxyModel>

namespace portico::client {

// Paints the cells an OrderComparisonModel marks as changed: a warm background and bold text,
// so the differences between the two versions of an order stand out.
class DifferenceHighlightModel final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DifferenceHighlightModel)

public:
    explicit DifferenceHighlightModel(QObject *parent = nullptr);
    ~DifferenceHighlightModel() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    static QColor changedBackground();
};

} // namespace portico::client
