#pragma once

#include "warehouse/warehousetypes.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace portico::client {

class CacheDatabase;

// The pick lists to work on (open, picking, picked, packed) with how far each is. Up/Down and
// Enter open one; F3 asks the server for new pick lists from accepted orders; F10 the counts.
class PickListsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PickListsPage)

public:
    explicit PickListsPage(CacheDatabase &cache, QWidget *parent = nullptr);
    ~PickListsPage() override;

    void reload();
    const QList<PickListSummary> &lists() const { return m_lists; }
    // A pick list's number scanned (from a printed list) opens it.
    void handleScan(const QString &code);
    void setMessage(const QString &text);

Q_SIGNALS:
    void openRequested(const QString &pickListId);
    void newPickListsRequested();
    void countsRequested();
    void loaded();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    CacheDatabase &m_cache;
    QList<PickListSummary> m_lists;
    QTableWidget *m_table = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace portico::client
