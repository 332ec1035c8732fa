#include "net/apiclient.h"

#include "appinfo.h"
#include "net/contentcoding.h"
#include "net/jsonobject.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <limits>

namespace portico::client {

QUrl endpoint(const QUrl &server, QString path, const QUrlQuery &query)
{
    QUrl url = server;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QUrlQuery fullQuery = query;
    if (const qsizetype mark = path.indexOf(QLatin1Char('?')); mark >= 0) {
        const QUrlQuery inPath(path.mid(mark + 1));
        for (const auto &[key, value] : inPath.queryItems(QUrl::FullyDecoded))
            fullQuery.addQueryItem(key, value);
        path.truncate(mark);
    }
    if (!path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    url.setPath(base + path);
    url.setQuery(fullQuery);
    url.setFragment(QString());
    return url;
}

namespace {

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Retry-After is either delay-seconds or an HTTP date (RFC 9110, 10.2.3).
int retryAfterSeconds(const QByteArray &header)
{
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return 0;
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (ok)
        return static_cast<int>(std::clamp<qint64>(seconds, 0, std::numeric_limits<int>::max()));
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (!when.isValid())
        return 0;
    return static_cast<int>(
        std::clamp<qint64>(QDateTime::currentDateTimeUtc().secsTo(when), 0, std::numeric_limits<int>::max()));
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool requireString(const QJsonObject &object, QLatin1StringView key, QString *out, QString *error)
{
    const QJsonValue value = object.value(key);
    if (!value.isString() || value.toString().isEmpty())
        return fail(error, QStringLiteral("$.") + key + QStringLiteral(": expected a non-empty string"));
    *out = value.toString();
    return true;
}

bool requireSeconds(const QJsonObject &object, QLatin1StringView key, qint64 *out, QString *error)
{
    const QJsonValue value = object.value(key);
    const qint64 seconds = value.toInteger(-1);
    if (!value.isDouble() || seconds < 0 || seconds != value.toInteger(0))
        return fail(error, QStringLiteral("$.") + key + QStringLiteral(": expected a non-negative integer"));
    *out = seconds;
    return true;
}

// A TokenPair reply of /auth/login or /auth/refresh (docs/api/openapi.yaml, TokenPair).
bool parseTokenReply(const QByteArray &body, TokenPair *tokens, QString *error)
{
    const auto object = parseJsonObject(body, error);
    if (!object)
        return false;
    QString tokenType;
    qint64 expiresIn = 0;
    qint64 refreshExpiresIn = 0;
    if (!requireString(*object, QLatin1StringView("access_token"), &tokens->accessToken, error)
        || !requireString(*object, QLatin1StringView("refresh_token"), &tokens->refreshToken, error)
        || !requireString(*object, QLatin1StringView("token_type"), &tokenType, error)
        || !requireSeconds(*object, QLatin1StringView("expires_in"), &expiresIn, error)
        || !requireSeconds(*object, QLatin1StringView("refresh_expires_in"), &refreshExpiresIn, error))
        return false;
    if (tokenType.compare(QLatin1StringView("Bearer"), Qt::CaseInsensitive) != 0)
        return fail(error, QStringLiteral("$.token_type: expected \"Bearer\""));
    const QJsonValue user = object->value(QLatin1StringView("user"));
    if (!user.isObject())
        return fail(error, QStringLiteral("$.user: expected an object"));
    tokens->user = user.toObject();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    tokens->accessExpiresAt = now.addSecs(expiresIn);
    tokens->refreshExpiresAt = now.addSecs(refreshExpiresIn);
    return true;
}

} // namespace

QByteArray TokenPair::toJson() const
{
    return compactJson({
        {QStringLiteral("access_token"), accessToken},
        {QStringLiteral("refresh_token"), refreshToken},
        {QStringLiteral("access_expires_at"), accessExpiresAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("refresh_expires_at"), refreshExpiresAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("user"), user},
    });
}

std::optional<TokenPair> TokenPair::fromJson(const QByteArray &json)
{
    const auto object = parseJsonObject(json, nullptr);
    if (!object)
        return std::nullopt;
    TokenPair tokens;
    if (!requireString(*object, QLatin1StringView("access_token"), &tokens.accessToken, nullptr)
        || !requireString(*object, QLatin1StringView("refresh_token"), &tokens.refreshToken, nullptr))
        return std::nullopt;
    tokens.accessExpiresAt = QDateTime::fromString(
        object->value(QLatin1StringView("access_expires_at")).toString(), Qt::ISODateWithMs);
    tokens.refreshExpiresAt = QDateTime::fromString(
        object->value(QLatin1StringView("refresh_expires_at")).toString(), Qt::ISODateWithMs);
    if (!tokens.accessExpiresAt.isValid() || !tokens.refreshExpiresAt.isValid())
        return std::nullopt;
    tokens.accessExpiresAt = tokens.accessExpiresAt.toUTC();
    tokens.refreshExpiresAt = tokens.refreshExpiresAt.toUTC();
    const QJsonValue user = object->value(QLatin1StringView("user"));
    if (!user.isObject())
        return std::nullopt;
    tokens.user = user.toObject();
    return tokens;
}

ApiJob::ApiJob(QNetworkAccessManager &network, QUrl url, QByteArray method, QByteArray accessToken,
               QByteArray body, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_url(std::move(url))
    , m_method(std::move(method))
    , m_accessToken(std::move(accessToken))
    , m_requestBody(std::move(body))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ApiJob::onTimeout);
}

ApiJob::~ApiJob()
{
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void ApiJob::start()
{
    if (m_reply || m_finished)
        return;
    QNetworkRequest request(m_url);
    request.setRawHeader("Accept", "application/json");
    if (!m_requestBody.isEmpty())
        request.setRawHeader("Content-Type", "application/json");
    if (!m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken);
    request.setHeader(QNetworkRequest::UserAgentHeader, AppInfo::userAgent());
    // What the server needs to decide about updates: below a channel's minimum version the sync
    // endpoints answer 426, and the update check offers this platform's build of this channel.
    request.setRawHeader("X-Portico-Version", AppInfo::version().toUtf8());
    request.setRawHeader("X-Portico-Platform", AppInfo::platform().toUtf8());
    request.setRawHeader("X-Portico-Channel", updateChannel(m_network).toUtf8());
    for (auto it = m_extraHeaders.cbegin(); it != m_extraHeaders.cend(); ++it)
        request.setRawHeader(it.key(), it.value());
    // Plain HTTP/1.1 with keep-alive: every request of a session reuses Qt's pooled connections,
    // and the server's request log and limits see one request per exchange.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // A redirect elsewhere would carry the bearer token to another origin.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    // No Accept-Encoding here: when Qt adds its own ("gzip, deflate, ..."), it also decodes the
    // reply. One set with setRequestHeader (PullJob's) hands the bytes through as they came, for
    // the job to decode.
    if (m_method == "GET")
        m_reply = m_network.get(request);
    else if (m_method == "POST")
        m_reply = m_network.post(request, m_requestBody);
    else
        m_reply = m_network.sendCustomRequest(request, m_method, m_requestBody);
    connect(m_reply, &QNetworkReply::finished, this, &ApiJob::onFinished);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] { restartTimer(); });
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64, qint64) { restartTimer(); });
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        restartTimer();
        m_bytesReceived = received;
        Q_EMIT progress(received);
    });
    restartTimer();
}

