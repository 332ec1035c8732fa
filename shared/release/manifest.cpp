#include "manifest.h"

#include "payloadfields.h"
#include "releaseversion.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace portico::release {

namespace {

const QString kPayloadType = QStringLiteral("portico-release-manifest");

Error malformed(const QString &message)
{
    return Error {ErrorCode::Malformed, QStringLiteral("manifest: ") + message};
}

bool isLowerHex(const QString &text, qsizetype length)
{
    if (text.size() != length)
        return false;
    for (const QChar c : text) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

bool isBareFileName(const QString &name)
{
    if (name.isEmpty() || name.size() > 255 || name == u'.' || name == QStringLiteral(".."))
        return false;
    for (const QChar c : name) {
        if (c == u'/' || c == u'\\' || c == u':' || c.unicode() < 0x20)
            return false;
    }
    return true;
}

} // namespace

QStringList knownChannels()
{
    return {QStringLiteral("stable"), QStringLiteral("beta")};
}

QStringList knownPlatforms()
{
    return {QStringLiteral("linux-amd64-deb"), QStringLiteral("windows-x64-nsis")};
}

QByteArray manifestPayload(const Manifest &manifest)
{
    const QJsonObject object {
        {QStringLiteral("type"), kPayloadType},
        {QStringLiteral("version"), manifest.version},
        {QStringLiteral("channel"), manifest.channel},
        {QStringLiteral("platform"), manifest.platform},
        {QStringLiteral("file_name"), manifest.fileName},
        {QStringLiteral("size"), manifest.size},
        {QStringLiteral("sha256"), manifest.sha256},
        {QStringLiteral("min_supported_version"), manifest.minSupportedVersion},
        {QStringLiteral("notes"),
         QJsonObject {{QStringLiteral("en"), manifest.notesEn}, {QStringLiteral("ru"), manifest.notesRu}}},
        {QStringLiteral("released_at"), utcTimestampText(manifest.releasedAt)},
        {QStringLiteral("expires_at"), utcTimestampText(manifest.expiresAt)}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<Manifest> parseManifestPayload(const QByteArray &payload)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return malformed(QStringLiteral("the payload is not a JSON object"));
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("type")) != kPayloadType)
        return Error {ErrorCode::WrongType, QStringLiteral("the payload is not a portico-release-manifest")};

    Manifest manifest;
    const QJsonValue version = object.value(QStringLiteral("version"));
    const QJsonValue minVersion = object.value(QStringLiteral("min_supported_version"));
    const auto parsedVersion = ReleaseVersion::parse(version.toString());
    const auto parsedMinVersion = ReleaseVersion::parse(minVersion.toString());
    if (!version.isString() || !parsedVersion)
        return malformed(QStringLiteral("\"version\" is not major.minor.patch"));
    if (!minVersion.isString() || !parsedMinVersion)
        return malformed(QStringLiteral("\"min_supported_version\" is not major.minor.patch"));
    if (*parsedMinVersion > *parsedVersion)
        return malformed(QStringLiteral("\"min_supported_version\" is above \"version\""));
    manifest.version = version.toString();
    manifest.minSupportedVersion = minVersion.toString();

    const QJsonValue channel = object.value(QStringLiteral("channel"));
    if (!channel.isString() || !knownChannels().contains(channel.toString()))
        return malformed(QStringLiteral("\"channel\" is not one of %1").arg(knownChannels().join(u", ")));
    manifest.channel = channel.toString();
    const QJsonValue platform = object.value(QStringLiteral("platform"));
    if (!platform.isString() || !knownPlatforms().contains(platform.toString()))
        return malformed(QStringLiteral("\"platform\" is not one of %1").arg(knownPlatforms().join(u", ")));
    manifest.platform = platform.toString();

    const QJsonValue fileName = object.value(QStringLiteral("file_name"));
    if (!fileName.isString() || !isBareFileName(fileName.toString()))
        return malformed(QStringLiteral("\"file_name\" is not a bare file name"));
    manifest.fileName = fileName.toString();
    const auto size = integerValue(object.value(QStringLiteral("size")), 1);
    if (!size)
        return malformed(QStringLiteral("\"size\" is not a positive whole number"));
    manifest.size = *size;
    const QJsonValue sha256 = object.value(QStringLiteral("sha256"));
    if (!sha256.isString() || !isLowerHex(sha256.toString(), 64))
        return malformed(QStringLiteral("\"sha256\" is not 64 lowercase hex digits"));
    manifest.sha256 = sha256.toString();

