#pragma once

#include "sources/redis/RespReader.h"

#include <QList>
#include <QString>

namespace sender {

// What the replies on one subscribing connection mean, in order: the login (AUTH, SELECT, ROLE),
// the PSUBSCRIBE confirmation, then pattern messages and PONGs. It knows no socket and no timer,
// so every reply a broken or hostile peer can send is unit-tested without one.
class PubSubSession
{
public:
    struct Login
    {
        QString user; // empty: AUTH password (the default user), if there is a password
        QString password;
        int db = 0; // 0: no SELECT, so that a pub/sub-only ACL user is enough
        // ROLE must say master: an address from Sentinel may be stale during a failover.
        bool requireMaster = false;
        QByteArray pattern;
        QByteArray channelPrefix;
        QString endpoint; // "host:port", for details
    };

    struct Outcome
    {
        enum class Kind {
            Nothing, // e.g. +OK to AUTH
            Subscribed, // the PSUBSCRIBE is confirmed
            Message, // accountId and *payload are valid until the next reply is parsed
            Alive, // every PING sent so far is answered
            Malformed, // count it, log `text`, carry on
            Failed, // drop the connection; `text` is the state detail
        };
        Kind kind = Kind::Nothing;
        QString text;
        bool malformed = false; // for Failed: whether the peer broke the protocol
        QByteArrayView accountId;
        const QByteArray *payload = nullptr;
    };

    // Starts over for a new connection; returns the pipelined commands to send once connected.
    QByteArray begin(const Login &login);
    // A keepalive PING (allowed in subscribed mode, answered ["pong", ""]).
    QByteArray ping();
    bool pingOutstanding() const { return m_pending.contains(Pending::Ping); }
    bool isSubscribed() const { return m_subscribed; }
    // For a polite goodbye.
    static QByteArray unsubscribeAndQuit();

    Outcome handle(const RespValue &reply);

private:
    enum class Pending : quint8 { Auth, Select, Role, Subscribe, Ping };

    Outcome handleLogin(const RespValue &reply);
    Outcome handleSubscribed(const RespValue &reply);
    Outcome message(const RespValue &reply) const;
    Outcome protocolError(const QString &what) const;

    Login m_login;
    QList<Pending> m_pending;
    bool m_subscribed = false;
};

} // namespace sender
