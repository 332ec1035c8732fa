#pragma once

#include "domain/quantity.h"
#include "orders/localorders.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace portico::client {

// A row of pasted or imported text that names a product and a quantity. `row` is the row number
// the user sees in the spreadsheet (1-based, a header row counted).
struct ImportedLine
{
    int row = 0;
    QString code; // SKU or barcode, as written
    Quantity quantity;
    QString text; // the row as it was written, for reports
};

// A row that was not understood, with the reason as a sentence for the user.
struct ImportProblem
{
    int row = 0;
    QString text;
    QString reason;
    friend bool operator==(const ImportProblem &, const ImportProblem &) = default;
};

struct ParsedImport
{
    QList<ImportedLine> lines;
    QList<ImportProblem> problems;
};

// What an import adds to the cart: the lines it understood and found in the catalog, in the order
// of the rows, and every row it did not understand, by row number.
struct ImportResult
{
    QList<DraftLine> lines;
    QList<int> lineRows; // the row each of `lines` came from
    QList<ImportProblem> problems;
};

// Order lines from a spreadsheet: text pasted from Excel (cells separated by tabs, quoted when
// they hold a tab, a quote or a line break) and CSV files (comma or semicolon, UTF-8 with or
// without a BOM, UTF-16 with a BOM as Excel's "Unicode text", or windows-1251). Two columns are
// read: the product's SKU or barcode and the quantity. With a header row ("SKU", "Артикул",
// "Quantity", "Кол-во" ...) the columns are found by name; without one the code is the first
// filled cell and the quantity the last number after it. A first row is a header only when it
// names a known column and holds no number, so a product row is never skipped unreported.
// Quantities take a decimal comma or point and grouping spaces ("1 250,5").
class OrderLineImport final
{
    Q_DECLARE_TR_FUNCTIONS(OrderLineImport)

public:
    OrderLineImport() = delete;

    // Text as it comes from the clipboard or from a decoded file.
    static ParsedImport parseText(const QString &text);
    // A CSV file's bytes: decoded (decodeFile()), then parsed.
    static ParsedImport parseFile(const QByteArray &bytes);
    // The encodings above, told apart by BOM, then by whether the bytes are valid UTF-8.
    static QString decodeFile(const QByteArray &bytes);
    // A quantity as people type it; none when it is not a number with at most three decimals.
    static std::optional<Quantity> parseQuantity(QStringView text);

    // Looks each code up in the cache (exact SKU first, then barcode) inside a cache job.
    // Throws CacheError on a failed statement.
    static ImportResult resolve(QSqlDatabase &db, const ParsedImport &parsed);
};

} // namespace portico::client
