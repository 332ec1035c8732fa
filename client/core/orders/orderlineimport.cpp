#include "orders/orderlineimport.h"

#include "cache/catalogqueries.h"

#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>
#include <array>

namespace portico::client {

namespace {

// One record of delimited text: its cells and the row it starts on.
struct Record
{
    int row = 0;
    QStringList cells;
    QString text;
};

bool isLineBreak(QChar c)
{
    return c == u'\n' || c == u'\r';
}

// RFC 4180 as Excel writes it, with any delimiter: a cell that starts with a quote runs to the
// closing quote, "" inside it is one quote, and it may hold delimiters and line breaks.
QList<Record> recordsOf(const QString &text, QChar delimiter)
{
    QList<Record> records;
    const qsizetype n = text.size();
    qsizetype i = 0;
    int line = 1;
    while (i < n) {
        Record record;
        record.row = line;
        const qsizetype start = i;
        qsizetype end = n;
        QString cell;
        bool atCellStart = true;
        while (true) {
            if (i >= n) {
                record.cells.append(cell);
                end = n;
                break;
            }
            const QChar c = text.at(i);
            if (atCellStart && c == u'"') {
                ++i;
                while (i < n) {
                    const QChar q = text.at(i);
                    if (q == u'"') {
                        if (i + 1 < n && text.at(i + 1) == u'"') {
                            cell += u'"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (q == u'\n')
                        ++line;
                    cell += q;
                    ++i;
                }
                atCellStart = false;
                continue;
            }
            atCellStart = false;
            if (c == delimiter) {
                record.cells.append(cell);
                cell.clear();
                atCellStart = true;
                ++i;
                continue;
            }
            if (isLineBreak(c)) {
                record.cells.append(cell);
                end = i;
                if (c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n')
                    ++i;
                ++i;
                ++line;
                break;
            }
            cell += c;
            ++i;
        }
        record.text = text.mid(start, end - start);
        records.append(record);
    }
    return records;
}

// The first line that has any: a tab (Excel's clipboard), else a semicolon (Excel's CSV where the
// decimal separator is a comma), else a comma; outside quotes. A single column reads as tabs.
QChar delimiterOf(const QString &text)
{
    bool tab = false;
    bool semicolon = false;
    bool comma = false;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == u'"') {
            quoted = !quoted;
            continue;
        }
        if (quoted)
            continue;
        if (isLineBreak(c) && (tab || semicolon || comma))
            break;
        tab = tab || c == u'\t';
        semicolon = semicolon || c == u';';
        comma = comma || c == u',';
    }
    if (tab)
        return u'\t';
    if (semicolon)
        return u';';
    if (comma)
        return u',';
    return u'\t';
}

QString folded(const QString &cell)
{
    QString text = cell.trimmed().toLower();
    text.replace(u'ё', u'е');
    static const QRegularExpression punctuation(QStringLiteral("[\\s._:;№#*(),/-]"));
    text.remove(punctuation);
    return text;
}

// Header names, folded (no spaces, dots, dashes): the code columns in order of preference.
const QStringList &skuNames()
{
    static const QStringList names {
        QStringLiteral("sku"),         QStringLiteral("артикул"),  QStringLiteral("article"),
        QStringLiteral("articleno"),   QStringLiteral("partno"),   QStringLiteral("code"),
        QStringLiteral("productcode"), QStringLiteral("itemcode"), QStringLiteral("код"),
        QStringLiteral("кодтовара"),
    };
    return names;
}

const QStringList &barcodeNames()
{
    static const QStringList names {QStringLiteral("barcode"), QStringLiteral("штрихкод"),
                                    QStringLiteral("ean"), QStringLiteral("ean13"), QStringLiteral("gtin")};
    return names;
}

const QStringList &quantityNames()
{
    static const QStringList names {
        QStringLiteral("qty"),          QStringLiteral("quantity"), QStringLiteral("количество"),
        QStringLiteral("колво"),        QStringLiteral("кол"),      QStringLiteral("count"),
        QStringLiteral("orderqty"),     QStringLiteral("шт"),       QStringLiteral("штук"),
        QStringLiteral("pcs"),          QStringLiteral("units"),    QStringLiteral("колвошт"),
        QStringLiteral("количествошт"),
    };
    return names;
}

int columnNamed(const QStringList &cells, const QStringList &names)
{
    for (const QString &name : names) {
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (folded(cells.at(i)) == name)
                return static_cast<int>(i);
        }
    }
    return -1;
}

bool hasDigit(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); });
}

