#include "warehouse/pickpage.h"

#include "cache/cachedatabase.h"
#include "cache/searchtext.h"
#include "warehouse/confirmpickdialog.h"
#include "warehouse/packdialog.h"
#include "warehouse/pickprinting.h"
#include "warehouse/shipdialog.h"
#include "warehouse/terminaltext.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace portico::client {

namespace {

enum Column { BinColumn, SkuColumn, NameColumn, QuantityColumn, PickedColumn, OrderColumn, ColumnCount };

} // namespace

PickPage::PickPage(CacheDatabase &cache, ScanFeedback &feedback, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_sounds(feedback)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);

    auto *top = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("terminalTitle"));
    top->addWidget(m_title, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("pickStatus"));
    top->addWidget(m_status);
    layout->addLayout(top);

    m_conflict = new QLabel(this);
    m_conflict->setObjectName(QStringLiteral("conflict"));
    m_conflict->setWordWrap(true);
    m_conflict->hide();
    layout->addWidget(m_conflict);

    m_feedback = new QLabel(tr("Scan an item"), this);
    m_feedback->setObjectName(QStringLiteral("feedback"));
    m_feedback->setWordWrap(true);
    m_feedback->setMinimumHeight(90);
    m_feedback->setAutoFillBackground(true);
    m_feedback->setStyleSheet(QStringLiteral("background: #ffffff; color: #000000;"));
    layout->addWidget(m_feedback);

    m_lines = new QTableWidget(0, ColumnCount, this);
    m_lines->setObjectName(QStringLiteral("pickLines"));
    m_lines->setHorizontalHeaderLabels(
        {tr("Bin"), tr("SKU"), tr("Product"), tr("Quantity"), tr("Picked"), tr("Order")});
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lines->setSelectionMode(QAbstractItemView::SingleSelection);
    m_lines->verticalHeader()->hide();
    m_lines->verticalHeader()->setDefaultSectionSize(44);
    m_lines->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_lines->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_lines, 1);

    auto *entry = new QHBoxLayout;
    auto *quantityLabel = new QLabel(tr("&Quantity per scan:"), this);
    m_quantity = new QLineEdit(this);
    m_quantity->setObjectName(QStringLiteral("scanQuantity"));
    m_quantity->setPlaceholderText(QStringLiteral("1"));
    m_quantity->setMaximumWidth(140);
    quantityLabel->setBuddy(m_quantity);
    entry->addWidget(quantityLabel);
    entry->addWidget(m_quantity);
    entry->addSpacing(24);
    auto *codeLabel = new QLabel(tr("Code (F2):"), this);
    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("typedCode"));
    m_code->setPlaceholderText(tr("Barcode or SKU, then Enter"));
    codeLabel->setBuddy(m_code);
    entry->addWidget(codeLabel);
    entry->addWidget(m_code, 1);
    layout->addLayout(entry);

    auto *hints = new QLabel(tr("Scan an item · digits first for a quantity · F2 type a code · F4 confirm · "
                                "F6 pack · F8 ship · F7 print pick list · F9 print packing list · Esc back"),
                             this);
    hints->setObjectName(QStringLiteral("terminalHints"));
    hints->setWordWrap(true);
    layout->addWidget(hints);

    connect(m_code, &QLineEdit::returnPressed, this, [this] {
        const QString code = m_code->text().trimmed();
        m_code->clear();
        m_quantity->setFocus();
        if (!code.isEmpty())
            handleScan(code);
    });
    connect(m_quantity, &QLineEdit::returnPressed, this, [this] {
        // Enter after a quantity without a scan: the quantity waits for the next scan.
        m_feedback->setText(tr("Now scan the item: %1 per scan").arg(m_quantity->text()));
    });
    setFocusProxy(m_quantity);
}

PickPage::~PickPage() = default;

void PickPage::open(const QString &pickListId)
{
    m_list = {};
    m_list.id = pickListId;
    m_barcodes.clear();
    m_currentLine.clear();
    m_lastFeedback.reset();
    m_quantity->clear();
    m_code->clear();
    m_feedback->setText(tr("Scan an item"));
    m_feedback->setStyleSheet(QStringLiteral("background: #ffffff; color: #000000;"));
    reload();
}

void PickPage::reload()
{
    const QString id = m_list.id;
    if (id.isEmpty())
        return;
    m_cache.submitThen(
        [id](QSqlDatabase &db) {
            std::optional<PickList> list = Picking::pickList(db, id);
            QHash<QString, QString> barcodes;
            if (list)
                barcodes = Picking::barcodesOf(db, *list);
            return std::pair {list, barcodes};
        },
        this,
        [this, id](QFuture<std::pair<std::optional<PickList>, QHash<QString, QString>>> future) {
            if (id != m_list.id)
                return;
            try {
                const auto [list, barcodes] = future.result();
                if (!list) {
                    showMessage(ScanFeedback::Kind::Unknown,
                                tr("This pick list is no longer on this terminal."));
                    return;
                }
                show(*list, barcodes);
            } catch (const std::exception &e) {
                showMessage(ScanFeedback::Kind::Unknown, QString::fromStdString(e.what()));
            }
        });
}

