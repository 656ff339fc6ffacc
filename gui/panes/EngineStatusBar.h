#pragma once

#include "engine/EngineFeed.h"
#include "gui/models/RateTracker.h"
#include "snapshots/EngineSnapshot.h"

#include <QObject>

class QLabel;
class QStatusBar;

namespace sender {

// The status bar's fields: where the server listens, the state of the event source (with the
// Redis reconnect countdown), events per second in and out, connected clients, what the history
// for resuming clients holds (hidden when it is off) and uptime.
class EngineStatusBar : public QObject
{
    Q_OBJECT
public:
    explicit EngineStatusBar(QStatusBar *bar);

    void showStarting();
    // An attached console before it has heard from its service: no address to show yet.
    void showAddressUnknown();
    void showStarted(const QString &address);
    void showStartFailed(const QString &error);
    void showStopped();
    void showSnapshot(const EngineSnapshot &snapshot, const RateTracker::Rates &rates);
    // An attached console's link to its service (the field stays hidden for a local engine).
    void showLink(EngineFeed::LinkState state, const QString &instance, const QString &detail,
                  int nextRetryInMs);

    QString addressText() const;
    QString linkText() const;
    // Greys every field but the link's: what they show is the last state heard, not the present.
    void setStale(bool stale);
    QString sourceText() const;
    QString ratesText() const;
    QString clientsText() const;
    QString historyText() const;

    // "Redis: down, retry in 1.2 s": the state of the sources as one line (also for the tray).
    static QString sourceStateText(const EngineSnapshot &snapshot, QString *tooltip = nullptr,
                                   QColor *color = nullptr);

private:
    QLabel *addField(const QString &objectName, bool permanent);
    void showHistory(const HistorySnapshot &history);

    QStatusBar *m_bar;
    QLabel *m_link;
    QLabel *m_address;
    QLabel *m_source;
    QLabel *m_rateIn;
    QLabel *m_rateOut;
    QLabel *m_clients;
    QLabel *m_history;
    QLabel *m_uptime;
};

} // namespace sender
