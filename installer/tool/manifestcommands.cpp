// portico-release sign and verify.
#include "release/keylist.h"
#include "release/manifest.h"
#include "release/releasekeys.h"
#include "release/releaseversion.h"
#include "release/sha256stream.h"
#include "toolcommand.h"

#include <QDateTime>
#include <QFileInfo>
#include <QTextStream>

namespace portico::release::tool {

namespace {

bool readNotes(const QString &path, QString *notes, QString *error)
{
    QByteArray content;
    if (!readFile(path, kMaxNotesLength * 4, &content, error))
        return false;
    *notes = QString::fromUtf8(content).trimmed();
    if (notes->size() > kMaxNotesLength) {
        *error = QStringLiteral("%1 is longer than %2 characters").arg(path).arg(kMaxNotesLength);
        return false;
    }
    return true;
}

} // namespace

int runSign(const QStringList &arguments)
{
    const QString command = QStringLiteral("sign");
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("release-key"), QStringLiteral("The release secret key file."),
          QStringLiteral("FILE")},
         {QStringLiteral("installer"),
          QStringLiteral("The installer (its name, size and SHA-256 are signed)."), QStringLiteral("FILE")},
         {QStringLiteral("version"), QStringLiteral("The release's version, major.minor.patch."),
          QStringLiteral("V")},
         {QStringLiteral("channel"), QStringLiteral("stable or beta."), QStringLiteral("C")},
         {QStringLiteral("platform"), QStringLiteral("linux-amd64-deb or windows-x64-nsis."),
          QStringLiteral("P")},
         {QStringLiteral("min-version"),
          QStringLiteral("The minimum supported version: older clients must update."), QStringLiteral("V")},
         {QStringLiteral("notes-en"), QStringLiteral("Release notes in English (UTF-8 text file)."),
          QStringLiteral("FILE")},
         {QStringLiteral("notes-ru"), QStringLiteral("Release notes in Russian (UTF-8 text file)."),
          QStringLiteral("FILE")},
         {QStringLiteral("expires-days"), QStringLiteral("Days until the manifest expires (default 90)."),
          QStringLiteral("DAYS"), QStringLiteral("90")},
         {QStringLiteral("out"), QStringLiteral("Where to write the signed manifest."),
          QStringLiteral("FILE")}});
    if (const int done
        = parseCommand(parser, arguments,
                       QStringLiteral("Signs a release manifest for an installer with a release key."),
                       {QStringLiteral("release-key"), QStringLiteral("installer"), QStringLiteral("version"),
                        QStringLiteral("channel"), QStringLiteral("platform"), QStringLiteral("min-version"),
                        QStringLiteral("notes-en"), QStringLiteral("notes-ru"), QStringLiteral("out")});
        done >= 0)
        return done;

    Manifest manifest;
    manifest.version = parser.value(QStringLiteral("version"));
    manifest.minSupportedVersion = parser.value(QStringLiteral("min-version"));
    manifest.channel = parser.value(QStringLiteral("channel"));
    manifest.platform = parser.value(QStringLiteral("platform"));
    if (!ReleaseVersion::parse(manifest.version) || !ReleaseVersion::parse(manifest.minSupportedVersion))
        return fail(command, QStringLiteral("--version and --min-version are major.minor.patch"), kExitUsage);
    if (!knownChannels().contains(manifest.channel))
        return fail(command, QStringLiteral("--channel is one of: %1").arg(knownChannels().join(u", ")),
                    kExitUsage);
    if (!knownPlatforms().contains(manifest.platform))
        return fail(command, QStringLiteral("--platform is one of: %1").arg(knownPlatforms().join(u", ")),
                    kExitUsage);
    bool daysOk = false;
    const int days = parser.value(QStringLiteral("expires-days")).toInt(&daysOk);
    if (!daysOk || days < 1 || days > 3650)
        return fail(command, QStringLiteral("--expires-days is a whole number from 1 to 3650"), kExitUsage);

    QString error;
    if (!readNotes(parser.value(QStringLiteral("notes-en")), &manifest.notesEn, &error)
        || !readNotes(parser.value(QStringLiteral("notes-ru")), &manifest.notesRu, &error))
        return fail(command, error);
    const QString installer = parser.value(QStringLiteral("installer"));
    const auto digest = digestFile(installer);
    if (!digest)
        return fail(command, digest.error().message);
    if (digest.value().size == 0)
        return fail(command, QStringLiteral("%1 is empty").arg(installer));
    manifest.fileName = QFileInfo(installer).fileName();
    manifest.size = digest.value().size;
    manifest.sha256 = digest.value().sha256;
    manifest.releasedAt = QDateTime::currentDateTimeUtc();
    manifest.expiresAt = manifest.releasedAt.addDays(days);

    const auto releaseKey = readSecretKeyFile(parser.value(QStringLiteral("release-key")));
    if (!releaseKey)
        return fail(command, releaseKey.error().message);
    if (releaseKey.value().role() != KeyRole::Release)
        return fail(command,
                    QStringLiteral("%1 is not a release key (the root key signs only key lists)")
                        .arg(parser.value(QStringLiteral("release-key"))));
    const auto signedManifest = signManifest(manifest, releaseKey.value());
    if (!signedManifest)
        return fail(command, signedManifest.error().toString());
    if (!writeFileAtomically(parser.value(QStringLiteral("out")), signedManifest.value(), &error))
        return fail(command, error);
    standardOutput() << "manifest " << manifest.version << " (" << manifest.channel << ", "
                     << manifest.platform << ") for " << manifest.fileName << ", " << manifest.size
                     << " bytes, sha256 " << manifest.sha256 << ", signed by release key "
                     << releaseKey.value().keyId() << ", expires " << manifest.expiresAt.toString(Qt::ISODate)
                     << ", written to " << parser.value(QStringLiteral("out")) << Qt::endl;
    return kExitOk;
}

