#pragma once

namespace portico::server {

// Initialises libsodium once per process (thread-safe); every user of libsodium calls it
// first. Throws std::runtime_error when libsodium cannot start.
void initializeSodium();

} // namespace portico::server
