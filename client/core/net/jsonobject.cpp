#include "net/jsonobject.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace portico::client {

std::optional<QJsonObject> parseJsonObject(const QByteArray &body, QString *error)
{
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    QString problem;
    if (parseError.error != QJsonParseError::NoError)
        problem = QStringLiteral("$: not valid JSON: %1 at offset %2")
                      .arg(parseError.errorString())
                      .arg(parseError.offset);
    else if (!document.isObject())
        problem = QStringLiteral("$: expected an object");
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return document.object();
}

} // namespace portico::client
