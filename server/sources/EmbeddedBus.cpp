#include "sources/EmbeddedBus.h"

#include <QThread>

namespace sender {

void EmbeddedBus::start()
{
    m_state = State::Ready;
    Q_EMIT stateChanged(m_state);
}

void EmbeddedBus::stop()
{
    if (m_state == State::Stopped)
        return;
    m_state = State::Stopped;
    Q_EMIT stateChanged(m_state);
}

QString EmbeddedBus::stateDetail() const
{
    return m_state == State::Ready ? QStringLiteral("embedded bus ready (no Redis configured)")
                                   : QStringLiteral("embedded bus stopped");
}

void EmbeddedBus::publish(const QByteArray &accountId, const QByteArray &payload, SourceKind kind)
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(
            this, [this, accountId, payload, kind] { deliver(accountId, payload, kind); },
            Qt::QueuedConnection);
        return;
    }
    deliver(accountId, payload, kind);
}

void EmbeddedBus::deliver(const QByteArray &accountId, const QByteArray &payload, SourceKind kind)
{
    if (m_state != State::Ready || !m_sink)
        return;
    ++m_published;
    m_sink->acceptMessage(accountId, payload, kind);
}

} // namespace sender
