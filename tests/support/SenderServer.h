#pragma once

#include "TestTimeouts.h"
#include "engine/Engine.h"
#include "snapshots/EngineSnapshot.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>
#include <utility>

namespace sender::test {

// "SECTION.KEY" -> value as it would be typed on the command line.
using Overrides = QList<std::pair<QString, QString>>;

// Settings() defaults, then SERVER.HOST=127.0.0.1 and SERVER.PORT=0, then the overrides, each
// validated the way the command line validates it. Nothing (and *error) when a value is refused.
std::optional<Settings> makeSettings(const Overrides &overrides, QString *error);

// The whole server in-process, on the test's thread, listening on 127.0.0.1 and a free port. The
// test drives it with real clients, so everything it waits for must wait with the event loop
// running (QTRY_*, QSignalSpy::wait, QTest::qWaitFor), never with a blocking call.
class SenderServer
{
public:
    SenderServer();
    ~SenderServer();
    SenderServer(const SenderServer &) = delete;
    SenderServer &operator=(const SenderServer &) = delete;

    bool start(const Overrides &overrides = {});
    // Engine::stop(graceMs), then waits for stopped() (false if it does not come in time).
    bool stop(int graceMs = 3000, int timeoutMs = timeouts::kRoundTrip);
    QString errorString() const { return m_error; }

    Engine *engine() const { return m_engine.get(); }
    quint16 port() const;
    // "http://127.0.0.1:<port>" + pathAndQuery, taken as already encoded (kept byte for byte).
    QUrl httpUrl(const QByteArray &pathAndQuery) const;
    QUrl wsUrl(const QByteArray &pathAndQuery) const;
    EngineSnapshot snapshot() const { return m_engine->snapshot(); }

    // Into the embedded bus: the path a Redis message on "luna-sender:<account>" takes.
    void publish(const QByteArray &account, const QByteArray &message);

private:
    std::unique_ptr<Engine> m_engine;
    bool m_stopped = false;
    QString m_error;
};

// A directory of the source tree (e.g. "tests/data"), for test data files.
QString sourcePath(const QString &relative);
QByteArray readSourceFile(const QString &relative);

} // namespace sender::test
