#include "exchange/csvimport.h"

#include "exchange/importerror.h"

#include <QIODevice>

namespace portico::server {

namespace {

// UTF-8 when every line of the file is, else windows-1251, in which Excel saves CSV on a Russian
// Windows (cp1251 text with Cyrillic in it is next to never valid UTF-8). A device that cannot be
// read twice must be UTF-8.
QStringDecoder decoderFor(QIODevice &device)
{
    bool utf8 = true;
    if (!device.isSequential()) {
        const qint64 start = device.pos();
        while (utf8 && !device.atEnd())
            utf8 = device.readLine().isValidUtf8();
        if (!device.seek(start))
            throw ImportError(QStringLiteral("the CSV file cannot be read again from its start"));
    }
    if (utf8)
        return QStringDecoder(QStringDecoder::Utf8);
    QStringDecoder cp1251("windows-1251");
    if (!cp1251.isValid())
        throw ImportError(QStringLiteral("the CSV file is not UTF-8, and windows-1251 cannot be read here"));
    return cp1251;
}

} // namespace

void CsvImport::read(QIODevice &device)
{
    m_decoder = decoderFor(device);
    QStringList header;
    // The separator is whichever of ';' and ',' the header row uses.
    const QByteArray first = device.peek(4096);
    const qsizetype end = first.indexOf('\n');
    const QByteArray headLine = end < 0 ? first : first.left(end);
    m_separator = headLine.count(';') >= headLine.count(',') ? QLatin1Char(';') : QLatin1Char(',');
    if (!nextRow(device, header))
        throw ImportError(QStringLiteral("the CSV file is empty"));
    if (!header.isEmpty() && header.first().startsWith(QChar(0xFEFF)))
        header.first().remove(0, 1);
    for (qsizetype i = 0; i < header.size(); ++i)
        m_columns.insert(header.at(i).trimmed().toLower(), i);
    Kind kind;
    const auto has = [this](const char *name) {
        return m_columns.contains(QLatin1String(name));
    };
    if (has("customer_id") && has("name"))
        kind = Kind::Customers;
    else if (has("product_id") && has("price_type_id") && has("price"))
        kind = Kind::Prices;
    else if (has("product_id") && has("warehouse_id") && has("quantity"))
        kind = Kind::Stock;
    else if (has("product_id") && has("name"))
        kind = Kind::Products;
    else
        throw ImportError(
            QStringLiteral("line 1: the header names no known CSV kind (products, prices, stock, "
                           "customers; see docs/EXCHANGE.md)"));
    m_sink.package(kind != Kind::Products);
    QStringList fields;
    while (nextRow(device, fields)) {
        if (fields.size() == 1 && fields.first().trimmed().isEmpty())
            continue;
        if (fields.size() != header.size())
            throw ImportError(QStringLiteral("line %1: %2 fields, the header has %3")
                                  .arg(m_line)
                                  .arg(fields.size())
                                  .arg(header.size()));
        row(kind, fields);
    }
}

bool CsvImport::nextRow(QIODevice &device, QStringList &fields)
{
    fields.clear();
    if (device.atEnd())
        return false;
    QString current;
    bool quoted = false;
    bool any = false;
    while (!device.atEnd()) {
        const QString line = m_decoder.decode(device.readLine());
        ++m_line;
        if (m_decoder.hasError())
            throw ImportError(QStringLiteral("line %1 is not UTF-8 text").arg(m_line));
        any = true;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const QChar c = line.at(i);
            if (quoted) {
                if (c == QLatin1Char('"')) {
                    if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                        current.append(c);
                        ++i;
                    } else {
                        quoted = false;
                    }
                } else {
                    current.append(c);
                }
            } else if (c == QLatin1Char('"')) {
                quoted = true;
            } else if (c == m_separator) {
                fields << current;
                current.clear();
            } else if (c != QLatin1Char('\n') && c != QLatin1Char('\r')) {
                current.append(c);
            }
        }
        if (!quoted)
            break;
    }
    if (quoted)
        throw ImportError(QStringLiteral("line %1: a quoted field is not closed").arg(m_line));
    fields << current;
    return any;
}

QString CsvImport::field(const QStringList &row, const QString &column) const
{
    const qsizetype index = m_columns.value(column, -1);
    return index < 0 ? QString() : row.at(index).trimmed();
}

void CsvImport::row(Kind kind, const QStringList &f)
{
    const auto value = [&](const char *column) {
        return field(f, QLatin1String(column));
    };
    switch (kind) {
    case Kind::Products: {
        CmlProduct product;
        product.id = value("product_id");
        if (product.id.isEmpty())
            throw ImportError(QStringLiteral("line %1: no product_id").arg(m_line));
        product.name = value("name");
        product.sku = value("sku");
        if (const QString group = value("group_id"); !group.isEmpty()) {
            if (!m_declared.contains(QStringLiteral("g:") + group) && !value("group_name").isEmpty()) {
                m_sink.group({group, {}, value("group_name"), 0});
                m_declared.insert(QStringLiteral("g:") + group);
            }
            product.groupId = group;
        }
        if (const QString unit = value("unit_code"); !unit.isEmpty())
            product.unitCode = unit;
        if (const QString vat = value("vat_rate"); !vat.isEmpty()) {
            const auto rate = vat.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0
                ? std::optional<VatRate>(VatRate::None)
                : vatRateFromString(QString(vat).remove(QLatin1Char('%')));
            if (!rate)
                throw ImportError(QStringLiteral("line %1: unknown VAT rate \"%2\"").arg(m_line).arg(vat));
            product.vatRate = rate;
        }
        if (m_columns.contains(QStringLiteral("barcodes")))
            product.barcodes = value("barcodes").split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (m_columns.contains(QStringLiteral("description")))
            product.description = value("description");
        product.deleted = value("active") == QLatin1String("0") || value("active") == QLatin1String("false");
        m_sink.product(product);
        break;
    }
    case Kind::Prices: {
        const QString type = value("price_type_id");
        if (!m_declared.contains(QStringLiteral("p:") + type) && !value("price_type_name").isEmpty()) {
            m_sink.priceType({type, value("price_type_name"), value("currency"), true});
            m_declared.insert(QStringLiteral("p:") + type);
        }
        CmlOffer offer;
        offer.id = value("product_id");
        offer.hasPrices = true;
        offer.prices.append({type, value("price"), value("currency")});
        m_sink.offer(offer);
        break;
    }
    case Kind::Stock: {
        const QString warehouse = value("warehouse_id");
        if (!m_declared.contains(QStringLiteral("w:") + warehouse) && !value("warehouse_name").isEmpty()) {
            m_sink.warehouse({warehouse, value("warehouse_name"), {}});
            m_declared.insert(QStringLiteral("w:") + warehouse);
        }
        CmlOffer offer;
        offer.id = value("product_id");
        offer.stock.append({warehouse, value("quantity")});
        m_sink.offer(offer);
        break;
    }
    case Kind::Customers: {
        CmlCounterparty customer;
        customer.id = value("customer_id");
        customer.name = value("name");
        customer.legalName = value("legal_name").isEmpty() ? customer.name : value("legal_name");
        customer.inn = value("inn");
        customer.kpp = value("kpp");
        if (const QString address = value("address"); !address.isEmpty())
            customer.addresses.append({AddressKind::Legal, address, {}});
        if (!value("phone").isEmpty() || !value("email").isEmpty())
            customer.contacts.append({customer.name, value("phone"), value("email")});
        m_sink.counterparty(customer);
        break;
    }
    }
}

} // namespace portico::server