void ApiJob::abort()
{
    if (m_finished)
        return;
    m_error = {};
    m_error.kind = ApiError::Kind::Aborted;
    m_error.message = QStringLiteral("The request was cancelled");
    dropReply();
    finish();
}

namespace {

constexpr const char *ChannelProperty = "portico_update_channel";

} // namespace

void ApiJob::setUpdateChannel(QNetworkAccessManager &network, const QString &channel)
{
    network.setProperty(ChannelProperty, channel);
}

QString ApiJob::updateChannel(const QNetworkAccessManager &network)
{
    const QString channel = network.property(ChannelProperty).toString();
    return channel.isEmpty() ? QStringLiteral("stable") : channel;
}

bool ApiJob::parseReply(const QByteArray &body, QString *error)
{
    return parseJsonObject(body, error).has_value();
}

void ApiJob::restartTimer()
{
    if (m_timeout.count() > 0)
        m_timer->start(m_timeout);
}

void ApiJob::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void ApiJob::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    m_timer->stop();
    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_body = reply->readAll();
    // Qt decodes a gzip body itself (see start()) and then counts progress in decoded bytes; the
    // compressed size is gone with the Content-Length it removes, so the body's size is the count.
    // A job that asked for its own Accept-Encoding gets the body as it came over the wire.
    m_bytesReceived = m_body.size();
    m_compressed = !reply->rawHeader("Content-Encoding").isEmpty();
    const bool decodesItself = m_extraHeaders.contains("Accept-Encoding");
    m_replyHeaders.clear();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        m_replyHeaders.insert(name.toLower(), value);
    const QNetworkReply::NetworkError networkError = reply->error();
    m_error = {};
    if (m_httpStatus == 0) {
        // No HTTP answer at all: refused, reset, DNS, TLS, or something that does not speak HTTP.
        m_error.kind = networkError == QNetworkReply::ProtocolFailure
                || networkError == QNetworkReply::ProtocolUnknownError
            ? ApiError::Kind::Protocol
            : ApiError::Kind::Network;
        m_error.message = reply->errorString();
    } else if (m_httpStatus >= 200 && m_httpStatus < 300) {
        if (networkError != QNetworkReply::NoError) {
            // The status line came, the body did not (the connection broke halfway).
            m_error.kind = ApiError::Kind::Network;
            m_error.message = reply->errorString();
        } else if (QString why; !parseReply(m_body, &why)) {
            m_error.kind = ApiError::Kind::Protocol;
            m_error.message = why;
        }
    } else {
        m_error.kind = ApiError::Kind::Http;
        m_error.httpStatus = m_httpStatus;
        if (decodesItself && m_compressed) {
            if (auto decoded = ContentCoding::decode(m_body, reply->rawHeader("Content-Encoding"), nullptr))
                m_body = std::move(*decoded);
        }
        const QJsonObject error
            = QJsonDocument::fromJson(m_body).object().value(QLatin1StringView("error")).toObject();
        m_error.code = error.value(QLatin1StringView("code")).toString();
        m_error.message = error.value(QLatin1StringView("message")).toString();
        m_error.field = error.value(QLatin1StringView("field")).toString();
        if (m_error.message.isEmpty()) {
            const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            m_error.message = reason.isEmpty() ? reply->errorString() : reason;
        }
        m_error.retryAfterSeconds = retryAfterSeconds(reply->rawHeader("Retry-After"));
    }
    finish();
}

