// ScanRecogniser: a scanner's burst told from typing by the gaps between keys, with explicit
// timestamps (no keyboard, no clock).

#include "input/scanrecogniser.h"

#include <QTest>

using portico::client::ScanRecogniser;

class TstScanner final : public QObject
{
    Q_OBJECT

private:
    // Feeds `text` one character every `gapMs` from `startMs`; returns the time of the last one.
    static qint64 feed(ScanRecogniser &recogniser, const QString &text, qint64 startMs, qint64 gapMs)
    {
        qint64 at = startMs;
        for (const QChar c : text) {
            recogniser.character(c, at);
            at += gapMs;
        }
        return at - gapMs;
    }

private Q_SLOTS:
    void burstEndingInEnterIsAScan_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("gapMs");
        QTest::newRow("EAN-13, 3 ms apart") << QStringLiteral("4600000000011") << 3;
        QTest::newRow("SKU, 20 ms apart") << QStringLiteral("КР-0001") << 20;
        QTest::newRow("at the gap limit") << QStringLiteral("ABCD") << 40;
        QTest::newRow("shortest code") << QStringLiteral("1234") << 1;
    }
    void burstEndingInEnterIsAScan()
    {
        QFETCH(QString, code);
        QFETCH(int, gapMs);
        ScanRecogniser recogniser({40, 4});
        const qint64 last = feed(recogniser, code, 1000, gapMs);
        QCOMPARE(recogniser.held(), code);
        QCOMPARE(recogniser.enter(last + gapMs), code);
        QVERIFY(recogniser.held().isEmpty());
        QVERIFY(recogniser.takeReleased().isEmpty());
    }

    void typingIsReleased_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("gapMs");
        QTest::newRow("a person at 120 ms a key") << QStringLiteral("12") << 120;
        QTest::newRow("a fast typist at 60 ms") << QStringLiteral("hello") << 60;
    }
    void typingIsReleased()
    {
        QFETCH(QString, text);
        QFETCH(int, gapMs);
        ScanRecogniser recogniser({40, 4});
        QString released;
        qint64 at = 0;
        for (const QChar c : text) {
            at += gapMs;
            recogniser.expire(at); // the timer between keys
            released += recogniser.takeReleased();
            recogniser.character(c, at);
        }
        // The last character leaves with its gap, or at the person's Enter.
        QVERIFY(recogniser.enter(at + gapMs).isEmpty());
        released += recogniser.takeReleased();
        QCOMPARE(released, text);
    }

    void shortBurstIsTyping()
    {
        ScanRecogniser recogniser({40, 4});
        const qint64 last = feed(recogniser, QStringLiteral("123"), 0, 5);
        QVERIFY(recogniser.enter(last + 5).isEmpty());
        QCOMPARE(recogniser.takeReleased(), QStringLiteral("123"));
    }

    void lateEnterIsTyping()
    {
        ScanRecogniser recogniser({40, 4});
        const qint64 last = feed(recogniser, QStringLiteral("4600000000011"), 0, 5);
        QVERIFY(recogniser.enter(last + 200).isEmpty());
        QCOMPARE(recogniser.takeReleased(), QStringLiteral("4600000000011"));
    }

    void expiryReleasesAfterTheGapOnly()
    {
        ScanRecogniser recogniser({40, 4});
        recogniser.character(QLatin1Char('7'), 100);
        QCOMPARE(recogniser.deadline(), qint64(140));
        QVERIFY(!recogniser.expire(140));
        QCOMPARE(recogniser.held(), QStringLiteral("7"));
        QVERIFY(recogniser.expire(141));
        QCOMPARE(recogniser.takeReleased(), QStringLiteral("7"));
        QCOMPARE(recogniser.deadline(), qint64(-1));
    }

    void typedCharacterThenABurst()
    {
        // A person types "3" (a quantity), and a second later the scanner sends its code: the
        // "3" is released, the code is a scan of its own.
        ScanRecogniser recogniser({40, 4});
        recogniser.character(QLatin1Char('3'), 0);
        const qint64 last = feed(recogniser, QStringLiteral("4600000000028"), 1000, 4);
        QCOMPARE(recogniser.takeReleased(), QStringLiteral("3"));
        QCOMPARE(recogniser.enter(last + 4), QStringLiteral("4600000000028"));
    }

    void slowGapBreaksABurst()
    {
        // A pause in the middle: what came before is typing, the rest may still be a scan.
        ScanRecogniser recogniser({40, 4});
        feed(recogniser, QStringLiteral("AB"), 0, 5);
        const qint64 last = feed(recogniser, QStringLiteral("CDEF"), 500, 5);
        QCOMPARE(recogniser.takeReleased(), QStringLiteral("AB"));
        QCOMPARE(recogniser.enter(last + 5), QStringLiteral("CDEF"));
    }

    void enterWithNothingHeld()
    {
        ScanRecogniser recogniser;
        QVERIFY(recogniser.enter(10).isEmpty());
        QVERIFY(recogniser.takeReleased().isEmpty());
    }

    void thresholdsApply()
    {
        ScanRecogniser recogniser({10, 8});
        qint64 last = feed(recogniser, QStringLiteral("12345678"), 0, 15);
        QVERIFY(recogniser.enter(last + 5).isEmpty()); // 15 ms gaps: too slow for 10 ms
        QCOMPARE(recogniser.takeReleased(), QStringLiteral("12345678"));
        last = feed(recogniser, QStringLiteral("1234567"), 1000, 5);
        QVERIFY(recogniser.enter(last + 5).isEmpty()); // 7 characters: shorter than 8
        QCOMPARE(recogniser.takeReleased(), QStringLiteral("1234567"));
        recogniser.setThresholds({20, 2});
        last = feed(recogniser, QStringLiteral("12"), 2000, 15);
        QCOMPARE(recogniser.enter(last + 15), QStringLiteral("12"));
    }
};

QTEST_APPLESS_MAIN(TstScanner)
#include "tst_scanner.moc"
