#include "warehouse/confirmpickdialog.h"

#include "warehouse/terminalstyle.h"
#include "warehouse/terminaltext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace portico::client {

namespace {

enum Column { BinColumn, NameColumn, QuantityColumn, PickedColumn, ReasonColumn, NoteColumn, ColumnCount };

const char *const Reasons[] = {"", "damaged", "not_found", "short", "other"};

} // namespace

ConfirmPickDialog::ConfirmPickDialog(const PickList &list, QHash<QString, QString> barcodes, QWidget *parent)
    : QDialog(parent)
    , m_list(list)
    , m_barcodes(std::move(barcodes))
{
    setWindowTitle(tr("Confirm pick list %1").arg(list.number));
    setStyleSheet(TerminalStyle::sheet());
    resize(1100, 600);
    auto *layout = new QVBoxLayout(this);
    auto *intro
        = new QLabel(tr("Check the picked quantities. Every line picked short needs a reason."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(int(list.lines.size()), ColumnCount, this);
    m_table->setObjectName(QStringLiteral("confirmLines"));
    m_table->setHorizontalHeaderLabels(
        {tr("Bin"), tr("Product"), tr("Quantity"), tr("Picked"), tr("Reason"), tr("Note")});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(48);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < list.lines.size(); ++row) {
        const PickLine &line = list.lines.at(row);
        m_table->setItem(row, BinColumn, new QTableWidgetItem(line.bin));
        m_table->setItem(row, NameColumn, new QTableWidgetItem(line.sku + QStringLiteral(" — ") + line.name));
        m_table->setItem(row, QuantityColumn,
                         new QTableWidgetItem(TerminalText::quantity(line.quantityMilli)));
        auto *picked = new QLineEdit(milliText(line.pickedMilli), m_table);
        picked->setObjectName(QStringLiteral("picked_%1").arg(row));
        m_table->setCellWidget(row, PickedColumn, picked);
        auto *reason = new QComboBox(m_table);
        reason->setObjectName(QStringLiteral("reason_%1").arg(row));
        for (const char *code : Reasons) {
            const QString value = QLatin1StringView(code);
            reason->addItem(value.isEmpty()                       ? tr("—")
                                : value == QLatin1String("other") ? tr("Other (write a note)")
                                                                  : TerminalText::reason(value),
                            value);
        }
        if (line.pickedMilli < line.quantityMilli)
            reason->setCurrentIndex(3); // "short" is the usual story; the picker changes it
        m_table->setCellWidget(row, ReasonColumn, reason);
        auto *note = new QLineEdit(m_table);
        note->setObjectName(QStringLiteral("note_%1").arg(row));
        m_table->setCellWidget(row, NoteColumn, note);
    }
    layout->addWidget(m_table, 1);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("confirmProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Confirm (Enter)"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    if (!list.lines.isEmpty())
        m_table->cellWidget(0, PickedColumn)->setFocus();
}

ConfirmPickDialog::~ConfirmPickDialog() = default;

QList<ConfirmLine> ConfirmPickDialog::lines() const
{
    QList<ConfirmLine> lines;
    for (int row = 0; row < m_list.lines.size(); ++row) {
        ConfirmLine line;
        line.lineId = m_list.lines.at(row).lineId;
        line.pickedMilli
            = milliFrom(static_cast<QLineEdit *>(m_table->cellWidget(row, PickedColumn))->text());
        const QString reason
            = static_cast<QComboBox *>(m_table->cellWidget(row, ReasonColumn))->currentData().toString();
        const QString note = static_cast<QLineEdit *>(m_table->cellWidget(row, NoteColumn))->text().trimmed();
        if (reason == QLatin1String("other"))
            line.reason = QStringLiteral("other:") + note;
        else
            line.reason = reason;
        lines.append(line);
    }
    return lines;
}

QString ConfirmPickDialog::problem() const
{
    const QList<ConfirmLine> confirmed = lines();
    for (int row = 0; row < confirmed.size(); ++row) {
        const ConfirmLine &line = confirmed.at(row);
        const PickLine &pick = m_list.lines.at(row);
        if (line.pickedMilli < 0)
            return tr("Line %1 (%2): the picked quantity is not a number.").arg(row + 1).arg(pick.sku);
        if (line.pickedMilli > pick.quantityMilli)
            return tr("Line %1 (%2): more than the %3 to pick.")
                .arg(row + 1)
                .arg(pick.sku, TerminalText::quantity(pick.quantityMilli));
        if (line.pickedMilli != pick.quantityMilli && !Picking::isValidReason(line.reason))
            return tr("Line %1 (%2) is short: choose a reason (or write a note for Other).")
                .arg(row + 1)
                .arg(pick.sku);
    }
    return {};
}

void ConfirmPickDialog::accept()
{
    const QString why = problem();
    m_problem->setText(why);
    if (why.isEmpty())
        QDialog::accept();
}

bool ConfirmPickDialog::receiveScan(const QString &code)
{
    const QString trimmed = code.trimmed();
    QString product = m_barcodes.value(trimmed);
    int target = -1;
    for (int row = 0; row < m_list.lines.size(); ++row) {
        const PickLine &line = m_list.lines.at(row);
        if (line.productId != product && line.sku != trimmed)
            continue;
        auto *picked = static_cast<QLineEdit *>(m_table->cellWidget(row, PickedColumn));
        const qint64 milli = milliFrom(picked->text());
        if (target < 0 || (milli >= 0 && milli < line.quantityMilli)) {
            target = row;
            if (milli >= 0 && milli < line.quantityMilli)
                break;
        }
    }
    if (target < 0)
        return false;
    auto *picked = static_cast<QLineEdit *>(m_table->cellWidget(target, PickedColumn));
    const qint64 milli = std::max<qint64>(0, milliFrom(picked->text()));
    picked->setText(milliText(milli + 1000));
    m_table->setCurrentCell(target, PickedColumn);
    m_table->scrollToItem(m_table->item(target, BinColumn));
    picked->setFocus();
    picked->selectAll();
    return true;
}

} // namespace portico::client
