#include "sources/redis/RedisCommandLink.h"

#include "sources/redis/RedisLogging.h"
#include "sources/redis/SentinelResolver.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>

namespace sender {

namespace {
constexpr qint64 kReadSlice = 4096;
// Unparsed bytes of one reply at most: the replies asked for here are a few hundred KB at most
// (a SCAN page, an MGET of small values); a peer that sends more is broken.
constexpr qsizetype kMaxBufferedBytes = 8 * 1024 * 1024;
} // namespace

RedisCommandLink::RedisCommandLink(const RedisSettings &settings, qint64 maxStringBytes,
                                   QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_reader(maxStringBytes)
    , m_deadline(this)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(QStringLiteral("Redis %1 did not answer within %2 ms")
                 .arg(m_endpoint.isEmpty() ? m_settings.targetDescription() : m_endpoint)
                 .arg(m_settings.connectTimeoutMs));
    });
    if (!m_settings.sentinels.isEmpty()) {
        m_resolver = new SentinelResolver(m_settings, this);
        connect(
            m_resolver, &SentinelResolver::resolved, this,
            [this](const QString &host, quint16 port, const QString &) { connectTo(host, port); });
        connect(m_resolver, &SentinelResolver::failed, this, &RedisCommandLink::fail);
    }
}

RedisCommandLink::~RedisCommandLink()
{
    m_waiting.clear(); // nobody is told: the owner is going away
    if (m_socket)
        m_socket->abort();
    delete m_resolver; // it refers to m_settings, which goes before QObject deletes children
}

void RedisCommandLink::send(const QList<QByteArray> &args, Done done)
{
    QByteArray command;
    appendRespCommand(command, args);
    m_waiting.append({std::move(done), false});
    if (m_ready) {
        m_socket->write(command);
    } else {
        m_outbox += command;
        if (!m_socket && !(m_resolver && m_resolver->isBusy()))
            connectNow();
    }
    armDeadline();
}

void RedisCommandLink::sendAndQuit(const QList<QByteArray> &args)
{
    if (m_ready) {
        QByteArray command;
        appendRespCommand(command, args);
        appendRespCommand(command, {"QUIT"});
        m_socket->write(command);
        m_socket->flush();
        // The socket goes once its bytes are out (or at once if it cannot send them).
        QTcpSocket *socket = std::exchange(m_socket, nullptr);
        socket->disconnect(this);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        socket->setParent(nullptr);
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
        m_ready = false;
    }
    close(QStringLiteral("stopped"));
}

void RedisCommandLink::close(const QString &why)
{
    fail(why);
}

void RedisCommandLink::connectNow()
{
    if (m_resolver)
        m_resolver->resolve();
    else
        connectTo(m_settings.url.host, m_settings.url.port);
}

void RedisCommandLink::connectTo(const QString &host, quint16 port)
{
    if (m_socket)
        return;
    m_endpoint = host + u':' + QString::number(port);
    m_reader.reset();
    QSslSocket *tls = m_settings.url.tls ? new QSslSocket(this) : nullptr;
    m_socket = tls ? tls : new QTcpSocket(this);
    if (tls)
        connect(tls, &QSslSocket::encrypted, this, &RedisCommandLink::onConnected);
    else
        connect(m_socket, &QTcpSocket::connected, this, &RedisCommandLink::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &RedisCommandLink::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        fail(QStringLiteral("Redis %1: %2").arg(m_endpoint, m_socket->errorString()));
    });
    connect(m_socket, &QTcpSocket::disconnected, this,
            [this] { fail(QStringLiteral("Redis %1 closed the connection").arg(m_endpoint)); });
    if (tls) {
        tls->setSslConfiguration(m_settings.tls);
        tls->connectToHostEncrypted(host, port);
    } else {
        m_socket->connectToHost(host, port);
    }
}

void RedisCommandLink::onConnected()
{
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QByteArray login;
    QList<Waiting> steps;
    const auto step = [this](const RespValue *reply, const QString &) {
        if (reply && reply->type == RespValue::Type::Error)
            fail(QStringLiteral("Redis %1 refused the login: %2")
                     .arg(m_endpoint, reply->describe()));
    };
    if (!m_settings.url.password.isEmpty()) {
        const QByteArray password = m_settings.url.password.toUtf8();
        if (m_settings.url.user.isEmpty())
            appendRespCommand(login, {"AUTH", password});
        else
            appendRespCommand(login, {"AUTH", m_settings.url.user.toUtf8(), password});
        steps.append({step, true});
    }
    if (m_settings.url.db != 0) {
        appendRespCommand(login, {"SELECT", QByteArray::number(m_settings.url.db)});
        steps.append({step, true});
    }
    m_waiting = steps + m_waiting;
    m_ready = true;
    m_socket->write(login + std::exchange(m_outbox, {}));
    armDeadline();
}

void RedisCommandLink::onReadyRead()
{
    const QPointer<QTcpSocket> socket = m_socket;
    const RespValue *reply = nullptr;
    while (socket && socket == m_socket) {
        RespReader::Status status = m_reader.next(&reply);
        if (status == RespReader::Status::NeedMore) {
            // Small slices: hiredis's reader moves its unread rest after each reply.
            const QByteArray slice = m_socket->read(kReadSlice);
            if (slice.isEmpty())
                break;
            if (!m_reader.feed(slice.constData(), slice.size())
                || m_reader.bufferedBytes() > kMaxBufferedBytes) {
                fail(QStringLiteral("Redis %1 sent more than this link reads").arg(m_endpoint));
                return;
            }
            continue;
        }
        if (status == RespReader::Status::Error) {
            fail(QStringLiteral("Redis %1 broke the protocol: %2")
                     .arg(m_endpoint, m_reader.errorString()));
            return;
        }
        if (m_waiting.isEmpty()) {
            fail(QStringLiteral("Redis %1 sent a reply nobody asked for").arg(m_endpoint));
            return;
        }
        const Waiting waiting = m_waiting.takeFirst();
        m_lastError.clear();
        waiting.done(reply, {});
    }
    if (socket && socket == m_socket)
        armDeadline();
}

void RedisCommandLink::fail(const QString &why)
{
    m_deadline.stop();
    if (m_resolver)
        m_resolver->cancel();
    if (m_socket) {
        QTcpSocket *socket = std::exchange(m_socket, nullptr);
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater(); // we may be inside one of its signals
    }
    m_ready = false;
    m_outbox.clear();
    if (m_waiting.isEmpty())
        return;
    m_lastError = why;
    qCDebug(lcRedis).noquote() << "command link:" << why;
    const QList<Waiting> waiting = std::exchange(m_waiting, {});
    for (const Waiting &w : waiting)
        w.done(nullptr, why);
}

void RedisCommandLink::armDeadline()
{
    if (m_waiting.isEmpty())
        m_deadline.stop();
    else
        m_deadline.start(m_settings.connectTimeoutMs);
}

} // namespace sender
