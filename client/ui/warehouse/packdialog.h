#pragma once

#include "warehouse/warehousetypes.h"

#include <QDialog>

class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace portico::client {

// Packs a picked pick list: how many packages, which package each line goes into (all of a
// line's picked quantity) and the weight of each package in kilograms.
class PackDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PackDialog)

public:
    PackDialog(const PickList &list, QWidget *parent = nullptr);
    ~PackDialog() override;

    void setPackageCount(int count);
    // Splits the line of `row` (the current row when -1): a new row of the same line below it,
    // for the part that goes into another package. Returns the new row.
    int splitLine(int row = -1);
    QList<Package> packages() const;
    QString problem() const;
    void accept() override;

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void rebuildWeights();
    void addRow(int row, const PickLine &line, qint64 quantityMilli, int package);
    // The first row of a line takes what its other rows leave of the picked quantity.
    void rebalance(const QString &lineId);

    PickList m_list;
    QSpinBox *m_count = nullptr;
    QTableWidget *m_table = nullptr;
    QFormLayout *m_weights = nullptr;
    QList<QLineEdit *> m_weightEdits;
    QLabel *m_problem = nullptr;
};

} // namespace portico::client
