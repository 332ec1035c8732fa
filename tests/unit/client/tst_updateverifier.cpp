#include "release/releaseerror.h"
#include "update/releaseverifier.h"
#include "updatekeys.h"

#include <QTemporaryDir>
#include <QTest>

using namespace portico;
using namespace portico::client;
using namespace portico::test;
using release::ErrorCode;

// The chain of trust an update must pass before a byte of it is downloaded: root key -> release
// key list -> manifest. One test per attack; each must be refused with its reason.
class TestUpdateVerifier final : public QObject
{
    Q_OBJECT

    UpdateKeys m_keys;
    QTemporaryDir m_dir;
    QByteArray m_installer = fakeInstaller(4096);
    const ReleaseVerifier::Running m_running {QStringLiteral("1.0.0"), AppInfo::platform(),
                                              QStringLiteral("stable")};

    ReleaseVerifier verifier(const QString &name = QStringLiteral("trust.json")) const
    {
        return ReleaseVerifier(m_keys.root.publicKey.bytes, m_dir.filePath(name));
    }

    UpdateOffer offerOf(const QJsonObject &manifest, const QJsonObject &keys) const
    {
        return *UpdateOffer::fromJson(UpdateKeys::offer(manifest, keys),
                                      QUrl(QStringLiteral("http://127.0.0.1:1")), nullptr);
    }

    void expectRefused(const QJsonObject &manifest, const QJsonObject &keys, ErrorCode code,
                       const ReleaseVerifier::Running *running = nullptr)
    {
        ReleaseVerifier check
            = verifier(QStringLiteral("trust-%1.json").arg(QLatin1StringView(QTest::currentTestFunction())));
        const auto result = check.verify(offerOf(manifest, keys), running ? *running : m_running,
                                         QDateTime::currentDateTimeUtc());
        QVERIFY(!result.release);
        QCOMPARE(result.code, release::errorCodeName(code));
        QVERIFY(!result.message.isEmpty());
    }

private Q_SLOTS:
    void signedReleaseIsAccepted()
    {
        ReleaseVerifier check = verifier(QStringLiteral("accepted.json"));
        const auto result = check.verify(
            offerOf(m_keys.signedManifest(UpdateKeys::manifest(m_installer)), m_keys.keyList()), m_running,
            QDateTime::currentDateTimeUtc());
        QVERIFY2(result.release, qPrintable(result.message));
        QCOMPARE(result.release->version, QStringLiteral("99.0.0"));
        QCOMPARE(result.release->size, m_installer.size());
        QCOMPARE(result.release->sha256,
                 QCryptographicHash::hash(m_installer, QCryptographicHash::Sha256).toHex());
        QCOMPARE(result.release->notes(QStringLiteral("ru_RU")), QStringLiteral("Быстрее поиск."));
        QCOMPARE(result.release->notes(QStringLiteral("en_GB")), QStringLiteral("Faster search."));
        QCOMPARE(result.release->downloadUrl,
                 QUrl(QStringLiteral("http://127.0.0.1:1/api/v1/updates/r1/installer")));
        QCOMPARE(check.highestKeySerial(), 5);
    }

    void tamperedManifestIsRefused()
    {
        // The server changes the size and hash inside the signed payload (to slip in its own file).
        QJsonObject manifest = m_keys.signedManifest(UpdateKeys::manifest(m_installer));
        QJsonObject payload
            = QJsonDocument::fromJson(
                  QByteArray::fromBase64(manifest.value(QStringLiteral("payload")).toString().toLatin1()))
                  .object();
        payload.insert(QStringLiteral("sha256"), QString(64, QLatin1Char('0')));
        manifest.insert(
            QStringLiteral("payload"),
            QString::fromLatin1(QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64()));
        expectRefused(manifest, m_keys.keyList(), ErrorCode::BadSignature);
    }

    void manifestSignedByUnknownKeyIsRefused()
    {
        const auto stranger = release::generateKeyPair(release::KeyRole::Release);
        expectRefused(m_keys.signedManifest(UpdateKeys::manifest(m_installer), &stranger.secretKey),
                      m_keys.keyList(), ErrorCode::UnknownKey);
    }

