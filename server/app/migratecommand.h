#pragma once

#include <QStringList>

namespace portico::server {

// portico-server migrate [--data-dir DIR | --database URL] [--status]
int runMigrateCommand(const QStringList &arguments);

} // namespace portico::server
