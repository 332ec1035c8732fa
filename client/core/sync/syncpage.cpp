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
    return page;
}

} // namespace portico::client
