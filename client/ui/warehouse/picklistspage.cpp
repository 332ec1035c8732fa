#include "warehouse/picklistspage.h"

#include "cache/cachedatabase.h"
#include "warehouse/picking.h"
#include "warehouse/terminaltext.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace portico::client {

PickListsPage::PickListsPage(CacheDatabase &cache, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    auto *title = new QLabel(tr("Pick lists"), this);
    title->setObjectName(QStringLiteral("terminalTitle"));
    layout->addWidget(title);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("pickListsMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("pickLists"));
    m_table->setHorizontalHeaderLabels(
        {tr("Number"), tr("Status"), tr("Lines done"), tr("Orders"), tr("First bin")});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(48);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTabKeyNavigation(false);
    layout->addWidget(m_table, 1);
    auto *hints
        = new QLabel(tr("↑↓ choose · Enter open · scan a pick list number to open it · F3 new pick lists "
                        "from accepted orders · F10 counts · F5 sync now"),
                     this);
    hints->setObjectName(QStringLiteral("terminalHints"));
    hints->setWordWrap(true);
    layout->addWidget(hints);
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (row >= 0 && row < m_lists.size())
            Q_EMIT openRequested(m_lists.at(row).id);
    });
    setFocusProxy(m_table);
}

PickListsPage::~PickListsPage() = default;

void PickListsPage::reload()
{
    m_cache.submitThen(
        [](QSqlDatabase &db) { return Picking::pickLists(db); }, this,
        [this](QFuture<QList<PickListSummary>> future) {
            QString selected;
            if (const int row = m_table->currentRow(); row >= 0 && row < m_lists.size())
                selected = m_lists.at(row).id;
            try {
                m_lists = future.result();
            } catch (const std::exception &e) {
                setMessage(QString::fromStdString(e.what()));
                return;
            }
            m_table->setRowCount(int(m_lists.size()));
            int current = 0;
            for (int row = 0; row < m_lists.size(); ++row) {
                const PickListSummary &list = m_lists.at(row);
                const QStringList cells {list.number, TerminalText::status(list.status),
                                         tr("%1 of %2").arg(list.linesComplete).arg(list.lines),
                                         QString::number(list.orders), list.firstBin};
                for (int column = 0; column < cells.size(); ++column) {
                    auto *item = new QTableWidgetItem(cells.at(column));
                    item->setForeground(QColor(Qt::black));
                    m_table->setItem(row, column, item);
                }
                if (list.id == selected)
                    current = row;
            }
            if (!m_lists.isEmpty())
                m_table->setCurrentCell(current, 0);
            if (m_lists.isEmpty() && m_message->text().isEmpty())
                m_message->setText(tr("No pick lists to work on. F3 makes new ones from accepted orders."));
            Q_EMIT loaded();
        });
}

void PickListsPage::handleScan(const QString &code)
{
    for (const PickListSummary &list : std::as_const(m_lists)) {
        if (list.number.compare(code.trimmed(), Qt::CaseInsensitive) == 0) {
            Q_EMIT openRequested(list.id);
            return;
        }
    }
    setMessage(
        tr("%1 is not a pick list to work on. Open a pick list first, then scan its items.").arg(code));
}

void PickListsPage::setMessage(const QString &text)
{
    m_message->setText(text);
}

void PickListsPage::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_F3:
        Q_EMIT newPickListsRequested();
        return;
    case Qt::Key_F10:
        Q_EMIT countsRequested();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace portico::client
