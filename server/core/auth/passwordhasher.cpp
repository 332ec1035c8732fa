#include "auth/passwordhasher.h"

#include "auth/sodiumruntime.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace portico::server {

namespace {

unsigned long long opsLimitFor(PasswordCost cost) noexcept
{
    switch (cost) {
    case PasswordCost::Interactive:
        return crypto_pwhash_OPSLIMIT_INTERACTIVE;
    case PasswordCost::Moderate:
        return crypto_pwhash_OPSLIMIT_MODERATE;
    case PasswordCost::Minimum:
        return crypto_pwhash_OPSLIMIT_MIN;
    }
    return crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

std::size_t memLimitFor(PasswordCost cost) noexcept
{
    switch (cost) {
    case PasswordCost::Interactive:
        return crypto_pwhash_MEMLIMIT_INTERACTIVE;
    case PasswordCost::Moderate:
        return crypto_pwhash_MEMLIMIT_MODERATE;
    case PasswordCost::Minimum:
        return crypto_pwhash_MEMLIMIT_MIN;
    }
    return crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

QByteArray hashUtf8(const QByteArray &password, unsigned long long opsLimit, std::size_t memLimit)
{
    std::array<char, crypto_pwhash_STRBYTES> out {};
    if (crypto_pwhash_str_alg(out.data(), password.constData(),
                              static_cast<unsigned long long>(password.size()), opsLimit, memLimit,
                              crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        throw std::runtime_error("not enough memory to hash a password");
    return QByteArray(out.data());
}

bool verifyUtf8(const QByteArray &encodedHash, const QByteArray &password)
{
    if (encodedHash.isEmpty() || encodedHash.size() >= static_cast<qsizetype>(crypto_pwhash_STRBYTES))
        return false;
    return crypto_pwhash_str_verify(encodedHash.constData(), password.constData(),
                                    static_cast<unsigned long long>(password.size()))
        == 0;
}

} // namespace

PasswordHasher::PasswordHasher(PasswordCost cost)
    : m_opsLimit(opsLimitFor(cost))
    , m_memLimit(memLimitFor(cost))
{
    initializeSodium();
}

QString PasswordHasher::hash(const QString &password) const
{
    QByteArray utf8 = password.toUtf8();
    const QByteArray encoded = hashUtf8(utf8, m_opsLimit, m_memLimit);
    sodium_memzero(utf8.data(), static_cast<std::size_t>(utf8.size()));
    return QString::fromLatin1(encoded);
}

bool PasswordHasher::verify(const QString &encodedHash, const QString &password) const
{
    QByteArray utf8 = password.toUtf8();
    const bool ok = verifyUtf8(encodedHash.toLatin1(), utf8);
    sodium_memzero(utf8.data(), static_cast<std::size_t>(utf8.size()));
    return ok;
}

bool PasswordHasher::verifyNothing(const QString &password) const
{
    std::call_once(m_decoyOnce, [this] {
        std::array<unsigned char, 16> random {};
        randombytes_buf(random.data(), random.size());
        m_decoy = hashUtf8(
            QByteArray(reinterpret_cast<const char *>(random.data()), static_cast<qsizetype>(random.size())),
            m_opsLimit, m_memLimit);
    });
    verify(QString::fromLatin1(m_decoy), password);
    return false;
}

bool PasswordHasher::needsRehash(const QString &encodedHash) const
{
    const QByteArray encoded = encodedHash.toLatin1();
    if (encoded.isEmpty() || encoded.size() >= static_cast<qsizetype>(crypto_pwhash_STRBYTES))
        return true;
    return crypto_pwhash_str_needs_rehash(encoded.constData(), m_opsLimit, m_memLimit) != 0;
}

} // namespace portico::server