bool isBlank(const Record &record)
{
    return std::all_of(record.cells.cbegin(), record.cells.cend(),
                       [](const QString &cell) { return cell.trimmed().isEmpty(); });
}

// The columns of a header row, or none when the row is data.
struct Columns
{
    int code = -1;
    int quantity = -1;
};

std::optional<Columns> headerColumns(const Record &record)
{
    // A row with a number in it is data, even when a cell reads like a column name ("шт").
    if (std::any_of(record.cells.cbegin(), record.cells.cend(),
                    [](const QString &cell) { return OrderLineImport::parseQuantity(cell).has_value(); }))
        return std::nullopt;
    Columns columns;
    columns.code = columnNamed(record.cells, skuNames());
    if (columns.code < 0)
        columns.code = columnNamed(record.cells, barcodeNames());
    columns.quantity = columnNamed(record.cells, quantityNames());
    // A first row with names this does not know is read as data and reported, rather than
    // skipped in silence: it might be a product.
    if (columns.code >= 0 || columns.quantity >= 0)
        return columns;
    return std::nullopt;
}

QString quantityProblem(const QString &text)
{
    static const QRegularExpression number(QStringLiteral("^[-+]?[0-9\\s\\x{00A0}\\x{202F}]*[.,]?([0-9]*)$"));
    const QRegularExpressionMatch match = number.match(text);
    if (match.hasMatch() && hasDigit(text) && match.captured(1).size() > 3)
        return OrderLineImport::tr("The quantity “%1” has more than three decimals.").arg(text);
    return OrderLineImport::tr("“%1” is not a quantity.").arg(text);
}

// windows-1251's upper half from 0x80 to 0xBF; 0xC0-0xFF are А..я in order.
constexpr std::array<char16_t, 64> Windows1251High {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A,
    0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122,
    0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6,
    0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456,
    0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
};

QString fromWindows1251(const QByteArray &bytes)
{
    // ICU's converter when Qt was built with it; the table otherwise.
    QStringDecoder decoder("windows-1251");
    if (decoder.isValid())
        return decoder.decode(bytes);
    QString text;
    text.reserve(bytes.size());
    for (const char byte : bytes) {
        const auto b = static_cast<unsigned char>(byte);
        if (b < 0x80)
            text += QChar(char16_t(b));
        else if (b < 0xC0)
            text += QChar(Windows1251High[b - 0x80]);
        else
            text += QChar(char16_t(0x0410 + (b - 0xC0)));
    }
    return text;
}

} // namespace

std::optional<Quantity> OrderLineImport::parseQuantity(QStringView input)
{
    QString text = input.trimmed().toString();
    static const QRegularExpression grouping(QStringLiteral("[\\s\\x{00A0}\\x{202F}\\x{2009}']"));
    text.remove(grouping);
    if (text.startsWith(u'+'))
        text.remove(0, 1);
    const qsizetype comma = text.lastIndexOf(u',');
    const qsizetype point = text.lastIndexOf(u'.');
    if (comma >= 0 && point >= 0) {
        // Both: the later one is the decimal separator, the other groups thousands.
        text.remove(comma > point ? u'.' : u',');
    } else if (text.count(u',') > 1) {
        text.remove(u',');
    } else if (text.count(u'.') > 1) {
        text.remove(u'.');
    }
    return Quantity::parse(text);
}

