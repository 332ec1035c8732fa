#include "faultproxy.h"

#include "httpstream.h"

#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <utility>

namespace portico::test {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Closes the socket with a TCP reset rather than an orderly FIN: what a peer that crashed, or a
// middlebox that gave up, leaves behind.
void resetSocket(QTcpSocket *socket)
{
    if (!socket)
        return;
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        const linger hard {1, 0};
        ::setsockopt(static_cast<int>(fd), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    }
    socket->abort();
}

} // namespace

// Settings and counters shared by the caller's thread and the proxy thread.
struct FaultProxyState
{
    enum class CutMode { AfterBytes, AtRandom };

    struct Faults
    {
        double dropProbability = 0.0;
        QByteArray dropPrefix;
        int cuts = 0;
        CutMode cutMode = CutMode::AfterBytes;
        qint64 cutAfter = 0;
        QByteArray cutPrefix;
        bool refuse = false;
        bool blackhole = false;
        qint64 delayMs = 0;
    };

    struct Cut
    {
        CutMode mode = CutMode::AfterBytes;
        qint64 after = 0;
    };

    mutable QMutex mutex;
    Faults faults;
    QRandomGenerator random {1};

    std::atomic<quint16> upstreamPort {0};
    std::atomic<quint16> port {0};
    std::atomic<int> openConnections {0};

    std::atomic<qint64> connections {0};
    std::atomic<qint64> refusedConnections {0};
    std::atomic<qint64> blackholedConnections {0};
    std::atomic<qint64> upstreamFailures {0};
    std::atomic<qint64> requestsForwarded {0};
    std::atomic<qint64> responsesDelivered {0};
    std::atomic<qint64> responsesDropped {0};
    std::atomic<qint64> responsesCut {0};
    std::atomic<qint64> bytesFromClient {0};
    std::atomic<qint64> bytesToServer {0};
    std::atomic<qint64> bytesFromServer {0};
    std::atomic<qint64> bytesToClient {0};

    Faults current() const
    {
        const QMutexLocker lock(&mutex);
        return faults;
    }

    bool rollDrop(const QByteArray &target)
    {
        const QMutexLocker lock(&mutex);
        if (faults.dropProbability <= 0.0 || !target.startsWith(faults.dropPrefix))
            return false;
        return random.generateDouble() < faults.dropProbability;
    }

    // The cut configured for responses to `target`, without using it up.
    std::optional<Cut> cutFor(const QByteArray &target) const
    {
        const QMutexLocker lock(&mutex);
        if (faults.cuts <= 0 || !target.startsWith(faults.cutPrefix))
            return std::nullopt;
        return Cut {faults.cutMode, faults.cutAfter};
    }

    // Uses up one cut; for a random cut, returns the offset below `bodyLength`. nullopt when
    // none is left (another connection took the last one).
    std::optional<qint64> claimCut(qint64 bodyLength)
    {
        const QMutexLocker lock(&mutex);
        if (faults.cuts <= 0)
            return std::nullopt;
        --faults.cuts;
        if (faults.cutMode == CutMode::AfterBytes)
            return faults.cutAfter;
        return bodyLength > 0 ? random.bounded(bodyLength) : 0;
    }

    void add(std::atomic<qint64> &counter, qint64 amount = 1)
    {
        counter.fetch_add(amount, std::memory_order_relaxed);
    }
};

namespace {

// One client connection and its connection to the server, on the proxy thread.
class ProxyConnection final : public QObject
{
public:
    ProxyConnection(FaultProxyState &state, QTcpSocket *client, bool blackhole,
                    std::function<void(ProxyConnection *)> closed)
        : m_state(state)
        , m_client(client)
        , m_closed(std::move(closed))
    {
        m_client->setParent(this);
        m_release.setSingleShot(true);
        connect(&m_release, &QTimer::timeout, this, &ProxyConnection::flush);
        connect(m_client, &QTcpSocket::readyRead, this, &ProxyConnection::onClientData);
        connect(m_client, &QTcpSocket::disconnected, this, &ProxyConnection::onClientGone);
        if (blackhole) {
            m_blackhole = true;
            return;
        }
        m_upstream = new QTcpSocket(this);
        connect(m_upstream, &QTcpSocket::connected, this, &ProxyConnection::onUpstreamConnected);
        connect(m_upstream, &QTcpSocket::readyRead, this, &ProxyConnection::onUpstreamData);
        connect(m_upstream, &QTcpSocket::disconnected, this, &ProxyConnection::onUpstreamGone);
        connect(m_upstream, &QTcpSocket::errorOccurred, this, &ProxyConnection::onUpstreamError);
        m_upstream->connectToHost(QHostAddress::LocalHost, m_state.upstreamPort.load());
    }

