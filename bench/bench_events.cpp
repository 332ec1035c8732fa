// bench_events: thousands of desktops on /api/v1/events at once.
//
//   bench_events [--connections 5000] [--nudges 5]
//
// Starts `portico-server demo` on 127.0.0.1 and opens --connections authenticated WebSockets as
// one buyer (a desktop per connection: the upgrade, the hello). It reports the server process's
// resident memory before and after (per connection), then makes news in that buyer's feed
// --nudges times (the manager cancels one of the buyer's open orders) and times how long it
// takes until every connection has received its nudge.
#include "benchutil.h"
#include "demoscenario.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace portico;
using namespace portico::bench;

namespace {

qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// An upgraded /api/v1/events connection that has read its hello; -1 on failure.
int openEvents(quint16 port, const QByteArray &token)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    timeval timeout {10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        qWarning("connect: %s", strerror(errno));
        ::close(fd);
        return -1;
    }
    const QByteArray request = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer "
        + token + "\r\n\r\n";
    if (::send(fd, request.constData(), std::size_t(request.size()), 0) != request.size()) {
        ::close(fd);
        return -1;
    }
    QByteArray received;
    char buffer[2048];
    while (!received.contains("\"hello\"")) {
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            qWarning("upgrade: %s after %s", n < 0 ? strerror(errno) : "end of stream",
                     received.left(200).constData());
            ::close(fd);
            return -1;
        }
        received.append(buffer, int(n));
    }
    return received.startsWith("HTTP/1.1 101") ? fd : (::close(fd), -1);
}

// Reads whatever is waiting on the socket without blocking; true when something was read.
bool drain(int fd)
{
    char buffer[4096];
    bool any = false;
    while (::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT) > 0)
        any = true;
    return any;
}

// Milliseconds until every socket has something to read (a nudge), or -1 after `timeoutMs`.
double waitForAll(std::vector<int> &sockets, int timeoutMs, double *median)
{
    std::vector<pollfd> waiting;
    waiting.reserve(sockets.size());
    for (const int fd : sockets)
        waiting.push_back({fd, POLLIN, 0});
    std::vector<double> arrivals;
    QElapsedTimer clock;
    clock.start();
    while (!waiting.empty() && clock.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(); // the server's log pipe
        if (::poll(waiting.data(), waiting.size(), 20) <= 0)
            continue;
        const double now = double(clock.nsecsElapsed()) / 1e6;
        std::vector<pollfd> still;
        for (const pollfd &entry : waiting) {
            if (entry.revents & POLLIN) {
                drain(entry.fd);
                arrivals.push_back(now);
            } else {
                still.push_back({entry.fd, POLLIN, 0});
            }
        }
        waiting.swap(still);
    }
    if (median)
        *median = arrivals.empty() ? -1 : bench::median(arrivals);
    return waiting.empty() ? maximum(arrivals) : -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int connections = intArgument(arguments, QStringLiteral("--connections"), 5000);
    const int nudges = intArgument(arguments, QStringLiteral("--nudges"), 5);

    printHeading(QStringLiteral("bench_events: %1 WebSocket connections").arg(connections));
    printFigure(QStringLiteral("machine"), machineDescription());

    test::TestServer server({}, QStringLiteral("demo"));
    if (!server.start(120000)) {
        qCritical("server: %s", qPrintable(server.errorString()));
        return 1;
    }
    const qint64 pid = server.process().processId();
    const QByteArray buyer = test::demoToken(server.port(), QStringLiteral("buyer1")).toLatin1();
    const QString manager = test::demoToken(server.port(), QStringLiteral("manager"));

    // The buyer's orders the manager may still cancel: one per nudge.
    QStringList cancellable;
    const auto list
        = test::callApi(server.port(), "GET", "/api/v1/orders?limit=200", {}, QString::fromLatin1(buyer));
    for (const auto &order : list.json.value(QStringLiteral("orders")).toArray()) {
        const QString status = order.toObject().value(QStringLiteral("status")).toString();
        if (status == QLatin1String("submitted") || status == QLatin1String("accepted")
            || status == QLatin1String("needs_approval"))
            cancellable << order.toObject().value(QStringLiteral("id")).toString();
    }

    std::vector<int> sockets;
    sockets.reserve(std::size_t(connections));
    const int warmup = std::min(100, connections / 10);
    for (int i = 0; i < warmup; ++i) {
        sockets.push_back(openEvents(server.port(), buyer));
        QCoreApplication::processEvents();
    }
    QTest::qWait(500);
    const qint64 before = residentKiB(pid);
    QElapsedTimer clock;
    clock.start();
    while (int(sockets.size()) < connections) {
        const int fd = openEvents(server.port(), buyer);
        if (fd < 0) {
            qCritical("connection %d failed; the server's last log lines:\n%s", int(sockets.size()),
                      server.log().right(3000).constData());
            return 1;
        }
        sockets.push_back(fd);
        // The server logs a line per upgrade into a pipe this process must keep reading, or its
        // writes block once the pipe is full.
        QCoreApplication::processEvents();
    }
    const qint64 openMs = clock.elapsed();
    QTest::qWait(1000);
    const qint64 after = residentKiB(pid);
    for (const int fd : sockets)
        drain(fd);
    const int measured = connections - warmup;
    printFigure(QStringLiteral("connections opened (upgrade + hello, one at a time)"),
                QStringLiteral("%1 in %2 ms").arg(measured).arg(openMs));
    printFigure(QStringLiteral("server resident memory"),
                QStringLiteral("%1 MiB with %2 connections, %3 MiB with %4: %5 KiB per connection")
                    .arg(number(double(before) / 1024.0, 1))
                    .arg(warmup)
                    .arg(number(double(after) / 1024.0, 1))
                    .arg(connections)
                    .arg(number(double(after - before) / double(measured), 1)));

    std::vector<double> lastArrivals;
    std::vector<double> medians;
    for (int i = 0; i < nudges && i < cancellable.size(); ++i) {
        QElapsedTimer nudgeClock;
        nudgeClock.start();
        const auto cancel = test::callApi(
            server.port(), "POST",
            QString(QStringLiteral("/api/v1/orders/") + cancellable.at(i) + QStringLiteral("/cancel"))
                .toLatin1(),
            QJsonObject {{QStringLiteral("reason"), QStringLiteral("bench_events")}}, manager);
        if (cancel.status != 200) {
            qCritical("cancel answered %d", cancel.status);
            return 1;
        }
        const double requestMs = double(nudgeClock.nsecsElapsed()) / 1e6;
        double median = -1;
        const double last = waitForAll(sockets, 10000, &median);
        if (last < 0) {
            qCritical("not every connection was nudged within 10 s");
            return 1;
        }
        lastArrivals.push_back(requestMs + last);
        medians.push_back(requestMs + median);
        QTest::qWait(300);
        for (const int fd : sockets)
            drain(fd);
    }
    if (!lastArrivals.empty())
        printFigure(
            QStringLiteral("news to every connection nudged (from the cancel request)"),
            QStringLiteral("median connection %1 ms, last connection: median %2 ms, max %3 ms over %4 nudges "
                           "(target: within 1 s)")
                .arg(number(bench::median(medians), 0), number(bench::median(lastArrivals), 0),
                     number(maximum(lastArrivals), 0))
                .arg(lastArrivals.size()));
    for (const int fd : sockets)
        ::close(fd);
    return 0;
}
