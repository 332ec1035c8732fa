#include "faultproxy.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <chrono>
#include <memory>

using namespace std::chrono_literals;
using portico::test::FaultProxy;
using portico::test::rawHttp;
using portico::test::RawHttpReply;
using portico::test::TestServer;

namespace {

QByteArray get(const QByteArray &path, const QByteArray &requestId = {}, const QByteArray &token = {})
{
    QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!requestId.isEmpty())
        request += "X-Request-Id: " + requestId + "\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token + "\r\n";
    return request + "\r\n";
}

qint64 contentLength(const RawHttpReply &reply)
{
    for (const QByteArray &line : reply.headers.split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            return line.mid(15).trimmed().toLongLong();
    }
    return -1;
}

// The status the server logged for the request with this X-Request-Id; 0 while none is logged.
int loggedStatus(TestServer &server, const QByteArray &requestId)
{
    const QList<QByteArray> lines = server.log().split('\n');
    for (const QByteArray &line : lines) {
        const QJsonObject entry = QJsonDocument::fromJson(line).object();
        if (entry.value(QStringLiteral("request_id")).toString() == QLatin1String(requestId))
            return entry.value(QStringLiteral("status")).toInt();
    }
    return 0;
}

// Statuses of the responses read from a keep-alive connection until `count` are complete.
// Bodies are sized by Content-Length; responses to HEAD (`bodiless`) have none.
QList<int> readResponses(QTcpSocket &socket, const QList<bool> &bodiless)
{
    QList<int> statuses;
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (statuses.size() < bodiless.size() && timer.elapsed() < 10000) {
        const qsizetype headEnd = data.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            RawHttpReply head;
            head.headers = data.left(headEnd);
            const qint64 length = bodiless.at(statuses.size()) ? 0 : qMax<qint64>(0, contentLength(head));
            if (data.size() >= headEnd + 4 + length) {
                statuses << head.headers.split(' ').value(1).toInt();
                data.remove(0, headEnd + 4 + length);
                continue;
            }
        }
        if (!socket.waitForReadyRead(200) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        data += socket.readAll();
    }
    return statuses;
}

struct Fetched
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    qint64 elapsedMs = 0;
};

Fetched fetch(QNetworkAccessManager &network, const QUrl &url,
              std::chrono::milliseconds transferTimeout = 0ms)
{
    QNetworkRequest request(url);
    if (transferTimeout > 0ms)
        request.setTransferTimeout(static_cast<int>(transferTimeout.count()));
    QElapsedTimer timer;
    timer.start();
    const std::unique_ptr<QNetworkReply> reply(network.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    Fetched result;
    result.elapsedMs = timer.elapsed();
    result.error = reply->error();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        result.body = reply->readAll();
    return result;
}

// Everything that arrives on a fresh connection until the proxy closes it. It waits with the
// event loop running, so that a ScriptedServer on this thread can answer.
QByteArray readUntilClosed(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 5000) {
        QTest::qWait(5);
        received += socket.readAll();
    }
    return received + socket.readAll();
}

// A stand-in server on the test thread answering every request head with one canned
// response, for shapes portico-server never sends: chunked bodies, bodies ended by the close.
class ScriptedServer final : public QObject
{
public:
    ScriptedServer(QByteArray response, bool closeAfterResponse)
        : m_response(std::move(response))
        , m_closeAfter(closeAfterResponse)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    QByteArray &buffer = m_buffers[socket];
                    buffer += socket->readAll();
                    for (qsizetype end = buffer.indexOf("\r\n\r\n"); end >= 0;
                         end = buffer.indexOf("\r\n\r\n")) {
                        buffer.remove(0, end + 4);
                        ++m_requests;
                        socket->write(m_response);
                        if (m_closeAfter)
                            socket->disconnectFromHost();
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    quint16 port() const { return m_server.serverPort(); }
    int requests() const { return m_requests; }

private:
    QTcpServer m_server;
    QByteArray m_response;
    bool m_closeAfter;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_requests = 0;
};

const QByteArray ChunkedBody = QByteArray(300, 'a') + QByteArray(200, 'b');

QByteArray chunkedResponse(const QByteArray &trailer = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
           "12c\r\n"
        + QByteArray(300, 'a') + "\r\nc8;ext=1\r\n" + QByteArray(200, 'b') + "\r\n0\r\n" + trailer + "\r\n";
}

} // namespace

