#include "http/requesthash.h"

#include <QByteArray>

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace portico::server {

QString requestHash(QByteArrayView body)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest {};
    unsigned int size = 0;
    if (EVP_Digest(body.data(), static_cast<size_t>(body.size()), digest.data(), &size, EVP_sha256(), nullptr)
        != 1)
        throw std::runtime_error("SHA-256 is not available");
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest.data()), static_cast<qsizetype>(size)).toHex());
}

} // namespace portico::server
