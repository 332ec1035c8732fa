#include "loadgen.h"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace portico::bench {

namespace {

using Clock = std::chrono::steady_clock;

int connectBlocking(std::uint16_t port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

int connectNonBlocking(std::uint16_t port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0
        && errno != EINPROGRESS) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

struct Parsed
{
    int status = 0;
    std::size_t headerBytes = 0;
    std::size_t bodyBytes = 0;
};

// A complete response at the start of `buffer`, when there is one. Only Content-Length
// framing: the Portico server answers every request that way.
std::optional<Parsed> completeResponse(const std::string &buffer,
                                       std::map<std::string, std::string> *headers = nullptr)
{
    const auto end = buffer.find("\r\n\r\n");
    if (end == std::string::npos)
        return std::nullopt;
    Parsed parsed;
    parsed.headerBytes = end + 4;
    if (buffer.size() < 12 || buffer.compare(0, 5, "HTTP/") != 0)
        return Parsed {-1, parsed.headerBytes, 0};
    parsed.status = std::atoi(buffer.c_str() + 9);
    std::size_t position = buffer.find("\r\n") + 2;
    while (position < end) {
        const auto lineEnd = buffer.find("\r\n", position);
        const auto colon = buffer.find(':', position);
        if (colon != std::string::npos && colon < lineEnd) {
            std::string name = buffer.substr(position, colon - position);
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            std::size_t valueStart = colon + 1;
            while (valueStart < lineEnd && buffer[valueStart] == ' ')
                ++valueStart;
            const std::string value = buffer.substr(valueStart, lineEnd - valueStart);
            if (name == "content-length")
                parsed.bodyBytes = static_cast<std::size_t>(std::strtoull(value.c_str(), nullptr, 10));
            if (headers)
                (*headers)[name] = value;
        }
        position = lineEnd + 2;
    }
    if (buffer.size() < parsed.headerBytes + parsed.bodyBytes)
        return std::nullopt;
    return parsed;
}

struct Connection
{
    int fd = -1;
    const std::string *out = nullptr;
    std::size_t written = 0;
    std::string in;
    Clock::time_point sent;
    bool busy = false;
    bool wantsWrite = false;
};

} // namespace

LoadResult runLoad(const LoadOptions &options, const RequestSource &source)
{
    LoadResult result;
    const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll < 0)
        return result;
    std::vector<Connection> connections(static_cast<std::size_t>(std::max(1, options.connections)));
    std::uint64_t issued = 0;
    const Clock::time_point start = Clock::now();
    const Clock::time_point stopIssuing = start + options.duration;
    const Clock::time_point hardStop = stopIssuing + options.drainTimeout;
    Clock::time_point lastCompletion = start;
    result.latenciesMs.reserve(options.requests > 0 ? options.requests : 100000);

    const auto setEvents = [&](std::size_t index) {
        Connection &c = connections[index];
        epoll_event event {};
        event.events = EPOLLIN | (c.wantsWrite ? EPOLLOUT : 0u);
        event.data.u64 = index;
        ::epoll_ctl(epoll, EPOLL_CTL_MOD, c.fd, &event);
    };
    const auto open = [&](std::size_t index) -> bool {
        Connection &c = connections[index];
        c = Connection {};
        c.fd = connectNonBlocking(options.port);
        if (c.fd < 0)
            return false;
        epoll_event event {};
        event.events = EPOLLIN;
        event.data.u64 = index;
        ::epoll_ctl(epoll, EPOLL_CTL_ADD, c.fd, &event);
        return true;
    };
    const auto closeConnection = [&](std::size_t index) {
        Connection &c = connections[index];
        if (c.fd >= 0) {
            ::epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
            ::close(c.fd);
        }
        c.fd = -1;
        c.busy = false;
    };
    const auto flush = [&](std::size_t index) -> bool {
        Connection &c = connections[index];
        while (c.written < c.out->size()) {
            const ssize_t n
                = ::send(c.fd, c.out->data() + c.written, c.out->size() - c.written, MSG_NOSIGNAL);
            if (n > 0) {
                c.written += static_cast<std::size_t>(n);
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                if (!c.wantsWrite) {
                    c.wantsWrite = true;
                    setEvents(index);
                }
                return true;
            }
            return false;
        }
        if (c.wantsWrite) {
            c.wantsWrite = false;
            setEvents(index);
        }
        return true;
    };
    const auto issue = [&](std::size_t index) {
        Connection &c = connections[index];
        if (c.busy)
            return;
        if ((options.requests > 0 && issued >= options.requests) || Clock::now() >= stopIssuing)
            return;
        if (c.fd < 0 && !open(index)) {
            ++result.failedConnections;
            return;
        }
        c.out = &source(issued++);
        c.written = 0;
        c.busy = true;
        c.sent = Clock::now();
        if (!flush(index)) {
            ++result.failedConnections;
            closeConnection(index);
        }
    };

