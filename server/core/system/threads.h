#pragma once

namespace portico::server {

// Names the calling thread as `top -H`, `ps -L` and /proc/PID/task/TID/comm show it; Linux
// keeps the first 15 bytes.
void nameThisThread(const char *name);

} // namespace portico::server
