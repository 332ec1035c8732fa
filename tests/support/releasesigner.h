#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace portico::test {

// The company's release keys for tests: a root key and a release key (Ed25519, fresh for each
// signer), and envelopes signed with them in the portico-signed-v1 format, so that tests can
// publish what the server must accept and forge what it must refuse.
class ReleaseSigner final
{
public:
    ReleaseSigner();

    QByteArray rootPublicKey() const { return m_rootPublic; }
    // Writes the root public key as base64 text (what --release-root-key reads).
    bool writeRootPublicKey(const QString &path) const;

    // The key list signed by the root key: the release key; `revoked` names key ids it revokes.
    QJsonObject keyList(const QStringList &revoked = {}) const;
    QString releaseKeyId() const { return QStringLiteral("release-test"); }

    // A manifest payload for an installer with this content.
    static QJsonObject manifestPayload(const QString &version, const QString &channel,
                                       const QString &platform, const QByteArray &installer,
                                       const QString &minSupported = {});
    // The payload signed by the release key (or, with `byStranger`, by a key no list names).
    QJsonObject manifest(const QJsonObject &payload, bool byStranger = false) const;

    // An envelope of `type` over `payload` signed by `secretKey` as `keyId`.
    static QJsonObject envelope(const QString &type, const QString &keyId, const QJsonObject &payload,
                                const QByteArray &secretKey);

private:
    QByteArray m_rootPublic;
    QByteArray m_rootSecret;
    QByteArray m_releasePublic;
    QByteArray m_releaseSecret;
    QByteArray m_strangerSecret;
};

} // namespace portico::test
