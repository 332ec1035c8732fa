#include "net/apierror.h"

namespace portico::client {

bool ApiError::isTransient() const noexcept
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        return httpStatus >= 500 || httpStatus == 429;
    case Kind::None:
    case Kind::Protocol:
    case Kind::Aborted:
        return false;
    }
    return false;
}

QString ApiError::toString() const
{
    QString text;
    switch (kind) {
    case Kind::None:
        return QStringLiteral("no error");
    case Kind::Network:
        text = QStringLiteral("network error");
        break;
    case Kind::Timeout:
        text = QStringLiteral("timeout");
        break;
    case Kind::Http:
        text = QStringLiteral("HTTP %1").arg(httpStatus);
        if (!code.isEmpty())
            text += QLatin1Char(' ') + code;
        break;
    case Kind::Protocol:
        text = QStringLiteral("protocol error");
        break;
    case Kind::Aborted:
        text = QStringLiteral("aborted");
        break;
    }
    if (!message.isEmpty())
        text += QStringLiteral(": ") + message;
    if (!field.isEmpty())
        text += QStringLiteral(" (at ") + field + QLatin1Char(')');
    if (retryAfterSeconds > 0)
        text += QStringLiteral(", retry after %1 s").arg(retryAfterSeconds);
    return text;
}

} // namespace portico::client
