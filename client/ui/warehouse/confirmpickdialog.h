#pragma once

#include "warehouse/picking.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace portico::client {

// Confirms a pick list: the picked quantity of every line (as scanned, changeable) and, for each
// line picked short, the reason (damaged, not found, short in the bin, or a note). Keyboard only:
// Tab moves between fields, Enter confirms, Esc cancels.
class ConfirmPickDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfirmPickDialog)

public:
    ConfirmPickDialog(const PickList &list, QWidget *parent = nullptr);
    ~ConfirmPickDialog() override;

    // The lines as confirmed (valid once accepted).
    QList<ConfirmLine> lines() const;
    // The problem the dialog shows; empty when the lines can be confirmed.
    QString problem() const;

    void accept() override;

private:
    PickList m_list;
    QTableWidget *m_table = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace portico::client
