#include "rules/taxid.h"

#include <QSet>
#include <QTest>

using namespace portico::rules;

Q_DECLARE_METATYPE(portico::rules::TaxIdError)
Q_DECLARE_METATYPE(portico::rules::TaxIdField)

class TestTaxId final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inn_data();
    void inn();
    void everySingleDigitChangeFails_data();
    void everySingleDigitChangeFails();
    void checksumCannotCatchEverything();
    void kpp_data();
    void kpp();
    void innKppPair_data();
    void innKppPair();
    void generatedInnsAreValidAndDistinct();
    void codesAndSentences();
};

void TestTaxId::inn_data()
{
    QTest::addColumn<QString>("inn");
    QTest::addColumn<TaxIdError>("error");

    // 7707083893: 7*2+7*4+0*10+7*3+0*5+8*9+3*4+8*6+9*8 = 267; 267 mod 11 = 3; 3 mod 10 = 3 ✓
    QTest::newRow("Sberbank") << QStringLiteral("7707083893") << TaxIdError::Ok;
    // 7736207543: 14+28+30+18+10+0+28+30+32 = 190; 190 mod 11 = 3 ✓
    QTest::newRow("Yandex") << QStringLiteral("7736207543") << TaxIdError::Ok;
    QTest::newRow("VTB") << QStringLiteral("7702070139") << TaxIdError::Ok;
    QTest::newRow("Alfa-Bank") << QStringLiteral("7728168971") << TaxIdError::Ok;
    QTest::newRow("St Petersburg company") << QStringLiteral("7830002293") << TaxIdError::Ok;
    // 5001007322 59: n11 = (5*7+0+0+1*10+0+0+7*9+3*4+2*6+2*8) = 148 mod 11 = 5 ✓;
    // n12 = (5*3+0+0+1*4+0+0+7*5+3*9+2*4+2*6+5*8) = 141 mod 11 = 9 ✓
    QTest::newRow("individual, 12 digits") << QStringLiteral("500100732259") << TaxIdError::Ok;
    QTest::newRow("another individual") << QStringLiteral("773370857141") << TaxIdError::Ok;

    QTest::newRow("empty") << QString() << TaxIdError::Empty;
    QTest::newRow("9 digits") << QStringLiteral("770708389") << TaxIdError::WrongLength;
    QTest::newRow("11 digits") << QStringLiteral("77070838931") << TaxIdError::WrongLength;
    QTest::newRow("13 digits") << QStringLiteral("5001007322591") << TaxIdError::WrongLength;
    QTest::newRow("letter O for zero") << QStringLiteral("7707O83893") << TaxIdError::NotDigits;
    QTest::newRow("leading space") << QStringLiteral(" 7707083893") << TaxIdError::NotDigits;
    QTest::newRow("dash") << QStringLiteral("7707-083893") << TaxIdError::NotDigits;
    QTest::newRow("non-ASCII digits") << QStringLiteral(u"٧٧٠٧٠٨٣٨٩٣") << TaxIdError::NotDigits;
    QTest::newRow("Sberbank, check digit +1") << QStringLiteral("7707083894") << TaxIdError::BadChecksum;
    QTest::newRow("Sberbank, first two swapped") << QStringLiteral("7077083893") << TaxIdError::BadChecksum;
    QTest::newRow("Yandex, last two swapped") << QStringLiteral("7736207534") << TaxIdError::BadChecksum;
    QTest::newRow("individual, 11th digit off") << QStringLiteral("500100732269") << TaxIdError::BadChecksum;
    QTest::newRow("individual, 12th digit off") << QStringLiteral("500100732258") << TaxIdError::BadChecksum;
    QTest::newRow("10-digit INN padded to 12") << QStringLiteral("007707083893") << TaxIdError::BadChecksum;
}

