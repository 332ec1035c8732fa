#include "warehouse/shipdialog.h"

#include "warehouse/terminalstyle.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace portico::client {

ShipDialog::ShipDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Ship"));
    setStyleSheet(TerminalStyle::sheet());
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_carrier = new QLineEdit(this);
    m_carrier->setObjectName(QStringLiteral("carrier"));
    m_tracking = new QLineEdit(this);
    m_tracking->setObjectName(QStringLiteral("tracking"));
    form->addRow(tr("&Carrier:"), m_carrier);
    form->addRow(tr("&Tracking number:"), m_tracking);
    layout->addLayout(form);
    m_problem = new QLabel(this);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Ship (Enter)"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_carrier->setFocus();
}

ShipDialog::~ShipDialog() = default;

QString ShipDialog::carrier() const
{
    return m_carrier->text().trimmed();
}

QString ShipDialog::tracking() const
{
    return m_tracking->text().trimmed();
}

void ShipDialog::accept()
{
    if (carrier().isEmpty()) {
        m_problem->setText(tr("Name the carrier."));
        m_carrier->setFocus();
        return;
    }
    QDialog::accept();
}

bool ShipDialog::receiveScan(const QString &code)
{
    m_tracking->setText(code.trimmed());
    m_problem->clear();
    // Next: the carrier when it is still missing, else the button (Enter ships).
    if (carrier().isEmpty())
        m_carrier->setFocus();
    else
        m_tracking->setFocus();
    return true;
}

} // namespace portico::client
