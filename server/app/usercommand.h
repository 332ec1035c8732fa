#pragma once

#include <QStringList>

namespace portico::server {

// `portico-server user add|disable|passwd ...`: user administration on the server's database
// without a running server (the first admin is created this way). Passwords are read from
// standard input, never from the command line. `arguments` starts with the program name
// ("portico-server user"); returns the process exit code.
int runUserCommand(const QStringList &arguments);

} // namespace portico::server
