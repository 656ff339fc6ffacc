#include "sources/redis/RedisSubscriber.h"

#include "sources/redis/RedisLogging.h"
#include "sources/redis/SentinelResolver.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>

#include <algorithm>

namespace sender {

Q_LOGGING_CATEGORY(lcRedis, "sender.redis")

namespace {
// Bytes fed to the hiredis reader at a time. Its reader moves the unconsumed rest of its buffer
// down after every reply once 1 KB is consumed, so one large feed of many small messages costs
// quadratic copying; small slices keep that move short.
constexpr qint64 kReadSlice = 4096;
constexpr int kMalformedLogLimit = 10;
// A subscription must stay up this long before the back-off starts again from its minimum, so
// that a peer which accepts and then drops every connection is retried ever more slowly.
constexpr int kStableAfterMs = 5000;
// The same failure repeated is logged at most this often at warning level (every attempt goes to
// the debug level); a new failure is logged at once.
constexpr qint64 kRepeatWarningMs = 60000;

// Marks a slot called by the socket, so that the destructor knows whether the socket is inside one
// of its own signals (and must not be deleted right away); survives the owner being deleted.
class SocketSlotScope
{
public:
    SocketSlotScope(RedisSubscriber *owner, int &depth)
        : m_owner(owner)
        , m_depth(depth)
    {
        ++m_depth;
    }
    ~SocketSlotScope()
    {
        if (m_owner)
            --m_depth;
    }

private:
    QPointer<RedisSubscriber> m_owner;
    int &m_depth;
};
} // namespace

RedisSubscriber::RedisSubscriber(const RedisSettings &settings, QObject *parent)
    : EventSource(parent)
    , m_settings(settings)
    , m_reader(settings.maxMessageBytes)
    , m_backoff(settings.reconnectMinMs, settings.reconnectMaxMs)
    , m_retryTimer(this)
    , m_deadline(this)
    , m_pingTimer(this)
    , m_sentinelCheckTimer(this)
    , m_stableTimer(this)
{
    m_retryTimer.setSingleShot(true);
    // The console counts the delay down (nextRetryInMs()): no 5 % coarse-timer slack on it.
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    m_deadline.setSingleShot(true);
    m_stableTimer.setSingleShot(true);
    connect(&m_stableTimer, &QTimer::timeout, this, [this] { m_backoff.reset(); });
    connect(&m_retryTimer, &QTimer::timeout, this, &RedisSubscriber::onRetryTimer);
    connect(&m_deadline, &QTimer::timeout, this, &RedisSubscriber::onDeadline);
    connect(&m_pingTimer, &QTimer::timeout, this, &RedisSubscriber::onPingTimer);
    connect(&m_sentinelCheckTimer, &QTimer::timeout, this, &RedisSubscriber::onSentinelCheckTimer);
    if (!m_settings.sentinels.isEmpty()) {
        m_resolver = new SentinelResolver(m_settings, this);
        connect(m_resolver, &SentinelResolver::resolved, this,
                &RedisSubscriber::onSentinelResolved);
        connect(m_resolver, &SentinelResolver::failed, this, &RedisSubscriber::onSentinelFailed);
    }
}

RedisSubscriber::~RedisSubscriber()
{
    m_destroying = true;
    m_retryTimer.stop();
    closeConnection(true);
    delete m_resolver; // it refers to m_settings, which goes before QObject deletes children
}

QString RedisSubscriber::endpoint() const
{
    return m_host.isEmpty() ? QString() : m_host + u':' + QString::number(m_port);
}

qint64 RedisSubscriber::nextRetryInMs() const
{
    return m_state == State::Down && m_retryTimer.isActive() ? m_retryTimer.remainingTime() : -1;
}

void RedisSubscriber::start()
{
    if (m_state != State::Stopped)
        return;
    if (const QString problem = m_settings.validate(); !problem.isEmpty()) {
        setState(State::Down, QStringLiteral("invalid settings: ") + problem);
        return; // retrying cannot fix the settings; stop() and start() with new ones
    }
    m_reconnects = 0;
    m_backoff.reset();
    m_lastFailure.clear();
    m_quietFailures = 0;
    beginAttempt();
}

void RedisSubscriber::stop()
{
    if (m_state == State::Stopped)
        return;
    m_retryTimer.stop();
    closeConnection(true);
    setState(State::Stopped, QStringLiteral("stopped"));
}

void RedisSubscriber::beginAttempt()
{
    if (m_resolver) {
        m_viaSentinel.clear();
        setState(State::Connecting,
                 QStringLiteral("asking sentinels for master '%1'").arg(m_settings.sentinelMaster));
        m_resolver->resolve();
        return;
    }
    connectToServer(m_settings.url.host, m_settings.url.port);
}

void RedisSubscriber::onSentinelResolved(const QString &host, quint16 port, const QString &sentinel)
{
    if (m_state == State::Connecting && !m_socket) {
        m_viaSentinel = sentinel;
        connectToServer(host, port);
    } else if (m_state == State::Ready && (host != m_host || port != m_port)) {
        fail(QStringLiteral("sentinel: master '%1' moved from %2 to %3:%4")
                 .arg(m_settings.sentinelMaster, endpoint(), host, QString::number(port)));
    }
}

void RedisSubscriber::onSentinelFailed(const QString &detail)
{
    if (m_state == State::Connecting && !m_socket)
        fail(detail);
    else if (m_state == State::Ready)
        qCWarning(lcRedis).noquote() << "still subscribed, but cannot check the master:" << detail;
}

void RedisSubscriber::connectToServer(const QString &host, quint16 port)
{
    m_host = host;
    m_port = port;
    m_reader.reset();
    m_malformedLogged = 0;
    setState(State::Connecting, QStringLiteral("connecting to %1").arg(endpoint()));
    QSslSocket *tls = m_settings.url.tls ? new QSslSocket(this) : nullptr;
    m_socket = tls ? tls : new QTcpSocket(this);
    // With TLS the session starts once the handshake (and the certificate check) is done; a
    // failed check ends in errorOccurred like a refused connection.
    if (tls)
        connect(tls, &QSslSocket::encrypted, this, &RedisSubscriber::onConnected);
    else
        connect(m_socket, &QTcpSocket::connected, this, &RedisSubscriber::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &RedisSubscriber::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &RedisSubscriber::onSocketError);
    connect(m_socket, &QTcpSocket::disconnected, this, &RedisSubscriber::onDisconnected);
    m_deadline.start(m_settings.connectTimeoutMs);
    if (tls) {
        tls->setSslConfiguration(m_settings.tls);
        tls->connectToHostEncrypted(host, port);
    } else {
        m_socket->connectToHost(host, port);
    }
}

void RedisSubscriber::onConnected()
{
    SocketSlotScope scope(this, m_inSocketSlot);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    PubSubSession::Login login;
    login.user = m_settings.url.user;
    login.password = m_settings.url.password;
    login.db = m_settings.url.db;
    login.requireMaster = m_resolver != nullptr;
    login.pattern = m_settings.subscriptionPattern();
    login.channelPrefix = m_settings.channelPrefix;
    login.endpoint = endpoint();
    m_socket->write(m_session.begin(login));
}

void RedisSubscriber::onReadyRead()
{
    SocketSlotScope scope(this, m_inSocketSlot);
    processInput();
}

bool RedisSubscriber::processInput()
{
    const quint64 generation = m_generation;
    const QPointer<RedisSubscriber> self(this);
    char slice[kReadSlice];
    while (m_socket) {
        const qint64 size = m_socket->read(slice, kReadSlice);
        if (size <= 0)
            return true;
        m_bytes += quint64(size);
        if (m_state == State::Ready && m_deadline.isActive())
            m_deadline.start(); // a busy stream ahead of the PONG is a sign of life too
        if (!m_reader.feed(slice, size)) {
            ++m_malformed; // fail() logs it
            fail(QStringLiteral("protocol error from %1: %2")
                     .arg(endpoint(), m_reader.errorString()));
            return false;
        }
        for (;;) {
            const RespValue *reply = nullptr;
            const RespReader::Status status = m_reader.next(&reply);
            if (status == RespReader::Status::NeedMore)
                break;
            if (status == RespReader::Status::Error) {
                const QString why = m_reader.errorString();
                ++m_malformed; // fail() logs it
                fail(QStringLiteral("protocol error from %1: %2").arg(endpoint(), why));
                return false;
            }
            handleReply(*reply);
            if (!self || generation != m_generation)
                return false;
        }
        if (m_reader.bufferedBytes() > m_settings.effectiveBufferedLimit()) {
            ++m_malformed; // fail() logs it
            fail(QStringLiteral("protocol error from %1: a reply larger than %2 bytes")
                     .arg(endpoint(), QString::number(m_settings.effectiveBufferedLimit())));
            return false;
        }
    }
    return false;
}

void RedisSubscriber::handleReply(const RespValue &reply)
{
    const PubSubSession::Outcome outcome = m_session.handle(reply);
    switch (outcome.kind) {
    case PubSubSession::Outcome::Kind::Nothing:
        return;
    case PubSubSession::Outcome::Kind::Subscribed:
        return becomeReady();
    case PubSubSession::Outcome::Kind::Message:
        ++m_messages;
        if (m_sink)
            m_sink->acceptMessage(outcome.accountId, *outcome.payload, SourceKind::Redis);
        return;
    case PubSubSession::Outcome::Kind::Alive:
        m_deadline.stop();
        return;
    case PubSubSession::Outcome::Kind::Malformed:
        return countMalformed(outcome.text);
    case PubSubSession::Outcome::Kind::Failed:
        if (outcome.malformed)
            ++m_malformed; // fail() logs it
        return fail(outcome.text);
    }
}

void RedisSubscriber::becomeReady()
{
    m_deadline.stop();
    m_stableTimer.start(std::max(kStableAfterMs, m_settings.reconnectMaxMs));
    m_pingTimer.start(m_settings.pingIntervalMs);
    QString detail = QStringLiteral("subscribed to %1 db %2")
                         .arg(endpoint(), QString::number(m_settings.url.db));
    if (m_resolver) {
        detail += QStringLiteral(" (master '%1' from sentinel %2)")
                      .arg(m_settings.sentinelMaster, m_viaSentinel);
        m_sentinelCheckTimer.start(m_settings.sentinelCheckIntervalMs);
    }
    if (m_quietFailures > 0)
        qCInfo(lcRedis).noquote() << detail
                                  << QStringLiteral("(after %1 more failed attempts: %2)")
                                         .arg(m_quietFailures)
                                         .arg(m_lastFailure);
    else
        qCInfo(lcRedis).noquote() << detail;
    m_lastFailure.clear();
    m_quietFailures = 0;
    setState(State::Ready, detail);
}

void RedisSubscriber::countMalformed(const QString &what)
{
    ++m_malformed;
    // A hostile peer must not be able to flood the log: the counter keeps the full story.
    if (m_malformedLogged < kMalformedLogLimit)
        qCWarning(lcRedis).noquote() << QStringLiteral("%1: %2").arg(endpoint(), what);
    else if (m_malformedLogged == kMalformedLogLimit)
        qCWarning(lcRedis).noquote()
            << endpoint() + QStringLiteral(": further malformed input is only counted");
    ++m_malformedLogged;
}

void RedisSubscriber::onSocketError(QAbstractSocket::SocketError error)
{
    SocketSlotScope scope(this, m_inSocketSlot);
    // Replies that arrived just before the close are still delivered.
    if (m_socket->bytesAvailable() > 0 && !processInput())
        return;
    if (!m_socket)
        return;
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return fail(QStringLiteral("connection refused by %1").arg(endpoint()));
    case QAbstractSocket::RemoteHostClosedError:
        return onDisconnected();
    case QAbstractSocket::HostNotFoundError:
        return fail(QStringLiteral("host not found: %1").arg(m_host));
    default:
        return fail(QStringLiteral("%1 (%2)").arg(m_socket->errorString(), endpoint()));
    }
}

