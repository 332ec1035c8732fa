#pragma once

namespace portico::client {

// `portico --sync ...`: one sync without a window (QCoreApplication only). Returns the exit code.
int runHeadlessSync(int argc, char *argv[]);

} // namespace portico::client
