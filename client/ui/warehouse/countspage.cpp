#include "warehouse/countspage.h"

#include "cache/cachedatabase.h"
#include "warehouse/terminaltext.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace portico::client {

CountsPage::CountsPage(CacheDatabase &cache, ScanFeedback &feedback, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_sounds(feedback)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(16, 12, 16, 12);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    auto *list = new QWidget(m_stack);
    auto *listLayout = new QVBoxLayout(list);
    auto *listTitle = new QLabel(tr("Counts"), list);
    listTitle->setObjectName(QStringLiteral("terminalTitle"));
    listLayout->addWidget(listTitle);
    m_sessionTable = new QTableWidget(0, 3, list);
    m_sessionTable->setObjectName(QStringLiteral("countSessions"));
    m_sessionTable->setHorizontalHeaderLabels({tr("Number"), tr("Bins"), tr("Counted")});
    m_sessionTable->verticalHeader()->hide();
    m_sessionTable->verticalHeader()->setDefaultSectionSize(48);
    m_sessionTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_sessionTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sessionTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    listLayout->addWidget(m_sessionTable, 1);
    auto *listHints = new QLabel(tr("↑↓ choose · Enter count · Esc back to pick lists"), list);
    listHints->setObjectName(QStringLiteral("terminalHints"));
    listLayout->addWidget(listHints);
    list->setFocusProxy(m_sessionTable);
    m_stack->addWidget(list);
    connect(m_sessionTable, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (row >= 0 && row < m_sessions.size())
            openSession(m_sessions.at(row).id);
    });

    auto *count = new QWidget(m_stack);
    auto *countLayout = new QVBoxLayout(count);
    m_title = new QLabel(count);
    m_title->setObjectName(QStringLiteral("terminalTitle"));
    countLayout->addWidget(m_title);
    m_feedback = new QLabel(tr("Scan a bin"), count);
    m_feedback->setObjectName(QStringLiteral("feedback"));
    m_feedback->setWordWrap(true);
    m_feedback->setMinimumHeight(80);
    countLayout->addWidget(m_feedback);
    m_binLabel = new QLabel(count);
    m_binLabel->setObjectName(QStringLiteral("countBin"));
    countLayout->addWidget(m_binLabel);
    m_productLabel = new QLabel(count);
    m_productLabel->setObjectName(QStringLiteral("countProduct"));
    countLayout->addWidget(m_productLabel);
    auto *entry = new QHBoxLayout;
    auto *countedLabel = new QLabel(tr("&Counted:"), count);
    m_counted = new QLineEdit(count);
    m_counted->setObjectName(QStringLiteral("counted"));
    m_counted->setMaximumWidth(200);
    countedLabel->setBuddy(m_counted);
    entry->addWidget(countedLabel);
    entry->addWidget(m_counted);
    entry->addStretch(1);
    countLayout->addLayout(entry);
    m_lines = new QTableWidget(0, 4, count);
    m_lines->setObjectName(QStringLiteral("countLines"));
    m_lines->setHorizontalHeaderLabels({tr("Bin"), tr("SKU"), tr("Product"), tr("Counted")});
    m_lines->verticalHeader()->hide();
    m_lines->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setFocusPolicy(Qt::NoFocus);
    countLayout->addWidget(m_lines, 1);
    auto *hints = new QLabel(tr("Scan a bin, then each product · type the quantity counted, Enter · "
                                "F9 submit the count · Esc back"),
                             count);
    hints->setObjectName(QStringLiteral("terminalHints"));
    hints->setWordWrap(true);
    countLayout->addWidget(hints);
    count->setFocusProxy(m_counted);
    m_stack->addWidget(count);
    connect(m_counted, &QLineEdit::returnPressed, this, &CountsPage::recordCounted);
    setFocusProxy(m_stack);
}

CountsPage::~CountsPage() = default;

void CountsPage::reload()
{
    m_cache.submitThen(
        [](QSqlDatabase &db) { return Counting::openSessions(db); }, this,
        [this](QFuture<QList<CountSession>> future) {
            try {
                m_sessions = future.result();
            } catch (const std::exception &) {
                return;
            }
            m_sessionTable->setRowCount(int(m_sessions.size()));
            for (int row = 0; row < m_sessions.size(); ++row) {
                const CountSession &session = m_sessions.at(row);
                const QStringList cells {session.number, session.bins.join(QStringLiteral(", ")),
                                         QString::number(session.lines.size())};
                for (int column = 0; column < cells.size(); ++column)
                    m_sessionTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
            }
            if (!m_sessions.isEmpty() && m_sessionTable->currentRow() < 0)
                m_sessionTable->setCurrentCell(0, 0);
            if (m_session)
                openSession(m_session->id);
            else
                Q_EMIT loaded();
        });
}

void CountsPage::openSession(const QString &id)
{
    m_cache.submitThen([id](QSqlDatabase &db) { return Counting::session(db, id); }, this,
                       [this, id](QFuture<std::optional<CountSession>> future) {
                           std::optional<CountSession> found;
                           try {
                               found = future.result();
                           } catch (const std::exception &) { }
                           if (!found) {
                               m_session.reset();
                               m_stack->setCurrentIndex(0);
                               Q_EMIT loaded();
                               return;
                           }
                           const bool same = m_session && m_session->id == id;
                           if (!same) {
                               m_bin.clear();
                               m_product.reset();
                               m_feedback->setText(tr("Scan a bin"));
                               m_feedback->setStyleSheet({});
                           }
                           showSession(*found);
                           m_stack->setCurrentIndex(1);
                           m_counted->setFocus();
                           Q_EMIT loaded();
                       });
}

