#include "catalog/feedjson.h"

#include "protocol/codecs.h"

#include <QJsonDocument>

namespace portico::server::FeedJson {

namespace {

char hexDigit(uint value)
{
    return static_cast<char>(value < 10 ? '0' + value : 'a' + value - 10);
}

// `value` thousandths or minor units as a JSON string of `decimals` places, as Quantity and
// Money write themselves ("-12.5", "0.50"; trailing zeros and then the point dropped when
// `trim` is set): the pull writes two or three of them for each of its price and stock rows.
void appendDecimal(QByteArray &out, qint64 value, int decimals, bool trim)
{
    const quint64 magnitude = value < 0 ? 0 - static_cast<quint64>(value) : static_cast<quint64>(value);
    quint64 scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    out += '"';
    if (value < 0)
        out += '-';
    out += QByteArray::number(magnitude / scale);
    if (decimals > 0) {
        char fraction[20];
        quint64 rest = magnitude % scale;
        for (int i = decimals - 1; i >= 0; --i, rest /= 10)
            fraction[i] = static_cast<char>('0' + rest % 10);
        int length = decimals;
        while (trim && length > 0 && fraction[length - 1] == '0')
            --length;
        if (length > 0) {
            out += '.';
            out.append(fraction, length);
        }
    }
    out += '"';
}

// The members of one JSON object, given in sorted key order by the caller.
class JsonObjectText final
{
public:
    explicit JsonObjectText(QByteArray &out)
        : m_out(out)
    {
        m_out += '{';
    }
    ~JsonObjectText() { m_out += '}'; }
    JsonObjectText(const JsonObjectText &) = delete;
    JsonObjectText &operator=(const JsonObjectText &) = delete;

    QByteArray &key(const char *name)
    {
        if (!m_first)
            m_out += ',';
        m_first = false;
        m_out += '"';
        m_out += name;
        m_out += "\":";
        return m_out;
    }
    void string(const char *name, QStringView value) { appendString(key(name), value); }
    void id(const char *name, const Id &value)
    {
        QByteArray &out = key(name);
        if (value.isNull()) {
            out += "null";
        } else {
            out += '"';
            out += value.toByteArray(QUuid::WithoutBraces);
            out += '"';
        }
    }
    // Text known to need no escapes (an id as stored) written as it is.
    void plain(const char *name, QByteArrayView value)
    {
        QByteArray &out = key(name);
        out += '"';
        out += value;
        out += '"';
    }
    void boolean(const char *name, bool value) { key(name) += value ? "true" : "false"; }
    void quantity(const char *name, Quantity value) { appendDecimal(key(name), value.milli(), 3, true); }
    void money(const char *name, const Money &value)
    {
        appendDecimal(key(name), value.minor(), value.currency().minorDigits(), false);
    }
    void integer(const char *name, qint64 value) { key(name) += QByteArray::number(value); }
    void timeValue(const char *name, const QDateTime &value) { appendTime(key(name), value); }
    // protocol::toJsonValue of a date: null when invalid.
    template<typename T>
    void timeValue(const char *name, const T &value)
    {
        const QJsonValue json = protocol::toJsonValue(value);
        if (json.isNull())
            key(name) += "null";
        else
            string(name, json.toString());
    }
    void raw(const char *name, const QByteArray &json) { key(name) += json; }

private:
    QByteArray &m_out;
    bool m_first = true;
};

// `items` as a JSON array, each element written by `write(out, item)`.
template<typename List, typename Write>
void appendArray(QByteArray &out, const List &items, Write write)
{
    out += '[';
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += ',';
        write(out, items.at(i));
    }
    out += ']';
}

} // namespace

