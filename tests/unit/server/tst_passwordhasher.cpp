#include "auth/passwordhasher.h"

#include <QTest>

using portico::server::PasswordCost;
using portico::server::PasswordHasher;

class TestPasswordHasher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifiesTheRightPasswordOnly_data()
    {
        QTest::addColumn<QString>("password");
        QTest::newRow("ascii") << QStringLiteral("correct horse battery staple");
        QTest::newRow("cyrillic") << QStringLiteral("пароль-Ёлка-2026");
        QTest::newRow("one character") << QStringLiteral("#");
        QTest::newRow("long") << QString(1024, QLatin1Char('p'));
    }

    void verifiesTheRightPasswordOnly()
    {
        QFETCH(QString, password);
        const PasswordHasher hasher(PasswordCost::Minimum);
        const QString hash = hasher.hash(password);
        QVERIFY2(hash.startsWith(QLatin1String("$argon2id$")), qPrintable(hash));
        QVERIFY(!hash.contains(password));
        QVERIFY(hasher.verify(hash, password));
        QVERIFY(!hasher.verify(hash, password + QLatin1Char(' ')));
        QString altered = password;
        altered[0] = altered.at(0) == QLatin1Char('#') ? QLatin1Char('$') : QLatin1Char('#');
        QVERIFY(!hasher.verify(hash, altered));
        QVERIFY(!hasher.verify(hash, QString()));
    }

    void hashesAreSalted()
    {
        const PasswordHasher hasher(PasswordCost::Minimum);
        const QString first = hasher.hash(QStringLiteral("same password"));
        const QString second = hasher.hash(QStringLiteral("same password"));
        QVERIFY(first != second);
        QVERIFY(hasher.verify(first, QStringLiteral("same password")));
        QVERIFY(hasher.verify(second, QStringLiteral("same password")));
    }

    void interactiveCostIsTheDefault()
    {
        const PasswordHasher hasher;
        const QString hash = hasher.hash(QStringLiteral("s3cret-enough"));
        QVERIFY2(hash.startsWith(QLatin1String("$argon2id$v=19$m=65536,t=2,p=1$")), qPrintable(hash));
        QVERIFY(hasher.verify(hash, QStringLiteral("s3cret-enough")));
        QVERIFY(!hasher.needsRehash(hash));
    }

    void hashesOfAnotherCostStillVerify()
    {
        const PasswordHasher cheap(PasswordCost::Minimum);
        const PasswordHasher interactive(PasswordCost::Interactive);
        const QString hash = cheap.hash(QStringLiteral("migrated"));
        QVERIFY(interactive.verify(hash, QStringLiteral("migrated")));
        QVERIFY(interactive.needsRehash(hash));
        QVERIFY(!cheap.needsRehash(hash));
    }

    void corruptHashesNeverVerify_data()
    {
        QTest::addColumn<QString>("hash");
        const QString good = PasswordHasher(PasswordCost::Minimum).hash(QStringLiteral("pw"));
        QTest::newRow("empty") << QString();
        QTest::newRow("plain text") << QStringLiteral("pw");
        QTest::newRow("truncated") << good.left(good.size() - 10);
        QTest::newRow("other algorithm")
            << QStringLiteral("$2b$12$abcdefghijklmnopqrstuu8ZKZ1b0gJmOvx0E8x3n1Qk8Xb4X1R6");
        QTest::newRow("too long") << good + QString(200, QLatin1Char('A'));
    }

    void corruptHashesNeverVerify()
    {
        QFETCH(QString, hash);
        const PasswordHasher hasher(PasswordCost::Minimum);
        QVERIFY(!hasher.verify(hash, QStringLiteral("pw")));
        QVERIFY(hasher.needsRehash(hash));
    }

    void verifyingNothingFails()
    {
        const PasswordHasher hasher(PasswordCost::Minimum);
        QVERIFY(!hasher.verifyNothing(QStringLiteral("anything")));
        QVERIFY(!hasher.verifyNothing(QString()));
    }
};

QTEST_APPLESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
