// Everything that signs: envelopes, key lists, manifests. Kept apart from the verification code
// so that a program that only verifies (the server, the client) links none of it.
#include "keylist.h"
#include "manifest.h"
#include "signedenvelope.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace portico::release {

QByteArray signEnvelope(PayloadType type, const QByteArray &payload, const SecretKey &key)
{
    SignedEnvelope envelope {type, key.keyId(), payload, {}};
    envelope.signature = signDetached(envelope.signedBytes(), key);
    const QJsonObject object {
        {QStringLiteral("format"), QString::fromLatin1(kEnvelopeFormat)},
        {QStringLiteral("type"), payloadTypeName(type)},
        {QStringLiteral("key_id"), envelope.keyId},
        {QStringLiteral("payload"), QString::fromLatin1(payload.toBase64())},
        {QStringLiteral("signature"), QString::fromLatin1(envelope.signature.toBase64())}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<QByteArray> signKeyList(const KeyList &list, const SecretKey &rootKey)
{
    if (rootKey.role() != KeyRole::Root)
        return Error {ErrorCode::WrongType, QStringLiteral("a key list is signed with the root key")};
    return signEnvelope(PayloadType::KeyList, keyListPayload(list), rootKey);
}

Result<QByteArray> signManifest(const Manifest &manifest, const SecretKey &releaseKey)
{
    if (releaseKey.role() != KeyRole::Release)
        return Error {ErrorCode::WrongType, QStringLiteral("a manifest is signed with a release key")};
    const QByteArray payload = manifestPayload(manifest);
    const auto check = parseManifestPayload(payload);
    if (!check)
        return check.error();
    return signEnvelope(PayloadType::Manifest, payload, releaseKey);
}

} // namespace portico::release