    // Ends both sides at once with a reset.
    void reset()
    {
        if (m_finished)
            return;
        resetSocket(m_client);
        resetSocket(m_upstream);
        finish();
    }

private:
    // Bytes for the client, released in order once their time has come.
    struct Outgoing
    {
        enum class Then { Nothing, Delivered, Close, Reset };
        qint64 releaseAt = 0;
        QByteArray bytes;
        Then then = Then::Nothing;
    };

    // The response being received from the server and what becomes of it.
    struct Response
    {
        bool drop = false;
        QByteArray target;
        std::optional<FaultProxyState::Cut> cut; // configured for it, not yet decided
        qint64 cutAt = -1; // decided: body bytes to let through before the reset
        bool hold = false; // a random cut of a body of unknown length: held until complete
        QByteArray held;
        qint64 bodySeen = 0;
        qint64 releaseAt = 0;
    };

    struct Request
    {
        QByteArray target;
        bool drop = false;
    };

    void onClientData()
    {
        const QByteArray data = m_client->readAll();
        m_state.add(m_state.bytesFromClient, data.size());
        if (m_blackhole || m_dead)
            return;
        for (auto &piece : m_requests.feed(data)) {
            if (piece.kind == HttpStream::Piece::Kind::Head) {
                m_pending.append({piece.head.target, m_state.rollDrop(piece.head.target)});
                m_responses.expectResponseTo(piece.head.method);
            }
            toServer(piece.bytes);
            if (piece.kind != HttpStream::Piece::Kind::Opaque && piece.ends)
                m_state.add(m_state.requestsForwarded);
        }
    }

    void toServer(const QByteArray &bytes)
    {
        if (bytes.isEmpty())
            return;
        if (m_upstream->state() != QAbstractSocket::ConnectedState) {
            m_unsent += bytes;
            return;
        }
        m_upstream->write(bytes);
        m_state.add(m_state.bytesToServer, bytes.size());
    }

    void onUpstreamConnected()
    {
        m_everConnected = true;
        if (!m_unsent.isEmpty())
            toServer(std::exchange(m_unsent, {}));
    }

    // Errors of an established connection end in disconnected(); here only a failed connect.
    void onUpstreamError(QAbstractSocket::SocketError)
    {
        if (m_everConnected || m_dead)
            return;
        // The server is not there: the client sees its connection closed without a reply.
        m_state.add(m_state.upstreamFailures);
        m_dead = true;
        m_client->abort();
        finish();
    }

    void onUpstreamData()
    {
        const QByteArray data = m_upstream->readAll();
        m_state.add(m_state.bytesFromServer, data.size());
        if (m_dead)
            return;
        for (auto &piece : m_responses.feed(data)) {
            handleResponse(piece);
            if (m_dead)
                return;
        }
    }

    void onUpstreamGone()
    {
        if (m_upstream->bytesAvailable() > 0)
            onUpstreamData();
        if (m_dead)
            return;
        if (auto last = m_responses.finish())
            handleResponse(*last);
        if (m_dead)
            return;
        // The server closed: the client gets what it sent, then an orderly close.
        m_dead = true;
        send({m_response.releaseAt, {}, Outgoing::Then::Close});
    }

    void onClientGone()
    {
        m_clientGone = true;
        if (m_upstream && m_upstream->state() != QAbstractSocket::UnconnectedState) {
            m_upstream->disconnectFromHost();
            if (m_upstream->state() != QAbstractSocket::UnconnectedState) {
                connect(m_upstream, &QTcpSocket::disconnected, this, &ProxyConnection::finish);
                return;
            }
        }
        finish();
    }

