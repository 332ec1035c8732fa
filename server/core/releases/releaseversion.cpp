#include "releases/releaseversion.h"

#include <QStringList>

namespace portico::server {

namespace {

constexpr int MaxParts = 4;
constexpr int MaxPart = 999999;

} // namespace

std::optional<ReleaseVersion> ReleaseVersion::parse(QStringView text)
{
    if (text.isEmpty() || text.size() > 64)
        return std::nullopt;
    ReleaseVersion version;
    for (const QStringView part : text.tokenize(u'.')) {
        if (part.isEmpty() || part.size() > 6 || version.m_parts.size() == MaxParts)
            return std::nullopt;
        int value = 0;
        for (const QChar c : part) {
            if (c < u'0' || c > u'9')
                return std::nullopt;
            value = value * 10 + (c.unicode() - u'0');
        }
        if (value > MaxPart)
            return std::nullopt;
        version.m_parts.append(value);
    }
    if (version.m_parts.isEmpty())
        return std::nullopt;
    return version;
}

QString ReleaseVersion::toString() const
{
    QStringList parts;
    for (const int part : m_parts)
        parts << QString::number(part);
    return parts.join(QLatin1Char('.'));
}

int ReleaseVersion::compare(const ReleaseVersion &other) const
{
    const qsizetype count = std::max(m_parts.size(), other.m_parts.size());
    for (qsizetype i = 0; i < count; ++i) {
        const int a = m_parts.value(i, 0);
        const int b = other.m_parts.value(i, 0);
        if (a != b)
            return a < b ? -1 : 1;
    }
    return 0;
}

} // namespace portico::server
