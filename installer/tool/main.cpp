// portico-release: generates the release keys, signs the list of release keys with the offline
// root key, signs release manifests with a release key and verifies the whole chain. See
// docs/OPERATIONS.md "Releases and updates".
#include "toolcommand.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace portico::release::tool;

namespace {

const char kUsage[] = R"(Usage: portico-release <command> [options]

Release signing for Portico updates (Ed25519). Keep the root key offline.

Commands:
  keygen      generate a root or release key pair (NAME.key, mode 0600, and NAME.pub)
  sign-keys   sign the list of valid release keys with the root key
  sign        sign a release manifest for an installer with a release key
  verify      verify root key -> key list -> manifest (and the installer)

Run "portico-release <command> --help" for a command's options.
)";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("portico-release"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PORTICO_VERSION));
    const QStringList arguments = QCoreApplication::arguments().mid(1);
    const QString command = arguments.value(0);
    if (command == QStringLiteral("keygen"))
        return runKeygen(arguments);
    if (command == QStringLiteral("sign-keys"))
        return runSignKeys(arguments);
    if (command == QStringLiteral("sign"))
        return runSign(arguments);
    if (command == QStringLiteral("verify"))
        return runVerify(arguments);
    if (command == QStringLiteral("--version") || command == QStringLiteral("-v")) {
        standardOutput() << "portico-release " << PORTICO_VERSION << Qt::endl;
        return kExitOk;
    }
    if (command == QStringLiteral("--help") || command == QStringLiteral("-h")
        || command == QStringLiteral("help")) {
        standardOutput() << kUsage;
        return kExitOk;
    }
    if (!command.isEmpty())
        standardError() << "portico-release: unknown command \"" << command << "\"\n\n";
    standardError() << kUsage;
    standardError().flush();
    return kExitUsage;
}
