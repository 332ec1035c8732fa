#include "tlscontext.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace portico::server {

namespace {
// Mozilla's "intermediate" TLS 1.2 suites: ECDHE/DHE key exchange, AEAD only.
constexpr const char *Tls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                     "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                     "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
                                     "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384";
// Fails with the operating system's reason when a file cannot be opened, which says more than
// OpenSSL's report of the same.
void requireReadable(const char *what, const std::string &file)
{
    std::ifstream stream(file);
    if (!stream)
        throw std::runtime_error(std::string(what) + ' ' + file + ": " + std::strerror(errno));
}

std::string describe(const boost::system::error_code &ec)
{
    const char *reason = ERR_reason_error_string(static_cast<unsigned long>(ec.value()));
    return reason ? reason : ec.message();
}

} // namespace

boost::asio::ssl::context makeTlsContext(const std::string &certificateFile, const std::string &keyFile)
{
    namespace ssl = boost::asio::ssl;
    ssl::context context(ssl::context::tls_server);
    context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3
                        | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    SSL_CTX *native = context.native_handle();
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION);
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1
        || SSL_CTX_set_cipher_list(native, Tls12Ciphers) != 1)
        throw std::runtime_error("TLS: OpenSSL refused the protocol settings");
    SSL_CTX_set_mode(native, SSL_MODE_RELEASE_BUFFERS);

    requireReadable("TLS certificate", certificateFile);
    requireReadable("TLS key", keyFile);
    boost::system::error_code ec;
    context.use_certificate_chain_file(certificateFile, ec);
    if (ec)
        throw std::runtime_error("TLS certificate " + certificateFile + ": " + describe(ec));
    context.use_private_key_file(keyFile, ssl::context::pem, ec);
    if (ec)
        throw std::runtime_error("TLS key " + keyFile + ": " + describe(ec));
    if (SSL_CTX_check_private_key(native) != 1)
        throw std::runtime_error("TLS key " + keyFile + " does not match the certificate " + certificateFile);
    return context;
}

} // namespace portico::server
