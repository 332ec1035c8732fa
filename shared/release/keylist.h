#pragma once

#include "releaseerror.h"
#include "releasekeys.h"
#include "signedenvelope.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace portico::release {

// The list of valid release keys, signed by the ROOT key. Its payload:
//   {"type":"portico-release-keys","serial":int,"issued_at":ISO-8601 UTC,
//    "keys":[{"key_id","public_key":base64(32),"comment"}],"revoked":["key_id",...]}
// Each new list has a higher serial; a verifier remembers the highest serial it has accepted and
// refuses older lists (StaleKeyList), so a replayed old list cannot bring a revoked key back.

struct ReleaseKey
{
    QString keyId;
    QByteArray publicKey; // kPublicKeySize bytes
    QString comment; // e.g. "release key 2026, build machine A"
};

struct KeyList
{
    qint64 serial = 0;
    QDateTime issuedAt; // UTC
    QList<ReleaseKey> keys;
    QStringList revoked; // key ids

    bool isRevoked(const QString &keyId) const { return revoked.contains(keyId); }
    // The listed, not revoked key with that id; nullptr when there is none.
    const ReleaseKey *findValid(const QString &keyId) const;
};

inline constexpr qsizetype kMaxKeysInList = 256;

// The payload's JSON bytes (compact).
QByteArray keyListPayload(const KeyList &list);
// Malformed / WrongType (a payload of another type).
Result<KeyList> parseKeyListPayload(const QByteArray &payload);

// The signed envelope of list; WrongType unless rootKey is a root key.
Result<QByteArray> signKeyList(const KeyList &list, const SecretKey &rootKey);

// The key list inside a signed envelope, when the envelope is a key list (WrongType), signed by
// rootPublicKey (UnknownKey when it names another key, BadSignature when the signature fails), a
// well-formed payload that does not list the root key itself as a release key (Malformed) and a
// serial of at least minimumSerial (StaleKeyList).
Result<KeyList> verifyKeyList(const QByteArray &envelope, const PublicKey &rootPublicKey,
                              qint64 minimumSerial);
Result<KeyList> verifyKeyList(const SignedEnvelope &envelope, const PublicKey &rootPublicKey,
                              qint64 minimumSerial);

} // namespace portico::release
