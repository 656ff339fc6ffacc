#pragma once

#include "config/Settings.h"

#include <QObject>
#include <QThread>

#include <memory>
#include <optional>

namespace sender {

class Engine;
class EngineHost;
class MonitorFeed;
class MonitorServer;

// The monitoring port as the program runs it ([MONITOR]): its server on a thread of its own, fed
// by periodic snapshots of the engine. Created and driven from the main thread.
class MonitorService : public QObject
{
    Q_OBJECT
public:
    explicit MonitorService(QObject *parent = nullptr);
    ~MonitorService() override; // stops the port and joins its thread

    // What [MONITOR] says, checked: the address, and the token (TOKEN, or the first line of
    // TOKEN_FILE). Nothing when it cannot be used; *error says why without the token.
    struct Options;
    // Starts serving `engine`, which runs on the calling thread (the headless service), or the
    // engine of `host` (the console). False with *error when it cannot listen or its token file
    // cannot be read; ENABLED = 0 starts nothing and succeeds.
    bool start(const Settings &settings, Engine *engine, QString *error);
    bool start(const Settings &settings, EngineHost *host, QString *error);
    void stop();
    bool isRunning() const { return m_server != nullptr; }
    // "127.0.0.1:5081" once listening.
    QString address() const { return m_address; }
    // /monitor/v1/config follows a reloaded configuration (the port itself stays as it is).
    void setSettings(const Settings &settings);

private:
    bool startWith(const Settings &settings, MonitorFeed *feed, QString *error);

    QThread m_thread;
    MonitorFeed *m_feed = nullptr; // lives on the engine's thread
    MonitorServer *m_server = nullptr; // lives on m_thread
    QString m_address;
};

} // namespace sender
