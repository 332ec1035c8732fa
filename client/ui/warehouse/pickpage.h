#pragma once

#include "warehouse/picking.h"
#include "warehouse/scanfeedback.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableWidget;

namespace portico::client {

class CacheDatabase;

// One pick list being picked: its lines in bin order with the current line highlighted, and
// the answer to every scan at once in colour, words and sound. Keys: a scan (or a code typed
// after F2) picks; digits typed before a scan pick that many; F4 confirms, F6 packs, F8 ships,
// F7 prints the pick list, F9 the packing list, Esc goes back.
class PickPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PickPage)

public:
    PickPage(CacheDatabase &cache, ScanFeedback &feedback, QWidget *parent = nullptr);
    ~PickPage() override;

    void open(const QString &pickListId);
    void reload();
    QString pickListId() const { return m_list.id; }
    const PickList &pickList() const { return m_list; }
    // A scanned or typed code.
    void handleScan(const QString &code);

    // What the feedback area says now, and its outcome (for tests and the benchmark).
    QString feedbackText() const;
    std::optional<ScanFeedback::Kind> lastFeedback() const { return m_lastFeedback; }
    QLabel *feedbackLabel() const { return m_feedback; }

Q_SIGNALS:
    void back();
    void outboxChanged();
    void loaded();
    // A scan's outcome as the cache recorded it (after the immediate feedback).
    void scanRecorded(const portico::client::ScanResult &result);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void show(const PickList &list, const QHash<QString, QString> &barcodes);
    void fillLines();
    void fillRow(int row);
    void setCurrentLine(const QString &lineId);
    void showFeedback(const ScanResult &result);
    void showMessage(ScanFeedback::Kind kind, const QString &text);
    void record(const ScanResult &immediate, const QString &code, qint64 quantity);
    void applyRecorded(const ScanResult &immediate, const ScanResult &recorded);
    qint64 takeQuantity();
    void confirmPick();
    void packPick();
    void shipPick();
    void printPickList();
    void printPackingList();
    void refocus();
    void runStep(std::function<void(QSqlDatabase &)> step);

    CacheDatabase &m_cache;
    ScanFeedback &m_sounds;
    PickList m_list;
    QHash<QString, QString> m_barcodes;
    QString m_currentLine;
    std::optional<ScanFeedback::Kind> m_lastFeedback;

    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_conflict = nullptr;
    QLabel *m_feedback = nullptr;
    QTableWidget *m_lines = nullptr;
    QLineEdit *m_quantity = nullptr;
    QLineEdit *m_code = nullptr;
};

} // namespace portico::client
