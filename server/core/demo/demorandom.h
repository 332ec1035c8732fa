#pragma once

#include <QRandomGenerator>

#include <array>

namespace portico::server {

// A deterministic stream of integers for the demo data set: the same seed gives the same
// sequence on every platform (QRandomGenerator is a Mersenne Twister). Integers only, so that
// money and quantities never pass through floating point.
class DemoRandom final
{
public:
    DemoRandom(quint64 seed, quint32 stream)
        : m_generator(seedBuffer(seed, stream).data(), 3)
    { }

    // 0 <= result < size; size must be positive.
    int index(qsizetype size) { return m_generator.bounded(static_cast<int>(size)); }
    // lo <= result <= hi
    qint64 between(qint64 lo, qint64 hi) { return lo + m_generator.bounded(hi - lo + 1); }
    int between(int lo, int hi) { return lo + m_generator.bounded(hi - lo + 1); }
    // True with the given probability in percent.
    bool chance(int percent) { return m_generator.bounded(100) < percent; }
    // True with the given probability in thousandths.
    bool chancePerMille(int perMille) { return m_generator.bounded(1000) < perMille; }

    template<typename Container>
    const auto &pick(const Container &items)
    {
        return items[static_cast<std::size_t>(index(static_cast<qsizetype>(items.size())))];
    }

private:
    static std::array<quint32, 3> seedBuffer(quint64 seed, quint32 stream)
    {
        return {static_cast<quint32>(seed), static_cast<quint32>(seed >> 32), stream};
    }

    QRandomGenerator m_generator;
};

} // namespace portico::server
