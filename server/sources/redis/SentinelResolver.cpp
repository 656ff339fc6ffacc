#include "sources/redis/SentinelResolver.h"

#include "sources/redis/RedisLogging.h"

#include <QSslSocket>

namespace sender {

namespace {
// The answers asked for here (+OK, an address pair, nil) are a few dozen bytes. A sentinel that
// sends more, e.g. "$1000000000" and then bytes without end, is cut off here instead of being
// buffered until the timeout (or the memory) runs out.
constexpr qsizetype kMaxReplyBytes = 64 * 1024;
} // namespace

SentinelResolver::SentinelResolver(const RedisSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_reader(kMaxReplyBytes, 64)
    , m_timeout(this)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &SentinelResolver::onTimeout);
}

SentinelResolver::~SentinelResolver()
{
    closeSocket();
}

void SentinelResolver::resolve()
{
    closeSocket();
    m_asked = 0;
    m_sawNoMaster = false;
    m_problems.clear();
    m_current = m_preferred;
    askCurrent();
}

void SentinelResolver::cancel()
{
    closeSocket();
}

QString SentinelResolver::currentName() const
{
    const auto &[host, port] = m_settings.sentinels.at(m_current);
    return host + u':' + QString::number(port);
}

void SentinelResolver::askCurrent()
{
    if (m_asked == m_settings.sentinels.size()) {
        const QString problems = m_problems.join(QStringLiteral("; "));
        const QString detail = m_sawNoMaster
            ? QStringLiteral("sentinel: no master '%1' (%2)")
                  .arg(m_settings.sentinelMaster, problems)
            : QStringLiteral("sentinel: no address for master '%1' (%2)")
                  .arg(m_settings.sentinelMaster, problems);
        Q_EMIT failed(detail);
        return;
    }
    ++m_asked;
    m_reader.reset();
    m_pending.clear();
    // With a rediss:// URL the sentinels are asked over TLS too, with the same certificates and
    // checks (their password and the master's address must not cross the network in clear).
    QSslSocket *tls = m_settings.url.tls ? new QSslSocket(this) : nullptr;
    m_socket = tls ? tls : new QTcpSocket(this);
    m_socket->setReadBufferSize(kMaxReplyBytes); // and so each readAll() is bounded too
    if (tls)
        connect(tls, &QSslSocket::encrypted, this, &SentinelResolver::onConnected);
    else
        connect(m_socket, &QTcpSocket::connected, this, &SentinelResolver::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &SentinelResolver::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &SentinelResolver::onSocketError);
    m_timeout.start(m_settings.connectTimeoutMs);
    const auto &[host, port] = m_settings.sentinels.at(m_current);
    if (tls) {
        tls->setSslConfiguration(m_settings.tls);
        tls->connectToHostEncrypted(host, port);
    } else {
        m_socket->connectToHost(host, port);
    }
}

void SentinelResolver::onConnected()
{
    QByteArray out;
    if (!m_settings.sentinelPassword.isEmpty()) {
        const QByteArray password = m_settings.sentinelPassword.toUtf8();
        if (m_settings.sentinelUser.isEmpty())
            appendRespCommand(out, {"AUTH", password});
        else
            appendRespCommand(out, {"AUTH", m_settings.sentinelUser.toUtf8(), password});
        m_pending.append(Step::Auth);
    }
    appendRespCommand(out,
                      {"SENTINEL", "get-master-addr-by-name", m_settings.sentinelMaster.toUtf8()});
    m_pending.append(Step::Query);
    m_socket->write(out);
}

void SentinelResolver::onReadyRead()
{
    const QByteArray data = m_socket->readAll(); // at most kMaxReplyBytes (the read buffer)
    if (!m_reader.feed(data.constData(), data.size()))
        return giveUp(
            QStringLiteral("%1: protocol error: %2").arg(currentName(), m_reader.errorString()));
    if (m_reader.bufferedBytes() > kMaxReplyBytes)
        return giveUp(QStringLiteral("%1: protocol error: a reply larger than %2 bytes")
                          .arg(currentName())
                          .arg(kMaxReplyBytes));
    while (m_socket) {
        const RespValue *reply = nullptr;
        switch (m_reader.next(&reply)) {
        case RespReader::Status::NeedMore:
            return;
        case RespReader::Status::Error:
            return giveUp(QStringLiteral("%1: protocol error: %2")
                              .arg(currentName(), m_reader.errorString()));
        case RespReader::Status::Reply:
            if (handleReply(*reply))
                return;
            break;
        }
    }
}

bool SentinelResolver::handleReply(const RespValue &reply)
{
    if (m_pending.isEmpty()) {
        giveUp(QStringLiteral("%1: unexpected reply %2").arg(currentName(), reply.describe()));
        return true;
    }
    const Step step = m_pending.takeFirst();
    if (step == Step::Auth) {
        if (reply.type == RespValue::Type::Error) {
            giveUp(QStringLiteral("%1: authentication failed: %2")
                       .arg(currentName(), QString::fromUtf8(reply.bytes)));
            return true;
        }
        return false;
    }
    if (reply.type == RespValue::Type::Nil) {
        m_sawNoMaster = true;
        giveUp(QStringLiteral("%1 knows no such master").arg(currentName()));
        return true;
    }
    const RespValue *host = reply.element(0);
    const RespValue *port = reply.element(1);
    bool portOk = false;
    const uint portNumber = port && port->isText() ? port->bytes.toUInt(&portOk) : 0;
    if (!reply.isArray(2) || !host || !host->isText() || host->bytes.isEmpty() || !portOk
        || portNumber == 0 || portNumber > 65535) {
        giveUp(QStringLiteral("%1: unexpected answer %2").arg(currentName(), reply.describe()));
        return true;
    }
    const QString sentinel = currentName();
    const QString masterHost = QString::fromUtf8(host->bytes);
    m_preferred = m_current;
    closeSocket();
    Q_EMIT resolved(masterHost, quint16(portNumber), sentinel);
    return true;
}

void SentinelResolver::onSocketError()
{
    giveUp(QStringLiteral("%1: %2").arg(currentName(), m_socket->errorString()));
}

void SentinelResolver::onTimeout()
{
    giveUp(QStringLiteral("%1: no answer within %2 ms")
               .arg(currentName(), QString::number(m_settings.connectTimeoutMs)));
}

void SentinelResolver::giveUp(const QString &problem)
{
    qCInfo(lcRedis).noquote() << QStringLiteral("sentinel %1").arg(problem);
    m_problems.append(problem);
    closeSocket();
    m_current = (m_current + 1) % m_settings.sentinels.size();
    askCurrent();
}

void SentinelResolver::closeSocket()
{
    m_timeout.stop();
    if (!m_socket)
        return;
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
    // Possibly inside one of its own signals: let the event loop delete it.
    m_socket->deleteLater();
    m_socket = nullptr;
}

} // namespace sender
