// The release chain's verification, one test per attack: root key -> signed key list ->
// signed manifest. Every forged, replayed or misdirected document is refused with its reason.
#include "release/keylist.h"
#include "release/manifest.h"
#include "release/releasekeys.h"
#include "release/signedenvelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace portico::release;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC);

Manifest sampleManifest()
{
    Manifest manifest;
    manifest.version = QStringLiteral("1.4.0");
    manifest.channel = QStringLiteral("stable");
    manifest.platform = QStringLiteral("linux-amd64-deb");
    manifest.fileName = QStringLiteral("portico_1.4.0_amd64.deb");
    manifest.size = 123456;
    manifest.sha256 = QString(64, u'a');
    manifest.minSupportedVersion = QStringLiteral("1.2.0");
    manifest.notesEn = QStringLiteral("Faster catalog.");
    manifest.notesRu = QStringLiteral("Каталог быстрее.");
    manifest.releasedAt = kNow.addDays(-1);
    manifest.expiresAt = kNow.addDays(89);
    return manifest;
}

Expectations stableLinux(const QString &current = QStringLiteral("1.3.2"))
{
    return Expectations {current, QStringLiteral("stable"), QStringLiteral("linux-amd64-deb"), kNow};
}

QByteArray rewrite(const QByteArray &envelope, const QString &key, const QJsonValue &value)
{
    QJsonObject object = QJsonDocument::fromJson(envelope).object();
    object.insert(key, value);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray payloadOf(const QByteArray &envelope)
{
    return QByteArray::fromBase64(
        QJsonDocument::fromJson(envelope).object().value(QStringLiteral("payload")).toString().toLatin1());
}

QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

class TestRelease : public QObject
{
    Q_OBJECT

private:
    KeyPair m_root = generateKeyPair(KeyRole::Root);
    KeyPair m_release1 = generateKeyPair(KeyRole::Release);
    KeyPair m_release2 = generateKeyPair(KeyRole::Release);
    KeyList m_list;
    QByteArray m_signedList;

    QByteArray signedManifest(const Manifest &manifest, const SecretKey &key)
    {
        auto envelope = signManifest(manifest, key);
        if (!envelope)
            qFatal("%s", qPrintable(envelope.error().toString()));
        return envelope.value();
    }

    static void expectError(const std::optional<Error> &error, ErrorCode code)
    {
        QVERIFY2(error.has_value(), "expected a refusal");
        QVERIFY2(error->code == code, qPrintable(error->toString()));
    }

    template<typename T>
    static void expectError(const Result<T> &result, ErrorCode code)
    {
        QVERIFY2(!result.ok(), "expected a refusal");
        QVERIFY2(result.error().code == code, qPrintable(result.error().toString()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_list.serial = 7;
        m_list.issuedAt = kNow.addDays(-10);
        m_list.keys = {
            ReleaseKey {m_release1.publicKey.keyId(), m_release1.publicKey.bytes, QStringLiteral("build A")},
            ReleaseKey {m_release2.publicKey.keyId(), m_release2.publicKey.bytes, QStringLiteral("build B")}};
        auto signedList = signKeyList(m_list, m_root.secretKey);
        QVERIFY(signedList.ok());
        m_signedList = signedList.value();
    }

    void keyIdsAreTheFirstEightBytesOfSha256()
    {
        const QByteArray key(32, '\0');
        // SHA-256 of 32 zero bytes starts 66687aadf862bd77.
        QCOMPARE(keyIdOf(key), QStringLiteral("66687aadf862bd77"));
        QVERIFY(isWellFormedKeyId(m_root.publicKey.keyId()));
        QCOMPARE(m_root.secretKey.keyId(), m_root.publicKey.keyId());
    }

    void happyPath()
    {
        const auto list = verifyKeyList(m_signedList, m_root.publicKey, 7);
        QVERIFY2(list.ok(), qPrintable(list.ok() ? QString() : list.error().toString()));
        QCOMPARE(list.value().serial, 7);
        QCOMPARE(list.value().keys.size(), 2);
        QCOMPARE(list.value().keys.at(1).comment, QStringLiteral("build B"));
        QCOMPARE(list.value().issuedAt, m_list.issuedAt);

        const Manifest original = sampleManifest();
        const auto manifest
            = verifyManifest(signedManifest(original, m_release1.secretKey), list.value(), stableLinux());
        QVERIFY2(manifest.ok(), qPrintable(manifest.ok() ? QString() : manifest.error().toString()));
        QCOMPARE(manifest.value().version, original.version);
        QCOMPARE(manifest.value().sha256, original.sha256);
        QCOMPARE(manifest.value().size, original.size);
        QCOMPARE(manifest.value().notesRu, original.notesRu);
        QCOMPARE(manifest.value().expiresAt, original.expiresAt);
        QCOMPARE(manifest.value().minSupportedVersion, original.minSupportedVersion);
    }

    void tamperedManifestPayload()
    {
        const QByteArray envelope = signedManifest(sampleManifest(), m_release1.secretKey);
        QByteArray payload = payloadOf(envelope);
        payload.replace("\"size\":123456", "\"size\":123457");
        expectError(verifyManifest(rewrite(envelope, QStringLiteral("payload"), base64(payload)), m_list,
                                   stableLinux()),
                    ErrorCode::BadSignature);
        QByteArray hash = payloadOf(envelope);
        hash.replace(QByteArray(64, 'a'), QByteArray(64, 'b'));
        expectError(
            verifyManifest(rewrite(envelope, QStringLiteral("payload"), base64(hash)), m_list, stableLinux()),
            ErrorCode::BadSignature);
    }

    void tamperedKeyListPayload()
    {
        KeyList widened = m_list;
        const KeyPair attacker = generateKeyPair(KeyRole::Release);
        widened.keys.append(
            ReleaseKey {attacker.publicKey.keyId(), attacker.publicKey.bytes, QStringLiteral("x")});
        const QByteArray forged
            = rewrite(m_signedList, QStringLiteral("payload"), base64(keyListPayload(widened)));
        expectError(verifyKeyList(forged, m_root.publicKey, 1), ErrorCode::BadSignature);
    }

    void tamperedSignature()
    {
        const QByteArray envelope = signedManifest(sampleManifest(), m_release1.secretKey);
        QByteArray signature = QByteArray::fromBase64(QJsonDocument::fromJson(envelope)
                                                          .object()
                                                          .value(QStringLiteral("signature"))
                                                          .toString()
                                                          .toLatin1());
        signature[10] = static_cast<char>(signature[10] ^ 0x01);
        expectError(verifyManifest(rewrite(envelope, QStringLiteral("signature"), base64(signature)), m_list,
                                   stableLinux()),
                    ErrorCode::BadSignature);
        expectError(
            verifyManifest(rewrite(envelope, QStringLiteral("signature"), base64(QByteArray(64, '\0'))),
                           m_list, stableLinux()),
            ErrorCode::BadSignature);
    }

    void signatureOfAnotherListedKey()
    {
        // Signed by release key 2 but claiming to be key 1.
        const QByteArray envelope = signedManifest(sampleManifest(), m_release2.secretKey);
        expectError(verifyManifest(rewrite(envelope, QStringLiteral("key_id"), m_release1.publicKey.keyId()),
                                   m_list, stableLinux()),
                    ErrorCode::BadSignature);
    }

    void manifestSignedByUnknownKey()
    {
        const KeyPair stranger = generateKeyPair(KeyRole::Release);
        expectError(
            verifyManifest(signedManifest(sampleManifest(), stranger.secretKey), m_list, stableLinux()),
            ErrorCode::UnknownKey);
    }

    void manifestSignedByRevokedKey()
    {
        KeyList rotated = m_list;
        rotated.serial = 8;
        rotated.revoked = {m_release1.publicKey.keyId()};
        auto signedList = signKeyList(rotated, m_root.secretKey);
        QVERIFY(signedList.ok());
        const auto list = verifyKeyList(signedList.value(), m_root.publicKey, 7);
        QVERIFY(list.ok());
        expectError(verifyManifest(signedManifest(sampleManifest(), m_release1.secretKey), list.value(),
                                   stableLinux()),
                    ErrorCode::RevokedKey);
        // The other release key keeps working.
        QVERIFY(verifyManifest(signedManifest(sampleManifest(), m_release2.secretKey), list.value(),
                               stableLinux())
                    .ok());
    }

    void manifestSignedByTheRootKeyDirectly()
    {
        // signManifest refuses a root key, so the attacker (or a careless operator) builds the
        // envelope by hand: still refused, the root key is not a release key.
        expectError(signManifest(sampleManifest(), m_root.secretKey), ErrorCode::WrongType);
        const QByteArray envelope
            = signEnvelope(PayloadType::Manifest, manifestPayload(sampleManifest()), m_root.secretKey);
        expectError(verifyManifest(envelope, m_list, stableLinux()), ErrorCode::UnknownKey);
    }

    void rootKeyListedAsAReleaseKey()
    {
        // The root key stays offline and signs only key lists: a list naming it is refused, so a
        // manifest signed with the root key can never pass.
        KeyList withRoot = m_list;
        withRoot.keys.append(
            ReleaseKey {m_root.publicKey.keyId(), m_root.publicKey.bytes, QStringLiteral("root")});
        auto signedList = signKeyList(withRoot, m_root.secretKey);
        QVERIFY(signedList.ok());
        expectError(verifyKeyList(signedList.value(), m_root.publicKey, 1), ErrorCode::Malformed);
    }

    void keyListSignedByAReleaseKey()
    {
        expectError(signKeyList(m_list, m_release1.secretKey), ErrorCode::WrongType);
        const QByteArray envelope
            = signEnvelope(PayloadType::KeyList, keyListPayload(m_list), m_release1.secretKey);
        expectError(verifyKeyList(envelope, m_root.publicKey, 1), ErrorCode::UnknownKey);
        // Claiming the root key's id does not help.
        expectError(verifyKeyList(rewrite(envelope, QStringLiteral("key_id"), m_root.publicKey.keyId()),
                                  m_root.publicKey, 1),
                    ErrorCode::BadSignature);
    }

    void staleKeyListSerial()
    {
        expectError(verifyKeyList(m_signedList, m_root.publicKey, 8), ErrorCode::StaleKeyList);
        QVERIFY(verifyKeyList(m_signedList, m_root.publicKey, 7).ok());
    }

    void keyListPresentedAsManifestAndBack()
    {
        // The envelope's type is inside the signed bytes: relabelling breaks the signature...
        expectError(verifyManifest(rewrite(m_signedList, QStringLiteral("type"), QStringLiteral("manifest")),
                                   m_list, stableLinux()),
                    ErrorCode::UnknownKey); // signed by the root key, which is no release key
        const QByteArray manifest = signedManifest(sampleManifest(), m_release1.secretKey);
        expectError(verifyKeyList(rewrite(manifest, QStringLiteral("type"), QStringLiteral("keylist")),
                                  m_release1.publicKey, 1),
                    ErrorCode::BadSignature);
        // ...and unrelabelled, each is refused as the other type.
        expectError(verifyKeyList(manifest, m_root.publicKey, 1), ErrorCode::WrongType);
        expectError(verifyManifest(m_signedList, m_list, stableLinux()), ErrorCode::WrongType);
        // A payload of the other kind signed under the right label is refused too.
        const QByteArray keylistAsManifest
            = signEnvelope(PayloadType::Manifest, keyListPayload(m_list), m_release1.secretKey);
        expectError(verifyManifest(keylistAsManifest, m_list, stableLinux()), ErrorCode::WrongType);
        const QByteArray manifestAsKeylist
            = signEnvelope(PayloadType::KeyList, manifestPayload(sampleManifest()), m_root.secretKey);
        expectError(verifyKeyList(manifestAsKeylist, m_root.publicKey, 1), ErrorCode::WrongType);
    }

    void rollbackToAnOlderVersion()
    {
        expectError(verifyManifest(signedManifest(sampleManifest(), m_release1.secretKey), m_list,
                                   stableLinux(QStringLiteral("1.5.0"))),
                    ErrorCode::NotNewer);
        expectError(verifyManifest(signedManifest(sampleManifest(), m_release1.secretKey), m_list,
                                   stableLinux(QStringLiteral("1.10"))),
                    ErrorCode::NotNewer);
    }

    void rollbackToTheSameVersion()
    {
        expectError(verifyManifest(signedManifest(sampleManifest(), m_release1.secretKey), m_list,
                                   stableLinux(QStringLiteral("1.4"))),
                    ErrorCode::NotNewer);
    }

    void otherPlatform()
    {
        Manifest windows = sampleManifest();
        windows.platform = QStringLiteral("windows-x64-nsis");
        expectError(verifyManifest(signedManifest(windows, m_release1.secretKey), m_list, stableLinux()),
                    ErrorCode::WrongPlatform);
    }

    void otherChannel()
    {
        Expectations beta = stableLinux();
        beta.channel = QStringLiteral("beta");
        expectError(verifyManifest(signedManifest(sampleManifest(), m_release1.secretKey), m_list, beta),
                    ErrorCode::WrongChannel);
    }

    void betaManifestPresentedForStable()
    {
        // Mix and match: a perfectly valid, newer beta release offered to a stable client.
        Manifest beta = sampleManifest();
        beta.channel = QStringLiteral("beta");
        beta.version = QStringLiteral("1.5.0");
        Expectations betaClient = stableLinux();
        betaClient.channel = QStringLiteral("beta");
        const QByteArray envelope = signedManifest(beta, m_release1.secretKey);
        QVERIFY(verifyManifest(envelope, m_list, betaClient).ok());
        expectError(verifyManifest(envelope, m_list, stableLinux()), ErrorCode::WrongChannel);
    }

    void expired()
    {
        Manifest old = sampleManifest();
        old.releasedAt = kNow.addDays(-100);
        old.expiresAt = kNow.addSecs(-1);
        expectError(verifyManifest(signedManifest(old, m_release1.secretKey), m_list, stableLinux()),
                    ErrorCode::Expired);
        old.expiresAt = kNow;
        expectError(verifyManifest(signedManifest(old, m_release1.secretKey), m_list, stableLinux()),
                    ErrorCode::Expired);
    }

    void notYetValid()
    {
        Manifest future = sampleManifest();
        future.releasedAt = kNow.addSecs(kClockSkewSeconds + 60);
        expectError(verifyManifest(signedManifest(future, m_release1.secretKey), m_list, stableLinux()),
                    ErrorCode::NotYetValid);
        future.releasedAt = kNow.addSecs(60); // within the allowed clock skew
        QVERIFY(verifyManifest(signedManifest(future, m_release1.secretKey), m_list, stableLinux()).ok());
    }

    void garbageEnvelopes_data()
    {
        QTest::addColumn<QByteArray>("document");
        const QByteArray valid = signedManifest(sampleManifest(), m_release1.secretKey);
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not json") << QByteArray("portico says hello");
        QTest::newRow("array") << QByteArray("[1,2,3]");
        QTest::newRow("truncated") << valid.left(valid.size() / 2);
        QTest::newRow("wrong format")
            << rewrite(valid, QStringLiteral("format"), QStringLiteral("portico-signed-v2"));
        QTest::newRow("unknown type") << rewrite(valid, QStringLiteral("type"), QStringLiteral("installer"));
        QTest::newRow("type as number") << rewrite(valid, QStringLiteral("type"), 1);
        QTest::newRow("key id upper case")
            << rewrite(valid, QStringLiteral("key_id"), m_release1.publicKey.keyId().toUpper());
        QTest::newRow("key id as number") << rewrite(valid, QStringLiteral("key_id"), 42);
        QTest::newRow("payload as object") << rewrite(valid, QStringLiteral("payload"), QJsonObject());
        QTest::newRow("payload not base64")
            << rewrite(valid, QStringLiteral("payload"), QStringLiteral("!!!!"));
        QTest::newRow("payload empty") << rewrite(valid, QStringLiteral("payload"), QString());
        QTest::newRow("signature short")
            << rewrite(valid, QStringLiteral("signature"), base64(QByteArray(63, 'x')));
        QTest::newRow("signature long")
            << rewrite(valid, QStringLiteral("signature"), base64(QByteArray(65, 'x')));
        QTest::newRow("huge base64 payload")
            << rewrite(valid, QStringLiteral("payload"), base64(QByteArray(kMaxPayloadSize + 1, '{')));
        QTest::newRow("huge document") << QByteArray(kMaxEnvelopeSize + 1, ' ');
    }

    void garbageEnvelopes()
    {
        QFETCH(QByteArray, document);
        expectError(verifyManifest(document, m_list, stableLinux()), ErrorCode::Malformed);
        expectError(verifyKeyList(document, m_root.publicKey, 1), ErrorCode::Malformed);
    }

    void malformedManifestPayloads_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("version garbage")
            << QStringLiteral("version") << QJsonValue(QStringLiteral("1.4.0-rc1"));
        QTest::newRow("version number") << QStringLiteral("version") << QJsonValue(1.4);
        QTest::newRow("min version above version")
            << QStringLiteral("min_supported_version") << QJsonValue(QStringLiteral("2.0"));
        QTest::newRow("channel unknown")
            << QStringLiteral("channel") << QJsonValue(QStringLiteral("nightly"));
        QTest::newRow("platform unknown")
            << QStringLiteral("platform") << QJsonValue(QStringLiteral("linux-arm64-deb"));
        QTest::newRow("file name with directory")
            << QStringLiteral("file_name") << QJsonValue(QStringLiteral("../portico.deb"));
        QTest::newRow("size negative") << QStringLiteral("size") << QJsonValue(-5);
        QTest::newRow("size fraction") << QStringLiteral("size") << QJsonValue(1.5);
        QTest::newRow("size string") << QStringLiteral("size") << QJsonValue(QStringLiteral("123"));
        QTest::newRow("size huge") << QStringLiteral("size") << QJsonValue(1e300);
        QTest::newRow("sha256 short") << QStringLiteral("sha256") << QJsonValue(QStringLiteral("abcd"));
        QTest::newRow("sha256 upper case") << QStringLiteral("sha256") << QJsonValue(QString(64, u'A'));
        QTest::newRow("notes missing ru")
            << QStringLiteral("notes")
            << QJsonValue(QJsonObject {{QStringLiteral("en"), QStringLiteral("x")}});
        QTest::newRow("released_at not UTC")
            << QStringLiteral("released_at") << QJsonValue(QStringLiteral("2026-11-29T12:00:00+03:00"));
        QTest::newRow("expires before release")
            << QStringLiteral("expires_at") << QJsonValue(QStringLiteral("2020-01-01T00:00:00Z"));
    }

    void malformedManifestPayloads()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject payload = QJsonDocument::fromJson(manifestPayload(sampleManifest())).object();
        payload.insert(field, value);
        const QByteArray envelope
            = signEnvelope(PayloadType::Manifest, QJsonDocument(payload).toJson(QJsonDocument::Compact),
                           m_release1.secretKey);
        expectError(verifyManifest(envelope, m_list, stableLinux()), ErrorCode::Malformed);
    }

    void malformedKeyListPayloads()
    {
        QJsonObject payload = QJsonDocument::fromJson(keyListPayload(m_list)).object();
        payload.insert(QStringLiteral("serial"), QStringLiteral("7"));
        expectError(verifyKeyList(
                        signEnvelope(PayloadType::KeyList, QJsonDocument(payload).toJson(), m_root.secretKey),
                        m_root.publicKey, 1),
                    ErrorCode::Malformed);
        payload = QJsonDocument::fromJson(keyListPayload(m_list)).object();
        payload.insert(QStringLiteral("revoked"), QJsonArray {QStringLiteral("not-a-key-id")});
        expectError(verifyKeyList(
                        signEnvelope(PayloadType::KeyList, QJsonDocument(payload).toJson(), m_root.secretKey),
                        m_root.publicKey, 1),
                    ErrorCode::Malformed);
        // A listed key whose id does not match its bytes.
        KeyList mismatched = m_list;
        mismatched.keys[0].keyId = m_release2.publicKey.keyId();
        expectError(
            verifyKeyList(signEnvelope(PayloadType::KeyList, keyListPayload(mismatched), m_root.secretKey),
                          m_root.publicKey, 1),
            ErrorCode::Malformed);
    }

    void checkedExpectations()
    {
        // A current version that does not parse is the caller's mistake, never "install it".
        expectError(verifyManifest(signedManifest(sampleManifest(), m_release1.secretKey), m_list,
                                   stableLinux(QStringLiteral("dev"))),
                    ErrorCode::Malformed);
        Expectations noClock = stableLinux();
        noClock.now = QDateTime();
        expectError(verifyManifest(signedManifest(sampleManifest(), m_release1.secretKey), m_list, noClock),
                    ErrorCode::Malformed);
    }
};

QTEST_APPLESS_MAIN(TestRelease)
#include "tst_release.moc"
