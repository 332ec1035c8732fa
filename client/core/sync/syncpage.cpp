#include "sync/syncpage.h"

#include "cache/searchtext.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <simdjson.h>

namespace portico::client {

namespace {

// Reads the fields of one JSON object (simdjson's DOM) and reports the first problem as "<path>:
// <what>". The path of a field is only put together when something is wrong with it, so a page
// of thousands of valid changes builds no strings beyond the values themselves.
class FieldReader
{
public:
    FieldReader(simdjson::dom::object object, QString *error, qsizetype index = -1)
        : m_object(object)
        , m_error(error)
        , m_index(index)
    { }

    // The member `key` (the last one of that name, as QJsonObject keeps); false when absent.
    bool find(const char *key, simdjson::dom::element *value) const
    {
        bool found = false;
        for (const auto field : m_object) {
            if (field.key == key) {
                *value = field.value;
                found = true;
            }
        }
        return found;
    }

    bool integer(const char *key, qint64 *out, qint64 minimum)
    {
        simdjson::dom::element value;
        if (!find(key, &value))
            return fail(key, "missing");
        int64_t number = 0;
        if (value.get_int64().get(number) != simdjson::SUCCESS) {
            // A whole number written with a fraction ("3.0") is one; anything else is not.
            double real = 0;
            if (!value.is_double() || value.get_double().get(real) != simdjson::SUCCESS
                || std::trunc(real) != real
                || !(real >= -9223372036854775808.0 && real < 9223372036854775808.0))
                return fail(key, "expected an integer");
            number = static_cast<int64_t>(real);
        }
        if (number < minimum)
            return fail(key, minimum > 0 ? "expected a positive integer" : "expected a non-negative integer");
        *out = number;
        return true;
    }

    bool string(const char *key, QString *out, bool allowEmpty)
    {
        simdjson::dom::element value;
        if (!find(key, &value))
            return fail(key, "missing");
        std::string_view text;
        if (value.get_string().get(text) != simdjson::SUCCESS)
            return fail(key, "expected a string");
        *out = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
        if (!allowEmpty && out->isEmpty())
            return fail(key, "expected a non-empty string");
        return true;
    }

    bool boolean(const char *key, bool *out)
    {
        simdjson::dom::element value;
        if (!find(key, &value))
            return fail(key, "missing");
        if (value.get_bool().get(*out) != simdjson::SUCCESS)
            return fail(key, "expected a boolean");
        return true;
    }

    bool fail(const char *key, const char *what) const
    {
        if (m_error) {
            const QString object
                = m_index < 0 ? QStringLiteral("$") : QStringLiteral("$.changes[%1]").arg(m_index);
            *m_error = object + QLatin1Char('.') + QLatin1StringView(key) + QStringLiteral(": ")
                + QLatin1StringView(what);
        }
        return false;
    }

private:
    simdjson::dom::object m_object;
    QString *m_error;
    qsizetype m_index;
};

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// Rows of these entities are written by the cache from their text alone (cache/pagewriter.h):
// they are most of an initial sync, and are not parsed into a QJsonObject.
bool writtenFromText(QStringView entity)
{
    return entity == u"price" || entity == u"stock" || entity == u"bin";
}

// `data` holds the text of the change's data object when it has one (the tombstone's is
// dropped); the object itself is parsed for the entities that read it.
bool parseChange(simdjson::dom::element value, qsizetype index, SyncChange *change, QString *error)
{
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS)
        return fail(error, QStringLiteral("$.changes[%1]: expected an object").arg(index));
    FieldReader reader(object, error, index);
    if (!reader.integer("seq", &change->seq, 1) || !reader.string("entity", &change->entity, false)
        || !reader.string("id", &change->id, false) || !reader.boolean("deleted", &change->deleted))
        return false;
    // A tombstone carries no row; the API leaves "data" out, and anything sent anyway is dropped.
    simdjson::dom::element data;
    if (!reader.find("data", &data)) {
        if (!change->deleted)
            return reader.fail("data", "missing");
    } else if (data.is_null() ? !change->deleted : !data.is_object()) {
        return reader.fail("data", "expected an object");
    }
    return true;
}

// Finds the text of each change's "data" value in a body that parsed as valid JSON: a walk
// over its structure that decodes nothing (strings are skipped to their closing quote, past
// escapes; objects and arrays by depth). Anything unexpected ends it without a result, and the
// cache then serialises the parsed objects as before.
class DataText final
{
public:
    explicit DataText(const QByteArray &body)
        : m_at(body.constData())
        , m_end(body.constData() + body.size())
    { }

