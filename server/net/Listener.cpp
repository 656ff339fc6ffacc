#include "net/Listener.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sender {

bool Listener::open(const QHostAddress &address, quint16 port, bool reusePort, QString *error)
{
    if (!reusePort) {
        if (listen(address, port))
            return true;
        *error = errorString();
        return false;
    }
    const bool v4 = address.protocol() == QAbstractSocket::IPv4Protocol;
    const int fd = ::socket(v4 ? AF_INET : AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const auto fail = [&](const char *step) {
        *error = QStringLiteral("%1: %2").arg(QLatin1StringView(step),
                                              QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0)
            ::close(fd);
        return false;
    };
    if (fd < 0)
        return fail("socket");
    const int on = 1;
    if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0
        || ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0)
        return fail("SO_REUSEPORT");
    sockaddr_storage storage = {};
    socklen_t length = 0;
    if (v4) {
        auto *in = reinterpret_cast<sockaddr_in *>(&storage);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        in->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof(sockaddr_in);
    } else {
        // QHostAddress::Any (both families) is [::] with IPV6_V6ONLY off, as QTcpServer does.
        const int v6only = address.protocol() == QAbstractSocket::IPv6Protocol ? 1 : 0;
        if (::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only) != 0)
            return fail("IPV6_V6ONLY");
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.protocol() == QAbstractSocket::IPv6Protocol
            ? address.toIPv6Address()
            : QHostAddress(QHostAddress::AnyIPv6).toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
        length = sizeof(sockaddr_in6);
    }
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0)
        return fail("bind");
    if (::listen(fd, listenBacklogSize()) != 0)
        return fail("listen");
    if (!setSocketDescriptor(fd)) {
        *error = errorString();
        ::close(fd);
        return false;
    }
    return true;
}

} // namespace sender
