#pragma once

#include "release/releasekeys.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace portico::test {

// The company's release keys for tests: a root key, a release key and a stranger's key (fresh
// for each signer), and envelopes signed with them by portico_release, so that tests can
// publish what the server must accept and forge what it must refuse.
class ReleaseSigner final
{
public:
    ReleaseSigner();

    QByteArray rootPublicKey() const { return m_root.publicKey.bytes; }
    // Writes the root public key file as portico-release does (what --release-root-key reads).
    bool writeRootPublicKey(const QString &path) const;

    // The key list signed by the root key: the release key; `revoked` names key ids it revokes.
    QJsonObject keyList(const QStringList &revoked = {}) const;
    QString releaseKeyId() const { return m_release.publicKey.keyId(); }

    // A manifest payload for an installer with this content.
    static QJsonObject manifestPayload(const QString &version, const QString &channel,
                                       const QString &platform, const QByteArray &installer,
                                       const QString &minSupported = QStringLiteral("0.1.0"));
    // The payload signed by the release key (or, with `byStranger`, by a key no list names).
    QJsonObject manifest(const QJsonObject &payload, bool byStranger = false) const;

private:
    release::KeyPair m_root;
    release::KeyPair m_release;
    release::KeyPair m_stranger;
};

} // namespace portico::test
