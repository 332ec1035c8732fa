#pragma once

#include "keylist.h"
#include "releaseerror.h"
#include "releasekeys.h"
#include "signedenvelope.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace portico::release {

// A release manifest, signed by a RELEASE key listed in the key list. Its payload:
//   {"type":"portico-release-manifest","version":"1.4.0","channel":"stable"|"beta",
//    "platform":"linux-amd64-deb"|"windows-x64-nsis","file_name","size":int,"sha256":hex,
//    "min_supported_version":"1.2.0","notes":{"en":"...","ru":"..."},
//    "released_at":ISO-8601 UTC,"expires_at":ISO-8601 UTC}

QStringList knownChannels(); // stable, beta
QStringList knownPlatforms(); // linux-amd64-deb, windows-x64-nsis

struct Manifest
{
    QString version; // "1.4.0" (ReleaseVersion)
    QString channel;
    QString platform;
    QString fileName; // a bare file name, no directories
    qint64 size = 0; // bytes of the installer
    QString sha256; // lowercase hex of the installer's SHA-256
    QString minSupportedVersion; // clients below it must update before they may sync
    QString notesEn;
    QString notesRu;
    QDateTime releasedAt; // UTC
    QDateTime expiresAt; // UTC
};

inline constexpr qsizetype kMaxNotesLength = 20000;

// The payload's JSON bytes (compact).
QByteArray manifestPayload(const Manifest &manifest);
// Malformed (any field out of form, min_supported_version above version, expiry not after the
// release) / WrongType (a payload of another type).
Result<Manifest> parseManifestPayload(const QByteArray &payload);

// The signed envelope of manifest; WrongType unless releaseKey is a release key, Malformed when
// the manifest would not parse back.
Result<QByteArray> signManifest(const Manifest &manifest, const SecretKey &releaseKey);

// What the verifier expects of a manifest.
struct Expectations
{
    QString currentVersion; // the running version: the manifest must be newer
    QString channel; // the channel the client follows
    QString platform; // the client's platform
    QDateTime now; // the current time
};

// A manifest verified only as signed: a manifest envelope (WrongType), by a key of keyList that
// is not revoked (RevokedKey, UnknownKey; the root key itself is not a release key), with a
// valid signature (BadSignature) over a well-formed payload (Malformed, WrongType).
Result<Manifest> verifyManifestSignature(const QByteArray &envelope, const KeyList &keyList);
Result<Manifest> verifyManifestSignature(const SignedEnvelope &envelope, const KeyList &keyList);

// Whether a signed manifest is one to install: WrongPlatform, WrongChannel, NotYetValid (more
// than kClockSkewSeconds before released_at), Expired (at or after expires_at), NotNewer (version
// equal to or older than the current one; Malformed when the current version does not parse).
inline constexpr qint64 kClockSkewSeconds = 600;
std::optional<Error> checkManifest(const Manifest &manifest, const Expectations &expected);

// Both of the above: the manifest when it may be installed.
Result<Manifest> verifyManifest(const QByteArray &envelope, const KeyList &keyList,
                                const Expectations &expected);

} // namespace portico::release
