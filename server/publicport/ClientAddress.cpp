#include "publicport/ClientAddress.h"

#include <QHostAddress>

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>

namespace sender {

QByteArray clientAddressKey(const sockaddr_storage &address)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        const auto *v4 = reinterpret_cast<const sockaddr_in *>(&address);
        if (!::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof(text)))
            return {};
        return QByteArray(text);
    }
    if (address.ss_family != AF_INET6)
        return {};
    const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&address);
    if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr)) {
        if (!::inet_ntop(AF_INET, &v6->sin6_addr.s6_addr[12], text, sizeof(text)))
            return {};
        return QByteArray(text);
    }
    in6_addr prefix = v6->sin6_addr;
    std::memset(&prefix.s6_addr[8], 0, 8);
    if (!::inet_ntop(AF_INET6, &prefix, text, sizeof(text)))
        return {};
    return QByteArray(text).append("/64");
}

QByteArray clientAddressKey(int fd)
{
    sockaddr_storage storage {};
    socklen_t length = sizeof(storage);
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return {};
    return clientAddressKey(storage);
}

QByteArray clientAddressKey(const QHostAddress &address)
{
    sockaddr_storage storage {};
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok);
    if (ok) {
        auto *in = reinterpret_cast<sockaddr_in *>(&storage);
        in->sin_family = AF_INET;
        in->sin_addr.s_addr = htonl(v4);
        return clientAddressKey(storage);
    }
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return {};
    auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
    in6->sin6_family = AF_INET6;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    std::memcpy(&in6->sin6_addr, &bytes, 16);
    return clientAddressKey(storage);
}

} // namespace sender
