// Release key files, versions and the streaming SHA-256 of portico_release.
#include "release/builtinrootkey.h"
#include "release/releasekeys.h"
#include "release/releaseversion.h"
#include "release/sha256stream.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace portico::release;

class TestReleaseKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secretKeyFileRoundTripWithMode0600()
    {
        QTemporaryDir dir;
        const KeyPair pair = generateKeyPair(KeyRole::Release);
        const QString path = dir.filePath(QStringLiteral("r1.key"));
        QVERIFY(!writeSecretKeyFile(path, pair.secretKey).has_value());
        QCOMPARE(QFile::permissions(path),
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
        const auto read = readSecretKeyFile(path);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
        QCOMPARE(read.value().role(), KeyRole::Release);
        QCOMPARE(read.value().bytes(), pair.secretKey.bytes());
        QCOMPARE(read.value().keyId(), pair.publicKey.keyId());
    }

    void secretKeyFileIsNeverOverwritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("root.key"));
        const KeyPair first = generateKeyPair(KeyRole::Root);
        QVERIFY(!writeSecretKeyFile(path, first.secretKey).has_value());
        const auto error = writeSecretKeyFile(path, generateKeyPair(KeyRole::Root).secretKey);
        QVERIFY(error.has_value());
        QCOMPARE(error->code, ErrorCode::FileError);
        QCOMPARE(readSecretKeyFile(path).value().keyId(), first.publicKey.keyId());
    }

    void secretKeyReadableByOthersIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("root.key"));
        QVERIFY(!writeSecretKeyFile(path, generateKeyPair(KeyRole::Root).secretKey).has_value());
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
        const auto read = readSecretKeyFile(path);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::FileError);
        QVERIFY(read.error().message.contains(QStringLiteral("0600")));
    }

    void publicKeyFileRoundTrip()
    {
        QTemporaryDir dir;
        const KeyPair pair = generateKeyPair(KeyRole::Root);
        const QString path = dir.filePath(QStringLiteral("root.pub"));
        QVERIFY(!writePublicKeyFile(path, pair.publicKey).has_value());
        const auto read = readPublicKeyFile(path);
        QVERIFY(read.ok());
        QCOMPARE(read.value().role, KeyRole::Root);
        QCOMPARE(read.value().bytes, pair.publicKey.bytes);
    }

    void malformedKeyFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        const KeyPair pair = generateKeyPair(KeyRole::Release);
        const QByteArray valid = publicKeyJson(pair.publicKey);
        QTest::newRow("garbage") << QByteArray("\x01\x02 not json");
        QTest::newRow("secret kind") << QByteArray(valid).replace("portico-release-public",
                                                                  "portico-release-secret");
        QTest::newRow("key id of another key")
            << QByteArray(valid).replace(pair.publicKey.keyId().toLatin1(), "0123456789abcdef");
        QTest::newRow("short key") << QByteArray(valid).replace(pair.publicKey.bytes.toBase64(),
                                                                pair.publicKey.bytes.left(31).toBase64());
    }

    void malformedKeyFiles()
    {
        QFETCH(QByteArray, content);
        const auto parsed = parsePublicKeyJson(content);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, ErrorCode::Malformed);
    }

    void inconsistentSecretKeyIsRefused()
    {
        // A secret key whose stored public half belongs to another key would sign under a
        // key id it cannot verify with.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mixed.key"));
        const KeyPair a = generateKeyPair(KeyRole::Release);
        const KeyPair b = generateKeyPair(KeyRole::Release);
        QVERIFY(!writeSecretKeyFile(
                     path, SecretKey(KeyRole::Release, a.secretKey.bytes().left(32) + b.publicKey.bytes))
                     .has_value());
        const auto read = readSecretKeyFile(path);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::Malformed);
    }

    void signaturesVerifyOnlyWithTheirKey()
    {
        const KeyPair a = generateKeyPair(KeyRole::Release);
        const KeyPair b = generateKeyPair(KeyRole::Release);
        const QByteArray signature = signDetached("hello", a.secretKey);
        QVERIFY(verifyDetached("hello", signature, a.publicKey));
        QVERIFY(!verifyDetached("hellO", signature, a.publicKey));
        QVERIFY(!verifyDetached("hello", signature, b.publicKey));
    }

    void versions_data()
    {
        QTest::addColumn<QString>("left");
        QTest::addColumn<QString>("right");
        QTest::addColumn<int>("order"); // -1, 0, 1
        QTest::newRow("patch") << QStringLiteral("1.4.0") << QStringLiteral("1.4.1") << -1;
        QTest::newRow("numeric, not text") << QStringLiteral("1.10.0") << QStringLiteral("1.9.9") << 1;
        QTest::newRow("missing parts are zero") << QStringLiteral("1.4") << QStringLiteral("1.4.0") << 0;
        QTest::newRow("major only") << QStringLiteral("2") << QStringLiteral("1.99.99") << 1;
        QTest::newRow("leading zeros") << QStringLiteral("01.02.03") << QStringLiteral("1.2.3") << 0;
    }

    void versions()
    {
        QFETCH(QString, left);
        QFETCH(QString, right);
        QFETCH(int, order);
        const auto a = ReleaseVersion::parse(left);
        const auto b = ReleaseVersion::parse(right);
        QVERIFY(a && b);
        const int actual = *a < *b ? -1 : (*a == *b ? 0 : 1);
        QCOMPARE(actual, order);
    }

    void garbageVersions_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *text : {"", "1.", ".1", "1..2", "1.2.3.4", "v1.2", "1.2.3-rc1", " 1.2", "1.2 ",
                                 "-1.0", "+1", "1.2.x", "1234567890", "١.٢.٣"})
            QTest::newRow(text) << QString::fromUtf8(text);
    }

    void garbageVersions()
    {
        QFETCH(QString, text);
        QVERIFY(!ReleaseVersion::parse(text).has_value());
    }

    void versionText() { QCOMPARE(ReleaseVersion::parse(u"1.4")->toString(), QStringLiteral("1.4.0")); }

    void sha256Stream()
    {
        Sha256Stream stream;
        stream.add("a");
        stream.add("bc");
        QCOMPARE(stream.bytesAdded(), 3);
        QCOMPARE(stream.finishHex(),
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(stream.finishHex(),
                 QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void digestOfAFile()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("installer.bin")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray block(3 * 1024 * 1024 + 17, 'x');
        file.write(block);
        file.close();
        const auto digest = digestFile(file.fileName());
        QVERIFY(digest.ok());
        QCOMPARE(digest.value().size, block.size());
        QCOMPARE(digest.value().sha256,
                 QString::fromLatin1(QCryptographicHash::hash(block, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(digestFile(dir.filePath(QStringLiteral("missing"))).error().code, ErrorCode::FileError);
    }

    void builtInRootKeyIsTheProjectsRootKey()
    {
        const PublicKey root = builtInRootPublicKey();
        QCOMPARE(root.role, KeyRole::Root);
        QCOMPARE(root.bytes.size(), kPublicKeySize);
        QFile file(QStringLiteral(PORTICO_SOURCE_DIR "/installer/keys/root.pub"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto committed = parsePublicKeyJson(file.readAll());
        QVERIFY(committed.ok());
        if (committed.value().bytes != root.bytes)
            QSKIP("built with another PORTICO_RELEASE_ROOT_PUBLIC_KEY than installer/keys/root.pub");
        QCOMPARE(committed.value().role, KeyRole::Root);
    }
};

QTEST_APPLESS_MAIN(TestReleaseKeys)
#include "tst_releasekeys.moc"
