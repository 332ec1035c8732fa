#pragma once

#include <QString>

namespace portico::client {

// Facts about the running client build, used in the user agent, the about box and the
// version reported to the server on sync.
struct AppInfo
{
    static QString version();
    static QString userAgent();
};

} // namespace portico::client
