#pragma once

#include "config/RedisUrl.h"

#include <QByteArray>
#include <QList>
#include <QSslConfiguration>
#include <QString>

#include <utility>

namespace sender {

// Everything RedisSubscriber needs to know; the config module fills it from file, environment and
// command line. Times are in milliseconds.
struct RedisSettings
{
    // The Redis server and how to log in to it: host and port (ignored when sentinels are set),
    // user and password (AUTH user password, or AUTH password for the default user), and the
    // database to SELECT (pub/sub itself ignores the database; SELECT only proves it exists and the
    // user may use it, and is skipped for db 0 so that a pub/sub-only ACL user is enough).
    RedisUrl url;
    // With url.tls (rediss://): how the TLS connections to the server and to the Sentinels are
    // made and checked.
    QSslConfiguration tls;
    // Sentinels to ask, in turn, where the master called sentinelMaster is. Empty: no Sentinel.
    QList<std::pair<QString, quint16>> sentinels;
    QString sentinelMaster;
    // Credentials of the sentinels themselves (their requirepass / ACL), not of the master.
    QString sentinelUser;
    QString sentinelPassword;
    // Channels are prefix + account id; we PSUBSCRIBE to prefix + "*" (glob characters escaped).
    QByteArray channelPrefix = "luna-sender:";
    // Bound on TCP connect plus login plus subscription, on a sentinel's answer, and on the answer
    // to a keepalive PING: a Redis that accepts and never answers ends in Down, never in a hang.
    int connectTimeoutMs = 3000;
    // While subscribed, a PING this often: a silent or vanished server is noticed within
    // pingIntervalMs + connectTimeoutMs even when no events flow and TCP says nothing.
    int pingIntervalMs = 5000;
    // Reconnect back-off: doubling from min to max with jitter, reset once subscribed again. The
    // 1.5 s ceiling keeps the resume within 2 s of Redis coming back; a refused connect costs
    // Redis nothing, so a short ceiling is cheap even with many Sender instances.
    int reconnectMinMs = 100;
    int reconnectMaxMs = 1500;
    // While subscribed through Sentinel, ask a sentinel this often whether the master moved, so a
    // failover moves us even before the old master drops its clients.
    int sentinelCheckIntervalMs = 2000;
    // A message payload (or channel name) larger than this is skipped and counted as malformed.
    qint64 maxMessageBytes = 16 * 1024 * 1024;
    // The most unparsed bytes held while waiting for the end of one reply; beyond it the peer is
    // treated as broken and we reconnect. Well above maxMessageBytes so that an oversized message
    // can be read past and skipped (Redis itself cuts a pub/sub client off at 32 MB of backlog by
    // default); never below maxMessageBytes plus framing (see effectiveBufferedLimit()).
    qint64 maxBufferedBytes = 64 * 1024 * 1024;

    // Empty when usable, else one sentence naming the first problem.
    QString validate() const;
    // maxBufferedBytes, raised if needed so that a message of maxMessageBytes always fits.
    qint64 effectiveBufferedLimit() const;
    // The PSUBSCRIBE pattern: channelPrefix with *, ?, [, ] and \ escaped, then "*".
    QByteArray subscriptionPattern() const;
    // `text` with the glob characters of PSUBSCRIBE and SCAN MATCH escaped.
    static QByteArray globEscaped(QByteArrayView text);
    // "127.0.0.1:6379" or "master 'mymaster' via 2 sentinels", for state details and logs.
    QString targetDescription() const;
};

} // namespace sender