int runVerify(const QStringList &arguments)
{
    const QString command = QStringLiteral("verify");
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("root-pub"), QStringLiteral("The root public key file."), QStringLiteral("FILE")},
         {QStringLiteral("keys"), QStringLiteral("The signed key list."), QStringLiteral("FILE")},
         {QStringLiteral("manifest"), QStringLiteral("The signed manifest."), QStringLiteral("FILE")},
         {QStringLiteral("installer"),
          QStringLiteral("Check this installer's size and SHA-256 against the manifest."),
          QStringLiteral("FILE")},
         {QStringLiteral("current-version"),
          QStringLiteral("Refuse the manifest unless it is newer than this version."), QStringLiteral("V")},
         {QStringLiteral("channel"), QStringLiteral("Refuse a manifest for another channel."),
          QStringLiteral("C")},
         {QStringLiteral("platform"), QStringLiteral("Refuse a manifest for another platform."),
          QStringLiteral("P")},
         {QStringLiteral("min-serial"), QStringLiteral("Refuse a key list with a lower serial (default 1)."),
          QStringLiteral("N"), QStringLiteral("1")}});
    if (const int done = parseCommand(
            parser, arguments,
            QStringLiteral(
                "Verifies a release as a client does: root public key -> key list -> manifest, then "
                "its dates and, when given, the installer, version, channel and platform."),
            {QStringLiteral("root-pub"), QStringLiteral("keys"), QStringLiteral("manifest")});
        done >= 0)
        return done;

    bool serialOk = false;
    const qint64 minimumSerial = parser.value(QStringLiteral("min-serial")).toLongLong(&serialOk);
    if (!serialOk)
        return fail(command, QStringLiteral("--min-serial is a whole number"), kExitUsage);
    const auto root = readPublicKeyFile(parser.value(QStringLiteral("root-pub")));
    if (!root)
        return fail(command, root.error().message);
    if (root.value().role != KeyRole::Root)
        return fail(
            command,
            QStringLiteral("%1 is not a root public key").arg(parser.value(QStringLiteral("root-pub"))));
    QByteArray keysJson;
    QByteArray manifestJson;
    QString error;
    if (!readFile(parser.value(QStringLiteral("keys")), kMaxEnvelopeSize, &keysJson, &error)
        || !readFile(parser.value(QStringLiteral("manifest")), kMaxEnvelopeSize, &manifestJson, &error))
        return fail(command, error);

    const auto keyList = verifyKeyList(keysJson, root.value(), minimumSerial);
    if (!keyList)
        return fail(command, QStringLiteral("key list refused: ") + keyList.error().toString());
    const auto manifest = verifyManifestSignature(manifestJson, keyList.value());
    if (!manifest)
        return fail(command, QStringLiteral("manifest refused: ") + manifest.error().toString());

    // Without --channel, --platform or --current-version those checks take the manifest's own values.
    Expectations expected {QStringLiteral("0"), manifest.value().channel, manifest.value().platform,
                           QDateTime::currentDateTimeUtc()};
    if (parser.isSet(QStringLiteral("current-version")))
        expected.currentVersion = parser.value(QStringLiteral("current-version"));
    if (parser.isSet(QStringLiteral("channel")))
        expected.channel = parser.value(QStringLiteral("channel"));
    if (parser.isSet(QStringLiteral("platform")))
        expected.platform = parser.value(QStringLiteral("platform"));
    if (const auto refused = checkManifest(manifest.value(), expected))
        return fail(command, QStringLiteral("manifest refused: ") + refused->toString());

    if (parser.isSet(QStringLiteral("installer"))) {
        const auto digest = digestFile(parser.value(QStringLiteral("installer")));
        if (!digest)
            return fail(command, digest.error().message);
        if (digest.value().size != manifest.value().size)
            return fail(command,
                        QStringLiteral("installer refused: %1 bytes, the manifest says %2")
                            .arg(digest.value().size)
                            .arg(manifest.value().size));
        if (digest.value().sha256 != manifest.value().sha256)
            return fail(command,
                        QStringLiteral("installer refused: SHA-256 %1, the manifest says %2")
                            .arg(digest.value().sha256, manifest.value().sha256));
    }
    const Manifest &m = manifest.value();
    standardOutput() << "OK: " << m.version << " (" << m.channel << ", " << m.platform << ") " << m.fileName
                     << ", " << m.size << " bytes, sha256 " << m.sha256 << "\n"
                     << "minimum supported version " << m.minSupportedVersion << ", released "
                     << m.releasedAt.toString(Qt::ISODate) << ", expires "
                     << m.expiresAt.toString(Qt::ISODate) << "\n"
                     << "key list " << keyList.value().serial << " signed by root key "
                     << root.value().keyId()
                     << (parser.isSet(QStringLiteral("installer")) ? "; installer matches" : "") << Qt::endl;
    return kExitOk;
}

} // namespace portico::release::tool