    void handleResponse(HttpStream::Piece &piece)
    {
        using Kind = HttpStream::Piece::Kind;
        if (piece.kind == Kind::Opaque) {
            send({m_response.releaseAt, std::move(piece.bytes), Outgoing::Then::Nothing});
            return;
        }
        if (piece.kind == Kind::Head && !piece.interim && !piece.upgrade)
            beginResponse(piece.head);
        if (piece.kind == Kind::Head && (piece.interim || piece.upgrade)) {
            // Passes as it is; a 101 turns both directions into a tunnel.
            send({nowMs() + m_state.current().delayMs, std::move(piece.bytes), Outgoing::Then::Nothing});
            if (piece.upgrade) {
                m_requests.setOpaque();
                if (!m_pending.isEmpty())
                    m_pending.removeFirst();
            }
            return;
        }
        Response &response = m_response;
        if (response.drop) {
            if (piece.ends)
                dropResponse();
            return;
        }
        if (response.hold) {
            response.held += piece.bytes;
            if (piece.ends)
                releaseHeld();
            return;
        }
        if (piece.kind == Kind::Body)
            response.bodySeen += piece.bytes.size();
        if (response.cutAt < 0 && response.cut && piece.kind == Kind::Body && !piece.ends
            && response.bodySeen > response.cut->after) {
            // A body of unknown length has grown past the cut: take the cut now.
            if (const auto claimed = m_state.claimCut(0))
                response.cutAt = *claimed;
            response.cut.reset();
        }
        if (response.cutAt >= 0 && response.bodySeen > response.cutAt) {
            const qint64 over = response.bodySeen - response.cutAt;
            piece.bytes.chop(static_cast<qsizetype>(over));
            // Counted first: the client may see the reset before send() returns.
            m_state.add(m_state.responsesCut);
            m_dead = true;
            send({response.releaseAt, std::move(piece.bytes), Outgoing::Then::Reset});
            resetSocket(m_upstream);
            return;
        }
        const bool ends = piece.ends;
        send({response.releaseAt, std::move(piece.bytes),
              ends ? Outgoing::Then::Delivered : Outgoing::Then::Nothing});
        if (ends)
            endResponse();
    }

    void beginResponse(const HttpStream::Head &head)
    {
        const Request request = m_pending.isEmpty() ? Request {} : m_pending.takeFirst();
        m_response = Response {};
        m_response.target = request.target;
        m_response.drop = request.drop;
        m_response.releaseAt = nowMs() + m_state.current().delayMs;
        if (m_response.drop)
            return;
        const auto cut = m_state.cutFor(request.target);
        if (!cut)
            return;
        const bool knownLength = !head.chunked && head.contentLength >= 0;
        if (cut->mode == FaultProxyState::CutMode::AtRandom) {
            if (!knownLength) {
                m_response.hold = true;
            } else if (head.contentLength > 0) {
                if (const auto offset = m_state.claimCut(head.contentLength))
                    m_response.cutAt = *offset;
            }
            return;
        }
        if (!knownLength)
            m_response.cut = cut; // decided once the body grows past it
        else if (head.contentLength > cut->after)
            m_response.cutAt = m_state.claimCut(head.contentLength).value_or(-1);
    }

    // A held response is complete: cut it at a random offset below its body's length.
    void releaseHeld()
    {
        Response &response = m_response;
        const qsizetype headEnd = response.held.indexOf("\r\n\r\n") + 4;
        const qint64 bodyLength = response.held.size() - headEnd;
        const auto offset = bodyLength > 0 ? m_state.claimCut(bodyLength) : std::nullopt;
        if (!offset) {
            send({response.releaseAt, std::exchange(response.held, {}), Outgoing::Then::Delivered});
            endResponse();
            return;
        }
        m_state.add(m_state.responsesCut);
        m_dead = true;
        send({response.releaseAt, response.held.left(headEnd + static_cast<qsizetype>(*offset)),
              Outgoing::Then::Reset});
        resetSocket(m_upstream);
    }

    void dropResponse()
    {
        // The server answered, so it committed; the client never learns the answer.
        m_state.add(m_state.responsesDropped);
        m_dead = true;
        send({m_response.releaseAt, {}, Outgoing::Then::Close});
        m_upstream->abort();
    }

    void endResponse() { m_response = Response {}; }

    // Queued in order: bytes never overtake bytes held before them.
    void send(Outgoing outgoing)
    {
        outgoing.releaseAt = std::max(outgoing.releaseAt, m_lastQueued);
        m_lastQueued = outgoing.releaseAt;
        m_outgoing.append(std::move(outgoing));
        flush();
    }

