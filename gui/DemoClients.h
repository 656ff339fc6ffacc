#pragma once

#include <QObject>
#include <QThread>
#include <QUuid>

namespace sender {

// A few real WebSocket clients of the demo account with different filters (two of them sharing
// one), so that `--demo` shows connections, filter sets and deliveries at once. They run on a
// thread of their own, never on the console's, and reconnect after an engine restart.
class DemoClients : public QObject
{
    Q_OBJECT
public:
    explicit DemoClients(QObject *parent = nullptr);
    ~DemoClients() override;

    static QStringList queries();
    // listenAddress as EngineHost::started gives it ("0.0.0.0:5080", "[::]:5080").
    void start(const QString &listenAddress, const QUuid &account);
    void stop();
    bool isRunning() const { return m_running; }

private:
    QThread m_thread;
    QObject *m_worker;
    bool m_running = false;
};

} // namespace sender
