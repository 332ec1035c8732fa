#include "threads.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

namespace portico::server {

namespace {

constexpr int HighestPriority = -20;

id_t thisThreadId()
{
    return static_cast<id_t>(gettid());
}

} // namespace

void nameThisThread(const char *name)
{
    // The kernel refuses a longer name as a whole; keep its first 15 bytes instead.
    char shortened[16] = {};
    std::strncpy(shortened, name, sizeof shortened - 1);
    pthread_setname_np(pthread_self(), shortened);
}

int thisThreadNice()
{
    // -1 is a nice value as well as the error return: errno tells them apart.
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, thisThreadId());
    return errno == 0 ? nice : 0;
}

int raiseThisThreadPriority(int steps)
{
    const int current = thisThreadNice();
    // An RLIMIT_NICE may allow part of the way: the lowest value the kernel takes wins.
    for (int nice = std::max(HighestPriority, current - steps); nice < current; ++nice) {
        if (setpriority(PRIO_PROCESS, thisThreadId(), nice) == 0)
            return nice;
    }
    return current;
}

} // namespace portico::server