    // One entry per element of "changes", in order (empty for a change without "data").
    std::optional<QList<QByteArrayView>> find()
    {
        QList<QByteArrayView> found;
        bool sawChanges = false;
        if (!enter('{'))
            return std::nullopt;
        for (bool first = true;; first = false) {
            if (!memberOrEnd('}', first))
                return std::nullopt;
            if (m_ended)
                break;
            QByteArrayView key;
            if (!string(&key) || !enter(':'))
                return std::nullopt;
            if (key != "changes") {
                if (!skipValue())
                    return std::nullopt;
                continue;
            }
            sawChanges = true;
            found.clear();
            if (!enter('['))
                return std::nullopt;
            for (bool firstChange = true;; firstChange = false) {
                if (!memberOrEnd(']', firstChange))
                    return std::nullopt;
                if (m_ended)
                    break;
                QByteArrayView data;
                if (!change(&data))
                    return std::nullopt;
                found.append(data);
            }
        }
        if (!sawChanges)
            return std::nullopt;
        return found;
    }

private:
    void whitespace()
    {
        while (m_at < m_end && (*m_at == ' ' || *m_at == '\n' || *m_at == '\r' || *m_at == '\t'))
            ++m_at;
    }

    bool enter(char c)
    {
        whitespace();
        if (m_at == m_end || *m_at != c)
            return false;
        ++m_at;
        return true;
    }

    // Before a member or element: the closing `end` (sets m_ended), or a comma unless first.
    bool memberOrEnd(char end, bool first)
    {
        whitespace();
        m_ended = m_at < m_end && *m_at == end;
        if (m_ended) {
            ++m_at;
            return true;
        }
        return first || enter(',');
    }

    bool string(QByteArrayView *text)
    {
        whitespace();
        if (m_at == m_end || *m_at != '"')
            return false;
        const char *start = ++m_at;
        while (m_at < m_end) {
            if (*m_at == '\\') {
                if (m_end - m_at < 2)
                    return false;
                m_at += 2;
                continue;
            }
            if (*m_at == '"') {
                *text = QByteArrayView(start, m_at - start);
                ++m_at;
                return true;
            }
            ++m_at;
        }
        return false;
    }

    bool skipValue()
    {
        whitespace();
        if (m_at == m_end)
            return false;
        if (*m_at == '"') {
            QByteArrayView ignored;
            return string(&ignored);
        }
        if (*m_at == '{' || *m_at == '[') {
            int depth = 0;
            while (m_at < m_end) {
                const char c = *m_at;
                if (c == '"') {
                    QByteArrayView ignored;
                    if (!string(&ignored))
                        return false;
                    continue;
                }
                ++m_at;
                if (c == '{' || c == '[') {
                    ++depth;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return true;
                }
            }
            return false;
        }
        // a number, true, false or null
        while (m_at < m_end && *m_at != ',' && *m_at != '}' && *m_at != ']' && *m_at != ' ' && *m_at != '\n'
               && *m_at != '\r' && *m_at != '\t')
            ++m_at;
        return true;
    }

    // One element of "changes": its "data" value's text (the last one, as QJsonObject keeps).
    bool change(QByteArrayView *data)
    {
        if (!enter('{'))
            return false;
        for (bool first = true;; first = false) {
            if (!memberOrEnd('}', first))
                return false;
            if (m_ended)
                return true;
            QByteArrayView key;
            if (!string(&key) || !enter(':'))
                return false;
            whitespace();
            const char *start = m_at;
            if (!skipValue())
                return false;
            if (key == "data")
                *data = QByteArrayView(start, m_at - start);
        }
    }

    const char *m_at;
    const char *m_end;
    bool m_ended = false;
};

} // namespace

