#pragma once

#include <QStringList>

namespace portico::server {

// Dispatches `portico-server <subcommand> [options]` and returns the process exit code.
int runCommand(const QStringList &arguments);

} // namespace portico::server
