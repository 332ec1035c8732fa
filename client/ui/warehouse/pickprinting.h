#pragma once

#include "warehouse/warehousetypes.h"

#include <QCoreApplication>
#include <QString>

class QPrinter;
class QTextDocument;
class QWidget;

namespace portico::client {

class PickPrinting final
{
    Q_DECLARE_TR_FUNCTIONS(portico::client::PickPrinting)

public:
    // The pick list as the picker walks it: lines in bin order with SKU, name, quantity and a
    // column to tick, and the orders it serves. HTML for a QTextDocument.
    static QString pickListHtml(const PickList &list);
    // The packing list that goes with the shipment: each package with its weight and lines, the
    // customers and order numbers, and the carrier and tracking number once shipped.
    static QString packingListHtml(const PickList &list);

    // Prints `html` on `printer` (A4, the document laid out for the page).
    static void print(const QString &html, QPrinter &printer);
    // Asks for a printer (Qt's dialog offers "Print to File (PDF)" too) and prints; false when the
    // user cancelled.
    static bool printWithDialog(const QString &html, const QString &title, QWidget *parent);
    // Writes `html` as a PDF file; false when the file cannot be written.
    static bool printToPdf(const QString &html, const QString &path);

private:
    static QString head(const QString &title, const PickList &list);
    static QString ordersOf(const PickList &list);
};

} // namespace portico::client