struct SyncPageParser::Buffers
{
    simdjson::dom::parser parser;
};

SyncPageParser::SyncPageParser()
    : m_buffers(std::make_unique<Buffers>())
{ }

SyncPageParser::~SyncPageParser() = default;

std::optional<SyncPage> parseSyncPage(const QByteArray &body, QString *error)
{
    return SyncPageParser().parse(body, error);
}

std::optional<SyncPage> SyncPageParser::parse(const QByteArray &body, QString *error)
{
    // simdjson validates the whole body and reads the envelope; the data objects' text is found
    // by DataText, and QJsonDocument parses only the objects of the entities that read one.
    simdjson::dom::parser &parser = m_buffers->parser;
    simdjson::dom::element root;
    if (const auto code = parser.parse(body.constData(), static_cast<std::size_t>(body.size())).get(root);
        code != simdjson::SUCCESS) {
        fail(error,
             QStringLiteral("$: not valid JSON: %1").arg(QLatin1StringView(simdjson::error_message(code))));
        return std::nullopt;
    }
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) {
        fail(error, QStringLiteral("$: expected an object"));
        return std::nullopt;
    }
    SyncPage page;
    page.bytes = body.size();
    FieldReader reader(object, error);
    if (!reader.string("epoch", &page.epoch, false) || !reader.integer("cursor", &page.cursor, 0)
        || !reader.integer("head", &page.head, 0) || !reader.boolean("has_more", &page.hasMore)
        || !reader.boolean("resync", &page.resync))
        return std::nullopt;
    simdjson::dom::element changes;
    if (!reader.find("changes", &changes)) {
        reader.fail("changes", "missing");
        return std::nullopt;
    }
    simdjson::dom::array array;
    if (changes.get_array().get(array) != simdjson::SUCCESS) {
        reader.fail("changes", "expected an array");
        return std::nullopt;
    }
    page.changes.resize(static_cast<qsizetype>(array.size()));
    qsizetype index = 0;
    for (const simdjson::dom::element change : array) {
        if (!parseChange(change, index, &page.changes[index], error))
            return std::nullopt;
        ++index;
    }
    // The data objects' text, for the cache to store without serialising them again. Only an
    // object is taken (a tombstone's data is dropped, as above).
    const auto texts = DataText(body).find();
    if (!texts || texts->size() != page.changes.size()) {
        fail(error, QStringLiteral("$: not valid JSON: the changes' data cannot be told apart"));
        return std::nullopt;
    }
    for (qsizetype i = 0; i < texts->size(); ++i) {
        SyncChange &change = page.changes[i];
        const QByteArrayView text = texts->at(i);
        if (change.deleted || !text.startsWith('{'))
            continue;
        change.dataJson = text.toByteArray();
        if (writtenFromText(change.entity))
            continue;
        change.data = QJsonDocument::fromJson(change.dataJson).object();
        if (change.entity == u"product") {
            if (auto prepared = prepareProduct(change.data, nullptr))
                change.product = std::make_shared<const PreparedProduct>(std::move(*prepared));
        }
    }
    return page;
}

std::optional<PreparedProduct> prepareProduct(const QJsonObject &product, QString *error)
{
    const QJsonValue barcodeValue = product.value(QLatin1String("barcodes"));
    const QJsonArray barcodeArray = barcodeValue.toArray();
    if (!barcodeValue.isArray() && !barcodeValue.isNull() && !barcodeValue.isUndefined()) {
        if (error)
            *error = QStringLiteral("barcodes is not an array");
        return std::nullopt;
    }
    for (const QJsonValue &barcode : barcodeArray) {
        if (!barcode.isString()) {
            if (error)
                *error = QStringLiteral("barcodes holds a value that is not a string");
            return std::nullopt;
        }
    }
    const SearchText::ProductColumns columns = SearchText::productColumns(product);
    return PreparedProduct {columns.name,
                            columns.sku,
                            columns.barcodes,
                            columns.properties,
                            SearchText::sortKey(product.value(QLatin1String("name")).toString()),
                            QJsonDocument(barcodeArray).toJson(QJsonDocument::Compact)};
}

} // namespace portico::client
