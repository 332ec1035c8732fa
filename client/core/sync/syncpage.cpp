#include "sync/syncpage.h"

#include "net/jsonobject.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

namespace portico::client {

namespace {

// Reads the fields of one JSON object and reports the first problem as "<path>: <what>". The
// path of a field is only put together when something is wrong with it, so a page of thousands
// of valid changes builds no strings beyond the values themselves.
class FieldReader
{
public:
    FieldReader(const QJsonObject &object, QString *error, qsizetype index = -1)
        : m_object(object)
        , m_error(error)
        , m_index(index)
    { }

    bool integer(QLatin1StringView key, qint64 *out, qint64 minimum)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return fail(key, "missing");
        // QJsonValue keeps integers exactly; a fraction, or a number out of qint64's range, gives
        // back the default, so two different defaults tell a whole number from anything else.
        const qint64 number = value.toInteger(0);
        if (!value.isDouble() || number != value.toInteger(1))
            return fail(key, "expected an integer");
        if (number < minimum)
            return fail(key, minimum > 0 ? "expected a positive integer" : "expected a non-negative integer");
        *out = number;
        return true;
    }

    bool string(QLatin1StringView key, QString *out, bool allowEmpty)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return fail(key, "missing");
        if (!value.isString())
            return fail(key, "expected a string");
        *out = value.toString();
        if (!allowEmpty && out->isEmpty())
            return fail(key, "expected a non-empty string");
        return true;
    }

    bool boolean(QLatin1StringView key, bool *out)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return fail(key, "missing");
        if (!value.isBool())
            return fail(key, "expected a boolean");
        *out = value.toBool();
        return true;
    }

    // An object member; `required` false lets it be absent or null (an empty object then).
    bool object(QLatin1StringView key, QJsonObject *out, bool required)
    {
        const QJsonValue value = m_object.value(key);
        if (!required && (value.isUndefined() || value.isNull()))
            return true;
        if (value.isUndefined())
            return fail(key, "missing");
        if (!value.isObject())
            return fail(key, "expected an object");
        *out = value.toObject();
        return true;
    }

    bool fail(QLatin1StringView key, const char *what) const
    {
        if (m_error) {
            const QString object
                = m_index < 0 ? QStringLiteral("$") : QStringLiteral("$.changes[%1]").arg(m_index);
            *m_error = object + QLatin1Char('.') + key + QStringLiteral(": ") + QLatin1StringView(what);
        }
        return false;
    }

private:
    const QJsonObject &m_object;
    QString *m_error;
    qsizetype m_index;
};

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool parseChange(const QJsonValue &value, qsizetype index, SyncChange *change, QString *error)
{
    if (!value.isObject())
        return fail(error, QStringLiteral("$.changes[%1]: expected an object").arg(index));
    const QJsonObject object = value.toObject();
    FieldReader reader(object, error, index);
    if (!reader.integer(QLatin1StringView("seq"), &change->seq, 1)
        || !reader.string(QLatin1StringView("entity"), &change->entity, false)
        || !reader.string(QLatin1StringView("id"), &change->id, false)
        || !reader.boolean(QLatin1StringView("deleted"), &change->deleted))
        return false;
    // A tombstone carries no row; the API leaves "data" out, and anything sent anyway is dropped.
    QJsonObject data;
    if (!reader.object(QLatin1StringView("data"), &data, !change->deleted))
        return false;
    if (!change->deleted)
        change->data = std::move(data);
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

std::optional<SyncPage> parseSyncPage(const QByteArray &body, QString *error)
{
    const std::optional<QJsonObject> parsed = parseJsonObject(body, error);
    if (!parsed)
        return std::nullopt;
    const QJsonObject &root = *parsed;
    SyncPage page;
    page.bytes = body.size();
    FieldReader reader(root, error);
    if (!reader.string(QLatin1StringView("epoch"), &page.epoch, false)
        || !reader.integer(QLatin1StringView("cursor"), &page.cursor, 0)
        || !reader.integer(QLatin1StringView("head"), &page.head, 0)
        || !reader.boolean(QLatin1StringView("has_more"), &page.hasMore)
        || !reader.boolean(QLatin1StringView("resync"), &page.resync))
        return std::nullopt;
    const QJsonValue changes = root.value(QLatin1StringView("changes"));
    if (changes.isUndefined()) {
        reader.fail(QLatin1StringView("changes"), "missing");
        return std::nullopt;
    }
    if (!changes.isArray()) {
        reader.fail(QLatin1StringView("changes"), "expected an array");
        return std::nullopt;
    }
    const QJsonArray array = changes.toArray();
    page.changes.resize(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!parseChange(array.at(i), i, &page.changes[i], error))
            return std::nullopt;
    }
    // The data objects' text, for the cache to store without serialising them again. Only an
    // object is taken (a tombstone's data is dropped, as above).
    if (const auto texts = DataText(body).find(); texts && texts->size() == page.changes.size()) {
        for (qsizetype i = 0; i < texts->size(); ++i) {
            SyncChange &change = page.changes[i];
            const QByteArrayView text = texts->at(i);
            if (!change.deleted && text.startsWith('{'))
                change.dataJson = text.toByteArray();
        }
    }
    return page;
}

} // namespace portico::client
