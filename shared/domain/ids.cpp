#include "domain/ids.h"

#include <QByteArray>
#include <QDateTime>
#include <QRandomGenerator>

#include <array>

namespace portico {

Id timeOrderedId()
{
    return timeOrderedId(QDateTime::currentMSecsSinceEpoch());
}

Id timeOrderedId(qint64 msecsSinceEpoch)
{
    std::array<quint32, 3> random {};
    QRandomGenerator::system()->fillRange(random.data(), random.size());
    std::array<char, 16> bytes {};
    const auto time = static_cast<quint64>(msecsSinceEpoch);
    for (int i = 0; i < 6; ++i)
        bytes[static_cast<size_t>(i)] = static_cast<char>((time >> (8 * (5 - i))) & 0xff);
    for (size_t i = 6; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>((random[(i - 6) / 4] >> (8 * ((i - 6) % 4))) & 0xff);
    bytes[6] = static_cast<char>(0x70 | (bytes[6] & 0x0f)); // version 7
    bytes[8] = static_cast<char>(0x80 | (bytes[8] & 0x3f)); // the RFC's variant
    return QUuid::fromRfc4122(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())));
}

} // namespace portico