void TestTaxId::inn()
{
    QFETCH(QString, inn);
    QFETCH(TaxIdError, error);
    const TaxIdCheck check = validateInn(inn);
    QCOMPARE(check.error, error);
    QCOMPARE(check.ok(), error == TaxIdError::Ok);
    QCOMPARE(check.field, check.ok() ? TaxIdField::None : TaxIdField::Inn);
}

void TestTaxId::everySingleDigitChangeFails_data()
{
    QTest::addColumn<QString>("inn");
    QTest::newRow("Sberbank") << QStringLiteral("7707083893");
    QTest::newRow("Yandex") << QStringLiteral("7736207543");
    QTest::newRow("VTB") << QStringLiteral("7702070139");
    QTest::newRow("Alfa-Bank") << QStringLiteral("7728168971");
    QTest::newRow("individual") << QStringLiteral("500100732259");
    QTest::newRow("another individual") << QStringLiteral("773370857141");
}

void TestTaxId::everySingleDigitChangeFails()
{
    QFETCH(QString, inn);
    QVERIFY(validateInn(inn).ok());
    int variants = 0;
    for (qsizetype i = 0; i < inn.size(); ++i) {
        for (char16_t d = u'0'; d <= u'9'; ++d) {
            if (inn.at(i) == QChar(d))
                continue;
            QString variant = inn;
            variant[i] = QChar(d);
            QVERIFY2(validateInn(variant).error == TaxIdError::BadChecksum, qPrintable(variant));
            ++variants;
        }
    }
    QCOMPARE(variants, int(inn.size()) * 9);
}

void TestTaxId::checksumCannotCatchEverything()
{
    // 773207511: weighted sum 175, mod 11 = 10, mod 10 = 0. Changing the 4th digit 2 -> 6 adds
    // 4 * 3 = 12: 187 mod 11 = 0, so the check digit is 0 again. Both are well-formed INNs:
    // the official algorithm, not a bug here.
    QVERIFY(validateInn(u"7732075110").ok());
    QVERIFY(validateInn(u"7736075110").ok());
}

void TestTaxId::kpp_data()
{
    QTest::addColumn<QString>("kpp");
    QTest::addColumn<TaxIdError>("error");

    QTest::newRow("Yandex / Sberbank head office") << QStringLiteral("773601001") << TaxIdError::Ok;
    QTest::newRow("largest taxpayer office") << QStringLiteral("775001001") << TaxIdError::Ok;
    QTest::newRow("letters in reason code") << QStringLiteral("7736AB001") << TaxIdError::Ok;
    QTest::newRow("digit and letter in reason code") << QStringLiteral("77365Z001") << TaxIdError::Ok;
    QTest::newRow("empty") << QString() << TaxIdError::Empty;
    QTest::newRow("8 characters") << QStringLiteral("77360100") << TaxIdError::WrongLength;
    QTest::newRow("10 characters") << QStringLiteral("7736010011") << TaxIdError::WrongLength;
    QTest::newRow("letter in office code") << QStringLiteral("77A601001") << TaxIdError::NotDigits;
    QTest::newRow("letter in serial") << QStringLiteral("77360100A") << TaxIdError::NotDigits;
    QTest::newRow("space in serial") << QStringLiteral("7736010 1") << TaxIdError::NotDigits;
    QTest::newRow("lower-case reason code") << QStringLiteral("7736ab001") << TaxIdError::BadReasonCode;
    QTest::newRow("Cyrillic reason code") << QStringLiteral(u"7736АБ001") << TaxIdError::BadReasonCode;
    QTest::newRow("punctuation in reason code") << QStringLiteral("7736-1001") << TaxIdError::BadReasonCode;
}

void TestTaxId::kpp()
{
    QFETCH(QString, kpp);
    QFETCH(TaxIdError, error);
    const TaxIdCheck check = validateKpp(kpp);
    QCOMPARE(check.error, error);
    QCOMPARE(check.field, check.ok() ? TaxIdField::None : TaxIdField::Kpp);
}

