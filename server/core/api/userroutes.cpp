#include "api/userroutes.h"

#include "api/jsonbody.h"
#include "auth/passwordhasher.h"
#include "auth/tokenservice.h"
#include "auth/userpolicy.h"
#include "auth/userrepository.h"
#include "events/feednotifier.h"
#include "http/apierror.h"
#include "http/router.h"
#include "log/structuredlog.h"
#include "protocol/codecs.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace portico::server {

namespace {

using protocol::JsonReader;
using protocol::Presence;

constexpr std::size_t AdminBodyLimit = 16 * 1024;

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

[[noreturn]] void refuse(const PolicyViolation &violation)
{
    throw ApiError(ApiErrorCode::Unprocessable, violation.message, QStringLiteral("$.") + violation.field);
}

ApiError noSuchUser()
{
    return ApiError(ApiErrorCode::NotFound, QStringLiteral("No such user"));
}

// Checks what a user is bound to: the role's rules and that the customer or warehouse exists.
void checkBindings(const UserRepository &users, const User &user)
{
    if (const auto violation = UserPolicy::checkBindings(user))
        refuse(*violation);
    if (!user.customerId.isNull() && !users.customerExists(user.customerId))
        refuse({QStringLiteral("customer_id"), QStringLiteral("No such customer")});
    if (!user.warehouseId.isNull() && !users.warehouseExists(user.warehouseId))
        refuse({QStringLiteral("warehouse_id"), QStringLiteral("No such warehouse")});
}

void logAdminAction(const HttpRequest &request, const QString &action, const QString &userId)
{
    StructuredLog::info(action,
                        {{QStringLiteral("request_id"), QString::fromStdString(request.requestId)},
                         {QStringLiteral("by"), request.caller->login},
                         {QStringLiteral("user_id"), userId}});
}

HttpResponse listUsers(Services &services)
{
    const QList<User> users
        = services.database.read([](QSqlDatabase &tx) { return UserRepository(tx).list(); });
    return jsonResponse(200, {{QStringLiteral("users"), protocol::toJsonArray(users)}});
}

HttpResponse createUser(HttpRequest &request, Services &services, const PasswordHasher &hasher)
{
    JsonReader reader(jsonObjectBody(request));
    User user;
    user.login = UserRepository::normalizeLogin(reader.string(u"login", protocol::limits::Login));
    user.displayName = reader.string(u"display_name", protocol::limits::Name, Presence::Optional).trimmed();
    user.role = reader.enumeration(u"role", roleFromString, Role::Buyer);
    user.customerId = reader.uuid(u"customer_id", Presence::Optional);
    user.warehouseId = reader.uuid(u"warehouse_id", Presence::Optional);
    user.active = reader.boolean(u"active", true);
    const QString password = reader.string(u"password", MaxPasswordLength);
    requireDecoded(reader);
    if (const auto violation = UserPolicy::checkLogin(user.login))
        refuse(*violation);
    if (const auto violation = UserPolicy::checkNewPassword(password))
        refuse(*violation);
    if (user.displayName.isEmpty())
        user.displayName = user.login;

    const QString hash = hasher.hash(password);
    const std::optional<User> created = services.database.write([&](QSqlDatabase &tx) {
        UserRepository users(tx);
        checkBindings(users, user);
        return users.create(user, hash, services.now());
    });
    if (!created)
        throw ApiError(ApiErrorCode::Conflict, QStringLiteral("The login %1 is taken").arg(user.login),
                       QStringLiteral("$.login"));
    logAdminAction(request, QStringLiteral("user created"), idText(created->id));
    return jsonResponse(201, protocol::toJson(*created));
}

HttpResponse updateUser(HttpRequest &request, Services &services)
{
    const QUuid id = idParameter(request, "id");
    JsonReader reader(jsonObjectBody(request));
    const QJsonObject &body = reader.json();
    const QString displayName
        = reader.string(u"display_name", protocol::limits::Name, Presence::Optional).trimmed();
    const Role role = reader.enumeration(u"role", roleFromString, Role::Buyer, Presence::Optional);
    const QUuid customerId = reader.uuid(u"customer_id", Presence::Optional);
    const QUuid warehouseId = reader.uuid(u"warehouse_id", Presence::Optional);
    const bool active = reader.boolean(u"active", true);
    requireDecoded(reader);

    const auto [result, user] = services.database.write([&](QSqlDatabase &tx) {
        UserRepository users(tx);
        std::optional<User> found = users.findById(id);
        if (!found)
            throw noSuchUser();
        User changed = *found;
        if (reader.has(u"display_name"))
            changed.displayName = displayName.isEmpty() ? changed.login : displayName;
        if (reader.has(u"role"))
            changed.role = role;
        if (body.contains(QLatin1String("customer_id")))
            changed.customerId = customerId;
        if (body.contains(QLatin1String("warehouse_id")))
            changed.warehouseId = warehouseId;
        if (reader.has(u"active"))
            changed.active = active;
        checkBindings(users, changed);
        const auto updated = users.update(changed);
        if (updated == UserRepository::UpdateResult::Updated
            && (changed.role != found->role || changed.customerId != found->customerId
                || changed.warehouseId != found->warehouseId))
            users.bumpSyncGeneration(id);
        return std::make_pair(updated, changed);
    });
    switch (result) {
    case UserRepository::UpdateResult::NotFound:
        throw noSuchUser();
    case UserRepository::UpdateResult::LastAdmin:
        throw ApiError(ApiErrorCode::Unprocessable, QStringLiteral("At least one active admin must remain"),
                       reader.has(u"active") ? QStringLiteral("$.active") : QStringLiteral("$.role"));
    case UserRepository::UpdateResult::Updated:
        break;
    }
    if (!user.active)
        TokenService(services).revokeUser(idText(id));
    // The user's connected sessions re-read what they may see (and learn of a new epoch).
    services.notifier.published({Audience::user(idText(id))});
    logAdminAction(request, QStringLiteral("user changed"), idText(id));
    return jsonResponse(200, protocol::toJson(user));
}

HttpResponse setPassword(HttpRequest &request, Services &services, const PasswordHasher &hasher)
{
    const QUuid id = idParameter(request, "id");
    JsonReader reader(jsonObjectBody(request));
    const QString password = reader.string(u"password", MaxPasswordLength);
    requireDecoded(reader);
    if (const auto violation = UserPolicy::checkNewPassword(password))
        refuse(*violation);
    const QString hash = hasher.hash(password);
    const bool found = services.database.write(
        [&](QSqlDatabase &tx) { return UserRepository(tx).setPasswordHash(id, hash); });
    if (!found)
        throw noSuchUser();
    const int revoked = TokenService(services).revokeUser(idText(id));
    logAdminAction(request, QStringLiteral("user password set"), idText(id));
    return jsonResponse(200, {{QStringLiteral("revoked_tokens"), revoked}});
}

HttpResponse revokeTokens(HttpRequest &request, Services &services)
{
    const QUuid id = idParameter(request, "id");
    JsonReader reader(jsonObjectBody(request, true));
    const QString deviceId = reader.string(u"device_id", MaxDeviceIdLength, Presence::Optional);
    requireDecoded(reader);
    const bool exists = services.database.read(
        [&](QSqlDatabase &tx) { return UserRepository(tx).findById(id).has_value(); });
    if (!exists)
        throw noSuchUser();
    TokenService tokens(services);
    const int revoked
        = deviceId.isEmpty() ? tokens.revokeUser(idText(id)) : tokens.revokeDevice(idText(id), deviceId);
    logAdminAction(request, QStringLiteral("user tokens revoked"), idText(id));
    return jsonResponse(200, {{QStringLiteral("revoked_tokens"), revoked}});
}

} // namespace

void addUserRoutes(Router &router, Services &services)
{
    auto hasher = std::make_shared<PasswordHasher>(services.auth.passwordCost);
    router.add(
        {HttpMethod::Get, "/api/v1/admin/users", Access::Admin, AdminBodyLimit, [&services](HttpRequest &) {
             return listUsers(services);
         }});
    router.add({HttpMethod::Post, "/api/v1/admin/users", Access::Admin, AdminBodyLimit,
                [&services, hasher](HttpRequest &request) {
                    return createUser(request, services, *hasher);
                }});
    router.add({HttpMethod::Patch, "/api/v1/admin/users/{id}", Access::Admin, AdminBodyLimit,
                [&services](HttpRequest &request) {
                    return updateUser(request, services);
                }});
    router.add({HttpMethod::Post, "/api/v1/admin/users/{id}/password", Access::Admin, AdminBodyLimit,
                [&services, hasher](HttpRequest &request) {
                    return setPassword(request, services, *hasher);
                }});
    router.add({HttpMethod::Post, "/api/v1/admin/users/{id}/revoke", Access::Admin, AdminBodyLimit,
                [&services](HttpRequest &request) {
                    return revokeTokens(request, services);
                }});
}

} // namespace portico::server
