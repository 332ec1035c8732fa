#include "auth/sodiumruntime.h"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

namespace portico::server {

void initializeSodium()
{
    static std::once_flag once;
    static bool ready = false;
    std::call_once(once, [] { ready = sodium_init() >= 0; });
    if (!ready)
        throw std::runtime_error("libsodium could not be initialised");
}

} // namespace portico::server
