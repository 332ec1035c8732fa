#pragma once

namespace portico::release {

// Initialises libsodium once per process (thread-safe); every function of this library that
// calls libsodium calls it first. Throws std::runtime_error when libsodium cannot start.
void ensureSodium();

} // namespace portico::release
