#pragma once

#include "exchange/commercemlrecords.h"

#include <QHash>
#include <QSet>
#include <QStringDecoder>
#include <QStringList>

class QIODevice;

namespace portico::server {

// The CSV files of companies without 1C (docs/EXCHANGE.md, "CSV"): products, prices, stock or
// customers, one kind per file, told apart by the header row. UTF-8 (a BOM is fine) or, when the
// file is not valid UTF-8, windows-1251; ';' or ',' as the separator (whichever the header
// uses), fields quoted with '"' when they hold one, doubled quotes inside. Read row by row into
// the same sink as CommerceML, so the rules (matching by id, decimal commas, atomic import, the
// feed) are the importer's, once. Throws ImportError naming the line.
class CsvImport final
{
public:
    explicit CsvImport(CommerceMLSink &sink)
        : m_sink(sink)
    { }

    void read(QIODevice &device);

private:
    enum class Kind { Products, Prices, Stock, Customers };

    bool nextRow(QIODevice &device, QStringList &fields);
    QString field(const QStringList &row, const QString &column) const;
    void row(Kind kind, const QStringList &fields);

    CommerceMLSink &m_sink;
    QStringDecoder m_decoder;
    QChar m_separator = QLatin1Char(';');
    QHash<QString, qsizetype> m_columns;
    QSet<QString> m_declared; // groups, price types and warehouses already handed over
    int m_line = 0;
};

} // namespace portico::server
