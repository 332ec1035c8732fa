#pragma once

#include "domain/user.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace portico::server {

// A user as stored: the domain user and the Argon2id hash of their password.
struct StoredUser
{
    User user;
    QString passwordHash;
};

// The users table, within the caller's transaction. Logins are stored and looked up in lower
// case (normalizeLogin), so "Buyer1" and "buyer1" are one account.
class UserRepository final
{
public:
    explicit UserRepository(const QSqlDatabase &tx)
        : m_tx(tx)
    { }

    static QString normalizeLogin(const QString &login);

    std::optional<StoredUser> findByLogin(const QString &login) const;
    std::optional<User> findById(const Id &id) const;
    // Every user, ordered by login.
    QList<User> list() const;

    // Stores a new user (a null id gets a fresh one) and returns it as stored; nullopt when the
    // login is taken.
    std::optional<User> create(const User &user, const QString &passwordHash, qint64 createdAt);

    enum class UpdateResult { Updated, NotFound, LastAdmin };
    // Stores display name, role, customer, warehouse and active flag of the user with this id
    // (the login stays). Refuses (LastAdmin) to leave no active admin behind when there was one.
    UpdateResult update(const User &user);
    // False when there is no such user.
    bool setPasswordHash(const Id &id, const QString &passwordHash);

    // Whether the customer or warehouse a user would be bound to exists.
    // What a user may see changed (role, customer, warehouse): their next pull resyncs from
    // scratch (the sync epoch includes the generation).
    void bumpSyncGeneration(const Id &id);
    int syncGeneration(const Id &id) const;

    bool customerExists(const Id &id) const;
    bool warehouseExists(const Id &id) const;

private:
    int activeAdminsOtherThan(const Id &id);

    QSqlDatabase m_tx;
};

} // namespace portico::server
