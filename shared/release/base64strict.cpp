#include "base64strict.h"

#include <QString>

namespace portico::release {

std::optional<QByteArray> decodeBase64Value(const QJsonValue &value, qsizetype maxBytes)
{
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    if (text.size() > (maxBytes + 2) / 3 * 4)
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() > maxBytes)
        return std::nullopt;
    // Only the canonical encoding: no stray characters or alternative paddings.
    if (decoded.decoded.toBase64() != text.toLatin1())
        return std::nullopt;
    return decoded.decoded;
}

} // namespace portico::release
