#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace portico::client {

// Watches whether the server answers: GET /healthz on an interval, with a per-request timeout.
// Emits statusChanged only when the state flips, so the status bar and the sync engine can
// react to coming online or going offline.
class ServerStatusMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerStatusMonitor)

public:
    enum class Status { Unknown, Online, Offline };
    Q_ENUM(Status)

    ServerStatusMonitor(QNetworkAccessManager &network, QUrl serverUrl, QObject *parent = nullptr);

    void setInterval(std::chrono::milliseconds interval);
    void setTimeout(std::chrono::milliseconds timeout);
    void start();
    void stop();
    // One probe now, outside the schedule.
    void checkNow();

    Status status() const noexcept { return m_status; }
    QString serverVersion() const { return m_serverVersion; }
    QDateTime lastOnline() const { return m_lastOnline; }
    QString lastError() const { return m_lastError; }
    QUrl serverUrl() const { return m_serverUrl; }

Q_SIGNALS:
    void statusChanged(portico::client::ServerStatusMonitor::Status status);

private:
    void onFinished(QNetworkReply *reply);
    void setStatus(Status status);

    QNetworkAccessManager &m_network;
    QUrl m_serverUrl;
    QTimer m_timer;
    std::chrono::milliseconds m_timeout {5000};
    QNetworkReply *m_pending = nullptr;
    Status m_status = Status::Unknown;
    QString m_serverVersion;
    QString m_lastError;
    QDateTime m_lastOnline;
};

} // namespace portico::client