void PickPage::show(const PickList &list, const QHash<QString, QString> &barcodes)
{
    m_list = list;
    m_barcodes = barcodes;
    m_title->setText(tr("Pick list %1").arg(list.number));
    QString status = TerminalText::status(list.effectiveStatus());
    if (!list.localStatus.isEmpty())
        status = tr("%1 (waiting to upload)").arg(status);
    m_status->setText(tr("%1 · %2 of %n line(s) done", nullptr, int(list.lines.size()))
                          .arg(status)
                          .arg(list.linesComplete()));
    if (list.conflict.isEmpty()) {
        m_conflict->hide();
    } else {
        const QString code = list.conflict.section(QLatin1Char(':'), 0, 0);
        const QString message = list.conflict.section(QLatin1Char(':'), 1);
        const QString what = code == QLatin1String("over_pick") ? tr("Over-pick refused by the server")
            : code == QLatin1String("stock_conflict") ? tr("Stock conflict: another terminal took the stock")
                                                      : tr("Refused by the server");
        m_conflict->setText(tr("%1: %2. The list below is the server's current state.").arg(what, message));
        m_conflict->show();
    }
    if (m_currentLine.isEmpty()
        || std::none_of(list.lines.cbegin(), list.lines.cend(), [this](const PickLine &line) {
               return line.lineId == m_currentLine && !line.complete();
           })) {
        const auto next = std::find_if(list.lines.cbegin(), list.lines.cend(),
                                       [](const PickLine &line) { return !line.complete(); });
        m_currentLine = next == list.lines.cend() ? QString() : next->lineId;
    }
    fillLines();
    Q_EMIT loaded();
}

void PickPage::fillLines()
{
    m_lines->setRowCount(int(m_list.lines.size()));
    for (int row = 0; row < m_list.lines.size(); ++row)
        fillRow(row);
    // The bin, the SKU and the order read whole; the product's name takes what is left. Room
    // for the bold of the current line, measured once per list rather than on every scan.
    for (int column = 0; column < ColumnCount; ++column) {
        if (column == NameColumn)
            continue;
        m_lines->resizeColumnToContents(column);
        m_lines->setColumnWidth(column,
                                m_lines->columnWidth(column) + m_lines->fontMetrics().averageCharWidth() * 2);
    }
}

void PickPage::fillRow(int row)
{
    const PickLine &line = m_list.lines.at(row);
    const QStringList cells {line.bin,
                             line.sku,
                             line.name,
                             TerminalText::quantity(line.quantityMilli) + QLatin1Char(' ') + line.unit,
                             TerminalText::quantity(line.pickedMilli),
                             line.orderNumber};
    const bool current = line.lineId == m_currentLine;
    for (int column = 0; column < ColumnCount; ++column) {
        auto *item = m_lines->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_lines->setItem(row, column, item);
        }
        item->setText(cells.at(column));
        QFont font = item->font();
        font.setBold(current);
        item->setFont(font);
        item->setBackground(line.complete() ? QColor(0xd7, 0xf0, 0xd7)
                                : current   ? QColor(0xff, 0xe5, 0x70)
                                            : QColor(Qt::white));
        item->setForeground(QColor(Qt::black));
        if (column == QuantityColumn || column == PickedColumn)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (current) {
        m_lines->selectRow(row);
        m_lines->scrollToItem(m_lines->item(row, 0));
    }
}

void PickPage::setCurrentLine(const QString &lineId)
{
    // Only the rows that change are touched: a scan repaints two rows, not the list.
    const QString previous = std::exchange(m_currentLine, lineId);
    for (int row = 0; row < m_list.lines.size() && row < m_lines->rowCount(); ++row) {
        const QString id = m_list.lines.at(row).lineId;
        if (id == previous || id == lineId)
            fillRow(row);
    }
}

qint64 PickPage::takeQuantity()
{
    const QString text = m_quantity->text().trimmed();
    m_quantity->clear();
    if (text.isEmpty())
        return 1000;
    const qint64 milli = milliFrom(text);
    return milli > 0 ? milli : -1;
}

