#pragma once

#include "config/Settings.h"

#include <QObject>
#include <QThread>

#include <memory>
#include <optional>

namespace sender {

class EngineFeed;
class MonitorServer;

// The monitoring port as the program runs it ([MONITOR]): its server on a thread of its own,
// reading the engine only through its feed. Created and driven from the main thread.
class MonitorService : public QObject
{
    Q_OBJECT
public:
    explicit MonitorService(QObject *parent = nullptr);
    ~MonitorService() override; // stops the port and joins its thread

    // What [MONITOR] says, checked: the address, and the token (TOKEN, or the first line of
    // TOKEN_FILE). Nothing when it cannot be used; *error says why without the token.
    struct Options;
    // Starts serving the engine behind `feed` (the headless service's or the console's
    // EngineHost), which must outlive the port. False with *error when it cannot listen or its
    // token file cannot be read; ENABLED = 0 starts nothing and succeeds.
    bool start(const Settings &settings, EngineFeed *feed, QString *error);
    void stop();
    bool isRunning() const { return m_server != nullptr; }
    // "127.0.0.1:5081" once listening.
    QString address() const { return m_address; }
    // /monitor/v1/config follows a reloaded configuration (the port itself stays as it is).
    void setSettings(const Settings &settings);

private:
    QThread m_thread;
    MonitorServer *m_server = nullptr; // lives on m_thread
    QString m_address;
};

} // namespace sender
