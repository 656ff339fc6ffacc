#pragma once

#include "sources/EventSource.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

namespace sender {

// Realistic recognition events with no recognition platform: several cameras at real places,
// faces (age, gender, ethnicity, emotion, mask, liveness) and bodies (clothing, headwear,
// backpack), matches against lists with similarities, tags and user data. Lets the console, the
// docs and a newcomer see the product work (--demo).
class DemoGenerator final : public EventSource
{
    Q_OBJECT
public:
    DemoGenerator(const QUuid &account, int eventsPerSecond, QObject *parent = nullptr);

    SourceKind kind() const override { return SourceKind::Demo; }
    void start() override;
    void stop() override;
    State state() const override { return m_state; }
    QString stateDetail() const override;

    void setRate(int eventsPerSecond);
    int rate() const { return m_rate; }
    void setSeed(quint32 seed) { m_random.seed(seed); }
    quint64 generatedCount() const { return m_generated; }

    // One message as a handler would publish it (1 to 3 events); public for tests and benches.
    QByteArray makeMessage();

Q_SIGNALS:
    // For the log: one short line per event, so a headless newcomer sees events flow.
    void eventGenerated(const QString &summary);

private:
    void tick();
    QByteArray makeEvent(QString *summary);

    QUuid m_account;
    QByteArray m_accountText;
    int m_rate;
    State m_state = State::Stopped;
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_owed = 0.0; // events due but not yet generated (fractions carry over)
    qint64 m_lastTickMs = 0;
    quint64 m_generated = 0;
    QRandomGenerator m_random;
};

} // namespace sender
