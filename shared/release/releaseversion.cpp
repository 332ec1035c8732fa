#include "releaseversion.h"

#include <array>

namespace portico::release {

std::optional<ReleaseVersion> ReleaseVersion::parse(QStringView text)
{
    std::array<int, 3> parts {0, 0, 0};
    qsizetype part = 0;
    qsizetype digits = 0;
    for (const QChar c : text) {
        if (c == u'.') {
            if (digits == 0 || part == 2)
                return std::nullopt;
            ++part;
            digits = 0;
            continue;
        }
        if (c < u'0' || c > u'9' || digits == 9)
            return std::nullopt;
        parts[static_cast<std::size_t>(part)]
            = parts[static_cast<std::size_t>(part)] * 10 + (c.unicode() - u'0');
        ++digits;
    }
    if (digits == 0)
        return std::nullopt;
    return ReleaseVersion {parts[0], parts[1], parts[2]};
}

QString ReleaseVersion::toString() const
{
    return QStringLiteral("%1.%2.%3").arg(majorPart).arg(minorPart).arg(patchPart);
}

} // namespace portico::release
