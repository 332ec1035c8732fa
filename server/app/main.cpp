#include "servercommands.h"

#include <QCoreApplication>
#include <QStringList>

int main(int argc, char *argv[])
{
    // Qt needs an application object for its plugins (the SQL drivers); its event loop is
    // not run: the network layer has its own.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("portico-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PORTICO_VERSION));
    return portico::server::runCommand(QCoreApplication::arguments());
}
