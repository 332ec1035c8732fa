#pragma once

#include "warehouse/scanreceiver.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace portico::client {

// The carrier and its tracking number for a packed pick list. Scanning the carrier's label while
// it is open puts the code into the tracking number.
class ShipDialog final
    : public QDialog
    , public ScanReceiver
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShipDialog)

public:
    explicit ShipDialog(QWidget *parent = nullptr);
    ~ShipDialog() override;

    QString carrier() const;
    QString tracking() const;
    void accept() override;
    bool receiveScan(const QString &code) override;

private:
    QLineEdit *m_carrier = nullptr;
    QLineEdit *m_tracking = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace portico::client