void RedisSubscriber::onDisconnected()
{
    SocketSlotScope scope(this, m_inSocketSlot);
    if (m_socket && m_socket->bytesAvailable() > 0 && !processInput())
        return;
    if (!m_socket)
        return;
    if (m_state == State::Ready) {
        // Redis closes a subscriber that reads too slowly (client-output-buffer-limit pubsub);
        // counted, so that metrics say how often events may have been lost that way.
        ++m_droppedByServer;
        fail(QStringLiteral("connection lost: %1 closed the connection (if its log says "
                            "client-output-buffer-limit, it dropped us for reading too slowly)")
                 .arg(endpoint()));
        return;
    }
    fail(QStringLiteral("%1 closed the connection before the subscription").arg(endpoint()));
}

void RedisSubscriber::onDeadline()
{
    const int timeout = m_settings.connectTimeoutMs;
    if (m_state == State::Ready)
        return fail(
            QStringLiteral("no answer to PING within %1 ms from %2").arg(timeout).arg(endpoint()));
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        return fail(QStringLiteral("no answer within %1 ms from %2").arg(timeout).arg(endpoint()));
    fail(QStringLiteral("could not connect within %1 ms to %2").arg(timeout).arg(endpoint()));
}

void RedisSubscriber::onPingTimer()
{
    if (m_state != State::Ready || !m_socket || m_session.pingOutstanding())
        return;
    m_deadline.start(m_settings.connectTimeoutMs);
    m_socket->write(m_session.ping());
}

