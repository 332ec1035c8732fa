#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <stdexcept>

namespace portico::server {

// What a verified release manifest says (its payload, docs/API.md "Releases").
struct ReleaseManifest
{
    QString version;
    QString channel;
    QString platform;
    QString fileName;
    qint64 size = 0;
    QString sha256; // 64 lower-case hex digits
    QString minSupportedVersion;
    QJsonObject notes; // {"en": ..., "ru": ...}
    QString releasedAt;
    QString expiresAt;
    QString keyId; // the release key that signed it
};

// An upload refused because of what it is, not how it was sent: answered 422 with `code`, the
// signing library's name of the reason ("bad_signature", "unknown_key", "revoked_key",
// "malformed", "wrong_type", "expired", ...) or "no_root_key".
class ReleaseRejected final : public std::runtime_error
{
public:
    ReleaseRejected(QString code, const QString &message);
    const QString &code() const noexcept { return m_code; }
    const QString &message() const noexcept { return m_message; }

private:
    QString m_code;
    QString m_message;
};

// Checks what an admin uploads before anything is stored, with portico_release (shared/release):
// the key list is signed by the root key `rootPublicKey` (its 32 raw bytes), the manifest by a
// key of that list that is not revoked, and the manifest is well-formed and not expired at
// `nowMs`. The server holds no key that could sign either; it only refuses what the company's
// keys did not sign. Clients check the same chain again themselves. Throws ReleaseRejected.
ReleaseManifest verifyRelease(const QJsonObject &manifestEnvelope, const QJsonObject &keysEnvelope,
                              const QByteArray &rootPublicKey, qint64 nowMs);

// The root public key from a file: a public key file as `portico-release` writes it
// ({"kind": "portico-root-public", ...}), or the key's base64 text. Empty when the file cannot
// be read or holds neither.
QByteArray readRootPublicKey(const QString &path);

// The root public key built in at compile time (PORTICO_RELEASE_ROOT_PUBLIC_KEY, by default
// installer/keys/root.pub): what the server checks uploads with unless told otherwise.
QByteArray builtInRootPublicKey();

} // namespace portico::server