    const QJsonObject notes = object.value(QStringLiteral("notes")).toObject();
    const auto notesEn = stringValue(notes.value(QStringLiteral("en")), kMaxNotesLength);
    const auto notesRu = stringValue(notes.value(QStringLiteral("ru")), kMaxNotesLength);
    if (!notesEn || !notesRu)
        return malformed(QStringLiteral("\"notes\" has no \"en\" and \"ru\" strings of at most %1 characters")
                             .arg(kMaxNotesLength));
    manifest.notesEn = *notesEn;
    manifest.notesRu = *notesRu;

    const auto releasedAt = utcTimestampValue(object.value(QStringLiteral("released_at")));
    const auto expiresAt = utcTimestampValue(object.value(QStringLiteral("expires_at")));
    if (!releasedAt || !expiresAt)
        return malformed(QStringLiteral("\"released_at\" and \"expires_at\" are ISO-8601 UTC timestamps"));
    if (*expiresAt <= *releasedAt)
        return malformed(QStringLiteral("\"expires_at\" is not after \"released_at\""));
    manifest.releasedAt = *releasedAt;
    manifest.expiresAt = *expiresAt;
    return manifest;
}

Result<Manifest> verifyManifestSignature(const QByteArray &envelope, const KeyList &keyList)
{
    auto parsed = parseEnvelope(envelope);
    if (!parsed)
        return parsed.error();
    return verifyManifestSignature(parsed.value(), keyList);
}

Result<Manifest> verifyManifestSignature(const SignedEnvelope &envelope, const KeyList &keyList)
{
    if (envelope.type != PayloadType::Manifest)
        return Error {
            ErrorCode::WrongType,
            QStringLiteral("the document is a %1, not a manifest").arg(payloadTypeName(envelope.type))};
    if (keyList.isRevoked(envelope.keyId))
        return Error {ErrorCode::RevokedKey,
                      QStringLiteral("the manifest is signed by revoked key %1").arg(envelope.keyId)};
    const ReleaseKey *key = keyList.findValid(envelope.keyId);
    if (!key)
        return Error {ErrorCode::UnknownKey,
                      QStringLiteral("the manifest is signed by key %1, which is not in key list %2")
                          .arg(envelope.keyId)
                          .arg(keyList.serial)};
    if (!envelope.verify(PublicKey {KeyRole::Release, key->publicKey}))
        return Error {ErrorCode::BadSignature, QStringLiteral("the manifest's signature does not verify")};
    return parseManifestPayload(envelope.payload);
}

std::optional<Error> checkManifest(const Manifest &manifest, const Expectations &expected)
{
    if (manifest.platform != expected.platform)
        return Error {
            ErrorCode::WrongPlatform,
            QStringLiteral("the manifest is for %1, not %2").arg(manifest.platform, expected.platform)};
    if (manifest.channel != expected.channel)
        return Error {ErrorCode::WrongChannel,
                      QStringLiteral("the manifest is for the %1 channel, not %2")
                          .arg(manifest.channel, expected.channel)};
    const QDateTime now = expected.now.toUTC();
    if (!now.isValid())
        return Error {ErrorCode::Malformed, QStringLiteral("no current time to check the manifest against")};
    if (now.addSecs(kClockSkewSeconds) < manifest.releasedAt)
        return Error {
            ErrorCode::NotYetValid,
            QStringLiteral("the manifest is released only at %1").arg(utcTimestampText(manifest.releasedAt))};
    if (now >= manifest.expiresAt)
        return Error {ErrorCode::Expired,
                      QStringLiteral("the manifest expired at %1").arg(utcTimestampText(manifest.expiresAt))};
    const auto current = ReleaseVersion::parse(expected.currentVersion);
    if (!current)
        return Error {ErrorCode::Malformed,
                      QStringLiteral("the current version \"%1\" is not major.minor.patch")
                          .arg(expected.currentVersion)};
    const auto offered = ReleaseVersion::parse(manifest.version);
    if (!offered || *offered <= *current)
        return Error {ErrorCode::NotNewer,
                      QStringLiteral("version %1 is not newer than the running %2")
                          .arg(manifest.version, expected.currentVersion)};
    return std::nullopt;
}

Result<Manifest> verifyManifest(const QByteArray &envelope, const KeyList &keyList,
                                const Expectations &expected)
{
    auto manifest = verifyManifestSignature(envelope, keyList);
    if (!manifest)
        return manifest;
    if (auto error = checkManifest(manifest.value(), expected))
        return *error;
    return manifest;
}

} // namespace portico::release
