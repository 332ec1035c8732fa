#include "releaseerror.h"

namespace portico::release {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Malformed:
        return QStringLiteral("malformed");
    case ErrorCode::BadSignature:
        return QStringLiteral("bad_signature");
    case ErrorCode::UnknownKey:
        return QStringLiteral("unknown_key");
    case ErrorCode::RevokedKey:
        return QStringLiteral("revoked_key");
    case ErrorCode::WrongType:
        return QStringLiteral("wrong_type");
    case ErrorCode::StaleKeyList:
        return QStringLiteral("stale_key_list");
    case ErrorCode::NotNewer:
        return QStringLiteral("not_newer");
    case ErrorCode::WrongChannel:
        return QStringLiteral("wrong_channel");
    case ErrorCode::WrongPlatform:
        return QStringLiteral("wrong_platform");
    case ErrorCode::Expired:
        return QStringLiteral("expired");
    case ErrorCode::NotYetValid:
        return QStringLiteral("not_yet_valid");
    case ErrorCode::FileError:
        return QStringLiteral("file_error");
    }
    return QStringLiteral("malformed");
}

QString Error::toString() const
{
    return errorCodeName(code) + QStringLiteral(": ") + message;
}

} // namespace portico::release
