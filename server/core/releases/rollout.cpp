#include "releases/rollout.h"

#include <QCryptographicHash>

namespace portico::server {

int rolloutBucket(const QString &releaseId, const QString &deviceId)
{
    const QByteArray digest = QCryptographicHash::hash((releaseId + QLatin1Char(':') + deviceId).toUtf8(),
                                                       QCryptographicHash::Sha256);
    const auto byte = [&](int i) {
        return static_cast<quint32>(static_cast<unsigned char>(digest.at(i)));
    };
    const quint32 value = (byte(0) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
    return static_cast<int>(value % 100);
}

} // namespace portico::server
