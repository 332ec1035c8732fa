#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace portico::client {

// The carrier and its tracking number for a packed pick list.
class ShipDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShipDialog)

public:
    explicit ShipDialog(QWidget *parent = nullptr);
    ~ShipDialog() override;

    QString carrier() const;
    QString tracking() const;
    void accept() override;

private:
    QLineEdit *m_carrier = nullptr;
    QLineEdit *m_tracking = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace portico::client
