#include "http/apierror.h"
#include "inprocessserver.h"
#include "storage/changefeed.h"
#include "testdatabase.h"
#include "testserver.h"
#include "websocketclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUuid>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace portico;
using namespace portico::server;
using portico::test::InProcessServer;
using portico::test::rawHttp;
using portico::test::TestDatabase;
using portico::test::TestServer;
using portico::test::WebSocketClient;
using namespace std::chrono_literals;

namespace {

const std::string EventsTarget = "/api/v1/events";

// Tokens of the in-process server's stand-in authenticator.
Caller callerFor(const std::string &token)
{
    Caller caller;
    if (token == "buyer-a" || token == "buyer-b") {
        caller.userId = QString::fromStdString("u-" + token);
        caller.login = QString::fromStdString(token);
        caller.role = Role::Buyer;
        caller.customerId = token == "buyer-a" ? QStringLiteral("C-A") : QStringLiteral("C-B");
        return caller;
    }
    if (token == "manager") {
        caller.userId = QStringLiteral("u-manager");
        caller.login = QStringLiteral("manager");
        caller.role = Role::Manager;
        return caller;
    }
    throw ApiError(ApiErrorCode::Unauthorized, QStringLiteral("Unknown token"));
}

// The system routes, a stand-in authenticator, and POST /test/feed?audience=... which commits
// one feed change for that audience the way write handlers do, and answers the new head.
bool setUp(InProcessServer &server)
{
    if (!server.create())
        return false;
    server.router().setAuthenticator([](const HttpRequest &request) {
        const std::string authorization = request.header("authorization");
        return callerFor(authorization.rfind("Bearer ", 0) == 0 ? authorization.substr(7) : std::string());
    });
    server.router().add({HttpMethod::Post, "/test/feed", Access::Public, DefaultBodyLimit,
                         [&services = server.services()](HttpRequest &request) {
                             const QString audience = QString::fromStdString(request.queryValue("audience"));
                             Change change;
                             change.entity = QStringLiteral("test");
                             change.entityId = QUuid::createUuid().toString(QUuid::WithoutBraces);
                             change.audience = audience;
                             change.payload = "{}";
                             const qint64 head = services.database.write(
                                 [&](QSqlDatabase &tx) { return ChangeFeed::append(tx, {change}); });
                             services.notifier.published({audience});
                             return HttpResponse::json(
                                 200, QByteArray(R"({"head":)") + QByteArray::number(head) + '}');
                         }});
    return server.start();
}

qint64 publish(quint16 port, const QString &audience)
{
    const auto reply = rawHttp(port,
                               "POST /test/feed?audience=" + audience.toUtf8()
                                   + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    return reply.status == 200
        ? QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("head")).toInteger()
        : -1;
}

// POST /api/v1/auth/login; the access token, or an empty string.
std::string login(quint16 port, const QString &user, const QString &password)
{
    const QByteArray body
        = QJsonDocument(QJsonObject {{QStringLiteral("login"), user},
                                     {QStringLiteral("password"), password},
                                     {QStringLiteral("device_id"), QStringLiteral("tst-events")}})
              .toJson(QJsonDocument::Compact);
    const auto reply
        = rawHttp(port,
                  "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Content-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    return QJsonDocument::fromJson(reply.body)
        .object()
        .value(QStringLiteral("access_token"))
        .toString()
        .toStdString();
}

QJsonObject parse(const std::optional<std::string> &message)
{
    return message ? QJsonDocument::fromJson(QByteArray::fromStdString(*message)).object() : QJsonObject();
}

QString typeOf(const QJsonObject &event)
{
    return event.value(QStringLiteral("type")).toString();
}

qint64 headOf(const QJsonObject &event)
{
    return event.value(QStringLiteral("head")).toInteger();
}

// Resident memory of this process, in bytes.
qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    return statm.readAll().split(' ').value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

// A minimal blocking WebSocket client on a bare socket: upgrades and reads until the hello
// came. Nothing in this process holds memory for it beyond the descriptor.
int openBareEventSocket(quint16 port, const char *token)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    timeval timeout {5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    const QByteArray request = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer "
        + QByteArray(token) + "\r\n\r\n";
    if (::send(fd, request.constData(), static_cast<std::size_t>(request.size()), 0) != request.size()) {
        ::close(fd);
        return -1;
    }
    QByteArray received;
    char buffer[1024];
    while (!received.contains("\"hello\"")) {
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            ::close(fd);
            return -1;
        }
        received.append(buffer, n);
    }
    return received.startsWith("HTTP/1.1 101") ? fd : (::close(fd), -1);
}

} // namespace

