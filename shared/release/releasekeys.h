#pragma once

#include "releaseerror.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace portico::release {

// Ed25519 keys (libsodium) of the release chain. The ROOT key is kept offline and signs only the
// list of valid release keys; RELEASE keys sign manifests and can be rotated and revoked by a new
// key list. Nothing on the server ever holds a secret key: everything that touches one is defined
// in secretkey.cpp and releasesigning.cpp, which a program that only verifies does not link (the
// test release_signing_only_in_tool checks portico-server and portico).

inline constexpr qsizetype kPublicKeySize = 32;
inline constexpr qsizetype kSecretKeySize = 64; // libsodium's seed + public key
inline constexpr qsizetype kSignatureSize = 64;

enum class KeyRole { Root, Release };

// Key ids: lowercase hex of the first 8 bytes of SHA-256(public key bytes), 16 characters.
QString keyIdOf(const QByteArray &publicKey);
bool isWellFormedKeyId(const QString &keyId);

struct PublicKey
{
    KeyRole role = KeyRole::Release;
    QByteArray bytes; // kPublicKeySize bytes

    QString keyId() const { return keyIdOf(bytes); }
};

// A secret key; the bytes are wiped when the last copy goes away.
class SecretKey final
{
public:
    SecretKey(KeyRole role, QByteArray bytes);
    SecretKey(const SecretKey &other);
    SecretKey &operator=(const SecretKey &other);
    ~SecretKey();

    KeyRole role() const { return m_role; }
    const QByteArray &bytes() const { return m_bytes; }
    PublicKey publicKey() const; // the last 32 bytes of libsodium's secret key
    QString keyId() const { return publicKey().keyId(); }

private:
    KeyRole m_role;
    QByteArray m_bytes;
};

struct KeyPair
{
    PublicKey publicKey;
    SecretKey secretKey;
};

// A fresh key pair from libsodium's random source.
KeyPair generateKeyPair(KeyRole role);

// Ed25519 detached signature of message (kSignatureSize bytes) / its check.
QByteArray signDetached(const QByteArray &message, const SecretKey &key);
bool verifyDetached(const QByteArray &message, const QByteArray &signature, const PublicKey &key);

// Key files, JSON:
//   secret {"kind":"portico-root-secret"|"portico-release-secret","key_id","secret_key":base64(64)}
//   public {"kind":"portico-root-public"|"portico-release-public","key_id","public_key":base64(32)}
// A secret key file is created with mode 0600 and never overwritten; reading one that group or
// others may read (on Unix) is refused with FileError. The key_id must match the key.
QByteArray publicKeyJson(const PublicKey &key);
Result<PublicKey> parsePublicKeyJson(const QByteArray &json);
// base64 of exactly 32 bytes: the form of PORTICO_RELEASE_ROOT_PUBLIC_KEY and key lists.
std::optional<QByteArray> decodePublicKeyBase64(const QString &base64);

std::optional<Error> writeSecretKeyFile(const QString &path, const SecretKey &key);
Result<SecretKey> readSecretKeyFile(const QString &path);
std::optional<Error> writePublicKeyFile(const QString &path, const PublicKey &key);
Result<PublicKey> readPublicKeyFile(const QString &path);

} // namespace portico::release