QString OrderLineImport::decodeFile(const QByteArray &bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return QString::fromUtf8(bytes.sliced(3));
    if (bytes.startsWith("\xFF\xFE")) {
        QStringDecoder utf16(QStringDecoder::Utf16LE);
        return utf16.decode(bytes.sliced(2));
    }
    if (bytes.startsWith("\xFE\xFF")) {
        QStringDecoder utf16(QStringDecoder::Utf16BE);
        return utf16.decode(bytes.sliced(2));
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        return text;
    return fromWindows1251(bytes);
}

ParsedImport OrderLineImport::parseFile(const QByteArray &bytes)
{
    return parseText(decodeFile(bytes));
}

ParsedImport OrderLineImport::parseText(const QString &text)
{
    ParsedImport parsed;
    const QList<Record> records = recordsOf(text, delimiterOf(text));
    std::optional<Columns> columns;
    bool first = true;
    for (const Record &record : records) {
        if (isBlank(record))
            continue;
        if (first) {
            first = false;
            columns = headerColumns(record);
            if (columns)
                continue;
        }
        int codeColumn = columns ? columns->code : -1;
        int quantityColumn = columns ? columns->quantity : -1;
        if (codeColumn < 0) {
            // The first filled cell, when there is more than one: a range copied from further
            // right than column A. A single filled cell is read where it stands.
            const auto filled = std::count_if(record.cells.cbegin(), record.cells.cend(),
                                              [](const QString &cell) { return !cell.trimmed().isEmpty(); });
            codeColumn = filled < 2
                ? 0
                : static_cast<int>(std::find_if(record.cells.cbegin(), record.cells.cend(),
                                                [](const QString &cell) { return !cell.trimmed().isEmpty(); })
                                   - record.cells.cbegin());
        }
        if (quantityColumn < 0) {
            // The last number after the code (a name, a unit or a comment may stand around it);
            // with none, the last filled cell, to say what is wrong with it.
            for (auto i = record.cells.size() - 1; i > codeColumn; --i) {
                const QString cell = record.cells.at(i).trimmed();
                if (cell.isEmpty())
                    continue;
                if (quantityColumn < 0)
                    quantityColumn = static_cast<int>(i);
                if (parseQuantity(cell)) {
                    quantityColumn = static_cast<int>(i);
                    break;
                }
            }
        }
        const QString code = record.cells.value(codeColumn).trimmed();
        const QString quantityText
            = quantityColumn >= 0 ? record.cells.value(quantityColumn).trimmed() : QString();
        auto problem = [&](const QString &reason) {
            parsed.problems.append(ImportProblem {record.row, record.text, reason});
        };
        if (code.isEmpty()) {
            problem(tr("The row has no SKU or barcode."));
            continue;
        }
        if (quantityText.isEmpty()) {
            problem(tr("The row has no quantity."));
            continue;
        }
        const std::optional<Quantity> quantity = parseQuantity(quantityText);
        if (!quantity) {
            problem(quantityProblem(quantityText));
            continue;
        }
        if (!quantity->isPositive()) {
            problem(tr("The quantity must be greater than zero."));
            continue;
        }
        parsed.lines.append(ImportedLine {record.row, code, *quantity, record.text});
    }
    return parsed;
}

ImportResult OrderLineImport::resolve(QSqlDatabase &db, const ParsedImport &parsed)
{
    ImportResult result;
    result.problems = parsed.problems;
    for (const ImportedLine &line : parsed.lines) {
        std::optional<Product> product = CatalogQueries::productBySku(db, line.code);
        if (!product)
            product = CatalogQueries::productByBarcode(db, line.code);
        if (!product) {
            result.problems.append(
                ImportProblem {line.row, line.text,
                               tr("No product with the SKU or barcode “%1” in the catalog.").arg(line.code)});
            continue;
        }
        if (!product->active) {
            result.problems.append(ImportProblem {
                line.row, line.text,
                tr("The product “%1” (%2) is no longer sold.").arg(product->name, product->sku)});
            continue;
        }
        result.lines.append(DraftLine {product->id, line.quantity});
        result.lineRows.append(line.row);
    }
    std::stable_sort(result.problems.begin(), result.problems.end(),
                     [](const ImportProblem &a, const ImportProblem &b) { return a.row < b.row; });
    return result;
}

} // namespace portico::client
