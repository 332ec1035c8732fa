#include "trustedproxies.h"

#include <QRegularExpression>
#include <QStringList>

#include <arpa/inet.h>
#include <cstring>

namespace portico::server {

namespace {

constexpr int V4MappedPrefix = 96; // ::ffff:0:0/96

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

} // namespace

std::optional<std::array<unsigned char, 16>> TrustedProxies::parseAddress(std::string_view text)
{
    text = trimmed(text);
    // "[::1]" and "::ffff:1.2.3.4" appear in headers; a port ("1.2.3.4:5678") does not belong in
    // X-Forwarded-For and is refused like any other malformed entry.
    if (text.size() > 2 && text.front() == '[' && text.back() == ']')
        text = text.substr(1, text.size() - 2);
    if (text.empty() || text.size() > 45)
        return std::nullopt;
    const std::string zeroTerminated(text);
    std::array<unsigned char, 16> bytes {};
    if (text.find(':') == std::string_view::npos) {
        in_addr v4 {};
        if (::inet_pton(AF_INET, zeroTerminated.c_str(), &v4) != 1)
            return std::nullopt;
        bytes[10] = 0xff;
        bytes[11] = 0xff;
        std::memcpy(bytes.data() + 12, &v4, 4);
        return bytes;
    }
    in6_addr v6 {};
    if (::inet_pton(AF_INET6, zeroTerminated.c_str(), &v6) != 1)
        return std::nullopt;
    std::memcpy(bytes.data(), &v6, 16);
    return bytes;
}

std::optional<TrustedProxies> TrustedProxies::parse(const QString &list, QString *error)
{
    TrustedProxies proxies;
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    for (const QString &entry : list.split(separators, Qt::SkipEmptyParts)) {
        const QStringList parts = entry.split(QLatin1Char('/'));
        const std::optional<std::array<unsigned char, 16>> address
            = parts.size() <= 2 ? parseAddress(parts.first().toStdString()) : std::nullopt;
        const bool v4 = !parts.first().contains(QLatin1Char(':'));
        Network network;
        bool ok = address.has_value();
        if (ok && parts.size() == 2) {
            const int prefix = parts.at(1).toInt(&ok);
            ok = ok && prefix >= 0 && prefix <= (v4 ? 32 : 128);
            network.prefix = ok ? (v4 ? V4MappedPrefix + prefix : prefix) : 0;
        }
        if (!ok) {
            if (error)
                *error = QStringLiteral("%1 is not an IP address or network").arg(entry);
            return std::nullopt;
        }
        network.bytes = *address;
        proxies.m_networks.push_back(network);
    }
    return proxies;
}

bool TrustedProxies::contains(std::string_view address) const
{
    const std::optional<std::array<unsigned char, 16>> bytes = parseAddress(address);
    if (!bytes)
        return false;
    for (const Network &network : m_networks) {
        int bits = network.prefix;
        bool match = true;
        for (std::size_t i = 0; i < 16 && bits > 0 && match; ++i, bits -= 8) {
            const unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
            match = ((*bytes)[i] & mask) == (network.bytes[i] & mask);
        }
        if (match)
            return true;
    }
    return false;
}

std::string TrustedProxies::clientAddress(const std::string &peer, std::string_view forwardedFor) const
{
    if (m_networks.empty() || forwardedFor.empty() || !contains(peer))
        return peer;
    // Each proxy appends the address it received from; walking from the right, the first one
    // that is not a trusted proxy is the client. An entry that is not an address stops the walk:
    // whatever is left of it was written by someone untrusted.
    std::string_view rest = forwardedFor;
    while (!rest.empty()) {
        const std::size_t comma = rest.rfind(',');
        const std::string_view entry
            = trimmed(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        if (!parseAddress(entry))
            return peer;
        if (!contains(entry)) {
            std::string client(entry);
            if (client.size() > 2 && client.front() == '[')
                client = client.substr(1, client.size() - 2);
            return client;
        }
    }
    return peer;
}

} // namespace portico::server
