#include "input/scanrecogniser.h"

#include <utility>

namespace portico::client {

void ScanRecogniser::character(QChar c, qint64 atMs)
{
    if (!m_held.isEmpty() && atMs - m_lastAt > m_thresholds.maxGapMs)
        release();
    m_held.append(c);
    m_lastAt = atMs;
}

QString ScanRecogniser::enter(qint64 atMs)
{
    if (m_held.isEmpty())
        return {};
    if (atMs - m_lastAt > m_thresholds.maxGapMs || m_held.size() < m_thresholds.minLength) {
        release();
        return {};
    }
    return std::exchange(m_held, QString());
}

bool ScanRecogniser::expire(qint64 nowMs)
{
    if (m_held.isEmpty() || nowMs - m_lastAt <= m_thresholds.maxGapMs)
        return false;
    release();
    return true;
}

qint64 ScanRecogniser::deadline() const noexcept
{
    return m_held.isEmpty() ? -1 : m_lastAt + m_thresholds.maxGapMs;
}

QString ScanRecogniser::takeReleased()
{
    return std::exchange(m_released, QString());
}

void ScanRecogniser::release()
{
    m_released.append(m_held);
    m_held.clear();
}

} // namespace portico::client
