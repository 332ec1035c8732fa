#pragma once

#include <QObject>

#include <array>

class QSoundEffect;

namespace portico::client {

// The sound of a scan's outcome, told apart without looking: right item, wrong item, over-pick,
// unknown barcode. Sounds are loaded once; without an audio device (a terminal without speakers,
// the offscreen tests) playing is silently nothing and the colour alone tells.
class ScanFeedback final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScanFeedback)

public:
    enum class Kind { Right, Wrong, OverPick, Unknown };
    Q_ENUM(Kind)

    explicit ScanFeedback(QObject *parent = nullptr);
    ~ScanFeedback() override;

    void setMuted(bool muted) { m_muted = muted; }
    void play(Kind kind);

    // The colours the terminal paints an outcome with (background, text), high contrast.
    static QString background(Kind kind);
    static QString foreground(Kind kind);

Q_SIGNALS:
    // For tests and the log: what was (or would have been) heard.
    void played(portico::client::ScanFeedback::Kind kind);

private:
    std::array<QSoundEffect *, 4> m_effects {};
    bool m_muted = false;
};

} // namespace portico::client
