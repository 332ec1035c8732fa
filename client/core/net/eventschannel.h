#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace portico::client {

// The WebSocket /api/v1/events: tells the sync engine when the server's feed has news for this
// user. Reconnects by itself (with backoff) while started; nudged() carries the server's head.
class EventsChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsChannel)

public:
    explicit EventsChannel(QUrl server, QObject *parent = nullptr);
    ~EventsChannel() override;

    void setAccessToken(const QString &token); // used on the next (re)connect
    void start();
    void stop();
    bool isConnected() const;

Q_SIGNALS:
    void connected();
    void disconnected();
    void nudged(qint64 head); // "hello" and "feed" messages
    void unauthorized(); // the upgrade was refused with 401: the token needs refreshing

private:
    QUrl m_server;
    QString m_token;
    QWebSocket *m_socket = nullptr;
    QTimer m_reconnect;
    int m_failures = 0;
    bool m_started = false;
};

} // namespace portico::client
