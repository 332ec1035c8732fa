#include "auth/userrepository.h"

#include "storage/database.h"

namespace portico::server {

namespace {

const QString UserColumns
    = QStringLiteral("id, login, display_name, role, customer_id, warehouse_id, active, password_hash");

QVariant nullableId(const Id &id)
{
    return id.isNull() ? QVariant(QMetaType(QMetaType::QString))
                       : QVariant(id.toString(QUuid::WithoutBraces));
}

Id idFromColumn(const QVariant &value)
{
    return value.isNull() ? Id() : Id::fromString(value.toString());
}

StoredUser userFrom(const Sql &row)
{
    StoredUser stored;
    User &user = stored.user;
    user.id = idFromColumn(row.value(0));
    user.login = row.value(1).toString();
    user.displayName = row.value(2).toString();
    const QString role = row.value(3).toString();
    const std::optional<Role> parsed = roleFromString(role);
    if (!parsed)
        throw StorageError(QStringLiteral("user %1 has an unknown role \"%2\"").arg(user.login, role));
    user.role = *parsed;
    user.customerId = idFromColumn(row.value(4));
    user.warehouseId = idFromColumn(row.value(5));
    user.active = row.value(6).toBool();
    stored.passwordHash = row.value(7).toString();
    return stored;
}

bool rowExists(const QSqlDatabase &tx, const QString &statement, const Id &id)
{
    if (id.isNull())
        return false;
    Sql find(tx, statement);
    find.bind(QStringLiteral(":id"), id.toString(QUuid::WithoutBraces)).exec();
    return find.next();
}

} // namespace

QString UserRepository::normalizeLogin(const QString &login)
{
    return login.trimmed().toLower();
}

std::optional<StoredUser> UserRepository::findByLogin(const QString &login) const
{
    Sql find(m_tx,
             QStringLiteral("SELECT ") + UserColumns + QStringLiteral(" FROM users WHERE login = :login"));
    find.bind(QStringLiteral(":login"), normalizeLogin(login)).exec();
    if (!find.next())
        return std::nullopt;
    return userFrom(find);
}

std::optional<User> UserRepository::findById(const Id &id) const
{
    if (id.isNull())
        return std::nullopt;
    Sql find(m_tx, QStringLiteral("SELECT ") + UserColumns + QStringLiteral(" FROM users WHERE id = :id"));
    find.bind(QStringLiteral(":id"), id.toString(QUuid::WithoutBraces)).exec();
    if (!find.next())
        return std::nullopt;
    return userFrom(find).user;
}

QList<User> UserRepository::list() const
{
    Sql all(m_tx, QStringLiteral("SELECT ") + UserColumns + QStringLiteral(" FROM users ORDER BY login"));
    all.query().setForwardOnly(true);
    all.exec();
    QList<User> users;
    while (all.next())
        users.append(userFrom(all).user);
    return users;
}

std::optional<User> UserRepository::create(const User &user, const QString &passwordHash, qint64 createdAt)
{
    User stored = user;
    if (stored.id.isNull())
        stored.id = QUuid::createUuid();
    stored.login = normalizeLogin(user.login);
    Sql insert(m_tx,
               QStringLiteral("INSERT INTO users (id, login, display_name, role, customer_id, warehouse_id, "
                              "password_hash, active, created_at) VALUES (:id, :login, :name, :role, "
                              ":customer, :warehouse, :hash, :active, :created) "
                              "ON CONFLICT (login) DO NOTHING"));
    insert.bind(QStringLiteral(":id"), stored.id.toString(QUuid::WithoutBraces))
        .bind(QStringLiteral(":login"), stored.login)
        .bind(QStringLiteral(":name"), stored.displayName)
        .bind(QStringLiteral(":role"), roleToString(stored.role))
        .bind(QStringLiteral(":customer"), nullableId(stored.customerId))
        .bind(QStringLiteral(":warehouse"), nullableId(stored.warehouseId))
        .bind(QStringLiteral(":hash"), passwordHash)
        .bind(QStringLiteral(":active"), stored.active)
        .bind(QStringLiteral(":created"), createdAt)
        .exec();
    if (insert.rowsAffected() != 1)
        return std::nullopt;
    return stored;
}

UserRepository::UpdateResult UserRepository::update(const User &user)
{
    const std::optional<User> old = findById(user.id);
    if (!old)
        return UpdateResult::NotFound;
    const bool wasActiveAdmin = old->role == Role::Admin && old->active;
    const bool staysActiveAdmin = user.role == Role::Admin && user.active;
    if (wasActiveAdmin && !staysActiveAdmin && activeAdminsOtherThan(user.id) == 0)
        return UpdateResult::LastAdmin;
    Sql(m_tx,
        QStringLiteral("UPDATE users SET display_name = :name, role = :role, customer_id = :customer, "
                       "warehouse_id = :warehouse, active = :active WHERE id = :id"))
        .bind(QStringLiteral(":name"), user.displayName)
        .bind(QStringLiteral(":role"), roleToString(user.role))
        .bind(QStringLiteral(":customer"), nullableId(user.customerId))
        .bind(QStringLiteral(":warehouse"), nullableId(user.warehouseId))
        .bind(QStringLiteral(":active"), user.active)
        .bind(QStringLiteral(":id"), user.id.toString(QUuid::WithoutBraces))
        .exec();
    return UpdateResult::Updated;
}

bool UserRepository::setPasswordHash(const Id &id, const QString &passwordHash)
{
    if (id.isNull())
        return false;
    Sql update(m_tx, QStringLiteral("UPDATE users SET password_hash = :hash WHERE id = :id"));
    update.bind(QStringLiteral(":hash"), passwordHash)
        .bind(QStringLiteral(":id"), id.toString(QUuid::WithoutBraces))
        .exec();
    return update.rowsAffected() == 1;
}

bool UserRepository::customerExists(const Id &id) const
{
    return rowExists(m_tx, QStringLiteral("SELECT 1 FROM customers WHERE id = :id"), id);
}

bool UserRepository::warehouseExists(const Id &id) const
{
    return rowExists(m_tx, QStringLiteral("SELECT 1 FROM warehouses WHERE id = :id"), id);
}

int UserRepository::activeAdminsOtherThan(const Id &id)
{
    // On PostgreSQL the admins' rows are locked, so that two admins demoting each other at the
    // same time cannot both pass this check.
    const bool postgres = m_tx.driverName() == QLatin1String("QPSQL");
    Sql admins(m_tx,
               QStringLiteral("SELECT id FROM users WHERE role = :role AND active = :yes AND id <> :id")
                   + (postgres ? QStringLiteral(" FOR UPDATE") : QString()));
    admins.bind(QStringLiteral(":role"), roleToString(Role::Admin))
        .bind(QStringLiteral(":yes"), true)
        .bind(QStringLiteral(":id"), id.toString(QUuid::WithoutBraces))
        .exec();
    int count = 0;
    while (admins.next())
        ++count;
    return count;
}

void UserRepository::bumpSyncGeneration(const Id &id)
{
    Sql(m_tx, QStringLiteral("UPDATE users SET sync_generation = sync_generation + 1 WHERE id = :id"))
        .bind(QStringLiteral(":id"), id.toString(QUuid::WithoutBraces))
        .exec();
}

int UserRepository::syncGeneration(const Id &id) const
{
    Sql q(m_tx, QStringLiteral("SELECT sync_generation FROM users WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id.toString(QUuid::WithoutBraces)).exec();
    return q.next() ? q.value(0).toInt() : 0;
}

} // namespace portico::server