    for (std::size_t i = 0; i < connections.size(); ++i) {
        if (!open(i))
            ++result.failedConnections;
    }
    for (std::size_t i = 0; i < connections.size(); ++i) {
        if (connections[i].fd >= 0)
            issue(i);
    }

    std::array<epoll_event, 64> events {};
    std::array<char, 65536> chunk {};
    for (;;) {
        const auto now = Clock::now();
        const bool anyBusy
            = std::any_of(connections.begin(), connections.end(), [](const Connection &c) { return c.busy; });
        const bool exhausted = (options.requests > 0 && issued >= options.requests) || now >= stopIssuing;
        if ((exhausted && !anyBusy) || now >= hardStop)
            break;
        if (!anyBusy) {
            // Every connection failed: reopen them, or give up when none opens.
            bool opened = false;
            for (std::size_t i = 0; i < connections.size(); ++i) {
                issue(i);
                opened = opened || connections[i].busy;
            }
            if (!opened)
                break;
        }
        const int ready = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), 50);
        for (int e = 0; e < ready; ++e) {
            const auto index = static_cast<std::size_t>(events[static_cast<std::size_t>(e)].data.u64);
            Connection &c = connections[index];
            if (c.fd < 0)
                continue;
            if ((events[static_cast<std::size_t>(e)].events & EPOLLOUT) && c.busy && !flush(index)) {
                ++result.failedConnections;
                closeConnection(index);
                continue;
            }
            if (!(events[static_cast<std::size_t>(e)].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                continue;
            bool closed = false;
            for (;;) {
                const ssize_t n = ::recv(c.fd, chunk.data(), chunk.size(), 0);
                if (n > 0) {
                    c.in.append(chunk.data(), static_cast<std::size_t>(n));
                    continue;
                }
                if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
                    closed = true;
                break;
            }
            while (c.busy) {
                const auto parsed = completeResponse(c.in);
                if (!parsed)
                    break;
                const auto done = Clock::now();
                lastCompletion = done;
                ++result.completed;
                ++result.statuses[parsed->status];
                result.responseBodyBytes += parsed->bodyBytes;
                result.latenciesMs.push_back(
                    std::chrono::duration<double, std::milli>(done - c.sent).count());
                if (result.firstBody.empty())
                    result.firstBody = c.in.substr(parsed->headerBytes, parsed->bodyBytes);
                c.in.erase(0, parsed->headerBytes + parsed->bodyBytes);
                c.busy = false;
                if (!closed)
                    issue(index);
            }
            if (closed) {
                if (c.busy)
                    ++result.failedConnections;
                closeConnection(index);
                issue(index);
            }
        }
    }
    for (std::size_t i = 0; i < connections.size(); ++i)
        closeConnection(i);
    ::close(epoll);
    result.seconds = std::chrono::duration<double>(lastCompletion - start).count();
    return result;
}

int httpExchange(std::uint16_t port, const std::string &request, std::string &body,
                 std::map<std::string, std::string> *headers)
{
    const int fd = connectBlocking(port);
    if (fd < 0)
        return 0;
    std::size_t written = 0;
    while (written < request.size()) {
        const ssize_t n = ::send(fd, request.data() + written, request.size() - written, MSG_NOSIGNAL);
        if (n <= 0) {
            ::close(fd);
            return 0;
        }
        written += static_cast<std::size_t>(n);
    }
    std::string in;
    std::array<char, 65536> chunk {};
    const auto deadline = Clock::now() + std::chrono::seconds(120);
    while (Clock::now() < deadline) {
        if (const auto parsed = completeResponse(in, headers)) {
            body = in.substr(parsed->headerBytes, parsed->bodyBytes);
            ::close(fd);
            return parsed->status;
        }
        const ssize_t n = ::recv(fd, chunk.data(), chunk.size(), 0);
        if (n <= 0)
            break;
        in.append(chunk.data(), static_cast<std::size_t>(n));
    }
    ::close(fd);
    return 0;
}

} // namespace portico::bench
