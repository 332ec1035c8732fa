#include "sodiuminit.h"

#include <sodium.h>

#include <stdexcept>

namespace portico::release {

void ensureSodium()
{
    static const bool started = sodium_init() >= 0;
    if (!started)
        throw std::runtime_error("libsodium could not be initialised");
}

} // namespace portico::release
