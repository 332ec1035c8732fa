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
    QList<Package> packages() const;
    QString problem() const;
    void accept() override;

private:
    void rebuildWeights();

    PickList m_list;
    QSpinBox *m_count = nullptr;
    QTableWidget *m_table = nullptr;
    QFormLayout *m_weights = nullptr;
    QList<QLineEdit *> m_weightEdits;
    QLabel *m_problem = nullptr;
};

} // namespace portico::client
