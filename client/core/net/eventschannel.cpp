#include "net/eventschannel.h"

#include "appinfo.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QWebSocket>

#include <algorithm>

namespace portico::client {

namespace {

// How long the TCP connect plus the upgrade may take before the attempt counts as failed.
constexpr std::chrono::seconds HandshakeTimeout {15};

// Qt 6.4's QWebSocket reports a refused upgrade only as ConnectionRefusedError, with the
// status in its error text ("... Unhandled http status code: 401 (Unauthorized)."). A refused
// TCP connection has the same error code but no status in the text.
bool refusedWithUnauthorized(const QString &errorText)
{
    static const QRegularExpression status(QStringLiteral("\\b401\\b"));
    return status.match(errorText).hasMatch();
}

} // namespace

EventsChannel::EventsChannel(QUrl server, QObject *parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    m_reconnect.setSingleShot(true);
    m_handshakeDeadline.setSingleShot(true);
    m_handshakeDeadline.setInterval(HandshakeTimeout);
    m_keepAlive.setSingleShot(true);
    m_keepAlive.setInterval(std::chrono::seconds(30));
    connect(&m_reconnect, &QTimer::timeout, this, &EventsChannel::open);
    connect(&m_handshakeDeadline, &QTimer::timeout, m_socket, &QWebSocket::abort);
    connect(&m_keepAlive, &QTimer::timeout, this, &EventsChannel::onKeepAlive);
    connect(m_socket, &QWebSocket::connected, this, &EventsChannel::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &EventsChannel::onDisconnected);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &EventsChannel::onError);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &EventsChannel::onTextMessage);
    connect(m_socket, &QWebSocket::pong, this, [this] {
        m_awaitingPong = false;
        m_keepAlive.start();
    });
}

EventsChannel::~EventsChannel()
{
    // Closing during destruction must not call back into a half-destroyed channel.
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
}

void EventsChannel::setAccessToken(const QString &token)
{
    m_token = token;
    if (!m_unauthorized)
        return;
    m_unauthorized = false;
    m_failures = 0;
    if (m_started && m_socket->state() == QAbstractSocket::UnconnectedState)
        m_reconnect.start(0);
}

void EventsChannel::start()
{
    if (m_started)
        return;
    m_started = true;
    m_failures = 0;
    if (!m_unauthorized && m_socket->state() == QAbstractSocket::UnconnectedState)
        m_reconnect.start(0);
}

void EventsChannel::stop()
{
    m_started = false;
    m_reconnect.stop();
    m_keepAlive.stop();
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
    else if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
}

bool EventsChannel::isConnected() const
{
    return m_connected;
}

void EventsChannel::setReconnectDelays(std::chrono::milliseconds first, std::chrono::milliseconds most)
{
    m_firstDelay = std::max(first, std::chrono::milliseconds(1));
    m_mostDelay = std::max(most, m_firstDelay);
}

void EventsChannel::setKeepAliveInterval(std::chrono::milliseconds interval)
{
    m_keepAlive.setInterval(interval);
}

QUrl EventsChannel::eventsUrl() const
{
    QUrl url = m_server;
    const QString scheme = url.scheme().toLower();
    url.setScheme(scheme == QLatin1String("https") || scheme == QLatin1String("wss") ? QStringLiteral("wss")
                                                                                     : QStringLiteral("ws"));
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QStringLiteral("/api/v1/events"));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void EventsChannel::open()
{
    if (!m_started || m_unauthorized || m_socket->state() != QAbstractSocket::UnconnectedState)
        return;
    QNetworkRequest request(eventsUrl());
    request.setHeader(QNetworkRequest::UserAgentHeader, AppInfo::userAgent());
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    m_connected = false;
    m_awaitingPong = false;
    ++m_attempt;
    m_handshakeDeadline.start();
    m_socket->open(request);
}

void EventsChannel::onConnected()
{
    m_handshakeDeadline.stop();
    m_connected = true;
    m_failures = 0;
    m_awaitingPong = false;
    m_keepAlive.start();
    Q_EMIT connected();
}

void EventsChannel::onError(QAbstractSocket::SocketError error)
{
    if (!m_connected && error == QAbstractSocket::ConnectionRefusedError
        && refusedWithUnauthorized(m_socket->errorString()))
        m_unauthorized = true;
    // A failed upgrade may leave the TCP connection open; closing it ends the attempt (and
    // reports disconnected()). Queued, because QWebSocket is still inside its own code here.
    QMetaObject::invokeMethod(
        this,
        [this, attempt = m_attempt] {
            if (attempt == m_attempt && !m_connected
                && m_socket->state() != QAbstractSocket::UnconnectedState)
                m_socket->abort();
        },
        Qt::QueuedConnection);
}

void EventsChannel::onDisconnected()
{
    m_handshakeDeadline.stop();
    m_keepAlive.stop();
    const bool wasConnected = m_connected;
    m_connected = false;
    if (!wasConnected)
        ++m_failures;
    if (wasConnected)
        Q_EMIT disconnected();
    if (m_unauthorized) {
        Q_EMIT unauthorized();
        return;
    }
    if (m_started)
        scheduleReconnect();
}

void EventsChannel::scheduleReconnect()
{
    // Doubling from the first delay up to the cap; the wait is drawn from [delay / 2, delay] so
    // that many desktops losing the same server do not all come back in the same instant.
    const int doublings = std::clamp(m_failures - 1, 0, 20);
    const qint64 delay = std::min<qint64>(m_mostDelay.count(), m_firstDelay.count() << doublings);
    const qint64 wait = delay / 2 + QRandomGenerator::global()->bounded(delay / 2 + 1);
    m_reconnect.start(std::chrono::milliseconds(wait));
}

void EventsChannel::onTextMessage(const QString &message)
{
    m_awaitingPong = false;
    m_keepAlive.start();
    const QJsonObject event = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString type = event.value(QLatin1StringView("type")).toString();
    if (type != QLatin1String("hello") && type != QLatin1String("feed"))
        return;
    const QJsonValue head = event.value(QLatin1StringView("head"));
    if (!head.isDouble())
        return;
    Q_EMIT nudged(head.toInteger());
}

void EventsChannel::onKeepAlive()
{
    if (!m_connected)
        return;
    if (m_awaitingPong) {
        // Nothing came back for a whole interval: the connection is gone without a FIN (a
        // suspended laptop, a NAT that forgot it). Dropping it starts the reconnect.
        m_socket->abort();
        return;
    }
    m_awaitingPong = true;
    m_socket->ping();
    m_keepAlive.start();
}

} // namespace portico::client
