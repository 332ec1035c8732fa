#include "warehouse/packdialog.h"

#include "warehouse/terminalstyle.h"
#include "warehouse/terminaltext.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace portico::client {

namespace {

enum Column { NameColumn, PickedColumn, QuantityColumn, PackageColumn, ColumnCount };

constexpr int LineIdRole = Qt::UserRole;
constexpr int PickedRole = Qt::UserRole + 1;

} // namespace

PackDialog::PackDialog(const PickList &list, QWidget *parent)
    : QDialog(parent)
    , m_list(list)
{
    setWindowTitle(tr("Pack pick list %1").arg(list.number));
    setStyleSheet(TerminalStyle::sheet());
    resize(900, 640);
    auto *layout = new QVBoxLayout(this);
    auto *countRow = new QFormLayout;
    m_count = new QSpinBox(this);
    m_count->setObjectName(QStringLiteral("packageCount"));
    m_count->setRange(1, 50);
    countRow->addRow(tr("&Packages:"), m_count);
    layout->addLayout(countRow);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("packLines"));
    m_table->setHorizontalHeaderLabels({tr("Product"), tr("Picked"), tr("Quantity"), tr("Package")});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(48);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (const PickLine &line : list.lines) {
        if (line.pickedMilli > 0)
            addRow(m_table->rowCount(), line, line.pickedMilli, 1);
    }
    layout->addWidget(m_table, 1);
    auto *split = new QPushButton(tr("Split the line into another package (F5)"), this);
    split->setObjectName(QStringLiteral("splitLine"));
    split->setAutoDefault(false);
    connect(split, &QPushButton::clicked, this, [this] { splitLine(); });
    layout->addWidget(split, 0, Qt::AlignLeft);

    auto *weightsTitle = new QLabel(tr("Weight of each package, kg:"), this);
    layout->addWidget(weightsTitle);
    m_weights = new QFormLayout;
    layout->addLayout(m_weights);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("packProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Pack (Enter)"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_count, &QSpinBox::valueChanged, this, [this] { rebuildWeights(); });
    rebuildWeights();
    m_count->setFocus();
}

PackDialog::~PackDialog() = default;

void PackDialog::keyPressEvent(QKeyEvent *event)
{
    // F5 from any field of the dialog (the fields do not use it).
    if (event->key() == Qt::Key_F5 && event->modifiers() == Qt::NoModifier) {
        splitLine();
        return;
    }
    QDialog::keyPressEvent(event);
}

void PackDialog::addRow(int row, const PickLine &line, qint64 quantityMilli, int package)
{
    m_table->insertRow(row);
    auto *name = new QTableWidgetItem(line.sku + QStringLiteral(" — ") + line.name);
    name->setData(LineIdRole, line.lineId);
    name->setData(PickedRole, line.pickedMilli);
    m_table->setItem(row, NameColumn, name);
    m_table->setItem(row, PickedColumn, new QTableWidgetItem(TerminalText::quantity(line.pickedMilli)));
    auto *quantity = new QLineEdit(quantityMilli > 0 ? milliText(quantityMilli) : QString(), m_table);
    m_table->setCellWidget(row, QuantityColumn, quantity);
    auto *spin = new QSpinBox(m_table);
    spin->setRange(1, m_count->value());
    spin->setValue(std::min(package, m_count->value()));
    m_table->setCellWidget(row, PackageColumn, spin);
    // Names follow the rows (a split inserts one in the middle).
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (QWidget *edit = m_table->cellWidget(r, QuantityColumn))
            edit->setObjectName(QStringLiteral("quantity_%1").arg(r));
        if (QWidget *box = m_table->cellWidget(r, PackageColumn))
            box->setObjectName(QStringLiteral("package_%1").arg(r));
    }
    const QString lineId = line.lineId;
    connect(quantity, &QLineEdit::textEdited, this, [this, lineId] { rebalance(lineId); });
}

void PackDialog::rebalance(const QString &lineId)
{
    int first = -1;
    qint64 others = 0;
    qint64 picked = 0;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, NameColumn);
        if (name->data(LineIdRole).toString() != lineId)
            continue;
        if (first < 0) {
            first = row;
            picked = name->data(PickedRole).toLongLong();
            continue;
        }
        others += std::max<qint64>(
            0, milliFrom(static_cast<QLineEdit *>(m_table->cellWidget(row, QuantityColumn))->text()));
    }
    if (first >= 0 && others <= picked
        && QApplication::focusWidget() != m_table->cellWidget(first, QuantityColumn))
        static_cast<QLineEdit *>(m_table->cellWidget(first, QuantityColumn))
            ->setText(milliText(picked - others));
}

