// Order lines as a user pastes them from Excel or picks a CSV file: any bytes at all.
// Invariants: every row is either a line or a problem, never both and never twice; a line has a
// code and a positive quantity; a problem says why; rows come in the order of the text.
#include "orders/orderlineimport.h"

#include <QSet>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const portico::client::ParsedImport parsed = portico::client::OrderLineImport::parseFile(bytes);
    QSet<int> rows;
    int previous = 0;
    for (const auto &line : parsed.lines) {
        if (line.row < 1 || line.row <= previous || line.code.isEmpty() || line.code != line.code.trimmed()
            || !line.quantity.isPositive() || rows.contains(line.row))
            std::abort();
        rows.insert(line.row);
        previous = line.row;
    }
    previous = 0;
    for (const auto &problem : parsed.problems) {
        if (problem.row < 1 || problem.row <= previous || problem.reason.isEmpty()
            || rows.contains(problem.row))
            std::abort();
        rows.insert(problem.row);
        previous = problem.row;
    }
    // Pasted text goes through the same reader without the decoding step.
    const auto pasted = portico::client::OrderLineImport::parseText(QString::fromUtf8(bytes));
    for (const auto &line : pasted.lines) {
        if (line.row < 1 || line.code.isEmpty() || !line.quantity.isPositive())
            std::abort();
    }
    return 0;
}