void appendTime(QByteArray &out, const QDateTime &at)
{
    if (!at.isValid()) {
        out += "null";
        return;
    }
    constexpr qint64 MSecsPerDay = 86'400'000;
    constexpr qint64 JulianDayOfEpoch = 2'440'588;
    const qint64 ms = at.toMSecsSinceEpoch();
    const qint64 day = ms >= 0 ? ms / MSecsPerDay : -((-ms + MSecsPerDay - 1) / MSecsPerDay);
    const qint64 msOfDay = ms - day * MSecsPerDay;
    int year = 0;
    int month = 0;
    int dayOfMonth = 0;
    QDate::fromJulianDay(day + JulianDayOfEpoch).getDate(&year, &month, &dayOfMonth);
    if (year < 1 || year > 9999) {
        // Qt's own ISO form for years of other widths.
        appendString(out, protocol::toJsonValue(at).toString());
        return;
    }
    // "YYYY-MM-DDTHH:MM:SS" then ".mmm" when there are milliseconds, then "Z".
    char text[26];
    const auto digits = [&text](int offset, int value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            text[offset + i] = static_cast<char>('0' + value % 10);
    };
    const int millis = static_cast<int>(msOfDay % 1000);
    const int seconds = static_cast<int>(msOfDay / 1000);
    text[0] = '"';
    digits(1, year, 4);
    text[5] = '-';
    digits(6, month, 2);
    text[8] = '-';
    digits(9, dayOfMonth, 2);
    text[11] = 'T';
    digits(12, seconds / 3600, 2);
    text[14] = ':';
    digits(15, seconds / 60 % 60, 2);
    text[17] = ':';
    digits(18, seconds % 60, 2);
    int end = 20;
    if (millis != 0) {
        text[20] = '.';
        digits(21, millis, 3);
        end = 24;
    }
    text[end] = 'Z';
    text[end + 1] = '"';
    out.append(text, end + 2);
}

