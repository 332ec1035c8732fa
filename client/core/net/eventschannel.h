#pragma once

#include <QAbstractSocket>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>

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
    // The wait before the first reconnect and the most it grows to (doubling per failed attempt,
    // each wait drawn between half and all of it so that clients do not come back in step).
    void setReconnectDelays(std::chrono::milliseconds first, std::chrono::milliseconds most);
    // A ping after this much quiet; no answer by the next one drops the connection.
    void setKeepAliveInterval(std::chrono::milliseconds interval);

Q_SIGNALS:
    void connected();
    void disconnected();
    void nudged(qint64 head); // "hello" and "feed" messages
    void unauthorized(); // the upgrade was refused with 401: the token needs refreshing

private:
    void open();
    void onConnected();
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void onTextMessage(const QString &message);
    void onKeepAlive();
    void scheduleReconnect();
    QUrl eventsUrl() const;

    QUrl m_server;
    QString m_token;
    QWebSocket *m_socket = nullptr;
    QTimer m_reconnect;
    QTimer m_handshakeDeadline;
    QTimer m_keepAlive;
    std::chrono::milliseconds m_firstDelay {500};
    std::chrono::milliseconds m_mostDelay {30000};
    quint64 m_attempt = 0; // counts open() calls
    int m_failures = 0; // attempts in a row that did not get through the upgrade
    bool m_started = false;
    bool m_connected = false; // the current socket completed the upgrade
    bool m_unauthorized = false; // the last upgrade was refused with 401
    bool m_awaitingPong = false;
};

} // namespace portico::client
