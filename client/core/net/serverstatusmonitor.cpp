#include "net/serverstatusmonitor.h"

#include "appinfo.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace portico::client {

ServerStatusMonitor::ServerStatusMonitor(QNetworkAccessManager &network, QUrl serverUrl, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_serverUrl(std::move(serverUrl))
{
    m_timer.setInterval(std::chrono::seconds(15));
    connect(&m_timer, &QTimer::timeout, this, &ServerStatusMonitor::checkNow);
}

void ServerStatusMonitor::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void ServerStatusMonitor::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

void ServerStatusMonitor::start()
{
    m_timer.start();
    checkNow();
}

void ServerStatusMonitor::stop()
{
    m_timer.stop();
    if (m_pending)
        m_pending->abort();
}

void ServerStatusMonitor::checkNow()
{
    if (m_pending)
        return;
    QUrl url = m_serverUrl;
    url.setPath(url.path().section(QLatin1Char('/'), 0, -1, QString::SectionSkipEmpty).isEmpty()
                    ? QStringLiteral("/healthz")
                    : url.path() + QStringLiteral("/healthz"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, AppInfo::userAgent());
    request.setTransferTimeout(static_cast<int>(m_timeout.count()));
    m_pending = m_network.get(request);
    connect(m_pending, &QNetworkReply::finished, this, [this, reply = m_pending] { onFinished(reply); });
}

void ServerStatusMonitor::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    m_pending = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status == 200) {
        const auto body = QJsonDocument::fromJson(reply->readAll()).object();
        m_serverVersion = body.value(QStringLiteral("version")).toString();
        m_lastOnline = QDateTime::currentDateTimeUtc();
        m_lastError.clear();
        setStatus(Status::Online);
    } else {
        m_lastError = reply->errorString();
        setStatus(Status::Offline);
    }
}

void ServerStatusMonitor::setStatus(Status status)
{
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

} // namespace portico::client
