#pragma once

#include <boost/asio/ssl/context.hpp>

#include <string>

namespace portico::server {

// The listener's TLS context from PEM files (certificate chain, unencrypted private key):
// TLS 1.2 and 1.3 only, forward-secret AEAD ciphers for 1.2 (OpenSSL's defaults for 1.3), no
// renegotiation, and buffers released while a connection is idle, which keeps thousands of
// quiet WebSocket connections cheap. Throws std::runtime_error naming the file and OpenSSL's
// reason when a file is missing, unreadable or the key does not match the certificate.
boost::asio::ssl::context makeTlsContext(const std::string &certificateFile, const std::string &keyFile);

} // namespace portico::server
