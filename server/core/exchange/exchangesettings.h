#pragma once

#include <QString>

namespace portico::server {

// How the accounting exchange behaves (portico-server serve --exchange-*; docs/EXCHANGE.md).
struct ExchangeSettings
{
    // What one exchange session's folder may hold: uploads and what zips unpack to.
    qint64 uploadLimit = 2LL * 1024 * 1024 * 1024;
    // The largest piece of a file in one request, as `init` tells 1C (file_limit=).
    qint64 fileLimit = 64LL * 1024 * 1024;
    // The encoding of the orders `sale` `query` hands out: "UTF-8" or "windows-1251".
    QString saleEncoding = QStringLiteral("UTF-8");
    // How long `import` waits for an import before answering `progress`.
    int progressWaitMs = 2000;
    // A session cookie unused this long is refused; 1C signs in again.
    qint64 sessionIdleMs = 4LL * 60 * 60 * 1000;
};

} // namespace portico::server
