#pragma once

#include <QByteArray>
#include <QString>
#include <QThread>
#include <QUrl>

#include <chrono>
#include <memory>

namespace portico::test {

class FaultProxyEngine;
struct FaultProxyState;

// A TCP proxy on 127.0.0.1 (an ephemeral port) between a client and a real portico-server
// (TestServer) that injects the faults a network and a server show: replies lost after the
// server committed, responses cut mid-body, refused connections, slow answers, silence.
//
// The proxy runs on a thread of its own (its QTcpServer and sockets live there), so a test that
// drives a client with an event loop, or blocks on a future, never stalls it. Every setter and
// getter may be called from any thread at any time; faults apply to what happens after the call.
//
// It understands enough HTTP/1.1 to count requests and responses on keep-alive connections:
// request and response heads, Content-Length and chunked bodies, bodies that end with the
// connection, responses to HEAD, interim 1xx responses. After a 101 (a WebSocket upgrade) both
// directions pass through untouched. Bytes are never changed, only withheld.
//
//   TestServer server;
//   FaultProxy proxy(server.port());
//   QVERIFY(proxy.start());
//   proxy.setSeed(42);
//   proxy.setDropReplyProbability(0.3, u"/api/v1/orders"_s);
//   ... point the client at proxy.url() ...
//   QCOMPARE(proxy.counters().responsesDropped, ...);
class FaultProxy final
{
public:
    // What went through the proxy since start() or the last resetCounters().
    struct Counters
    {
        qint64 connections = 0; // accepted from clients, refused ones included
        qint64 refusedConnections = 0; // closed at once (setRefuseConnections)
        qint64 blackholedConnections = 0; // read from, never answered (setBlackhole)
        qint64 upstreamFailures = 0; // connections to the server that failed
        qint64 requestsForwarded = 0; // complete requests passed to the server
        qint64 responsesDelivered = 0; // complete final responses written to the client
        qint64 responsesDropped = 0; // complete responses the server sent, withheld from the client
        qint64 responsesCut = 0; // responses cut short, their connection reset
        qint64 bytesFromClient = 0;
        qint64 bytesToServer = 0;
        qint64 bytesFromServer = 0;
        qint64 bytesToClient = 0;
    };

    explicit FaultProxy(quint16 upstreamPort);
    ~FaultProxy();
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    // Starts the proxy thread and listens on an ephemeral port of 127.0.0.1; false when it
    // cannot listen.
    bool start();
    // Closes the listening socket and every connection, and ends the thread.
    void stop();
    bool isRunning() const;

    quint16 port() const;
    QUrl url(const QString &path = {}) const;

    // Where new connections go: the server restarted on another port. Open connections keep
    // the server they have.
    void setUpstreamPort(quint16 port);
    quint16 upstreamPort() const;

    // Seeds the generator behind every random decision, so that a run repeats.
    void setSeed(quint32 seed);

    // Each request whose target starts with `pathPrefix` (every request when empty) is, with
    // probability p, forwarded and answered by the server as usual, but its response is
    // withheld: once the whole response has arrived from the server (it committed), the client
    // connection is closed without a byte of it. The decision is drawn when the request head
    // arrives, in request order.
    void setDropReplyProbability(double p, const QString &pathPrefix = {});

    // The next `responses` responses to requests under `pathPrefix` whose body is longer than
    // `bytes` are cut: the head and the first `bytes` bytes of the body go to the client, then
    // its connection is reset. Body bytes count as they are on the wire (chunk framing
    // included). Shorter responses pass whole and do not use up a cut. responses = 0 cancels.
    void setCutResponseAfterBytes(qint64 bytes, int responses = 1, const QString &pathPrefix = {});
    // Like setCutResponseAfterBytes, at an offset drawn anew for each response, uniformly below
    // the length of its body (responses with an empty body pass). Chunked bodies and bodies
    // delimited by the close are held until complete to learn their length.
    void setCutResponseAtRandomOffset(int responses = 1, const QString &pathPrefix = {});
    // How many cuts are still to come.
    int pendingCuts() const;

    // Accept connections and close them at once (a server that is down behind a load balancer).
    void setRefuseConnections(bool refuse);
    // Hold every response this long before its first byte goes to the client.
    void setDelay(std::chrono::milliseconds delay);
    // Accept connections, read what they send, never answer and never connect to the server.
    // Applies to connections accepted while it is on.
    void setBlackhole(bool blackhole);
    // No drops, cuts, refusals, delay or blackhole.
    void clearFaults();

    // Resets every open connection now, as a server killed mid-flight would.
    void resetConnections();
    int openConnections() const;

    Counters counters() const;
    void resetCounters();

private:
    std::shared_ptr<FaultProxyState> m_state;
    QThread m_thread;
    FaultProxyEngine *m_engine = nullptr;
};

} // namespace portico::test
