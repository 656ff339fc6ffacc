#pragma once

#include <QObject>

#include <cstdint>

class QSocketNotifier;

namespace sender {

class IoWatcher
{
public:
    virtual ~IoWatcher() = default;
    virtual void ioEvents(std::uint32_t epollEvents) = 0;
};

// Puts thousands of client sockets behind ONE descriptor in Qt's event loop: an epoll set whose
// own fd is watched by a single QSocketNotifier. Qt's dispatchers (glib's and the UNIX one) poll
// every registered notifier on every wake-up, so with one notifier per socket a wake-up costs
// O(clients); here it costs O(ready sockets). Watchers must stay alive until batchFinished() of
// the round that closed them (the owner defers deletion to then).
class IoLoop : public QObject
{
    Q_OBJECT
public:
    explicit IoLoop(QObject *parent = nullptr);
    ~IoLoop() override;

    bool isValid() const { return m_epoll >= 0; }
    bool add(int fd, IoWatcher *watcher);
    void setWantWrite(int fd, IoWatcher *watcher, bool wantWrite);
    void remove(int fd);

Q_SIGNALS:
    // After each round of ready sockets has been handled: time to flush and reap.
    void batchFinished();

private:
    void process();

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace sender
