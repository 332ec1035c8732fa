#include "warehouse/pickprinting.h"

#include "domain/quantity.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPrintDialog>
#include <QPrinter>
#include <QSet>
#include <QTextDocument>

namespace portico::client {

namespace {

QString quantity(qint64 milli)
{
    return Quantity::fromMilli(milli).toDisplayString(QLocale());
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QString PickPrinting::head(const QString &title, const PickList &list)
{
    return QStringLiteral("<html><body style=\"font-family: sans-serif; font-size: 10pt\">"
                          "<h1>%1 %2</h1><p>%3</p>")
        .arg(escaped(title), escaped(list.number),
             escaped(tr("Created %1")
                         .arg(QLocale().toString(list.createdAt.toLocalTime(), QLocale::ShortFormat))));
}

QString PickPrinting::ordersOf(const PickList &list)
{
    QStringList orders;
    QSet<QString> seen;
    for (const PickLine &line : list.lines) {
        if (seen.contains(line.orderId))
            continue;
        seen.insert(line.orderId);
        orders.append(escaped(tr("Order %1 — %2").arg(line.orderNumber, line.customerName)));
    }
    return QStringLiteral("<p>%1</p>").arg(orders.join(QStringLiteral("<br>")));
}

QString PickPrinting::pickListHtml(const PickList &list)
{
    QString html = head(tr("Pick list"), list) + ordersOf(list);
    html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\"><tr>");
    for (const QString &title :
         {tr("Bin"), tr("SKU"), tr("Product"), tr("Order"), tr("Quantity"), tr("Picked")})
        html += QStringLiteral("<th>%1</th>").arg(escaped(title));
    html += QStringLiteral("</tr>");
    for (const PickLine &line : list.lines) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td><td>%4</td>"
                               "<td align=\"right\">%5 %6</td><td align=\"right\">%7</td></tr>")
                    .arg(escaped(line.bin), escaped(line.sku), escaped(line.name), escaped(line.orderNumber),
                         quantity(line.quantityMilli), escaped(line.unit),
                         line.pickedMilli > 0 ? quantity(line.pickedMilli) : QString());
    }
    html += QStringLiteral("</table></body></html>");
    return html;
}

QString PickPrinting::packingListHtml(const PickList &list)
{
    QString html = head(tr("Packing list"), list) + ordersOf(list);
    QHash<QString, const PickLine *> lines;
    for (const PickLine &line : list.lines)
        lines.insert(line.lineId, &line);
    if (list.shipment) {
        html += QStringLiteral("<p>%1</p>")
                    .arg(escaped(
                        tr("Shipment %1, carrier %2, tracking %3")
                            .arg(list.shipment->number, list.shipment->carrier, list.shipment->tracking)));
    }
    if (list.packages.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(escaped(tr("Not packed yet.")));
    for (const Package &package : list.packages) {
        html += QStringLiteral("<h2>%1</h2>")
                    .arg(escaped(
                        tr("Package %1 — %2 kg").arg(package.number).arg(quantity(package.weightGrams))));
        html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\"><tr>");
        for (const QString &title : {tr("SKU"), tr("Product"), tr("Order"), tr("Customer"), tr("Quantity")})
            html += QStringLiteral("<th>%1</th>").arg(escaped(title));
        html += QStringLiteral("</tr>");
        for (const PackageLine &packed : package.lines) {
            const PickLine *line = lines.value(packed.lineId);
            if (!line)
                continue;
            html
                += QStringLiteral(
                       "<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td align=\"right\">%5 %6</td></tr>")
                       .arg(escaped(line->sku), escaped(line->name), escaped(line->orderNumber),
                            escaped(line->customerName), quantity(packed.quantityMilli), escaped(line->unit));
        }
        html += QStringLiteral("</table>");
    }
    html += QStringLiteral("</body></html>");
    return html;
}

void PickPrinting::print(const QString &html, QPrinter &printer)
{
    QTextDocument document;
    document.setHtml(html);
    document.setPageSize(printer.pageRect(QPrinter::Point).size());
    document.print(&printer);
}

bool PickPrinting::printWithDialog(const QString &html, const QString &title, QWidget *parent)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(title);
    printer.setPageSize(QPageSize(QPageSize::A4));
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(title);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    print(html, printer);
    return true;
}

bool PickPrinting::printToPdf(const QString &html, const QString &path)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(QPageSize(QPageSize::A4));
    print(html, printer);
    return QFileInfo(path).size() > 0;
}

} // namespace portico::client
