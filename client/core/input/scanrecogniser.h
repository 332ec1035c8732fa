#pragma once

#include <QString>

namespace portico::client {

// Tells a barcode scanner from a person at the keyboard. A keyboard-wedge scanner types its code
// as a burst of characters a few milliseconds apart and ends it with Enter; a person types tens
// or hundreds of milliseconds apart. Characters are held back until their fate is known: a burst
// of at least `minLength` characters, each within `maxGapMs` of the one before, ended by Enter
// within `maxGapMs`, is a scan; anything else is released to be typed as it was meant.
//
// Pure logic over explicit timestamps (milliseconds of any monotonic clock), so it is tested
// without a keyboard; the window's event filter feeds it and replays what it releases.
struct ScanThresholds
{
    int maxGapMs = 40; // the longest gap between a scan's characters, and before its Enter
    int minLength = 4; // the shortest code a scan carries
};

class ScanRecogniser final
{
public:
    using Thresholds = ScanThresholds;

    explicit ScanRecogniser(Thresholds thresholds = {})
        : m_thresholds(thresholds)
    { }

    const Thresholds &thresholds() const noexcept { return m_thresholds; }
    void setThresholds(Thresholds thresholds) { m_thresholds = thresholds; }

    // A printable character at `atMs`. It is always held; characters held before it that came
    // too long ago are released first (takeReleased()).
    void character(QChar c, qint64 atMs);
    // Enter at `atMs`: the held burst as a scan, or an empty string when what was held is typing
    // (then released, and the Enter belongs to the person too).
    QString enter(qint64 atMs);
    // Time passes without a key: held characters older than the gap are released. Returns
    // whether anything was released.
    bool expire(qint64 nowMs);

    // Characters held back at the moment.
    const QString &held() const noexcept { return m_held; }
    // When the held characters stop being a possible burst (the last one's time plus the gap);
    // -1 when nothing is held.
    qint64 deadline() const noexcept;
    // The characters judged to be typing since the last call, in order.
    QString takeReleased();

private:
    void release();

    Thresholds m_thresholds;
    QString m_held;
    QString m_released;
    qint64 m_lastAt = 0;
};

} // namespace portico::client
