#include "orders/documentsview.h"

#include "models/orderstatustext.h"

#include <QLocale>

namespace portico::client {

DocumentsView::DocumentsView(Orders orders, QWidget *parent)
    : QTreeWidget(parent)
{
    QStringList headers {tr("Document"), tr("Number"), tr("Date"), tr("Amount")};
    if (orders == Orders::Shown)
        headers << tr("Order");
    setHeaderLabels(headers);
    setRootIsDecorated(false);
}

DocumentsView::~DocumentsView() = default;

void DocumentsView::showDocuments(const QList<std::pair<Document, QString>> &documents)
{
    clear();
    const QLocale locale;
    for (const auto &[document, orderNumber] : documents) {
        auto *item = new QTreeWidgetItem(this);
        item->setText(0, OrderStatusText::documentKind(document.kind));
        item->setText(1, document.number);
        item->setText(2, locale.toString(document.date, QLocale::ShortFormat));
        item->setText(3, document.amount.toDisplayString(locale));
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        if (columnCount() > 4)
            item->setText(4, orderNumber);
    }
    for (int column = 0; column < columnCount(); ++column)
        resizeColumnToContents(column);
}

void DocumentsView::showDocuments(const QList<Document> &documents)
{
    QList<std::pair<Document, QString>> withoutOrders;
    withoutOrders.reserve(documents.size());
    for (const Document &document : documents)
        withoutOrders.append({document, QString()});
    showDocuments(withoutOrders);
}

} // namespace portico::client