    void flush()
    {
        while (!m_outgoing.isEmpty() && !m_finished) {
            const qint64 now = nowMs();
            if (m_outgoing.constFirst().releaseAt > now) {
                m_release.start(static_cast<int>(m_outgoing.constFirst().releaseAt - now));
                return;
            }
            Outgoing outgoing = m_outgoing.takeFirst();
            if (m_clientGone)
                continue;
            if (!outgoing.bytes.isEmpty()) {
                m_client->write(outgoing.bytes);
                m_state.add(m_state.bytesToClient, outgoing.bytes.size());
            }
            switch (outgoing.then) {
            case Outgoing::Then::Nothing:
                break;
            case Outgoing::Then::Delivered:
                m_state.add(m_state.responsesDelivered);
                break;
            case Outgoing::Then::Close:
                // An orderly close once everything written so far has gone out.
                m_dead = true;
                if (m_upstream)
                    m_upstream->abort();
                m_client->disconnectFromHost();
                if (m_client->state() == QAbstractSocket::UnconnectedState)
                    finish();
                return;
            case Outgoing::Then::Reset:
                m_dead = true;
                resetSocket(m_upstream);
                resetWhenDrained();
                return;
            }
        }
    }

    // A reset throws away whatever the kernel has not delivered yet, so it waits until the
    // client has acknowledged every byte written (bounded, for a client that stopped reading).
    void resetWhenDrained()
    {
        const qint64 deadline = nowMs() + 2000;
        auto drained = [this, deadline] {
            if (m_finished)
                return true;
            m_client->flush();
            int unacknowledged = 0;
            const qintptr fd = m_client->socketDescriptor();
            if (fd >= 0 && ::ioctl(static_cast<int>(fd), TIOCOUTQ, &unacknowledged) != 0)
                unacknowledged = 0;
            if (nowMs() < deadline && (m_client->bytesToWrite() > 0 || unacknowledged > 0))
                return false;
            resetSocket(m_client);
            m_clientGone = true;
            finish();
            return true;
        };
        if (drained())
            return;
        auto *poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [poll, drained] {
            if (drained())
                poll->stop();
        });
        poll->start(5);
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_dead = true;
        m_release.stop();
        if (m_closed)
            m_closed(this);
    }

    FaultProxyState &m_state;
    QTcpSocket *m_client;
    QTcpSocket *m_upstream = nullptr;
    std::function<void(ProxyConnection *)> m_closed;
    QTimer m_release;
    HttpStream m_requests {HttpStream::Side::Requests};
    HttpStream m_responses {HttpStream::Side::Responses};
    QList<Request> m_pending;
    Response m_response;
    QList<Outgoing> m_outgoing;
    QByteArray m_unsent;
    qint64 m_lastQueued = 0;
    bool m_blackhole = false;
    bool m_everConnected = false;
    bool m_dead = false; // nothing more goes to the client but what is queued
    bool m_clientGone = false;
    bool m_finished = false;
};

} // namespace

// The listening socket and the connections, on the proxy thread.
class FaultProxyEngine final : public QObject
{
public:
    explicit FaultProxyEngine(FaultProxyState &state)
        : m_state(state)
    { }

    quint16 listen()
    {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, &FaultProxyEngine::accept);
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return 0;
        return m_server->serverPort();
    }

    void resetConnections()
    {
        const auto connections = m_connections;
        for (ProxyConnection *connection : connections)
            connection->reset();
    }

    void shutdown()
    {
        // Everything this thread owns goes with it: the server, the connections, and the ones
        // closed but not yet deleted.
        m_connections.clear();
        const QObjectList owned = children();
        qDeleteAll(owned);
        m_server = nullptr;
        m_state.openConnections = 0;
    }

private:
    void accept()
    {
        while (QTcpSocket *client = m_server->nextPendingConnection()) {
            m_state.add(m_state.connections);
            const FaultProxyState::Faults faults = m_state.current();
            if (faults.refuse) {
                m_state.add(m_state.refusedConnections);
                client->abort();
                client->deleteLater();
                continue;
            }
            if (faults.blackhole)
                m_state.add(m_state.blackholedConnections);
            auto *connection
                = new ProxyConnection(m_state, client, faults.blackhole, [this](ProxyConnection *closed) {
                      if (m_connections.removeOne(closed)) {
                          --m_state.openConnections;
                          closed->deleteLater();
                      }
                  });
            connection->setParent(this);
            m_connections.append(connection);
            ++m_state.openConnections;
        }
    }

    FaultProxyState &m_state;
    QTcpServer *m_server = nullptr;
    QList<ProxyConnection *> m_connections;
};

