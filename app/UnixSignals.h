#pragma once

#include <QObject>

class QSocketNotifier;

namespace sender {

// Turns SIGINT, SIGTERM, SIGHUP and SIGUSR2 into a Qt signal on the thread that created it. The
// handler only write()s the signal number into a socketpair (async-signal-safe); a QSocketNotifier
// reads it in the event loop, as Mumble's server does.
class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void received(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace sender
