#include "api/authroutes.h"

#include "api/jsonbody.h"
#include "auth/authenticator.h"
#include "auth/loginratelimiter.h"
#include "auth/passwordhasher.h"
#include "auth/tokenservice.h"
#include "auth/userpolicy.h"
#include "auth/userrepository.h"
#include "http/apierror.h"
#include "http/router.h"
#include "log/structuredlog.h"
#include "protocol/codecs.h"
#include "services.h"
#include "storage/database.h"

#include <QJsonObject>

#include <memory>

namespace portico::server {

namespace {

using protocol::JsonReader;
using protocol::Reason;

constexpr std::size_t AuthBodyLimit = 16 * 1024;

void requireNotEmpty(JsonReader &reader, QStringView key, const QString &value)
{
    if (reader.ok() && value.isEmpty())
        reader.fail(key, Reason::Missing, QStringLiteral("must not be empty"));
}

QString deviceIdFrom(JsonReader &reader)
{
    const QString deviceId = reader.string(u"device_id", MaxDeviceIdLength);
    requireNotEmpty(reader, u"device_id", deviceId);
    return deviceId;
}

HttpResponse tokenResponse(const IssuedTokens &tokens, const User &user, qint64 now)
{
    const QJsonObject body {
        {QStringLiteral("access_token"), tokens.accessToken},
        {QStringLiteral("refresh_token"), tokens.refreshToken},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("expires_in"), (tokens.accessExpiresAt - now) / 1000},
        {QStringLiteral("refresh_expires_in"), (tokens.refreshExpiresAt - now) / 1000},
        {QStringLiteral("user"), protocol::toJson(user)},
    };
    HttpResponse response = jsonResponse(200, body);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

ApiError wrongCredentials()
{
    return ApiError(ApiErrorCode::Unauthorized, QStringLiteral("Wrong login or password"));
}

HttpResponse login(HttpRequest &request, Services &services, const PasswordHasher &hasher)
{
    JsonReader reader(jsonObjectBody(request));
    const QString loginText = reader.string(u"login", protocol::limits::Login);
    requireNotEmpty(reader, u"login", loginText);
    const QString password = reader.string(u"password", MaxPasswordLength);
    requireNotEmpty(reader, u"password", password);
    const QString deviceId = deviceIdFrom(reader);
    requireDecoded(reader);

    const QString login = UserRepository::normalizeLogin(loginText);
    const QString address = QString::fromStdString(request.remoteAddress);
    LoginRateLimiter limiter(services);
    const LoginRateLimiter::Decision decision = limiter.admit(login, address);
    if (!decision.allowed) {
        StructuredLog::warning(QStringLiteral("login refused: too many failures"),
                               {{QStringLiteral("request_id"), QString::fromStdString(request.requestId)},
                                {QStringLiteral("remote"), address}});
        HttpResponse response
            = errorResponse(ApiErrorCode::TooManyRequests,
                            QStringLiteral("Too many failed logins; try again in %1 seconds")
                                .arg(decision.retryAfterSeconds));
        response.headers.emplace_back("Retry-After", std::to_string(decision.retryAfterSeconds));
        return response;
    }

    const std::optional<StoredUser> stored
        = services.database.read([&](QSqlDatabase &tx) { return UserRepository(tx).findByLogin(login); });
    const bool verified
        = stored ? hasher.verify(stored->passwordHash, password) : hasher.verifyNothing(password);
    if (!verified) {
        QJsonObject fields {{QStringLiteral("request_id"), QString::fromStdString(request.requestId)},
                            {QStringLiteral("remote"), address}};
        if (stored)
            fields.insert(QStringLiteral("login"), stored->user.login);
        StructuredLog::warning(QStringLiteral("login failed"), fields);
        throw wrongCredentials();
    }
    if (!stored->user.active)
        throw ApiError(ApiErrorCode::Unauthorized, QStringLiteral("This account is disabled"));
    limiter.succeeded(login, address);
    if (hasher.needsRehash(stored->passwordHash)) {
        const QString rehashed = hasher.hash(password);
        services.database.write(
            [&](QSqlDatabase &tx) { UserRepository(tx).setPasswordHash(stored->user.id, rehashed); });
    }
    request.user = stored->user.login.toStdString();
    const qint64 now = services.now();
    const IssuedTokens tokens
        = TokenService(services).issue(stored->user.id.toString(QUuid::WithoutBraces), deviceId);
    StructuredLog::info(QStringLiteral("login"),
                        {{QStringLiteral("request_id"), QString::fromStdString(request.requestId)},
                         {QStringLiteral("login"), stored->user.login},
                         {QStringLiteral("device_id"), deviceId},
                         {QStringLiteral("remote"), address}});
    return tokenResponse(tokens, stored->user, now);
}

HttpResponse refresh(HttpRequest &request, Services &services)
{
    JsonReader reader(jsonObjectBody(request));
    const QString refreshToken = reader.string(u"refresh_token", MaxTokenLength);
    requireNotEmpty(reader, u"refresh_token", refreshToken);
    const QString deviceId = deviceIdFrom(reader);
    requireDecoded(reader);

    const qint64 now = services.now();
    const IssuedTokens tokens = TokenService(services).refresh(refreshToken, deviceId);
    const std::optional<User> user = services.database.read(
        [&](QSqlDatabase &tx) { return UserRepository(tx).findById(QUuid::fromString(tokens.userId)); });
    if (!user)
        throw ApiError(ApiErrorCode::Unauthorized,
                       QStringLiteral("Invalid or expired refresh token; log in again"));
    return tokenResponse(tokens, *user, now);
}

HttpResponse logout(HttpRequest &request, Services &services)
{
    const int revoked = TokenService(services).revokeFamilyOf(bearerToken(request));
    return jsonResponse(200, {{QStringLiteral("revoked_tokens"), revoked}});
}

HttpResponse me(HttpRequest &request, Services &services)
{
    const QUuid id = QUuid::fromString(request.caller->userId);
    const std::optional<User> user
        = services.database.read([&](QSqlDatabase &tx) { return UserRepository(tx).findById(id); });
    if (!user)
        throw ApiError(ApiErrorCode::Unauthorized, QStringLiteral("Invalid access token; log in again"));
    return jsonResponse(200, protocol::toJson(*user));
}

} // namespace

void addAuthRoutes(Router &router, Services &services)
{
    auto hasher = std::make_shared<PasswordHasher>(services.auth.passwordCost);
    router.add({HttpMethod::Post, "/api/v1/auth/login", Access::Public, AuthBodyLimit,
                [&services, hasher](HttpRequest &request) {
                    return login(request, services, *hasher);
                }});
    router.add({HttpMethod::Post, "/api/v1/auth/refresh", Access::Public, AuthBodyLimit,
                [&services](HttpRequest &request) {
                    return refresh(request, services);
                }});
    router.add({HttpMethod::Post, "/api/v1/auth/logout", Access::Authenticated, AuthBodyLimit,
                [&services](HttpRequest &request) {
                    return logout(request, services);
                }});
    router.add({HttpMethod::Get, "/api/v1/auth/me", Access::Authenticated, AuthBodyLimit,
                [&services](HttpRequest &request) {
                    return me(request, services);
                }});
}

} // namespace portico::server
