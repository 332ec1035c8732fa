#include "appinfo.h"

#include <QSysInfo>

namespace portico::client {

QString AppInfo::version()
{
    return QStringLiteral(PORTICO_VERSION);
}

QString AppInfo::userAgent()
{
    return QStringLiteral("Portico/") + version() + QStringLiteral(" (") + QSysInfo::prettyProductName()
        + QLatin1Char(')');
}

QString AppInfo::platform()
{
#if defined(Q_OS_WIN)
    return QStringLiteral("windows-x64-nsis");
#else
    return QStringLiteral("linux-amd64-deb");
#endif
}

} // namespace portico::client
