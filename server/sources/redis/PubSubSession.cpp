#include "sources/redis/PubSubSession.h"

namespace sender {

namespace {
using Outcome = PubSubSession::Outcome;

Outcome outcome(Outcome::Kind kind, const QString &text = QString(), bool malformed = false)
{
    Outcome result;
    result.kind = kind;
    result.text = text;
    result.malformed = malformed;
    return result;
}
} // namespace

QByteArray PubSubSession::begin(const Login &login)
{
    m_login = login;
    m_pending.clear();
    m_subscribed = false;
    // Pipelined: the replies come back in this order, and the first error names the problem.
    QByteArray out;
    if (!login.user.isEmpty()) {
        appendRespCommand(out, {"AUTH", login.user.toUtf8(), login.password.toUtf8()});
        m_pending.append(Pending::Auth);
    } else if (!login.password.isEmpty()) {
        appendRespCommand(out, {"AUTH", login.password.toUtf8()});
        m_pending.append(Pending::Auth);
    }
    if (login.db != 0) {
        appendRespCommand(out, {"SELECT", QByteArray::number(login.db)});
        m_pending.append(Pending::Select);
    }
    if (login.requireMaster) {
        appendRespCommand(out, {"ROLE"});
        m_pending.append(Pending::Role);
    }
    appendRespCommand(out, {"PSUBSCRIBE", login.pattern});
    m_pending.append(Pending::Subscribe);
    return out;
}

QByteArray PubSubSession::ping()
{
    m_pending.append(Pending::Ping);
    return QByteArrayLiteral("*1\r\n$4\r\nPING\r\n");
}

QByteArray PubSubSession::unsubscribeAndQuit()
{
    return QByteArrayLiteral("*1\r\n$12\r\nPUNSUBSCRIBE\r\n*1\r\n$4\r\nQUIT\r\n");
}

Outcome PubSubSession::handle(const RespValue &reply)
{
    return m_subscribed ? handleSubscribed(reply) : handleLogin(reply);
}

Outcome PubSubSession::protocolError(const QString &what) const
{
    return outcome(Outcome::Kind::Failed,
                   QStringLiteral("protocol error from %1: %2").arg(m_login.endpoint, what), true);
}

Outcome PubSubSession::handleLogin(const RespValue &reply)
{
    if (m_pending.isEmpty())
        return protocolError(QStringLiteral("unexpected reply ") + reply.describe());
    const Pending step = m_pending.takeFirst();
    if (reply.type == RespValue::Type::Error) {
        const QString error = QString::fromUtf8(reply.bytes);
        const auto failed = [](const QString &text) {
            return outcome(Outcome::Kind::Failed, text);
        };
        switch (step) {
        case Pending::Auth:
            return failed(QStringLiteral("authentication failed: ") + error);
        case Pending::Select:
            return failed(QStringLiteral("SELECT %1 failed: %2").arg(m_login.db).arg(error));
        case Pending::Role:
            return failed(QStringLiteral("ROLE failed on %1: %2").arg(m_login.endpoint, error));
        case Pending::Subscribe:
        case Pending::Ping:
            if (error.startsWith(QLatin1StringView("NOAUTH")))
                return failed(QStringLiteral("authentication required: ") + error);
            return failed(QStringLiteral("subscription refused: ") + error);
        }
    }
    switch (step) {
    case Pending::Auth:
    case Pending::Select:
    case Pending::Ping:
        return outcome(Outcome::Kind::Nothing);
    case Pending::Role: {
        const RespValue *role = reply.element(0);
        if (role && role->textEquals("master"))
            return outcome(Outcome::Kind::Nothing);
        const QString name =
            role && role->isText() ? QString::fromUtf8(role->bytes) : reply.describe();
        return outcome(
            Outcome::Kind::Failed,
            QStringLiteral("sentinel: %1 is not a master (role %2)").arg(m_login.endpoint, name));
    }
    case Pending::Subscribe:
        if (!reply.isArray(3) || !reply.element(0)->textEquals("psubscribe"))
            return protocolError(QStringLiteral("unexpected answer to PSUBSCRIBE ")
                                 + reply.describe());
        m_subscribed = true;
        return outcome(Outcome::Kind::Subscribed);
    }
    return outcome(Outcome::Kind::Nothing);
}

Outcome PubSubSession::handleSubscribed(const RespValue &reply)
{
    const RespValue *kind = reply.element(0);
    if (reply.isArray(4) && kind->textEquals("pmessage"))
        return message(reply);
    const bool pingAnswered = !m_pending.isEmpty() && m_pending.first() == Pending::Ping;
    if (pingAnswered && reply.isArray(2) && kind->textEquals("pong")) {
        m_pending.removeFirst();
        return outcome(m_pending.isEmpty() ? Outcome::Kind::Alive : Outcome::Kind::Nothing);
    }
    if (pingAnswered && reply.type == RespValue::Type::Error) {
        // An ACL user without +ping: the server is alive, which is all the PING asks. Counted so
        // that the misconfiguration shows.
        m_pending.removeFirst();
        return outcome(Outcome::Kind::Malformed,
                       QStringLiteral("PING refused (the connection is alive): ")
                           + reply.describe());
    }
    return outcome(Outcome::Kind::Malformed,
                   QStringLiteral("unexpected reply while subscribed: ") + reply.describe());
}

Outcome PubSubSession::message(const RespValue &reply) const
{
    const RespValue *channel = reply.element(2);
    const RespValue *payload = reply.element(3);
    if (channel->type != RespValue::Type::String || payload->type != RespValue::Type::String)
        return outcome(Outcome::Kind::Malformed,
                       QStringLiteral("pmessage with non-string parts: ") + reply.describe());
    if (channel->oversized || payload->oversized) {
        return outcome(Outcome::Kind::Malformed,
                       QStringLiteral("message of %1 bytes over the size limit skipped, channel %2")
                           .arg(payload->integer)
                           .arg(channel->describe()));
    }
    const QByteArray &prefix = m_login.channelPrefix;
    if (!channel->bytes.startsWith(prefix))
        return outcome(Outcome::Kind::Malformed,
                       QStringLiteral("message on a foreign channel: ") + channel->describe());
    Outcome result;
    result.kind = Outcome::Kind::Message;
    result.accountId = channel->view().sliced(prefix.size());
    result.payload = &payload->bytes;
    return result;
}

} // namespace sender
