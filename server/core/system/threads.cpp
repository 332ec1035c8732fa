#include "threads.h"

#include <cstring>
#include <pthread.h>

namespace portico::server {

void nameThisThread(const char *name)
{
    // The kernel refuses a longer name as a whole; keep its first 15 bytes instead.
    char shortened[16] = {};
    std::strncpy(shortened, name, sizeof shortened - 1);
    pthread_setname_np(pthread_self(), shortened);
}

} // namespace portico::server
