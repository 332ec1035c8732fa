#pragma once

#include "auth/authsettings.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <mutex>

namespace portico::server {

// Argon2id password hashes in libsodium's encoded form ("$argon2id$v=19$m=65536,t=2,p=1$...").
// The encoded hash carries its own parameters, so hashes made with another cost still verify;
// needsRehash() tells when one should be replaced after a successful login.
class PasswordHasher final
{
public:
    explicit PasswordHasher(PasswordCost cost = PasswordCost::Interactive);
    PasswordHasher(const PasswordHasher &) = delete;
    PasswordHasher &operator=(const PasswordHasher &) = delete;

    // Throws std::runtime_error when the memory for the hash cannot be had.
    QString hash(const QString &password) const;
    // False for a wrong password and for a hash that is not one (empty, corrupt).
    bool verify(const QString &encodedHash, const QString &password) const;
    // Spends the time of one verification and returns false: answers a login that does not
    // exist as slowly as a wrong password.
    bool verifyNothing(const QString &password) const;
    bool needsRehash(const QString &encodedHash) const;

private:
    unsigned long long m_opsLimit;
    std::size_t m_memLimit;
    mutable std::once_flag m_decoyOnce;
    mutable QByteArray m_decoy;
};

} // namespace portico::server
