#include "warehouse/packdialog.h"

#include "warehouse/terminalstyle.h"
#include "warehouse/terminaltext.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace portico::client {

namespace {

enum Column { NameColumn, PickedColumn, PackageColumn, ColumnCount };

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
    m_table->setHorizontalHeaderLabels({tr("Product"), tr("Picked"), tr("Package")});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(48);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (const PickLine &line : list.lines) {
        if (line.pickedMilli <= 0)
            continue;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *name = new QTableWidgetItem(line.sku + QStringLiteral(" — ") + line.name);
        name->setData(Qt::UserRole, line.lineId);
        name->setData(Qt::UserRole + 1, line.pickedMilli);
        m_table->setItem(row, NameColumn, name);
        m_table->setItem(row, PickedColumn, new QTableWidgetItem(TerminalText::quantity(line.pickedMilli)));
        auto *package = new QSpinBox(m_table);
        package->setObjectName(QStringLiteral("package_%1").arg(row));
        package->setRange(1, 1);
        m_table->setCellWidget(row, PackageColumn, package);
    }
    layout->addWidget(m_table, 1);

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
        const QTableWidgetItem *name = m_table->item(row, NameColumn);
        packages[package - 1].lines.append(
            {name->data(Qt::UserRole).toString(), name->data(Qt::UserRole + 1).toLongLong()});
    }
    return packages;
}

QString PackDialog::problem() const
{
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
