#pragma once

#include <QString>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portico::server {

// The reverse proxies (a load balancer, nginx in front of TLS) whose X-Forwarded-For header the
// server believes. Behind a proxy every request comes from the proxy's address, so the login
// rate limit per address and the request log would see one client; with the proxy trusted, the
// client is the rightmost address of X-Forwarded-For that is not itself a trusted proxy. From
// any other peer the header is ignored: a client cannot pick the address it is counted under.
class TrustedProxies final
{
public:
    // "10.0.0.0/8, 127.0.0.1, ::1, fd00::/8": addresses and CIDR networks, IPv4 and IPv6,
    // separated by commas or spaces. nullopt with *error naming the entry that is not one.
    static std::optional<TrustedProxies> parse(const QString &list, QString *error = nullptr);

    bool isEmpty() const noexcept { return m_networks.empty(); }
    bool contains(std::string_view address) const;
    // The address the request is counted under: `peer` unless it is trusted and the header
    // names a client.
    std::string clientAddress(const std::string &peer, std::string_view forwardedFor) const;

private:
    struct Network
    {
        std::array<unsigned char, 16> bytes {}; // IPv4 as ::ffff:a.b.c.d
        int prefix = 128;
    };
    static std::optional<std::array<unsigned char, 16>> parseAddress(std::string_view text);
    std::vector<Network> m_networks;
};

} // namespace portico::server
