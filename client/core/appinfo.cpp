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

} // namespace portico::client
