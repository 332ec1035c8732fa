#include "domain/ids.h"

#include <QSet>
#include <QTest>

using namespace portico;

// Ids made by Portico where the order of creation is worth keeping (domain/ids.h).
class TestIds final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aTimeOrderedIdIsAVersion7Uuid()
    {
        // The time in the first 48 bits, big-endian; version 7 in the next nibble.
        const qint64 at = QDateTime(QDate(2026, 12, 2), QTime(5, 0, 0, 123), Qt::UTC).toMSecsSinceEpoch();
        const Id id = timeOrderedId(at);
        QVERIFY(!id.isNull());
        QCOMPARE(id.variant(), QUuid::DCE);
        const QByteArray bytes = id.toRfc4122();
        QCOMPARE(static_cast<unsigned char>(bytes.at(6)) >> 4, 7);
        qint64 time = 0;
        for (int i = 0; i < 6; ++i)
            time = (time << 8) | static_cast<unsigned char>(bytes.at(i));
        QCOMPARE(time, at);
        // Text as every id is written: lowercase, no braces, 36 characters.
        const QString text = id.toString(QUuid::WithoutBraces);
        QCOMPARE(text.size(), 36);
        QCOMPARE(text.at(14), QLatin1Char('7'));
        QCOMPARE(QUuid::fromString(text), id);
    }

    void idsMadeLaterSortAfterAsText()
    {
        const qint64 start = QDateTime::currentMSecsSinceEpoch();
        QStringList texts;
        QSet<Id> seen;
        for (int i = 0; i < 2000; ++i) {
            const Id id = timeOrderedId(start + i / 4); // four ids a millisecond
            texts << id.toString(QUuid::WithoutBraces);
            seen.insert(id);
        }
        QCOMPARE(seen.size(), 2000);
        // Ids of different milliseconds sort by time; within one millisecond in any order.
        for (qsizetype i = 4; i < texts.size(); ++i)
            QVERIFY2(texts.at(i - 4) < texts.at(i) || (i - 4) / 4 == i / 4,
                     qPrintable(texts.at(i - 4) + QLatin1Char(' ') + texts.at(i)));
        QVERIFY(timeOrderedId() != timeOrderedId());
    }
};

QTEST_GUILESS_MAIN(TestIds)
#include "tst_ids.moc"