// The fault-injecting proxy against a real portico-server (the demo data set, so that there are
// users and sync pages) and, for response shapes that server never sends, a scripted one.
class TestFaultProxy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList {QStringLiteral("--products"), QStringLiteral("200")}, QStringLiteral("demo"));
        QVERIFY2(m_server->start(60000), qPrintable(m_server->errorString()));
        const QByteArray credentials
            = "{\"login\":\"buyer1\",\"password\":\"demo\",\"device_id\":\"tst-faultproxy\"}";
        const RawHttpReply login
            = rawHttp(m_server->port(),
                      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                      "application/json\r\nContent-Length: "
                          + QByteArray::number(credentials.size()) + "\r\n\r\n" + credentials,
                      30000);
        QCOMPARE(login.status, 200);
        m_token = QJsonDocument::fromJson(login.body)
                      .object()
                      .value(QStringLiteral("access_token"))
                      .toString()
                      .toLatin1();
        QVERIFY(!m_token.isEmpty());
        m_proxy = std::make_unique<FaultProxy>(m_server->port());
        QVERIFY(m_proxy->start());
        QVERIFY(m_proxy->port() != 0);
        QVERIFY(m_proxy->port() != m_server->port());
    }

    void init()
    {
        m_proxy->clearFaults();
        m_proxy->resetConnections();
        m_proxy->resetCounters();
    }

    void cleanupTestCase()
    {
        m_proxy->stop();
        QVERIFY(!m_proxy->isRunning());
        QCOMPARE(m_server->terminate(), 0);
    }

    void passesRequestsThroughOnKeepAlive()
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_proxy->port());
        QVERIFY(socket.waitForConnected(5000));
        // A GET, a HEAD (a Content-Length but no body), a POST with a chunked body (405 for
        // /healthz) and a GET again, pipelined on one connection.
        socket.write(get("/healthz"));
        socket.write("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        socket.write("POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        socket.write(get("/healthz"));
        QCOMPARE(readResponses(socket, {false, true, false, false}), (QList<int> {200, 200, 405, 200}));

        const FaultProxy::Counters counters = m_proxy->counters();
        QCOMPARE(counters.connections, 1);
        QCOMPARE(counters.requestsForwarded, 4);
        QCOMPARE(counters.responsesDelivered, 4);
        QCOMPARE(counters.responsesDropped, 0);
        QCOMPARE(counters.bytesToServer, counters.bytesFromClient);
        QCOMPARE(counters.bytesToClient, counters.bytesFromServer);
        QVERIFY(counters.bytesToClient > 0);
        QCOMPARE(m_proxy->openConnections(), 1);
    }

    void keepsAQtClientOnOneConnection()
    {
        QNetworkAccessManager network;
        for (int i = 0; i < 3; ++i) {
            const Fetched reply = fetch(network, m_proxy->url(QStringLiteral("/healthz")));
            QCOMPARE(reply.error, QNetworkReply::NoError);
            QCOMPARE(reply.status, 200);
            QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("status")).toString(),
                     QStringLiteral("ok"));
        }
        QCOMPARE(m_proxy->counters().connections, 1);
        QCOMPARE(m_proxy->counters().responsesDelivered, 3);
    }

    void dropsTheReplyAfterTheServerAnswered()
    {
        m_proxy->setDropReplyProbability(1.0, QStringLiteral("/healthz"));
        const RawHttpReply dropped = rawHttp(m_proxy->port(), get("/healthz", "fp-dropped-1"), 5000);
        QVERIFY(dropped.closed);
        QCOMPARE(dropped.status, 0);
        // The server answered it (and logged it): only the client never heard.
        QTRY_COMPARE(loggedStatus(*m_server, "fp-dropped-1"), 200);
        QCOMPARE(m_proxy->counters().responsesDropped, 1);
        QCOMPARE(m_proxy->counters().responsesDelivered, 0);
        QCOMPARE(m_proxy->counters().requestsForwarded, 1);

        // Other paths pass.
        const RawHttpReply other = rawHttp(m_proxy->port(), get("/readyz", "fp-not-dropped"));
        QCOMPARE(other.status, 200);
        QCOMPARE(m_proxy->counters().responsesDropped, 1);
        QCOMPARE(m_proxy->counters().responsesDelivered, 1);
    }

    void dropsRepeatForASeed()
    {
        auto run = [this] {
            m_proxy->resetCounters();
            m_proxy->setSeed(20240611);
            m_proxy->setDropReplyProbability(0.3);
            QList<bool> pattern;
            for (int i = 0; i < 40; ++i)
                pattern << rawHttp(m_proxy->port(), get("/healthz"), 5000).closed;
            return pattern;
        };
        const QList<bool> first = run();
        const qint64 dropped = first.count(true);
        QCOMPARE(m_proxy->counters().responsesDropped, dropped);
        QCOMPARE(m_proxy->counters().responsesDelivered, 40 - dropped);
        QVERIFY2(dropped >= 4 && dropped <= 24, qPrintable(QString::number(dropped)));
        QCOMPARE(run(), first);
    }

    void cutsAResponseAfterNBytes()
    {
        m_proxy->setCutResponseAfterBytes(1000, 1, QStringLiteral("/api/v1/sync"));
        QCOMPARE(m_proxy->pendingCuts(), 1);
        // Shorter responses and other paths pass whole and leave the cut for later.
        QCOMPARE(rawHttp(m_proxy->port(), get("/healthz")).status, 200);
        QCOMPARE(m_proxy->pendingCuts(), 1);

        const QByteArray page = get("/api/v1/sync?cursor=0&limit=5000", {}, m_token);
        const RawHttpReply cut = rawHttp(m_proxy->port(), page, 10000);
        QCOMPARE(cut.status, 200);
        QVERIFY2(contentLength(cut) > 1000, cut.headers.constData());
        QCOMPARE(cut.body.size(), 1000);
        QCOMPARE(m_proxy->counters().responsesCut, 1);
        QCOMPARE(m_proxy->pendingCuts(), 0);

        const RawHttpReply whole = rawHttp(m_proxy->port(), page, 10000);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.body.size(), contentLength(whole));
        QCOMPARE(contentLength(whole), contentLength(cut));
        QCOMPARE(whole.body.left(1000), cut.body);
    }

    void cutsAtARandomOffsetThatRepeats()
    {
        const QByteArray page = get("/api/v1/sync?cursor=0&limit=5000", {}, m_token);
        auto cutAt = [&] {
            m_proxy->setSeed(7);
            m_proxy->setCutResponseAtRandomOffset(1, QStringLiteral("/api/v1/sync"));
            const RawHttpReply cut = rawHttp(m_proxy->port(), page, 10000);
            return std::pair {cut.body.size(), contentLength(cut)};
        };
        const auto [offset, length] = cutAt();
        QVERIFY2(offset >= 0 && offset < length,
                 qPrintable(QStringLiteral("%1 of %2").arg(offset).arg(length)));
        QCOMPARE(cutAt().first, offset);
        m_proxy->setSeed(8);
        m_proxy->setCutResponseAtRandomOffset(3, QStringLiteral("/api/v1/sync"));
        QList<qsizetype> offsets;
        for (int i = 0; i < 3; ++i)
            offsets << rawHttp(m_proxy->port(), page, 10000).body.size();
        QVERIFY2(offsets.at(0) != offsets.at(1) || offsets.at(1) != offsets.at(2), "the offsets do not vary");
        QCOMPARE(m_proxy->counters().responsesCut, 5);
    }

    void refusesConnections()
    {
        m_proxy->setRefuseConnections(true);
        const RawHttpReply refused = rawHttp(m_proxy->port(), get("/healthz", "fp-refused"), 5000);
        QVERIFY(refused.closed);
        QCOMPARE(m_proxy->counters().refusedConnections, 1);
        QCOMPARE(m_proxy->counters().requestsForwarded, 0);
        QCOMPARE(m_proxy->openConnections(), 0);

        m_proxy->setRefuseConnections(false);
        QCOMPARE(rawHttp(m_proxy->port(), get("/healthz")).status, 200);
        QCOMPARE(loggedStatus(*m_server, "fp-refused"), 0);
    }

    void blackholeLetsTheClientTimeOut()
    {
        m_proxy->setBlackhole(true);
        QNetworkAccessManager network;
        const Fetched reply = fetch(network, m_proxy->url(QStringLiteral("/healthz?blackholed")), 300ms);
        QVERIFY2(reply.error == QNetworkReply::OperationCanceledError
                     || reply.error == QNetworkReply::TimeoutError,
                 qPrintable(QString::number(reply.error)));
        QVERIFY2(reply.elapsedMs >= 250 && reply.elapsedMs < 5000,
                 qPrintable(QString::number(reply.elapsedMs)));
        const FaultProxy::Counters counters = m_proxy->counters();
        QCOMPARE(counters.blackholedConnections, 1);
        QVERIFY(counters.bytesFromClient > 0);
        QCOMPARE(counters.requestsForwarded, 0);
        QCOMPARE(counters.bytesToClient, 0);
        QVERIFY(!m_server->log().contains("blackholed"));

        // Connections accepted afterwards are served again.
        m_proxy->setBlackhole(false);
        QCOMPARE(fetch(network, m_proxy->url(QStringLiteral("/healthz"))).status, 200);
    }

    void delaysResponses()
    {
        m_proxy->setDelay(400ms);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(rawHttp(m_proxy->port(), get("/healthz")).status, 200);
        QVERIFY2(timer.elapsed() >= 390, qPrintable(QString::number(timer.elapsed())));
        m_proxy->setDelay(0ms);
        QCOMPARE(rawHttp(m_proxy->port(), get("/healthz")).status, 200);
        QCOMPARE(m_proxy->counters().responsesDelivered, 2);
    }

    void resetsOpenConnections()
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_proxy->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(get("/healthz"));
        QCOMPARE(readResponses(socket, {false}), QList<int> {200});
        QCOMPARE(m_proxy->openConnections(), 1);
        m_proxy->resetConnections();
        QCOMPARE(m_proxy->openConnections(), 0);
        QVERIFY(socket.state() == QAbstractSocket::UnconnectedState || socket.waitForDisconnected(5000));
    }

    void followsTheServerToANewPort()
    {
        auto first = std::make_unique<TestServer>();
        QVERIFY2(first->start(), qPrintable(first->errorString()));
        FaultProxy proxy(first->port());
        QVERIFY(proxy.start());
        QCOMPARE(rawHttp(proxy.port(), get("/healthz")).status, 200);

        first->kill(); // SIGKILL: no goodbye
        const RawHttpReply down = rawHttp(proxy.port(), get("/healthz"), 5000);
        QVERIFY(down.closed);
        QCOMPARE(proxy.counters().upstreamFailures, 1);

        TestServer second;
        QVERIFY2(second.start(), qPrintable(second.errorString()));
        proxy.setUpstreamPort(second.port());
        QCOMPARE(proxy.upstreamPort(), second.port());
        QCOMPARE(rawHttp(proxy.port(), get("/healthz", "fp-moved")).status, 200);
        QTRY_COMPARE(loggedStatus(second, "fp-moved"), 200);
        QCOMPARE(proxy.counters().responsesDelivered, 2);
        QCOMPARE(proxy.counters().connections, 3);
        QCOMPARE(second.terminate(), 0);
    }

    void tunnelsWebSocketUpgrades()
    {
        QWebSocket socket;
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy messages(&socket, &QWebSocket::textMessageReceived);
        QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/events").arg(m_proxy->port())));
        request.setRawHeader("Authorization", "Bearer " + m_token);
        socket.open(request);
        QVERIFY(connected.wait(5000));
        QTRY_VERIFY(!messages.isEmpty());
        const QJsonObject hello
            = QJsonDocument::fromJson(messages.first().first().toString().toUtf8()).object();
        QCOMPARE(hello.value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
        // Frames from the client reach the server through the tunnel too (it reads and drops them).
        const qint64 sentBefore = m_proxy->counters().bytesToServer;
        socket.sendTextMessage(QStringLiteral("ignored"));
        QTRY_VERIFY(m_proxy->counters().bytesToServer > sentBefore);
        QCOMPARE(m_proxy->counters().requestsForwarded, 1);
        QCOMPARE(m_proxy->counters().responsesDelivered, 0); // a 101 is not a response with a body
        socket.close();
    }

    void parsesChunkedResponses()
    {
        ScriptedServer upstream(chunkedResponse(), false);
        FaultProxy proxy(upstream.port());
        QVERIFY(proxy.start());
        QNetworkAccessManager network;
        for (int i = 0; i < 2; ++i) {
            const Fetched reply = fetch(network, proxy.url(QStringLiteral("/chunked")));
            QCOMPARE(reply.error, QNetworkReply::NoError);
            QCOMPARE(reply.body, ChunkedBody);
        }
        QCOMPARE(proxy.counters().connections, 1);
        QCOMPARE(proxy.counters().responsesDelivered, 2);
        QCOMPARE(proxy.counters().bytesToClient, proxy.counters().bytesFromServer);

        // Cut inside the first chunk: the chunk framing counts as body bytes on the wire. Read
        // with a raw socket: after a reset, QNetworkAccessManager may send the request again.
        const QByteArray head = chunkedResponse().left(chunkedResponse().indexOf("\r\n\r\n") + 4);
        const qsizetype wireBody = chunkedResponse().size() - head.size();
        proxy.setCutResponseAfterBytes(100);
        const QByteArray cut = readUntilClosed(proxy.port(), get("/chunked"));
        QCOMPARE(cut, chunkedResponse().left(head.size() + 100));
        QCOMPARE(proxy.counters().responsesCut, 1);

        proxy.setSeed(3);
        proxy.setCutResponseAtRandomOffset();
        const QByteArray randomCut = readUntilClosed(proxy.port(), get("/chunked"));
        QVERIFY2(randomCut.size() >= head.size() && randomCut.size() < head.size() + wireBody,
                 qPrintable(QString::number(randomCut.size())));
        QCOMPARE(randomCut, chunkedResponse().left(randomCut.size()));
        QCOMPARE(proxy.counters().responsesCut, 2);
        QCOMPARE(proxy.counters().requestsForwarded, 4);
        QCOMPARE(fetch(network, proxy.url(QStringLiteral("/chunked"))).body, ChunkedBody);
    }

    // Trailer fields after the last chunk (QNetworkAccessManager does not reuse such a
    // connection, so a raw socket reads them): two responses on one connection.
    void parsesChunkedTrailers()
    {
        ScriptedServer upstream(chunkedResponse("X-Checksum: 1234\r\n"), false);
        FaultProxy proxy(upstream.port());
        QVERIFY(proxy.start());
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), proxy.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(get("/first") + get("/second"));
        QByteArray received;
        QTRY_COMPARE_WITH_TIMEOUT((received += socket.readAll()).count("X-Checksum: 1234\r\n\r\n"), 2, 5000);
        QCOMPARE(received, chunkedResponse("X-Checksum: 1234\r\n").repeated(2));
        QCOMPARE(proxy.counters().requestsForwarded, 2);
        QCOMPARE(proxy.counters().responsesDelivered, 2);
        QCOMPARE(proxy.counters().connections, 1);
        QCOMPARE(upstream.requests(), 2);
    }

    void parsesBodiesEndedByTheClose()
    {
        ScriptedServer upstream("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
                                "until the close",
                                true);
        FaultProxy proxy(upstream.port());
        QVERIFY(proxy.start());
        QNetworkAccessManager network;
        const Fetched reply = fetch(network, proxy.url(QStringLiteral("/close")));
        QCOMPARE(reply.error, QNetworkReply::NoError);
        QCOMPARE(reply.body, QByteArray("until the close"));
        QTRY_COMPARE(proxy.counters().responsesDelivered, 1);
        QTRY_COMPARE(proxy.openConnections(), 0);
    }

    void countersReset()
    {
        QCOMPARE(rawHttp(m_proxy->port(), get("/healthz")).status, 200);
        QVERIFY(m_proxy->counters().bytesToClient > 0);
        m_proxy->resetCounters();
        const FaultProxy::Counters zero = m_proxy->counters();
        for (const qint64 value :
             {zero.connections, zero.refusedConnections, zero.blackholedConnections, zero.upstreamFailures,
              zero.requestsForwarded, zero.responsesDelivered, zero.responsesDropped, zero.responsesCut,
              zero.bytesFromClient, zero.bytesToServer, zero.bytesFromServer, zero.bytesToClient})
            QCOMPARE(value, 0);
    }

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    QByteArray m_token;
};

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_faultproxy.moc"