void appendString(QByteArray &out, QStringView text)
{
    out += '"';
    const char16_t *src = text.utf16();
    const char16_t *const end = src + text.size();
    while (src != end) {
        const char16_t u = *src++;
        if (u >= 0x20 && u < 0x80 && u != u'"' && u != u'\\') {
            out += static_cast<char>(u);
        } else if (u < 0x80) {
            out += '\\';
            switch (u) {
            case u'"':
                out += '"';
                break;
            case u'\\':
                out += '\\';
                break;
            case 0x8:
                out += 'b';
                break;
            case 0xc:
                out += 'f';
                break;
            case 0xa:
                out += 'n';
                break;
            case 0xd:
                out += 'r';
                break;
            case 0x9:
                out += 't';
                break;
            default:
                out += "u00";
                out += hexDigit(u >> 4);
                out += hexDigit(u & 0xfu);
            }
        } else if (u < 0x800) {
            out += static_cast<char>(0xc0 | (u >> 6));
            out += static_cast<char>(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            out += static_cast<char>(0xe0 | (u >> 12));
            out += static_cast<char>(0x80 | ((u >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && src != end && QChar::isLowSurrogate(*src)) {
            const char32_t c = QChar::surrogateToUcs4(u, *src++);
            out += static_cast<char>(0xf0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (c & 0x3f));
        } else {
            // A lone surrogate is no UTF-8: Qt writes it as an escape.
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4)
                out += hexDigit((u >> shift) & 0xfu);
        }
    }
    out += '"';
}

QByteArray strings(const QStringList &list)
{
    QByteArray out;
    appendArray(out, list, [](QByteArray &item, const QString &text) { appendString(item, text); });
    return out;
}

QByteArray properties(const QList<ProductPropertyValue> &values)
{
    QByteArray out;
    appendArray(out, values, [](QByteArray &item, const ProductPropertyValue &value) {
        JsonObjectText object(item);
        object.id("property_id", value.propertyId);
        object.string("value", value.value);
        object.id("value_id", value.valueId);
    });
    return out;
}

// protocol::toJson(product) as compact JSON, with the arrays the row keeps in columns of its own.
QByteArray product(const Product &p, const QByteArray &barcodesJson, const QByteArray &propertiesJson)
{
    QByteArray out;
    out.reserve(512 + barcodesJson.size() + propertiesJson.size() + p.description.size() * 2);
    {
        JsonObjectText object(out);
        object.boolean("active", p.active);
        object.raw("barcodes", barcodesJson);
        object.string("description", p.description);
        object.string("external_id", p.externalId);
        object.id("group_id", p.groupId);
        object.id("id", p.id);
        object.string("image_ref", p.imageRef);
        object.raw("images", strings(p.images));
        object.string("name", p.name);
        object.raw("properties", propertiesJson);
        object.string("sku", p.sku);
        {
            JsonObjectText unit(object.key("unit"));
            unit.string("name", p.unit.name);
            unit.string("okei_code", p.unit.okeiCode);
        }
        object.string("vat_rate", vatRateToString(p.vatRate));
        object.string("volume_m3", p.volumeM3.toString());
        object.string("weight_kg", p.weightKg.toString());
    }
    return out;
}

QByteArray priceRow(QByteArrayView productId, QByteArrayView priceTypeId, const Money &unitPrice,
                    const QList<VolumeTier> &tiers)
{
    const Currency currency = unitPrice.currency().isValid() ? unitPrice.currency() : Currency::rub();
    QByteArray out;
    out.reserve(160 + tiers.size() * 48);
    {
        JsonObjectText object(out);
        object.string("currency", currency.code());
        object.plain("price_type_id", priceTypeId);
        object.plain("product_id", productId);
        appendArray(object.key("tiers"), tiers, [](QByteArray &item, const VolumeTier &tier) {
            JsonObjectText step(item);
            step.quantity("min_quantity", tier.minQuantity);
            step.money("unit_price", tier.unitPrice);
        });
        object.money("unit_price", unitPrice);
    }
    return out;
}

// `asOf` is the JSON of the level's time: a page's levels mostly share it, and formatting a
// time costs more than the rest of the object.
QByteArray stockRow(QByteArrayView productId, QByteArrayView warehouseId, Quantity onHand, Quantity reserved,
                    const QByteArray &asOf)
{
    QByteArray out;
    out.reserve(192);
    {
        JsonObjectText object(out);
        object.raw("as_of", asOf);
        object.quantity("on_hand", onHand);
        object.plain("product_id", productId);
        object.quantity("reserved", reserved);
        object.plain("warehouse_id", warehouseId);
    }
    return out;
}

QByteArray order(const Order &o, const QByteArray &outcomeJson)
{
    QByteArray out;
    out.reserve(1024 + o.lines.size() * 320 + o.history.size() * 160 + outcomeJson.size());
    {
        JsonObjectText object(out);
        object.string("client_number", o.clientNumber);
        object.string("comment", o.comment);
        object.timeValue("created_at", o.createdAt);
        object.id("created_by", o.createdBy);
        object.string("currency", o.currency.code());
        object.id("customer_id", o.customerId);
        object.timeValue("delivery_date", o.deliveryDate);
        object.string("external_id", o.externalId);
        appendArray(object.key("history"), o.history, [](QByteArray &item, const StatusChange &change) {
            JsonObjectText step(item);
            step.timeValue("at", change.at);
            step.id("by_user_id", change.byUserId);
            step.string("from", orderStatusToString(change.from));
            step.string("reason", change.reason);
            step.string("to", orderStatusToString(change.to));
        });
        object.id("id", o.id);
        appendArray(object.key("lines"), o.lines, [](QByteArray &item, const OrderLine &line) {
            JsonObjectText row(item);
            row.string("amount", line.amount.toString());
            row.integer("discount_bp", line.discount);
            row.integer("line_no", line.lineNo);
            row.id("product_id", line.productId);
            row.string("quantity", line.quantity.toString());
            row.string("total", line.total.toString());
            row.string("unit_price", line.unitPrice.toString());
            row.string("vat_amount", line.vatAmount.toString());
            row.string("vat_rate", vatRateToString(line.vatRate));
        });
        object.string("number", o.number);
        object.raw("outcome", outcomeJson);
        object.id("price_type_id", o.priceTypeId);
        object.timeValue("prices_as_of", o.pricesAsOf);
        object.string("status", orderStatusToString(o.status));
        {
            JsonObjectText totals(object.key("totals"));
            totals.string("discount", o.totals.discount.toString());
            totals.string("net", o.totals.net.toString());
            totals.string("total", o.totals.total.toString());
            totals.string("vat", o.totals.vat.toString());
        }
        object.id("warehouse_id", o.warehouseId);
    }
    return out;
}

} // namespace portico::server::FeedJson