FaultProxy::FaultProxy(quint16 upstreamPort)
    : m_state(std::make_shared<FaultProxyState>())
{
    m_state->upstreamPort = upstreamPort;
    m_thread.setObjectName(QStringLiteral("FaultProxy"));
}

FaultProxy::~FaultProxy()
{
    stop();
}

bool FaultProxy::start()
{
    if (m_engine)
        return true;
    m_thread.start();
    m_engine = new FaultProxyEngine(*m_state);
    m_engine->moveToThread(&m_thread);
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_engine, [this, &port] { port = m_engine->listen(); }, Qt::BlockingQueuedConnection);
    m_state->port = port;
    if (port == 0) {
        stop();
        return false;
    }
    return true;
}

void FaultProxy::stop()
{
    if (!m_engine)
        return;
    QMetaObject::invokeMethod(
        m_engine, [this] { m_engine->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_engine;
    m_engine = nullptr;
    m_state->port = 0;
}

bool FaultProxy::isRunning() const
{
    return m_engine != nullptr;
}

quint16 FaultProxy::port() const
{
    return m_state->port.load();
}

QUrl FaultProxy::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path));
}

void FaultProxy::setUpstreamPort(quint16 port)
{
    m_state->upstreamPort = port;
}

quint16 FaultProxy::upstreamPort() const
{
    return m_state->upstreamPort.load();
}

void FaultProxy::setSeed(quint32 seed)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->random.seed(seed);
}

void FaultProxy::setDropReplyProbability(double p, const QString &pathPrefix)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->faults.dropProbability = std::clamp(p, 0.0, 1.0);
    m_state->faults.dropPrefix = pathPrefix.toUtf8();
}

void FaultProxy::setCutResponseAfterBytes(qint64 bytes, int responses, const QString &pathPrefix)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->faults.cuts = std::max(0, responses);
    m_state->faults.cutMode = FaultProxyState::CutMode::AfterBytes;
    m_state->faults.cutAfter = std::max<qint64>(0, bytes);
    m_state->faults.cutPrefix = pathPrefix.toUtf8();
}

void FaultProxy::setCutResponseAtRandomOffset(int responses, const QString &pathPrefix)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->faults.cuts = std::max(0, responses);
    m_state->faults.cutMode = FaultProxyState::CutMode::AtRandom;
    m_state->faults.cutAfter = 0;
    m_state->faults.cutPrefix = pathPrefix.toUtf8();
}

int FaultProxy::pendingCuts() const
{
    return m_state->current().cuts;
}

void FaultProxy::setRefuseConnections(bool refuse)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->faults.refuse = refuse;
}

void FaultProxy::setDelay(std::chrono::milliseconds delay)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->faults.delayMs = std::max<qint64>(0, delay.count());
}

void FaultProxy::setBlackhole(bool blackhole)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->faults.blackhole = blackhole;
}

void FaultProxy::clearFaults()
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->faults = FaultProxyState::Faults {};
}

void FaultProxy::resetConnections()
{
    if (m_engine)
        QMetaObject::invokeMethod(
            m_engine, [this] { m_engine->resetConnections(); }, Qt::BlockingQueuedConnection);
}

int FaultProxy::openConnections() const
{
    return m_state->openConnections.load();
}

FaultProxy::Counters FaultProxy::counters() const
{
    const FaultProxyState &s = *m_state;
    Counters c;
    c.connections = s.connections.load();
    c.refusedConnections = s.refusedConnections.load();
    c.blackholedConnections = s.blackholedConnections.load();
    c.upstreamFailures = s.upstreamFailures.load();
    c.requestsForwarded = s.requestsForwarded.load();
    c.responsesDelivered = s.responsesDelivered.load();
    c.responsesDropped = s.responsesDropped.load();
    c.responsesCut = s.responsesCut.load();
    c.bytesFromClient = s.bytesFromClient.load();
    c.bytesToServer = s.bytesToServer.load();
    c.bytesFromServer = s.bytesFromServer.load();
    c.bytesToClient = s.bytesToClient.load();
    return c;
}

void FaultProxy::resetCounters()
{
    FaultProxyState &s = *m_state;
    for (std::atomic<qint64> *counter :
         {&s.connections, &s.refusedConnections, &s.blackholedConnections, &s.upstreamFailures,
          &s.requestsForwarded, &s.responsesDelivered, &s.responsesDropped, &s.responsesCut,
          &s.bytesFromClient, &s.bytesToServer, &s.bytesFromServer, &s.bytesToClient})
        counter->store(0);
}

} // namespace portico::test
