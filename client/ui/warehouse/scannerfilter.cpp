#include "warehouse/scannerfilter.h"

#include <QApplication>
#include <QKeyEvent>
#include <QWidget>

namespace portico::client {

namespace {

bool isEnter(const QKeyEvent *key)
{
    return key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
}

// A key that types a character: printable text, no Ctrl, Alt or Meta (shortcuts stay theirs).
bool isCharacter(const QKeyEvent *key)
{
    if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    const QString text = key->text();
    return text.size() == 1 && text.at(0).isPrint();
}

} // namespace

ScannerFilter::ScannerFilter(ScanRecogniser::Thresholds thresholds, QObject *parent)
    : QObject(parent)
    , m_recogniser(thresholds)
{
    m_clock.start();
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this, [this] {
        if (m_recogniser.expire(m_clock.elapsed()))
            releaseTyping();
        else
            armTimer();
    });
    qApp->installEventFilter(this);
}

ScannerFilter::~ScannerFilter()
{
    qApp->removeEventFilter(this);
}

void ScannerFilter::setThresholds(ScanRecogniser::Thresholds thresholds)
{
    m_recogniser.setThresholds(thresholds);
}

void ScannerFilter::setEnabled(bool enabled)
{
    if (!enabled && m_recogniser.expire(std::numeric_limits<qint64>::max()))
        releaseTyping();
    m_enabled = enabled;
}

bool ScannerFilter::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_enabled || m_replaying)
        return false;
    const QEvent::Type type = event->type();
    if (type != QEvent::KeyPress && type != QEvent::ShortcutOverride)
        return false;
    // A key press reaches the window first and then the focused widget (and its parents when
    // ignored): it is judged once, where it is aimed.
    QWidget *focus = QApplication::focusWidget();
    QWidget *aimed = focus ? focus : QApplication::activeWindow();
    if (watched != aimed)
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    if (type == QEvent::ShortcutOverride) {
        // A printable key is never a shortcut while it may belong to a scan; held keys are
        // replayed as plain presses.
        if (isCharacter(key) || (isEnter(key) && !m_recogniser.held().isEmpty())) {
            key->accept();
            return true;
        }
        return false;
    }
    const qint64 now = m_clock.elapsed();
    if (isCharacter(key)) {
        if (m_recogniser.held().isEmpty())
            m_target = aimed;
        m_recogniser.character(key->text().at(0), now);
        if (!m_recogniser.takeReleased().isEmpty()) {
            // Unreachable in practice (the timer releases first), but never lose a key.
            m_recogniser.expire(std::numeric_limits<qint64>::max());
            releaseTyping();
            m_target = aimed;
            m_recogniser.character(key->text().at(0), now);
        }
        armTimer();
        return true;
    }
    if (isEnter(key) && !m_recogniser.held().isEmpty()) {
        const QString code = m_recogniser.enter(now);
        m_expiry.stop();
        if (!code.isEmpty()) {
            m_target = nullptr;
            Q_EMIT scanned(code);
            return true;
        }
        releaseTyping();
        return false; // the person's Enter goes on to the widget
    }
    // Any other key (arrows, Tab, Backspace) first lets the held typing land where it was meant.
    if (!m_recogniser.held().isEmpty()) {
        m_recogniser.expire(std::numeric_limits<qint64>::max());
        releaseTyping();
    }
    return false;
}

void ScannerFilter::armTimer()
{
    const qint64 deadline = m_recogniser.deadline();
    if (deadline < 0) {
        m_expiry.stop();
        return;
    }
    m_expiry.start(int(std::max<qint64>(1, deadline - m_clock.elapsed() + 1)));
}

void ScannerFilter::releaseTyping()
{
    m_expiry.stop();
    replay(m_recogniser.takeReleased());
}

void ScannerFilter::replay(const QString &text)
{
    QWidget *target = m_target;
    m_target = nullptr;
    if (text.isEmpty() || !target)
        return;
    m_replaying = true;
    for (const QChar c : text) {
        QKeyEvent press(QEvent::KeyPress, 0, Qt::NoModifier, QString(c));
        QCoreApplication::sendEvent(target, &press);
        QKeyEvent release(QEvent::KeyRelease, 0, Qt::NoModifier, QString(c));
        QCoreApplication::sendEvent(target, &release);
    }
    m_replaying = false;
}

} // namespace portico::client
