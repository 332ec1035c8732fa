#pragma once

#include <QString>

namespace portico::client {

// Facts about the running client build, used in the user agent, the about box and the
// version reported to the server on sync.
struct AppInfo
{
    static QString version();
    static QString userAgent();
    // The installer flavour this build updates from: "linux-amd64-deb" or "windows-x64-nsis"
    // (the platform of signed release manifests and of X-Portico-Platform).
    static QString platform();
};

} // namespace portico::client
