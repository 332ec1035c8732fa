#pragma once

#include "exchange/commercemlrecords.h"

#include <QString>
#include <QXmlStreamReader>

#include <stdexcept>

class QIODevice;

namespace portico::server {

// A CommerceML file that cannot be read: not well-formed, a DOCTYPE, an encoding that does not
// match its declaration, a truncated file. The message says what and where (line:column).
class CommerceMLError final : public std::runtime_error
{
public:
    explicit CommerceMLError(const QString &message)
        : std::runtime_error(message.toStdString())
    { }
};

// Reads a CommerceML 2.03-2.10 or 3.x file as a stream (QXmlStreamReader), handing each
// group, property, product, price type, warehouse, offer, counterparty and document to a sink
// as soon as it is complete, so memory stays flat however large the file. Which sections a
// file holds decides what it is (import, offers, prices, rests, counterparties, orders), never
// its name. Element names are matched without their namespace, so commerceml_2 and
// commerceml_3 files read alike.
//
// The encoding comes from the XML declaration (UTF-8 with or without a BOM, windows-1251);
// bytes that do not decode are an error, not replacement characters. A DOCTYPE is refused
// before anything is read from it, so no entity is ever expanded and nothing external is
// fetched.
class CommerceMLReader final
{
public:
    explicit CommerceMLReader(CommerceMLSink &sink)
        : m_sink(sink)
    { }

    // Reads the whole device; throws CommerceMLError, or passes on what the sink throws.
    void read(QIODevice &device);

private:
    void readRoot();
    void readClassifier();
    void readGroups(const QString &parentId);
    void readGroup(const QString &parentId, int sortOrder);
    void readProperties();
    void readProperty();
    void readCatalog();
    void readProduct();
    void readOfferPackage();
    void readPriceTypes();
    void readWarehouses();
    void readOffer();
    void readCounterparties();
    void readCounterparty(CmlCounterparty &counterparty);
    void readDocument();

    QString text(); // the current element's text, trimmed; skips child elements
    bool next(); // next child start element of the current element; false at its end
    void skip();
    bool is(const char16_t *name) const;
    [[noreturn]] void fail(const QString &why) const;

    CommerceMLSink &m_sink;
    QXmlStreamReader m_xml;
};

} // namespace portico::server
