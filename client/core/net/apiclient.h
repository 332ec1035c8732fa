#pragma once

#include "net/apierror.h"
#include "sync/syncpage.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>
#include <functional>
#include <optional>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace portico::client {

// The server's URL joined with an API path. A path prefix on the server URL (a reverse proxy
// serving Portico under /portico/) is kept; a query in `path` becomes the URL's query.
QUrl endpoint(const QUrl &server, QString path, const QUrlQuery &query = {});

// Access and refresh tokens from POST /api/v1/auth/login or /refresh.
struct TokenPair
{
    QString accessToken;
    QString refreshToken;
    QDateTime accessExpiresAt; // UTC, from expires_in
    QDateTime refreshExpiresAt; // UTC, from refresh_expires_in
    QJsonObject user; // the User object as sent

    QByteArray toJson() const; // for the credential store
    static std::optional<TokenPair> fromJson(const QByteArray &json);
};

// One HTTP request to the Portico API as a job object: start() sends it, finished() fires
// exactly once (success, error, timeout or abort), never a nested event loop. The job deletes
// itself after finished() unless setAutoDelete(false). A timeout counts from the last bytes
// received, so a slow but moving download is not cut off.
class ApiJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiJob)

public:
    ~ApiJob() override;

    void start();
    void abort();
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

    const ApiError &error() const { return m_error; }
    int httpStatus() const noexcept { return m_httpStatus; }
    const QByteArray &body() const { return m_body; }
    // Bytes of the reply body as the job got it: Qt decodes a gzip-encoded reply by itself and
    // counts in decoded bytes (it drops the compressed Content-Length), so for a compressed reply
    // this is the decoded size, not the size on the wire. wasCompressed() tells which it was.
    qint64 bytesReceived() const noexcept { return m_bytesReceived; }
    bool wasCompressed() const noexcept { return m_compressed; }
    // A header of the reply (ETag, Content-Range); empty when it had none.
    QByteArray replyHeader(const QByteArray &name) const { return m_replyHeaders.value(name.toLower()); }
    // A header to send with the request (If-None-Match, Content-Range), set before start(); it
    // replaces the job's own of the same name (Content-Type of a binary body).
    void setRequestHeader(const QByteArray &name, const QByteArray &value) { m_extraHeaders[name] = value; }
    // The update channel (X-Portico-Channel) the jobs on `network` announce; "stable" until set.
    static void setUpdateChannel(QNetworkAccessManager &network, const QString &channel);
    static QString updateChannel(const QNetworkAccessManager &network);

Q_SIGNALS:
    void finished(portico::client::ApiJob *job);
    void progress(qint64 bytesReceived);

protected:
    ApiJob(QNetworkAccessManager &network, QUrl url, QByteArray method, QByteArray accessToken,
           QByteArray body, QObject *parent);
    // Called once a 2xx body arrived; return false with *error to turn it into a Protocol error.
    virtual bool parseReply(const QByteArray &body, QString *error);
    ApiError m_error;

private:
    void onFinished();
    void onTimeout();
    void finish();
    void restartTimer();
    void dropReply();

    QNetworkAccessManager &m_network;
    QUrl m_url;
    QByteArray m_method;
    QByteArray m_accessToken;
    QByteArray m_requestBody;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_body;
    int m_httpStatus = 0;
    qint64 m_bytesReceived = 0;
    std::chrono::milliseconds m_timeout {30000};
    QTimer *m_timer = nullptr;
    bool m_autoDelete = true;
    bool m_finished = false;
    bool m_compressed = false;
    QMap<QByteArray, QByteArray> m_extraHeaders;
    QMap<QByteArray, QByteArray> m_replyHeaders; // names in lower case
};

class LoginJob final : public ApiJob
{
    Q_OBJECT
public:
    LoginJob(QNetworkAccessManager &network, const QUrl &server, const QString &login,
             const QString &password, const QString &deviceId, QObject *parent = nullptr);
    const TokenPair &tokens() const { return m_tokens; }

private:
    bool parseReply(const QByteArray &body, QString *error) override;
    TokenPair m_tokens;
};

class RefreshJob final : public ApiJob
{
    Q_OBJECT
public:
    RefreshJob(QNetworkAccessManager &network, const QUrl &server, const QString &refreshToken,
               const QString &deviceId, QObject *parent = nullptr);
    const TokenPair &tokens() const { return m_tokens; }

private:
    bool parseReply(const QByteArray &body, QString *error) override;
    TokenPair m_tokens;
};

class LogoutJob final : public ApiJob
{
    Q_OBJECT
public:
    LogoutJob(QNetworkAccessManager &network, const QUrl &server, const QString &accessToken,
              QObject *parent = nullptr);
};

// GET /api/v1/sync?cursor=&limit=&epoch= (zstd or gzip accepted and decoded by the job, or, with
// setParseLater, by the caller: body() and takeBody() are the bytes as they came).
class PullJob final : public ApiJob
{
    Q_OBJECT
public:
    PullJob(QNetworkAccessManager &network, const QUrl &server, const QString &accessToken, qint64 cursor,
            int limit, const QString &epoch, QObject *parent = nullptr);
    const SyncPage &page() const { return m_page; }
    // Leave the body unparsed (page() stays empty) for the caller to parse off this thread:
    // takeBody() hands it over. A page of thousands of rows takes tens of milliseconds to parse,
    // too long for the thread that draws the window.
    void setParseLater(bool later) { m_parseLater = later; }
    QByteArray takeBody() { return std::exchange(m_rawBody, {}); }
    // The reply's Content-Encoding, for ContentCoding::decode; empty when it was sent as it is.
    const QByteArray &contentEncoding() const { return m_contentEncoding; }
    // The next page's cursor and the epoch as the reply's headers announce them (only while the
    // server has more), readable before the body is parsed; nothing when it sent none.
    std::optional<std::pair<qint64, QString>> announcedNext() const;

private:
    bool parseReply(const QByteArray &body, QString *error) override;
    SyncPage m_page;
    QByteArray m_rawBody;
    QByteArray m_contentEncoding;
    bool m_parseLater = false;
};

// POST path with a JSON body; the reply's JSON object in result(). Used for orders:
// POST /api/v1/orders (201 decided, 200 retry), /orders/{id}/cancel, /orders/{id}/confirm.
class JsonPostJob final : public ApiJob
{
    Q_OBJECT
public:
    JsonPostJob(QNetworkAccessManager &network, const QUrl &server, const QString &accessToken,
                const QString &path, QByteArray jsonBody, QObject *parent = nullptr);
    const QJsonObject &result() const { return m_result; }

private:
    bool parseReply(const QByteArray &body, QString *error) override;
    QJsonObject m_result;
};

} // namespace portico::client
