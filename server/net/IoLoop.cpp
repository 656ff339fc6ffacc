#include "net/IoLoop.h"

#include "net/NetLog.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <sys/epoll.h>
#include <unistd.h>

namespace sender {

IoLoop::IoLoop(QObject *parent)
    : QObject(parent)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0) {
        qCCritical(lcNet, "epoll_create1 failed: %s", std::strerror(errno));
        return;
    }
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &IoLoop::process);
}

IoLoop::~IoLoop()
{
    delete m_notifier;
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool IoLoop::add(int fd, IoWatcher *watcher)
{
    epoll_event ev {};
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.ptr = watcher;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0) {
        qCWarning(lcNet, "epoll_ctl(ADD) failed: %s", std::strerror(errno));
        return false;
    }
    return true;
}

void IoLoop::setWantWrite(int fd, IoWatcher *watcher, bool wantWrite)
{
    epoll_event ev {};
    ev.events = EPOLLIN | EPOLLRDHUP | (wantWrite ? EPOLLOUT : 0u);
    ev.data.ptr = watcher;
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev);
}

void IoLoop::remove(int fd)
{
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

void IoLoop::process()
{
    constexpr int kMaxEvents = 512;
    epoll_event events[kMaxEvents];
    // A few rounds at most, so that a flood of one kind never starves Qt's other sources (the
    // Redis socket, timers): the notifier fires again while anything is still ready.
    for (int round = 0; round < 4; ++round) {
        const int n = epoll_wait(m_epoll, events, kMaxEvents, 0);
        if (n <= 0)
            break;
        for (int i = 0; i < n; ++i)
            static_cast<IoWatcher *>(events[i].data.ptr)->ioEvents(events[i].events);
        Q_EMIT batchFinished();
        if (n < kMaxEvents)
            break;
    }
}

} // namespace sender