    void manifestSignedByRevokedKeyIsRefused()
    {
        const auto successor = release::generateKeyPair(release::KeyRole::Release);
        const QJsonObject keys = m_keys.keyList(6, {m_keys.releaseKey.publicKey.keyId()}, nullptr,
                                                {m_keys.releaseKey.publicKey, successor.publicKey});
        expectRefused(m_keys.signedManifest(UpdateKeys::manifest(m_installer)), keys, ErrorCode::RevokedKey);
    }

    void olderKeyListIsRefusedOnceANewerWasSeen()
    {
        ReleaseVerifier check = verifier(QStringLiteral("serial.json"));
        const QJsonObject manifest = m_keys.signedManifest(UpdateKeys::manifest(m_installer));
        QVERIFY(check.verify(offerOf(manifest, m_keys.keyList(7)), m_running, QDateTime::currentDateTimeUtc())
                    .release);
        QCOMPARE(check.highestKeySerial(), 7);
        // The old list (from before a key was revoked) replayed: refused, also by a new verifier
        // over the same folder (the serial survives a restart).
        ReleaseVerifier restarted = verifier(QStringLiteral("serial.json"));
        const auto result = restarted.verify(offerOf(manifest, m_keys.keyList(5)), m_running,
                                             QDateTime::currentDateTimeUtc());
        QVERIFY(!result.release);
        QCOMPARE(result.code, release::errorCodeName(ErrorCode::StaleKeyList));
    }

    void rollbackToOlderSignedReleaseIsRefused()
    {
        expectRefused(m_keys.signedManifest(UpdateKeys::manifest(m_installer, QStringLiteral("0.9.0"))),
                      m_keys.keyList(), ErrorCode::NotNewer);
    }

    void equalVersionIsRefused()
    {
        expectRefused(m_keys.signedManifest(UpdateKeys::manifest(m_installer, QStringLiteral("1.0.0"))),
                      m_keys.keyList(), ErrorCode::NotNewer);
    }

    void otherPlatformIsRefused()
    {
        release::Manifest manifest = UpdateKeys::manifest(m_installer);
        manifest.platform = AppInfo::platform() == QStringLiteral("windows-x64-nsis")
            ? QStringLiteral("linux-amd64-deb")
            : QStringLiteral("windows-x64-nsis");
        manifest.fileName = QStringLiteral("portico-setup.exe");
        expectRefused(m_keys.signedManifest(manifest), m_keys.keyList(), ErrorCode::WrongPlatform);
    }

    void otherChannelIsRefused()
    {
        // A beta build offered to a desktop on the stable channel (mix-and-match).
        release::Manifest manifest = UpdateKeys::manifest(m_installer);
        manifest.channel = QStringLiteral("beta");
        expectRefused(m_keys.signedManifest(manifest), m_keys.keyList(), ErrorCode::WrongChannel);
    }

    void expiredManifestIsRefused()
    {
        release::Manifest manifest = UpdateKeys::manifest(m_installer);
        manifest.releasedAt = manifest.releasedAt.addDays(-60);
        manifest.expiresAt = manifest.releasedAt.addDays(30);
        expectRefused(m_keys.signedManifest(manifest), m_keys.keyList(), ErrorCode::Expired);
    }

    void keyListNotSignedByRootIsRefused()
    {
        // A server holding only its own credentials makes up a key list with its own key and
        // signs its build with it.
        const auto serverRoot = release::generateKeyPair(release::KeyRole::Root);
        const auto serverKey = release::generateKeyPair(release::KeyRole::Release);
        const QJsonObject keys = m_keys.keyList(99, {}, &serverRoot.secretKey, {serverKey.publicKey});
        expectRefused(m_keys.signedManifest(UpdateKeys::manifest(m_installer), &serverKey.secretKey), keys,
                      ErrorCode::UnknownKey);
    }

    void unsignedManifestIsRefused()
    {
        QJsonObject manifest = m_keys.signedManifest(UpdateKeys::manifest(m_installer));
        manifest.remove(QStringLiteral("signature"));
        expectRefused(manifest, m_keys.keyList(), ErrorCode::Malformed);
    }

    void keyListPassedOffAsManifestIsRefused()
    {
        expectRefused(m_keys.keyList(), m_keys.keyList(), ErrorCode::WrongType);
    }
};

QTEST_GUILESS_MAIN(TestUpdateVerifier)
#include "tst_updateverifier.moc"
