#pragma once

#include "orders/orderlineimport.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace portico::client {

// After a paste or a CSV import: how many rows went into the cart, and every row that did not,
// with its row number, its text and the reason, so the user can fix the sheet and try again.
class ImportReportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportReportDialog)

public:
    ImportReportDialog(const QString &source, int added, const QList<ImportProblem> &problems,
                       QWidget *parent = nullptr);
    ~ImportReportDialog() override;

    int added() const noexcept { return m_added; }
    const QList<ImportProblem> &problems() const noexcept { return m_problems; }
    QString summary() const;

private:
    int m_added = 0;
    QList<ImportProblem> m_problems;
    QLabel *m_summary = nullptr;
    QTableWidget *m_table = nullptr;
};

} // namespace portico::client
