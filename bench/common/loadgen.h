#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace portico::bench {

// A closed-loop HTTP/1.1 load generator on one thread: `connections` keep-alive connections to
// 127.0.0.1:port, each sending its next request as soon as the previous answer is complete
// (responses framed by Content-Length). Stops issuing after `requests` requests (when > 0) or
// after `duration`, whichever comes first, then waits for the answers in flight (at most
// `drainTimeout`).
struct LoadOptions
{
    std::uint16_t port = 0;
    int connections = 32;
    std::uint64_t requests = 0;
    std::chrono::milliseconds duration {5000};
    std::chrono::milliseconds drainTimeout {30000};
};

struct LoadResult
{
    std::uint64_t completed = 0;
    std::uint64_t failedConnections = 0;
    std::map<int, std::uint64_t> statuses;
    std::vector<double> latenciesMs;
    std::uint64_t responseBodyBytes = 0;
    double seconds = 0;
    std::string firstBody; // the body of the first response, for checks

    double requestsPerSecond() const { return seconds > 0 ? static_cast<double>(completed) / seconds : 0; }
    std::uint64_t count(int status) const
    {
        const auto found = statuses.find(status);
        return found == statuses.end() ? 0 : found->second;
    }
};

// The full request (request line, headers, body) to send as request number `index`.
using RequestSource = std::function<const std::string &(std::uint64_t index)>;

LoadResult runLoad(const LoadOptions &options, const RequestSource &source);

// A blocking exchange on a fresh connection, for set-up and checks. Returns the status and
// fills `body`; 0 when the connection failed.
int httpExchange(std::uint16_t port, const std::string &request, std::string &body,
                 std::map<std::string, std::string> *headers = nullptr);

} // namespace portico::bench
