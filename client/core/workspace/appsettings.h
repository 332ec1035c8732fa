#pragma once

#include <QString>

#include <chrono>

class QSettings;

namespace portico::client {

// The desktop's preferences, kept in the platform's settings store (QSettings): the interface
// language, how often to sync when nothing nudges, and the profile opened last.
struct AppSettings
{
    QString language; // "en", "ru"; empty: the system's
    std::chrono::minutes syncInterval {5};
    QString lastProfileDir;
    // The update channel this desktop follows ("stable", "beta"), sent as X-Portico-Channel.
    QString updateChannel = QStringLiteral("stable");
    // The barcode scanner (keyboard wedge): the longest gap between the characters of one scan
    // and the shortest code it sends (ScanRecogniser).
    int scanMaxGapMs = 40;
    int scanMinLength = 4;

    static constexpr std::chrono::minutes MinSyncInterval {1};
    static constexpr std::chrono::minutes MaxSyncInterval {24 * 60};
    static constexpr int MinScanGapMs = 5;
    static constexpr int MaxScanGapMs = 200;
    static constexpr int MinScanLength = 2;
    static constexpr int MaxScanLength = 64;

    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;
};

} // namespace portico::client
