#include "keylist.h"

#include "base64strict.h"
#include "payloadfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace portico::release {

namespace {

const QString kPayloadType = QStringLiteral("portico-release-keys");

Error malformed(const QString &message)
{
    return Error {ErrorCode::Malformed, QStringLiteral("key list: ") + message};
}

} // namespace

const ReleaseKey *KeyList::findValid(const QString &keyId) const
{
    if (isRevoked(keyId))
        return nullptr;
    for (const ReleaseKey &key : keys) {
        if (key.keyId == keyId)
            return &key;
    }
    return nullptr;
}

QByteArray keyListPayload(const KeyList &list)
{
    QJsonArray keys;
    for (const ReleaseKey &key : list.keys) {
        keys.append(
            QJsonObject {{QStringLiteral("key_id"), key.keyId},
                         {QStringLiteral("public_key"), QString::fromLatin1(key.publicKey.toBase64())},
                         {QStringLiteral("comment"), key.comment}});
    }
    const QJsonObject object {{QStringLiteral("type"), kPayloadType},
                              {QStringLiteral("serial"), list.serial},
                              {QStringLiteral("issued_at"), utcTimestampText(list.issuedAt)},
                              {QStringLiteral("keys"), keys},
                              {QStringLiteral("revoked"), QJsonArray::fromStringList(list.revoked)}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<KeyList> parseKeyListPayload(const QByteArray &payload)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return malformed(QStringLiteral("the payload is not a JSON object"));
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("type")) != kPayloadType)
        return Error {ErrorCode::WrongType, QStringLiteral("the payload is not a portico-release-keys list")};
    KeyList list;
    const auto serial = integerValue(object.value(QStringLiteral("serial")), 1);
    if (!serial)
        return malformed(QStringLiteral("\"serial\" is not a positive whole number"));
    list.serial = *serial;
    const auto issuedAt = utcTimestampValue(object.value(QStringLiteral("issued_at")));
    if (!issuedAt)
        return malformed(QStringLiteral("\"issued_at\" is not an ISO-8601 UTC timestamp"));
    list.issuedAt = *issuedAt;
    const QJsonValue keys = object.value(QStringLiteral("keys"));
    const QJsonValue revoked = object.value(QStringLiteral("revoked"));
    if (!keys.isArray() || !revoked.isArray())
        return malformed(QStringLiteral("\"keys\" and \"revoked\" are arrays"));
    if (keys.toArray().size() > kMaxKeysInList || revoked.toArray().size() > kMaxKeysInList)
        return malformed(QStringLiteral("more than %1 keys").arg(kMaxKeysInList));
    for (const QJsonValue entry : keys.toArray()) {
        const QJsonObject key = entry.toObject();
        const auto bytes = decodeBase64Value(key.value(QStringLiteral("public_key")), kPublicKeySize);
        if (!entry.isObject() || !bytes || bytes->size() != kPublicKeySize)
            return malformed(QStringLiteral("a key's \"public_key\" is not base64 of 32 bytes"));
        ReleaseKey releaseKey {keyIdOf(*bytes), *bytes, {}};
        if (key.value(QStringLiteral("key_id")).toString() != releaseKey.keyId)
            return malformed(QStringLiteral("a key's \"key_id\" does not match its public key"));
        const auto comment = stringValue(key.value(QStringLiteral("comment")), 200);
        if (!comment)
            return malformed(QStringLiteral("a key's \"comment\" is not a string of at most 200 characters"));
        releaseKey.comment = *comment;
        list.keys.append(releaseKey);
    }
    for (const QJsonValue entry : revoked.toArray()) {
        if (!isWellFormedKeyId(entry.toString()))
            return malformed(QStringLiteral("a revoked key id is not 16 lowercase hex digits"));
        list.revoked.append(entry.toString());
    }
    return list;
}

Result<KeyList> verifyKeyList(const QByteArray &envelope, const PublicKey &rootPublicKey,
                              qint64 minimumSerial)
{
    auto parsed = parseEnvelope(envelope);
    if (!parsed)
        return parsed.error();
    return verifyKeyList(parsed.value(), rootPublicKey, minimumSerial);
}

Result<KeyList> verifyKeyList(const SignedEnvelope &envelope, const PublicKey &rootPublicKey,
                              qint64 minimumSerial)
{
    if (envelope.type != PayloadType::KeyList)
        return Error {
            ErrorCode::WrongType,
            QStringLiteral("the document is a %1, not a key list").arg(payloadTypeName(envelope.type))};
    if (envelope.keyId != rootPublicKey.keyId())
        return Error {ErrorCode::UnknownKey,
                      QStringLiteral("the key list is signed by key %1, not by the root key %2")
                          .arg(envelope.keyId, rootPublicKey.keyId())};
    if (!envelope.verify(rootPublicKey))
        return Error {ErrorCode::BadSignature, QStringLiteral("the key list's signature does not verify")};
    auto list = parseKeyListPayload(envelope.payload);
    if (!list)
        return list.error();
    if (list.value().findValid(rootPublicKey.keyId()))
        return Error {ErrorCode::Malformed,
                      QStringLiteral("key list: the root key is listed as a release key; the root "
                                     "key signs only key lists")};
    if (list.value().serial < minimumSerial)
        return Error {ErrorCode::StaleKeyList,
                      QStringLiteral("the key list's serial %1 is below %2, already seen")
                          .arg(list.value().serial)
                          .arg(minimumSerial)};
    return list;
}

} // namespace portico::release
