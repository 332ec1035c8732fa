#pragma once

#include "releasekeys.h"

namespace portico::release {

// The root public key built into the client: the CMake cache variable
// PORTICO_RELEASE_ROOT_PUBLIC_KEY (base64 of 32 bytes), by default the key of
// installer/keys/root.pub. Every update's key list must be signed by it.
PublicKey builtInRootPublicKey();

} // namespace portico::release
