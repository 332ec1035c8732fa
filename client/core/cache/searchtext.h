#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringView>

namespace portico::client {

// The text the product search index holds and the queries run against it. Both sides are folded
// the same way in C++ (SQLite's own folding knows ASCII only), so the index never depends on the
// tokenizer's idea of case:
//  - Unicode case folding, in any script ("БОЛТ" -> "болт", "Bosch" -> "bosch");
//  - ё as е ("ёрш" and "ерш" are one word to a Russian reader);
//  - Latin letters that look like Cyrillic ones written in Cyrillic (a b c e h k m o p t x y),
//    because sizes and article numbers get typed on either keyboard layout ("M8x40" on a Latin
//    layout, "М8х40" in the catalog). The mapping is per letter, so every prefix of a word folds
//    to a prefix of the folded word and prefix search keeps working.
// The index uses the unicode61 tokenizer with remove_diacritics 0, so й stays apart from и.
namespace SearchText {

QString fold(QStringView text);

// The key names sort by: case-folded, ё as е, nothing else changed (Latin names stay Latin and
// sort before Cyrillic ones). Cyrillic letters then sort in alphabetical order by code point.
QString sortKey(QStringView text);

// The FTS5 MATCH expression for what a user typed: every whitespace-separated word a prefix,
// all of them required ("болт м8" -> "болт"* "м8"*). A word the tokenizer splits ("см-100")
// becomes a phrase whose last token is a prefix. Words without a letter or digit are dropped;
// the result is empty when nothing searchable is left.
QString matchQuery(QStringView userText);

// The folded search columns of a product, from its JSON as the feed sends it.
struct ProductColumns
{
    QString name;
    QString sku;
    QString barcodes; // space-separated
    QString properties; // property values, " | "-separated
};
ProductColumns productColumns(const QJsonObject &product);

} // namespace SearchText

} // namespace portico::client