class TestEvents final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<InProcessServer>();
        QVERIFY2(setUp(*m_server), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase() { m_server.reset(); }

    void upgradeWithoutTokenIs401()
    {
        WebSocketClient<> client;
        QCOMPARE(client.open(m_server->port(), EventsTarget, {}), 401);
        WebSocketClient<> wrong;
        QCOMPARE(wrong.open(m_server->port(), EventsTarget, "forged"), 401);
        const auto reply
            = rawHttp(m_server->port(),
                      "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: "
                      "Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      "Sec-WebSocket-Version: 13\r\n\r\n");
        QCOMPARE(reply.status, 401);
        QCOMPARE(QJsonDocument::fromJson(reply.body)
                     .object()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("unauthorized"));
    }

    void plainGetAsksForUpgrade()
    {
        const auto reply
            = rawHttp(m_server->port(),
                      "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer buyer-a\r\n\r\n");
        QCOMPARE(reply.status, 426);
        QVERIFY(reply.headers.contains("Upgrade: websocket"));
    }

    void helloCarriesTheHead()
    {
        const qint64 head = publish(m_server->port(), QStringLiteral("customer:C-B"));
        QVERIFY(head > 0);
        WebSocketClient<> client;
        QCOMPARE(client.open(m_server->port(), EventsTarget, "buyer-a"), 101);
        const auto hello = parse(client.next(2s));
        QCOMPARE(typeOf(hello), QStringLiteral("hello"));
        QVERIFY2(headOf(hello) >= head, qPrintable(QString::number(headOf(hello))));
    }

    void nudgeWithinOneSecond()
    {
        WebSocketClient<> client;
        QCOMPARE(client.open(m_server->port(), EventsTarget, "buyer-a"), 101);
        const auto hello = parse(client.next(2s));
        QCOMPARE(typeOf(hello), QStringLiteral("hello"));
        // Let any nudge for earlier news pass.
        client.service(300ms);
        while (client.next(0ms)) { }
        QElapsedTimer timer;
        timer.start();
        const qint64 head = publish(m_server->port(), QStringLiteral("customer:C-A"));
        QVERIFY(head > headOf(hello));
        const auto nudge = parse(client.next(1s));
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(typeOf(nudge), QStringLiteral("feed"));
        QVERIFY(headOf(nudge) >= head);
    }

    void othersNewsIsNotSent()
    {
        WebSocketClient<> a;
        WebSocketClient<> b;
        QCOMPARE(a.open(m_server->port(), EventsTarget, "buyer-a"), 101);
        QCOMPARE(b.open(m_server->port(), EventsTarget, "buyer-b"), 101);
        QCOMPARE(typeOf(parse(a.next(2s))), QStringLiteral("hello"));
        QCOMPARE(typeOf(parse(b.next(2s))), QStringLiteral("hello"));
        a.service(300ms);
        b.service(300ms);
        while (a.next(0ms)) { }
        while (b.next(0ms)) { }
        const qint64 head = publish(m_server->port(), QStringLiteral("customer:C-B"));
        const auto nudge = parse(b.next(1s));
        QCOMPARE(typeOf(nudge), QStringLiteral("feed"));
        QVERIFY(headOf(nudge) >= head);
        QVERIFY(!a.next(500ms));
        // News for everyone reaches both.
        publish(m_server->port(), QStringLiteral("all"));
        QCOMPARE(typeOf(parse(a.next(1s))), QStringLiteral("feed"));
        QCOMPARE(typeOf(parse(b.next(1s))), QStringLiteral("feed"));
    }

    // PostgreSQL: a commit by another server instance (another Database on the same data, no
    // published() in this process) reaches this instance's clients through LISTEN/NOTIFY.
    void commitsOfAnotherInstanceNudge()
    {
        if (TestDatabase::backend() != TestDatabase::Backend::Postgres)
            QSKIP("several instances share a PostgreSQL database; this runs in the _postgres variant");
        WebSocketClient<> client;
        QCOMPARE(client.open(m_server->port(), EventsTarget, "buyer-a"), 101);
        QCOMPARE(typeOf(parse(client.next(2s))), QStringLiteral("hello"));
        client.service(300ms);
        while (client.next(0ms)) { }
        const auto otherInstance = m_server->testDatabase().openAnother();
        Change change;
        change.entity = QStringLiteral("test");
        change.entityId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        change.audience = QStringLiteral("customer:C-A");
        change.payload = "{}";
        const qint64 head
            = otherInstance->write([&](QSqlDatabase &tx) { return ChangeFeed::append(tx, {change}); });
        otherInstance->releaseThreadConnection();
        const auto nudge = parse(client.next(1s));
        QCOMPARE(typeOf(nudge), QStringLiteral("feed"));
        QVERIFY(headOf(nudge) >= head);
    }

    void managerHearsEveryCustomer()
    {
        WebSocketClient<> manager;
        QCOMPARE(manager.open(m_server->port(), EventsTarget, "manager"), 101);
        QCOMPARE(typeOf(parse(manager.next(2s))), QStringLiteral("hello"));
        manager.service(300ms);
        while (manager.next(0ms)) { }
        const qint64 head = publish(m_server->port(), QStringLiteral("customer:C-Z"));
        const auto nudge = parse(manager.next(1s));
        QCOMPARE(typeOf(nudge), QStringLiteral("feed"));
        QVERIFY(headOf(nudge) >= head);
    }

    void burstsAreCoalesced()
    {
        WebSocketClient<> client;
        QCOMPARE(client.open(m_server->port(), EventsTarget, "buyer-a"), 101);
        QCOMPARE(typeOf(parse(client.next(2s))), QStringLiteral("hello"));
        client.service(300ms);
        while (client.next(0ms)) { }
        qint64 last = 0;
        for (int i = 0; i < 10; ++i)
            last = publish(m_server->port(), QStringLiteral("customer:C-A"));
        client.service(1200ms);
        std::vector<qint64> heads;
        while (const auto message = client.next(0ms))
            heads.push_back(headOf(parse(message)));
        QVERIFY2(!heads.empty() && heads.size() < 10, qPrintable(QString::number(heads.size())));
        QVERIFY(heads.back() >= last);
        for (std::size_t i = 1; i < heads.size(); ++i)
            QVERIFY(heads[i] > heads[i - 1]);
    }

    void clientMayClose()
    {
        {
            WebSocketClient<> client;
            QCOMPARE(client.open(m_server->port(), EventsTarget, "buyer-a"), 101);
            QCOMPARE(typeOf(parse(client.next(2s))), QStringLiteral("hello"));
            QVERIFY(m_server->metrics().webSocketClients() >= 1);
        }
        QTRY_COMPARE(m_server->metrics().webSocketClients(), std::int64_t {0});
        QTRY_COMPARE(m_server->notifier().subscriberCount(), std::size_t {0});
        // The server goes on as before.
        WebSocketClient<> again;
        QCOMPARE(again.open(m_server->port(), EventsTarget, "buyer-a"), 101);
    }

    void idleClientsArePinged()
    {
        auto options = InProcessServer::defaultOptions();
        options.webSocketPingInterval = 150ms;
        InProcessServer server(options);
        QVERIFY2(setUp(server), qPrintable(server.errorString()));
        WebSocketClient<> client;
        QCOMPARE(client.open(server.port(), EventsTarget, "buyer-a"), 101);
        client.service(1000ms);
        QVERIFY2(client.pings() >= 2, qPrintable(QString::number(client.pings())));
        QVERIFY(!client.closed()); // Beast's client answered every ping
    }

    void shutdownSaysGoingAway()
    {
        InProcessServer server;
        QVERIFY2(setUp(server), qPrintable(server.errorString()));
        WebSocketClient<> client;
        QCOMPARE(client.open(server.port(), EventsTarget, "buyer-a"), 101);
        QCOMPARE(typeOf(parse(client.next(2s))), QStringLiteral("hello"));
        QElapsedTimer timer;
        timer.start();
        server.requestStop();
        QVERIFY(client.waitClosed(5s));
        QCOMPARE(client.closeReason().code,
                 static_cast<std::uint16_t>(boost::beast::websocket::close_code::going_away));
        QVERIFY(server.waitStopped(5000));
        QVERIFY2(timer.elapsed() < 3000, "an open WebSocket must not hold up shutdown");
    }

    void idleConnectionsStaySmall()
    {
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("AddressSanitizer's shadow memory and quarantine make resident size meaningless");
#endif
        constexpr int Warmup = 100;
        constexpr int Count = 1000;
        std::vector<int> sockets;
        sockets.reserve(Warmup + Count);
        const auto openMany = [&](int n) {
            for (int i = 0; i < n; ++i) {
                const int fd = openBareEventSocket(m_server->port(), "buyer-a");
                if (fd < 0)
                    return false;
                sockets.push_back(fd);
            }
            return true;
        };
        QVERIFY(openMany(Warmup));
        const qint64 before = residentBytes();
        QVERIFY(openMany(Count));
        QTRY_COMPARE(m_server->metrics().webSocketClients(), std::int64_t {Warmup + Count});
        const qint64 after = residentBytes();
        const qint64 perConnection = (after - before) / Count;
        qInfo("resident memory per idle WebSocket: %lld bytes", perConnection);
        for (const int fd : sockets)
            ::close(fd);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->metrics().webSocketClients(), std::int64_t {0}, 10000);
        QVERIFY2(perConnection < 50 * 1024, qPrintable(QString::number(perConnection)));
    }

    // The real server: a user, a login, a token, the upgrade; the request log names the user.
    void realServerAuthenticatesUpgrade()
    {
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        QProcess add;
        add.start(QStringLiteral(PORTICO_SERVER_BINARY),
                  QStringList {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("eve"),
                               QStringLiteral("--role"), QStringLiteral("manager")}
                      + db.serverArguments());
        QVERIFY(add.waitForStarted());
        add.write("correct horse battery staple\n");
        add.closeWriteChannel();
        QVERIFY(add.waitForFinished(30000));
        QVERIFY2(add.exitCode() == 0, add.readAllStandardError().constData());

        TestServer server(db.serverArguments());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QByteArray login
            = R"({"login":"eve","password":"correct horse battery staple","device_id":"test"})";
        const auto reply = rawHttp(server.port(),
                                   "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                   "Content-Type: application/json\r\nContent-Length: "
                                       + QByteArray::number(login.size()) + "\r\n\r\n" + login);
        QCOMPARE(reply.status, 200);
        const std::string token = QJsonDocument::fromJson(reply.body)
                                      .object()
                                      .value(QStringLiteral("access_token"))
                                      .toString()
                                      .toStdString();
        QVERIFY(!token.empty());

        WebSocketClient<> anonymous;
        QCOMPARE(anonymous.open(server.port(), EventsTarget, {}), 401);
        WebSocketClient<> client;
        QCOMPARE(client.open(server.port(), EventsTarget, token), 101);
        const auto hello = parse(client.next(2s));
        QCOMPARE(typeOf(hello), QStringLiteral("hello"));
        QVERIFY(headOf(hello) >= 0);

        // An ordinary authenticated request is logged with its user too.
        const auto me = rawHttp(server.port(),
                                "GET /api/v1/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                    + QByteArray::fromStdString(token) + "\r\n\r\n");
        QCOMPARE(me.status, 200);
        QTRY_VERIFY(server.log().contains("\"status\":101"));
        QTRY_VERIFY(server.log().contains("\"path\":\"/api/v1/auth/me\""));
        bool logged = false;
        for (const auto &line : server.log().split('\n')) {
            const auto entry = QJsonDocument::fromJson(line).object();
            if (entry.value(QStringLiteral("path")).toString() == QLatin1String("/api/v1/events")
                && entry.value(QStringLiteral("status")).toInt() == 101) {
                QCOMPARE(entry.value(QStringLiteral("user")).toString(), QStringLiteral("eve"));
                logged = true;
            }
        }
        QVERIFY(logged);
        bool meLogged = false;
        for (const auto &line : server.log().split('\n')) {
            const auto entry = QJsonDocument::fromJson(line).object();
            if (entry.value(QStringLiteral("path")).toString() == QLatin1String("/api/v1/auth/me")) {
                QCOMPARE(entry.value(QStringLiteral("user")).toString(), QStringLiteral("eve"));
                meLogged = true;
            }
        }
        QVERIFY(meLogged);
        QCOMPARE(server.terminate(), 0);
    }

    // The demo server end to end: a manager decides on buyer1's order; buyer1's desktop hears of
    // it within a second, buyer2's (another customer) does not.
    void orderStatusChangeNudgesItsBuyer()
    {
        QStringList arguments {QStringLiteral("--products"), QStringLiteral("50")};
        std::unique_ptr<TestDatabase> db;
        if (TestDatabase::backend() == TestDatabase::Backend::Postgres) {
            db = std::make_unique<TestDatabase>();
            QVERIFY2(db->create(false), qPrintable(db->errorString()));
            arguments += db->serverArguments();
        }
        TestServer server(arguments, QStringLiteral("demo"));
        QVERIFY2(server.start(60000), qPrintable(server.errorString()));
        const std::string buyer1 = login(server.port(), QStringLiteral("buyer1"), QStringLiteral("demo"));
        const std::string buyer2 = login(server.port(), QStringLiteral("buyer2"), QStringLiteral("demo"));
        const std::string manager = login(server.port(), QStringLiteral("manager"), QStringLiteral("demo"));
        QVERIFY(!buyer1.empty() && !buyer2.empty() && !manager.empty());

        const auto orders = rawHttp(server.port(),
                                    "GET /api/v1/orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                        + QByteArray::fromStdString(buyer1) + "\r\n\r\n");
        QCOMPARE(orders.status, 200);
        QString waiting;
        for (const auto &order :
             QJsonDocument::fromJson(orders.body).object().value(QStringLiteral("orders")).toArray()) {
            if (order.toObject().value(QStringLiteral("status")).toString()
                == QLatin1String("needs_approval"))
                waiting = order.toObject().value(QStringLiteral("id")).toString();
        }
        QVERIFY2(!waiting.isEmpty(), "the demo data set has an order of buyer1 waiting for approval");

        {
            WebSocketClient<> first;
            WebSocketClient<> second;
            QCOMPARE(first.open(server.port(), EventsTarget, buyer1), 101);
            QCOMPARE(second.open(server.port(), EventsTarget, buyer2), 101);
            QCOMPARE(typeOf(parse(first.next(2s))), QStringLiteral("hello"));
            QCOMPARE(typeOf(parse(second.next(2s))), QStringLiteral("hello"));
            first.service(300ms);
            second.service(300ms);
            while (first.next(0ms)) { }
            while (second.next(0ms)) { }

            QElapsedTimer timer;
            timer.start();
            // Rejected rather than approved: an approval reserves stock, and the stock rows (which
            // every user sees) would nudge buyer2 as well.
            const QByteArray body = R"({"status":"rejected","reason":"rejected by the test"})";
            const auto approved = rawHttp(server.port(),
                                          "POST /api/v1/orders/" + waiting.toLatin1()
                                              + "/status HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                              + QByteArray::fromStdString(manager)
                                              + "\r\nContent-Type: application/json\r\nContent-Length: "
                                              + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            QCOMPARE(approved.status, 200);
            const auto nudge = parse(first.next(1s));
            QCOMPARE(typeOf(nudge), QStringLiteral("feed"));
            QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
            QVERIFY(!second.next(500ms));
        }
        QCOMPARE(server.terminate(), 0);
    }

private:
    std::unique_ptr<InProcessServer> m_server;
};

QTEST_GUILESS_MAIN(TestEvents)
#include "tst_events.moc"
