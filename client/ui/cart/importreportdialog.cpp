#include "cart/importreportdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace portico::client {

ImportReportDialog::ImportReportDialog(const QString &source, int added, const QList<ImportProblem> &problems,
                                       QWidget *parent)
    : QDialog(parent)
    , m_added(added)
    , m_problems(problems)
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(static_cast<int>(problems.size()), 3, this))
{
    setWindowTitle(tr("Rows not understood"));
    setObjectName(QStringLiteral("importReport"));
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_summary->setText(QString(tr("%1: %n row(s) added to the cart.", nullptr, added).arg(source)
                               + QLatin1Char(' ')
                               + tr("%n row(s) were not understood and were left out:", nullptr,
                                    static_cast<int>(problems.size()))));

    m_table->setObjectName(QStringLiteral("importProblems"));
    m_table->setHorizontalHeaderLabels({tr("Row"), tr("Text"), tr("Reason")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    for (int i = 0; i < problems.size(); ++i) {
        const ImportProblem &problem = problems.at(i);
        auto *row = new QTableWidgetItem(problem.row > 0 ? QString::number(problem.row) : QString());
        row->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QString text = problem.text;
        text.replace(QLatin1Char('\t'), QStringLiteral("  →  "));
        m_table->setItem(i, 0, row);
        m_table->setItem(i, 1, new QTableWidgetItem(text));
        m_table->setItem(i, 2, new QTableWidgetItem(problem.reason));
        m_table->item(i, 2)->setToolTip(problem.reason);
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *copy = buttons->addButton(tr("&Copy rows"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] {
        QStringList lines;
        for (const ImportProblem &problem : std::as_const(m_problems))
            lines.append(QString::number(problem.row) + QLatin1Char('\t') + problem.text + QLatin1Char('\t')
                         + problem.reason);
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    buttons->button(QDialogButtonBox::Close)->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(720, 360);
    m_table->setFocus();
}

ImportReportDialog::~ImportReportDialog() = default;

QString ImportReportDialog::summary() const
{
    return m_summary->text();
}

} // namespace portico::client
