#include "releasesigner.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <sodium.h>

#include <stdexcept>

namespace portico::test {

namespace {

void makeKeyPair(QByteArray &publicKey, QByteArray &secretKey)
{
    publicKey.resize(crypto_sign_PUBLICKEYBYTES);
    secretKey.resize(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(reinterpret_cast<unsigned char *>(publicKey.data()),
                        reinterpret_cast<unsigned char *>(secretKey.data()));
}

} // namespace

ReleaseSigner::ReleaseSigner()
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium did not start");
    makeKeyPair(m_rootPublic, m_rootSecret);
    makeKeyPair(m_releasePublic, m_releaseSecret);
    QByteArray strangerPublic;
    makeKeyPair(strangerPublic, m_strangerSecret);
}

bool ReleaseSigner::writeRootPublicKey(const QString &path) const
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(m_rootPublic.toBase64() + '\n') > 0;
}

QJsonObject ReleaseSigner::keyList(const QStringList &revoked) const
{
    const QJsonObject payload {
        {QStringLiteral("type"), QStringLiteral("portico-release-keys")},
        {QStringLiteral("serial"), 1},
        {QStringLiteral("issued_at"), QStringLiteral("2026-01-01T00:00:00Z")},
        {QStringLiteral("keys"),
         QJsonArray {
             QJsonObject {{QStringLiteral("key_id"), releaseKeyId()},
                          {QStringLiteral("public_key"), QString::fromLatin1(m_releasePublic.toBase64())},
                          {QStringLiteral("comment"), QStringLiteral("test release key")}}}},
        {QStringLiteral("revoked"), QJsonArray::fromStringList(revoked)},
    };
    return envelope(QStringLiteral("keylist"), QStringLiteral("root"), payload, m_rootSecret);
}

QJsonObject ReleaseSigner::manifestPayload(const QString &version, const QString &channel,
                                           const QString &platform, const QByteArray &installer,
                                           const QString &minSupported)
{
    return QJsonObject {
        {QStringLiteral("type"), QStringLiteral("portico-release-manifest")},
        {QStringLiteral("version"), version},
        {QStringLiteral("channel"), channel},
        {QStringLiteral("platform"), platform},
        {QStringLiteral("file_name"), QStringLiteral("portico_%1_amd64.deb").arg(version)},
        {QStringLiteral("size"), installer.size()},
        {QStringLiteral("sha256"),
         QString::fromLatin1(QCryptographicHash::hash(installer, QCryptographicHash::Sha256).toHex())},
        {QStringLiteral("min_supported_version"), minSupported},
        {QStringLiteral("notes"),
         QJsonObject {{QStringLiteral("en"), QStringLiteral("Faster sync")},
                      {QStringLiteral("ru"), QStringLiteral("Быстрее синхронизация")}}},
        {QStringLiteral("released_at"), QStringLiteral("2026-01-02T00:00:00Z")},
        {QStringLiteral("expires_at"), QStringLiteral("2030-01-01T00:00:00Z")},
    };
}

QJsonObject ReleaseSigner::manifest(const QJsonObject &payload, bool byStranger) const
{
    return envelope(QStringLiteral("manifest"), releaseKeyId(), payload,
                    byStranger ? m_strangerSecret : m_releaseSecret);
}

QJsonObject ReleaseSigner::envelope(const QString &type, const QString &keyId, const QJsonObject &payload,
                                    const QByteArray &secretKey)
{
    const QByteArray bytes = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(bytes.constData()),
                         static_cast<unsigned long long>(bytes.size()),
                         reinterpret_cast<const unsigned char *>(secretKey.constData()));
    return QJsonObject {
        {QStringLiteral("format"), QStringLiteral("portico-signed-v1")},
        {QStringLiteral("type"), type},
        {QStringLiteral("key_id"), keyId},
        {QStringLiteral("payload"), QString::fromLatin1(bytes.toBase64())},
        {QStringLiteral("signature"), QString::fromLatin1(signature.toBase64())},
    };
}

} // namespace portico::test
