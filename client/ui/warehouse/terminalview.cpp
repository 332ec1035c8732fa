#include "warehouse/terminalview.h"

#include "warehouse/countspage.h"
#include "warehouse/picklistspage.h"
#include "warehouse/pickpage.h"
#include "warehouse/scanfeedback.h"
#include "warehouse/scannerfilter.h"
#include "warehouse/scanreceiver.h"
#include "warehouse/terminalstyle.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace portico::client {

TerminalView::TerminalView(CacheDatabase &cache, ScanRecogniser::Thresholds scanner, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("terminal"));
    setStyleSheet(TerminalStyle::sheet());
    setAutoFillBackground(true);
    QPalette colours = palette();
    colours.setColor(QPalette::Window, Qt::white);
    colours.setColor(QPalette::WindowText, Qt::black);
    setPalette(colours);

    m_feedback = new ScanFeedback(this);
    m_scanner = new ScannerFilter(scanner, this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("terminalStatus"));
    m_status->setStyleSheet(QStringLiteral(
        "QLabel { background: #202020; color: #ffffff; font-size: 18px; padding: 6px 16px; }"));
    layout->addWidget(m_status);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    m_lists = new PickListsPage(cache, m_stack);
    m_pick = new PickPage(cache, *m_feedback, m_stack);
    m_counts = new CountsPage(cache, *m_feedback, m_stack);
    m_stack->addWidget(m_lists);
    m_stack->addWidget(m_pick);
    m_stack->addWidget(m_counts);

    connect(m_scanner, &ScannerFilter::scanned, this, &TerminalView::onScanned);
    connect(m_lists, &PickListsPage::openRequested, this, &TerminalView::openPickList);
    connect(m_lists, &PickListsPage::newPickListsRequested, this, &TerminalView::newPickListsRequested);
    connect(m_lists, &PickListsPage::countsRequested, this, [this] { showScreen(Screen::Counts); });
    connect(m_pick, &PickPage::back, this, [this] { showScreen(Screen::PickLists); });
    connect(m_pick, &PickPage::outboxChanged, this, &TerminalView::outboxChanged);
    connect(m_counts, &CountsPage::back, this, [this] { showScreen(Screen::PickLists); });
    connect(m_counts, &CountsPage::outboxChanged, this, &TerminalView::outboxChanged);
    setFocusProxy(m_lists);
    m_lists->reload();
}

TerminalView::~TerminalView() = default;

TerminalView::Screen TerminalView::screen() const
{
    QWidget *current = m_stack->currentWidget();
    return current == m_pick ? Screen::Pick : current == m_counts ? Screen::Counts : Screen::PickLists;
}

void TerminalView::showScreen(Screen screen)
{
    QWidget *page = screen == Screen::Pick ? static_cast<QWidget *>(m_pick)
        : screen == Screen::Counts         ? static_cast<QWidget *>(m_counts)
                                           : static_cast<QWidget *>(m_lists);
    m_stack->setCurrentWidget(page);
    setFocusProxy(page);
    page->setFocus();
    if (screen == Screen::PickLists)
        m_lists->reload();
    else if (screen == Screen::Counts)
        m_counts->reload();
}

void TerminalView::openPickList(const QString &id)
{
    m_pick->open(id);
    showScreen(Screen::Pick);
}

void TerminalView::reload()
{
    switch (screen()) {
    case Screen::PickLists:
        m_lists->reload();
        break;
    case Screen::Pick:
        m_pick->reload();
        break;
    case Screen::Counts:
        m_counts->reload();
        break;
    }
}

void TerminalView::setStatusText(const QString &text)
{
    m_status->setText(text);
}

void TerminalView::setMessage(const QString &text)
{
    m_lists->setMessage(text);
}

void TerminalView::onScanned(const QString &code)
{
    if (QApplication::activePopupWidget()) {
        m_feedback->play(ScanFeedback::Kind::Wrong);
        Q_EMIT scanIgnored(code);
        return;
    }
    if (QWidget *modal = QApplication::activeModalWidget()) {
        // A terminal dialog takes the scan when it has a use for it; anything else refuses it.
        auto *receiver = dynamic_cast<ScanReceiver *>(modal);
        if (receiver && receiver->receiveScan(code)) {
            m_feedback->play(ScanFeedback::Kind::Right);
            Q_EMIT scanRouted(code);
            return;
        }
        m_feedback->play(ScanFeedback::Kind::Wrong);
        Q_EMIT scanIgnored(code);
        return;
    }
    switch (screen()) {
    case Screen::PickLists:
        m_lists->handleScan(code);
        break;
    case Screen::Pick:
        m_pick->handleScan(code);
        break;
    case Screen::Counts:
        m_counts->handleScan(code);
        break;
    }
}

void TerminalView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_F5) {
        Q_EMIT syncRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace portico::client
