#pragma once

#include "releaseerror.h"
#include "releasekeys.h"

#include <QByteArray>
#include <QString>

namespace portico::release {

// The signed envelope around a key list or a manifest, a JSON object:
//   {"format":"portico-signed-v1","type":"keylist"|"manifest","key_id",
//    "payload":base64(exact payload bytes),
//    "signature":base64(Ed25519 detached signature over "portico-signed-v1\n" + type + "\n" + payload)}
// The type is inside the signed bytes, so a signed key list can never pass as a manifest and back.

enum class PayloadType { KeyList, Manifest };

QString payloadTypeName(PayloadType type); // "keylist" / "manifest"

inline constexpr char kEnvelopeFormat[] = "portico-signed-v1";

inline constexpr qsizetype kMaxEnvelopeSize = 1024 * 1024;
inline constexpr qsizetype kMaxPayloadSize = 256 * 1024;

struct SignedEnvelope
{
    PayloadType type = PayloadType::Manifest;
    QString keyId; // the signing key's id
    QByteArray payload; // the exact signed bytes
    QByteArray signature;

    // The bytes the signature covers.
    QByteArray signedBytes() const;
    bool verify(const PublicKey &key) const;
};

// The envelope's JSON (compact) for payload signed by key.
QByteArray signEnvelope(PayloadType type, const QByteArray &payload, const SecretKey &key);
// Malformed for anything that is not a well-formed envelope (size limits included).
Result<SignedEnvelope> parseEnvelope(const QByteArray &json);

} // namespace portico::release
