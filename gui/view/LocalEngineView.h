#pragma once

#include "config/Settings.h"
#include "gui/view/EngineView.h"

namespace sender {

class EngineHost;

// The engine in this process: EngineHost on its own thread, its signals passed on as they are.
class LocalEngineView : public EngineView
{
    Q_OBJECT
public:
    explicit LocalEngineView(QObject *parent = nullptr);

    EngineHost *host() const { return m_host; }
    // Starts (or restarts) the engine with these settings.
    void start(const Settings &settings);
    const Settings &settings() const;
    // Publishes a Redis-format message into the embedded bus.
    void publish(const QByteArray &account, const QByteArray &message);

    bool isRemote() const override { return false; }
    QString instanceName() const override { return listenAddress(); }
    void disconnectClient(quint64 id, const QString &reason) override;
    void setSampling(bool on) override;
    void requestConfig() override;
    void requestRecentEvents(int limit) override;
    void acknowledgeAlert(quint64 id, const QString &by, const QString &comment) override;
    void requestAlerts(int limit = 500) override;
    void requestAlertRules() override;
    void setAlertRules(const QByteArray &json) override;

private:
    EngineHost *m_host;
};

} // namespace sender
