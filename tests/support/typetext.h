#pragma once

#include <QString>
#include <QTest>
#include <QWidget>

namespace portico::test {

// Types text into a widget as key presses that carry the characters, Cyrillic included
// (QTest::keyClicks maps characters to keys and knows only ASCII).
inline void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            QTest::keyClick(widget, char(c.unicode()));
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

} // namespace portico::test