void ApiJob::onTimeout()
{
    if (!m_reply || m_finished)
        return;
    m_error = {};
    m_error.kind = ApiError::Kind::Timeout;
    m_error.message = QStringLiteral("No reply from the server within %1 ms").arg(m_timeout.count());
    dropReply();
    finish();
}

void ApiJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer->stop();
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

LoginJob::LoginJob(QNetworkAccessManager &network, const QUrl &server, const QString &login,
                   const QString &password, const QString &deviceId, QObject *parent)
    : ApiJob(network, endpoint(server, QStringLiteral("/api/v1/auth/login")), "POST", {},
             compactJson({{QStringLiteral("login"), login},
                          {QStringLiteral("password"), password},
                          {QStringLiteral("device_id"), deviceId}}),
             parent)
{ }

bool LoginJob::parseReply(const QByteArray &body, QString *error)
{
    return parseTokenReply(body, &m_tokens, error);
}

RefreshJob::RefreshJob(QNetworkAccessManager &network, const QUrl &server, const QString &refreshToken,
                       const QString &deviceId, QObject *parent)
    : ApiJob(network, endpoint(server, QStringLiteral("/api/v1/auth/refresh")), "POST", {},
             compactJson(
                 {{QStringLiteral("refresh_token"), refreshToken}, {QStringLiteral("device_id"), deviceId}}),
             parent)
{ }

bool RefreshJob::parseReply(const QByteArray &body, QString *error)
{
    return parseTokenReply(body, &m_tokens, error);
}

LogoutJob::LogoutJob(QNetworkAccessManager &network, const QUrl &server, const QString &accessToken,
                     QObject *parent)
    : ApiJob(network, endpoint(server, QStringLiteral("/api/v1/auth/logout")), "POST", accessToken.toUtf8(),
             {}, parent)
{ }

namespace {

QUrlQuery pullQuery(qint64 cursor, int limit, const QString &epoch)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("cursor"), QString::number(cursor));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!epoch.isEmpty())
        query.addQueryItem(QStringLiteral("epoch"), epoch);
    return query;
}

} // namespace

PullJob::PullJob(QNetworkAccessManager &network, const QUrl &server, const QString &accessToken,
                 qint64 cursor, int limit, const QString &epoch, QObject *parent)
    : ApiJob(network, endpoint(server, QStringLiteral("/api/v1/sync"), pullQuery(cursor, limit, epoch)),
             "GET", accessToken.toUtf8(), {}, parent)
{
    setRequestHeader("Accept-Encoding", ContentCoding::Accepted);
}

bool PullJob::parseReply(const QByteArray &body, QString *error)
{
    m_contentEncoding = replyHeader("Content-Encoding");
    if (m_parseLater) {
        m_rawBody = body;
        return true;
    }
    const auto decoded = ContentCoding::decode(body, m_contentEncoding, error);
    if (!decoded)
        return false;
    auto page = parseSyncPage(*decoded, error);
    if (!page)
        return false;
    m_page = std::move(*page);
    return true;
}

std::optional<std::pair<qint64, QString>> PullJob::announcedNext() const
{
    const QByteArray cursorText = replyHeader("X-Portico-Next-Cursor");
    if (cursorText.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 cursor = cursorText.toLongLong(&ok);
    if (!ok || cursor < 0)
        return std::nullopt; // the body says where the next page starts
    return std::pair(cursor, QString::fromUtf8(replyHeader("X-Portico-Epoch")));
}

JsonPostJob::JsonPostJob(QNetworkAccessManager &network, const QUrl &server, const QString &accessToken,
                         const QString &path, QByteArray jsonBody, QObject *parent)
    : ApiJob(network, endpoint(server, path), "POST", accessToken.toUtf8(), std::move(jsonBody), parent)
{ }

bool JsonPostJob::parseReply(const QByteArray &body, QString *error)
{
    auto object = parseJsonObject(body, error);
    if (!object)
        return false;
    m_result = std::move(*object);
    return true;
}

} // namespace portico::client