void CountsPage::showSession(const CountSession &session)
{
    m_session = session;
    m_title->setText(tr("Count %1 · %2").arg(session.number, TerminalText::status(session.status)));
    m_binLabel->setText(m_bin.isEmpty() ? tr("Bin: scan one") : tr("Bin: %1").arg(m_bin));
    m_productLabel->setText(m_product ? tr("Product: %1 — %2").arg(m_product->sku, m_product->name)
                                      : tr("Product: scan one"));
    m_lines->setRowCount(int(session.lines.size()));
    for (int row = 0; row < session.lines.size(); ++row) {
        const CountLine &line = session.lines.at(row);
        const QStringList cells {line.bin, line.sku, line.name, TerminalText::quantity(line.countedMilli)};
        for (int column = 0; column < cells.size(); ++column)
            m_lines->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
}

void CountsPage::handleScan(const QString &code)
{
    if (!m_session || m_stack->currentIndex() != 1) {
        for (const CountSession &session : std::as_const(m_sessions)) {
            if (session.number.compare(code.trimmed(), Qt::CaseInsensitive) == 0) {
                openSession(session.id);
                return;
            }
        }
        return;
    }
    const CountSession session = *m_session;
    m_cache.submitThen(
        [session, code](QSqlDatabase &db) {
            const bool bin = Counting::isBin(db, session, code);
            return std::pair {bin, bin ? std::nullopt : Counting::product(db, code)};
        },
        this,
        [this, code](QFuture<std::pair<bool, std::optional<ScannedProduct>>> future) {
            const auto [bin, product] = future.result();
            if (bin) {
                m_bin = code.trimmed();
                m_product.reset();
                showMessage(ScanFeedback::Kind::Right, tr("Bin %1: now scan the products in it").arg(m_bin));
            } else if (!product) {
                showMessage(ScanFeedback::Kind::Unknown, tr("✘ Unknown barcode: %1").arg(code));
                return;
            } else if (m_bin.isEmpty()) {
                showMessage(ScanFeedback::Kind::Wrong, tr("Scan the bin first, then its products."));
                return;
            } else {
                m_product = product;
                qint64 counted = 0;
                for (const CountLine &line : m_session->lines) {
                    if (line.productId == product->productId && line.bin == m_bin)
                        counted = line.countedMilli;
                }
                showMessage(ScanFeedback::Kind::Right,
                            tr("%1 — %2: type the quantity counted in %3, then Enter")
                                .arg(product->sku, product->name, m_bin));
                m_counted->setText(counted > 0 ? milliText(counted) : QString());
                m_counted->selectAll();
                m_counted->setFocus();
            }
            showSession(*m_session);
        });
}

void CountsPage::recordCounted()
{
    if (!m_session || !m_product || m_bin.isEmpty()) {
        showMessage(ScanFeedback::Kind::Wrong, tr("Scan a bin and a product first."));
        return;
    }
    const qint64 counted = milliFrom(m_counted->text());
    if (counted < 0) {
        showMessage(ScanFeedback::Kind::Wrong, tr("The quantity counted is not a number."));
        return;
    }
    const QString id = m_session->id;
    const QString productId = m_product->productId;
    const QString bin = m_bin;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_cache.submitThen([=](QSqlDatabase &db) { Counting::record(db, id, productId, bin, counted, now); },
                       this,
                       [this, id, counted](QFuture<void> future) {
                           try {
                               future.waitForFinished();
                           } catch (const std::exception &e) {
                               showMessage(ScanFeedback::Kind::Wrong, QString::fromStdString(e.what()));
                               return;
                           }
                           showMessage(ScanFeedback::Kind::Right,
                                       tr("Counted %1 of %2 in %3. Scan the next product or bin.")
                                           .arg(TerminalText::quantity(counted),
                                                m_product ? m_product->sku : QString(), m_bin));
                           m_product.reset();
                           m_counted->clear();
                           Q_EMIT outboxChanged();
                           openSession(id);
                       });
}

void CountsPage::submitCount()
{
    if (!m_session)
        return;
    if (QMessageBox::question(
            this, tr("Submit count"),
            tr("Submit count %1 for approval? Nothing more can be counted in it.").arg(m_session->number))
        != QMessageBox::Yes)
        return;
    const QString id = m_session->id;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_cache.submitThen([id, now](QSqlDatabase &db) { Counting::submit(db, id, now); }, this,
                       [this](QFuture<void> future) {
                           try {
                               future.waitForFinished();
                           } catch (const std::exception &e) {
                               showMessage(ScanFeedback::Kind::Wrong, QString::fromStdString(e.what()));
                               return;
                           }
                           Q_EMIT outboxChanged();
                           m_session.reset();
                           m_stack->setCurrentIndex(0);
                           reload();
                       });
}

void CountsPage::showMessage(ScanFeedback::Kind kind, const QString &text)
{
    m_feedback->setText(text);
    m_feedback->setStyleSheet(QStringLiteral("background: %1; color: %2;")
                                  .arg(ScanFeedback::background(kind), ScanFeedback::foreground(kind)));
    m_feedback->repaint();
    m_sounds.play(kind);
}

QString CountsPage::feedbackText() const
{
    return m_feedback->text();
}

void CountsPage::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        if (m_stack->currentIndex() == 1) {
            m_session.reset();
            m_stack->setCurrentIndex(0);
            m_sessionTable->setFocus();
            reload();
        } else {
            Q_EMIT back();
        }
        return;
    case Qt::Key_F9:
        if (m_stack->currentIndex() == 1)
            submitCount();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace portico::client
