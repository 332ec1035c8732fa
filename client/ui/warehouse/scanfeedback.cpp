#include "warehouse/scanfeedback.h"

#include <QAudioDevice>
#include <QMediaDevices>
#include <QSoundEffect>
#include <QUrl>

namespace portico::client {

namespace {

const char *const SoundFiles[] = {"right", "wrong", "overpick", "unknown"};

} // namespace

ScanFeedback::ScanFeedback(QObject *parent)
    : QObject(parent)
{
    // No output device (offscreen tests, a terminal without speakers): no effects at all, so
    // nothing tries to open audio on every scan.
    if (QMediaDevices::defaultAudioOutput().isNull())
        return;
    for (std::size_t i = 0; i < m_effects.size(); ++i) {
        auto *effect = new QSoundEffect(this);
        effect->setSource(QUrl(QStringLiteral("qrc:/sounds/%1.wav").arg(QLatin1StringView(SoundFiles[i]))));
        effect->setVolume(0.9f);
        m_effects[i] = effect;
    }
}

ScanFeedback::~ScanFeedback() = default;

void ScanFeedback::play(Kind kind)
{
    QSoundEffect *effect = m_effects.at(std::size_t(kind));
    if (effect && !m_muted) {
        effect->stop();
        effect->play();
    }
    Q_EMIT played(kind);
}

QString ScanFeedback::background(Kind kind)
{
    switch (kind) {
    case Kind::Right:
        return QStringLiteral("#0b6b1f");
    case Kind::OverPick:
        return QStringLiteral("#f2a900");
    case Kind::Wrong:
    case Kind::Unknown:
        return QStringLiteral("#b00020");
    }
    return {};
}

QString ScanFeedback::foreground(Kind kind)
{
    return kind == Kind::OverPick ? QStringLiteral("#000000") : QStringLiteral("#ffffff");
}

} // namespace portico::client