void TestTaxId::innKppPair_data()
{
    QTest::addColumn<QString>("inn");
    QTest::addColumn<QString>("kpp");
    QTest::addColumn<TaxIdField>("field");
    QTest::addColumn<TaxIdError>("error");

    QTest::newRow("organisation with KPP")
        << QStringLiteral("7736207543") << QStringLiteral("773601001") << TaxIdField::None << TaxIdError::Ok;
    QTest::newRow("organisation without KPP")
        << QStringLiteral("7736207543") << QString() << TaxIdField::Kpp << TaxIdError::KppRequired;
    QTest::newRow("organisation, malformed KPP") << QStringLiteral("7736207543") << QStringLiteral("7736010")
                                                 << TaxIdField::Kpp << TaxIdError::WrongLength;
    QTest::newRow("individual without KPP")
        << QStringLiteral("500100732259") << QString() << TaxIdField::None << TaxIdError::Ok;
    QTest::newRow("individual with KPP") << QStringLiteral("500100732259") << QStringLiteral("500101001")
                                         << TaxIdField::Kpp << TaxIdError::KppNotAllowed;
    QTest::newRow("bad INN reported first") << QStringLiteral("7736207544") << QStringLiteral("bad")
                                            << TaxIdField::Inn << TaxIdError::BadChecksum;
    QTest::newRow("no INN") << QString() << QStringLiteral("773601001") << TaxIdField::Inn
                            << TaxIdError::Empty;
}

void TestTaxId::innKppPair()
{
    QFETCH(QString, inn);
    QFETCH(QString, kpp);
    const TaxIdCheck check = validateInnKpp(inn, kpp);
    QTEST(check.field, "field");
    QTEST(check.error, "error");
}

void TestTaxId::generatedInnsAreValidAndDistinct()
{
    QSet<QString> legal;
    QSet<QString> individual;
    for (quint64 seed = 0; seed < 5000; ++seed) {
        const QString a = generateInn(seed);
        const QString b = generateInn(seed, InnKind::Individual);
        QCOMPARE(a.size(), 10);
        QCOMPARE(b.size(), 12);
        QVERIFY2(validateInn(a).ok(), qPrintable(a));
        QVERIFY2(validateInn(b).ok(), qPrintable(b));
        const QString kpp = kppForInn(a, seed);
        QVERIFY2(validateInnKpp(a, kpp).ok(), qPrintable(a + QLatin1Char('/') + kpp));
        QCOMPARE(kpp.left(4), a.left(4));
        QVERIFY(validateInnKpp(b, QString()).ok());
        legal.insert(a);
        individual.insert(b);
    }
    QCOMPARE(legal.size(), 5000);
    QCOMPARE(individual.size(), 5000);
    // Deterministic: the demo data set is the same on every machine.
    QCOMPARE(generateInn(42), generateInn(42));
    QCOMPARE(generateInn(99999), generateInn(99999));
    QVERIFY(validateInn(generateInn(Q_UINT64_C(0xFFFFFFFFFFFFFFFF))).ok());
    QVERIFY(kppForInn(u"7736207544").isEmpty());
    QVERIFY(kppForInn(u"500100732259").isEmpty());
}

void TestTaxId::codesAndSentences()
{
    QCOMPARE(validateInn(u"7707083894").code(), QStringLiteral("inn.bad_checksum"));
    QCOMPARE(validateKpp(u"7736").code(), QStringLiteral("kpp.wrong_length"));
    QCOMPARE(validateInnKpp(u"7707083893", u"").code(), QStringLiteral("kpp.required"));
    QCOMPARE(validateInn(u"7707083893").code(), QStringLiteral("ok"));
    QCOMPARE(validateInn(u"7707083894").describe(), QStringLiteral("INN: check digit does not match"));
}

QTEST_APPLESS_MAIN(TestTaxId)
#include "tst_taxid.moc"
