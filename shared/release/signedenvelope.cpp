#include "signedenvelope.h"

#include "base64strict.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace portico::release {

namespace {

const QByteArray kFormat = QByteArray(kEnvelopeFormat);

Error malformed(const QString &message)
{
    return Error {ErrorCode::Malformed, message};
}

} // namespace

QString payloadTypeName(PayloadType type)
{
    return type == PayloadType::KeyList ? QStringLiteral("keylist") : QStringLiteral("manifest");
}

QByteArray SignedEnvelope::signedBytes() const
{
    return kFormat + '\n' + payloadTypeName(type).toLatin1() + '\n' + payload;
}

bool SignedEnvelope::verify(const PublicKey &key) const
{
    return key.keyId() == keyId && verifyDetached(signedBytes(), signature, key);
}

Result<SignedEnvelope> parseEnvelope(const QByteArray &json)
{
    if (json.size() > kMaxEnvelopeSize)
        return malformed(QStringLiteral("the signed document is larger than %1 bytes").arg(kMaxEnvelopeSize));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return malformed(QStringLiteral("the signed document is not a JSON object"));
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("format")).toString() != QString::fromLatin1(kFormat))
        return malformed(QStringLiteral("\"format\" is not portico-signed-v1"));
    SignedEnvelope envelope;
    const QJsonValue type = object.value(QStringLiteral("type"));
    if (type == QStringLiteral("keylist"))
        envelope.type = PayloadType::KeyList;
    else if (type == QStringLiteral("manifest"))
        envelope.type = PayloadType::Manifest;
    else
        return malformed(QStringLiteral("\"type\" is not keylist or manifest"));
    envelope.keyId = object.value(QStringLiteral("key_id")).toString();
    if (!isWellFormedKeyId(envelope.keyId))
        return malformed(QStringLiteral("\"key_id\" is not 16 lowercase hex digits"));
    const auto payload = decodeBase64Value(object.value(QStringLiteral("payload")), kMaxPayloadSize);
    if (!payload || payload->isEmpty())
        return malformed(
            QStringLiteral("\"payload\" is not base64 of at most %1 bytes").arg(kMaxPayloadSize));
    envelope.payload = *payload;
    const auto signature = decodeBase64Value(object.value(QStringLiteral("signature")), kSignatureSize);
    if (!signature || signature->size() != kSignatureSize)
        return malformed(QStringLiteral("\"signature\" is not base64 of 64 bytes"));
    envelope.signature = *signature;
    return envelope;
}

} // namespace portico::release
