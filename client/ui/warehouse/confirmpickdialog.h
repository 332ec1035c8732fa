#pragma once

#include "warehouse/picking.h"
#include "warehouse/scanreceiver.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QTableWidget;

namespace portico::client {

// Confirms a pick list: the picked quantity of every line (as scanned, changeable) and, for each
// line picked short, the reason (damaged, not found, short in the bin, or a note). Keyboard only:
// Tab moves between fields, Enter confirms, Esc cancels. A product scanned while it is open (one
// found after all) adds one to the first of its lines still short and moves there.
class ConfirmPickDialog final
    : public QDialog
    , public ScanReceiver
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfirmPickDialog)

public:
    // `barcodes`: barcode → product id of the list's products (SKUs are known from the list).
    ConfirmPickDialog(const PickList &list, QHash<QString, QString> barcodes, QWidget *parent = nullptr);
    ~ConfirmPickDialog() override;

    // The lines as confirmed (valid once accepted).
    QList<ConfirmLine> lines() const;
    // The problem the dialog shows; empty when the lines can be confirmed.
    QString problem() const;

    void accept() override;
    bool receiveScan(const QString &code) override;

private:
    PickList m_list;
    QHash<QString, QString> m_barcodes;
    QTableWidget *m_table = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace portico::client