int PackDialog::splitLine(int row)
{
    if (row < 0) {
        // The row whose quantity or package has the focus, else the table's current row.
        QWidget *focus = QApplication::focusWidget();
        for (int r = 0; r < m_table->rowCount() && row < 0; ++r) {
            for (const int column : {QuantityColumn, PackageColumn}) {
                QWidget *cell = m_table->cellWidget(r, column);
                if (cell && focus && (cell == focus || cell->isAncestorOf(focus)))
                    row = r;
            }
        }
        if (row < 0)
            row = m_table->currentRow();
    }
    if (row < 0 || row >= m_table->rowCount())
        return -1;
    const QString lineId = m_table->item(row, NameColumn)->data(LineIdRole).toString();
    const auto line = std::find_if(m_list.lines.cbegin(), m_list.lines.cend(),
                                   [&](const PickLine &l) { return l.lineId == lineId; });
    if (line == m_list.lines.cend())
        return -1;
    if (m_count->value() < 2)
        m_count->setValue(2); // a split needs a second package
    const int package = static_cast<QSpinBox *>(m_table->cellWidget(row, PackageColumn))->value();
    const int added = row + 1;
    addRow(added, *line, 0, package % m_count->value() + 1);
    auto *quantity = m_table->cellWidget(added, QuantityColumn);
    m_table->setCurrentCell(added, QuantityColumn);
    quantity->setFocus();
    return added;
}

void PackDialog::setPackageCount(int count)
{
    m_count->setValue(count);
}

void PackDialog::rebuildWeights()
{
    const int count = m_count->value();
    while (m_weightEdits.size() > count) {
        m_weights->removeRow(int(m_weightEdits.size()) - 1);
        m_weightEdits.removeLast();
    }
    while (m_weightEdits.size() < count) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("weight_%1").arg(m_weightEdits.size()));
        edit->setMaximumWidth(200);
        m_weights->addRow(tr("Package %1:").arg(m_weightEdits.size() + 1), edit);
        m_weightEdits.append(edit);
    }
    for (int row = 0; row < m_table->rowCount(); ++row)
        static_cast<QSpinBox *>(m_table->cellWidget(row, PackageColumn))->setMaximum(count);
}

QList<Package> PackDialog::packages() const
{
    QList<Package> packages(m_weightEdits.size());
    for (int i = 0; i < m_weightEdits.size(); ++i) {
        packages[i].number = i + 1;
        packages[i].weightGrams = milliFrom(m_weightEdits.at(i)->text());
    }
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const int package = static_cast<QSpinBox *>(m_table->cellWidget(row, PackageColumn))->value();
        const QString lineId = m_table->item(row, NameColumn)->data(LineIdRole).toString();
        const qint64 quantity
            = milliFrom(static_cast<QLineEdit *>(m_table->cellWidget(row, QuantityColumn))->text());
        QList<PackageLine> &lines = packages[package - 1].lines;
        // Two rows of one line in the same package are one entry.
        const auto same = std::find_if(lines.begin(), lines.end(),
                                       [&](const PackageLine &l) { return l.lineId == lineId; });
        if (same != lines.end())
            same->quantityMilli += quantity;
        else
            lines.append({lineId, quantity});
    }
    return packages;
}

QString PackDialog::problem() const
{
    // Every row a quantity above zero, and each line packed exactly as picked.
    QHash<QString, qint64> perLine;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, NameColumn);
        const qint64 quantity
            = milliFrom(static_cast<QLineEdit *>(m_table->cellWidget(row, QuantityColumn))->text());
        if (quantity <= 0)
            return tr("Row %1 needs a quantity above zero: %2.").arg(row + 1).arg(name->text());
        perLine[name->data(LineIdRole).toString()] += quantity;
    }
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, NameColumn);
        const qint64 picked = name->data(PickedRole).toLongLong();
        const qint64 packed = perLine.value(name->data(LineIdRole).toString());
        if (packed != picked)
            return tr("%1: %2 packed of the %3 picked.")
                .arg(name->text(), TerminalText::quantity(packed), TerminalText::quantity(picked));
    }
    const QList<Package> packed = packages();
    for (const Package &package : packed) {
        if (package.weightGrams <= 0)
            return tr("Package %1 needs its weight in kilograms.").arg(package.number);
        if (package.lines.isEmpty())
            return tr("Package %1 is empty: put a line in it or pack fewer packages.").arg(package.number);
    }
    return {};
}

void PackDialog::accept()
{
    const QString why = problem();
    m_problem->setText(why);
    if (why.isEmpty())
        QDialog::accept();
}

} // namespace portico::client
