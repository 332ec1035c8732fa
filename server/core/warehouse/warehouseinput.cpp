#include "warehouse/warehouseinput.h"

#include "http/apierror.h"
#include "http/requesthash.h"
#include "storage/sqlvalues.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QUuid>

namespace portico::server::warehouseinput {

namespace {

[[noreturn]] void refuse(const QString &message, const QString &path)
{
    throw ApiError(ApiErrorCode::BadRequest, message, path);
}

} // namespace

QJsonObject object(const QByteArray &body)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        refuse(QStringLiteral("The body is not valid JSON: %1").arg(error.errorString()),
               QStringLiteral("$"));
    if (!document.isObject())
        refuse(QStringLiteral("The body must be a JSON object"), QStringLiteral("$"));
    return document.object();
}

Id id(const QJsonObject &object, const QString &key, const QString &path)
{
    const QJsonValue value = object.value(key);
    const QString text = value.toString();
    const QUuid id = value.isString() && text.size() == 36 ? QUuid::fromString(text) : QUuid();
    if (id.isNull() || id.toString(QUuid::WithoutBraces) != text.toLower())
        refuse(QStringLiteral("%1 must be a UUID").arg(key), path);
    return id;
}

Quantity quantity(const QJsonObject &object, const QString &key, const QString &path, bool zeroAllowed)
{
    const QJsonValue value = object.value(key);
    if (!value.isString())
        refuse(QStringLiteral("%1 must be a decimal string such as \"1.000\"").arg(key), path);
    const QString text = value.toString();
    const auto parsed = text.size() <= 20 ? Quantity::parse(text) : std::nullopt;
    if (!parsed)
        refuse(QStringLiteral("%1 must be a decimal string with at most three places").arg(key), path);
    if (parsed->isNegative() || (!zeroAllowed && parsed->isZero()))
        refuse(zeroAllowed ? QStringLiteral("%1 must not be negative").arg(key)
                           : QStringLiteral("%1 must be greater than zero").arg(key),
               path);
    if (parsed->milli() > 1'000'000'000'000LL)
        refuse(QStringLiteral("%1 is too large").arg(key), path);
    return *parsed;
}

QString text(const QJsonObject &object, const QString &key, const QString &path, bool required,
             qsizetype maxLength)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            refuse(QStringLiteral("%1 is required").arg(key), path);
        return QString();
    }
    if (!value.isString())
        refuse(QStringLiteral("%1 must be a string").arg(key), path);
    const QString text = value.toString();
    if (text.size() > maxLength)
        refuse(QStringLiteral("%1 is longer than %2 characters").arg(key).arg(maxLength), path);
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            refuse(QStringLiteral("%1 contains control characters").arg(key), path);
    }
    if (required && text.trimmed().isEmpty())
        refuse(QStringLiteral("%1 must not be empty").arg(key), path);
    return text.trimmed();
}

QJsonArray array(const QJsonObject &object, const QString &key, const QString &path, bool required,
                 qsizetype maxItems)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            refuse(QStringLiteral("%1 is required").arg(key), path);
        return {};
    }
    if (!value.isArray())
        refuse(QStringLiteral("%1 must be an array").arg(key), path);
    const QJsonArray items = value.toArray();
    if (items.size() > maxItems)
        refuse(QStringLiteral("%1 has more than %2 items").arg(key).arg(maxItems), path);
    return items;
}

QJsonObject item(const QJsonArray &array, qsizetype index, const QString &path)
{
    const QJsonValue value = array.at(index);
    if (!value.isObject())
        refuse(QStringLiteral("each item must be an object"), path);
    return value.toObject();
}

TerminalWrite terminalWrite(const QByteArray &body, const QString &kind)
{
    TerminalWrite write;
    write.json = object(body);
    write.clientId = id(write.json, QStringLiteral("client_id"), QStringLiteral("$.client_id"));
    write.kind = kind;
    write.hash = requestHash(body);
    return write;
}

} // namespace portico::server::warehouseinput
