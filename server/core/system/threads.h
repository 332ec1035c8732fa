#pragma once

#include <optional>

namespace portico::server {

// Names the calling thread as `top -H`, `ps -L` and /proc/PID/task/TID/comm show it; Linux
// keeps the first 15 bytes.
void nameThisThread(const char *name);

// The nice value of the calling thread (Linux schedules each thread by its own).
int thisThreadNice();

// Lets the calling thread run ahead of the process's other threads: lowers its nice value by
// up to `steps` (not past -20), as far as the process may (root, CAP_SYS_NICE, or an
// RLIMIT_NICE such as systemd's LimitNICE=). The nice value it runs with after; unchanged when
// the process may not lower it at all.
int raiseThisThreadPriority(int steps);

} // namespace portico::server