void PickPage::handleScan(const QString &code)
{
    if (m_list.id.isEmpty())
        return;
    const qint64 quantity = takeQuantity();
    if (quantity < 0) {
        showMessage(ScanFeedback::Kind::Unknown, tr("The quantity is not a number; scan again."));
        return;
    }
    // Most scans are decided here from the list and its barcodes and answered at once; the cache
    // then records the scan and has the last word.
    QStringList products;
    if (const QString product = m_barcodes.value(code.trimmed()); !product.isEmpty())
        products.append(product);
    const ScanResult immediate = Picking::classify(m_list, products, code, quantity);
    if (immediate.outcome == ScanResult::Outcome::Unknown) {
        // Not a code of this list: the catalog tells a wrong item from an unknown barcode.
        const QString id = m_list.id;
        m_cache.submitThen(
            [code](QSqlDatabase &db) { return Picking::lookUp(db, code); }, this,
            [this, id, code, quantity](QFuture<Picking::CodeLookup> future) {
                if (id != m_list.id)
                    return;
                try {
                    const Picking::CodeLookup found = future.result();
                    ScanResult result = Picking::classify(m_list, found.products, code, quantity);
                    if (result.outcome == ScanResult::Outcome::WrongItem) {
                        result.productName = found.name;
                        result.sku = found.sku;
                    }
                    showFeedback(result);
                    if (result.outcome == ScanResult::Outcome::Picked)
                        record(result, code, quantity); // a code the list learnt meanwhile
                    else
                        Q_EMIT scanRecorded(result);
                } catch (const std::exception &e) {
                    showMessage(ScanFeedback::Kind::Unknown,
                                tr("The scan was not saved: %1").arg(QString::fromStdString(e.what())));
                }
            });
        return;
    }
    showFeedback(immediate);
    if (immediate.outcome != ScanResult::Outcome::Picked) {
        Q_EMIT scanRecorded(immediate);
        return;
    }
    record(immediate, code, quantity);
}

void PickPage::record(const ScanResult &immediate, const QString &code, qint64 quantity)
{
    for (PickLine &line : m_list.lines) {
        if (line.lineId == immediate.lineId) {
            line.pickedMilli = immediate.pickedMilli;
            line.pendingMilli += immediate.quantityMilli;
        }
    }
    setCurrentLine(immediate.lineId);
    const QString id = m_list.id;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_cache.submitThen(
        [id, code, quantity, now](QSqlDatabase &db) { return Picking::scan(db, id, code, quantity, now); },
        this,
        [this, immediate, id](QFuture<ScanResult> future) {
            if (id != m_list.id)
                return;
            try {
                applyRecorded(immediate, future.result());
            } catch (const std::exception &e) {
                showMessage(ScanFeedback::Kind::Unknown,
                            tr("The scan was not saved: %1").arg(QString::fromStdString(e.what())));
                reload();
            }
        });
}

void PickPage::applyRecorded(const ScanResult &immediate, const ScanResult &recorded)
{
    if (recorded.outcome == ScanResult::Outcome::Picked)
        Q_EMIT outboxChanged();
    if (recorded.outcome != immediate.outcome || recorded.lineId != immediate.lineId) {
        // The list changed underneath (a pull, another step): the cache's verdict stands.
        showFeedback(recorded);
        reload();
    } else if (recorded.outcome == ScanResult::Outcome::Picked
               && m_list.linesComplete() == m_list.lines.size()) {
        reload();
    }
    Q_EMIT scanRecorded(recorded);
}

void PickPage::showFeedback(const ScanResult &result)
{
    switch (result.outcome) {
    case ScanResult::Outcome::Picked:
        showMessage(ScanFeedback::Kind::Right,
                    tr("✔ %1 — %2\n%3 of %4 picked · bin %5")
                        .arg(result.sku, result.productName, TerminalText::quantity(result.pickedMilli),
                             TerminalText::quantity(result.lineQuantityMilli), result.bin));
        return;
    case ScanResult::Outcome::OverPick:
        showMessage(ScanFeedback::Kind::OverPick,
                    tr("Over-pick: %1 — %2\n%3 of %4 already picked; put %5 back")
                        .arg(result.sku, result.productName, TerminalText::quantity(result.pickedMilli),
                             TerminalText::quantity(result.lineQuantityMilli),
                             TerminalText::quantity(result.quantityMilli)));
        return;
    case ScanResult::Outcome::WrongItem:
        showMessage(
            ScanFeedback::Kind::Wrong,
            result.productName.isEmpty()
                ? tr("✘ Wrong item: %1 is not on this pick list").arg(result.code)
                : tr("✘ Wrong item: %1 — %2 is not on this pick list").arg(result.sku, result.productName));
        return;
    case ScanResult::Outcome::Unknown:
        showMessage(ScanFeedback::Kind::Unknown, tr("✘ Unknown barcode: %1").arg(result.code));
        return;
    case ScanResult::Outcome::NotPickable:
        showMessage(ScanFeedback::Kind::Wrong,
                    tr("This pick list is %1: nothing more can be picked on it.")
                        .arg(TerminalText::status(m_list.effectiveStatus()).toLower()));
        return;
    }
}

