// portico-release keygen and sign-keys.
#include "release/keylist.h"
#include "release/releasekeys.h"
#include "toolcommand.h"

#include <QDateTime>
#include <QFileInfo>
#include <QTextStream>

namespace portico::release::tool {

int runKeygen(const QStringList &arguments)
{
    const QString command = QStringLiteral("keygen");
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("root"),
          QStringLiteral("Generate the root key (signs the key list; keep it offline).")},
         {QStringLiteral("release"), QStringLiteral("Generate a release key (signs manifests).")},
         {QStringLiteral("out"),
          QStringLiteral("Write NAME.key (secret, mode 0600) and NAME.pub (public). Existing files are "
                         "never overwritten."),
          QStringLiteral("NAME")}});
    if (const int done = parseCommand(parser, arguments,
                                      QStringLiteral("Generates an Ed25519 key pair for release signing."),
                                      {QStringLiteral("out")});
        done >= 0)
        return done;
    if (parser.isSet(QStringLiteral("root")) == parser.isSet(QStringLiteral("release")))
        return fail(command, QStringLiteral("give exactly one of --root and --release"), kExitUsage);
    const KeyRole role = parser.isSet(QStringLiteral("root")) ? KeyRole::Root : KeyRole::Release;
    const QString name = parser.value(QStringLiteral("out"));
    const QString secretPath = name + QStringLiteral(".key");
    const QString publicPath = name + QStringLiteral(".pub");
    for (const QString &path : {secretPath, publicPath}) {
        if (QFileInfo::exists(path))
            return fail(command, QStringLiteral("%1 already exists; keys are never overwritten").arg(path));
    }
    const KeyPair pair = generateKeyPair(role);
    if (const auto error = writeSecretKeyFile(secretPath, pair.secretKey))
        return fail(command, error->message);
    if (const auto error = writePublicKeyFile(publicPath, pair.publicKey))
        return fail(command, error->message);
    standardOutput() << (role == KeyRole::Root ? "root" : "release") << " key " << pair.publicKey.keyId()
                     << ": secret " << secretPath << ", public " << publicPath << Qt::endl;
    return kExitOk;
}

int runSignKeys(const QStringList &arguments)
{
    const QString command = QStringLiteral("sign-keys");
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("root-key"), QStringLiteral("The root secret key file."), QStringLiteral("FILE")},
         {QStringLiteral("serial"),
          QStringLiteral(
              "The list's serial: higher than every list signed before (clients refuse older ones)."),
          QStringLiteral("N")},
         {QStringLiteral("key"),
          QStringLiteral(
              "A release public key file to list (repeat for several); its file name is its comment."),
          QStringLiteral("FILE")},
         {QStringLiteral("revoke"), QStringLiteral("A key id to revoke (repeatable)."),
          QStringLiteral("KEYID")},
         {QStringLiteral("out"), QStringLiteral("Where to write the signed key list."),
          QStringLiteral("FILE")}});
    if (const int done = parseCommand(
            parser, arguments,
            QStringLiteral(
                "Signs the list of valid release keys with the root key. Every client verifies the list "
                "with the root public key built into it, then each manifest with a key of the list."),
            {QStringLiteral("root-key"), QStringLiteral("serial"), QStringLiteral("out")});
        done >= 0)
        return done;

    bool serialOk = false;
    const qint64 serial = parser.value(QStringLiteral("serial")).toLongLong(&serialOk);
    if (!serialOk || serial < 1 || serial > (qint64(1) << 53))
        return fail(command, QStringLiteral("--serial must be a whole number from 1"), kExitUsage);
    const auto rootKey = readSecretKeyFile(parser.value(QStringLiteral("root-key")));
    if (!rootKey)
        return fail(command, rootKey.error().message);
    if (rootKey.value().role() != KeyRole::Root)
        return fail(command,
                    QStringLiteral("%1 is not a root key").arg(parser.value(QStringLiteral("root-key"))));

    KeyList list;
    list.serial = serial;
    list.issuedAt = QDateTime::currentDateTimeUtc();
    list.revoked = parser.values(QStringLiteral("revoke"));
    for (const QString &keyId : std::as_const(list.revoked)) {
        if (!isWellFormedKeyId(keyId))
            return fail(command,
                        QStringLiteral("\"%1\" is not a key id (16 lowercase hex digits)").arg(keyId),
                        kExitUsage);
    }
    for (const QString &path : parser.values(QStringLiteral("key"))) {
        const auto key = readPublicKeyFile(path);
        if (!key)
            return fail(command, key.error().message);
        if (key.value().role != KeyRole::Release)
            return fail(command, QStringLiteral("%1 is not a release public key").arg(path));
        const QString keyId = key.value().keyId();
        if (list.isRevoked(keyId))
            return fail(command, QStringLiteral("%1 (key %2) is both listed and revoked").arg(path, keyId));
        if (list.findValid(keyId))
            return fail(command, QStringLiteral("%1 (key %2) is listed twice").arg(path, keyId));
        list.keys.append(ReleaseKey {keyId, key.value().bytes, QFileInfo(path).completeBaseName().left(200)});
    }
    if (list.keys.size() > kMaxKeysInList || list.revoked.size() > kMaxKeysInList)
        return fail(command, QStringLiteral("at most %1 keys and %1 revocations").arg(kMaxKeysInList),
                    kExitUsage);
    if (list.keys.isEmpty())
        standardError()
            << "portico-release sign-keys: warning: the list names no release key; clients will accept "
               "no manifest until a new list arrives"
            << Qt::endl;

    const auto signedList = signKeyList(list, rootKey.value());
    if (!signedList)
        return fail(command, signedList.error().message);
    // What clients will do, before anyone relies on it.
    const auto check = verifyKeyList(signedList.value(), rootKey.value().publicKey(), serial);
    if (!check)
        return fail(command, QStringLiteral("the signed list does not verify: ") + check.error().toString());
    QString error;
    if (!writeFileAtomically(parser.value(QStringLiteral("out")), signedList.value(), &error))
        return fail(command, error);
    standardOutput() << "key list " << serial << " signed by root key " << rootKey.value().keyId() << ": "
                     << list.keys.size() << " release key(s), " << list.revoked.size()
                     << " revoked, written to " << parser.value(QStringLiteral("out")) << Qt::endl;
    return kExitOk;
}

} // namespace portico::release::tool
