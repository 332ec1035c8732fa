#pragma once

#include "input/scanrecogniser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QKeyEvent;
class QWidget;

namespace portico::client {

// The barcode scanner, wherever focus is. Installed on the application, it watches key presses
// on the focused widget: printable characters are held back while ScanRecogniser decides; a
// scanner's burst ending in Enter becomes scanned() and none of its keys reach the widget (a line
// edit in a dialog stays as it was); a person's typing is replayed to the widget it was meant for
// as soon as it cannot be a burst (one gap later, or at Enter), so typing works as before.
class ScannerFilter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScannerFilter)

public:
    explicit ScannerFilter(ScanRecogniser::Thresholds thresholds = {}, QObject *parent = nullptr);
    ~ScannerFilter() override;

    void setThresholds(ScanRecogniser::Thresholds thresholds);
    // While disabled every key passes untouched (held ones are released first).
    void setEnabled(bool enabled);
    bool isEnabled() const noexcept { return m_enabled; }

Q_SIGNALS:
    void scanned(const QString &code);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void releaseTyping();
    void replay(const QString &text);
    void armTimer();

    ScanRecogniser m_recogniser;
    QElapsedTimer m_clock;
    QTimer m_expiry;
    QPointer<QWidget> m_target; // where the held characters were typed
    bool m_enabled = true;
    bool m_replaying = false;
};

} // namespace portico::client
