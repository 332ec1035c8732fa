#pragma once

#include "input/scanrecogniser.h"

#include <QWidget>

class QLabel;
class QStackedWidget;

namespace portico::client {

class CacheDatabase;
class CountsPage;
class PickListsPage;
class PickPage;
class ScanFeedback;
class ScannerFilter;

// The main window's layout for warehouse staff at a terminal: large type, high contrast,
// keyboard and scanner only. Pick lists → picking → confirm → pack → ship, and counts. The
// scanner is heard wherever focus is (ScannerFilter) and its codes go to the screen in front.
class TerminalView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminalView)

public:
    enum class Screen { PickLists, Pick, Counts };
    Q_ENUM(Screen)

    TerminalView(CacheDatabase &cache, ScanRecogniser::Thresholds scanner, QWidget *parent = nullptr);
    ~TerminalView() override;

    Screen screen() const;
    void showScreen(Screen screen);
    void openPickList(const QString &id);
    // Re-reads what the screens show (after a sync brought data or an upload was answered).
    void reload();
    // The connection and what waits to upload, in the header.
    void setStatusText(const QString &text);
    // A message on the pick lists screen (the answer to "new pick lists").
    void setMessage(const QString &text);

    PickListsPage *pickListsPage() const { return m_lists; }
    PickPage *pickPage() const { return m_pick; }
    CountsPage *countsPage() const { return m_counts; }
    ScannerFilter &scanner() const { return *m_scanner; }
    ScanFeedback &feedback() const { return *m_feedback; }

Q_SIGNALS:
    void outboxChanged();
    void newPickListsRequested();
    void syncRequested();
    // A scan while a dialog was open that had no use for it: not applied (the dialog's fields
    // never see it either).
    void scanIgnored(const QString &code);
    // A scan handed to the open terminal dialog, which used it (ScanReceiver).
    void scanRouted(const QString &code);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onScanned(const QString &code);

    ScanFeedback *m_feedback = nullptr;
    ScannerFilter *m_scanner = nullptr;
    QLabel *m_status = nullptr;
    QStackedWidget *m_stack = nullptr;
    PickListsPage *m_lists = nullptr;
    PickPage *m_pick = nullptr;
    CountsPage *m_counts = nullptr;
};

} // namespace portico::client