void RedisSubscriber::onSentinelCheckTimer()
{
    if (m_state == State::Ready && m_resolver && !m_resolver->isBusy())
        m_resolver->resolve();
}

void RedisSubscriber::onRetryTimer()
{
    ++m_reconnects;
    beginAttempt();
}

void RedisSubscriber::fail(const QString &detail)
{
    closeConnection(false);
    const int delay = m_backoff.nextDelayMs();
    const QString retry = QStringLiteral("(retry in %1 ms)").arg(delay);
    if (detail != m_lastFailure || m_lastWarning.hasExpired(kRepeatWarningMs)) {
        if (m_quietFailures > 0)
            qCWarning(lcRedis).noquote()
                << detail << retry
                << QStringLiteral("[%1 attempts failed since the last report]")
                       .arg(m_quietFailures);
        else
            qCWarning(lcRedis).noquote() << detail << retry;
        m_lastFailure = detail;
        m_lastWarning.start();
        m_quietFailures = 0;
    } else {
        ++m_quietFailures;
        qCDebug(lcRedis).noquote() << detail << retry;
    }
    m_retryTimer.start(delay);
    setState(State::Down, detail);
}

void RedisSubscriber::closeConnection(bool polite)
{
    ++m_generation;
    m_deadline.stop();
    m_stableTimer.stop();
    m_pingTimer.stop();
    m_sentinelCheckTimer.stop();
    if (m_resolver)
        m_resolver->cancel();
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    disconnect(socket, nullptr, this, nullptr);
    if (polite && socket->state() == QAbstractSocket::ConnectedState) {
        socket->write(PubSubSession::unsubscribeAndQuit());
        socket->flush(); // into the kernel now: the socket is closed right below
    }
    socket->abort();
    if (m_destroying && m_inSocketSlot == 0) {
        delete socket;
    } else {
        // We may be inside one of the socket's own signals: let the event loop delete it.
        if (m_destroying)
            socket->setParent(nullptr);
        socket->deleteLater();
    }
}

void RedisSubscriber::setState(State state, const QString &detail)
{
    m_detail = detail;
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace sender