void PickPage::showMessage(ScanFeedback::Kind kind, const QString &text)
{
    m_lastFeedback = kind;
    m_feedback->setText(text);
    m_feedback->setStyleSheet(QStringLiteral("background: %1; color: %2;")
                                  .arg(ScanFeedback::background(kind), ScanFeedback::foreground(kind)));
    // Painted now, not at the next pass of the event loop: the picker looks up at once.
    m_feedback->repaint();
    m_sounds.play(kind);
}

QString PickPage::feedbackText() const
{
    return m_feedback->text();
}

void PickPage::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        Q_EMIT back();
        return;
    case Qt::Key_F2:
        m_code->setFocus(Qt::ShortcutFocusReason);
        return;
    case Qt::Key_F4:
        confirmPick();
        return;
    case Qt::Key_F6:
        packPick();
        return;
    case Qt::Key_F8:
        shipPick();
        return;
    case Qt::Key_F7:
        printPickList();
        return;
    case Qt::Key_F9:
        printPackingList();
        return;
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const int row = std::clamp(m_lines->currentRow() + (event->key() == Qt::Key_Up ? -1 : 1), 0,
                                   m_lines->rowCount() - 1);
        if (row >= 0 && row < m_list.lines.size())
            setCurrentLine(m_list.lines.at(row).lineId);
        return;
    }
    default:
        QWidget::keyPressEvent(event);
    }
}

void PickPage::refocus()
{
    // Back from a dialog the terminal listens again where it did before: the window active, the
    // quantity field focused.
    window()->activateWindow();
    m_quantity->setFocus(Qt::OtherFocusReason);
}

void PickPage::runStep(std::function<void(QSqlDatabase &)> step)
{
    m_cache.submitThen(std::move(step), this, [this](QFuture<void> future) {
        try {
            future.waitForFinished();
            Q_EMIT outboxChanged();
        } catch (const std::exception &e) {
            QMessageBox::warning(this, tr("Not saved"), QString::fromStdString(e.what()));
        }
        reload();
    });
}

void PickPage::confirmPick()
{
    const QString status = m_list.effectiveStatus();
    if (status != QLatin1String("open") && status != QLatin1String("picking")) {
        showMessage(ScanFeedback::Kind::Wrong, tr("Only a pick list being picked can be confirmed."));
        return;
    }
    ConfirmPickDialog dialog(m_list, m_barcodes, this);
    const int answer = dialog.exec();
    refocus();
    if (answer != QDialog::Accepted)
        return;
    const QList<ConfirmLine> lines = dialog.lines();
    const QString id = m_list.id;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    runStep([id, lines, now](QSqlDatabase &db) { Picking::confirm(db, id, lines, now); });
}

void PickPage::packPick()
{
    if (m_list.effectiveStatus() != QLatin1String("picked")) {
        showMessage(ScanFeedback::Kind::Wrong, tr("Confirm the pick list (F4) before packing."));
        return;
    }
    PackDialog dialog(m_list, this);
    const int answer = dialog.exec();
    refocus();
    if (answer != QDialog::Accepted)
        return;
    const QList<Package> packages = dialog.packages();
    const QString id = m_list.id;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    runStep([id, packages, now](QSqlDatabase &db) { Picking::pack(db, id, packages, now); });
}

void PickPage::shipPick()
{
    if (m_list.effectiveStatus() != QLatin1String("packed")) {
        showMessage(ScanFeedback::Kind::Wrong, tr("Pack the pick list (F6) before shipping."));
        return;
    }
    ShipDialog dialog(this);
    const int answer = dialog.exec();
    refocus();
    if (answer != QDialog::Accepted)
        return;
    const QString carrier = dialog.carrier();
    const QString tracking = dialog.tracking();
    const QString id = m_list.id;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    runStep(
        [id, carrier, tracking, now](QSqlDatabase &db) { Picking::ship(db, id, carrier, tracking, now); });
}

void PickPage::printPickList()
{
    if (!m_list.number.isEmpty())
        PickPrinting::printWithDialog(PickPrinting::pickListHtml(m_list),
                                      tr("Pick list %1").arg(m_list.number), this);
}

void PickPage::printPackingList()
{
    if (!m_list.number.isEmpty())
        PickPrinting::printWithDialog(PickPrinting::packingListHtml(m_list),
                                      tr("Packing list %1").arg(m_list.number), this);
}

} // namespace portico::client
