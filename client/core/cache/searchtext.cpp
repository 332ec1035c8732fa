#include "cache/searchtext.h"

#include <QJsonArray>
#include <QJsonValue>

namespace portico::client::SearchText {

namespace {

// The folded form of one UTF-16 unit that case folding has already lowered.
char16_t foldLetter(char16_t c) noexcept
{
    switch (c) {
    case u'ё':
        return u'е';
    case u'a':
        return u'а';
    case u'b':
        return u'в';
    case u'c':
        return u'с';
    case u'e':
        return u'е';
    case u'h':
        return u'н';
    case u'k':
        return u'к';
    case u'm':
        return u'м';
    case u'o':
        return u'о';
    case u'p':
        return u'р';
    case u't':
        return u'т';
    case u'x':
        return u'х';
    case u'y':
        return u'у';
    default:
        return c;
    }
}

bool hasLetterOrDigit(QStringView word)
{
    for (const QChar c : word) {
        if (c.isLetterOrNumber())
            return true;
    }
    return false;
}

} // namespace

QString fold(QStringView text)
{
    QString folded = text.toString().toCaseFolded();
    for (QChar &c : folded)
        c = QChar(foldLetter(c.unicode()));
    return folded;
}

QString sortKey(QStringView text)
{
    QString key = text.toString().toCaseFolded();
    key.replace(QChar(u'ё'), QChar(u'е'));
    return key;
}

QString matchQuery(QStringView userText)
{
    const QString folded = fold(userText);
    QString query;
    qsizetype start = 0;
    while (start < folded.size()) {
        while (start < folded.size() && folded.at(start).isSpace())
            ++start;
        qsizetype end = start;
        while (end < folded.size() && !folded.at(end).isSpace())
            ++end;
        const QStringView word = QStringView(folded).sliced(start, end - start);
        start = end;
        if (!hasLetterOrDigit(word))
            continue;
        if (!query.isEmpty())
            query += QLatin1Char(' ');
        // Inside a string FTS5 takes everything literally except the quote, written twice.
        QString quoted = word.toString();
        quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
        query += QLatin1Char('"') + quoted + QLatin1String("\"*");
    }
    return query;
}

ProductColumns productColumns(const QJsonObject &product)
{
    ProductColumns columns;
    columns.name = fold(product.value(QLatin1String("name")).toString());
    columns.sku = fold(product.value(QLatin1String("sku")).toString());
    const QJsonArray barcodes = product.value(QLatin1String("barcodes")).toArray();
    for (const QJsonValue &barcode : barcodes) {
        if (!columns.barcodes.isEmpty())
            columns.barcodes += QLatin1Char(' ');
        columns.barcodes += barcode.toString();
    }
    const QJsonArray properties = product.value(QLatin1String("properties")).toArray();
    for (const QJsonValue &property : properties) {
        const QString value = property.toObject().value(QLatin1String("value")).toString();
        if (value.isEmpty())
            continue;
        if (!columns.properties.isEmpty())
            columns.properties += QLatin1String(" | ");
        columns.properties += value;
    }
    columns.barcodes = fold(columns.barcodes);
    columns.properties = fold(columns.properties);
    return columns;
}

} // namespace portico::client::SearchText
