#pragma once

#include <QByteArray>

class QHostAddress;

#include <sys/socket.h>

namespace sender {

// The key the per-address connection bounds count a client under (issue 18, finding 5): an IPv4
// address as is (IPv4-mapped IPv6 too, so one client has one key), an IPv6 address by its /64,
// because one host or site is routinely given a whole /64 and could otherwise pick a new address
// for every connection. Empty for other families.
QByteArray clientAddressKey(const sockaddr_storage &address);

// The key of a connected socket's peer; empty when it cannot be read.
QByteArray clientAddressKey(int fd);

// The same key for an address Qt gives (the monitoring port counts its clients like this port).
QByteArray clientAddressKey(const QHostAddress &address);

} // namespace sender
