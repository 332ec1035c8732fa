#include "appsettings.h"

#include <QSettings>

#include <algorithm>

namespace portico::client {

namespace {
const QString LanguageKey = QStringLiteral("ui/language");
const QString SyncIntervalKey = QStringLiteral("sync/interval_minutes");
const QString LastProfileKey = QStringLiteral("profiles/last");
const QString UpdateChannelKey = QStringLiteral("updates/channel");
const QString ScanGapKey = QStringLiteral("scanner/max_gap_ms");
const QString ScanLengthKey = QStringLiteral("scanner/min_length");
} // namespace

AppSettings AppSettings::load(QSettings &settings)
{
    AppSettings loaded;
    const QString language = settings.value(LanguageKey).toString();
    if (language == QLatin1String("en") || language == QLatin1String("ru"))
        loaded.language = language;
    bool ok = false;
    const int minutes = settings.value(SyncIntervalKey).toInt(&ok);
    if (ok)
        loaded.syncInterval = std::clamp(std::chrono::minutes(minutes), MinSyncInterval, MaxSyncInterval);
    loaded.lastProfileDir = settings.value(LastProfileKey).toString();
    const QString channel = settings.value(UpdateChannelKey).toString();
    if (channel == QLatin1String("stable") || channel == QLatin1String("beta"))
        loaded.updateChannel = channel;
    const int gap = settings.value(ScanGapKey).toInt(&ok);
    if (ok)
        loaded.scanMaxGapMs = std::clamp(gap, MinScanGapMs, MaxScanGapMs);
    const int length = settings.value(ScanLengthKey).toInt(&ok);
    if (ok)
        loaded.scanMinLength = std::clamp(length, MinScanLength, MaxScanLength);
    return loaded;
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue(LanguageKey, language);
    settings.setValue(SyncIntervalKey, qint64(syncInterval.count()));
    settings.setValue(LastProfileKey, lastProfileDir);
    settings.setValue(UpdateChannelKey, updateChannel);
    settings.setValue(ScanGapKey, scanMaxGapMs);
    settings.setValue(ScanLengthKey, scanMinLength);
    settings.sync();
}

} // namespace portico::client
